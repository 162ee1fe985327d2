"""Security in a real browser, each test on its own freshly started server (a page file can run
without app.py on the first request): the guard, sign-in and its cookie, text that must stay text,
and filter values from the URL that must not reach SQL."""

import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
from playwright.sync_api import expect

import accounts
from browser import screenshot, start_server, start_with_accounts, wait_ready

PAYLOAD = "<img src=x onerror=alert(1)>"
SIGN_IN_HEADING = "Masuk ke Pantau Bebenah"
COOKIE = "pantau_bebenah_auth"


def protected_urls() -> list[str]:
    """The URL of every page whose guard asks for uploader or admin (app_pages/unggah.py -> unggah)."""
    pages = Path(__file__).resolve().parents[2] / "app_pages"
    urls = sorted(path.stem for path in pages.glob("*.py")
                  if re.search(r"""page\.setup\(\s*["'](uploader|admin)["']""", path.read_text()))
    assert "audit" in urls
    return urls


def page_urls() -> list[str]:
    """The URL of every page file (app_pages/kemajuan.py -> kemajuan)."""
    return sorted(path.stem for path in (Path(__file__).resolve().parents[2] / "app_pages").glob("*.py"))


@pytest.fixture
def database(fixture_template, tmp_path):
    """A copy of the fixture database: not sample data, so it counts as real."""
    path = tmp_path / "bebenah.duckdb"
    shutil.copy(fixture_template, path)
    return path


def mark_sample(path):
    with duckdb.connect(str(path)) as con:
        con.execute("insert into settings values ('sumber_data', 'demo')")


@contextmanager
def fresh_server(path):
    process, url = start_server(path)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def no_dialogs(page):
    """Fails the test if any script opens a dialog (alert, confirm, prompt) on the page."""
    opened = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    yield opened
    assert opened == [], f"a dialog opened: {opened}"


def expect_sign_in_form_only(page):
    expect(page.get_by_role("heading", name=SIGN_IN_HEADING)).to_be_visible()
    expect(page.get_by_label("Nama pengguna")).to_be_visible()
    expect(page.get_by_label("Kata sandi")).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Kecamatan")).to_have_count(0)


def sign_in(page, username, password=accounts.PASSWORD, remembered=True):
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    wait_ready(page)
    if remembered:
        # The cookie is set by streamlit-authenticator's component once the page has drawn.
        page.wait_for_function(f"() => document.cookie.includes('{COOKIE}=')")


def signed_in_as(page, username):
    return page.get_by_test_id("stSidebar").get_by_text(re.compile(f"Masuk sebagai {username}"))


@pytest.mark.parametrize("path", protected_urls())
def test_upload_and_admin_urls_opened_first_on_a_fresh_server_show_the_sign_in_form(database, page, path):
    with fresh_server(database) as url:
        page.goto(f"{url}/{path}")
        wait_ready(page)
        expect_sign_in_form_only(page)
        expect(page.get_by_role("heading", name=re.compile("Unggah|Log audit"))).to_have_count(0)
        screenshot(page, f"security_{path}_guest")


def test_a_deep_link_on_a_fresh_server_lists_no_page_files(database, page):
    # Streamlit's legacy pages/ folder once served its files directly, with its own list of them:
    # app_pages/ is only what app.py's navigation opens.
    with fresh_server(database) as url:
        page.goto(f"{url}/riwayat")
        wait_ready(page)
        expect_sign_in_form_only(page)
        for name in ("app", "audit", "unggah", "riwayat"):
            expect(page.get_by_test_id("stSidebar").get_by_role("link", name=name, exact=True)).to_have_count(0)
        page.goto(f"{url}/audit")
        wait_ready(page)
        expect_sign_in_form_only(page)
        expect(page.get_by_test_id("stSidebarNavLink")).to_have_count(0)


def test_on_sample_data_the_overview_is_open_but_upload_and_admin_are_not(database, page):
    """Every protected page in turn, on one server (a fresh server per page is tested above)."""
    mark_sample(database)
    with fresh_server(database) as url:
        for path in protected_urls():
            page.goto(f"{url}/{path}")
            wait_ready(page)
            expect_sign_in_form_only(page)
            page.goto(url)
            wait_ready(page)
            expect(page.get_by_role("heading", name="Ringkasan program")).to_be_visible()
            expect(page.get_by_test_id("stMetric").first).to_be_visible()


