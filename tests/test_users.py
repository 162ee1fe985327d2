"""The accounts file and `python -m bebenah.users`: add, remove, set-role, unlock, list, each audited."""

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from bebenah import lockout, login, users

import accounts

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "sandi-yang-cukup-panjang"


def run(monkeypatch, *argv, password=None):
    if password is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return users.main(list(argv))


def audit_entries(con, action="user_change"):
    rows = con.execute("select actor, target, detail from audit_log where action = ? order by audit_id",
                       [action]).fetchall()
    return [(actor, target, json.loads(detail) if detail else None) for actor, target, detail in rows]


def test_add_writes_a_bcrypt_hash_never_the_password_and_an_audit_entry(fixture_db, con, monkeypatch, accounts_file):
    assert run(monkeypatch, "add", "siti", "--role", "uploader", "--area", "31.74.09.1005", "--password-stdin",
               password=PASSWORD) == 0
    text = accounts_file.read_text()
    assert PASSWORD not in text
    entry = yaml.safe_load(text)["credentials"]["usernames"]["siti"]
    assert entry["password"].startswith("$2b$12$")
    assert (entry["roles"], entry["area"]) == (["uploader"], "31.74.09.1005")
    assert users.check_password("siti", PASSWORD)
    assert not users.check_password("siti", PASSWORD + "x")
    actor, target, detail = audit_entries(con)[-1]
    assert actor.startswith("cli:") and target == "siti"
    assert detail == {"change": "add", "role": "uploader", "area": "31.74.09.1005"}


def test_the_accounts_file_is_readable_by_its_owner_only(fixture_db, monkeypatch, accounts_file):
    run(monkeypatch, "add", "siti", "--role", "viewer", "--password-stdin", password=PASSWORD)
    assert stat.S_IMODE(os.stat(accounts_file).st_mode) == 0o600


def test_the_first_admin_can_be_created_without_any_accounts_file(fixture_db, con, monkeypatch, tmp_path):
    monkeypatch.setenv("BEBENAH_USERS", str(tmp_path / "config" / "users.yaml"))
    monkeypatch.delenv("BEBENAH_COOKIE_KEY")
    assert users.accounts() == {}
    assert run(monkeypatch, "add", "admin", "--role", "admin", "--password-stdin", password=PASSWORD) == 0
    assert users.find("admin") == {"username": "admin", "role": "admin", "area": None}
    assert login.attempt("admin", PASSWORD).ok


def test_remove_and_set_role_change_the_account_and_are_audited(fixture_db, con, monkeypatch):
    assert run(monkeypatch, "set-role", "vera", "--role", "uploader", "--area", "31.74.03") == 0
    assert users.find("vera") == {"username": "vera", "role": "uploader", "area": "31.74.03"}
    assert run(monkeypatch, "set-role", "VERA", "--role", "viewer") == 0
    assert users.find("vera")["area"] is None
    assert run(monkeypatch, "remove", "vera") == 0
    assert users.find("vera") is None
    changes = [(target, detail["change"], detail.get("role")) for _, target, detail in audit_entries(con)]
    assert changes == [("vera", "set_role", "uploader"), ("vera", "set_role", "viewer"), ("vera", "remove", None)]


def test_list_shows_accounts_without_hashes_and_is_audited(fixture_db, con, monkeypatch, capsys):
    assert run(monkeypatch, "list") == 0
    out = capsys.readouterr().out
    assert "umar" in out and "31.74.09" in out and "uploader" in out
    assert "$2b$" not in out
    assert audit_entries(con, "user_list")[-1][2] == {"accounts": 4}


def test_unlock_clears_a_lock_and_is_audited(fixture_db, con, monkeypatch):
    at = lockout.now()
    for _ in range(lockout.LOCK_AFTER):
        lockout.fail(con, "umar", at)
    assert not lockout.check(con, "umar", at).allowed
    assert run(monkeypatch, "unlock", "umar") == 0
    assert lockout.check(con, "umar", at).allowed
    assert audit_entries(con)[-1][1:] == ("umar", {"change": "unlock"})


