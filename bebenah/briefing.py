"""The meeting's briefing: six views drawn from the very parts the pages declare (the overview's
headline and gaps, the meeting's changes and actions, progress, who does what where), each built
once into a Slide that the presentation mode, the PDF and the PowerPoint all show.

A Slide holds what a view says, already in the user's language and as the user may see it (the
door suppressed what it must): its title, its one-line finding, a chart, headline figures or
cards, a table where numbers matter. No Streamlit here: bebenah.presentation draws a slide on the
projector, bebenah.briefing_files writes the files.
"""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from bebenah import areas, db, meetings
from bebenah.i18n import day, number, t
from bebenah.sections import Cards, Chapter, Columns, Metrics, build, build_metrics, formatted_rows, metric_row, read


@dataclass(frozen=True)
class Figure:
    """One headline figure: its name, value, change (or None) and the line under it (or None)."""

    label: str
    value: str
    change: str | None = None
    caption: str | None = None
    colour: str = "normal"  # of the change: normal (up is good), inverse (down is good), off


@dataclass(frozen=True)
class Slide:
    title: str
    takeaway: str | None = None
    chart: go.Figure | None = None
    figures: tuple[Figure, ...] = ()
    table: pd.DataFrame | None = None
    empty: str | None = None  # what the slide says when there is nothing to show
    notes: tuple[str, ...] = field(default_factory=tuple)


def _find(parts, query: str):
    """The first part reading `query`, looked for inside chapters and columns too."""
    for part in parts:
        if isinstance(part, (Chapter, Columns)):
            found = _find(part.parts, query)
            if found is not None:
                return found
        elif getattr(part, "query", None) == query:
            return part
    return None


def views(filters: dict, meeting: meetings.Meeting | None) -> list[tuple[str, object]]:
    """The briefing's views in order, (title key, part): headline against target, what changed since
    the meeting, families' progress, where the gaps are, who does what where, the actions agreed."""
    from bebenah.screens import kemajuan, kontribusi, rapat, ringkasan

    overview = ringkasan.parts(filters) or []
    contributions = kontribusi.parts(filters) or []
    meeting_parts = rapat.parts(filters, meeting)
    chosen = [
        ("briefing.headline", _find(overview, "overview_headline")),
        ("briefing.since", meeting_parts[0] if meeting_parts else None),
        ("briefing.progress", kemajuan.SUMMARY),
        ("briefing.gaps", _find(overview, "overview_gaps")),
        ("briefing.who_where", _find(contributions, "contributions_agency_by_area")),
        ("briefing.actions", meeting_parts[1] if meeting_parts else None),
    ]
    return [(title, part) for title, part in chosen if part is not None]


def _words(value, row, text: dict) -> str:
    return value(row) if callable(value) else t(value, **text)


def _figure(item, row, text: dict) -> Figure:
    delta = item.delta(row) if item.delta else {}
    return Figure(_words(item.label, row, text), item.value(row), delta.get("delta"),
                  item.caption(row) if item.caption else None, delta.get("delta_color", "normal"))


def slide(title: str, part, filters: dict) -> Slide:
    """Build one view as the current user may see it."""
    heading = t(title)
    if isinstance(part, Metrics):
        built = build_metrics(part, filters)
        if built.rows.empty:
            return Slide(heading, empty=t(part.empty))
        row = built.rows.iloc[0]
        shown = tuple(_figure(item, metric_row(item, part, filters, row), part.text) for item in part.items)
        finding = part.takeaway(built.rows) if part.takeaway else None
        return Slide(heading, finding, figures=shown, notes=tuple(filter(None, [built.takeaway])))
    if isinstance(part, Cards):
        rows = read(part, filters).dropna(subset=[part.shown])
        cards = [part.card(row) for row in rows.itertuples()]
        return Slide(heading, figures=tuple(Figure(card.label, card.value, None, card.text) for card in cards),
                     empty=t(part.empty) if not cards else None)
    built = build(part, filters)
    if built.notice is not None:
        return Slide(heading, empty=t(built.notice.text))
    if built.rows.empty:
        return Slide(heading, empty=t(part.empty or "common.no_data", **part.text))
    shown = ()
    if part.figures is not None:
        rows = part.figure_rows(built.rows) if part.figure_rows else built.rows
        shown = tuple(_figure(part.figures, row, part.text) for _, row in rows.iterrows())
    table = None
    if built.figure is None and not shown and part.table:
        table = formatted_rows(built.rows, part.table, part.headers)
    notes = tuple(filter(None, [part.after(built.rows) if part.after else None]))
    return Slide(heading, built.takeaway, built.figure, shown, table, notes=notes)


def slides(filters: dict, meeting: meetings.Meeting | None) -> list[Slide]:
    return [slide(title, part, filters) for title, part in views(filters, meeting)]


def minutes(rapat: pd.Series, filters: dict):
    """The notulen of a meeting: when, where, who attended, the actions agreed in it (their status
    now) and what had changed since the meeting before it."""
    from bebenah.briefing_files import Minutes
    from bebenah.i18n import label
    from bebenah.screens import rapat as screen

    meeting = meetings.Meeting.of(rapat)
    agencies = ", ".join(label("lembaga", code) for code in rapat.lembaga_hadir) or "–"
    lines = (t("minutes.date", date=day(meeting.tanggal)),
             t("minutes.area", area=areas.name(meeting.kode_wilayah) if meeting.kode_wilayah else t("meeting.whole_programme")),
             t("minutes.attended", agencies=agencies))
    agreed = slide("minutes.agreed", screen.parts(filters, meeting)[1], filters)
    before = meetings.last_closed(meeting.kode_wilayah, before=meeting.tanggal)
    since = slide("briefing.since", screen.parts(filters, before)[0], filters) if before else None
    return Minutes(t("minutes.title", title=meeting.judul), lines, since, agreed)


def footer(filters: dict, sample_data: bool) -> str:
    """What every page and slide says at its foot: area, period, the data's cut-off date, the uploads
    behind it, and the sample-data notice where it applies."""
    area = meetings.chosen_area(filters)
    facts = db.run("briefing_facts", **{key: filters.get(key) for key in ("kota", "kecamatan", "kelurahan")},
                   sampai=filters["sampai"])
    latest = facts.tanggal_data_terakhir.iloc[0]
    parts = [
        areas.name(area) if area else t("meeting.whole_programme"),
        t("briefing.period", dari=day(filters["dari"], form="medium"), sampai=day(filters["sampai"], form="medium")),
        t("briefing.cut_off", date=day(latest, form="medium") if pd.notna(latest) else "–"),
        t("briefing.uploads", count=number(facts.unggahan.iloc[0])),
        t("briefing.source"),
    ]
    if sample_data:
        parts.append(t("briefing.sample"))
    return " · ".join(parts)


def file_stem(filters: dict, today: date, what: str | None = None) -> str:
    """A file name people can sort and recognise: paparan_<area>_<date>, or <what>_<area>_<date>."""
    area = meetings.chosen_area(filters)
    name = areas.name(area) if area else t("meeting.whole_programme")

    def words(text: str) -> str:
        joined = "".join(char if char.isalnum() else "_" for char in text).strip("_")
        while "__" in joined:
            joined = joined.replace("__", "_")
        return joined[:60]

    return f"{words(what) if what else t('briefing.file_word')}_{words(name)}_{today:%Y-%m-%d}"
