"""What reaches the browser: a real Streamlit server on the database, Debian's Chromium signed in as
admin, every page opened in turn; bytes per page and the server's peak RSS after all of them.

Bytes are what the server sends for the page: the WebSocket frames of its script run (figures,
tables, text) and the media files the page fetches. The app's own JavaScript and CSS are the same
for every page and every database, and the browser caches them, so they are left out.
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import accounts  # noqa: E402
from bench import peak_rss_mb  # noqa: E402
from browser import CHROMIUM, READY, sign_in, start_server  # noqa: E402
from conftest import CHROMIUM_ARGS  # noqa: E402


def measure(database: Path, pages, timeout: float = 900) -> dict:
    """{'pages': {page: {'bytes', 'seconds'}}, 'server_peak_rss_mb'} for a server over `database`."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        accounts.write(Path(folder) / "users.yaml")
        process, url = start_server(database, {"BEBENAH_USERS": str(Path(folder) / "users.yaml"),
                                               "BEBENAH_COOKIE_KEY": accounts.COOKIE_KEY})
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
                page = context.new_page()
                received = {"socket": 0, "media": 0}

                def on_frame(payload):
                    received["socket"] += len(payload)

                def on_response(response):
                    # the page's media files (/media/...), not the app's fonts (/static/media/...)
                    if "/media/" in response.url and "/static/" not in response.url:
                        received["media"] += int(response.headers.get("content-length", 0))

                page.on("websocket", lambda socket: socket.on("framereceived", on_frame))
                page.on("response", on_response)
                ready = lambda: page.wait_for_selector(READY, timeout=timeout * 1000)  # noqa: E731
                sign_in(page, f"{url}/masuk", accounts.ACCOUNTS["admin"]["username"], accounts.PASSWORD)
                results = {}
                for name in pages:
                    received.update(socket=0, media=0)
                    start = time.perf_counter()
                    page.goto(f"{url}/{'' if name == 'ringkasan' else name}")
                    ready()
                    page.wait_for_load_state("networkidle")
                    if page.get_by_label("Nama pengguna").count():
                        raise RuntimeError(f"{name}: the browser was not signed in")
                    results[name] = {"bytes": sum(received.values()), **received, "seconds": time.perf_counter() - start}
                browser.close()
            return {"pages": results, "server_peak_rss_mb": peak_rss_mb(process.pid)}
        finally:
            process.kill()
            process.wait()
