"""Reads an uploaded file in any shape the data contract accepts, and says which shape it found.

The contract's columns (survei from data/kamus, the other three kinds below) give every header a
file may use: the XML name, the question label in either language, with or without the form's
group path, and a select-multiple's per-option 0/1 columns. Values are normalised here, column
by column with pyarrow (labels to names, decimal commas, dd/mm/yyyy, UTC offsets); whether they
are right is for the SQL in queries/validate_*.sql to say.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from functools import lru_cache, reduce
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

KAMUS = Path(__file__).resolve().parents[1] / "data" / "kamus"
KINDS = ("survei", "intervensi", "kontribusi", "sasaran")
SHAPES = ("template", "excel_id", "xlsx", "kobo", "odk")
JAKARTA = timezone(timedelta(hours=7))  # WIB has no daylight saving
DEFAULT_MAX_UPLOAD_MB = 50

# Columns the survey tools add around the answers: dropped without a word.
KOBO_META = {
    "start", "end", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid",
    "audit", "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
    "_submitted_by", "__version__", "_version_", "_tags", "_index", "_parent_index",
    "_parent_table_name", "_attachments", "_geolocation", "_xform_id_string", "meta/rootuuid",
    "meta/instanceid", "meta/deprecatedid", "meta/instancename", "formhub/uuid",
}
ODK_META = {
    "submissiondate", "meta-instanceid", "meta-instancename", "meta-deprecatedid", "meta-audit",
    "key", "parent_key", "submitterid", "submittername", "attachmentspresent",
    "attachmentsexpected", "status", "reviewstate", "deviceid", "edits", "formversion",
}
# Values a 0/1 select-multiple column uses for "chosen".
CHOSEN = ["1", "1.0", "true", "ya", "yes", "benar"]
EXAMPLES = {r"^BKK-\d{10}-\d{3,4}$": "BKK-3174091005-007", r"^FAS-\d{2,4}$": "FAS-08"}


class IngestError(Exception):
    """A file or request that cannot go further, with a reason code whose message is in locales/upload.toml."""

    def __init__(self, code: str, **detail):
        super().__init__(code)
        self.code = code
        self.detail = detail

    def message(self, lang: str | None = None) -> str:
        from bebenah.i18n import t

        values = {key: _listed(value) for key, value in self.detail.items()}
        return t(f"upload.error.{self.code}", lang, **values)

    def __str__(self) -> str:
        return self.message("en")


def _listed(value) -> str:
    if isinstance(value, (list, tuple, set)):
        return ", ".join(f"«{item}»" for item in value)
    return str(value)


# ---------------------------------------------------------------------------------------------
# The contract's columns
# ---------------------------------------------------------------------------------------------


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
def _kamus() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    read = lambda name: pd.read_csv(KAMUS / name, dtype=str, keep_default_na=False)  # noqa: E731
    return read("kamus_survei.csv"), read("grup_survei.csv"), read("pilihan_survei.csv")


def _survei_columns() -> tuple[Column, ...]:
    kamus, _, choices = _kamus()
    names = choices.groupby("daftar", sort=False)["nama"].agg(tuple).to_dict()
    columns = []
    for row in kamus.itertuples(index=False):  # the dictionary's 77 entries
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
    _, _, choices = _kamus()
    lookup = {}
    for row in choices[choices["daftar"] == daftar].itertuples(index=False):
        for written in (row.nama, row.label_id, row.label_en):
            lookup.setdefault(_normal(written), row.nama)
    return lookup


# ---------------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------------


def _normal(text) -> str:
    """Case- and whitespace-insensitive form of a header or label."""
    return " ".join(str(text).replace("\ufeff", "").split()).casefold()


@dataclass(frozen=True)
class Target:
    column: str
    option: str | None = None  # a select-multiple's 0/1 column for this choice
    naming: str = "name"  # name | label_id | label_en
    joint: str | None = None  # how the form's group path was joined: "/" (Kobo), "-" (ODK)


@lru_cache(maxsize=None)
def header_targets(kind: str) -> dict[str, Target]:
    """Every header a file of this kind may use (normalised) -> the contract column it fills."""
    _, groups, choices = _kamus()
    group_label = {row.grup: (row.label_id, row.label_en) for row in groups.itertuples(index=False)}
    targets: dict[str, Target] = {}

    def add(header: str, target: Target) -> None:
        targets.setdefault(_normal(header), target)

    for col in COLUMNS[kind]:
        add(col.name, Target(col.name))
        add(col.name.replace("_", " "), Target(col.name))
        if col.grup:
            for joint in ("/", "-"):
                add(f"{col.grup}{joint}{col.name}", Target(col.name, joint=joint))
        labels = []
        for lang, label in (("id", col.label_id), ("en", col.label_en)):
            if label:
                add(label, Target(col.name, naming=f"label_{lang}"))
                glabel = group_label[col.grup][0 if lang == "id" else 1]
                add(f"{glabel}/{label}", Target(col.name, naming=f"label_{lang}", joint="/"))
                labels.append((lang, label, glabel))
        if col.tipe == "multi":
            options = choices[choices["daftar"] == col.daftar]
            for opt in options.itertuples(index=False):
                add(f"{col.name}/{opt.nama}", Target(col.name, opt.nama))
                for joint in ("/", "-"):
                    add(f"{col.grup}{joint}{col.name}/{opt.nama}", Target(col.name, opt.nama, joint=joint))
                for lang, label, glabel in labels:
                    choice = opt.label_id if lang == "id" else opt.label_en
                    naming = f"label_{lang}"
                    add(f"{label}/{choice}", Target(col.name, opt.nama, naming))
                    add(f"{glabel}/{label}/{choice}", Target(col.name, opt.nama, naming, "/"))
    return targets


def detect_kind(headers: list[str]) -> tuple[str | None, dict[str, float]]:
    """The kind a file's headers fit best, and each kind's score.

    A kind scores the share of its required columns present, plus one when its key columns are
    all there, minus the share of the file's contract headers that belong to other kinds only.
    """
    normal = {_normal(h) for h in headers}
    known = {h for h in normal if any(h in header_targets(kind) for kind in KINDS)}
    scores = {}
    for kind in KINDS:
        targets = header_targets(kind)
        found = {targets[h].column for h in normal if h in targets}
        required = {col.name for col in COLUMNS[kind] if col.wajib}
        keys = {key for key in KEYS[kind] if column(kind, key).wajib}
        foreign = len(known - set(targets)) / len(known) if known else 0.0
        scores[kind] = len(found & required) / len(required) + (keys <= found) - foreign
    best = max(scores.values())
    winners = [kind for kind, score in scores.items() if score == best]
    return (winners[0] if best > 1.0 and len(winners) == 1 else None), scores


# ---------------------------------------------------------------------------------------------
# Reading bytes into a table of text
# ---------------------------------------------------------------------------------------------


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


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:65536]:
        raise IngestError("bukan_teks")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError("encoding") from None
    return text, "cp1252"


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n\x0c")
    return controls > max(2, len(sample) // 200)


def _sniff_delimiter(text: str) -> str:
    first = text[: text.find("\n") if "\n" in text else 65536]
    counts = {}
    for delimiter in (";", ",", "\t"):
        counts[delimiter] = len(next(csv.reader([first], delimiter=delimiter), []))
    return max(counts, key=lambda d: (counts[d], d == ","))


def _read_text(data: bytes) -> Sheet:
    text, encoding = _decode(data)
    if not text.strip():
        raise IngestError("kosong")
    if _looks_binary(text):
        raise IngestError("bukan_teks")
    text = text.lstrip("\ufeff")
    delimiter = _sniff_delimiter(text.lstrip("\r\n\t "))
    first = text[: text.find("\n") + 1 or None]
    header = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    width = len(header)
    frame = None
    body = data.rstrip(b"\r\n")
    if not (body.startswith((b"\n", b"\r\n")) or b"\n\n" in body or b"\n\r\n" in body):
        # Fast path: pyarrow's reader is ten times quicker than the csv module, but it drops blank
        # lines, and the spreadsheet row numbers must count them; files with blank lines go slow.
        raw = data if encoding == "utf-8" else text.encode("utf-8")
        try:
            table = pacsv.read_csv(
                io.BytesIO(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw),
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
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
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
        by_name = {_normal(name): name for name in book.sheet_names}
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


def _read_sheet(data: bytes, file_name: str, kind: str | None) -> tuple[Sheet, bool]:
    if data.startswith(b"PK\x03\x04"):
        if not file_name.lower().endswith((".xlsx", ".xlsm")) and b"xl/" not in data[:4096]:
            raise IngestError("format_tidak_didukung", file_name=file_name)
        return _read_xlsx(data, kind), True
    if data.startswith(b"\xd0\xcf\x11\xe0") or file_name.lower().endswith((".xls", ".ods", ".numbers")):
        raise IngestError("format_tidak_didukung", file_name=file_name)
    if data.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"Rar!", b"7z")):
        raise IngestError("bukan_teks")
    return _read_text(data), False


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------


UNICODE_SPACES = ("\u00a0", "\u2007", "\u202f", "\u3000")


def _null_blank(arr, unicode_spaces: bool = True):
    """Trimmed, and null where nothing is left. ASCII trimming is four times quicker than
    Unicode's, so a file without a non-breaking space (pasted from the web) gets that."""
    trimmed = (pc.utf8_trim_whitespace if unicode_spaces else pc.ascii_trim_whitespace)(arr)
    empty = pc.equal(pc.binary_length(trimmed), 0)
    if not _any(empty):
        return trimmed
    return pc.if_else(empty, pa.scalar(None, pa.string()), trimmed)


