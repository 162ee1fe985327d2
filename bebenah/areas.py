"""DKI Jakarta's kota, kecamatan and kelurahan by name, from the reference table the app ships
(data/reference/wilayah_dki_jakarta.csv): so that no screen shows a bare code like 31.74.09."""

from functools import lru_cache

import pandas as pd

from bebenah import db


@lru_cache(maxsize=1)
def _reference() -> pd.DataFrame:
    return pd.read_csv(db.REFERENCE / db.SEEDS["wilayah"], dtype=str)


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str, str | None]]:
    """code -> (level, name, kecamatan of a kelurahan)."""
    areas = _reference()
    names = {row.kode_kota: ("kota", row.kota, None) for row in areas.itertuples()}
    names |= {row.kode_kecamatan: ("kecamatan", row.kecamatan, None) for row in areas.itertuples()}
    names |= {row.kode_kelurahan: ("kelurahan", row.kelurahan, row.kecamatan) for row in areas.itertuples()}
    return names


def name(code: str | None, lang: str | None = None) -> str:
    """An area code in words: "Kecamatan Jagakarsa", "Kelurahan Tanjung Barat (Jagakarsa)", the
    kota's name; a code that is no area of DKI Jakarta as it is."""
    from bebenah.i18n import t

    if not isinstance(code, str) or code not in _names():
        return "" if code is None else str(code)
    level, area, kecamatan = _names()[code]
    if level == "kota":
        return area
    words = f"{t('filters.' + level, lang).split(' (')[0]} {area}"
    return f"{words} ({kecamatan})" if kecamatan else words


def choices(lang: str | None = None) -> dict[str, str]:
    """Every kecamatan and, under it, its kelurahan: code -> name, for choosing an uploader's area."""
    areas = _reference().sort_values(["kode_kecamatan", "kode_kelurahan"])
    chosen: dict[str, str] = {}
    for row in areas.itertuples():
        chosen.setdefault(row.kode_kecamatan, name(row.kode_kecamatan, lang))
        chosen[row.kode_kelurahan] = name(row.kode_kelurahan, lang)
    return chosen
