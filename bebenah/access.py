"""Who is using the app, what their role lets them see, and signing in and out.

Roles: viewer (aggregates only), uploader (uploads, and household-level rows of their own area),
admin (everything). Accounts live in bebenah.users; sign-in is by password (bcrypt through
streamlit-authenticator, with lockout) or, where secrets.toml has an [auth] section, by OIDC (st.login).
"""

import importlib.util
import time
import unicodedata

import jwt
import streamlit as st

from bebenah import audit, db, lockout, users
from bebenah.i18n import t

ROLES = ("viewer", "uploader", "admin")
GUEST = {"username": None, "role": None, "area": None}
MAX_USERNAME = 64


def current_user() -> dict:
    """The signed-in user as {"username", "role", "area"}; a guest (role None) when nobody is.

    Role and area are read from the accounts file on every run, so removing or demoting an account
    takes effect at once, in open sessions too. A remembered (cookie) or OIDC sign-in is taken up here.
    """
    session = st.session_state.get("user")
    if session:
        user = users.find(session.get("username"))
        if user is None or (session.get("via") == "oidc" and not _oidc_signed_in()):
            _forget_session()
            return dict(GUEST)
        return user
    return _restore() or dict(GUEST)


def allows(user: dict, role: str) -> bool:
    """Does the user's role reach `role`? A guest's does not."""
    return user.get("role") in ROLES and ROLES.index(user["role"]) >= ROLES.index(role)


def may_open(user: dict, role: str, sample_data: bool) -> bool:
    """May the user open a page that needs `role`? Guests browse the viewer pages of the sample data only."""
    return allows(user, role) or (role == "viewer" and user.get("role") is None and sample_data)


def household_scope(user: dict | None = None) -> str | None:
    """The area code whose household-level rows the user may see: None for all (admins).

    An uploader's area is a kecamatan (31.74.09) or kelurahan (31.74.09.1005) code; match rows with
    in_area() or, in SQL, `starts_with(kode_kelurahan || '.', $area || '.')`.
    Raises PermissionError for viewers and guests (aggregates only) and for an uploader without an area.
    """
    user = user or current_user()
    if user.get("role") == "admin":
        return None
    if user.get("role") == "uploader" and user.get("area"):
        return user["area"]
    raise PermissionError("household-level data is for uploaders of the area and admins only")


def in_area(kode_kelurahan: str | None, area: str | None) -> bool:
    """Is a kelurahan inside an area code (None = everywhere)? Whole segments only: 31.74.0 matches nothing."""
    return area is None or (kode_kelurahan is not None and f"{kode_kelurahan}.".startswith(f"{area}."))


def guard(role: str, sample_data: bool) -> None:
    """Let the page go on only for who may open it; show the sign-in form (or a refusal) and stop otherwise."""
    user = current_user()
    if may_open(user, role, sample_data):
        return
    if user["role"] is None:
        st.title(t("access.sign_in_title"))
        st.info(t("access.sign_in_needed"))
        if login_form():
            st.rerun()
    else:
        st.error(t("access.denied"))
    st.stop()


# Signing in -------------------------------------------------------------------------------------


class Outcome:
    """The result of one sign-in attempt: ok, and the message to show when not."""

    def __init__(self, ok: bool, message: str = "", user: dict | None = None):
        self.ok, self.message, self.user = ok, message, user


def clean_username(username: str | None) -> str:
    """Lowercase, without control characters, at most 64 characters (it is logged as typed)."""
    text = "".join(char for char in str(username or "") if unicodedata.category(char)[0] != "C")
    return text.strip().lower()[:MAX_USERNAME]


def attempt(username: str, password: str, at=None) -> Outcome:
    """Check a username and password, slowed and locked after repeated failures, each step audited."""
    username = clean_username(username)
    if not username or not password:
        return Outcome(False, t("access.login_incomplete"))
    at = at or lockout.now()
    with db.transaction(clear_cache=False) as cur:
        verdict = lockout.check(cur, username, at)
        if not verdict.allowed:
            audit.log(cur, username, "login_locked", username, refused=True, until=verdict.wait_until)
    if not verdict.allowed:
        return Outcome(False, _wait_message(verdict, at))
    ok = users.check_password(username, password)
    with db.transaction(clear_cache=False) as cur:
        if ok:
            lockout.clear(cur, username)
            audit.log(cur, username, "login_ok", username, via="password")
            return Outcome(True, user=users.find(username))
        verdict = lockout.fail(cur, username, at)
        audit.log(cur, username, "login_failed", username)
        if verdict.locked:
            audit.log(cur, username, "login_locked", username, until=verdict.wait_until)
    return Outcome(False, _wait_message(verdict, at) if not verdict.allowed else t("access.login_failed"))