def _where(mask, then, otherwise):
    return pc.if_else(pc.fill_null(mask, False), then, otherwise)


def _any(mask) -> bool:
    return bool(pc.any(pc.fill_null(mask, False)).as_py())


def _all_in(arr, values) -> bool:
    return (pc.sum(pc.is_in(arr, value_set=pa.array(values, pa.string()))).as_py() or 0) + arr.null_count == len(arr)


def _choice(arr, col: Column):
    if _all_in(arr, col.pilihan):
        return arr
    lookup = choice_labels(col.daftar) if col.daftar else {_normal(name): name for name in col.pilihan}
    spaced = pc.utf8_lower(pc.replace_substring_regex(arr, r"\s+", " "))
    mapped = pc.take(pa.array(list(lookup.values())), pc.index_in(spaced, value_set=pa.array(list(lookup))))
    return pc.coalesce(mapped, arr)


@lru_cache(maxsize=None)
def _canonical(pilihan: tuple[str, ...]) -> tuple[str, ...]:
    """Every answer of a select-multiple written the one way: its choices in the list's order."""
    if len(pilihan) > 12:
        return ()
    return tuple(
        " ".join(name for bit, name in enumerate(pilihan) if mask >> bit & 1) for mask in range(1, 2 ** len(pilihan))
    )


