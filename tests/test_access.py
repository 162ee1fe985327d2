"""Who sees what, per role, on every page and every download: AppTest on the fixture database.

The fixture is not sample data, so a guest sees nothing but the sign-in form. Every household count
in it is under 5, so a viewer sees every count suppressed and an admin sees them all.
"""

import ast
import json
import re
import time
from pathlib import Path

import duckdb
import jwt
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from bebenah import access, db, export, login, page, users

import accounts

ROOT = Path(__file__).resolve().parents[1]
ROLES = (None, "viewer", "uploader", "admin")
RANK = {None: -1, "viewer": 0, "uploader": 1, "admin": 2}
SIGN_IN_TITLE = "Masuk ke Pantau Bebenah"
DENIED = "Halaman ini hanya untuk peran yang berwenang. Silakan masuk dengan akun yang sesuai."
HOUSEHOLD_ID = re.compile(r"BKK-\d{10}-\d{3}")
FIXTURE_NOTE = "Rumah sudah dicat"
HOUSEHOLD_COLUMNS = {"id_rumah_tangga", "rw", "rt", "catatan_fasilitator", "catatan", "ib_konflik_keluarga"}


def app_pages() -> list[tuple[str, str]]:
    """(file, role) of every page in app.py's PAGES, read without running app.py."""
    tree = ast.parse((ROOT / "app.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "PAGES":
            return [(path, role) for path, _, _, role, _ in ast.literal_eval(node.value)]
    raise AssertionError("no PAGES in app.py")


PAGES = app_pages()


def mark_sample(path):
    with duckdb.connect(str(path)) as con:
        con.execute("insert into settings values ('sumber_data', 'demo')")
    db.connection.clear()
    db.clear_caches()


def open_page(path: str, role: str | None, via_app: bool = True) -> AppTest:
    """The page as `role` sees it: through app.py's navigation, or run directly as a fresh server may."""
    at = AppTest.from_file(str(ROOT / ("app.py" if via_app else path)), default_timeout=60)
    if role:
        accounts.sign_in(at, role)
    at.run()
    if via_app and path != PAGES[0][0]:
        at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def content(at) -> dict:
    """What a page shows beyond the sign-in form: its data elements."""
    return {
        "metrics": len(at.metric),
        "dataframes": len(at.dataframe),
        "charts": len(at.get("plotly_chart")),
        "downloads": len(at.get("download_button")),
        "filters": len([box for box in at.sidebar.selectbox if box.key in ("kota", "kecamatan", "kelurahan")]),
    }


def everything_shown(at) -> str:
    """Every text, table, chart and widget option on the page, as one string to search."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success",
                 "text", "code", "json"):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in at.metric]
    parts += [element.value.to_csv() for element in at.dataframe]
    parts += [element.proto.spec for element in at.get("plotly_chart")]
    for kind in ("selectbox", "multiselect", "radio"):
        parts += [" ".join(map(str, element.options)) for element in getattr(at, kind)]
    return "\n".join(parts)


def assert_nothing_but_the_sign_in_form(at):
    assert [title.value for title in at.title] == [SIGN_IN_TITLE]
    assert at.text_input(key="login_username") and at.text_input(key="login_password")
    assert content(at) == {"metrics": 0, "dataframes": 0, "charts": 0, "downloads": 0, "filters": 0}


# The guard, per role and page ---------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(str(path.relative_to(ROOT)) for path in (ROOT / "app_pages").glob("*.py")))
def test_every_page_file_calls_the_guard_before_anything_else(path):
    """A page file can run without app.py: its first statement that does anything is page.setup()
    (or, for the sign-in page, page.start())."""
    for statement in ast.parse((ROOT / path).read_text()).body:
        if isinstance(statement, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # the docstring
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and not any(
                isinstance(node, ast.Call) for node in ast.walk(statement.value)):
            continue  # a constant
        call = statement.value if isinstance(statement, (ast.Expr, ast.Assign)) else None
        assert isinstance(call, ast.Call) and ast.unparse(call.func) in ("page.setup", "page.start"), (
            f"{path}: the first statement is {ast.unparse(statement)[:80]!r}")
        if path != "app_pages/masuk.py":
            assert ast.unparse(call.func) == "page.setup" and call.args, path
        return
    raise AssertionError(f"{path} never calls page.setup")


@pytest.mark.parametrize("path, page_role", PAGES)
def test_a_guest_on_a_real_database_sees_only_the_sign_in_form(fixture_db, path, page_role):
    # The page file run on its own, as a fresh server does for a typed URL; through app.py a guest's
    # navigation holds the sign-in page alone (below), and the browser tests type the URLs.
    assert_nothing_but_the_sign_in_form(open_page(path, None, via_app=False))


def test_a_guest_on_a_real_database_is_offered_only_the_sign_in_page(fixture_db):
    at = open_page(PAGES[0][0], None)
    assert_nothing_but_the_sign_in_form(at)
    assert not HOUSEHOLD_ID.search(everything_shown(at))


@pytest.mark.parametrize("path, page_role", PAGES)
def test_a_guest_on_the_sample_database_browses_viewer_pages_only(fixture_db, path, page_role):
    mark_sample(fixture_db)
    at = open_page(path, None, via_app=False)
    if page_role == "viewer":
        assert SIGN_IN_TITLE not in [title.value for title in at.title]
        assert at.title and content(at)["filters"] == 3
        assert any("Data contoh (sintetis)" in info.value for info in at.info)
    else:
        assert_nothing_but_the_sign_in_form(at)


@pytest.mark.parametrize("role", ROLES[1:])
@pytest.mark.parametrize("path, page_role", PAGES)
def test_each_role_opens_exactly_the_pages_its_rank_allows(fixture_db, path, page_role, role):
    at = open_page(path, role, via_app=False)
    if RANK[role] >= RANK[page_role]:
        assert DENIED not in [error.value for error in at.error]
        assert "login_username" not in [box.key for box in at.text_input]
        assert at.title and at.title[0].value != SIGN_IN_TITLE
    else:
        assert [error.value for error in at.error] == [DENIED]
        assert not at.title
        assert content(at) == {"metrics": 0, "dataframes": 0, "charts": 0, "downloads": 0, "filters": 0}


def navigation(monkeypatch, role) -> dict[str, str]:
    """Each page app.py registers, with its visibility in the sidebar, for `role`."""
    listed = {}
    real_page = __import__("streamlit").Page

    def recording_page(path, *args, **kwargs):
        listed[str(path)] = kwargs.get("visibility", "visible")
        return real_page(path, *args, **kwargs)

    monkeypatch.setattr("streamlit.Page", recording_page)
    open_page(PAGES[0][0], role)
    return listed


@pytest.mark.parametrize("role", ROLES[1:])
def test_the_navigation_shows_only_what_the_role_may_open(fixture_db, role, monkeypatch):
    listed = navigation(monkeypatch, role)
    assert [path for path, visibility in listed.items() if visibility == "visible"] == [
        path for path, page_role in PAGES if RANK[role] >= RANK[page_role]]
    # The others stay registered, hidden, so that their URL meets the page's own guard.
    assert list(listed) == [path for path, _ in PAGES]


def test_the_navigation_of_a_guest_on_a_real_database_shows_the_sign_in_page_alone(fixture_db, monkeypatch):
    listed = navigation(monkeypatch, None)
    assert [path for path, visibility in listed.items() if visibility == "visible"] == ["app_pages/masuk.py"]


# What a viewer sees: aggregates only, small cells suppressed ---------------------------------------


@pytest.fixture
def downloads(monkeypatch):
    """Every frame a page hands to a CSV or XLSX download, recorded."""
    frames = []
    real_csv, real_xlsx = export.csv_bytes, export.xlsx_bytes

    def csv_bytes(frame):
        frames.append(frame)
        return real_csv(frame)

    def xlsx_bytes(sheets):
        frames.extend(sheets.values())
        return real_xlsx(sheets)

    monkeypatch.setattr(export, "csv_bytes", csv_bytes)
    monkeypatch.setattr(export, "xlsx_bytes", xlsx_bytes)
    # A table's files are built on their button's click: the frame they would hold is recorded here.
    real_downloads = page.downloads

    def table_downloads(frame, name):
        frames.append(frame)
        return real_downloads(frame, name)

    monkeypatch.setattr(page, "downloads", table_downloads)
    return frames


@pytest.mark.parametrize("role", [None, "viewer"])
@pytest.mark.parametrize("path", [path for path, page_role in PAGES if page_role == "viewer"])
def test_no_household_level_data_reaches_a_viewer_on_screen_or_in_a_download(fixture_db, downloads, path, role):
    if role is None:
        mark_sample(fixture_db)
    at = open_page(path, role, via_app=False)
    shown = everything_shown(at)
    assert not HOUSEHOLD_ID.search(shown), HOUSEHOLD_ID.search(shown)
    assert FIXTURE_NOTE not in shown
    for frame in downloads + [element.value for element in at.dataframe]:
        assert not HOUSEHOLD_COLUMNS & set(map(str, frame.columns)), list(frame.columns)
        assert not HOUSEHOLD_ID.search(frame.to_csv())


def overview_metrics(at) -> dict:
    return {metric.label: metric.value for metric in at.metric}


def enrolment_table(frames):
    """The overview's enrolment-by-area download, among the frames a page handed out."""
    (table,) = [frame for frame in frames if list(frame.columns)[:3] == ["Wilayah", "Keluarga terdaftar", "Sasaran (keluarga)"]]
    return table


def test_a_viewer_sees_the_overview_counts_suppressed_with_a_note(fixture_db, downloads):
    at = open_page("app_pages/ringkasan.py", "viewer")
    metrics = overview_metrics(at)
    # 4 enrolled, 1 of 3 rose, 1 of 4 reached: all under 5 households.
    assert metrics["Keluarga terdaftar"] == "–"
    assert metrics["Naik tahapan sejak baseline"] == "–"
    assert metrics["Keluarga terjangkau intervensi"] == "–"
    # Agencies and rupiah are not households: shown.
    assert metrics["Lembaga aktif"] == "6"
    captions = " ".join(caption.value for caption in at.caption)
    assert "sel disembunyikan karena mewakili kurang dari 5 keluarga" in captions
    table = enrolment_table(downloads)
    assert table["Keluarga terdaftar"].isna().all(), "Jagakarsa's 3 and Mampang Prapatan's 1 are both hidden"
    assert table["Sasaran (keluarga)"].notna().all(), "targets are not households: shown"


def test_an_admin_sees_the_same_overview_unsuppressed(fixture_db, downloads):
    at = open_page("app_pages/ringkasan.py", "admin")
    metrics = overview_metrics(at)
    assert metrics["Keluarga terdaftar"] == "4"
    assert metrics["Naik tahapan sejak baseline"] == "33%"
    assert "sel disembunyikan" not in " ".join(caption.value for caption in at.caption)
    assert sorted(enrolment_table(downloads)["Keluarga terdaftar"].tolist()) == [1, 3]


def test_a_lower_threshold_shows_what_it_no_longer_hides(fixture_db, monkeypatch):
    # With k = 4, the overview's 4 enrolled households may be shown; Jagakarsa's 3 and its
    # complement stay hidden.
    monkeypatch.setenv("BEBENAH_MIN_HOUSEHOLDS", "4")
    metrics = overview_metrics(open_page("app_pages/ringkasan.py", "viewer"))
    assert metrics["Keluarga terdaftar"] == "4"
    assert metrics["Naik tahapan sejak baseline"] == "–"


# Signing in and out -------------------------------------------------------------------------------


def audit_log(con):
    return con.execute("select actor, action, target from audit_log order by audit_id").fetchall()


def sign_in_through_the_form(at, username, password):
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return at.button(key="login_submit").click().run()


def test_signing_in_through_the_form_opens_the_overview_and_is_logged(fixture_db, con):
    at = open_page(PAGES[0][0], None)
    sign_in_through_the_form(at, "vera", accounts.PASSWORD)
    assert not at.exception
    assert at.title[0].value == "Ringkasan program"
    assert at.session_state["user"]["username"] == "vera"
    assert "login_password" not in [box.key for box in at.text_input]
    assert audit_log(con) == [("vera", "login_ok", "vera")]
    # The sign-in cookie is set through streamlit-authenticator's cookie component.
    assert at.get("component_instance")


def test_a_wrong_password_is_refused_and_logged(fixture_db, con):
    at = sign_in_through_the_form(open_page(PAGES[0][0], None), "vera", "bukan-sandinya")
    assert [error.value for error in at.error] == ["Nama pengguna atau kata sandi salah."]
    assert "user" not in at.session_state
    assert content(at)["metrics"] == 0
    assert audit_log(con) == [("vera", "login_failed", "vera")]


def test_the_form_hides_the_password_and_clears_itself_on_submit(fixture_db):
    at = open_page(PAGES[0][0], None)
    (form,) = at.get("form")
    assert form.proto.form.clear_on_submit
    password = at.text_input(key="login_password")
    assert password.proto.type == password.proto.PASSWORD
    assert password.proto.autocomplete == "current-password"


def test_signing_in_on_a_protected_page_opens_that_page(fixture_db):
    at = open_page("app_pages/audit.py", None, via_app=False)
    sign_in_through_the_form(at, "ani", accounts.PASSWORD)
    assert at.title[0].value == "Log audit"


def test_signing_out_returns_to_the_sign_in_form_and_is_logged(fixture_db, con):
    at = open_page(PAGES[0][0], "admin")
    at.sidebar.button(key="logout").click().run()
    assert_nothing_but_the_sign_in_form(at)
    assert at.session_state["_signed_out"] is True
    assert ("ani", "logout", "ani") in audit_log(con)


def test_an_account_removed_during_a_session_loses_access_at_the_next_click(fixture_db):
    at = open_page(PAGES[0][0], "viewer")
    assert at.metric
    users.remove("vera")
    at.run()
    assert_nothing_but_the_sign_in_form(at)


def test_a_demoted_admin_loses_the_admin_pages_at_the_next_click(fixture_db):
    at = open_page("app_pages/audit.py", "admin", via_app=False)
    assert at.title[0].value == "Log audit"
    users.set_role("vera", "admin")  # another admin first: the last one cannot be demoted
    users.set_role("ani", "viewer")
    at.run()
    assert [error.value for error in at.error] == [DENIED]


def test_a_forged_session_for_an_unknown_account_is_a_guest(fixture_db):
    at = AppTest.from_file(str(ROOT / "app_pages/audit.py"), default_timeout=60)
    at.session_state["user"] = {"username": "mallory", "role": "admin", "area": None}
    at.run()
    assert_nothing_but_the_sign_in_form(at)


def test_the_role_in_the_session_is_not_trusted_the_accounts_file_is(fixture_db):
    at = AppTest.from_file(str(ROOT / "app_pages/audit.py"), default_timeout=60)
    at.session_state["user"] = {"username": "vera", "role": "admin", "area": None}
    at.run()
    assert [error.value for error in at.error] == [DENIED]


# Remembered sign-in: the cookie token --------------------------------------------------------------


def token(username="vera", expires_in=3600, key=accounts.COOKIE_KEY, issued=None, **extra):
    issued = time.time() if issued is None else issued
    claims = {"username": username, "exp_date": time.time() + expires_in, "exp": int(time.time() + expires_in),
              "iat": issued, **extra}
    return jwt.encode(claims, key, algorithm="HS256")


def test_a_valid_cookie_stands_for_its_account(fixture_db, accounts_file):
    assert login.user_from_token(token()) == accounts.ACCOUNTS["viewer"]


def test_the_cookie_a_sign_in_sets_is_one_the_app_takes_back(fixture_db, accounts_file):
    made = login.new_token("umar")
    assert login.user_from_token(made["token"]) == accounts.ACCOUNTS["uploader"]
    assert made["expires"].endswith("+00:00")


@pytest.mark.parametrize("forged", [
    token(expires_in=-1),
    token(key="kunci-lain-" + "y" * 40),
    token(username="mallory"),
    token()[:-2] + ("AA" if not token().endswith("AA") else "BB"),
    jwt.encode({"username": "ani", "exp_date": time.time() + 3600, "exp": int(time.time() + 3600),
                "iat": time.time()}, None, algorithm="none"),
    jwt.encode({"username": "ani", "exp_date": time.time() + 3600}, accounts.COOKIE_KEY, algorithm="HS256"),
    "bukan-token",
])
def test_an_expired_forged_or_foreign_cookie_stands_for_nobody(fixture_db, accounts_file, forged):
    assert login.user_from_token(forged) is None


def test_without_a_cookie_key_no_cookie_is_accepted(fixture_db, accounts_file, monkeypatch):
    monkeypatch.setenv("BEBENAH_COOKIE_KEY", "pendek")
    assert login.user_from_token(token()) is None


def test_signing_out_revokes_the_accounts_cookies_on_every_browser(fixture_db, con):
    elsewhere = token("ani", issued=time.time() - 60)
    assert login.user_from_token(elsewhere) is not None
    at = open_page(PAGES[0][0], "admin")
    at.sidebar.button(key="logout").click().run()
    assert login.user_from_token(elsewhere) is None
    assert login.user_from_token(token("vera", issued=time.time() - 60)) is not None, "other accounts keep theirs"
    assert login.user_from_token(token("ani")) is not None, "a sign-in after the sign-out counts"
    assert con.execute("select username from login_revocations").fetchall() == [("ani",)]


def test_signing_out_asks_the_browser_to_delete_the_cookie(fixture_db):
    at = open_page(PAGES[0][0], "admin")
    at.sidebar.button(key="logout").click().run()
    assert at.session_state["_cookie_op"] == {"op": "delete"}
    assert at.get("component_instance"), "drawn until the browser says it is done"


# OIDC (st.login) beside the password form ----------------------------------------------------------


def with_email(accounts_file, username, email):
    config = yaml.safe_load(accounts_file.read_text())
    config["credentials"]["usernames"][username]["email"] = email
    accounts_file.write_text(yaml.safe_dump(config))


def test_without_an_auth_section_an_oidc_identity_is_ignored_and_nothing_breaks(fixture_db, accounts_file):
    with_email(accounts_file, "ani", "ani@kemenkopmk.go.id")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.user = {"is_logged_in": True, "email": "ani@kemenkopmk.go.id"}
    at.run()
    assert not at.exception
    assert_nothing_but_the_sign_in_form(at)
    assert "login_oidc" not in [button.key for button in at.button]


def test_with_an_auth_section_an_oidc_sign_in_takes_the_role_of_the_matching_account(fixture_db, accounts_file, con):
    with_email(accounts_file, "ani", "ani@kemenkopmk.go.id")
    at = AppTest.from_file(str(ROOT / "app_pages/audit.py"), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    at.user = {"is_logged_in": True, "email": "ANI@kemenkopmk.go.id"}
    at.run()
    assert at.title[0].value == "Log audit"
    assert audit_log(con)[0] == ("ani", "login_ok", "ani")


def test_an_oidc_identity_without_an_account_gets_nothing(fixture_db, accounts_file):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    at.user = {"is_logged_in": True, "email": "orang@lain.id"}
    at.run()
    assert_nothing_but_the_sign_in_form(at)


# Household-level scope -----------------------------------------------------------------------------


def test_household_scope_is_the_uploaders_area_everything_for_admins_and_nothing_for_viewers():
    assert access.household_scope(accounts.ACCOUNTS["admin"]) is None
    assert access.household_scope(accounts.ACCOUNTS["uploader"]) == "31.74.09"
    assert access.household_scope(accounts.ACCOUNTS["uploader_kelurahan"]) == "31.74.03.1003"
    for user in (accounts.ACCOUNTS["viewer"], access.GUEST, {"username": "u", "role": "uploader", "area": None}):
        with pytest.raises(PermissionError):
            access.household_scope(user)


@pytest.mark.parametrize("kelurahan, area, inside", [
    ("31.74.09.1005", "31.74.09", True),
    ("31.74.09.1005", "31.74.09.1005", True),
    ("31.74.03.1003", "31.74.09", False),
    ("31.74.09.1005", "31.74.0", False),       # whole segments only
    ("31.74.09.1005", "31.74.09.100", False),
    ("31.74.09.1005", None, True),
    (None, "31.74.09", False),
])
def test_in_area_matches_whole_code_segments(kelurahan, area, inside):
    assert access.in_area(kelurahan, area) is inside


# The audit log page --------------------------------------------------------------------------------


def test_the_audit_page_lists_entries_filters_them_and_cannot_edit_them(fixture_db, con):
    login.attempt("vera", "salah")
    login.attempt("vera", accounts.PASSWORD)
    con.execute("insert into audit_log (actor, action, target, detail) values "
                "('umar', 'upload', '<img src=x onerror=alert(1)>.csv', '{\"rows\": 3}')")
    at = open_page("app_pages/audit.py", "admin", via_app=False)
    table = at.dataframe[0].value
    assert table.iloc[:, 2].tolist()[:3] == ["Unggahan", "Masuk berhasil", "Masuk gagal"]
    # Shown as data: the cell holds the text itself, which st.dataframe never renders as HTML.
    assert table.iloc[0, 3] == "<img src=x onerror=alert(1)>.csv"
    assert not at.data_editor
    at.multiselect(key="audit_actions").set_value(["login_failed"]).run()
    assert at.dataframe[0].value.iloc[:, 2].tolist() == ["Masuk gagal"]
    at.multiselect(key="audit_actions").set_value([]).run()
    at.selectbox(key="audit_actor").set_value("umar").run()
    assert len(at.dataframe[0].value) == 1
    at.selectbox(key="audit_actor").set_value(None).run()
    at.text_input(key="audit_search").input("onerror").run()
    assert len(at.dataframe[0].value) == 1


def test_the_audit_page_speaks_english_too_and_has_no_area_filters(fixture_db):
    login.attempt("vera", accounts.PASSWORD)
    at = AppTest.from_file(str(ROOT / "app_pages/audit.py"), default_timeout=60)
    accounts.sign_in(at, "admin").run()
    assert content(at)["filters"] == 0
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Audit log"
    assert at.dataframe[0].value.iloc[:, 2].tolist() == ["Signed in"]


def test_no_statement_in_the_app_changes_or_deletes_audit_entries():
    for path in (ROOT / "queries").glob("*.sql"):
        text = re.sub(r"--[^\n]*", "", path.read_text()).lower()
        assert not re.search(r"(update|delete\s+from|truncate|drop\s+table)\s+(if\s+exists\s+)?audit_log", text), path
    for path in [ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("bebenah/**/*.py")]:
        assert not re.search(r"(update|delete\s+from|truncate)\s+audit_log", path.read_text(), re.I), path


def test_uploads_undos_and_redos_are_in_the_audit_log_and_on_its_page(fixture_db, con):
    from bebenah import ingest

    data = (ROOT / "tests" / "files" / "survei_template.csv").read_bytes()
    _, upload_id = ingest.ingest(data, "survei.csv", "ani")
    ingest.undo(upload_id, "ani")
    ingest.redo(upload_id, "ani")
    assert audit_log(con) == [("ani", "upload", str(upload_id)), ("ani", "undo", str(upload_id)),
                              ("ani", "redo", str(upload_id))]
    at = open_page("app_pages/audit.py", "admin", via_app=False)
    assert at.dataframe[0].value.iloc[:, 2].tolist() == ["Unggahan dipulihkan", "Pembatalan unggahan", "Unggahan"]


def test_a_cookie_writes_one_sign_in_entry_however_many_tabs_it_opens(fixture_db, accounts_file, con):
    """Before, every page load taken up from the cookie wrote a login_ok entry (flooding the log)."""
    first, second = (login.verified_claims(login.new_token("umar")["token"]) for _ in range(2))
    assert first["session"] != second["session"]
    for _ in range(5):  # five tabs of the first sign-in
        login.record_restored_sign_in("umar", "cookie", first["session"])
    login.record_restored_sign_in("umar", "cookie", second["session"])
    entries = con.execute("select detail from audit_log where action = 'login_ok'").fetchall()
    assert [json.loads(detail)["session"] for detail, in entries] == [first["session"], second["session"]]


def test_a_cookie_from_before_session_claims_is_known_by_its_issue_time(fixture_db, accounts_file):
    issued = time.time() - 30
    assert login.verified_claims(token("vera", issued=issued))["session"] == f"vera@{issued}"
