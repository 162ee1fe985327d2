"""Uploads, end to end: check a file against the contract in DuckDB, preview it, commit it in one
transaction, and undo or redo a commit.

    parsed = ingest.read(data, "survei.csv")          # shape, kind, columns (bebenah.shapes)
    checked = ingest.check(db.cursor(), parsed)       # problems, new / changed / unchanged rows
    upload_id = ingest.commit(checked, "ani")         # nothing is written while a row is rejected
    ingest.undo(upload_id, "ani"); ingest.redo(upload_id, "ani")

Every rule is SQL (queries/validate_columns.sql for single values, validate_<kind>.sql across
columns); the messages for its reason codes are in locales/upload.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from bebenah import audit, db, export
from bebenah.i18n import t
from bebenah.shapes import (
    COLUMNS, JAKARTA, KINDS, SHAPES, IngestError, Parsed, max_upload_bytes, max_upload_mb, read,
)

__all__ = [
    "KINDS", "SHAPES", "Check", "IngestError", "Parsed", "check", "commit", "ingest", "max_upload_bytes",
    "max_upload_mb", "problems_csv", "problems_xlsx", "read", "redo", "undo", "upload_state",
]

CHANGE_SAMPLE_ROWS = 20
FORMULA_START = export.FORMULA_STARTS  # the problem list is written by bebenah.export


def today() -> date:
    return datetime.now(JAKARTA).date()


@lru_cache(maxsize=None)
def rules(kind: str) -> pa.Table:
    """One row per contract column of the kind, as validate_columns.sql reads them."""
    columns = COLUMNS[kind]
    for col in columns:
        # validate_columns.sql tries a pattern on the values' shapes with every digit read as 0.
        if col.pola and re.search(r"\d", re.sub(r"\{\d+(,\d*)?\}", "", col.pola)):
            raise ValueError(f"{kind}.{col.name}: a pattern may test digits only as a class: {col.pola}")
    return pa.table({
        "kolom": [c.name for c in columns],
        "tipe": [c.tipe for c in columns],
        "wajib": [c.wajib for c in columns],
        "pilihan": pa.array([list(c.pilihan) for c in columns], pa.list_(pa.string())),
        "minimum": pa.array([c.minimum for c in columns], pa.float64()),
        "maksimum": pa.array([c.maksimum for c in columns], pa.float64()),
        "pola": pa.array([c.pola for c in columns], pa.string()),
        "contoh": pa.array([c.contoh for c in columns], pa.string()),
        "panjang": pa.array([c.panjang for c in columns], pa.int32()),
        "katalog": pa.array([c.katalog for c in columns], pa.string()),
    })


@dataclass
class Check:
    """A file checked against the contract and the database, ready to preview and commit."""

    parsed: Parsed
    problems: pd.DataFrame  # baris, kolom (as the file names it), kolom_kontrak, nilai, kode_alasan, rincian
    status: pd.DataFrame  # baris, status (baru | berubah | sama) of every row without a problem
    changes: pd.DataFrame  # baris, kunci, kolom, sebelum, sesudah: a sample of the changed values
    accepted: pa.Table = field(repr=False)  # baris and the kind's columns of the rows without a problem
    identical_upload: int | None  # an active upload of exactly these bytes
    state: tuple  # upload_state when checked: a commit re-checks if it moved
    area: str | None  # the uploader's area the rows were checked against (None: anywhere)
    households: pd.DataFrame = field(repr=False, default=None)  # for an intervensi file of the same upload

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @property
    def counts(self) -> dict[str, int]:
        by_status = self.status["status"].value_counts()
        return {
            "new": int(by_status.get("baru", 0)),
            "changed": int(by_status.get("berubah", 0)),
            "unchanged": int(by_status.get("sama", 0)),
            "rejected": int(self.problems["baris"].nunique()),
            "skipped": len(self.parsed.skipped),
        }

    def messages(self, lang: str | None = None, limit: int | None = None) -> pd.Series:
        """One sentence per problem: "Baris 5, kolom «…»: nilai «tidak» — what is wrong and what to do"."""
        problems = self.problems.head(limit)
        return pd.Series(
            [problem_message(row, lang) for row in problems.itertuples(index=False)],
            index=problems.index,
            dtype="str",
        )

    def problem_table(self, lang: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """The problems as the user reads and downloads them, headed in their language."""
        table = self.problems[["baris", "kolom", "nilai", "kode_alasan"]].head(limit).copy()
        table["pesan"] = self.messages(lang, limit)
        return table.rename(columns={name: t(f"upload.problems.{name}", lang) for name in table.columns})


def problem_message(problem, lang: str | None = None) -> str:
    detail = "" if problem.rincian is None or pd.isna(problem.rincian) else problem.rincian
    reason = t(f"upload.reason.{problem.kode_alasan}", lang, rincian=detail)
    if problem.nilai is None or pd.isna(problem.nilai):
        where = t("upload.problem.empty", lang, baris=problem.baris, kolom=problem.kolom)
    else:
        where = t("upload.problem.cell", lang, baris=problem.baris, kolom=problem.kolom, nilai=problem.nilai)
    return f"{where} — {reason}"


# ---------------------------------------------------------------------------------------------
# Check
# ---------------------------------------------------------------------------------------------


def _with_catalogue_codes(con, rows: pa.Table, kind: str) -> pa.Table:
    """Codes written in another case, kelurahan codes without dots, and unique kelurahan names,
    replaced by the catalogue's codes (validate_columns.sql judges what remains)."""
    coded = [col for col in COLUMNS[kind] if col.katalog]
    if not coded:
        return rows
    catalogue = db.query(con, "catalogue_codes")
    for col in coded:
        entries = catalogue[catalogue["katalog"] == col.katalog]
        values = rows.column(col.name)
        unknown = pc.invert(pc.is_in(values, value_set=pa.array(entries["kode"], pa.string())))
        if not pc.any(pc.fill_null(unknown, False)).as_py():
            continue
        written = pd.concat([
            entries["kode"].str.lower(),
            entries["kode"].str.replace(".", "", regex=False).str.lower(),
            entries["nama"].str.lower().where(~entries["nama"].str.lower().duplicated(keep=False)),
        ])
        codes = pd.concat([entries["kode"]] * 3)
        lookup = pd.DataFrame({"written": written.to_numpy(), "kode": codes.to_numpy()}).dropna()
        lookup = lookup.drop_duplicates("written")
        spelled = pc.utf8_lower(pc.replace_substring_regex(values, r"^(?i)(kelurahan|kel\.)\s+", ""))
        spelled = pc.replace_substring_regex(spelled, r"\s+", " ")
        index = pc.index_in(spelled, value_set=pa.array(lookup["written"], pa.string()))
        mapped = pc.take(pa.array(lookup["kode"], pa.string()), index)
        rows = rows.set_column(rows.schema.get_field_index(col.name), col.name, pc.coalesce(mapped, values))
    return rows