def _multi_summary(arr, col: Column):
    if _all_in(arr, _canonical(col.pilihan)):
        return arr
    arr = pc.replace_substring_regex(arr, r"\s+", " ")
    if _any(pc.invert(_all_chosen_known(arr, col))):
        # Labels hold spaces, so a summary of labels is split by replacing the longest labels first.
        lookup = choice_labels(col.daftar)
        for written in sorted(lookup, key=len, reverse=True):
            arr = pc.replace_substring_regex(arr, f"(?i){re.escape(written)}", lookup[written])
    if _any(pc.invert(_all_chosen_known(arr, col))):
        return arr  # left as written: validation names the unknown choice
    # One spelling per answer: the choices in the list's order, each once.
    padded = pc.binary_join_element_wise(" ", arr, " ", "")
    chosen = [_where(pc.match_substring(padded, f" {name} "), name, "") for name in col.pilihan]
    return _where(pc.is_valid(arr), _squeeze(pc.binary_join_element_wise(*chosen, " ")), arr)


def _all_chosen_known(arr, col: Column):
    tokens = pc.split_pattern(arr, " ")
    flat = pc.list_flatten(tokens)
    known = pc.is_in(flat, value_set=pa.array(col.pilihan))
    parents = pc.list_parent_indices(tokens)
    bad = pc.unique(parents.filter(pc.invert(known)))
    return pc.invert(pc.is_in(pa.array(np.arange(len(arr))), value_set=bad))


