"""One page's first view and a rerun through AppTest, in this (fresh) process, signed in as admin.

    BEBENAH_DB=... .venv/bin/python -m bench.pages kemajuan

Prints one JSON line: cold and warm wall and CPU seconds of the page's script, and the process's
peak RSS. `python -m bench` runs it once per page and database size, each in a new process, so
that "cold" means no cached connection, query result or summary in memory (the app's modules are
imported before the clock starts: a server pays for them once, not per view).
"""

import importlib
import json
import logging
import pkgutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

PAGES = ("ringkasan", "kemajuan", "cakupan", "kontribusi", "mutu_data")


def measure(page: str, timeout: float = 900) -> dict:
    """Run the app on `page` twice in one AppTest session; the seconds of each run."""
    from streamlit.testing.v1 import AppTest

    import accounts
    from bench import peak_rss_mb

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    # Python's imports are paid once per server, not per view: done before the clock starts.
    import bebenah

    for module in pkgutil.iter_modules(bebenah.__path__):
        importlib.import_module(f"bebenah.{module.name}")
    at = accounts.sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout), "admin")
    # Before the first run AppTest knows a page by its file name, which is how app.py registers it.
    at.switch_page(f"app_pages/{page}.py")
    result = {"page": page}
    for run in ("cold", "warm"):
        wall, cpu = time.perf_counter(), time.process_time()
        at.run()
        result[run] = time.perf_counter() - wall
        result[f"{run}_cpu"] = time.process_time() - cpu
        if at.exception:
            raise SystemExit(f"{page}: {at.exception[0].message}")
    result["title"] = at.title[0].value if at.title else None
    result["elements"] = len(list(at.main))
    result["peak_rss_mb"] = peak_rss_mb()
    return result


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
