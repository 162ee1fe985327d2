"""Property tests over the upload path: thousands of files mutated from the valid samples and templates.

Whatever the bytes, reading, checking and committing end in a result or an IngestError whose message
says, in both languages, what to do; never another exception. A file or a commit that is refused
leaves the database exactly as it was, and nothing NIK-like is ever stored.

Runs are reproducible (derandomize: the same examples on every machine, no example database) and
bounded: MAX_READS files are only read, MAX_UPLOADS are read, checked against the fixture database and
committed. Both together take about a minute of CPU on the shared two-core machine.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bebenah import forms, ingest
from bebenah.i18n import catalogue
from bebenah.ingest.contract import KINDS


FILES = Path(__file__).parent / "files"
MAX_READS = 2000
MAX_UPLOADS = 250
SAMPLES = {path.name: path.read_bytes() for path in sorted(FILES.glob("*.csv"))}
SAMPLES.update({f"{kind}_template.csv": forms.template_csv(kind) for kind in KINDS})
SAMPLES.update({f"{kind}_template.xlsx": forms.template_xlsx(kind, "id") for kind in ("survei", "intervensi")})
TABLES = ("survei", "intervensi", "kontribusi", "sasaran", "uploads", "upload_status_changes", "audit_log")
RUN = dict(derandomize=True, database=None, deadline=None, print_blob=True,
           suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                  HealthCheck.data_too_large])

# Things people's files hold that the samples do not: NIKs in their spellings, control and invisible
# characters, separators and quotes in the wrong place, other scripts, spreadsheet formulas.
NASTY = [
    "3174091005070001", "317409 100507 0001", "317409-100507-0001", "31 74 09 10 05 07 00 01",
    "31740910\u200b05070001", "３１７４０９１００５０７０００１", "3,17409E+15", "\x00", "\x01", "\x0b", "\x1b[31m",
    "\x7f", "\x85", "\u200b", "\ufeff", "\u202e", "\ud7ff", '"', '""', "'", ";", ",", "\t", "\r", "\n", "\r\n",
    "=HYPERLINK(\"http://x\")", "+62 812", "-1", "1e309", "NaN", "NULL", "null", "  ", "\u00a0", "ya", "tidak",
    "tidak_berlaku", "31/02/2024", "2099-01-01", "9" * 40, "x" * 600, "é", "ß", "İ", "ﬁ", "😀", "٣١٧٤", "{n}",
    "{rincian}", "<script>", "**bold**", "#indicator", "BKK-3174091005-101", "31.74.09.1005",
]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "latin-1"]


def text_of(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


@st.composite
def mutated_file(draw) -> tuple[bytes, str]:
    """A sample file with one to four mutations, byte-level or cell-level, and its file name."""
    name = draw(st.sampled_from(sorted(SAMPLES)))
    data = SAMPLES[name]
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from([
            *["cell"] * 8, "insert", "delete", "flip", "truncate", "newlines", "newlines", "encoding", "encoding",
            "delimiter", "blank_lines", "header", "duplicate", "bom", "long_cell",
        ]))
        size = len(data)
        at = draw(st.integers(0, max(size - 1, 0)))
        if kind == "insert":
            data = data[:at] + draw(st.sampled_from(NASTY)).encode("utf-8", "surrogatepass") + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 64)):]
        elif kind == "flip":
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "duplicate":
            data = data[:at] + data[at:at + draw(st.integers(1, 400))] * 2 + data[at + 400:]
        elif kind == "bom":
            data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b""])) + data
        elif name.endswith(".xlsx"):
            continue  # the text mutations below are for CSV files; a workbook gets the byte ones
        else:
            text = text_of(data)
            lines = re.split(r"\r\n|\n", text)
            if kind == "cell" and len(lines) > 1:
                row = draw(st.integers(0, len(lines) - 1))
                cells = lines[row].split(",")
                cell = draw(st.integers(0, len(cells) - 1))
                value = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=20)))
                cells[cell] = draw(st.sampled_from([value, f"{cells[cell]} {value}", f'"{value}"']))
                lines[row] = ",".join(cells)
                text = "\n".join(lines)
            elif kind == "newlines":
                text = "\n".join(lines).replace("\n", draw(st.sampled_from(["\r", "\r\n", "\n", "\n\n"])))
            elif kind == "delimiter":
                text = text.replace(",", draw(st.sampled_from([";", "\t", "|", ",,"])))
            elif kind == "blank_lines":
                lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["", ",,,", ";;", " "])))
                text = "\n".join(lines)
            elif kind == "header":
                head = lines[0].split(",")
                head[draw(st.integers(0, len(head) - 1))] = draw(st.sampled_from(NASTY + ["id_rumah_tangga", ""]))
                lines[0] = ",".join(head)
                text = "\n".join(lines)
            elif kind == "long_cell":
                cells = lines[min(1, len(lines) - 1)].split(",")
                cells[draw(st.integers(0, len(cells) - 1))] = "y" * draw(st.sampled_from([501, 70_000, 140_000]))
                lines[min(1, len(lines) - 1)] = ",".join(cells)
                text = "\n".join(lines)
            encoding = draw(st.sampled_from(ENCODINGS)) if kind == "encoding" else "utf-8"
            data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 4)):  # most files keep their name
        return data, name
    return data, draw(st.sampled_from(["data.csv", "x.xlsx", "foto.png", "lama.xls", "", "ÿ.csv",
                                       "NIK 3174 0910 0507 0001.csv", "a" * 300 + ".csv"]))


def assert_said(error: ingest.IngestError) -> None:
    """An IngestError's message exists in both languages, every placeholder filled in (a value from
    the file may itself hold braces: «{n}» as a header is quoted back as it is)."""
    quoted = " ".join(str(value) for value in error.detail.values())
    for lang in ("id", "en"):
        template = catalogue()[f"upload.error.{error.code}"][lang]
        message = error.message(lang)
        assert message and message != template or not re.search(r"\{\w+\}", template), (error.code, message)
        for placeholder in re.findall(r"\{\w+\}", template):
            assert placeholder not in message or placeholder in quoted, (error.code, message)
    assert error.message("id") != error.message("en"), error.code


def assert_problems_said(checked) -> None:
    """Every rejected row has a message per problem, in both languages, naming its row and column."""
    for lang, where in (("id", "Baris"), ("en", "Row")):
        messages = checked.messages(lang)
        assert len(messages) == len(checked.problems)
        for message, row in zip(messages, checked.problems["baris"]):
            assert message.startswith(f"{where} {row}, ") and "upload.reason" not in message, message


def counts(con) -> dict:
    return {name: con.execute(f"select count(*) from {name}").fetchone()[0] for name in TABLES}


tally = {"files read": 0, "read refused": 0, "uploads refused": 0, "checked": 0, "with problems": 0,
         "committed": 0, "commit refused": 0}
codes = Counter()


@settings(max_examples=MAX_READS, **RUN)
@given(mutated_file())
def test_any_file_is_read_or_refused_with_a_message(file):
    data, file_name = file
    try:
        parsed = ingest.read(data, file_name)
    except ingest.IngestError as error:
        assert_said(error)
        tally["read refused"] += 1
        codes[error.code] += 1
        return
    tally["files read"] += 1
    assert parsed.kind in KINDS and parsed.row_count >= 1
    assert parsed.describe("id") and parsed.describe("en")


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    print(f"\nupload property tests: {tally}\nrefused with: {dict(codes.most_common())}")


def refused(con, error, before: dict, step: str) -> None:
    """A refusal says what was wrong in both languages and leaves the database as it was."""
    assert_said(error)
    assert counts(con) == before
    tally[step] += 1
    codes[error.code] += 1


@settings(max_examples=MAX_UPLOADS, **RUN)
@given(file=mutated_file(), valid_only=st.booleans())
def test_any_file_is_stored_or_refused_and_a_refusal_changes_nothing(con, file, valid_only):
    data, file_name = file
    before = counts(con)
    try:
        checked = ingest.check(con, ingest.read(data, file_name))
    except ingest.IngestError as error:
        return refused(con, error, before, "uploads refused")
    tally["checked"] += 1
    tally["with problems"] += bool(len(checked.problems))
    assert counts(con) == before  # checking writes nothing
    assert_problems_said(checked)
    if len(checked.problems) and len(checked.problems) < 50:
        assert ingest.problems_xlsx(checked, "en") and ingest.problems_csv(checked, "id")
    try:
        ingest.commit(checked, "ani", valid_only=valid_only)
    except ingest.IngestError as error:
        return refused(con, error, before, "commit refused")
    tally["committed"] += 1
    after = counts(con)
    if checked.identical_upload is None:
        assert after["uploads"] == before["uploads"] + 1 and checked.changes_anything
    # Nothing NIK-like was stored: conftest scans this test's database when it ends (tests/nik_scan.py).
