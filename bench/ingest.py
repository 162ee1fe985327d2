"""Times bebenah.ingest on a 100,000-row survei CSV against DuckDB's own read_csv + insert.

Run:  .venv/bin/python -m bench.ingest [--rows 100000] [--repeat 3] [--keep DIR]
(`python -m bench` runs it beside the page measures.)
Each run uses fresh databases in a temporary folder; the two sides alternate, and the ratio is
the best ingest time over the best DuckDB time (the machine may be busy with other work).
"""

import argparse
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KAMUS = ROOT / "data" / "kamus" / "kamus_survei.csv"
WILAYAH = ROOT / "data" / "reference" / "wilayah_dki_jakarta.csv"


def survei_frame(rows: int, seed: int = 7) -> pd.DataFrame:
    """A valid survei table in the template's shape: households of two rounds each, all rules met."""
    rng = np.random.default_rng(seed)
    kamus = pd.read_csv(KAMUS, dtype=str)
    # Jakarta Selatan's 65 kelurahan: a household code has room for 9,999 households in each.
    wilayah = pd.read_csv(WILAYAH, dtype=str)
    kelurahan = wilayah.loc[wilayah["kode_kota"] == "31.74", "kode_kelurahan"].to_numpy()
    households = (rows + 1) // 2
    kel = rng.choice(kelurahan, households)
    serial = pd.Series(kel).groupby(kel).cumcount()
    hh = "BKK-" + pd.Series(kel).str.replace(".", "", regex=False) + "-" + serial.map("{:04d}".format)
    round_no = np.tile([1, 2], households)[:rows]
    idx = np.repeat(np.arange(households), 2)[:rows]
    base = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 200, households), unit="D")
    dates = np.where(round_no == 1, base[idx], base[idx] + pd.Timedelta(days=120))
    frame = pd.DataFrame({"id_rumah_tangga": hh.to_numpy()[idx], "kode_kelurahan": kel[idx]})
    for row in kamus.itertuples(index=False):
        name = row.kolom
        if name in frame:
            continue
        if row.tipe == "choice":
            options = row.nilai.split("|")
            frame[name] = rng.choice(options, rows)
        elif row.tipe in ("integer", "decimal") and row.nilai[0].isdigit():
            low, high = (float(x) for x in row.nilai.split(" ")[0].split("-"))
            values = rng.uniform(low, high, rows)
            frame[name] = values.round(0).astype(int).astype(str) if row.tipe == "integer" else values.round(1).astype(str)
        else:
            frame[name] = ""
    frame["putaran_ke"] = round_no.astype(str)
    frame["jenis_putaran"] = np.where(round_no == 1, "baseline", "monitoring")
    frame["tanggal_survei"] = pd.DatetimeIndex(dates).strftime("%Y-%m-%d")
    frame["id_fasilitator"] = [f"FAS-{n:02d}" for n in rng.integers(1, 40, rows)]
    frame["rt"] = rng.integers(1, 20, rows).astype(str)
    frame["persetujuan_tercatat"] = "ya"
    frame["jumlah_balita"] = rng.integers(0, 3, rows).astype(str)
    child = (frame["jumlah_balita"] != "0") | (frame["ada_baduta"] == "ya")
    frame["persetujuan_wali_anak"] = np.where(child, "ya", "tidak_berlaku")
    for name in ("phbs_persalinan_nakes", "phbs_asi_eksklusif", "phbs_timbang_balita"):
        frame[name] = np.where(child, rng.choice(["ya", "tidak"], rows), "tidak_berlaku")
    frame["bansos_diterima"] = rng.choice(["tidak_ada", "pkh", "pkh bpnt", "kjp_plus klj"], rows)
    frame["kategori_pendapatan_bulanan"] = np.where(rng.random(rows) < 0.1, "", frame["kategori_pendapatan_bulanan"])
    frame["catatan_fasilitator"] = np.where(rng.random(rows) < 0.2, "Kunjungan ulang, keluarga kooperatif", "")
    return frame[kamus["kolom"].tolist()]


