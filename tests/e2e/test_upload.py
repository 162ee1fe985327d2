"""An upload in a real Chromium: a KoboToolbox export with question labels as headers is recognised,
committed, and the overview moves."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

import accounts
from browser import screenshot, sign_in, start_with_accounts, wait_ready

KOBO_LABELS = Path(__file__).resolve().parents[1] / "files" / "survei_kobo_labels_id.csv"


@pytest.fixture
def upload_server(fixture_template, tmp_path):
    process, url = start_with_accounts(fixture_template, tmp_path)
    yield url
    process.terminate()
    process.wait(timeout=20)


def enrolled(page):
    metric = page.get_by_test_id("stMetric").filter(has_text="Keluarga terdaftar")
    return metric.get_by_test_id("stMetricValue")


def test_a_kobo_export_with_label_headers_is_committed_and_the_overview_moves(upload_server, page):
    sign_in(page, upload_server, "ani", accounts.PASSWORD)
    expect(enrolled(page)).to_have_text("4")
    page.goto(f"{upload_server}/unggah")
    wait_ready(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(KOBO_LABELS))
    wait_ready(page)
    # What was found, named to the user.
    expect(page.get_by_text("KoboToolbox").first).to_be_visible()
    save = page.get_by_role("button", name="Simpan")
    expect(save).to_be_enabled()
    screenshot(page, "upload_kobo_preview_id")
    save.click()
    wait_ready(page)
    expect(page.get_by_text("Tersimpan sebagai unggahan nomor").first).to_be_visible()
    # Two new households (Kebayoran Baru, Tebet) join the fixture's four; H4's rows are new versions.
    page.goto(upload_server)
    wait_ready(page)
    expect(enrolled(page)).to_have_text("6")
