"""The overview's parts: headline figures against target and the previous quarter, the three largest
gaps with the page that explains each, the trend, enrolment per area, and where the figures come from."""

from datetime import date, timedelta

import pandas as pd

from bebenah import PROGRAMME_START, charts, db, meetings, privacy, takeaways
from bebenah.i18n import day, escape_markdown, label, number, percent, quarter, rupiah_short, t
from bebenah.sections import Card, Cards, Metric, Metrics, Section, Table

# The page that explains each kind of gap: coverage shows enrolment against target and the needs-based
# gaps per kelurahan; progress shows who did not move up.
GAP_PAGES = {
    "sasaran": ("cakupan", "overview.gap_link_cakupan"),
    "kebutuhan": ("cakupan", "overview.gap_link_cakupan"),
    "kemajuan": ("kemajuan", "overview.gap_link_kemajuan"),
}


def quarter_end_before(day_: date) -> date:
    """The last day of the quarter before the one `day_` falls in."""
    return date(day_.year, 3 * ((day_.month - 1) // 3) + 1, 1) - timedelta(days=1)


def with_shares(rows: pd.DataFrame) -> pd.DataFrame:
    """The headline with the shares made from its counts (blank where the door blanked a count)."""
    known = lambda column: rows[column].astype("float64")  # noqa: E731 - blank counts arrive as NA
    return rows.assign(rose=known("rt_naik") / known("rt_dengan_kemajuan").where(known("rt_dengan_kemajuan") > 0),
                       reached=known("rt_dijangkau") / known("rt_terdaftar").where(known("rt_terdaftar") > 0))


def change(now, then, kind: str) -> str | None:
    """A difference as text: households or agencies, percentage points, or rupiah; None when a side is hidden."""
    if now is None or then is None or pd.isna(now) or pd.isna(then):
        return None
    difference = round((now - then) * 100) if kind == "share" else now - then
    if kind == "households" and privacy.hide_small(abs(difference)) is None:
        return None  # a handful of households enrolled in one quarter is itself a small cell
    # The sign leads, so that st.metric colours and points the arrow right ("-Rp3 juta", not "Rp-3 juta").
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    if kind == "share":
        return t("overview.points", value=sign + number(abs(difference)))
    if kind == "rupiah":
        return sign + rupiah_short(abs(difference))
    return sign + number(abs(difference))


def gap_card(gap) -> Card:
    if gap.jenis == "sasaran":
        text = t("overview.gap_sasaran", area=gap.kelurahan, kecamatan=gap.kecamatan, gap=number(gap.gap),
                 target=number(gap.basis), share_done=percent(1 - gap.share))
    elif gap.jenis == "kebutuhan":
        text = t("overview.gap_kebutuhan", gap=number(gap.gap), of=number(gap.basis),
                 need=label("kebutuhan", gap.kode), share=percent(gap.share))
    else:
        text = t("overview.gap_kemajuan", area=gap.kelurahan, kecamatan=gap.kecamatan, gap=number(gap.gap),
                 of=number(gap.basis), share=percent(gap.share))
    path, link = GAP_PAGES[gap.jenis]
    # The explaining page opens on the gap's kelurahan; a need of the whole selection, on the selection.
    there = {} if gap.jenis == "kebutuhan" else {"kecamatan": gap.kecamatan, "kelurahan": gap.kelurahan}
    return Card(t(f"overview.gap_kind_{gap.jenis}"), number(gap.gap), text, (path, t(link), there))


def against(filters: dict, latest) -> tuple:
    """What the headline's changes compare with: the figures the last closed meeting about the area
    stored (when the period runs from the programme's start, as a meeting's figures do), else the
    same figures as of the end of the quarter before the latest data: (then row or None, the words
    under each change, the caption)."""
    meeting = meetings.last_closed(meetings.chosen_area(filters), before=filters["sampai"]) \
        if filters["dari"] <= PROGRAMME_START else None
    if meeting is not None:
        stored = meetings.stored(meeting, meetings.chosen_area(filters))
        if not stored.empty:
            when = day(meeting.tanggal, form="medium")
            return (with_shares(stored).iloc[0], t("overview.since_meeting", date=when),
                    t("overview.delta_caption_meeting", date=when, meeting=meeting.judul))
    previous_end = quarter_end_before(pd.Timestamp(latest.tanggal_data_terakhir).date())
    if previous_end < filters["dari"]:
        return None, None, None
    then = with_shares(db.run("overview_headline", **{**filters, "sampai": previous_end})).iloc[0]
    return (then, t("overview.since", date=day(previous_end, form="medium")),
            t("overview.delta_caption", date=day(previous_end)))


def with_quarters(trend: pd.DataFrame) -> pd.DataFrame:
    """Each quarter is a snapshot of its own, not a part of a total: its cells are judged one by one."""
    return trend.assign(share_naik=trend.rt_naik / trend.rt_dengan_kemajuan.where(trend.rt_dengan_kemajuan > 0),
                        nama_kuartal=[quarter(value) for value in trend.kuartal])


def parts(filters: dict) -> list | None:
    """The overview of the filters' selection; None when no household is enrolled in it."""
    headline = db.run("overview_headline", **filters)
    if headline.iloc[0].rt_terdaftar == 0:
        return None
    then, since_words, caption_words = against(filters, headline.iloc[0])
    trend = with_quarters(db.run("overview_trend", **filters))

    def delta(column: str, kind: str):
        """st.metric's change against the previous quarter: no arrow and no colour when nothing changed."""
        def of(row) -> dict:
            if then is None:
                return {}
            text = change(row[column], then[column], kind)
            unchanged = text is not None and not text.startswith(("+", "-"))
            return {"delta": text, "delta_description": since_words,
                    **({"delta_color": "off", "delta_arrow": "off"} if unchanged else {})}
        return of

    enrolled = lambda row: row.rt_terdaftar  # noqa: E731
    return [
        Metrics("overview_headline", prepare=with_shares, items=(
            Metric("overview.enrolled", lambda row: number(enrolled(row)), help="overview.enrolled_help",
                   trend=lambda row: trend.rt_terdaftar.dropna().tolist() or None, delta=delta("rt_terdaftar", "households"),
                   caption=lambda row: t("overview.against_target", target=number(row.sasaran_rt),
                                         share=percent(row.rt_terdaftar / row.sasaran_rt if pd.notna(row.rt_terdaftar) else None))
                   if row.sasaran_rt else t("overview.no_target")),
            Metric("overview.rose", lambda row: percent(row.rose), help="overview.rose_help", delta=delta("rose", "share"),
                   trend=lambda row: trend.share_naik.dropna().tolist() or None,
                   caption=lambda row: t("overview.rose_of", rose=number(row.rt_naik), of=number(row.rt_dengan_kemajuan))),
            Metric("overview.reached", lambda row: percent(row.reached), help="overview.reached_help",
                   delta=delta("reached", "share"),
                   caption=lambda row: t("overview.reached_of", reached=number(row.rt_dijangkau), of=number(row.rt_terdaftar))),
            Metric("overview.agencies", lambda row: number(row.lembaga_aktif), delta=delta("lembaga_aktif", "count")),
            Metric("overview.contributions", lambda row: rupiah_short(row.kontribusi_idr),
                   delta=delta("kontribusi_idr", "rupiah")),
            Metric("overview.latest_data", lambda row: day(row.tanggal_data_terakhir, form="medium")),
        ), caption=lambda rows: caption_words if then is not None else None),
        Cards("overview_gaps", "overview.gaps_title", card=gap_card, shown="gap",
              empty="overview.gaps_none", hidden="overview.gaps_hidden"),
        Section("overview_trend", "overview.trend_title", key="trend_chart", prepare=with_quarters,
                chart=lambda rows: charts.count_and_share_trend(
                    rows, period="nama_kuartal", count="rt_terdaftar", target="sasaran_rt", share="share_naik",
                    titles=(t("overview.trend_enrolled"), t("overview.trend_rose")),
                    names=(t("overview.enrolled"), t("overview.target"), t("overview.rose"))),
                takeaway=takeaways.enrolment_and_progress_over_a_year, headers="overview.column",
                table={"kuartal": quarter, "akhir": lambda value: day(value, form="medium"), "rt_terdaftar": number,
                       "sasaran_rt": number, "rt_dengan_kemajuan": number, "rt_naik": number, "share_naik": percent}),
        Section("enrolment_by_area", "overview.enrolment_title", key="enrolment_chart",
                chart=lambda rows: charts.target_bars(rows, label="wilayah", value="rt_terdaftar", target="sasaran_rt"),
                takeaway=takeaways.furthest_behind_target, headers="coverage.column",
                table={"wilayah": None, "rt_terdaftar": number, "sasaran_rt": number, "capaian": percent}),
        Table("overview_uploads", "overview.sources_title", headers="overview.column",
              caption=lambda uploads: t("overview.sources_caption", date=day(headline.iloc[0].tanggal_data_terakhir),
                                        count=number(len(uploads)), file=escape_markdown(uploads.iloc[0].file_name),
                                        uploaded=day(uploads.iloc[0].uploaded_at, form="medium")),
              table={"kind": lambda kind: t(f"upload.kind.{kind}").capitalize(), "file_name": None,
                     "uploaded_at": lambda value: day(value, form="medium"), "baris": number,
                     "tanggal_data_terakhir": lambda value: day(value, form="medium")}),
    ]
