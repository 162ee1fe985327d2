"""Browser tests: a real Streamlit server on a free loopback port, driven by Debian's Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browser import CHROMIUM

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: run `bash scripts/test` or apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def pytest_collection_modifyitems(items):
    """Every test here drives a real browser: marked `browser`, so `-m "not browser"` runs the rest alone."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
