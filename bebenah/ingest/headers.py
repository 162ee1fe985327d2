"""Which contract column each header fills: names, labels in either language, Kobo/ODK group paths, 0/1 option columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from bebenah.ingest.contract import COLUMNS, KEYS, KINDS, column, kamus, normal
from bebenah.ingest.errors import IngestError
from bebenah.ingest.reading import Sheet, Tidied

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


@dataclass(frozen=True)
class Target:
    column: str
    option: str | None = None  # a select-multiple's 0/1 column for this choice
    naming: str = "name"  # name | label_id | label_en
    joint: str | None = None  # how the form's group path was joined: "/" (Kobo), "-" (ODK)


@lru_cache(maxsize=None)
def header_targets(kind: str) -> dict[str, Target]:
    """Every header a file of this kind may use (normalised) -> the contract column it fills."""
    _, groups, choices = kamus()
    group_label = {row.grup: (row.label_id, row.label_en) for row in groups.itertuples(index=False)}
    targets: dict[str, Target] = {}

    def add(header: str, target: Target) -> None:
        targets.setdefault(normal(header), target)

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
    written = {normal(h) for h in headers}
    known = {h for h in written if any(h in header_targets(kind) for kind in KINDS)}
    scores = {}
    for kind in KINDS:
        targets = header_targets(kind)
        found = {targets[h].column for h in written if h in targets}
        required = {col.name for col in COLUMNS[kind] if col.wajib}
        keys = {key for key in KEYS[kind] if column(kind, key).wajib}
        foreign = len(known - set(targets)) / len(known) if known else 0.0
        scores[kind] = len(found & required) / len(required) + (keys <= found) - foreign
    best = max(scores.values())
    winners = [kind for kind, score in scores.items() if score == best]
    return (winners[0] if best > 1.0 and len(winners) == 1 else None), scores


def choose_kind(header: list[str], kind: str | None) -> str:
    detected, scores = detect_kind(header)
    if kind is None and detected is None:
        raise IngestError("jenis_tidak_dikenal", columns=header[:8])
    if kind is None:
        return detected
    if detected not in (None, kind) and scores[kind] < 1.0:
        raise IngestError("jenis_salah", expected=kind, found=detected)
    if not any(normal(h) in header_targets(kind) for h in header):
        raise IngestError("jenis_tidak_dikenal", columns=header[:8])
    return kind


def letters(index: int) -> str:
    """A spreadsheet's name for a column: 0 -> A, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


@dataclass
class Mapping:
    plain: dict = field(default_factory=dict)  # column -> (header, array)
    split: dict = field(default_factory=dict)  # column -> {choice: (header, array)}
    extras: dict = field(default_factory=dict)  # "lain:N" / "lebih:N" -> (header, array)
    unknown: list = field(default_factory=list)
    meta: list = field(default_factory=list)
    namings: list = field(default_factory=list)
    joints: set = field(default_factory=set)


def map_headers(tidied: Tidied, kind: str) -> Mapping:
    targets = header_targets(kind)
    mapping = Mapping()
    for i, h, arr in zip(tidied.positions, tidied.header, tidied.columns):
        n = normal(h)
        target = targets.get(n)
        if target is None:
            if n in KOBO_META or n in ODK_META:
                mapping.meta.append(h)
            elif h:
                mapping.unknown.append(h)
                mapping.extras[f"lain:{i}"] = (h, arr)
            else:
                mapping.extras[f"lebih:{i}"] = (letters(i), arr)
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


def file_shape(header: list[str], mapping: Mapping, tidied: Tidied, sheet: Sheet, is_xlsx: bool) -> str:
    written = {normal(h) for h in header}
    if is_xlsx:
        return "xlsx"
    if written & (ODK_META - {"status", "key", "deviceid"}) or "-" in mapping.joints:
        return "odk"
    if written & KOBO_META or tidied.hxl or "/" in mapping.joints or set(mapping.namings) - {"name"}:
        return "kobo"
    # Excel in the Indonesian locale saves CSV with ";", and "Unicode Text" as UTF-16 with tabs.
    return "excel_id" if sheet.delimiter in (";", "\t") else "template"
