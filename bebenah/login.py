"""Signing in and out: the password form (bcrypt via streamlit-authenticator, with lockout), the
remembered sign-in cookie, and OIDC (st.login) where secrets.toml has an [auth] section."""

import importlib.util
import os
import secrets
import threading
import time
from contextlib import contextmanager
import unicodedata
from datetime import datetime, timezone

import jwt
import streamlit as st

from bebenah import audit, db, lockout, nik, users
from bebenah.i18n import t

MAX_USERNAME = 64
BEHIND_PROXY = "BEBENAH_BEHIND_PROXY"


def session_user() -> dict | None:
    """The account this browser session is signed in as, re-read from the accounts file; else None.

    Taken up here: an OIDC sign-in, or a valid cookie (once per session). A session whose account
    was removed, or whose OIDC sign-in ended, is signed out.
    """
    session = st.session_state.get("user")
    if not session:
        return _restore()
    user = users.find(session.get("username"))
    if user is None or (session.get("via") == "oidc" and not _oidc_signed_in()):
        _forget_session()
        return None
    return user


# The password form ---------------------------------------------------------------------------------


class Outcome:
    """The result of one sign-in attempt: ok, and the message to show when not."""

    def __init__(self, ok: bool, message: str = "", user: dict | None = None):
        self.ok, self.message, self.user = ok, message, user


def clean_username(username: str | None) -> str:
    """Lowercase, without control characters, at most 64 characters (it is logged as typed)."""
    text = "".join(char for char in str(username or "") if unicodedata.category(char)[0] != "C")
    # Someone may type their NIK as a username: it is logged and counted as typed, so masked first.
    return nik.redacted(text.strip().lower()[:MAX_USERNAME])


# A fixed set of locks, a username's chosen by its hash: bounded however many names a stranger tries.
_TRY_LOCKS = tuple(threading.Lock() for _ in range(64))


@contextmanager
def _one_try_at_a_time(username: str):
    """Serialise the sign-in tries of one username in this process (every session is a thread of it)."""
    with _TRY_LOCKS[hash(username) % len(_TRY_LOCKS)]:
        yield


def attempt(username: str, password: str, at=None, client: str | None = None) -> Outcome:
    """Check a username and password, slowed and locked after repeated failures from the same client
    (bebenah.lockout), each step audited.

    Known and unknown usernames are answered, timed and locked alike.
    """
    username = clean_username(username)
    if not username or not password:
        return Outcome(False, t("access.login_incomplete"))
    at = at or lockout.now()
    client = client or client_of_request()
    # One try at a time per account: the lock check, the password and the failure record are one step,
    # so simultaneous tries are counted one after another instead of all passing the check.
    with _one_try_at_a_time(username):
        with db.transaction(clear_cache=False) as cur:
            verdict = lockout.check(cur, username, at, client)
            if not verdict.allowed:
                audit.log(cur, username, "login_locked", username, refused=True, until=verdict.wait_until,
                          client=client)
        if not verdict.allowed:
            return Outcome(False, _wait_message(verdict, at))
        ok = users.check_password(username, password)
        with db.transaction(clear_cache=False) as cur:
            if ok:
                lockout.clear(cur, username, client)
                audit.log(cur, username, "login_ok", username, via="password", client=client)
                return Outcome(True, user=users.find(username))
            verdict = lockout.fail(cur, username, at, client)
            audit.log(cur, username, "login_failed", username, client=client)
            if verdict.locked:
                audit.log(cur, username, "login_locked", username, until=verdict.wait_until, client=client)
    return Outcome(False, _wait_message(verdict, at) if not verdict.allowed else t("access.login_failed"))


def client_of_request() -> str:
    """The network address of the browser behind this script run.

    Behind a reverse proxy ($BEBENAH_BEHIND_PROXY=1), the address the proxy appended last to
    X-Forwarded-For (the one a client cannot forge); else the address Streamlit sees.
    """
    try:
        if os.environ.get(BEHIND_PROXY) == "1":
            forwarded = st.context.headers.get("X-Forwarded-For")
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()] if isinstance(forwarded, str) else []
            if hops:
                return hops[-1][:64]
        address = st.context.ip_address
    except Exception:  # no request behind this run (a command)
        return lockout.UNKNOWN_CLIENT
    return address[:64] if isinstance(address, str) and address else lockout.UNKNOWN_CLIENT  # AppTest has none


