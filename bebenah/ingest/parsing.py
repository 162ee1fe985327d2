"""Reads an uploaded file in any shape the contract accepts into its columns, and says what it found.

The steps, one module each: reading (bytes to cells as text, blank, HXL and rejected rows set
aside), headers (which header fills which contract column, and so the kind and shape), values
(each column written the contract's one way).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from bebenah import nik
from bebenah.ingest.contract import COLUMNS, KINDS, Column
from bebenah.ingest.errors import IngestError
from bebenah.ingest.headers import Mapping, choose_kind, file_shape, map_headers
from bebenah.ingest.reading import max_upload_bytes, max_upload_mb, read_sheet, tidy
from bebenah.ingest.values import multi_split, normalise, parallel


@dataclass
class Parsed:
    """A file read into the contract's columns, with what was found on the way."""

    file_name: str
    data: bytes = field(repr=False)
    content_hash: str
    shape: str
    kind: str
    rows: pa.Table = field(repr=False)  # baris, contract columns, then "lain:N" / "lebih:N" extras
    headers: dict[str, str]  # staged column -> the header as the file writes it
    unknown: list[str]  # headers neither in the contract nor known meta columns: ignored
    meta: list[str]  # the survey tools' own columns: dropped
    skipped: pd.DataFrame  # baris, alasan: rows not imported (ODK ReviewState = rejected)
    naming: str  # name | label_id | label_en
    grouped: bool = False
    hxl: bool = False
    split_columns: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    sheet_name: str | None = None
    blank_rows: int = 0

    @property
    def row_count(self) -> int:
        return self.rows.num_rows

    def describe(self, lang: str | None = None) -> str:
        """What was found, e.g. "Ekspor KoboToolbox, 312 baris, label Bahasa Indonesia"."""
        from bebenah.i18n import number, t

        parts = [t(f"upload.shape.{self.shape}", lang), t("upload.found.rows", lang, n=number(self.row_count, lang=lang))]
        parts.append(t(f"upload.kind.{self.kind}", lang))
        if self.shape in ("kobo", "odk", "xlsx") and self.kind == "survei":
            parts.append(t(f"upload.found.{self.naming}", lang))
        if self.grouped:
            parts.append(t("upload.found.grouped", lang))
        if self.split_columns:
            parts.append(t("upload.found.split", lang))
        if self.hxl:
            parts.append(t("upload.found.hxl", lang))
        if self.sheet_name:
            parts.append(t("upload.found.sheet", lang, sheet=self.sheet_name))
        if self.encoding == "cp1252":
            parts.append("Windows-1252")
        if self.encoding == "utf-16":
            parts.append("UTF-16")
        if self.blank_rows:
            parts.append(t("upload.found.blank_rows", lang, n=number(self.blank_rows, lang=lang)))
        if len(self.skipped):
            parts.append(t("upload.found.skipped", lang, n=number(len(self.skipped), lang=lang)))
        return ", ".join(parts)



def megabytes(size: int) -> float:
    """A size in MB as people say it: 200, 49.9, 0.006 (three figures at most, whole from 100 up)."""
    mb = size / 1048576
    return float(round(mb)) if mb >= 100 else float(f"{mb:.3g}")


def _stage(mapping: Mapping, kind: str, rows: int, shape: str) -> tuple[dict, dict]:
    """Each contract column's values, normalised, and the header the file gave it."""
    indonesian = shape == "excel_id"

    def one(col: Column):
        if col.name in mapping.split:
            parts = mapping.split[col.name]
            value = multi_split({name: arr for name, (_, arr) in parts.items()}, col)
            if col.name in mapping.plain:
                value = pc.coalesce(value, normalise(mapping.plain[col.name][1], col, indonesian))
            header = mapping.plain[col.name][0] if col.name in mapping.plain else next(iter(parts.values()))[0]
            return header, value
        if col.name in mapping.plain:
            header, arr = mapping.plain[col.name]
            return header, normalise(arr, col, indonesian)
        # An optional column the file leaves out is staged empty, so every kind's SQL can name it.
        return col.name, pa.chunked_array([pa.nulls(rows, pa.string())])

    staged = dict(zip((col.name for col in COLUMNS[kind]), parallel(one, list(COLUMNS[kind]))))
    staged.update(mapping.extras)
    return {name: arr for name, (_, arr) in staged.items()}, {name: h for name, (h, _) in staged.items()}


def read(data: bytes, file_name: str, kind: str | None = None) -> Parsed:
    """Read an uploaded file into the contract's columns; IngestError when it cannot be read."""
    if kind is not None and kind not in KINDS:
        raise IngestError("jenis_tidak_dikenal", columns=[kind])
    if nik.is_nik_like(file_name):
        # The name is stored with the upload and shown in the history and on the overview: a
        # redacted name would no longer be the file the user knows, so they are asked to rename it.
        raise IngestError("nama_berkas_nik")
    if not data or not data.strip():
        raise IngestError("kosong")
    if len(data) > max_upload_bytes():
        raise IngestError("terlalu_besar", mb=megabytes(len(data)), max_mb=float(max_upload_mb()))
    sheet, is_xlsx = read_sheet(data, file_name, kind)
    tidied = tidy(sheet, data)
    kind = choose_kind(tidied.header, kind)
    mapping = map_headers(tidied, kind)
    shape = file_shape(tidied.header, mapping, tidied, sheet, is_xlsx)
    values, headers = _stage(mapping, kind, len(tidied.baris), shape)
    counted = pd.Series(mapping.namings, dtype="str").value_counts()
    labels = {name: int(counted.get(name, 0)) for name in ("label_id", "label_en")}
    return Parsed(
        file_name=file_name,
        data=data,
        content_hash=hashlib.sha256(data).hexdigest(),
        shape=shape,
        kind=kind,
        rows=pa.table({"baris": tidied.baris, **values}),
        headers=headers,
        unknown=mapping.unknown,
        meta=mapping.meta,
        skipped=tidied.skipped,
        naming=max(labels, key=labels.get) if any(labels.values()) else "name",
        grouped=bool(mapping.joints - {None}),
        hxl=tidied.hxl,
        split_columns=bool(mapping.split),
        encoding=sheet.encoding,
        delimiter=sheet.delimiter,
        sheet_name=sheet.sheet_name,
        blank_rows=tidied.blank_rows,
    )
