"""An uploaded file's bytes as a table of text: encodings, BOMs, delimiters, workbooks, blank and HXL rows."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from functools import reduce

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from bebenah.ingest.contract import KINDS, normal
from bebenah.ingest.errors import IngestError
from bebenah.ingest.values import UNICODE_SPACES, any_true, null_blank, parallel

DEFAULT_MAX_UPLOAD_MB = 50


@dataclass
class Sheet:
    """The file's cells as text: header, data columns c0..cN, and each data row's spreadsheet row."""

    header: list[str]
    table: pa.Table
    baris: pa.Array
    delimiter: str | None = None
    encoding: str | None = None
    sheet_name: str | None = None


def max_upload_mb() -> float:
    """The size cap: $BEBENAH_MAX_UPLOAD_MB, 50 MB by default."""
    return float(os.environ.get("BEBENAH_MAX_UPLOAD_MB") or DEFAULT_MAX_UPLOAD_MB)


def max_upload_bytes() -> int:
    return int(max_upload_mb() * 1024 * 1024)



def _row_of(text: str) -> int:
    """The file's row (1 = the first line) where `text`, the part of the file before a place, ends."""
    return text.count("\n") + (text.count("\r") if "\n" not in text else 0) + 1


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            # A BOM, then bytes that are not UTF-8: two files joined by hand. Guessing would mangle one half.
            raise IngestError("encoding_bom", baris=_row_of(data[3:error.start + 3].decode("utf-8", "replace"))) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:  # an odd byte count (cut short), or a lone surrogate
            prefix = data[:error.start - error.start % 2].decode("utf-16", "replace")
            raise IngestError("utf16_rusak", baris=_row_of(prefix)) from None
    if b"\x00" in data[:65536]:
        raise IngestError("bukan_teks")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise IngestError("encoding", baris=_row_of(data[:error.start].decode("cp1252", "replace"))) from None
    return text, "cp1252"


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n\x0c")
    return controls > max(2, len(sample) // 200)


def _sniff_delimiter(text: str) -> str:
    first = re.split(r"\r\n?|\n", text[:65536], maxsplit=1)[0]
    counts = {}
    for delimiter in (";", ",", "\t"):
        counts[delimiter] = len(next(csv.reader([first], delimiter=delimiter), []))
    return max(counts, key=lambda d: (counts[d], d == ","))


def _read_text(data: bytes) -> Sheet:
    text, encoding = _decode(data)
    text = text.lstrip("\ufeff")  # and a second BOM, left by joining two files
    if not text.strip():
        raise IngestError("kosong")
    if _looks_binary(text):
        raise IngestError("bukan_teks")
    mac = "\r" in text and "\n" not in text
    if mac:  # Excel for Mac's "CSV (Macintosh)" ends lines with CR alone
        text = text.replace("\r", "\n")
    if encoding != "utf-8" or mac:
        data = text.encode("utf-8")  # blank lines are looked for, and pyarrow reads, in these bytes
    delimiter = _sniff_delimiter(text.lstrip("\r\n\t "))
    first = re.split(r"\r\n?|\n", text, maxsplit=1)[0]
    header = next(csv.reader([first], delimiter=delimiter), [])
    width = len(header)
    frame = None
    body = data.rstrip(b"\r\n")
    if not (body.startswith((b"\n", b"\r\n")) or b"\n\n" in body or b"\n\r\n" in body):
        # Fast path: pyarrow's reader is ten times quicker than the csv module, but it drops blank
        # lines, and the spreadsheet row numbers must count them; files with blank lines go slow.
        try:
            table = pacsv.read_csv(
                io.BytesIO(data),
                read_options=pacsv.ReadOptions(column_names=[f"c{i}" for i in range(width)]),
                parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
                convert_options=pacsv.ConvertOptions(
                    column_types={f"c{i}": pa.string() for i in range(width)},
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=True,
                ),
            )
            frame = table.slice(1)
        except pa.ArrowInvalid:
            frame = None  # ragged rows: the csv module copes
    top = 0  # blank rows above the header
    if frame is None:
        rows = _csv_rows(text, delimiter)
        top = next((i for i, row in enumerate(rows) if any(cell.strip() for cell in row)), 0)
        header, width = rows[top], len(rows[top])
        cells = pd.DataFrame(rows[top + 1:], dtype=object)
        names = [f"c{i}" for i in range(max(width, cells.shape[1]))]
        frame = pa.table(
            {name: pa.array(cells[i] if i in cells else [None] * len(cells), pa.string(), from_pandas=True)
             for i, name in enumerate(names)}
        ) if len(cells) else pa.table({name: pa.array([], pa.string()) for name in names})
        header = header + [""] * (len(names) - width)
    baris = pa.array(np.arange(top + 2, top + frame.num_rows + 2, dtype=np.int32))
    return Sheet(header, frame, baris, delimiter=delimiter, encoding=encoding)


def _csv_rows(text: str, delimiter: str) -> list[list[str]]:
    # The module's own cap on a cell (128 KB) is not ours: a long cell is a row's problem, which
    # validation names (terlalu_panjang); the file's size cap bounds it.
    csv.field_size_limit(max(csv.field_size_limit(), max_upload_bytes() + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error:
        raise IngestError("csv_rusak", baris=reader.line_num) from None


def _excel_engine() -> str:
    """python-calamine reads a workbook four times quicker than openpyxl, cell for cell the same."""
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return "openpyxl"
    return "calamine"


def _read_xlsx(data: bytes, kind: str | None) -> Sheet:
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine=_excel_engine())
        by_name = {normal(name): name for name in book.sheet_names}
        wanted = [kind] if kind else list(KINDS)
        sheet = next((by_name[k] for k in wanted if k in by_name), book.sheet_names[0])
        cells = book.parse(sheet, header=None, dtype=str)
    except Exception:
        raise IngestError("xlsx_rusak") from None
    filled = cells.notna().any(axis=1)
    if not filled.any():
        raise IngestError("kosong")
    top = int(filled.to_numpy().argmax())  # blank rows above the header
    cells = cells.astype(object).where(cells.notna(), None)
    header = ["" if value is None else str(value) for value in cells.iloc[top]]
    body = cells.iloc[top + 1:]
    table = pa.table({f"c{i}": pa.array(body[col], pa.string(), from_pandas=True) for i, col in enumerate(body)})
    # Blank rows are kept by the reader, so a row's index is its place in the sheet.
    baris = pa.array((body.index.to_numpy() + 1).astype(np.int32))
    return Sheet(header, table, baris, sheet_name=sheet)


def read_sheet(data: bytes, file_name: str, kind: str | None) -> tuple[Sheet, bool]:
    if data.startswith(b"PK\x03\x04"):
        if not file_name.lower().endswith((".xlsx", ".xlsm")) and b"xl/" not in data[:4096]:
            raise IngestError("format_tidak_didukung", file_name=file_name)
        return _read_xlsx(data, kind), True
    if data.startswith(b"\xd0\xcf\x11\xe0") or file_name.lower().endswith((".xls", ".ods", ".numbers")):
        raise IngestError("format_tidak_didukung", file_name=file_name)
    if data.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"Rar!", b"7z")):
        raise IngestError("bukan_teks")
    return _read_text(data), False


