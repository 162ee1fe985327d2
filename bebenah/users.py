"""Accounts (username, bcrypt hash, role, area) in a YAML file outside git, and the command that manages them.

    python -m bebenah.users add NAME --role uploader --area 31.74.09 [--password-stdin]
    python -m bebenah.users remove NAME
    python -m bebenah.users set-role NAME --role viewer [--area CODE]
    python -m bebenah.users unlock NAME
    python -m bebenah.users list

The file is $BEBENAH_USERS or config/users.yaml (git-ignored), in streamlit-authenticator's layout
(credentials.usernames.<name>.{name, password, roles, email} plus our `area`), written 0600.
Every command writes an audit entry, so it needs the database: stop the app first (DuckDB lets
only one process hold the file), or use the app's accounts page (Admin > Akun), which does the same.
"""

import argparse
import getpass
import logging
import os
import re
import secrets
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from bebenah import nik

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATH = ROOT / "config" / "users.yaml"
ROLES = ("viewer", "uploader", "admin")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MIN_PASSWORD = 12
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
MIN_COOKIE_KEY = 32
COOKIE_NAME = "pantau_bebenah_auth"
COOKIE_EXPIRY_DAYS = 1.0


class AccountError(ValueError):
    """A request the accounts file cannot honour; the message says why."""


def path() -> Path:
    return Path(os.environ.get("BEBENAH_USERS") or DEFAULT_PATH)


