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


# What each refusal says (the command prints it; the app's accounts page says it in its language,
# locales: accounts.error.<code>).
REFUSALS = {
    "role": "role must be one of viewer, uploader, admin",
    "uploader_needs_area": "an uploader needs --area: a kecamatan (31.74.09) or kelurahan (31.74.09.1005) code",
    "not_an_area": "{area!r} is not a kecamatan or kelurahan code of DKI Jakarta",
    "area_only_uploaders": "only uploaders have an area: viewers see all aggregates, admins everything",
    "password_short": "the password must have at least {minimum} characters",
    "password_long": "the password must be at most {maximum} bytes (bcrypt's limit)",
    "password_has_username": "the password must not contain the username",
    "username_form": "a username is 2-32 characters: lowercase letters, digits, '.', '_' or '-'",
    "username_nik": "a username may not be a NIK or No. KK (16 digits): it is stored in the audit log",
    "exists": "{username} exists already: use set-role, or remove it first",
    "needs_password_or_email": "an account needs a password, or an --email for OIDC sign-in",
    "no_such_account": "there is no account {username}",
    "last_admin": "{username} is the last admin: make another admin first",
    "passwords_differ": "the two passwords differ",
    "no_password": "no password given: type it at the prompt, or use --password-stdin",
}


class AccountError(ValueError):
    """A request the accounts file cannot honour: `code` names why (REFUSALS), `params` fill it in."""

    def __init__(self, code: str, **params):
        super().__init__(REFUSALS[code].format(**params))
        self.code, self.params = code, params


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
        raise AccountError("role")
    if role == "uploader":
        if not area:
            raise AccountError("uploader_needs_area")
        if area not in _area_codes():
            raise AccountError("not_an_area", area=area)
    elif area:
        raise AccountError("area_only_uploaders")


def _check_password(username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("password_short", minimum=MIN_PASSWORD)
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise AccountError("password_long", maximum=MAX_PASSWORD_BYTES)
    if username.lower() in password.lower():
        raise AccountError("password_has_username")


def check_new(username: str, role: str, area: str | None, with_password: bool, email: str | None) -> None:
    """Raise AccountError when an account like this cannot be added (before asking for a password)."""
    if not USERNAME.match(username):
        raise AccountError("username_form")
    if nik.is_nik_like(username):
        raise AccountError("username_nik")
    if username in accounts():
        raise AccountError("exists", username=username)
    _check_role_and_area(role, area)
    if not with_password and not email:
        raise AccountError("needs_password_or_email")


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


def _keep_an_admin(username: str) -> None:
    """Refuse a change that would leave no admin (nobody could manage accounts in the app)."""
    admins = [name for name in accounts() if (find(name) or {}).get("role") == "admin"]
    if admins == [username]:
        raise AccountError("last_admin", username=username)


def remove(username: str) -> None:
    username = username.lower()
    if username not in accounts():
        raise AccountError("no_such_account", username=username)
    _keep_an_admin(username)
    config = load()
    usernames = {name: entry for name, entry in accounts().items() if name != username}
    save({**config, "credentials": {**config["credentials"], "usernames": usernames}})


def set_role(username: str, role: str, area: str | None = None) -> dict:
    username = username.lower()
    if username not in accounts():
        raise AccountError("no_such_account", username=username)
    _check_role_and_area(role, area)
    if role != "admin":
        _keep_an_admin(username)
    config = load()
    usernames = {**accounts(), username: {**accounts()[username], "roles": [role], "area": area}}
    save({**config, "credentials": {**config["credentials"], "usernames": usernames}})
    return find(username)


def apply(con, actor: str, change: str, username: str, role: str | None = None, area: str | None = None,
          password: str | None = None, email: str | None = None, name: str | None = None) -> dict | None:
    """One account change (add, remove, set_role, unlock) and its audit entry, on `con` inside the
    caller's transaction: the entry is written first, so a change the caller cannot commit is rolled
    back with it, and a change that raises AccountError writes nothing. The command and the app's
    accounts page both change accounts through here. Returns the account as it now is (None if removed)."""
    from bebenah import audit, lockout

    username = username.lower()
    detail = {"role": role, "area": area} if change in ("add", "set_role") else {}
    if change == "add":
        check_new(username, role, area, password is not None, email)
    elif username not in accounts():
        raise AccountError("no_such_account", username=username)
    audit.log(con, actor, "user_change", username, change=change, **detail)
    if change == "add":
        return add(username, role, area, password, email, name)
    if change == "remove":
        remove(username)
        return None
    if change == "set_role":
        return set_role(username, role, area)
    lockout.unlock(con, username)
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
        raise AccountError("no_password") from None
    if first != again:
        raise AccountError("passwords_differ")
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

        from bebenah import audit, db
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
        con.begin()
        if args.command == "list":
            table = listing()
            audit.log(con, actor, "user_list", None, accounts=len(table))
            message = table.to_string(index=False) if not table.empty else "No accounts yet."
        else:
            if args.command == "add":
                check_new(username, args.role, args.area, not args.no_password, args.email)
            password = (None if args.command != "add" or args.no_password else _read_password(args.password_stdin))
            user = apply(con, actor, args.command.replace("-", "_"), username, role=getattr(args, "role", None),
                         area=getattr(args, "area", None), password=password, email=getattr(args, "email", None),
                         name=getattr(args, "name", None))
            where = f"{', ' + user['area'] if user and user['area'] else ''}"
            message = {"add": f"Added {username} ({user and user['role']}{where}).", "remove": f"Removed {username}.",
                       "set-role": f"{username} is now {user and user['role']}{where}.",
                       "unlock": f"Unlocked {username}."}[args.command]
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
