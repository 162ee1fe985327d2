"""Overview (Ringkasan): the page leadership opens first. Headline figures against target and against the
previous quarter, the three largest gaps with the page that explains each, the trend, and the data behind it."""

from datetime import date, timedelta
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from plotly.subplots import make_subplots

from bebenah import charts, db, page, privacy, takeaways
from bebenah.sections import Section
from bebenah.i18n import day, label, number, percent, rupiah_short, t

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


def quarter_name(day_) -> str:
    return t("overview.quarter", q=(day_.month - 1) // 3 + 1, year=day_.year)


def figures(row) -> dict:
    """The headline's figures (household counts under k arrive blank from the door: None here), and the
    shares made from them."""
    enrolled, naik, with_progress, reached = (
        None if pd.isna(row[column]) else row[column]
        for column in ("rt_terdaftar", "rt_naik", "rt_dengan_kemajuan", "rt_dijangkau"))
    return {
        "enrolled": enrolled, "naik": naik, "with_progress": with_progress, "reached_count": reached,
        "rose": naik / with_progress if naik is not None and with_progress else None,
        "reached": reached / enrolled if reached is not None and enrolled else None,
        "agencies": row.lembaga_aktif, "contributions": row.kontribusi_idr,
    }


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


def link_narrowed(url_path: str, text: str, areas: dict) -> None:
    """A link to another page, narrowed to `areas` (level -> name), keeping the language and period.

    A plain link that loads the page afresh, so that its filters take their values from the URL as a
    shared link does: st.page_link(query_params=...) lands unfiltered once the filters hold a value in
    the session, and st.switch_page refuses to leave while filters are bound to the URL.
    """
    query = {**st.query_params.to_dict(), **areas}
    query = urlencode({key: value for key, value in query.items() if value})
    href = f"{url_path}?{query}" if query else url_path
    st.markdown(f"[➡️ {page.escape_markdown(text)}]({href})")


filters = page.setup("viewer")
st.title(t("overview.title"))
st.caption(t("common.period", area=page.area_name(filters), dari=day(filters["dari"]), sampai=day(filters["sampai"])))

headline_now = db.run("overview_headline", **filters)
headline = headline_now.iloc[0]
if headline.rt_terdaftar == 0:
    st.info(t("common.no_data"))
    st.stop()

# Against the same figures as of the end of the quarter before the latest data.
previous_end = quarter_end_before(pd.Timestamp(headline.tanggal_data_terakhir).date())
now = figures(headline)
then = figures(db.run("overview_headline", **{**filters, "sampai": previous_end}).iloc[0]) \
    if previous_end >= filters["dari"] else None
# Each quarter is a snapshot of its own, not a part of a total: its cells are judged one by one.
trend = db.run("overview_trend", **filters)
trend["share_naik"] = trend.rt_naik / trend.rt_dengan_kemajuan.where(trend.rt_dengan_kemajuan > 0)


def delta(key: str, kind: str) -> dict:
    """st.metric's change against the previous quarter: no arrow and no colour when nothing changed."""
    if then is None:
        return {}
    text = change(now[key], then[key], kind)
    unchanged = text is not None and not text.startswith(("+", "-"))
    return {"delta": text, "delta_description": t("overview.since", date=day(previous_end, form="medium")),
            **({"delta_color": "off", "delta_arrow": "off"} if unchanged else {})}


first, second, third = st.columns(3)
first.metric(t("overview.enrolled"), number(now["enrolled"]), help=t("overview.enrolled_help"),
             chart_data=trend.rt_terdaftar.dropna().tolist() or None, **delta("enrolled", "households"))
target = headline.sasaran_rt
first.caption(
    t("overview.against_target", target=number(target),
      share=percent(now["enrolled"] / target if now["enrolled"] is not None else None))
    if target else t("overview.no_target")
)
second.metric(t("overview.rose"), percent(now["rose"]), help=t("overview.rose_help"),
              chart_data=trend.share_naik.dropna().tolist() or None, **delta("rose", "share"))
second.caption(t("overview.rose_of", rose=number(now["naik"]), of=number(now["with_progress"])))
third.metric(t("overview.reached"), percent(now["reached"]), help=t("overview.reached_help"), **delta("reached", "share"))
third.caption(t("overview.reached_of", reached=number(now["reached_count"]), of=number(now["enrolled"])))

fourth, fifth, sixth = st.columns(3)
fourth.metric(t("overview.agencies"), number(now["agencies"]), **delta("agencies", "count"))
fifth.metric(t("overview.contributions"), rupiah_short(now["contributions"]), **delta("contributions", "rupiah"))
sixth.metric(t("overview.latest_data"), day(headline.tanggal_data_terakhir, form="medium"))
if then is not None:
    st.caption(t("overview.delta_caption", date=day(previous_end)))
page.privacy_note(headline_now)

# The three largest gaps, each with the page that explains it ----------------------------------
st.subheader(t("overview.gaps_title"))
gaps = db.run("overview_gaps", **filters)
shown_gaps = gaps.dropna(subset=["gap"])
if gaps.empty:
    st.caption(t("overview.gaps_none"))
for column, gap in zip(st.columns(3), shown_gaps.itertuples()):
    with column.container(border=True):
        if gap.jenis == "sasaran":
            text = t("overview.gap_sasaran", area=gap.kelurahan, kecamatan=gap.kecamatan, gap=number(gap.gap),
                     target=number(gap.basis), share_done=percent(1 - gap.share))
        elif gap.jenis == "kebutuhan":
            text = t("overview.gap_kebutuhan", gap=number(gap.gap), of=number(gap.basis),
                     need=label("kebutuhan", gap.kode), share=percent(gap.share))
        else:
            text = t("overview.gap_kemajuan", area=gap.kelurahan, kecamatan=gap.kecamatan, gap=number(gap.gap),
                     of=number(gap.basis), share=percent(gap.share))
        st.metric(t(f"overview.gap_kind_{gap.jenis}"), number(gap.gap))
        st.markdown(page.escape_markdown(text))
        path, link = GAP_PAGES[gap.jenis]
        # The explaining page opens on the gap's kelurahan; a need of the whole selection, on the selection.
        there = {} if gap.jenis == "kebutuhan" else {"kecamatan": gap.kecamatan, "kelurahan": gap.kelurahan}
        link_narrowed(path, t(link), there)
if len(shown_gaps) < len(gaps):
    st.caption(t("overview.gaps_hidden", count=len(gaps) - len(shown_gaps)))

# The trend -------------------------------------------------------------------------------------
st.subheader(t("overview.trend_title"))
# The last quarter against the same quarter a year before (or the first one, for a younger programme).
known = trend.dropna(subset=["rt_terdaftar"])
if len(known) > 1:
    end = known.iloc[-1]
    start = known.iloc[max(0, len(known) - 5)]
    page.takeaway(t(
        "overview.trend_takeaway", first=quarter_name(start.kuartal), last=quarter_name(end.kuartal),
        enrolled_first=number(start.rt_terdaftar), enrolled_last=number(end.rt_terdaftar), target=number(end.sasaran_rt),
        rose_first=percent(known.share_naik.iloc[max(0, len(known) - 5):].dropna().iloc[0]
                           if known.share_naik.iloc[max(0, len(known) - 5):].notna().any() else None),
        rose_last=percent(end.share_naik),
    ))
quarters = [quarter_name(value) for value in trend.kuartal]
# At most about six quarter labels on an axis, so they stay level and readable on a projector.
every = -(-len(quarters) // 6)
ticks = {"tickmode": "array", "tickvals": quarters[::every], "ticktext": quarters[::every], "tickangle": 0}
figure = make_subplots(rows=1, cols=2, subplot_titles=[t("overview.trend_enrolled"), t("overview.trend_rose")],
                       horizontal_spacing=0.1)
figure.add_bar(x=quarters, y=trend.rt_terdaftar, name=t("overview.enrolled"), marker_color=charts.PALETTE[0],
               hovertemplate="%{x}: %{y:,.0f}<extra></extra>", row=1, col=1)
figure.add_scatter(x=quarters, y=trend.sasaran_rt, name=t("overview.target"), mode="lines",
                   line={"color": "#555555", "dash": "dash", "shape": "hv", "width": 3},
                   hovertemplate="%{x}: %{y:,.0f}<extra></extra>", row=1, col=1)
figure.add_scatter(x=quarters, y=trend.share_naik, name=t("overview.rose"), mode="lines+markers",
                   line={"color": charts.PALETTE[2], "width": 3}, marker={"size": 9},
                   hovertemplate="%{x}: %{y:.0%}<extra></extra>", row=1, col=2)
figure.update_xaxes(**ticks)
figure.update_yaxes(tickformat=",.0f", row=1, col=1)
figure.update_yaxes(tickformat=".0%", rangemode="tozero", row=1, col=2)
figure.update_annotations(font_size=16)
charts.show(figure, key="trend_chart", height=400, layout={"margin": {"t": 90}, "legend": {"y": 1.16}})
page.privacy_note(trend)
page.table_and_download(
    trend.rename(columns=lambda column: t(f"overview.column.{column}")),
    "overview_trend",
    shown=lambda rows: trend.loc[rows.index].assign(
        kuartal=[quarter_name(value) for value in trend.kuartal[rows.index]],
        akhir=[day(value, form="medium") for value in trend.akhir[rows.index]],
        share_naik=[percent(value) for value in trend.share_naik[rows.index]],
    ).rename(columns=lambda column: t(f"overview.column.{column}")),
)

page.sections(filters, [
    Section("enrolment_by_area", "overview.enrolment_title", key="enrolment_chart",
            chart=lambda rows: charts.target_bars(rows, label="wilayah", value="rt_terdaftar", target="sasaran_rt"),
            takeaway=takeaways.furthest_behind_target, headers="coverage.column",
            table={"wilayah": None, "rt_terdaftar": number, "sasaran_rt": number, "capaian": percent}),
])

# Where the figures come from -------------------------------------------------------------------
st.subheader(t("overview.sources_title"))
uploads = db.run("overview_uploads", **filters)
if not uploads.empty:
    newest = uploads.iloc[0]
    st.caption(t("overview.sources_caption", date=day(headline.tanggal_data_terakhir), count=number(len(uploads)),
                 file=page.escape_markdown(newest.file_name), uploaded=day(newest.uploaded_at, form="medium")))
    with st.expander(t("overview.sources_table")):
        st.dataframe(
            uploads.drop(columns="upload_id").assign(
                kind=[t(f"upload.kind.{kind}").capitalize() for kind in uploads.kind],
                uploaded_at=[day(value, form="medium") for value in uploads.uploaded_at],
                tanggal_data_terakhir=[day(value, form="medium") for value in uploads.tanggal_data_terakhir],
            ).rename(columns=lambda column: t(f"overview.column.{column}")),
            hide_index=True, key="overview_uploads",
        )
    page.privacy_note(uploads)
