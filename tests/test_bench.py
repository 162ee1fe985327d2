"""The national-scale bench (`python -m bench`) at toy sizes, so that the harness cannot rot: every
part runs end to end and its report says what it measured. No timing is asserted here: timings
belong in bench/RESULTS.md, measured at 10,000 and 1,000,000 households."""

import json
import re
import subprocess
import sys
from pathlib import Path

from bebenah.i18n import t

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"ringkasan": "overview.title", "mutu_data": "quality.title"}


def test_the_bench_measures_every_part_at_two_sizes_and_writes_its_report(tmp_path):
    out = tmp_path / "RESULTS.md"
    command = [sys.executable, "-m", "bench", "--sizes", "200", "400", "--data", str(tmp_path),
               "--out", str(out), "--pages", *PAGES, "--ingest-rows", "1000", "--ingest-repeat", "1",
               "--commit-rows", "40"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    report = out.read_text()
    assert report.strip() in done.stdout  # printed and written alike

    # Both demo databases were built, with the households asked for.
    assert (tmp_path / "demo_200.duckdb").exists() and (tmp_path / "demo_400.duckdb").exists()
    assert re.search(r"^\| 200 \| 200 \| [\d,]+ \|", report, re.M)
    assert re.search(r"^\| 400 \| 400 \| [\d,]+ \|", report, re.M)

    # A row per page with cold and warm seconds at both sizes, their ratio, and bytes a browser got.
    for page in PAGES:
        row = re.search(rf"^\| {page} \| ([\d.]+) s \| ([\d.]+) s \| ([\d.]+)× \| ([\d.]+) s \| ([\d.]+) s \| "
                        rf"([\d,]+) KB \| ([\d,]+) KB \|", report, re.M)
        assert row, (page, report)
        assert all(float(value) > 0 for value in row.groups()[:5])
        assert int(row.group(7).replace(",", "")) > 1  # a page sends more than a kilobyte
    assert re.search(r"Peak RSS of the server after rendering every page once: [\d,]+ MB at 200, [\d,]+ MB at 400",
                     report)
    assert re.search(r"Ingest of a 1,000-row survei CSV .* \*\*[\d.]+×\*\*", report)
    assert re.search(r"A 40-row survei upload .* commit \*\*[\d.]+×\*\*", report)
    assert re.search(r"^\| 400 \| [\d.]+ s \| [\d.]+ s \| [\d,]+ MB \| [\d.]+ s \| [\d.]+ s \|", report, re.M)
    assert re.search(r"Goals met: \d+ of 6\.", report)
    assert "python -m bench --sizes 200 400" in report and "DuckDB 2." in report

    # Each page's runs drew that page, not the overview a first run would land on.
    figures = json.loads(out.with_suffix(".json").read_text())
    for page, title in PAGES.items():
        for size in ("200", "400"):
            assert figures["pages"][page][size]["title"] == t(title, "id")