def _squeeze(arr):
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(arr, r"\s+", " "))


def _multi_split(parts: dict[str, pa.ChunkedArray], col: Column):
    """One space-separated value from the per-option 0/1 columns, in the choice list's order."""
    present = [name for name in col.pilihan if name in parts]
    chosen = [_where(pc.is_in(pc.utf8_lower(parts[name]), value_set=pa.array(CHOSEN)), name, "") for name in present]
    answered = pc.is_valid(parts[present[0]])
    for name in present[1:]:
        answered = pc.or_(answered, pc.is_valid(parts[name]))
    joined = _squeeze(pc.binary_join_element_wise(*chosen, " ") if len(chosen) > 1 else chosen[0])
    return _null_blank(_where(answered, joined, pa.scalar(None, pa.string())))


def _number(arr, indonesian: bool):
    if not _any(pc.invert(pc.match_substring_regex(arr, r"^-?\d+(\.\d*[1-9])?$"))):
        return arr  # already plain: 3, 7.5
    arr = pc.replace_substring_regex(arr, r"^(?i)rp\.?\s*", "")
    if indonesian:  # Excel in the Indonesian locale: 1.234.567,5
        thousands = pc.match_substring_regex(arr, r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
        arr = _where(thousands, pc.replace_substring(arr, ".", ""), arr)
    english = pc.match_substring_regex(arr, r"^-?\d{1,3}(,\d{3}){2,}(\.\d+)?$")
    arr = _where(english, pc.replace_substring(arr, ",", ""), arr)
    comma = pc.match_substring_regex(arr, r"^-?\d+,\d+$")
    arr = _where(comma, pc.replace_substring(arr, ",", "."), arr)
    return pc.replace_substring_regex(arr, r"^(-?\d+)\.0+$", r"\1")


def _date(arr):
    if not _any(pc.invert(pc.match_substring_regex(arr, r"^\d{4}-\d{2}-\d{2}$"))):
        return arr
    parts = pc.extract_regex(arr, r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})$")
    year = pc.struct_field(parts, "y")
    year = _where(pc.equal(pc.utf8_length(year), 2), pc.binary_join_element_wise("20", year, ""), year)
    pad = lambda part: pc.utf8_lpad(pc.struct_field(parts, part), 2, "0")  # noqa: E731
    arr = pc.coalesce(pc.binary_join_element_wise(year, pad("m"), pad("d"), "-"), arr)
    stamped = pc.match_substring_regex(arr, r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
    if not _any(stamped):
        return arr
    # A time with an offset (Kobo: +07:00, ODK: Z) counts on the calendar of Jakarta.
    values = arr.to_pandas()
    zoned = values.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", na=False) & pd.Series(
        stamped.to_numpy(zero_copy_only=False), index=values.index
    ).fillna(False)
    local = pd.to_datetime(values[zoned], utc=True, format="ISO8601", errors="coerce")
    values.loc[zoned] = local.dt.tz_convert(JAKARTA).dt.strftime("%Y-%m-%d").where(local.notna(), values[zoned])
    naive = pd.Series(stamped.to_numpy(zero_copy_only=False), index=values.index).fillna(False) & ~zoned
    values.loc[naive] = values[naive].str[:10]
    return pa.chunked_array([pa.array(values, pa.string(), from_pandas=True)])


def normalise(arr, col: Column, indonesian_numbers: bool):
    if col.tipe == "choice":
        return _choice(arr, col)
    if col.tipe == "multi":
        return _multi_summary(arr, col)
    if col.tipe in ("integer", "decimal"):
        return _number(arr, indonesian_numbers)
    if col.tipe == "date":
        return _date(arr)
    return arr


# ---------------------------------------------------------------------------------------------
# The parsed file
# ---------------------------------------------------------------------------------------------


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