def load() -> dict:
    """The accounts file as a dict ({} when there is none); re-read only when the file changes."""
    file = path()
    try:
        stat = file.stat()
    except FileNotFoundError:
        return {}
    return _read(str(file), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read(file: str, mtime_ns: int, size: int) -> dict:
    with open(file, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def save(config: dict) -> None:
    """Write the file atomically, readable by its owner only."""
    file = path()
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".users-", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("# Pantau Bebenah accounts: managed by `python -m bebenah.users`. Never commit this file.\n")
            yaml.safe_dump(config, out, sort_keys=True, allow_unicode=True)
        os.chmod(temporary, 0o600)
        os.replace(temporary, file)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    _read.cache_clear()


def accounts() -> dict[str, dict]:
    return (load().get("credentials") or {}).get("usernames") or {}


def find(username: str | None) -> dict | None:
    """The session user {"username", "role", "area"} for an account, or None."""
    if not username:
        return None
    entry = accounts().get(str(username).lower())
    if not entry:
        return None
    role = (entry.get("roles") or [None])[0]
    if role not in ROLES:
        return None
    return {"username": str(username).lower(), "role": role, "area": entry.get("area")}


def find_by_email(email: str | None) -> dict | None:
    """The account whose e-mail matches an OIDC sign-in, or None."""
    if not email:
        return None
    for username, entry in accounts().items():
        if str(entry.get("email") or "").lower() == email.lower():
            return find(username)
    return None


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A real bcrypt hash of a random password, checked when the username is unknown so that the
    answer takes as long as for a real account (no telling accounts apart by timing)."""
    return _hasher().hash(secrets.token_urlsafe(16))


def check_password(username: str, password: str) -> bool:
    """bcrypt check through streamlit-authenticator; unknown users cost the same time."""
    entry = accounts().get(username)
    hashed = (entry or {}).get("password") or _dummy_hash()
    encoded = (password or "").encode("utf-8")
    if len(encoded) > MAX_PASSWORD_BYTES:
        return False
    try:
        return _hasher().check_pw(password, hashed) and entry is not None and bool(entry.get("password"))
    except ValueError:
        return False


def _hasher():
    """streamlit-authenticator's bcrypt hasher (imported late: it pulls in Streamlit's components)."""
    from streamlit_authenticator import Hasher

    return Hasher


def cookie_settings() -> dict:
    config = load().get("cookie") or {}
    return {
        "name": config.get("name") or COOKIE_NAME,
        "expiry_days": float(config.get("expiry_days") or COOKIE_EXPIRY_DAYS),
    }


def cookie_key() -> str | None:
    """The key that signs the sign-in cookie: st.secrets, $BEBENAH_COOKIE_KEY, else the accounts file.

    With none, one is generated into the accounts file (never into the repository). Returns None,
    which turns remembered sign-ins off, when there is no accounts file yet or a key is too short.
    """
    key = _secret("bebenah_cookie_key") or os.environ.get("BEBENAH_COOKIE_KEY")
    if key is None:
        config = load()
        if not config:
            return None
        key = (config.get("cookie") or {}).get("key")
        if not key:
            key = secrets.token_urlsafe(48)
            config = {**config, "cookie": {**(config.get("cookie") or {}), "key": key}}
            config["cookie"].setdefault("name", COOKIE_NAME)
            config["cookie"].setdefault("expiry_days", COOKIE_EXPIRY_DAYS)
            save(config)
    if len(key) < MIN_COOKIE_KEY:
        print(f"Pantau Bebenah: the cookie key is shorter than {MIN_COOKIE_KEY} characters; "
              "remembered sign-ins are off.", file=sys.stderr)
        return None
    return key


def _secret(name: str):
    try:
        import streamlit as st

        return st.secrets.get(name)
    except Exception:  # no secrets.toml, or outside a Streamlit run
        return None


@lru_cache(maxsize=1)
def _area_codes() -> frozenset[str]:
    areas = pd.read_csv(ROOT / "data" / "reference" / "wilayah_dki_jakarta.csv", dtype=str)
    return frozenset(areas.kode_kecamatan) | frozenset(areas.kode_kelurahan)


def _check_role_and_area(role: str, area: str | None) -> None:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if role == "uploader":
        if not area:
            raise AccountError("an uploader needs --area: a kecamatan (31.74.09) or kelurahan (31.74.09.1005) code")
        if area not in _area_codes():
            raise AccountError(f"{area!r} is not a kecamatan or kelurahan code of DKI Jakarta")
    elif area:
        raise AccountError("only uploaders have an area: viewers see all aggregates, admins everything")


def _check_password(username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise AccountError(f"the password must be at most {MAX_PASSWORD_BYTES} bytes (bcrypt's limit)")
    if username.lower() in password.lower():
        raise AccountError("the password must not contain the username")


def check_new(username: str, role: str, area: str | None, with_password: bool, email: str | None) -> None:
    """Raise AccountError when an account like this cannot be added (before asking for a password)."""
    if not USERNAME.match(username):
        raise AccountError("a username is 2-32 characters: lowercase letters, digits, '.', '_' or '-'")
    if nik.is_nik_like(username):
        raise AccountError("a username may not be a NIK or No. KK (16 digits): it is stored in the audit log")
    if username in accounts():
        raise AccountError(f"{username} exists already: use set-role, or remove it first")
    _check_role_and_area(role, area)
    if not with_password and not email:
        raise AccountError("an account needs a password, or an --email for OIDC sign-in")


def add(username: str, role: str, area: str | None = None, password: str | None = None,
        email: str | None = None, name: str | None = None) -> dict:
    """Add an account; password None makes one that can only sign in through OIDC (needs email)."""
    username = username.lower()
    check_new(username, role, area, password is not None, email)
    if password is not None:
        _check_password(username, password)
    config = load()
    entry = {"name": name or username, "roles": [role], "area": area, "email": email}
    if password is not None:
        entry["password"] = _hasher().hash(password)
    usernames = {**accounts(), username: entry}
    config = {**config, "credentials": {**(config.get("credentials") or {}), "usernames": usernames}}
    save(config)
    return find(username)


def remove(username: str) -> None:
    username = username.lower()
    if username not in accounts():
        raise AccountError(f"there is no account {username}")
    config = load()
    usernames = {name: entry for name, entry in accounts().items() if name != username}
    save({**config, "credentials": {**config["credentials"], "usernames": usernames}})


def set_role(username: str, role: str, area: str | None = None) -> dict:
    username = username.lower()
    if username not in accounts():
        raise AccountError(f"there is no account {username}")
    _check_role_and_area(role, area)
    config = load()
    usernames = {**accounts(), username: {**accounts()[username], "roles": [role], "area": area}}
    save({**config, "credentials": {**config["credentials"], "usernames": usernames}})
    return find(username)


def listing() -> pd.DataFrame:
    rows = [
        {**find(username), "email": entry.get("email"), "password": bool(entry.get("password"))}
        for username, entry in sorted(accounts().items())
        if find(username)
    ]
    return pd.DataFrame(rows, columns=["username", "role", "area", "email", "password"]).fillna("")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        first = getpass.getpass("Password: ")
        again = getpass.getpass("Password again: ")
    except EOFError:
        raise AccountError("no password given: type it at the prompt, or use --password-stdin") from None
    if first != again:
        raise AccountError("the two passwords differ")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bebenah.users", description="Manage Pantau Bebenah accounts.")
    commands = parser.add_subparsers(dest="command", required=True)
    add_command = commands.add_parser("add", help="add an account")
    add_command.add_argument("username")
    add_command.add_argument("--role", required=True, choices=ROLES)
    add_command.add_argument("--area", help="uploaders: kecamatan or kelurahan code, e.g. 31.74.09")
    add_command.add_argument("--name", help="the person's name as the app shows it")
    add_command.add_argument("--email", help="e-mail of an OIDC sign-in (st.login), where one is configured")
    add_command.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin")
    add_command.add_argument("--no-password", action="store_true", help="OIDC sign-in only (needs --email)")
    remove_command = commands.add_parser("remove", help="remove an account")
    remove_command.add_argument("username")
    role_command = commands.add_parser("set-role", help="change an account's role (and area)")
    role_command.add_argument("username")
    role_command.add_argument("--role", required=True, choices=ROLES)
    role_command.add_argument("--area")
    unlock_command = commands.add_parser("unlock", help="clear failed sign-ins and a lock")
    unlock_command.add_argument("username")
    commands.add_parser("list", help="list the accounts")
    args = parser.parse_args(argv)

    # Streamlit warns of a "missing ScriptRunContext" for each component declared outside the app.
    logging.disable(logging.WARNING)
    try:
        import streamlit_authenticator  # noqa: F401

        from bebenah import audit, db, lockout
    finally:
        logging.disable(logging.NOTSET)

    actor = f"cli:{getpass.getuser()}"
    try:
        # Open the database before changing anything: a change that cannot be audited is not made.
        con = db.open_database(db.database_path())
    except db.DatabaseBusy as busy:  # the app holds the file: its accounts page does the same
        print(busy.words(), file=sys.stderr)
        return 2
    username = getattr(args, "username", "").lower()
    try:
        # The audit entry is written first, in a transaction committed only once the file is changed.
        con.begin()
        if args.command == "add":
            check_new(username, args.role, args.area, not args.no_password, args.email)
            password = None if args.no_password else _read_password(args.password_stdin)
            audit.log(con, actor, "user_change", username, change="add", role=args.role, area=args.area)
            user = add(username, args.role, args.area, password, args.email, args.name)
            message = f"Added {username} ({user['role']}{', ' + user['area'] if user['area'] else ''})."
        elif args.command == "remove":
            audit.log(con, actor, "user_change", username, change="remove")
            remove(username)
            message = f"Removed {username}."
        elif args.command == "set-role":
            audit.log(con, actor, "user_change", username, change="set_role", role=args.role, area=args.area)
            user = set_role(username, args.role, args.area)
            message = f"{username} is now {user['role']}{' of ' + user['area'] if user['area'] else ''}."
        elif args.command == "unlock":
            audit.log(con, actor, "user_change", username, change="unlock")
            lockout.unlock(con, username)
            message = f"Unlocked {username}."
        else:
            table = listing()
            audit.log(con, actor, "user_list", None, accounts=len(table))
            message = table.to_string(index=False) if not table.empty else "No accounts yet."
        con.commit()
    except AccountError as error:
        con.rollback()
        print(f"Error: {error}", file=sys.stderr)
        return 1
    finally:
        con.close()
    print(message)
    return 0

if __name__ == "__main__":
    sys.exit(main())