def time_ingest(csv: Path, database: Path) -> dict[str, float]:
    """bebenah.ingest on the file's bytes: read, check (validate + preview), commit."""
    from bebenah import db, ingest

    os.environ["BEBENAH_DB"] = str(database)
    db.connection.clear()
    db.cursor().close()  # create the schema before the clock starts
    times = {}
    start = time.perf_counter()
    data = csv.read_bytes()
    parsed = ingest.read(data, csv.name)
    times["read"] = time.perf_counter() - start
    checked = ingest.check(db.cursor(), parsed)
    times["check"] = time.perf_counter() - start - times["read"]
    if checked.counts["rejected"]:
        raise SystemExit(f"generated rows were rejected: {checked.problems.head()}")
    ingest.commit(checked, "bench")
    times["commit"] = time.perf_counter() - start - times["read"] - times["check"]
    times["total"] = time.perf_counter() - start
    times["rows"] = db.cursor().execute("select count(*) from survei_terkini").fetchone()[0]
    db.connection.clear()
    return times


def time_duckdb(csv: Path, database: Path) -> dict[str, float]:
    """DuckDB's own read_csv and insert into survei, no checks, in a second fresh database."""
    from bebenah import db

    con = db.open_database(database)
    con.execute(
        "insert into uploads (kind, file_name, file_shape, content_hash, uploaded_by) "
        "values ('survei', 'bench', 'template', '-', 'bench')"
    )
    start = time.perf_counter()
    con.execute(
        "insert into survei by name select *, 1 as upload_id from read_csv(?, header = true)", [str(csv)]
    )
    total = time.perf_counter() - start
    rows = con.execute("select count(*) from survei_terkini").fetchone()[0]
    con.close()
    return {"total": total, "rows": rows}


def compare(rows: int = 100_000, repeat: int = 3, folder: Path | None = None) -> dict:
    """Best ingest and best DuckDB seconds over `repeat` alternating runs, each in fresh databases."""
    warnings.filterwarnings("ignore")  # st.cache_* outside a Streamlit run
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        folder = folder or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        csv = folder / "survei_bench.csv"
        survei_frame(rows).to_csv(csv, index=False)
        ours, theirs = [], []
        # Alternating, each in a fresh database, so that load from elsewhere hits both sides alike.
        for run in range(repeat):
            for database in folder.glob(f"*-{run}.duckdb*"):
                database.unlink()
            ours.append(time_ingest(csv, folder / f"ingest-{run}.duckdb"))
            theirs.append(time_duckdb(csv, folder / f"duckdb-{run}.duckdb"))
            assert ours[-1]["rows"] == theirs[-1]["rows"] == rows, (ours[-1]["rows"], theirs[-1]["rows"])
        best = min(ours, key=lambda times: times["total"])
        their_best = min(times["total"] for times in theirs)
        return {"rows": rows, "megabytes": csv.stat().st_size / 1e6, "repeat": repeat, "ours": best,
                "ours_runs": [times["total"] for times in ours],
                "duckdb": their_best, "duckdb_runs": [times["total"] for times in theirs],
                "ratio": best["total"] / their_best}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="alternate both sides this often; best of each")
    parser.add_argument("--keep", type=Path, help="write the CSV and databases here instead of a temp dir")
    args = parser.parse_args()
    result = compare(args.rows, args.repeat, args.keep)
    best = result["ours"]
    runs = lambda side: ", ".join(f"{seconds:.2f}" for seconds in result[side])  # noqa: E731
    print(f"{args.rows:,} survei rows, {result['megabytes']:.1f} MB, template CSV, {os.cpu_count()} CPUs, "
          f"best of {args.repeat}, load average {os.getloadavg()[0]:.1f}")
    print(f"  ingest (read {best['read']:.2f} s + check {best['check']:.2f} s + commit {best['commit']:.2f} s)"
          f"  {best['total']:.2f} s   runs: {runs('ours_runs')}")
    print(f"  DuckDB read_csv + insert into survei                      {result['duckdb']:.2f} s   runs: {runs('duckdb_runs')}")
    print(f"  ratio ingest / DuckDB: {result['ratio']:.2f}x (goal: at most 3x)")


if __name__ == "__main__":
    main()