def _letters(index: int) -> str:
    """A spreadsheet's name for a column: 0 -> A, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _parallel(function, items: list) -> list:
    """pyarrow's kernels let go of the GIL: columns are normalised side by side."""
    if len(items) < 8:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(function, items))


@dataclass
class _Tidied:
    header: list[str]
    columns: list  # one trimmed text array per header, blanks as null
    positions: list[int]  # each column's place in the file (0 = column A)
    baris: pa.Array
    hxl: bool
    skipped: pd.DataFrame
    blank_rows: int


def _tidy(sheet: Sheet, data: bytes) -> _Tidied:
    """Headers checked; the HXL row, ODK's rejected submissions and blank rows set aside."""
    header = [str(h).replace("\ufeff", "").strip() for h in sheet.header]
    table, baris = sheet.table, sheet.baris
    # Columns without a header that hold nothing (Excel's trailing ";;") are not columns at all.
    keep = [i for i, h in enumerate(header) if h or _any(pc.not_equal(pc.utf8_trim_whitespace(table.column(i)), ""))]
    header = [header[i] for i in keep]
    table = table.select(keep)
    if not any(header):
        raise IngestError("kosong")
    normal = [_normal(h) for h in header]
    duplicates = [h for i, (h, n) in enumerate(zip(header, normal)) if n and n in normal[:i]]
    if duplicates:
        raise IngestError("judul_ganda", columns=duplicates)

    # A second header row of HXL hashtags (#adm1 +code ...) is Kobo's, not data.
    tags = [str(v).strip() for v in table.slice(0, 1).to_pylist()[0].values() if v and str(v).strip()] if len(table) else []
    hxl = bool(tags) and all(tag.startswith("#") for tag in tags)
    if hxl:
        table, baris = table.slice(1), baris[1:]

    # ODK Central: a submission a reviewer rejected is not imported.
    skipped = pd.DataFrame({"baris": pd.Series([], dtype="int32"), "alasan": pd.Series([], dtype="str")})
    if "reviewstate" in normal and len(table):
        state = pc.utf8_lower(pc.utf8_trim_whitespace(table.column(normal.index("reviewstate"))))
        rejected = pc.fill_null(pc.equal(state, "rejected"), False)
        if _any(rejected):
            skipped = pd.DataFrame({"baris": baris.filter(rejected).to_numpy(), "alasan": "odk_ditolak"})
            table, baris = table.filter(pc.invert(rejected)), baris.filter(pc.invert(rejected))

    unicode_spaces = sheet.encoding != "utf-8" or any(space.encode() in data for space in UNICODE_SPACES)
    columns = _parallel(lambda arr: _null_blank(arr, unicode_spaces), table.columns)
    blank_rows = 0
    if columns and min(c.null_count for c in columns):  # a column without blanks: no blank row
        blank = reduce(pc.and_, [pc.is_null(c) for c in columns])
        blank_rows = int(pc.sum(blank).as_py() or 0)
        if blank_rows:
            columns = [c.filter(pc.invert(blank)) for c in columns]
            baris = baris.filter(pc.invert(blank))
    if not len(baris):
        raise IngestError("hanya_judul")
    return _Tidied(header, columns, keep, baris, hxl, skipped, blank_rows)


def _choose_kind(header: list[str], kind: str | None) -> str:
    detected, scores = detect_kind(header)
    if kind is None and detected is None:
        raise IngestError("jenis_tidak_dikenal", columns=header[:8])
    if kind is None:
        return detected
    if detected not in (None, kind) and scores[kind] < 1.0:
        raise IngestError("jenis_salah", expected=kind, found=detected)
    if not any(_normal(h) in header_targets(kind) for h in header):
        raise IngestError("jenis_tidak_dikenal", columns=header[:8])
    return kind


@dataclass
class _Mapping:
    plain: dict = field(default_factory=dict)  # column -> (header, array)
    split: dict = field(default_factory=dict)  # column -> {choice: (header, array)}
    extras: dict = field(default_factory=dict)  # "lain:N" / "lebih:N" -> (header, array)
    unknown: list = field(default_factory=list)
    meta: list = field(default_factory=list)
    namings: list = field(default_factory=list)
    joints: set = field(default_factory=set)


