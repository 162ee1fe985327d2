"""The cost of one upload into a big database: check and commit (with its summary refresh) of a
1,000-row survei file into a copy of a demo database.

The summary layer is refreshed for the upload's keys only, so a commit into 1,000,000 households
should cost about what the same commit into 10,000 costs.
"""

import logging
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path

from bench.ingest import survei_frame


def measure(database: Path, rows: int = 1000) -> dict:
    """Seconds to check and to commit `rows` new survei rows into a copy of `database`."""
    from bebenah import db, ingest

    warnings.filterwarnings("ignore")  # st.cache_* outside a Streamlit run
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(dir=database.parent) as folder:
        copy = Path(folder) / "commit.duckdb"
        shutil.copy(database, copy)
        # Four-digit serials: households the demo (three digits) does not have.
        data = survei_frame(rows, seed=11).to_csv(index=False).encode()
        previous = os.environ.get("BEBENAH_DB")
        os.environ["BEBENAH_DB"] = str(copy)
        db.connection.clear()
        try:
            before = db.cursor().execute("select count(*) from summary_survei").fetchone()[0]
            start = time.perf_counter()
            checked = ingest.check(db.cursor(), ingest.read(data, "survei_bench.csv"))
            check_seconds = time.perf_counter() - start
            if checked.counts["rejected"]:
                raise RuntimeError(f"generated rows were rejected: {checked.problems.head()}")
            start = time.perf_counter()
            ingest.commit(checked, "bench")
            commit_seconds = time.perf_counter() - start
            after = db.cursor().execute("select count(*) from summary_survei").fetchone()[0]
        finally:
            db.connection.clear()
            if previous is None:
                os.environ.pop("BEBENAH_DB", None)
            else:
                os.environ["BEBENAH_DB"] = previous
        if after - before != rows:
            raise RuntimeError(f"the summary holds {after - before} new rows, not {rows}")
        return {"rows": rows, "check": check_seconds, "commit": commit_seconds}
