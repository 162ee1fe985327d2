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


def enrolment_and_progress_over_a_year(rows: pd.DataFrame) -> str | None:
    """The last quarter against the same quarter a year before (or the first, for a younger
    programme): households enrolled against target, and the share that rose a stage.
    rows: one per quarter (kuartal, rt_terdaftar, sasaran_rt, share_naik), oldest first."""
    from bebenah.i18n import quarter

    known = rows.dropna(subset=["rt_terdaftar"])
    if len(known) < 2:
        return None
    year = known.iloc[max(0, len(known) - 5):]
    start, end = year.iloc[0], year.iloc[-1]
    rose = year.share_naik.dropna()
    return t("overview.trend_takeaway", first=quarter(start.kuartal), last=quarter(end.kuartal),
             enrolled_first=number(start.rt_terdaftar), enrolled_last=number(end.rt_terdaftar),
             target=number(end.sasaran_rt), rose_first=percent(rose.iloc[0] if len(rose) else None),
             rose_last=percent(end.share_naik))
