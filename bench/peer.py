"""The usual way to write such a dashboard, as a peer to measure against: read the needed columns
of the stored rows into pandas once, then compute each view's current state and headline from them.

    .venv/bin/python -m bench.peer DATABASE

Prints one JSON line: the load's seconds, the median seconds of one overview headline (whole
programme, one kota, one kecamatan), and the process's peak RSS.
"""

import json
import statistics
import sys
import time
from datetime import date

import duckdb
import pandas as pd

from bench import peak_rss_mb

SURVEI = ["id_rumah_tangga", "putaran_ke", "kode_kelurahan", "tanggal_survei", "upload_id",
          "ks1_01", "ks1_02", "ks1_03", "ks1_04", "ks1_05", "ks1_06",
          "ks2_01", "ks2_02", "ks2_03", "ks2_04", "ks2_05", "ks2_06", "ks2_07", "ks2_08",
          "ks3_01", "ks3_02", "ks3_03", "ks3_04", "ks3_05", "ks3p_01", "ks3p_02"]
INTERVENSI = ["id_kegiatan", "upload_id", "id_rumah_tangga", "kode_kelurahan", "jenis_intervensi",
              "kode_lembaga", "tanggal"]
STAGES = [("ks1_", "pra_sejahtera"), ("ks2_", "ks_1"), ("ks3_", "ks_2"), ("ks3p_", "ks_3")]


def load(path: str) -> dict:
    con = duckdb.connect(path, read_only=True)
    frames = {
        "survei": con.execute(f"select {', '.join(SURVEI)} from survei").df(),
        "intervensi": con.execute(f"select {', '.join(INTERVENSI)} from intervensi").df(),
        "active": set(con.execute("select upload_id from uploads_active").df()["upload_id"]),
    }
    con.close()
    return frames


def current(frame: pd.DataFrame, key: list, active: set) -> pd.DataFrame:
    """The latest active upload's row per key."""
    frame = frame[frame["upload_id"].isin(active)]
    return frame.sort_values("upload_id").drop_duplicates(key, keep="last")


def headline(frames: dict, area: str | None, dari: date, sampai: date) -> dict:
    """Households, their latest welfare stage, and who reached them: the overview's first row."""
    rounds = current(frames["survei"], ["id_rumah_tangga", "putaran_ke"], frames["active"])
    rounds = rounds[rounds["tanggal_survei"] <= pd.Timestamp(sampai)]
    if area:
        rounds = rounds[rounds["kode_kelurahan"].str.startswith(area)]
    latest = rounds.sort_values("putaran_ke").drop_duplicates("id_rumah_tangga", keep="last")
    stage = pd.Series("ks_3_plus", index=latest.index)
    for prefix, name in reversed(STAGES):
        columns = [c for c in SURVEI if c.startswith(prefix)]
        stage[(latest[columns] == "tidak").any(axis=1)] = name
    deliveries = current(frames["intervensi"], ["id_kegiatan"], frames["active"])
    deliveries = deliveries[deliveries["tanggal"].between(pd.Timestamp(dari), pd.Timestamp(sampai))]
    if area:
        deliveries = deliveries[deliveries["kode_kelurahan"].str.startswith(area)]
    return {"rumah_tangga": len(latest), "tahapan": stage.value_counts().to_dict(),
            "terjangkau": deliveries["id_rumah_tangga"].nunique(),
            "lembaga": deliveries["kode_lembaga"].nunique()}


def measure(path: str) -> dict:
    start = time.perf_counter()
    frames = load(path)
    loaded = time.perf_counter() - start
    times = []
    for area in (None, "31.74", "31.74.09"):
        start = time.perf_counter()
        headline(frames, area, date(2023, 9, 13), date.today())
        times.append(time.perf_counter() - start)
    return {"load": loaded, "view": statistics.median(times),
            "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