@dataclass
class Tidied:
    header: list[str]
    columns: list  # one trimmed text array per header, blanks as null
    positions: list[int]  # each column's place in the file (0 = column A)
    baris: pa.Array
    hxl: bool
    skipped: pd.DataFrame
    blank_rows: int


def tidy(sheet: Sheet, data: bytes) -> Tidied:
    """Headers checked; the HXL row, ODK's rejected submissions and blank rows set aside."""
    header = [str(h).replace("\ufeff", "").strip() for h in sheet.header]
    table, baris = sheet.table, sheet.baris
    # Columns without a header that hold nothing (Excel's trailing ";;") are not columns at all.
    keep = [
        i for i, h in enumerate(header)
        if h or any_true(pc.not_equal(pc.utf8_trim_whitespace(table.column(i)), ""))
    ]
    header = [header[i] for i in keep]
    table = table.select(keep)
    if not any(header):
        raise IngestError("kosong")
    written = [normal(h) for h in header]
    duplicates = [h for i, (h, n) in enumerate(zip(header, written)) if n and n in written[:i]]
    if duplicates:
        raise IngestError("judul_ganda", columns=duplicates)

    # A second header row of HXL hashtags (#adm1 +code ...) is Kobo's, not data.
    tags = [str(v).strip() for v in table.slice(0, 1).to_pylist()[0].values() if v and str(v).strip()] if len(table) else []
    hxl = bool(tags) and all(tag.startswith("#") for tag in tags)
    if hxl:
        table, baris = table.slice(1), baris[1:]

    # ODK Central: a submission a reviewer rejected is not imported.
    skipped = pd.DataFrame({"baris": pd.Series([], dtype="int32"), "alasan": pd.Series([], dtype="str")})
    if "reviewstate" in written and len(table):
        state = pc.utf8_lower(pc.utf8_trim_whitespace(table.column(written.index("reviewstate"))))
        rejected = pc.fill_null(pc.equal(state, "rejected"), False)
        if any_true(rejected):
            skipped = pd.DataFrame({"baris": baris.filter(rejected).to_numpy(), "alasan": "odk_ditolak"})
            table, baris = table.filter(pc.invert(rejected)), baris.filter(pc.invert(rejected))

    unicode_spaces = sheet.encoding != "utf-8" or any(space.encode() in data for space in UNICODE_SPACES)
    columns = parallel(lambda arr: null_blank(arr, unicode_spaces), table.columns)
    blank_rows = 0
    if columns and min(c.null_count for c in columns):  # a column without blanks: no blank row
        blank = reduce(pc.and_, [pc.is_null(c) for c in columns])
        blank_rows = int(pc.sum(blank).as_py() or 0)
        if blank_rows:
            columns = [c.filter(pc.invert(blank)) for c in columns]
            baris = baris.filter(pc.invert(blank))
    if not len(baris):
        raise IngestError("hanya_judul")
    return Tidied(header, columns, keep, baris, hxl, skipped, blank_rows)