def _wait_message(verdict: lockout.Verdict, at) -> str:
    seconds = max(1, int((verdict.wait_until - at).total_seconds() + 0.999))
    if verdict.locked:
        return t("access.login_locked", minutes=max(1, (seconds + 59) // 60))
    return t("access.login_slowed", seconds=seconds)


def login_form() -> bool:
    """The sign-in form (and the OIDC button where configured); True once the session is signed in."""
    if oidc_configured():
        st.button(t("access.sign_in_oidc"), key="login_oidc", on_click=st.login, args=_oidc_provider(),
                  type="primary")
        email = st.session_state.get("_oidc_unknown")
        if email:
            st.warning(t("access.oidc_no_account", email=email))
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
        st.session_state["_cookie_op"] = "set"


def sign_out() -> None:
    user = current_user()
    via = (st.session_state.get("user") or {}).get("via")
    if user["username"]:
        with db.transaction(clear_cache=False) as cur:
            audit.log(cur, user["username"], "logout", user["username"])
    _forget_session()
    if via == "oidc":
        st.logout()


def _forget_session() -> None:
    st.session_state.pop("user", None)
    # This session's request still carries the old cookie: never take it up again here.
    st.session_state["_signed_out"] = True
    st.session_state["_cookie_op"] = "delete"


def account_sidebar() -> None:
    """Who is signed in, and the button to sign out (or, for a guest, the way to sign in)."""
    user = current_user()
    box = st.sidebar.container(key="account")
    if user["role"] is None:
        try:
            box.page_link("pages/masuk.py", label=t("access.sign_in"), icon="🔑")
        except Exception:  # the page runs without app.py's navigation (fresh server)
            pass
        return
    area = f" · {user['area']}" if user["area"] else ""
    box.caption(t("access.signed_in_as", username=user["username"], role=t(f"access.role_{user['role']}")) + area)
    if box.button(t("access.sign_out"), key="logout"):
        sign_out()
        st.rerun()


# Remembered sign-ins: a signed cookie set and deleted through streamlit-authenticator --------------


def sync_cookie() -> None:
    """Set or delete the sign-in cookie asked for by the last sign-in or sign-out (once per run)."""
    operation = st.session_state.pop("_cookie_op", None)
    key = users.cookie_key() if operation else None
    if not key:
        return
    settings = users.cookie_settings()
    import streamlit_authenticator as stauth

    authenticator = stauth.Authenticate({"usernames": {}}, settings["name"], key, settings["expiry_days"],
                                        auto_hash=False)
    if operation == "set" and st.session_state.get("user"):
        st.session_state["username"] = st.session_state["user"]["username"]
        authenticator.cookie_controller.set_cookie()
    elif operation == "delete":
        authenticator.cookie_controller.delete_cookie()
    # streamlit-authenticator keeps its own sign-in state beside ours: keep it empty.
    for name in ("username", "name", "authentication_status", "email", "roles"):
        st.session_state[name] = None


def _restore() -> dict | None:
    """Take up an OIDC sign-in or a valid sign-in cookie, once per browser session."""
    if st.session_state.get("_signed_out"):
        return None
    user, via = _from_oidc(), "oidc"
    if user is None:
        user, via = _from_cookie(), "cookie"
    if user is None:
        return None
    _start_session(user, via="oidc" if via == "oidc" else "cookie")
    with db.transaction(clear_cache=False) as cur:
        audit.log(cur, user["username"], "login_ok", user["username"], via=via)
    return user


def _from_cookie() -> dict | None:
    if st.session_state.get("_cookie_checked"):
        return None
    st.session_state["_cookie_checked"] = True
    try:
        token = st.context.cookies.get(users.cookie_settings()["name"])
    except Exception:  # no request context (AppTest)
        return None
    return user_from_token(token) if token else None


def user_from_token(token: str) -> dict | None:
    """The account a sign-in cookie stands for, if its signature holds and it has not expired.

    The token is streamlit-authenticator's: a JWT (HS256) of {"username", "exp_date"}.
    """
    key = users.cookie_key()
    if not key:
        return None
    try:
        claims = jwt.decode(token, key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    if not isinstance(claims.get("exp_date"), (int, float)) or claims["exp_date"] <= time.time():
        return None
    return users.find(claims.get("username"))


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
