"""Browser tests: a real Streamlit server on a free loopback port, driven by Debian's Chromium."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browser import CHROMIUM, start_server

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: run `make test` or apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(fixture_template, tmp_path_factory):
    """One server over a copy of the fixture database for the browser tests that only read."""
    database = tmp_path_factory.mktemp("e2e") / "bebenah.duckdb"
    shutil.copy(fixture_template, database)
    process, url = start_server(database)
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()
