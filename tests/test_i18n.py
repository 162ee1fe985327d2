"""One translation mechanism: every key in both languages, every code named, formats per language."""

import re
from pathlib import Path

import pandas as pd
import pytest

from bebenah import i18n

ROOT = Path(__file__).resolve().parents[1]


def test_every_key_has_both_languages_and_no_empty_text():
    for key, entry in i18n.catalogue().items():
        assert set(entry) == set(i18n.LANGUAGES), f"{key} lacks a language: {sorted(entry)}"
        assert all(text.strip() for text in entry.values()), f"{key} has an empty text"


def test_both_languages_use_the_same_placeholders():
    for key, entry in i18n.catalogue().items():
        names = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
        assert names["id"] == names["en"], f"{key}: {names}"


def test_every_key_the_code_asks_for_exists():
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("bebenah/**/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text()))
    missing = sorted(key for key in used if key not in i18n.catalogue())
    assert not missing, f"keys used but not translated: {missing}"


@pytest.mark.parametrize("csv, code_column, domain", [
    ("data/reference/jenis_intervensi.csv", "kode", "jenis_intervensi"),
    ("data/reference/kebutuhan.csv", "kode", "kebutuhan"),
    ("data/kamus/kamus_survei.csv", "kolom", "kolom"),
])
def test_every_catalogue_code_has_a_name_in_both_languages(csv, code_column, domain):
    for code in pd.read_csv(ROOT / csv, dtype=str)[code_column]:
        names = {lang: i18n.label(domain, code, lang) for lang in i18n.LANGUAGES}
        assert code not in names.values(), f"{domain}.{code} has no name: {names}"


def test_stage_and_progress_codes_are_named_in_both_languages():
    for code in ("pra_sejahtera", "ks_1", "ks_2", "ks_3", "ks_3_plus"):
        assert i18n.label("tahapan_ks", code, "id") != code
        assert i18n.label("tahapan_ks", code, "en") != code


def test_numbers_rupiah_and_dates_follow_the_language():
    assert i18n.number(1234.5, 1, "id") == "1.234,5"
    assert i18n.number(1234.5, 1, "en") == "1,234.5"
    assert i18n.rupiah(1_500_000, "id") == "Rp1.500.000"
    assert i18n.rupiah(1_500_000, "en") == "Rp1,500,000"
    assert i18n.day("2024-05-02", "id") == "2 Mei 2024"
    assert i18n.day("2024-05-02", "en") == "2 May 2024"
    assert i18n.percent(0.625, 1, "id") == "62,5%"
    assert i18n.rupiah_short(1_234_000_000, "id") == "Rp1,2 miliar"
    assert i18n.rupiah_short(1_234_000_000, "en") == "Rp1.2 billion"
    assert i18n.plotly_separators("id") == ",."


def test_a_missing_value_is_a_dash_not_nan():
    assert i18n.number(None) == "–"
    assert i18n.percent(float("nan")) == "–"


def test_no_key_is_defined_in_two_locale_files():
    import tomllib

    seen = {}
    for path in sorted((ROOT / "locales").glob("*.toml")):
        for key in i18n._flatten(tomllib.loads(path.read_text(encoding="utf-8"))):
            assert key not in seen, f"{key} is in both {seen[key]} and {path.name}"
            seen[key] = path.name
