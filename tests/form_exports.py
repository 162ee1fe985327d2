"""Survey rows written as KoboToolbox and ODK Central export the form that bebenah.forms generates.

Headers, labels and choices come from the form itself, never from the dictionary: KoboToolbox's
exporter (formpack) reads the XLSForm's survey and choices sheets; ODK Central reads the XForm that
pyxform makes of it (the primary instance, the body's selects and the item lists), as its
lib/data/briefcase.js does. A test that ingests these files therefore tests the form and the upload
together.

    form = read_xlsform(forms.xlsform_xlsx())
    kobo_csv(form, rows, headers="id", groups=True, multiple="both", hxl=True)
    odk_csv(xform, rows, split=True, review={2: "rejected"})
"""

from __future__ import annotations

import csv
import io
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date

import openpyxl

LANGUAGES = {"id": "Bahasa Indonesia (id)", "en": "English (en)"}
KOBO_META = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
             "__version__", "_tags", "_index"]
ODK_TRAILER = ["KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status",
               "ReviewState", "DeviceID", "Edits", "FormVersion"]
NAMESPACE = uuid.UUID("5b0c2f6e-7d55-4c8e-9a51-0b6a3e0c2d11")


# ---------------------------------------------------------------------------------------------
# The form as KoboToolbox reads it: the XLSForm's sheets
# ---------------------------------------------------------------------------------------------


@dataclass
class Question:
    name: str
    type: str  # start, end, text, integer, decimal, date, select_one, select_multiple
    list_name: str | None
    labels: dict[str, str]  # "id" / "en" -> label
    groups: list[dict] = field(default_factory=list)  # enclosing groups, outermost first: name, labels
    hxl: str | None = None


@dataclass
class XlsForm:
    questions: list[Question]
    choices: dict[str, list[tuple[str, dict[str, str]]]]  # list name -> [(name, labels)]
    settings: dict[str, str]

    def choice_label(self, list_name: str, name: str, lang: str) -> str:
        return next(labels[lang] for choice, labels in self.choices[list_name] if choice == name)


def _sheet(book, name: str) -> list[dict]:
    rows = list(book[name].iter_rows(values_only=True))
    header = [str(cell) if cell is not None else "" for cell in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:] if any(cell is not None for cell in row)]


def read_xlsform(data: bytes) -> XlsForm:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    labels = lambda row, column="label": {lang: row.get(f"{column}::{name}") for lang, name in LANGUAGES.items()}  # noqa: E731
    questions, stack = [], []
    for row in _sheet(book, "survey"):
        kind = row["type"].split()
        if kind[0] == "begin_group":
            stack.append({"name": row["name"], "labels": labels(row)})
        elif kind[0] == "end_group":
            stack.pop()
        else:
            questions.append(Question(row["name"], kind[0], kind[1] if len(kind) > 1 else None, labels(row),
                                      list(stack), row.get("hxl")))
    choices: dict[str, list] = {}
    for row in _sheet(book, "choices"):
        choices.setdefault(row["list_name"], []).append((row["name"], labels(row)))
    return XlsForm(questions, choices, _sheet(book, "settings")[0])


# ---------------------------------------------------------------------------------------------
# Values a submission holds
# ---------------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _day(row: dict) -> str:
    return _text(row["tanggal_survei"])


def _instance_id(row: dict) -> str:
    return f"uuid:{uuid.uuid5(NAMESPACE, row['id_rumah_tangga'] + '/' + _text(row['putaran_ke']))}"


def _answer(row: dict, name: str, index: int) -> str:
    """A question's raw value: the answer, or the time a start / end question records."""
    if name == "start":
        return f"{_day(row)}T08:{index % 60:02d}:05.120+07:00"
    if name == "end":
        return f"{_day(row)}T09:{index % 60:02d}:41.003+07:00"
    return _text(row.get(name))


# ---------------------------------------------------------------------------------------------
# KoboToolbox
# ---------------------------------------------------------------------------------------------


def kobo_csv(form: XlsForm, rows: list[dict], headers: str = "xml", groups: bool = False,
             multiple: str = "both", hxl: bool = False) -> bytes:
    """The rows as KoboToolbox's CSV export of the form.

    headers: "xml" (XML names) or "id" / "en" (labels in that language, answers as labels too).
    groups:  with XML names, "include groups in headers" (identitas/id_rumah_tangga); with labels,
             hierarchy_in_labels (Identitas/Kode rumah tangga program).
    multiple: a select-multiple as "summary" (one space-separated column), "details" (one 0/1
             column per option) or "both".
    hxl:     the second header row of HXL hashtags, for the questions that carry one.
    Semicolons, every value quoted, CRLF; the submission's meta columns after the answers.
    """
    columns = []  # (header, hxl tag, function of (row, index) -> value)
    for question in form.questions:
        if question.type in ("start", "end"):
            columns.append((question.name, "", lambda row, i, q=question: _answer(row, q.name, i)))
            continue
        if headers == "xml":
            path = [group["name"] for group in question.groups] if groups else []
            title = "/".join([*path, question.name])
        else:
            path = [group["labels"][headers] for group in question.groups] if groups else []
            title = "/".join([*path, question.labels[headers]])
        if question.type == "select_multiple":
            if multiple in ("summary", "both"):
                columns.append((title, question.hxl or "", _summary(form, question, headers)))
            if multiple in ("details", "both"):
                for name, labels in form.choices[question.list_name]:
                    option = name if headers == "xml" else labels[headers]
                    columns.append((f"{title}/{option}", "", _chosen(question, name)))
        elif question.type == "select_one" and headers != "xml":
            columns.append((title, question.hxl or "",
                            lambda row, i, q=question: form.choice_label(q.list_name, row[q.name], headers)
                            if _text(row.get(q.name)) else ""))
        else:
            columns.append((title, question.hxl or "", lambda row, i, q=question: _answer(row, q.name, i)))
    columns.append(("meta/rootUuid", "", lambda row, i: _instance_id(row)))
    meta = {
        "_id": lambda row, i: str(41000 + i),
        "_uuid": lambda row, i: _instance_id(row).removeprefix("uuid:"),
        "_submission_time": lambda row, i: f"{_day(row)}T02:{i % 60:02d}:44",
        "_validation_status": lambda row, i: "",
        "_notes": lambda row, i: "",
        "_status": lambda row, i: "submitted_via_web",
        "_submitted_by": lambda row, i: "fasilitator_" + row["id_fasilitator"][4:],
        "__version__": lambda row, i: "vRb8qg3oX7aQ2dCkJm5YtPz",
        "_tags": lambda row, i: "",
        "_index": lambda row, i: str(i + 1),
    }
    columns += [(name, "", meta[name]) for name in KOBO_META]

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([header for header, _, _ in columns])
    if hxl:
        writer.writerow([tag for _, tag, _ in columns])
    for index, row in enumerate(rows):
        writer.writerow([value(row, index) for _, _, value in columns])
    return buffer.getvalue().encode("utf-8")


