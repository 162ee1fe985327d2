"""Helpers for browser tests: start a real Streamlit server, wait for a page, take screenshots."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
READY = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database: Path, extra_env: dict | None = None):
    """Start `streamlit run app.py` on a free port; returns (process, base url) once healthy."""
    port = free_port()
    env = dict(os.environ, BEBENAH_DB=str(database), **(extra_env or {}))
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("Streamlit did not become healthy: " + process.stdout.read().decode(errors="replace"))


def wait_ready(page) -> None:
    page.wait_for_selector(READY, timeout=30_000)


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page, url: str, username: str, password: str) -> None:
    """Open url, fill the sign-in form and wait until the sign-in cookie is set."""
    page.goto(url)
    wait_ready(page)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    wait_ready(page)
    # streamlit-authenticator's component sets the cookie once the page has drawn.
    page.wait_for_function("() => document.cookie.includes('pantau_bebenah_auth=')")


def start_with_accounts(fixture_template: Path, folder: Path):
    """A server over a copy of the fixture database with the test accounts (tests/accounts.py)."""
    import accounts

    database = folder / "bebenah.duckdb"
    shutil.copy(fixture_template, database)
    accounts.write(folder / "users.yaml")
    return start_server(database, {"BEBENAH_USERS": str(folder / "users.yaml"),
                                   "BEBENAH_COOKIE_KEY": accounts.COOKIE_KEY})
