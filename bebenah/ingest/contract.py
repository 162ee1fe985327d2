"""The data contract's columns for each kind of file: survei from data/kamus, the other three below."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa

KAMUS = Path(__file__).resolve().parents[2] / "data" / "kamus"
KINDS = ("survei", "intervensi", "kontribusi", "sasaran")
SHAPES = ("template", "excel_id", "xlsx", "kobo", "odk")
JAKARTA = timezone(timedelta(hours=7))  # WIB has no daylight saving
EXAMPLES = {r"^BKK-\d{10}-\d{3,4}$": "BKK-3174091005-007", r"^FAS-\d{2,4}$": "FAS-08"}
# Each pattern in words for people (locales: forms.allowed.pattern_<name>); the regex is for the checks.
PATTERN_WORDS = {r"^BKK-\d{10}-\d{3,4}$": "household", r"^FAS-\d{2,4}$": "facilitator"}


def normal(text) -> str:
    """Case- and whitespace-insensitive form of a header or label."""
    return " ".join(str(text).replace("\ufeff", "").split()).casefold()


@dataclass(frozen=True)
class Column:
    name: str
    tipe: str  # text | integer | decimal | date | choice | multi | code
    wajib: bool = False
    pilihan: tuple[str, ...] = ()
    minimum: float | None = None
    maksimum: float | None = None
    pola: str | None = None  # a regular expression the whole value must match
    panjang: int = 100  # most characters
    katalog: str | None = None  # kelurahan | lembaga | jenis_intervensi (type "code")
    daftar: str | None = None  # the survey form's choice list
    grup: str | None = None  # the survey form's group
    label_id: str | None = None
    label_en: str | None = None

    @property
    def contoh(self) -> str | None:
        return EXAMPLES.get(self.pola)


HOUSEHOLD_CODE = r"^BKK-\d{10}-\d{3,4}$"


@lru_cache(maxsize=1)
def kamus() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The survey's dictionary: its columns, its groups and its choices."""
    read = lambda name: pd.read_csv(KAMUS / name, dtype=str, keep_default_na=False)  # noqa: E731
    return read("kamus_survei.csv"), read("grup_survei.csv"), read("pilihan_survei.csv")


def _survei_columns() -> tuple[Column, ...]:
    entries, _, choices = kamus()
    names = choices.groupby("daftar", sort=False)["nama"].agg(tuple).to_dict()
    columns = []
    for row in entries.itertuples(index=False):  # the dictionary's 77 entries
        rule = row.nilai
        bounds = re.match(r"\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)", rule)
        at_least = re.match(r"\s*>=\s*(\d+)", rule)
        longest = re.search(r"at most (\d+) characters", rule)
        catalogue = "kelurahan" if "kode_kelurahan of" in rule else None
        columns.append(
            Column(
                name=row.kolom,
                tipe="code" if catalogue else row.tipe,
                wajib=row.wajib == "ya",
                pilihan=names.get(row.daftar_pilihan, ()),
                minimum=float((bounds or at_least)[1]) if bounds or at_least else None,
                maksimum=float(bounds[2]) if bounds else None,
                pola=rule if rule.startswith("^") else None,
                panjang=int(longest[1]) if longest else 100,
                katalog=catalogue,
                daftar=row.daftar_pilihan or None,
                grup=row.grup,
                label_id=row.label_id,
                label_en=row.label_en,
            )
        )
    return tuple(columns)


SATUAN = ("sesi", "jam", "rumah", "paket", "rujukan", "peserta", "liter", "kegiatan")
JENIS_KONTRIBUSI = ("dana_idr", "barang", "jam_fasilitator", "sesi", "rujukan")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "survei": _survei_columns(),
    "intervensi": (
        Column("id_kegiatan", "text", True, panjang=64),
        Column("tanggal", "date", True),
        Column("jenis_intervensi", "code", True, katalog="jenis_intervensi"),
        Column("kode_lembaga", "code", True, katalog="lembaga"),
        Column("kode_kelurahan", "code", True, katalog="kelurahan"),
        Column("rw", "integer", minimum=1, maksimum=99),
        Column("id_rumah_tangga", "text", pola=HOUSEHOLD_CODE),
        Column("jumlah", "decimal", True, minimum=0),
        Column("satuan", "choice", True, pilihan=SATUAN),
        Column("jumlah_peserta", "integer", minimum=0),
        Column("catatan", "text", panjang=500),
    ),
    "kontribusi": (
        Column("id_kontribusi", "text", True, panjang=64),
        Column("tanggal", "date", True),
        Column("kode_lembaga", "code", True, katalog="lembaga"),
        Column("jenis_kontribusi", "choice", True, pilihan=JENIS_KONTRIBUSI),
        Column("jenis_intervensi", "code", katalog="jenis_intervensi"),
        Column("kode_kelurahan", "code", katalog="kelurahan"),
        Column("jumlah", "decimal", True, minimum=0),
        Column("satuan", "text", True, panjang=32),
        Column("nilai_idr", "decimal", minimum=0),
        Column("keterangan", "text", panjang=500),
    ),
    "sasaran": (
        Column("tahun", "integer", True, minimum=2023, maksimum=2100),
        Column("kode_kelurahan", "code", True, katalog="kelurahan"),
        Column("jenis_intervensi", "code", katalog="jenis_intervensi"),
        Column("jumlah_rt_sasaran", "integer", True, minimum=0),
    ),
}
KEYS = {
    "survei": ("id_rumah_tangga", "putaran_ke"),
    "intervensi": ("id_kegiatan",),
    "kontribusi": ("id_kontribusi",),
    "sasaran": ("tahun", "kode_kelurahan", "jenis_intervensi"),
}


def column(kind: str, name: str) -> Column:
    return next(col for col in COLUMNS[kind] if col.name == name)


@lru_cache(maxsize=None)
def choice_labels(daftar: str) -> dict[str, str]:
    """Every way a choice of the list may be written (name or label, either language), lower case -> name."""
    _, _, choices = kamus()
    lookup = {}
    for row in choices[choices["daftar"] == daftar].itertuples(index=False):
        for written in (row.nama, row.label_id, row.label_en):
            lookup.setdefault(normal(written), row.nama)
    return lookup


@lru_cache(maxsize=None)
def rules(kind: str) -> pa.Table:
    """One row per contract column of the kind, as validate_columns.sql reads them."""
    columns = COLUMNS[kind]
    for col in columns:
        # validate_columns.sql tries a pattern on the values' shapes with every digit read as 0.
        if col.pola and re.search(r"\d", re.sub(r"\{\d+(,\d*)?\}", "", col.pola)):
            raise ValueError(f"{kind}.{col.name}: a pattern may test digits only as a class: {col.pola}")
    return pa.table({
        "kolom": [c.name for c in columns],
        "tipe": [c.tipe for c in columns],
        "wajib": [c.wajib for c in columns],
        "pilihan": pa.array([list(c.pilihan) for c in columns], pa.list_(pa.string())),
        "minimum": pa.array([c.minimum for c in columns], pa.float64()),
        "maksimum": pa.array([c.maksimum for c in columns], pa.float64()),
        "pola": pa.array([c.pola for c in columns], pa.string()),
        "contoh": pa.array([c.contoh for c in columns], pa.string()),
        "panjang": pa.array([c.panjang for c in columns], pa.int32()),
        "katalog": pa.array([c.katalog for c in columns], pa.string()),
    })