def _wait_message(verdict: lockout.Verdict, at) -> str:
    seconds = max(1, int((verdict.wait_until - at).total_seconds() + 0.999))
    if verdict.locked:
        return t("access.login_locked", minutes=max(1, (seconds + 59) // 60))
    return t("access.login_slowed", seconds=seconds)


def form() -> bool:
    """The sign-in form (and the OIDC button where configured); True once the session is signed in."""
    if oidc_configured():
        st.button(t("access.sign_in_oidc"), key="login_oidc", on_click=st.login, args=_oidc_provider(),
                  type="primary")
        email = st.session_state.get("_oidc_unknown")
        if email:
            st.warning(t("access.oidc_no_account", email=email))
    # clear_on_submit: the password does not stay in the browser's form after it is sent.
    with st.form("login", clear_on_submit=True):
        username = st.text_input(t("access.username"), key="login_username", autocomplete="username",
                                 max_chars=MAX_USERNAME)
        password = st.text_input(t("access.password"), key="login_password", type="password",
                                 autocomplete="current-password", max_chars=200)
        submitted = st.form_submit_button(t("access.sign_in"), key="login_submit", type="primary")
    if not submitted:
        return False
    outcome = attempt(username, password)
    if not outcome.ok:
        st.error(outcome.message)
        return False
    _start_session(outcome.user, via="password")
    return True


def _start_session(user: dict, via: str) -> None:
    st.session_state["user"] = {**user, "via": via}
    st.session_state.pop("_signed_out", None)
    if via == "password":
        st.session_state["_cookie_op"] = {"op": "set", **new_token(user["username"])}


def sign_out(user: dict) -> None:
    """Sign out here and, by revoking its cookies, on every other browser of the account too."""
    via = (st.session_state.get("user") or {}).get("via")
    if user["username"]:
        with db.transaction(clear_cache=False) as cur:
            db.execute(cur, "revoke_logins", username=user["username"], revoked_at=lockout.now())
            audit.log(cur, user["username"], "logout", user["username"])
    _forget_session()
    if via == "oidc":
        st.logout()


def _forget_session() -> None:
    st.session_state.pop("user", None)
    # This session's request still carries the old cookie: never take it up again here.
    st.session_state["_signed_out"] = True
    st.session_state["_cookie_op"] = {"op": "delete"}


def account_sidebar(user: dict) -> None:
    """Who is signed in, and the button to sign out (or, for a guest, the way to sign in)."""
    box = st.sidebar.container(key="account")
    if user["role"] is None:
        try:
            box.page_link("app_pages/masuk.py", label=t("access.sign_in"), icon=":material/login:")
        except Exception:  # the page runs without app.py's navigation (fresh server)
            pass
        return
    area = f" · {user['area']}" if user["area"] else ""
    box.caption(t("access.signed_in_as", username=user["username"], role=t(f"access.role_{user['role']}")) + area)
    if box.button(t("access.sign_out"), key="logout"):
        sign_out(user)
        st.rerun()


# Remembered sign-ins -------------------------------------------------------------------------------


def new_token(username: str) -> dict:
    """A sign-in cookie's value and expiry: a JWT (HS256, PyJWT) in streamlit-authenticator's layout
    ({"username", "exp_date"}) with the standard "iat" and "exp" beside it, and a random "session":
    every browser tab the cookie opens belongs to that one sign-in, audited once."""
    key = users.cookie_key()
    if not key:
        return {"token": None}
    issued = time.time()
    expires = issued + users.cookie_settings()["expiry_days"] * 86400
    claims = {"username": username, "exp_date": expires, "exp": int(expires), "iat": issued,
              "session": secrets.token_urlsafe(12)}
    return {"token": jwt.encode(claims, key, algorithm="HS256"),
            "expires": datetime.fromtimestamp(expires, timezone.utc).isoformat()}


def verified_claims(token: str) -> dict | None:
    """A sign-in cookie's claims when its signature is good, it has not expired, its account still
    exists and has not signed out since it was issued; else None."""
    key = users.cookie_key()
    if not key:
        return None
    try:
        claims = jwt.decode(token, key, algorithms=["HS256"], options={"require": ["exp", "iat"]})
    except jwt.PyJWTError:
        return None
    if not isinstance(claims.get("exp_date"), (int, float)) or claims["exp_date"] <= time.time():
        return None
    user = users.find(claims.get("username"))
    if user is None:
        return None
    revoked = db.query(db.cursor(), "login_revoked_at", username=user["username"])
    if not revoked.empty:
        revoked_at = revoked.iloc[0, 0].to_pydatetime().replace(tzinfo=timezone.utc).timestamp()
        if claims["iat"] <= revoked_at:
            return None
    # A cookie issued before cookies carried a session claim: its issue time stands for it.
    return {**claims, "username": user["username"],
            "session": str(claims.get("session") or f"{user['username']}@{claims['iat']}")}


def user_from_token(token: str) -> dict | None:
    """The account a sign-in cookie stands for (`verified_claims`), or None."""
    claims = verified_claims(token)
    return users.find(claims["username"]) if claims else None


def sync_cookie() -> None:
    """Set or delete the sign-in cookie asked for by the last sign-in or sign-out.

    Through the cookie component streamlit-authenticator uses (extra-streamlit-components), drawn
    with the same arguments on every run until the browser says it is done: drawn once, a rerun
    could remove it before it ran.
    """
    operation = st.session_state.get("_cookie_op")
    if not operation:
        return
    if operation["op"] == "set" and not operation.get("token"):
        st.session_state.pop("_cookie_op")
        return
    from extra_streamlit_components.CookieManager import _component_func as cookie_component

    name = users.cookie_settings()["name"]
    with st.sidebar:
        if operation["op"] == "set":
            options = {"path": "/", "expires": operation["expires"], "sameSite": "strict",
                       "secure": str(st.context.url or "").startswith("https:")}
            done = cookie_component(method="set", cookie=name, value=operation["token"], options=options,
                                    key="bebenah_cookie_set", default=False)
        else:
            done = cookie_component(method="delete", cookie=name, key="bebenah_cookie_delete", default=False)
    if done:
        st.session_state.pop("_cookie_op")


def _restore() -> dict | None:
    """Take up an OIDC sign-in or a valid sign-in cookie, once per browser session."""
    if st.session_state.get("_signed_out"):
        return None
    user, via, session = _from_oidc(), "oidc", None
    if user is None:
        claims, via = _from_cookie(), "cookie"
        user = users.find(claims["username"]) if claims else None
        session = claims["session"] if claims else None
    if user is None:
        return None
    _start_session(user, via=via)
    record_restored_sign_in(user["username"], via, session)
    return user


def record_restored_sign_in(username: str, via: str, session: str | None) -> None:
    """Audit a sign-in taken up from OIDC or a cookie; a cookie's once per sign-in session (it opens
    every new tab of that sign-in: before, each page load wrote an entry)."""
    with db.transaction(clear_cache=False) as cur:
        if session is None or not db.query(cur, "login_session_seen", session=session).iloc[0, 0]:
            audit.log(cur, username, "login_ok", username, via=via, **({"session": session} if session else {}))


def _from_cookie() -> dict | None:
    """The verified claims of this request's sign-in cookie, once per browser session."""
    if st.session_state.get("_cookie_checked"):
        return None
    st.session_state["_cookie_checked"] = True
    try:
        token = st.context.cookies.get(users.cookie_settings()["name"])
    except Exception:  # no request context (AppTest)
        return None
    return verified_claims(token) if token else None


# OIDC (st.login), only where secrets.toml has an [auth] section ------------------------------------


def _auth_secrets() -> dict | None:
    try:
        return st.secrets["auth"] if "auth" in st.secrets else None
    except Exception:  # no secrets.toml at all
        return None


def oidc_configured() -> bool:
    return _auth_secrets() is not None and importlib.util.find_spec("authlib") is not None


def _oidc_provider() -> tuple:
    """st.login's argument: the named provider when [auth] has one ([auth.microsoft]), else none."""
    named = [name for name, value in (_auth_secrets() or {}).items() if hasattr(value, "keys")]
    return (named[0],) if len(named) == 1 else ()


def _oidc_signed_in() -> bool:
    try:
        return bool(st.user.get("is_logged_in"))
    except Exception:
        return False


def _from_oidc() -> dict | None:
    if _auth_secrets() is None or not _oidc_signed_in():
        return None
    email = st.user.get("email")
    user = users.find_by_email(email)
    if user is None:
        st.session_state["_oidc_unknown"] = email
    return user
