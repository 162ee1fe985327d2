"""The meeting screen's parts: what changed since the chosen meeting (its stored figures then, the
same figures now) and the follow-up actions agreed, each with its status from the data."""

import pandas as pd

from bebenah import areas, meetings, privacy
from bebenah.i18n import day, label, number, rupiah_short, t
from bebenah.sections import Metric, Metrics, Section

def figure_text(value, kind: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return rupiah_short(value) if kind == "rupiah" else number(value)


def change_text(then, now, kind: str) -> str | None:
    """now − then as st.metric's change ("+12", "-Rp3 juta"); None when a side is hidden or small."""
    if then is None or now is None or pd.isna(then) or pd.isna(now):
        return None
    difference = now - then
    if kind == "households" and difference and privacy.hide_small(abs(difference)) is None:
        return None  # a handful of households changing between two meetings is itself a small cell
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    return sign + (rupiah_short(abs(difference)) if kind == "rupiah" else number(abs(difference)))


def since_metric(column: str, kind: str, meeting: meetings.Meeting) -> Metric:
    """A figure now, its change since the meeting, and under it what the meeting stored."""
    def delta(row) -> dict:
        text = change_text(row[f"{column}_then"], row[column], kind)
        if text is None:
            return {}
        if not text.startswith(("+", "-")):
            return {"delta": text, "delta_color": "off", "delta_arrow": "off"}
        # Fewer families waiting is good news: green when it falls.
        return {"delta": text, **({"delta_color": "inverse"} if column == "rt_kebutuhan_terbuka" else {})}

    return Metric(f"meeting.figure.{column}", lambda row: figure_text(row[column], kind), delta=delta,
                  help=f"meeting.figure_help.{column}",
                  caption=lambda row: t("meeting.then", then=figure_text(row[f"{column}_then"], kind)))


def with_then(meeting: meetings.Meeting, area: str):
    """The chosen area's figures now, beside the ones the meeting stored for it (<column>_then)."""
    def prepare(rows: pd.DataFrame) -> pd.DataFrame:
        now = rows.reset_index(drop=True)  # the chosen area's row alone (semua_wilayah false)
        then = meetings.stored(meeting, area)
        for column, _ in meetings.FIGURES:
            now[f"{column}_then"] = then[column].iloc[0] if not then.empty and len(now) else None
        return now
    return prepare


def action_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The actions in words: the gap, where, who, what, by when, households then and now, status."""
    def gap(row) -> str:
        if row.jenis_celah == "kebutuhan":
            return label("kebutuhan", row.kebutuhan)
        return t(f"meeting.gap.{row.jenis_celah}")

    return rows.assign(
        celah=[gap(row) for row in rows.itertuples()],
        wilayah=[areas.name(code) if isinstance(code, str) else t("meeting.whole_programme") for code in rows.kode_wilayah],
        lembaga=[label("lembaga", code) for code in rows.kode_lembaga],
        status_teks=[t(f"meeting.status.{status}")
                     + (f" ({t('meeting.by_data')})" if by_data and status == "selesai" else "")
                     + (f" · {t('meeting.reported', status=t(f'meeting.reported_status.{reported}'))}"
                        if isinstance(reported, str) and reported != status else "")
                     for status, by_data, reported in zip(rows.status, rows.menurut_data, rows.dilaporkan)],
    )


def actions_summary(rows: pd.DataFrame) -> str | None:
    if rows.empty:
        return None
    counts = rows.status.value_counts()
    return t("meeting.actions_summary", total=number(len(rows)), done=number(counts.get("selesai", 0)),
             on_track=number(counts.get("sesuai_jadwal", 0)), late=number(counts.get("terlambat", 0)))


def parts(filters: dict, meeting: meetings.Meeting | None) -> list:
    """What changed since the meeting, for the filters' area (now: the filters' `sampai`), then the
    actions it agreed."""
    if meeting is None:
        return []
    area = meetings.chosen_area(filters)
    return [
        Metrics("area_figures", title="meeting.since_title", params={"semua_wilayah": False},
                text={"meeting": meeting.judul, "date": day(meeting.tanggal, form="medium")},
                prepare=with_then(meeting, area), per_row=4,
                items=tuple(since_metric(column, kind, meeting) for column, kind in meetings.FIGURES)),
        Section("follow_up_actions", "meeting.actions_title", params={"rapat_id": meeting.rapat_id},
                prepare=action_rows, takeaway=actions_summary, table_open=True, headers="meeting.column",
                empty="meeting.no_actions", text={"date": day(meeting.tanggal, form="medium")},
                table={"status_teks": None, "lembaga": None, "tindakan": None, "wilayah": None, "celah": None,
                       "batas_waktu": lambda value: day(value, form="medium"), "rt_celah_awal": number,
                       "rt_celah_kini": number}),
    ]
