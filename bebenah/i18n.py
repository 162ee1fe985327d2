"""Every string a user sees, in Bahasa Indonesia or English; numbers, rupiah and dates per language."""

import re
import tomllib
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
import streamlit as st
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALES = Path(__file__).resolve().parents[1] / "locales"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
# The language switch shows these names, and its URL parameter carries them (?lang=English).
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
BABEL_LOCALE = {"id": "id_ID", "en": "en_GB"}


def _flatten(table: dict, prefix: str = "") -> dict[str, dict[str, str]]:
    entries = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and set(value) <= set(LANGUAGES) and value:
            entries[path] = value
        elif isinstance(value, dict):
            entries.update(_flatten(value, f"{path}."))
    return entries


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All keys from locales/*.toml, each {"id": ..., "en": ...}."""
    entries = {}
    for path in sorted(LOCALES.glob("*.toml")):
        with path.open("rb") as handle:
            entries.update(_flatten(tomllib.load(handle)))
    return entries


def language() -> str:
    try:
        # The widget's value once it has rendered; before that (e.g. navigation titles), the URL's.
        chosen = st.session_state.get("lang")
        if chosen is None:
            from_url = st.query_params.get("lang")
            chosen = next((code for code, name in LANGUAGE_NAMES.items() if name == from_url), None)
    except Exception:  # outside a Streamlit script run
        chosen = DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, **values) -> str:
    """The text for `key` in the current language, with {placeholders} filled from values."""
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry.get(lang or language(), entry.get(DEFAULT_LANGUAGE, key))
    return text.format(**values) if values else text


@lru_cache(maxsize=1)
def _reference_labels() -> dict[tuple[str, str], dict[str, str]]:
    """Names of catalogue codes shipped as CSVs: survey columns, choices, interventions, needs."""
    root = Path(__file__).resolve().parents[1] / "data"
    labels = {}
    sources = (
        ("kolom", root / "kamus" / "kamus_survei.csv", "kolom", "label_id", "label_en"),
        ("grup", root / "kamus" / "grup_survei.csv", "grup", "label_id", "label_en"),
        ("jenis_intervensi", root / "reference" / "jenis_intervensi.csv", "kode", "nama_id", "nama_en"),
        ("kebutuhan", root / "reference" / "kebutuhan.csv", "kode", "nama_id", "nama_en"),
    )
    for domain, path, code, label_id, label_en in sources:
        for row in pd.read_csv(path, dtype=str).itertuples(index=False):
            row = row._asdict()
            labels[(domain, row[code])] = {"id": row[label_id], "en": row[label_en]}
    choices = pd.read_csv(root / "kamus" / "pilihan_survei.csv", dtype=str)
    for row in choices.itertuples(index=False):
        labels[(f"pilihan.{row.daftar}", row.nama)] = {"id": row.label_id, "en": row.label_en}
    return labels


def label(domain: str, code, lang: str | None = None) -> str:
    """The name of a code: from locales ([label.<domain>] tables) or the shipped catalogues."""
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return t("common.none", lang)
    entry = catalogue().get(f"label.{domain}.{code}") or _reference_labels().get((domain, str(code)))
    if entry is None:
        return str(code)
    return entry.get(lang or language(), str(code))


def labels(codes: pd.Series, domain: str, lang: str | None = None, separator: str | None = None) -> pd.Series:
    """The names of a column of codes, looked up once per distinct code (a long list repeats few codes).

    separator: each value holds several codes ("NOVALUX TP_PKK_JAKSEL"), named and joined by ", ".
    """
    def name(value):
        if separator is None or not isinstance(value, str):
            return label(domain, value, lang)
        return ", ".join(label(domain, code, lang) for code in value.split(separator))

    names = {value: name(value) for value in codes.dropna().unique()}
    return codes.map(names).where(codes.notna(), label(domain, None, lang))


def labelled(frame: pd.DataFrame, column: str, domain: str, lang: str | None = None) -> pd.DataFrame:
    """A copy of frame whose codes in `column` are replaced by their names."""
    named = frame.copy()
    named[column] = labels(named[column], domain, lang)
    return named


def _locale(lang: str | None) -> str:
    return BABEL_LOCALE[lang or language()]


def number(value, decimals: int = 0, lang: str | None = None) -> str:
    if value is None or pd.isna(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def percent(share, decimals: int = 0, lang: str | None = None) -> str:
    """A share between 0 and 1 as a percentage (62% / 62,5%)."""
    if share is None or pd.isna(share):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(share, format=pattern, locale=_locale(lang))


def rupiah(value, lang: str | None = None) -> str:
    if value is None or pd.isna(value):
        return "–"
    # "Rp" in both languages: it is how Indonesian readers of either language write rupiah.
    return "Rp" + number(value, 0, lang)


def rupiah_short(value, lang: str | None = None) -> str:
    """Rupiah for headlines: Rp1,2 miliar / Rp1.2 billion."""
    if value is None or pd.isna(value):
        return "–"
    for size, key in ((1e12, "common.trillion"), (1e9, "common.billion"), (1e6, "common.million")):
        if abs(value) >= size:
            return f"Rp{number(value / size, 1, lang)} {t(key, lang)}"
    return rupiah(value, lang)


def day(value, lang: str | None = None, form: str = "long") -> str:
    """A date for the language: long 2 Mei 2024 / 2 May 2024, medium 2 Mei 2024 abbreviated."""
    if value is None or pd.isna(value):
        return "–"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, (datetime, pd.Timestamp)):
        value = value.date()
    return format_date(value, format=form, locale=_locale(lang))


def plotly_separators(lang: str | None = None) -> str:
    """Plotly's `separators` layout value: decimal mark then thousands mark."""
    return ",." if (lang or language()) == "id" else ".,"


def quarter(value, lang: str | None = None) -> str:
    """The quarter a day falls in, as people name it: TW3 2024 / Q3 2024."""
    value = pd.Timestamp(value)
    return t("overview.quarter", lang, q=(value.month - 1) // 3 + 1, year=value.year)


def escape_markdown(text: str) -> str:
    """Text from data shown as text: no markdown, no HTML."""
    special = "\\`*_{}[]()#+-.!|<>~$"
    # Bare addresses (http://, www., a@b.c) become links after escapes are read: an invisible word
    # joiner (U+2060) in each keeps them text.
    text = re.sub(r"(?i)(:(?=//)|www(?=\.)|(?=@))", lambda found: found.group(0) + "\u2060", str(text))
    return "".join("\\" + char if char in special else char for char in text)
