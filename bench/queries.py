"""Time every read query the pages run, on a demo database of a given size.

    .venv/bin/python -m bench.queries --households 100000

Figures are ratios to one floor measured in the same run (a full scan of survei_terkini), since
this machine is noisy: a query at 3x the floor costs three full scans of the current survey rows.
"""

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bebenah import db, demo  # noqa: E402

SKIP_PREFIXES = ("create_", "seed_", "demo_", "validate_", "stage_", "preview_")
WRITES = re.compile(r"^\s*(insert|update|delete|create|drop|alter)\b", re.IGNORECASE | re.MULTILINE)


def read_queries() -> list[str]:
    """Every query a page reads with: not the schema, not ingest's staging, no writes."""
    names = []
    for path in sorted((ROOT / "queries").glob("*.sql")):
        text = re.sub(r"--[^\n]*", "", path.read_text())
        if path.stem.startswith(SKIP_PREFIXES) or WRITES.search(text):
            continue
        names.append(path.stem)
    return names


def timed(work, repeats: int) -> float:
    """Median seconds of `repeats` calls of work()."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--database", type=Path, help="an existing database instead of a new demo")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.database
        if path is None:
            path = Path(folder) / "bench.duckdb"
            start = time.perf_counter()
            demo.build(path, households=args.households)
            print(f"demo build, {args.households:,} households: {time.perf_counter() - start:.1f} s")
        con = db.open_database(path)
        filters = {"kota": None, "kecamatan": None, "kelurahan": None,
                   "dari": date(2023, 9, 13), "sampai": date.today()}
        floor = timed(
            lambda: con.execute("select count(*), max(tanggal_survei) from survei_terkini").fetchall(),
            args.repeats,
        )
        print(f"floor (scan of survei_terkini): {floor * 1000:.0f} ms")
        print(f"{'query':40} {'ms':>8} {'x floor':>8}")
        for name in read_queries():
            try:
                seconds = timed(lambda: db.query(con, name, **filters), args.repeats)
            except Exception as error:  # a query that needs parameters the bench cannot guess
                print(f"{name:40} {'-':>8} {'-':>8}  ({type(error).__name__})")
                continue
            print(f"{name:40} {seconds * 1000:8.0f} {seconds / floor:8.1f}")
        con.close()


if __name__ == "__main__":
    main()
