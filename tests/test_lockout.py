"""Repeated failed sign-ins: slowed, then locked, logged, kept in DuckDB across restarts."""

import json
from datetime import timedelta

import pytest

from bebenah import db, lockout, login

import accounts

PASSWORD = accounts.PASSWORD
USER = accounts.ACCOUNTS["uploader"]["username"]


@pytest.fixture
def t0():
    return lockout.now()


def audit_actions(con, username=USER):
    return [action for action, in con.execute(
        "select action from audit_log where actor = ? order by audit_id", [username]).fetchall()]


def fail(times, at, username=USER):
    return [login.attempt(username, "salah-sandi", at=at) for _ in range(times)]


def test_a_good_password_signs_in_and_is_logged(fixture_db, con, t0):
    outcome = login.attempt(USER, PASSWORD, at=t0)
    assert outcome.ok and outcome.user == accounts.ACCOUNTS["uploader"]
    assert audit_actions(con) == ["login_ok"]
    assert json.loads(con.execute("select detail from audit_log").fetchone()[0]) == {"via": "password", "client": lockout.UNKNOWN_CLIENT}


def test_the_username_is_matched_without_case_or_surrounding_spaces(fixture_db, t0):
    assert login.attempt("  UMAR ", PASSWORD, at=t0).ok


def test_two_failures_cost_nothing_but_a_log_entry(fixture_db, con, t0):
    outcomes = fail(2, t0)
    assert [outcome.message for outcome in outcomes] == ["Nama pengguna atau kata sandi salah."] * 2
    assert login.attempt(USER, PASSWORD, at=t0).ok
    assert audit_actions(con) == ["login_failed", "login_failed", "login_ok"]


def test_from_the_third_failure_each_try_must_wait_longer(fixture_db, con, t0):
    fail(3, t0)
    # Even the right password is refused while the wait lasts, and it is not even checked.
    refused = login.attempt(USER, PASSWORD, at=t0 + timedelta(seconds=1))
    assert not refused.ok and "Coba lagi dalam 1 detik" in refused.message
    assert login.attempt(USER, "salah", at=t0 + timedelta(seconds=2)).message.endswith("4 detik.")
    assert not login.attempt(USER, PASSWORD, at=t0 + timedelta(seconds=5)).ok
    assert login.attempt(USER, PASSWORD, at=t0 + timedelta(seconds=6)).ok
    assert audit_actions(con) == ["login_failed"] * 3 + ["login_locked", "login_failed", "login_locked", "login_ok"]


def test_five_failures_lock_the_account_for_fifteen_minutes(fixture_db, con, t0):
    at = t0
    for _ in range(lockout.LOCK_AFTER):
        verdict = lockout.check(con, USER, at)
        assert verdict.allowed
        outcome = login.attempt(USER, "salah", at=at)
        at = at + timedelta(seconds=20)
    assert "dikunci sementara" in outcome.message and "15 menit" in outcome.message
    last_failure = at - timedelta(seconds=20)
    assert not login.attempt(USER, PASSWORD, at=last_failure + timedelta(minutes=14)).ok
    assert login.attempt(USER, PASSWORD, at=last_failure + timedelta(minutes=15, seconds=1)).ok
    actions = audit_actions(con)
    assert actions.count("login_failed") == 5
    assert actions[5] == "login_locked"  # logged as it locks
    assert actions[-2:] == ["login_locked", "login_ok"]  # the refused try, then the success


def test_after_a_lock_one_more_failure_locks_again_until_a_success(fixture_db, con, t0):
    at = t0
    for _ in range(lockout.LOCK_AFTER):
        login.attempt(USER, "salah", at=at)
        at += timedelta(seconds=20)
    at += lockout.LOCK_FOR
    assert "dikunci" in login.attempt(USER, "salah", at=at).message
    assert not lockout.check(con, USER, at + timedelta(minutes=1)).allowed


def test_a_quiet_hour_forgets_earlier_failures(fixture_db, con, t0):
    fail(4, t0)
    later = t0 + lockout.FORGET_AFTER + timedelta(seconds=1)
    assert lockout.check(con, USER, later).allowed
    assert login.attempt(USER, "salah", at=later).message == "Nama pengguna atau kata sandi salah."
    assert con.execute("select failures from login_failures where username = ?", [USER]).fetchone() == (1,)


def test_the_lock_survives_a_restart(fixture_db, t0):
    for offset in range(lockout.LOCK_AFTER):
        login.attempt(USER, "salah", at=t0 + timedelta(seconds=20 * offset))
    db.connection.clear()  # what a restarted server has: a new connection to the same file
    db.clear_caches()
    assert not lockout.check(db.cursor(), USER, t0 + timedelta(minutes=5)).allowed
    assert not login.attempt(USER, PASSWORD, at=t0 + timedelta(minutes=5)).ok


def test_an_unknown_username_is_answered_and_locked_like_a_real_one(fixture_db, con, t0):
    real = [outcome.message for outcome in fail(2, t0)]
    unknown = [outcome.message for outcome in fail(2, t0, username="tidak-ada")]
    assert real == unknown
    at = t0
    for _ in range(lockout.LOCK_AFTER):
        outcome = login.attempt("tidak-ada", "salah", at=at)
        at += timedelta(seconds=20)
    assert "dikunci" in outcome.message
    assert "login_locked" in audit_actions(con, "tidak-ada")


