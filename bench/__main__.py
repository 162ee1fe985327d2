"""National-scale bench: the dashboard at two database sizes, side by side in one run.

    .venv/bin/python -m bench                       # 10,000 and 1,000,000 households
    .venv/bin/python -m bench --sizes 300 600 --ingest-rows 2000 --out /tmp/RESULTS.md   # a smoke run

Builds the demo databases it does not find in --data (`python -m bebenah.demo`), then measures:
each page's first view (cold, a fresh process) and rerun (warm) through AppTest, and their ratio
between the sizes; the bytes each page sends to a real browser and the peak RSS of a server that
has rendered every page; the ingest ratio (validate + commit of a survei CSV against DuckDB's own
read_csv + insert); a 1,000-row commit into each size; and a pandas peer (bench/peer.py). Prints a
table and writes it to --out (bench/RESULTS.md) with the machine, versions and the command, and
the figures as JSON beside it (bench/RESULTS.json).
The machine is noisy: compare figures of one run, sizes interleaved, not figures of two runs.
"""

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import browser, commit, ingest, pages  # noqa: E402

PAGE_SECONDS = 1.0
PAGE_BYTES = 300_000
INGEST_RATIO = 3.0
COMMIT_RATIO = 3.0


def label(households: int) -> str:
    for unit, name in ((1_000_000, "M"), (1_000, "k")):
        if households >= unit and households % unit == 0:
            return f"{households // unit}{name}"
    return f"{households:,}"


def run_json(command: list[str], env: dict) -> dict:
    """Run a measuring child process and read the JSON line it prints last."""
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def database_for(folder: Path, households: int) -> tuple[Path, float | None]:
    """The demo database of that size in folder, built when missing; (path, build seconds or None)."""
    from bebenah import db

    path = folder / f"demo_{households}.duckdb"
    built = None
    if not path.exists():
        print(f"building the {households:,}-household demo database in {path} ...", flush=True)
        start = time.perf_counter()
        # In a child process: the build's memory would otherwise stay this process's (and its children's).
        subprocess.run([sys.executable, "-m", "bebenah.demo", "--households", str(households), "--out", str(path)],
                       cwd=ROOT, check=True, capture_output=True)
        built = time.perf_counter() - start
    # Opening brings schema and summary up to date, so that no page's first view pays for it.
    db.open_database(path).close()
    return path, built


