"""How long the meeting's briefing takes to export, at a database's size (issue 12: under 10 s at the
demo size). On a copy of the database: closes a meeting with three actions, then times building the
six views, the PDF, the PowerPoint and the minutes, each after a first warm-up export (kaleido's
browser starts once per server).

    .venv/bin/python -m bench.briefing --database data/bebenah.duckdb
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    args = parser.parse_args(argv)
    copy = Path(tempfile.mkdtemp()) / "bebenah.duckdb"
    shutil.copy(args.database, copy)
    os.environ["BEBENAH_DB"] = str(copy)
    from bebenah import access, briefing, briefing_files, db, meetings

    access.current_user = lambda: {"username": "bench", "role": "admin", "area": None}
    rapat_id = meetings.create("bench", date.today(), "Rakor bench", None, ["PEMKOT_JAKSEL"])
    for kind, need in (("kebutuhan", "belum_ber_phbs"), ("sasaran", None), ("lain", None)):
        meetings.add_action("bench", rapat_id, kind, "31.74.09", "PEMKOT_JAKSEL", "Tindak lanjut bench",
                            date.today(), kebutuhan=need)
    started = time.perf_counter()
    meetings.close("bench", rapat_id)
    closing = time.perf_counter() - started
    filters = {"kota": None, "kecamatan": None, "kelurahan": None, "dari": date(2023, 9, 13), "sampai": date.today()}
    meeting = meetings.last_closed("")
    briefing_files.briefing_pdf(briefing.slides(filters, meeting), "warm-up", "warm-up")  # kaleido's browser starts
    db.clear_caches()
    timings = {}
    for name, build in (
        ("slides", lambda: briefing.slides(filters, meeting)),
        ("pdf", lambda: briefing_files.briefing_pdf(briefing.slides(filters, meeting), briefing.footer(filters, True), "Paparan")),
        ("pptx", lambda: briefing_files.briefing_pptx(briefing.slides(filters, meeting), briefing.footer(filters, True), "Paparan")),
        ("minutes", lambda: briefing_files.minutes_pdf(briefing.minutes(db.run("meetings").iloc[0], filters), "kaki")),
    ):
        db.clear_caches()  # each export from cold caches, as the first click after a commit
        started = time.perf_counter()
        build()
        timings[name] = time.perf_counter() - started
    households = db.cursor().execute("select count(distinct id_rumah_tangga) from summary_kemajuan").fetchone()[0]
    print(f"{households:,} households: closing a meeting {closing:.2f} s; " +
          "; ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items()) +
          f"; a full briefing (PDF + PowerPoint + minutes) {timings['pdf'] + timings['pptx'] + timings['minutes']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
