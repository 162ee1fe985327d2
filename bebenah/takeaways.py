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


def _among_shown(text: str, rows: pd.DataFrame) -> str:
    """Where the door hid small counts, the finding is about the counts shown, and says so."""
    from bebenah import privacy

    return text + (" " + t("quality.among_shown") if privacy.suppressed(rows) else "")


def most_flagged_kelurahan(rows: pd.DataFrame, columns: list[str], text: str, **values) -> str | None:
    """The kelurahan with the most households flagged (summed over `columns`) among the counts shown,
    in the sentence `text`: a locale key whose placeholders are area (the kelurahan), count (how many
    kelurahan are listed), the row's counts by column name (rumah_tangga among them) and `values`."""
    known = rows.dropna(subset=columns)
    if known.empty:
        return None
    top = known.loc[known[columns].sum(axis=1).idxmax()]
    counts = {column: number(top[column]) for column in [*columns, "rumah_tangga"] if column in top}
    return _among_shown(t(text, area=top.kelurahan, count=number(len(rows)), **counts, **values), rows)


def least_complete_answers(rows: pd.DataFrame) -> str | None:
    """The kelurahan and round with the fewest optional answers filled (terisi), and the answer most
    often left blank over every row (the terisi_<column> shares, weighted by rumah_tangga)."""
    from bebenah.i18n import label

    known = rows.dropna(subset=["terisi"])
    if known.empty:
        return None
    worst = known.loc[known.terisi.idxmin()]
    weights = known.rumah_tangga
    shares = {column: (known[column] * weights).sum() / weights.sum()
              for column in known.columns if column.startswith("terisi_")}
    blank = min(shares, key=shares.get)
    return _among_shown(t("quality.completeness_takeaway", area=worst.kelurahan, round=int(worst.putaran_ke),
                          share=percent(worst.terisi), column=label("kolom", blank.removeprefix("terisi_")),
                          column_share=percent(shares[blank])), rows)


def longest_idle(rows: pd.DataFrame, days: int) -> str | None:
    """How many facilitators had no survey for more than `days` days, of all, and where one has been
    idle longest (rows: one per kelurahan with fasilitator, fasilitator_tidak_aktif, hari_terlama)."""
    idle = rows[rows.fasilitator_tidak_aktif > 0]
    if idle.empty:
        return None
    longest = idle.loc[idle.hari_terlama.idxmax()]
    return t("quality.facilitators_takeaway", inactive=number(idle.fasilitator_tidak_aktif.sum()),
             total=number(rows.fasilitator.sum()), days=days, area=longest.kelurahan,
             longest=number(longest.hari_terlama))
