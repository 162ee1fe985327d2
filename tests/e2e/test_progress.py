"""The progress page in a real Chromium: a click on a kecamatan's bar narrows the page and the URL, and a
gap on the overview opens the progress page narrowed to that gap's kelurahan."""

import re

import pytest
from playwright.sync_api import expect

import accounts
from browser import screenshot, start_server, wait_ready

SUMMARY_ALL = "33% keluarga naik minimal satu tahapan sejak baseline (1 dari 3 yang sudah disurvei ulang)"
SUMMARY_MAMPANG = "0% keluarga naik minimal satu tahapan sejak baseline (0 dari 1 yang sudah disurvei ulang)"


@pytest.fixture(scope="module")
def progress_server(fixture_template, tmp_path_factory):
    """A server over a copy of the fixture with the test accounts: an admin sees every count."""
    folder = tmp_path_factory.mktemp("progress")
    database = folder / "bebenah.duckdb"
    database.write_bytes(fixture_template.read_bytes())
    accounts.write(folder / "users.yaml")
    process, url = start_server(database, {"BEBENAH_USERS": str(folder / "users.yaml"),
                                           "BEBENAH_COOKIE_KEY": accounts.COOKIE_KEY})
    yield url
    process.terminate()
    process.wait(timeout=20)


def sign_in_as_admin(page, url: str) -> None:
    page.goto(url)
    wait_ready(page)
    page.get_by_label("Nama pengguna").fill("ani")
    page.get_by_label("Kata sandi").fill(accounts.PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    wait_ready(page)
    # The sign-in cookie is set by streamlit-authenticator's component once the page has drawn.
    page.wait_for_function("() => document.cookie.includes('pantau_bebenah_auth=')")


def test_a_click_on_a_kecamatan_bar_narrows_the_progress_page(progress_server, page):
    sign_in_as_admin(page, f"{progress_server}/kemajuan")
    expect(page.get_by_role("heading", name="Kemajuan keluarga")).to_be_visible()
    expect(page.get_by_text(SUMMARY_ALL)).to_be_visible()
    chart = page.locator(".st-key-progress_kecamatan_chart")
    chart.scroll_into_view_if_needed()
    # Laggards first: Mampang Prapatan's bar is the top one. Plotly's drag layer swallows a
    # locator click, so the mouse clicks the middle of the bar.
    bar = chart.locator(".bars .point path").first
    expect(bar).to_be_visible()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"kecamatan=Mampang\+Prapatan"))
    wait_ready(page)
    expect(page.get_by_text(SUMMARY_MAMPANG)).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Kecamatan Mampang Prapatan · Semua kohort")).to_be_visible()
    # The kecamatan ranking gives way to the kelurahan of the chosen kecamatan.
    expect(page.locator(".st-key-progress_kecamatan_chart")).to_have_count(0)
    expect(page.get_by_text("Kelurahan Pela Mampang tertinggal: 0% keluarga naik (0 dari 1).")).to_be_visible()
    screenshot(page, "kemajuan_mampang_id")


def test_a_gap_on_the_overview_opens_the_progress_page_on_its_kelurahan(progress_server, page):
    sign_in_as_admin(page, progress_server)
    expect(page.get_by_role("heading", name="Ringkasan program")).to_be_visible()
    # The link opens the explaining page in the same tab (not a new tab each time), signed in by the
    # remembered sign-in.
    page.get_by_role("link", name="Lihat kemajuan keluarga").click()
    progress = page
    expect(progress).to_have_url(re.compile(r"/kemajuan\?"))
    assert len(page.context.pages) == 1
    wait_ready(progress)
    # A fresh session: the remembered sign-in is taken up on its first run, then the page draws.
    expect(progress.get_by_role("heading", name="Kemajuan keluarga")).to_be_visible(timeout=20_000)
    expect(progress).to_have_url(re.compile(r"kecamatan=Mampang\+Prapatan&kelurahan=Pela\+Mampang"))
    expect(progress.get_by_text(SUMMARY_MAMPANG)).to_be_visible()
    expect(progress.get_by_text("Kelurahan Pela Mampang · Semua kohort")).to_be_visible()
