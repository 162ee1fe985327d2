"""The who-does-what-where (3W) table as files for coordination partners, with HXL hashtags."""

import pandas as pd

from bebenah import export
from bebenah.i18n import label, t

# Column of queries/threew.sql -> its HXL hashtag (hxlstandard.org: #adm1..#adm4 follow the
# Kemendagri levels: province, kota, kecamatan, kelurahan; +hh marks a count of households).
HASHTAGS = {
    "nama_lembaga": "#org+name",
    "kode_lembaga": "#org+code",
    "jenis_lembaga": "#org+type",
    "ranah": "#sector",
    "jenis_intervensi": "#activity+name",
    "kode_intervensi": "#activity+code",
    "provinsi": "#adm1+name",
    "kode_provinsi": "#adm1+code",
    "kota": "#adm2+name",
    "kode_kota": "#adm2+code",
    "kecamatan": "#adm3+name",
    "kode_kecamatan": "#adm3+code",
    "kelurahan": "#adm4+name",
    "kode_kelurahan": "#adm4+code",
    "kegiatan": "#output+deliveries+num",
    "rt_dijangkau": "#reached+hh",
    "tanggal_mulai": "#date+start",
    "tanggal_akhir": "#date+end",
}


def table(rows: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The 3W rows with names for codes and headers in the language, in HXL's column order.

    rows: the result of queries/threew.sql (after privacy protection where it applies).
    """
    named = rows.assign(
        kode_intervensi=rows["jenis_intervensi"],
        jenis_intervensi=[label("jenis_intervensi", code, lang) for code in rows["jenis_intervensi"]],
        jenis_lembaga=[label("jenis_lembaga", code, lang) for code in rows["jenis_lembaga"]],
        ranah=[label("ranah", code, lang) for code in rows["ranah"]],
        rt_dijangkau=rows["rt_dijangkau"].astype("Int64"),
        tanggal_mulai=pd.to_datetime(rows["tanggal_mulai"]).dt.date,
        tanggal_akhir=pd.to_datetime(rows["tanggal_akhir"]).dt.date,
    )
    named = named[list(HASHTAGS)]
    return named.rename(columns={column: t(f"threew.{column}", lang) for column in HASHTAGS})


def with_hashtags(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with HXL's hashtag row as its first row (the second row of the file)."""
    tags = pd.DataFrame([list(HASHTAGS.values())], columns=frame.columns)
    return pd.concat([tags, frame.astype(object)], ignore_index=True)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, header row, hashtag row, data; dates ISO, empty cells for unknown figures."""
    return export.csv_bytes(with_hashtags(frame))


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "3W") -> bytes:
    """One sheet: header row, hashtag row, data with numbers as numbers and dates as dates."""
    tagged = with_hashtags(frame)
    return export.xlsx_bytes({sheet: tagged.where(tagged.notna(), None)})