def _households(companions) -> pa.Table:
    frames = [c.households for c in companions if c.households is not None]
    frame = pd.concat(frames) if frames else pd.DataFrame({"id_rumah_tangga": [], "kode_kelurahan": []})
    return pa.table({name: pa.array(frame[name], pa.string()) for name in ("id_rumah_tangga", "kode_kelurahan")})


def upload_state(con) -> tuple:
    """(last upload id, last status change id): a check made before either moved may be stale."""
    return tuple(db.query(con, "upload_state").iloc[0].fillna(0).astype(int))


def check(con=None, parsed: Parsed | None = None, kind: str | None = None, companions=(), area: str | None = None) -> Check:
    """Check a read file against the contract and the database on `con` (a cursor).

    `kind` overrides the kind read() guessed. `companions` are checks of survei files in the same
    upload: an intervensi row may name a household they bring. `area` is an uploader's kecamatan
    or kelurahan code (access.household_scope): a row elsewhere is rejected; None for admins.
    """
    con = con if con is not None else db.cursor()
    if kind is not None and kind != parsed.kind:
        parsed = read(parsed.data, parsed.file_name, kind)
    kind = parsed.kind
    state = upload_state(con)
    identical = db.query(con, "upload_by_hash", content_hash=parsed.content_hash, kind=kind)
    if len(identical):
        # Exactly these bytes are an active upload: nothing would be written, so nothing is compared.
        return Check(
            parsed=parsed,
            problems=pd.DataFrame(columns=["baris", "kolom", "kolom_kontrak", "nilai", "kode_alasan", "rincian"]),
            status=pd.DataFrame(columns=["baris", "status"]),
            changes=pd.DataFrame(columns=["baris", "kunci", "kolom", "sebelum", "sesudah"]),
            accepted=parsed.rows.slice(0, 0),
            identical_upload=int(identical["upload_id"].iloc[0]),
            state=state,
            area=area,
        )
    rows = _with_catalogue_codes(con, parsed.rows, kind)
    con.register("upload_rows", rows)
    con.register("upload_rules", rules(kind))
    con.register("upload_households", _households(companions))
    try:
        problems = pd.concat(
            [db.query(con, "validate_columns", hari_ini=today(), wilayah_akses=area), db.query(con, f"validate_{kind}")],
            ignore_index=True,
        )
        con.register("upload_rejected", pa.table({"baris": pa.array(problems["baris"].unique(), pa.int32())}))
        db.execute(con, f"stage_{kind}")
        db.execute(con, "stage_changed")
        status = db.query(con, "preview_status")
        changes = db.query(con, "preview_changes", limit=CHANGE_SAMPLE_ROWS)
    finally:
        db.execute(con, "stage_drop")
        for name in ("upload_rows", "upload_rules", "upload_households", "upload_rejected"):
            try:
                con.unregister(name)
            except Exception:  # never registered: an earlier step failed
                pass

    order = {name: i for i, name in enumerate(rows.column_names)}
    problems = problems.assign(
        kolom_kontrak=problems["kolom"],
        kolom=problems["kolom"].map(parsed.headers).fillna(problems["kolom"]),
        urutan=problems["kolom"].map(order),
    ).sort_values(["baris", "urutan", "kode_alasan"], kind="stable").drop(columns="urutan")
    problems = problems.drop_duplicates(["baris", "kolom_kontrak", "kode_alasan"]).reset_index(drop=True)
    changes = changes.assign(kolom=changes["kolom"].map(parsed.headers).fillna(changes["kolom"]))
    rejected = pa.array(problems["baris"].unique(), pa.int32())
    accepted = rows.select(["baris", *(col.name for col in COLUMNS[kind])])
    accepted = accepted.filter(pc.invert(pc.is_in(accepted.column("baris"), value_set=rejected)))
    households = None
    if kind == "survei":
        households = accepted.select(["id_rumah_tangga", "kode_kelurahan"]).to_pandas()
    return Check(
        parsed=parsed,
        problems=problems[["baris", "kolom", "kolom_kontrak", "nilai", "kode_alasan", "rincian"]],
        status=status,
        changes=changes,
        accepted=accepted,
        identical_upload=None,
        state=state,
        area=area,
        households=households,
    )


