"""The append-only audit log: logins, uploads, undos, user changes, household-level exports."""

import json

from bebenah import db, nik


def log(con, actor: str, action: str, target: str | None = None, **detail) -> None:
    """Append an entry on `con` (a cursor, inside the caller's transaction when it has one).

    Texts that look like a NIK (bebenah.nik) are logged with their digits masked: the log is kept for
    years and read by admins, and a NIK is never stored (UU 27/2022)."""
    detail = {key: _masked(value) for key, value in detail.items()}
    db.execute(
        con,
        "insert_audit_log",
        actor=_masked(actor),
        action=action,
        target=_masked(target),
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
    )


def record(actor: str, action: str, target: str | None = None, **detail) -> None:
    """Append an entry in a transaction of its own."""
    with db.transaction() as cur:
        log(cur, actor, action, target, **detail)


def _masked(value):
    if isinstance(value, str):
        return nik.redacted(value)
    if isinstance(value, (list, tuple)):
        return [_masked(item) for item in value]
    return value
