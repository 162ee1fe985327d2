"""The one sentence above each chart: pure functions of a query's rows (as the door returns them,
small counts blank), returning the finding in the current language, or None when there is none."""

import pandas as pd

from bebenah.i18n import number, percent, t


def furthest_behind_target(rows: pd.DataFrame) -> str | None:
    """The area furthest behind its enrolment target (rows ranked by capaian, lowest first)."""
    known = rows.dropna(subset=["capaian"])
    if known.empty:
        return None
    worst = known.sort_values(["capaian", "wilayah"], kind="stable").iloc[0]
    return t("overview.enrolment_takeaway", area=worst.wilayah, share=percent(worst.capaian),
             enrolled=number(worst.rt_terdaftar), target=number(worst.sasaran_rt))


def busiest_area(rows: pd.DataFrame) -> str | None:
    """Where one agency delivered most (rows: one per area, kegiatan = deliveries)."""
    if rows.empty or rows.kegiatan.sum() <= 0:
        return None
    busiest = rows.sort_values(["kegiatan", "wilayah"], ascending=[False, True], kind="stable").iloc[0]
    return t("contributions.where_takeaway", area=busiest.wilayah, count=number(busiest.kegiatan))