@pytest.mark.parametrize("argv, password, message", [
    (["add", "x1", "--role", "uploader"], PASSWORD, "needs --area"),
    (["add", "x1", "--role", "uploader", "--area", "31.74.99"], PASSWORD, "not a kecamatan or kelurahan"),
    (["add", "x1", "--role", "uploader", "--area", "31.74"], PASSWORD, "not a kecamatan or kelurahan"),
    (["add", "x1", "--role", "viewer", "--area", "31.74.09"], PASSWORD, "only uploaders have an area"),
    (["add", "x1", "--role", "viewer", "--password-stdin"], "pendek", "at least 12"),
    (["add", "x1", "--role", "viewer", "--password-stdin"], "x1-dan-sandinya-panjang", "must not contain"),
    (["add", "x1", "--role", "viewer", "--password-stdin"], "é" * 40, "at most 72 bytes"),
    (["add", "umar", "--role", "viewer", "--password-stdin"], PASSWORD, "exists already"),
    (["add", "Bad Name", "--role", "viewer", "--password-stdin"], PASSWORD, "2-32 characters"),
    (["add", "x1", "--role", "viewer", "--no-password"], None, "needs a password, or an --email"),
    (["remove", "nobody"], None, "no account nobody"),
    (["set-role", "nobody", "--role", "admin"], None, "no account nobody"),
])
def test_a_refused_change_changes_nothing_and_leaves_no_audit_entry(fixture_db, con, monkeypatch, capsys,
                                                                     accounts_file, argv, password, message):
    before = accounts_file.read_text()
    assert run(monkeypatch, *argv, password=password) == 1
    assert message in capsys.readouterr().err
    assert accounts_file.read_text() == before
    assert audit_entries(con) == []


def test_a_role_must_be_one_of_the_three(fixture_db, monkeypatch):
    with pytest.raises(SystemExit):
        run(monkeypatch, "add", "x1", "--role", "superuser", "--password-stdin", password=PASSWORD)


def test_an_oidc_only_account_has_no_password_that_could_match(fixture_db, monkeypatch):
    assert run(monkeypatch, "add", "dina", "--role", "viewer", "--email", "Dina@Kemenkopmk.go.id",
               "--no-password") == 0
    assert users.find_by_email("dina@kemenkopmk.go.id")["username"] == "dina"
    assert not users.check_password("dina", "")
    assert not login.attempt("dina", "anything-at-all").ok


def test_the_command_refuses_in_words_while_the_app_holds_the_database(held_elsewhere, accounts_file):
    before = accounts_file.read_text()
    result = subprocess.run(
        [sys.executable, "-m", "bebenah.users", "add", "siti", "--role", "viewer", "--password-stdin"],
        input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), timeout=60)
    assert result.returncode == 2
    assert "open in another program" in result.stderr and "admin pages" in result.stderr
    assert "Traceback" not in result.stderr and "PID" not in result.stderr
    assert accounts_file.read_text() == before


def test_the_command_runs_from_the_shell(fixture_db, accounts_file):
    from bebenah import db

    db.connection.clear()
    result = subprocess.run(
        [sys.executable, "-m", "bebenah.users", "add", "siti", "--role", "admin", "--password-stdin"],
        input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Added siti (admin)."
    assert result.stderr == ""
    with duckdb.connect(str(fixture_db)) as con:
        assert con.execute("select target from audit_log where action = 'user_change'").fetchall() == [("siti",)]


def test_a_cookie_key_is_generated_into_the_accounts_file_when_none_is_configured(accounts_file, monkeypatch):
    monkeypatch.delenv("BEBENAH_COOKIE_KEY")
    assert "key" not in (yaml.safe_load(accounts_file.read_text()).get("cookie") or {})
    key = users.cookie_key()
    assert len(key) >= users.MIN_COOKIE_KEY
    assert yaml.safe_load(accounts_file.read_text())["cookie"]["key"] == key
    assert users.cookie_key() == key, "generated once, then kept"


def test_the_environment_key_wins_and_a_short_key_turns_remembered_sign_in_off(accounts_file, monkeypatch):
    assert users.cookie_key() == accounts.COOKIE_KEY
    monkeypatch.setenv("BEBENAH_COOKIE_KEY", "pendek")
    assert users.cookie_key() is None


def test_without_an_accounts_file_no_key_is_made_and_nobody_can_sign_in(fixture_db, monkeypatch, tmp_path):
    monkeypatch.setenv("BEBENAH_USERS", str(tmp_path / "none.yaml"))
    monkeypatch.delenv("BEBENAH_COOKIE_KEY")
    assert users.cookie_key() is None
    assert not (tmp_path / "none.yaml").exists()
    for username, password in (("admin", "admin"), ("admin", ""), ("admin", "password"), ("", "")):
        assert not login.attempt(username, password).ok


def test_no_accounts_file_or_password_is_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [name for name in tracked if name.startswith("config/") or name.endswith("secrets.toml")]
    ignored = subprocess.run(["git", "check-ignore", "config/users.yaml", ".streamlit/secrets.toml"], cwd=ROOT,
                             capture_output=True, text=True).stdout.split()
    assert ignored == ["config/users.yaml", ".streamlit/secrets.toml"]
    for name in tracked:
        if name.endswith((".yaml", ".yml", ".toml")) and (ROOT / name).exists():
            text = (ROOT / name).read_text(errors="replace")
            assert "$2b$" not in text and "cookie_key" not in text.replace("bebenah_cookie_key", ""), name
