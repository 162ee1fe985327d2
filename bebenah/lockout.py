"""Repeated failed sign-ins, counted per username *and client* (state in DuckDB).

One client guessing at one account is slowed after a few failures, then locked for a while; one
client guessing across many accounts is locked as well. A client is the browser's network address
(login.client_of_request), so a stranger who guesses at the admin's account locks only themselves: the
admin, from their own address, signs in as before. An admin can lift any lock from the accounts
screen (audited).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from bebenah import db

SLOW_AFTER = 3  # failures of one username from one client before each next try must wait
LOCK_AFTER = 5  # failures of one username from one client that lock that pair
CLIENT_LOCK_AFTER = 20  # failures of one client on any usernames within FORGET_AFTER that lock it
LOCK_FOR = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)  # a quiet hour starts the count again
PRUNE_AFTER = timedelta(days=1)  # rows quiet this long are deleted
UNKNOWN_CLIENT = "unknown"


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


def check(con, username: str, at: datetime, client: str = UNKNOWN_CLIENT) -> Verdict:
    """May `username` try a password from `client` at `at`?"""
    row = db.query(con, "login_failures_of_try", username=username, client=client,
                   since=at - FORGET_AFTER).iloc[0]
    if row.client_failures >= CLIENT_LOCK_AFTER and row.client_last_failed_at + LOCK_FOR > at:
        return Verdict(False, row.client_last_failed_at.to_pydatetime() + LOCK_FOR, locked=True)
    if not row.failures:
        return Verdict(True)
    if _present(row.locked_until) and row.locked_until > at:
        return Verdict(False, row.locked_until.to_pydatetime(), locked=True)
    if row.last_failed_at < at - FORGET_AFTER:
        return Verdict(True)
    wait_until = row.last_failed_at.to_pydatetime() + delay(int(row.failures))
    if wait_until > at:
        return Verdict(False, wait_until)
    return Verdict(True)


def fail(con, username: str, at: datetime, client: str = UNKNOWN_CLIENT) -> Verdict:
    """Record a failure; returns whether the next try is allowed now, and when it will be."""
    db.execute(con, "forget_old_login_failures", before=at - PRUNE_AFTER, now=at)
    row = db.query(con, "record_login_failure", username=username, client=client, now=at,
                   reset_before=at - FORGET_AFTER, lock_after=LOCK_AFTER, locked_until=at + LOCK_FOR).iloc[0]
    if _present(row.locked_until) and row.locked_until > at:
        return Verdict(False, row.locked_until.to_pydatetime(), locked=True)
    wait = delay(int(row.failures))
    return Verdict(not wait, at + wait if wait else None)


def clear(con, username: str, client: str = UNKNOWN_CLIENT) -> None:
    """Forget the failures of `username` from `client` (its successful sign-in)."""
    db.execute(con, "clear_login_failures", username=username, client=client)


def unlock(con, username: str) -> int:
    """Forget every failure and lock of `username` from every client; returns how many clients had some."""
    return len(db.query(con, "unlock_login", username=username))


def _present(value) -> bool:
    return value is not None and str(value) != "NaT"