def test_the_overview_of_a_real_database_needs_a_sign_in(database, page):
    with fresh_server(database) as url:
        page.goto(url)
        wait_ready(page)
        expect_sign_in_form_only(page)
        # One page in the navigation (the sign-in page): Streamlit then draws no menu at all.
        expect(page.get_by_test_id("stSidebarNavLink")).to_have_count(0)
        expect(page.get_by_test_id("stSidebar").get_by_role("link", name="Masuk")).to_be_visible()


def test_a_sign_in_survives_a_reload_and_a_sign_out_survives_it_too(database, page):
    with fresh_server(database) as url:
        page.goto(url)
        wait_ready(page)
        sign_in(page, "ani")
        expect(page.get_by_role("heading", name="Ringkasan program")).to_be_visible()
        expect(signed_in_as(page, "ani")).to_be_visible()
        expect(page.get_by_test_id("stSidebarNavLink").filter(has_text="Log audit")).to_be_visible()
        cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
        assert cookies[COOKIE]["sameSite"] == "Strict"
        page.reload()
        wait_ready(page)
        expect(signed_in_as(page, "ani")).to_be_visible()
        expect(page.get_by_test_id("stMetric").first).to_be_visible()
        page.get_by_test_id("stSidebar").get_by_role("button", name="Keluar").click()
        wait_ready(page)
        expect_sign_in_form_only(page)
        expect(page.get_by_role("heading", name=SIGN_IN_HEADING)).to_be_visible()
        page.wait_for_function(f"() => !document.cookie.includes('{COOKIE}=')")
        page.reload()
        wait_ready(page)
        expect_sign_in_form_only(page)


