"""Repeated failed sign-ins for one username: slowed after a few, then locked for a while (state in DuckDB)."""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from bebenah import db

SLOW_AFTER = 3  # failures before each next try must wait
LOCK_AFTER = 5  # failures that lock the account
LOCK_FOR = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)  # a quiet hour starts the count again
PRUNE_AFTER = timedelta(days=1)  # rows of usernames quiet this long are deleted


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    wait_until: datetime | None = None
    locked: bool = False  # False while only slowed


def now() -> datetime:
    """UTC without a zone, as DuckDB's timestamp columns hold it."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def delay(failures: int) -> timedelta:
    """How long to wait after `failures` failures before the next try: 0, then 2 s, 4 s..."""
    if failures < SLOW_AFTER:
        return timedelta(0)
    return timedelta(seconds=2 ** (failures - SLOW_AFTER + 1))


def check(con, username: str, at: datetime) -> Verdict:
    """May `username` try a password at `at`?"""
    state = db.query(con, "login_attempts_for_user", username=username)
    if state.empty:
        return Verdict(True)
    row = state.iloc[0]
    if row.locked_until is not None and str(row.locked_until) != "NaT" and row.locked_until > at:
        return Verdict(False, row.locked_until.to_pydatetime(), locked=True)
    if row.last_failed_at < at - FORGET_AFTER:
        return Verdict(True)
    wait_until = row.last_failed_at.to_pydatetime() + delay(int(row.failures))
    if wait_until > at:
        return Verdict(False, wait_until)
    return Verdict(True)


def fail(con, username: str, at: datetime) -> Verdict:
    """Record a failure; returns whether the next try is allowed now, and when it will be."""
    db.execute(con, "forget_old_login_attempts", before=at - PRUNE_AFTER, now=at)
    failures = int(db.query(con, "record_login_failure", username=username, now=at,
                            reset_before=at - FORGET_AFTER).iloc[0, 0])
    if failures >= LOCK_AFTER:
        db.execute(con, "lock_login", username=username, locked_until=at + LOCK_FOR)
        return Verdict(False, at + LOCK_FOR, locked=True)
    wait = delay(failures)
    return Verdict(not wait, at + wait if wait else None)


def clear(con, username: str) -> None:
    db.execute(con, "clear_login_attempts", username=username)
