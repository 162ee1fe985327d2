"""A checked file written as one upload in one transaction (summaries refreshed with it), and uploads undone and redone."""

from __future__ import annotations

from bebenah import audit, db
from bebenah.ingest.checking import Check, check, upload_state
from bebenah.ingest.errors import IngestError
from bebenah.ingest.parsing import read


def commit(checked: Check | list[Check], actor: str, valid_only: bool = False) -> int | list[int]:
    """Write a checked file as one upload, in one transaction; the upload's id.

    Refuses (IngestError) while a row is rejected, unless valid_only. The same bytes as an active
    upload of the kind write nothing and return that upload's id. Rows that are all unchanged (the
    same content in another file: the template, then a Kobo export of it) write nothing either,
    and raise IngestError("tidak_ada_perubahan"). A list of checks (a survei file and the intervensi
    file naming its households) is written in one transaction; a file of it that changes nothing
    gets None for its id, and the error comes only when none of them changes anything.
    """
    checks = checked if isinstance(checked, list) else [checked]
    ids = []
    with db.transaction() as cur:
        stale = any(one.state != upload_state(cur) for one in checks)
        for index, one in enumerate(checks):
            if stale:  # another upload or undo came in between: check again, inside the transaction
                one = checks[index] = check(cur, one.parsed, companions=checks[:index], area=one.area)
            ids.append(_write(cur, one, actor, valid_only))
        if all(upload_id is None for upload_id in ids):
            raise IngestError("tidak_ada_perubahan", n=sum(one.counts["unchanged"] for one in checks))
    return ids if isinstance(checked, list) else ids[0]


def _write(cur, checked: Check, actor: str, valid_only: bool) -> int | None:
    parsed, counts = checked.parsed, checked.counts
    if checked.identical_upload is not None:
        return checked.identical_upload
    if counts["rejected"] and not valid_only:
        raise IngestError("ada_baris_ditolak", n=counts["rejected"])
    if not checked.accepted.num_rows:
        raise IngestError("tidak_ada_baris_sah")
    if not checked.changes_anything:
        return None  # an upload of rows that are all stored already would only duplicate them
    upload_id = int(
        db.query(
            cur,
            "insert_upload",
            kind=parsed.kind,
            file_name=parsed.file_name,
            file_shape=parsed.shape,
            content_hash=parsed.content_hash,
            uploaded_by=actor,
            rows_new=counts["new"],
            rows_changed=counts["changed"],
            rows_unchanged=counts["unchanged"],
            rows_rejected=counts["rejected"],
        ).iloc[0, 0]
    )
    cur.register("upload_accepted", checked.accepted)
    try:
        db.execute(cur, f"insert_{parsed.kind}", upload_id=upload_id)
    finally:
        cur.unregister("upload_accepted")
    db.refresh_summary(cur, upload_id)
    audit.log(
        cur, actor, "upload", str(upload_id),
        kind=parsed.kind, file_name=parsed.file_name, file_shape=parsed.shape,
        content_hash=parsed.content_hash, **{f"rows_{k}": v for k, v in counts.items()},
    )
    return upload_id


def undo(upload_id: int, actor: str, own_only: bool = False) -> None:
    """Withdraw an upload: its rows stop counting and the values before it are current again.

    own_only: the actor may undo only uploads they made (an uploader; admins may undo any)."""
    _change_status(upload_id, actor, "withdrawn", "undo", own_only)


def redo(upload_id: int, actor: str, own_only: bool = False) -> None:
    """Make a withdrawn upload active again."""
    _change_status(upload_id, actor, "active", "redo", own_only)


def _change_status(upload_id, actor: str, status: str, action: str, own_only: bool) -> None:
    try:
        upload_id = int(upload_id)
    except (TypeError, ValueError):
        raise IngestError("unggahan_tidak_ada", upload_id=upload_id) from None
    with db.transaction() as cur:
        found = db.query(cur, "upload_status", upload_id=upload_id)
        if found.empty:
            raise IngestError("unggahan_tidak_ada", upload_id=upload_id)
        if own_only and found["uploaded_by"].iloc[0] != actor:
            raise IngestError("bukan_unggahan_anda", upload_id=upload_id)
        if found["status"].iloc[0] == status:
            raise IngestError("sudah_ditarik" if status == "withdrawn" else "sudah_aktif", upload_id=upload_id)
        db.execute(cur, "insert_upload_status_change", upload_id=upload_id, status=status, changed_by=actor)
        db.refresh_summary(cur, upload_id)
        audit.log(cur, actor, action, str(upload_id), kind=found["kind"].iloc[0], file_name=found["file_name"].iloc[0])


def ingest(data: bytes, file_name: str, actor: str, kind: str | None = None, valid_only: bool = False):
    """Read, check and commit in one call (scripts and the benchmark); (check, upload_id)."""
    checked = check(db.cursor(), read(data, file_name, kind))
    return checked, commit(checked, actor, valid_only)

