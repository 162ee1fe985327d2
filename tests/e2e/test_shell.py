"""The app shell in a real browser: every page renders real content in both languages, a guest
browses the sample data, and a URL reproduces a filtered view."""

import re
import shutil

import duckdb
import pytest
from playwright.sync_api import expect

import accounts
from browser import screenshot, sign_in, start_server, start_with_accounts, wait_ready

# Every page of the navigation, by URL path ("" is the overview).
PAGES = ("", "kemajuan", "keluarga", "cakupan", "kontribusi", "rapat", "unggah", "riwayat", "templat", "mutu_data",
         "audit", "akun")


@pytest.fixture(scope="module")
def sample_server(fixture_template, tmp_path_factory):
    """The fixture marked as sample data, as the README's first command serves it: guests browse
    it as viewers. k = 3, so the fixture's 4 households and Jagakarsa's 3 are shown."""
    database = tmp_path_factory.mktemp("shell") / "bebenah.duckdb"
    shutil.copy(fixture_template, database)
    with duckdb.connect(str(database)) as con:
        con.execute("insert into settings values ('sumber_data', 'demo')")
    process, url = start_server(database, {"BEBENAH_MIN_HOUSEHOLDS": "3"})
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def admin_server(fixture_template, tmp_path_factory):
    process, url = start_with_accounts(fixture_template, tmp_path_factory.mktemp("shell_admin"))
    yield url
    process.terminate()
    process.wait(timeout=20)


def enrolled(page):
    metric = page.get_by_test_id("stMetric").filter(has_text="Keluarga terdaftar")
    return metric.get_by_test_id("stMetricValue")


def test_every_page_renders_in_both_languages_for_an_admin(admin_server, page):
    sign_in(page, admin_server, "ani", accounts.PASSWORD)
    for path in PAGES:
        titles = {}
        for lang, query in (("id", ""), ("en", "?lang=English")):
            page.goto(f"{admin_server}/{path}{query}")
            wait_ready(page)
            heading = page.get_by_role("heading", level=1).first
            expect(heading).to_be_visible()
            expect(page.get_by_test_id("stException")).to_have_count(0)
            expect(page.get_by_test_id("stMain").get_by_text(re.compile(r"\w{4,}")).first).to_be_visible()
            titles[lang] = heading.inner_text()
            screenshot(page, f"{path or 'ringkasan'}_{lang}")
        assert titles["id"] != titles["en"], f"/{path} has the same title in both languages: {titles}"


def test_a_guest_sees_the_sample_data_overview_with_its_banner(sample_server, page):
    page.goto(sample_server)
    wait_ready(page)
    expect(page.get_by_text("Data contoh (sintetis)")).to_be_visible()
    expect(enrolled(page)).to_have_text("4")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("link", name="Kemajuan keluarga")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Unggah data")).to_have_count(0)


def test_choosing_a_kecamatan_narrows_the_figures_and_the_url_reproduces_it(sample_server, page, browser):
    page.goto(sample_server)
    wait_ready(page)
    page.get_by_test_id("stSidebar").get_by_role("combobox", name="Kecamatan").click()
    page.get_by_role("option", name="Jagakarsa").click()
    wait_ready(page)
    expect(enrolled(page)).to_have_text("3")
    expect(page).to_have_url(re.compile(r"kecamatan=Jagakarsa"))
    colleague = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    colleague.goto(page.url)
    wait_ready(colleague)
    expect(enrolled(colleague)).to_have_text("3")
    colleague.context.close()


def test_english_is_kept_in_the_url(sample_server, page):
    page.goto(sample_server)
    wait_ready(page)
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    wait_ready(page)
    expect(page).to_have_url(re.compile(r"lang=English"))
    expect(page.get_by_role("heading", name="Programme overview")).to_be_visible()


def test_a_table_offers_only_the_projects_own_download(sample_server, page):
    """Streamlit's table toolbar would write cells raw (=HYPERLINK(...)) and household rows unaudited."""
    page.goto(sample_server)
    wait_ready(page)
    fold = page.get_by_test_id("stExpander").filter(has_text="Tampilkan tabel").first
    fold.get_by_text("Tampilkan tabel").click()
    table = fold.get_by_test_id("stDataFrame")
    expect(table).to_be_visible()
    table.hover()
    toolbar = fold.get_by_test_id("stElementToolbar").first.get_by_role("button")
    expect(toolbar.and_(page.locator("[aria-label=Search]"))).to_have_count(1)  # the toolbar is drawn
    labels = [button.get_attribute("aria-label") for button in toolbar.all()]
    assert "Search" in labels and "Download as CSV" not in labels, labels
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()


def no_scrolling(page) -> bool:
    return page.evaluate("() => { const main = document.querySelector('[data-testid=stMain]');"
                         " return main.scrollHeight <= main.clientHeight + 1; }")


def test_a_meeting_is_recorded_closed_and_presented_at_1280_by_720_without_scrolling(admin_server, page):
    """The projector's size: every view of the briefing fits, in both languages (issue 12)."""
    sign_in(page, admin_server, "ani", accounts.PASSWORD)
    page.goto(f"{admin_server}/rapat")
    wait_ready(page)
    page.get_by_label("Judul rapat").fill("Rakor uji")
    page.get_by_role("button", name="Catat rapat").click()
    wait_ready(page)
    expect(page.get_by_text("Rapat «Rakor uji» dicatat.")).to_be_visible()
    page.get_by_text("Ya, tutup rapat").click()
    wait_ready(page)
    page.get_by_role("button", name="Tutup rapat").click()
    wait_ready(page)
    expect(page.get_by_text("angkanya dibekukan")).to_be_visible()
    for lang, query, first, leave in (("id", "", "Capaian terhadap target", "Selesai"),
                                      ("en", "?lang=English", "Headline against target", "Exit")):
        page.goto(f"{admin_server}/rapat{query}")
        wait_ready(page)
        page.locator(".st-key-presentasi_start button").first.click()
        wait_ready(page)
        expect(page.get_by_role("heading", level=2).first).to_have_text(first)
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        for view in range(1, 7):
            expect(page.get_by_text(f"{view} / 6", exact=True)).to_be_visible()
            wait_ready(page)
            page.wait_for_timeout(300)  # charts settle their size
            assert no_scrolling(page), f"view {view} scrolls at 1280×720 ({lang})"
            screenshot(page, f"presentasi_{lang}_{view}")
            if view < 6:
                page.locator(".st-key-presentasi_next button").first.click()
        page.locator(".st-key-presentasi_leave button").first.click()
        wait_ready(page)
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