# ---------------------------------------------------------------------------------------------
# Commit, undo, redo
# ---------------------------------------------------------------------------------------------


def commit(checked: Check | list[Check], actor: str, valid_only: bool = False) -> int | list[int]:
    """Write a checked file as one upload, in one transaction; the upload's id.

    Refuses (IngestError) while a row is rejected, unless valid_only. The same bytes as an active
    upload of the kind write nothing and return that upload's id. A list of checks (a survei file
    and the intervensi file naming its households) is written in one transaction.
    """
    checks = checked if isinstance(checked, list) else [checked]
    ids = []
    with db.transaction() as cur:
        stale = any(one.state != upload_state(cur) for one in checks)
        for index, one in enumerate(checks):
            if stale:  # another upload or undo came in between: check again, inside the transaction
                one = checks[index] = check(cur, one.parsed, companions=checks[:index], area=one.area)
            ids.append(_write(cur, one, actor, valid_only))
    return ids if isinstance(checked, list) else ids[0]


def _write(cur, checked: Check, actor: str, valid_only: bool) -> int:
    parsed, counts = checked.parsed, checked.counts
    if checked.identical_upload is not None:
        return checked.identical_upload
    if counts["rejected"] and not valid_only:
        raise IngestError("ada_baris_ditolak", n=counts["rejected"])
    if not checked.accepted.num_rows:
        raise IngestError("tidak_ada_baris_sah")
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


# ---------------------------------------------------------------------------------------------
# The problem list as a file
# ---------------------------------------------------------------------------------------------


def problems_csv(checked: Check, lang: str | None = None) -> bytes:
    """The problem list as CSV, formulas neutralised (bebenah.export)."""
    return export.csv_bytes(checked.problem_table(lang))


def problems_xlsx(checked: Check, lang: str | None = None) -> bytes:
    return export.xlsx_bytes({t("upload.problems.sheet", lang): checked.problem_table(lang)})