def test_signing_in_on_the_sign_in_page_of_the_sample_data_lands_on_the_overview(database, page):
    mark_sample(database)
    with fresh_server(database) as url:
        page.goto(f"{url}/masuk")
        wait_ready(page)
        sign_in(page, "ani")
        expect(page.get_by_role("heading", name="Ringkasan program")).to_be_visible()
        expect(signed_in_as(page, "ani")).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(database, page):
    with fresh_server(database) as url:
        page.goto(url)
        wait_ready(page)
        sign_in(page, "ani", "bukan-sandinya", remembered=False)
        expect(page.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()
        expect_sign_in_form_only(page)
        sign_in(page, "tidak-ada", "bukan-sandinya", remembered=False)
        expect(page.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()


def test_a_viewer_signed_in_cannot_open_the_audit_page_by_its_url(database, page):
    with fresh_server(database) as url:
        page.goto(url)
        wait_ready(page)
        sign_in(page, "vera")
        expect(page.get_by_role("heading", name="Ringkasan program")).to_be_visible()
        page.goto(f"{url}/audit")
        wait_ready(page)
        expect(page.get_by_role("heading", name="Log audit")).to_have_count(0)
        expect(page.get_by_test_id("stDataFrame")).to_have_count(0)


def plant_payload(path):
    """Text as a hostile upload would bring it: a note, a file name, audit entries naming them."""
    with duckdb.connect(str(path)) as con:
        con.execute("update survei set catatan_fasilitator = ? where catatan_fasilitator is not null", [PAYLOAD])
        con.execute("update uploads set file_name = ? || '.csv' where kind = 'survei'", [PAYLOAD])
        con.execute("insert into audit_log (actor, action, target, detail) values (?, 'upload', ?, ?)",
                    [PAYLOAD, PAYLOAD + ".csv", '{"catatan": "' + PAYLOAD + '"}'])


def test_html_in_uploaded_text_is_shown_as_text_and_runs_nothing(database, page, no_dialogs):
    plant_payload(database)
    with fresh_server(database) as url:
        page.goto(url)
        wait_ready(page)
        sign_in(page, "ani")
        for path in page_urls():
            page.goto(f"{url}/{path}")
            wait_ready(page)
            expect(page.locator("img[src='x']")).to_have_count(0)
        page.goto(f"{url}/audit")
        wait_ready(page)
        expect(page.get_by_test_id("stDataFrame")).to_be_visible()
        # The uploader's name as typed, tag and all, is an option of the "who" filter: plain text.
        page.get_by_role("combobox", name="Pelaku").click()
        option = page.get_by_role("option", name=PAYLOAD)
        expect(option).to_be_visible()
        expect(option).to_have_text(PAYLOAD)
        option.click()
        wait_ready(page)
        expect(page.locator("img[src='x']")).to_have_count(0)
        screenshot(page, "security_payload_audit")
    # no_dialogs asserts after the test that page.on("dialog") never fired.


def hostile_survey() -> bytes:
    """The survey template with HTML and markdown where a file can carry text: a note, a rejected value,
    column names."""
    lines = (Path(__file__).resolve().parents[1] / "files" / "survei_template.csv").read_text(
        encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    rows[0][header.index("catatan_fasilitator")] = PAYLOAD
    rows[2][header.index("desil_kesejahteraan")] = PAYLOAD
    header += [PAYLOAD, "![suar](http://127.0.0.1:9/suar.png)", "www.suar.test", "surat@suar.test"]
    rows = [row + ["a", "b", "c", "d"] for row in rows]
    return "\n".join(",".join(row) for row in [header, *rows]).encode() + b"\n"


def test_html_and_markdown_in_an_uploaded_file_are_shown_as_text_and_run_nothing(database, page, no_dialogs):
    with fresh_server(database) as url:
        page.goto(f"{url}/unggah")
        wait_ready(page)
        sign_in(page, "ani")
        expect(page.get_by_role("heading", name="Unggah data")).to_be_visible()
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            {"name": PAYLOAD + ".csv", "mimeType": "text/csv", "buffer": hostile_survey()})
        wait_ready(page)
        # The unknown column names are listed as they were typed: tag and markdown shown, not run.
        warning = page.get_by_test_id("stAlertContentWarning")
        expect(warning).to_contain_text(PAYLOAD)
        # (an invisible word joiner keeps each address from turning into a link)
        expect(warning).to_contain_text(re.compile(
            "«!\\[suar\\]\\(http:\u2060//127.0.0.1:9/suar.png\\)», «www\u2060.suar.test», «surat\u2060@suar.test»"))
        expect(warning.get_by_role("link")).to_have_count(0)
        expect(warning.get_by_role("img")).to_have_count(0)
        expect(page.locator("[data-testid=stDataFrame]:visible").first).to_be_visible()  # the problem list (the preview is folded)
        page.get_by_role("checkbox", name="Impor baris yang sah saja").check(force=True)
        save = page.get_by_role("button", name="Simpan")
        expect(save).to_be_enabled()
        save.click()
        wait_ready(page)
        expect(page.get_by_text(re.compile("Tersimpan sebagai unggahan nomor 5"))).to_be_visible()
        page.goto(f"{url}/riwayat")
        wait_ready(page)
        expect(page.get_by_text(PAYLOAD + ".csv")).to_be_visible()
        screenshot(page, "security_payload_history")
        for path in page_urls():
            page.goto(f"{url}/{path}")
            wait_ready(page)
            expect(page.locator("img[src='x']")).to_have_count(0)
            expect(page.locator("img[src*='suar']")).to_have_count(0)
    with duckdb.connect(str(database)) as con:
        assert con.execute("select count(*) from survei where catatan_fasilitator = ?", [PAYLOAD]).fetchone() == (1,)


@pytest.fixture(scope="module")
def shared_server(fixture_template, tmp_path_factory):
    """One server for the tests that need no fresh one (each fresh server costs seconds): the
    database is checked unchanged after the module."""
    folder = tmp_path_factory.mktemp("shared")
    process, url = start_with_accounts(fixture_template, folder)
    yield url
    process.terminate()
    process.wait(timeout=20)
    with duckdb.connect(str(folder / "bebenah.duckdb")) as con:
        assert con.execute("select count(*) from survei").fetchone() == (8,)


@pytest.mark.parametrize("query", [
    "kecamatan=" + quote("' or 1=1 --"),
    "kelurahan=" + quote("31.74.09.1005' union select * from audit_log --"),
    "kota=" + quote("\"; drop table survei; --"),
    "dari=" + quote("2023-13-45") + "&sampai=" + quote("'); delete from survei; --"),
    "lang=" + quote("<script>alert(1)</script>"),
])
def test_hostile_filter_values_in_the_url_change_nothing_and_raise_nothing(shared_server, page, no_dialogs, query):
    url = shared_server
    page.goto(url)
    wait_ready(page)
    sign_in(page, "ani")
    metric = page.get_by_test_id("stMetric").filter(has_text="Keluarga terdaftar").get_by_test_id("stMetricValue")
    expect(metric).to_have_text("4")
    page.goto(f"{url}/?{query}")
    wait_ready(page)
    expect(page.get_by_role("heading", name="Ringkasan program")).to_be_visible()
    expect(metric).to_have_text("4")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Kecamatan")).to_have_value("")
    # A real value still works, so the hostile one was dropped, not the filter.
    page.goto(f"{url}/?kecamatan=Jagakarsa")
    wait_ready(page)
    expect(metric).to_have_text("3")