def test_locking_one_account_leaves_the_others_alone(fixture_db, t0):
    at = t0
    for _ in range(lockout.LOCK_AFTER):
        login.attempt(USER, "salah", at=at)
        at += timedelta(seconds=20)
    assert login.attempt("vera", PASSWORD, at=at).ok


def test_a_logged_username_is_cut_to_64_characters_without_control_characters(fixture_db, con, t0):
    login.attempt("a" * 100 + "\x1b[31m\n", "salah", at=t0)
    actor, = con.execute("select actor from audit_log").fetchone()
    assert actor == "a" * 64


def test_an_empty_username_or_password_is_refused_without_a_log_entry(fixture_db, con, t0):
    assert login.attempt("", PASSWORD, at=t0).message == "Isi nama pengguna dan kata sandi."
    assert not login.attempt(USER, "", at=t0).ok
    assert con.execute("select count(*) from audit_log").fetchone() == (0,)


def test_failures_of_made_up_usernames_do_not_pile_up(fixture_db, con, t0):
    for number in range(3):
        access_attempt = login.attempt(f"tebakan-{number}", "salah", at=t0)
        assert not access_attempt.ok
    assert con.execute("select count(*) from login_failures").fetchone() == (3,)
    login.attempt("tebakan-baru", "salah", at=t0 + lockout.PRUNE_AFTER + timedelta(seconds=1))
    assert con.execute("select username from login_failures").fetchall() == [("tebakan-baru",)]


def test_twenty_simultaneous_wrong_passwords_are_all_counted_and_only_three_reach_the_check(fixture_db, con, t0):
    """Check, password and failure record as one step per account: parallel tries cannot slip past
    the count (before, all 20 reached the password check and most crashed on write conflicts)."""
    from concurrent.futures import ThreadPoolExecutor

    checked = []
    original = login.users.check_password

    def counting(username, password):
        checked.append(username)
        return original(username, password)

    login.users.check_password = counting
    try:
        with ThreadPoolExecutor(max_workers=20) as pool:
            outcomes = list(pool.map(lambda _: login.attempt(USER, "salah-sandi", at=t0), range(20)))
    finally:
        login.users.check_password = original
    assert not any(outcome.ok for outcome in outcomes)
    assert len(checked) == lockout.SLOW_AFTER
    actions = audit_actions(con)
    assert actions.count("login_failed") == lockout.SLOW_AFTER and actions.count("login_locked") == 20 - lockout.SLOW_AFTER


STRANGER, ADMIN_DESK = "203.0.113.9", "10.20.0.5"
ADMIN = accounts.ACCOUNTS["admin"]["username"]


def test_a_stranger_guessing_at_the_admin_locks_out_only_themselves(fixture_db, con, t0):
    """Before, five wrong passwords from anywhere locked the admin out for 15 minutes, renewable forever."""
    at = t0
    for _ in range(lockout.LOCK_AFTER + 3):  # the stranger goes on past the lock
        outcome = login.attempt(ADMIN, "tebak-tebakan", at=at, client=STRANGER)
        at += timedelta(seconds=20)
    assert "dikunci" in outcome.message
    assert login.attempt(ADMIN, PASSWORD, at=at, client=ADMIN_DESK).ok
    assert not login.attempt(ADMIN, PASSWORD, at=at, client=STRANGER).ok  # the stranger stays locked
    clients = [json.loads(detail)["client"] for detail, in con.execute(
        "select detail from audit_log where action in ('login_failed', 'login_ok') order by audit_id").fetchall()]
    assert clients == [STRANGER] * lockout.LOCK_AFTER + [ADMIN_DESK]


def test_one_client_guessing_across_many_usernames_is_locked_everywhere(fixture_db, con, t0):
    at = t0
    for number in range(lockout.CLIENT_LOCK_AFTER):
        assert not login.attempt(f"tebakan-{number}", "salah", at=at, client=STRANGER).ok
        at += timedelta(seconds=1)
    refused = login.attempt(USER, PASSWORD, at=at, client=STRANGER)
    assert not refused.ok and "dikunci" in refused.message
    assert login.attempt(USER, PASSWORD, at=at, client=ADMIN_DESK).ok
    assert login.attempt(USER, PASSWORD, at=at + lockout.LOCK_FOR, client=STRANGER).ok


def test_an_unlock_lifts_the_locks_of_every_client(fixture_db, con, t0):
    for client in (STRANGER, ADMIN_DESK):
        for offset in range(lockout.LOCK_AFTER):
            login.attempt(USER, "salah", at=t0 + timedelta(seconds=20 * offset), client=client)
    later = t0 + timedelta(minutes=2)
    assert not lockout.check(con, USER, later, ADMIN_DESK).allowed
    assert lockout.unlock(con, USER) == 2
    assert lockout.check(con, USER, later, ADMIN_DESK).allowed and lockout.check(con, USER, later, STRANGER).allowed
