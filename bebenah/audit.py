"""The append-only audit log: logins, uploads, undos, user changes, household-level exports."""

import json

from bebenah import db


def log(con, actor: str, action: str, target: str | None = None, **detail) -> None:
    """Append an entry on `con` (a cursor, inside the caller's transaction when it has one)."""
    db.execute(
        con,
        "insert_audit_log",
        actor=actor,
        action=action,
        target=target,
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
    )


def record(actor: str, action: str, target: str | None = None, **detail) -> None:
    """Append an entry in a transaction of its own."""
    with db.transaction() as cur:
        log(cur, actor, action, target, **detail)
