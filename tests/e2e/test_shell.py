"""The app shell in a real browser: every page renders real content, in both languages, and URLs keep filters."""

from playwright.sync_api import expect

from browser import screenshot, wait_ready

PAGES = (("", "Ringkasan program", "Programme overview"),)


def test_every_page_renders_in_both_languages(server, page):
    for path, title_id, title_en in PAGES:
        page.goto(f"{server}/{path}")
        wait_ready(page)
        expect(page.get_by_role("heading", name=title_id)).to_be_visible()
        screenshot(page, f"{path or 'ringkasan'}_id")
        page.goto(f"{server}/{path}?lang=English")
        wait_ready(page)
        expect(page.get_by_role("heading", name=title_en)).to_be_visible()
        screenshot(page, f"{path or 'ringkasan'}_en")


def test_overview_shows_figures_from_the_database(server, page):
    page.goto(server)
    wait_ready(page)
    metric = page.get_by_test_id("stMetric").filter(has_text="Keluarga terdaftar")
    expect(metric.get_by_test_id("stMetricValue")).to_have_text("4")


def test_choosing_a_kecamatan_narrows_the_figures_and_the_url_reproduces_it(server, page, browser):
    page.goto(server)
    wait_ready(page)
    page.get_by_test_id("stSidebar").get_by_role("combobox", name="Kecamatan").click()
    page.get_by_role("option", name="Jagakarsa").click()
    wait_ready(page)
    metric = page.get_by_test_id("stMetric").filter(has_text="Keluarga terdaftar")
    expect(metric.get_by_test_id("stMetricValue")).to_have_text("3")
    expect(page).to_have_url(__import__("re").compile(r"kecamatan=Jagakarsa"))
    shared = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    shared.goto(page.url)
    wait_ready(shared)
    metric = shared.get_by_test_id("stMetric").filter(has_text="Keluarga terdaftar")
    expect(metric.get_by_test_id("stMetricValue")).to_have_text("3")
    shared.context.close()