def _map_headers(tidied: _Tidied, kind: str) -> _Mapping:
    targets = header_targets(kind)
    mapping = _Mapping()
    for i, h, arr in zip(tidied.positions, tidied.header, tidied.columns):
        n = _normal(h)
        target = targets.get(n)
        if target is None:
            if n in KOBO_META or n in ODK_META:
                mapping.meta.append(h)
            elif h:
                mapping.unknown.append(h)
                mapping.extras[f"lain:{i}"] = (h, arr)
            else:
                mapping.extras[f"lebih:{i}"] = (_letters(i), arr)
            continue
        mapping.namings.append(target.naming)
        mapping.joints.add(target.joint)
        if target.option:
            mapping.split.setdefault(target.column, {})[target.option] = (h, arr)
        elif target.column in mapping.plain:
            raise IngestError("judul_ganda", columns=[mapping.plain[target.column][0], h])
        else:
            mapping.plain[target.column] = (h, arr)
    missing = [
        col.name for col in COLUMNS[kind]
        if col.wajib and col.name not in mapping.plain and col.name not in mapping.split
    ]
    if missing:
        raise IngestError("kolom_wajib_hilang", columns=missing)
    return mapping


def _shape(header: list[str], mapping: _Mapping, tidied: _Tidied, sheet: Sheet, is_xlsx: bool) -> str:
    normal = {_normal(h) for h in header}
    if is_xlsx:
        return "xlsx"
    if normal & (ODK_META - {"status", "key", "deviceid"}) or "-" in mapping.joints:
        return "odk"
    if normal & KOBO_META or tidied.hxl or "/" in mapping.joints or set(mapping.namings) - {"name"}:
        return "kobo"
    # Excel in the Indonesian locale saves CSV with ";", and "Unicode Text" as UTF-16 with tabs.
    return "excel_id" if sheet.delimiter in (";", "\t") else "template"


def _stage(mapping: _Mapping, kind: str, rows: int, shape: str) -> tuple[dict, dict]:
    """Each contract column's values, normalised, and the header the file gave it."""
    indonesian = shape == "excel_id"

    def one(col: Column):
        if col.name in mapping.split:
            parts = mapping.split[col.name]
            value = _multi_split({name: arr for name, (_, arr) in parts.items()}, col)
            if col.name in mapping.plain:
                value = pc.coalesce(value, normalise(mapping.plain[col.name][1], col, indonesian))
            header = mapping.plain[col.name][0] if col.name in mapping.plain else next(iter(parts.values()))[0]
            return header, value
        if col.name in mapping.plain:
            header, arr = mapping.plain[col.name]
            return header, normalise(arr, col, indonesian)
        # An optional column the file leaves out is staged empty, so every kind's SQL can name it.
        return col.name, pa.chunked_array([pa.nulls(rows, pa.string())])

    staged = dict(zip((col.name for col in COLUMNS[kind]), _parallel(one, list(COLUMNS[kind]))))
    staged.update(mapping.extras)
    return {name: arr for name, (_, arr) in staged.items()}, {name: h for name, (h, _) in staged.items()}


def read(data: bytes, file_name: str, kind: str | None = None) -> Parsed:
    """Read an uploaded file into the contract's columns; IngestError when it cannot be read."""
    if kind is not None and kind not in KINDS:
        raise IngestError("jenis_tidak_dikenal", columns=[kind])
    if not data or not data.strip():
        raise IngestError("kosong")
    if len(data) > max_upload_bytes():
        raise IngestError("terlalu_besar", mb=f"{len(data) / 1048576:.2g}", max_mb=f"{max_upload_mb():g}")
    sheet, is_xlsx = _read_sheet(data, file_name, kind)
    tidied = _tidy(sheet, data)
    kind = _choose_kind(tidied.header, kind)
    mapping = _map_headers(tidied, kind)
    shape = _shape(tidied.header, mapping, tidied, sheet, is_xlsx)
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