def contents(path: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    counts = con.execute(
        "select (select count(distinct id_rumah_tangga) from summary_survei),"
        " (select count(*) from survei), (select count(*) from intervensi),"
        " (select count(*) from kontribusi), (select count(*) from uploads)"
    ).fetchone()
    con.close()
    names = ("households", "survei", "intervensi", "kontribusi", "uploads")
    return dict(zip(names, counts), megabytes=path.stat().st_size / 1e6)


def machine() -> dict:
    import duckdb
    import pandas
    import streamlit

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    chromium = subprocess.run([browser.CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    commit_id = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
    return {"cpu": f"{cpu}, {os.cpu_count()} cores", "memory": f"{memory / 2**20:.0f} GiB",
            "os": platform.platform(), "python": platform.python_version(),
            "streamlit": streamlit.__version__, "duckdb": duckdb.__version__, "pandas": pandas.__version__,
            "chromium": chromium or "-", "commit": commit_id or "-"}


def measure(args) -> dict:
    args.data.mkdir(parents=True, exist_ok=True)
    results = {"started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "load_before": os.getloadavg()[0], "sizes": args.sizes, "databases": {}, "pages": {},
               "browser": {}, "commit": {}, "peer": {}}
    paths = {}
    for households in args.sizes:
        paths[households], built = database_for(args.data, households)
        results["databases"][households] = {**contents(paths[households]), "built_seconds": built}
    with tempfile.TemporaryDirectory() as folder:
        import accounts

        accounts.write(Path(folder) / "users.yaml")
        env = dict(os.environ, BEBENAH_USERS=str(Path(folder) / "users.yaml"),
                   BEBENAH_COOKIE_KEY=accounts.COOKIE_KEY, PYTHONPATH=str(ROOT))
        for name in args.pages:
            # Sizes interleaved page by page, so that a busy spell of the machine hits both alike.
            for households in args.sizes:
                print(f"page {name} at {label(households)} ...", flush=True)
                results["pages"].setdefault(name, {})[households] = run_json(
                    [sys.executable, "-m", "bench.pages", name], dict(env, BEBENAH_DB=str(paths[households])))
    if "browser" not in args.skip:
        for households in args.sizes:
            print(f"browser at {label(households)} ...", flush=True)
            results["browser"][households] = browser.measure(paths[households], args.pages)
    if "commit" not in args.skip:
        for households in args.sizes:
            print(f"commit of {args.commit_rows:,} rows at {label(households)} ...", flush=True)
            results["commit"][households] = commit.measure(paths[households], args.commit_rows)
    if "peer" not in args.skip:
        for households in args.sizes:
            print(f"pandas peer at {label(households)} ...", flush=True)
            results["peer"][households] = run_json([sys.executable, "-m", "bench.peer", str(paths[households])],
                                                   dict(os.environ, PYTHONPATH=str(ROOT)))
    if "ingest" not in args.skip:
        print(f"ingest of {args.ingest_rows:,} rows against DuckDB ...", flush=True)
        results["ingest"] = ingest.compare(args.ingest_rows, args.ingest_repeat)
    results["load_after"] = os.getloadavg()[0]
    return results


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def report(results: dict, command: str, facts: dict) -> str:
    """The results as Markdown: what was measured, on what, with which command, and against which goal."""
    small, large = results["sizes"][0], results["sizes"][-1]
    s, g = label(small), label(large)
    lines = [
        "# Bench results", "",
        f"`{command}`, started {results['started']}, commit {facts['commit']}; "
        f"load average {results['load_before']:.1f} before, {results['load_after']:.1f} after.", "",
        f"Machine: {facts['cpu']}, {facts['memory']}; {facts['os']}. Python {facts['python']}, "
        f"Streamlit {facts['streamlit']}, DuckDB {facts['duckdb']}, pandas {facts['pandas']}, {facts['chromium']}.", "",
        "## Databases", "",
        "| size | households | survei rows | intervensi rows | kontribusi rows | uploads | file | built in |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for households, facts_of in results["databases"].items():
        built = "reused" if facts_of["built_seconds"] is None else f"{facts_of['built_seconds']:.0f} s"
        lines.append(f"| {label(households)} | {facts_of['households']:,} | {facts_of['survei']:,} | "
                     f"{facts_of['intervensi']:,} | {facts_of['kontribusi']:,} | {facts_of['uploads']:,} | "
                     f"{facts_of['megabytes']:,.0f} MB | {built} |")
    lines += [
        "", "## Pages", "",
        "AppTest, signed in as admin, default filters; cold = the page's first view in a new process "
        "(no cached connection or result), warm = a rerun in the same session. Wall seconds of the "
        "page's script. Bytes = WebSocket frames and media files a real Chromium received for the page "
        "from a real server (the app's JavaScript, CSS and fonts left out).", "",
        f"| page | {s} cold | {g} cold | {g}/{s} | {s} warm | {g} warm | bytes at {s} | bytes at {g} | "
        f"{g} cold < {PAGE_SECONDS:.0f} s | {g} bytes ≤ {PAGE_BYTES // 1000} KB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    goals = []
    for name, by_size in results["pages"].items():
        cold_s, cold_g = by_size[small]["cold"], by_size[large]["cold"]
        sent = {h: results["browser"].get(h, {}).get("pages", {}).get(name, {}).get("bytes") for h in (small, large)}
        fast = cold_g < PAGE_SECONDS
        small_enough = sent[large] is not None and sent[large] <= PAGE_BYTES
        goals += [fast, small_enough]
        kb = lambda n: "-" if n is None else f"{n / 1000:,.0f} KB"  # noqa: E731
        lines.append(
            f"| {name} | {cold_s:.2f} s | {cold_g:.2f} s | {cold_g / cold_s:.1f}× | {by_size[small]['warm']:.2f} s | "
            f"{by_size[large]['warm']:.2f} s | {kb(sent[small])} | {kb(sent[large])} | {verdict(fast)} | "
            f"{verdict(small_enough) if sent[large] is not None else '-'} |")
    if results["browser"]:
        lines += ["", "Peak RSS of the server after rendering every page once: " + ", ".join(
            f"{results['browser'][h]['server_peak_rss_mb']:,.0f} MB at {label(h)}" for h in results["browser"]) + "."]
    lines += ["", "## Uploads", ""]
    if "ingest" in results:
        ing = results["ingest"]
        ours = ing["ours"]
        fine = ing["ratio"] <= INGEST_RATIO
        goals.append(fine)
        lines.append(
            f"- Ingest of a {ing['rows']:,}-row survei CSV ({ing['megabytes']:.1f} MB): read {ours['read']:.2f} s + "
            f"check {ours['check']:.2f} s + commit {ours['commit']:.2f} s = {ours['total']:.2f} s, against DuckDB's "
            f"read_csv + insert {ing['duckdb']:.2f} s: **{ing['ratio']:.2f}×** (goal ≤ {INGEST_RATIO:.0f}×: "
            f"{verdict(fine)}; best of {ing['repeat']}, alternating).")
    if results["commit"]:
        one, other = results["commit"][small], results["commit"][large]
        ratio = other["commit"] / one["commit"]
        fine = ratio <= COMMIT_RATIO
        goals.append(fine)
        lines.append(
            f"- A {one['rows']:,}-row survei upload (new households, summary refreshed in the commit): check "
            f"{one['check']:.2f} s and commit {one['commit']:.2f} s at {s}; check {other['check']:.2f} s and commit "
            f"{other['commit']:.2f} s at {g}: commit **{ratio:.1f}×** (goal ≤ {COMMIT_RATIO:.0f}×: {verdict(fine)}).")
    if results["peer"]:
        lines += ["", "## The usual way (bench/peer.py)", "",
                  "The stored rows' needed columns read into pandas once, then the overview's headline "
                  "(current rows, latest stage, households reached) computed per view.", "",
                  "| size | pandas load | pandas per view | pandas peak RSS | ringkasan cold | ringkasan warm |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for households, peer in results["peer"].items():
            ours = results["pages"].get("ringkasan", {}).get(households)
            cold, warm = (f"{ours['cold']:.2f} s", f"{ours['warm']:.2f} s") if ours else ("-", "-")
            lines.append(f"| {label(households)} | {peer['load']:.2f} s | {peer['view']:.2f} s | "
                         f"{peer['peak_rss_mb']:,.0f} MB | {cold} | {warm} |")
    lines += ["", f"Goals met: {sum(goals)} of {len(goals)}.", ""]
    why = ROOT / "bench" / "WHY.md"  # the reasons, written by hand after looking at a run
    if why.exists() and not all(goals):
        lines += [why.read_text(encoding="utf-8")]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 1_000_000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "out",
                        help="where the demo databases are kept and reused (default bench/out)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--pages", nargs="+", default=list(pages.PAGES), choices=pages.PAGES)
    parser.add_argument("--ingest-rows", type=int, default=100_000)
    parser.add_argument("--ingest-repeat", type=int, default=3)
    parser.add_argument("--commit-rows", type=int, default=1_000)
    parser.add_argument("--skip", nargs="*", default=[], choices=("browser", "commit", "peer", "ingest"))
    args = parser.parse_args()
    args.sizes = sorted(args.sizes)
    command = "python -m bench " + shlex.join(sys.argv[1:])
    facts = machine()  # before measuring: the commit measured, not one made meanwhile
    results = measure(args)
    text = report(results, command.strip(), facts)
    print(text)
    args.out.write_text(text)
    # The same figures for tools, beside the report.
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=1, default=str) + "\n")


if __name__ == "__main__":
    main()