def _summary(form: XlsForm, question: Question, headers: str):
    def value(row, index):
        chosen = _text(row.get(question.name)).split()
        if headers == "xml":
            return " ".join(chosen)
        return " ".join(form.choice_label(question.list_name, name, headers) for name in chosen)
    return value


def _chosen(question: Question, name: str):
    def value(row, index):
        chosen = _text(row.get(question.name)).split()
        return ("1" if name in chosen else "0") if chosen else ""
    return value


# ---------------------------------------------------------------------------------------------
# ODK Central
# ---------------------------------------------------------------------------------------------

XF = "{http://www.w3.org/2002/xforms}"
H = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Field:
    path: list[str]  # below the root element
    select_multiple: bool


def odk_fields(xform: str) -> tuple[list[Field], str]:
    """The fields of the form's primary instance in document order, and the form's version."""
    root = ET.fromstring(xform)
    model = root.find(f"{H}head/{XF}model")
    instance = next(element for element in model.findall(f"{XF}instance") if "id" not in element.attrib)
    data = next(iter(instance))
    multiple = {element.get("ref") for element in root.iter(f"{XF}select")}
    fields = []

    def walk(element, path):
        children = list(element)
        if not children:
            ref = "/" + "/".join([data.tag.removeprefix(XF), *path])
            fields.append(Field(path, ref in multiple))
        for child in children:
            walk(child, [*path, child.tag.removeprefix(XF)])

    for child in data:
        walk(child, [child.tag.removeprefix(XF)])
    return fields, data.get("version")


def odk_csv(xform: str, rows: list[dict], split: bool = False, review: dict[int, str] | None = None) -> bytes:
    """The rows as ODK Central's CSV export (root table) of the form.

    split:  splitSelectMultiples: after each select-multiple, one column per value some submission
            chose (Central knows only those), 1 or 0.
    review: row index -> ReviewState (approved, hasIssues, edited, rejected); blank otherwise.
    Comma, quotes only where needed, LF line ends (csv-stringify's defaults), group paths joined with -.
    """
    fields, version = odk_fields(xform)
    review = review or {}
    header = ["SubmissionDate"]
    cells = []  # functions of (row, index) -> value, one per column after SubmissionDate
    for item in fields:
        name = "-".join(item.path)
        leaf = item.path[-1]
        header.append(name)
        if item.path == ["meta", "instanceID"]:
            cells.append(lambda row, i: _instance_id(row))
        elif item.path == ["meta", "instanceName"]:
            cells.append(lambda row, i: f"{row['id_rumah_tangga']} putaran {_text(row['putaran_ke'])}")
        else:
            cells.append(lambda row, i, leaf=leaf: _answer(row, leaf, i))
        if item.select_multiple and split:
            seen = sorted({value for row in rows for value in _text(row.get(leaf)).split()})
            for value in seen:
                header.append(f"{name}/{value}")
                cells.append(lambda row, i, leaf=leaf, value=value: 1 if value in _text(row.get(leaf)).split() else 0)
    header += ODK_TRAILER
    trailer = {
        "KEY": lambda row, i: _instance_id(row),
        "SubmitterID": lambda row, i: str(300 + int(row["id_fasilitator"][4:])),
        "SubmitterName": lambda row, i: "Fasilitator " + row["id_fasilitator"][4:],
        "AttachmentsPresent": lambda row, i: 0,
        "AttachmentsExpected": lambda row, i: 0,
        "Status": lambda row, i: "",
        "ReviewState": lambda row, i: review.get(i, ""),
        "DeviceID": lambda row, i: "collect:Qw7NfXk2LbP0aT9r",
        "Edits": lambda row, i: 0,
        "FormVersion": lambda row, i: version,
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for index, row in enumerate(rows):
        submitted = f"{_day(row)}T02:{index % 60:02d}:44.512Z"
        writer.writerow([submitted, *(cell(row, index) for cell in cells),
                         *(trailer[name](row, index) for name in ODK_TRAILER)])
    return buffer.getvalue().encode("utf-8")
