"""The files field teams start from: an upload template per kind (CSV, and XLSX with the column
dictionary) and the survey's XLSForm, all generated from the data dictionary (data/kamus) and the
contract's columns (bebenah.ingest.contract), so that what is collected is exactly what the
upload accepts.

    forms.template_csv("survei")          # header and one example row that passes the checks
    forms.template_xlsx("intervensi", "en")
    forms.xlsform_xlsx()                  # survey, choices, settings; pyxform converts it
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import openpyxl
import pandas as pd

from bebenah import PROGRAMME_START as STARTED, export
from bebenah.i18n import t
from bebenah.ingest import COLUMNS, KINDS, Column
from bebenah.ingest.contract import PATTERN_WORDS

KAMUS = Path(__file__).resolve().parents[1] / "data" / "kamus"
FORM_ID = "bebenah_survei"
# The XLSForm's languages, as KoboToolbox and ODK name them in the label columns.
FORM_LANGUAGES = {"id": "Bahasa Indonesia (id)", "en": "English (en)"}
PROGRAMME_START = STARTED.isoformat()
TYPES = {"text": "text", "integer": "integer", "decimal": "decimal", "date": "date",
         "choice": "select_one", "multi": "select_multiple"}
NIK = r"[0-9]{16}|[0-9]{4}[ .-][0-9]{4}[ .-][0-9]{4}[ .-][0-9]{4}"
# A few HXL hashtags, which KoboToolbox writes as a second header row (pyxform ignores them).
HXL = {"id_rumah_tangga": "#beneficiary+code", "kode_kelurahan": "#adm4+code", "tanggal_survei": "#date+survey"}

# Rules across questions that the form can check while the household is being interviewed
# (queries/validate_survei.sql checks them again on upload): column -> (XPath, message key).
CROSS_RULES = {
    "kode_kelurahan": (
        r"regex(., '^\d{2}\.\d{2}\.\d{2}\.\d{4}$') and translate(., '.', '') = substr(${id_rumah_tangga}, 4, 14)",
        "kelurahan",
    ),
    "putaran_ke": ("(. = 1 and ${jenis_putaran} = 'baseline') or (. > 1 and ${jenis_putaran} != 'baseline')", "putaran"),
    "persetujuan_tercatat": (". = 'ya'", "persetujuan"),
    # Checked again when the form is finalised, once the later answers are in.
    "persetujuan_wali_anak": (". = 'ya' or not(${jumlah_balita} > 0 or ${ada_baduta} = 'ya')", "wali"),
    "jumlah_balita": (". = 0 or ${persetujuan_wali_anak} = 'ya'", "wali"),
    "ada_baduta": (". = 'tidak' or ${persetujuan_wali_anak} = 'ya'", "wali"),
    **{
        column: (". != 'tidak_berlaku' or (${jumlah_balita} = 0 and ${ada_baduta} = 'tidak')", "anak_tidak_berlaku")
        for column in ("phbs_persalinan_nakes", "phbs_asi_eksklusif", "phbs_timbang_balita")
    },
}

# One example row per kind: realistic, and accepted by the checks on any database (a new household
# code, an RW-level activity that names no household).
EXAMPLES = {
    "survei": {
        "id_rumah_tangga": "BKK-3174091005-999", "kode_kelurahan": "31.74.09.1005", "rw": 3, "rt": 4,
        "jenis_putaran": "baseline", "putaran_ke": 1, "tanggal_survei": date(2024, 6, 17), "id_fasilitator": "FAS-08",
        "persetujuan_tercatat": "ya", "persetujuan_wali_anak": "ya", "jumlah_anggota_keluarga": 5,
        "jumlah_balita": 1, "ada_baduta": "ya", "ada_ibu_hamil": "tidak", "istri_usia_subur": "ya",
        "kategori_pendapatan_bulanan": "antara_1_3jt", "desil_kesejahteraan": 3, "bansos_diterima": "pkh kjp_plus",
        "phbs_persalinan_nakes": "ya", "phbs_asi_eksklusif": "ya", "phbs_timbang_balita": "ya",
        "phbs_air_bersih": "ya", "phbs_cuci_tangan": "tidak", "phbs_jamban_sehat": "ya",
        "phbs_berantas_jentik": "ya", "phbs_sayur_buah": "tidak", "phbs_aktivitas_fisik": "ya",
        "phbs_tanpa_rokok": "tidak",
        "ks1_01": "ya", "ks1_02": "ya", "ks1_03": "ya", "ks1_04": "ya", "ks1_05": "ya", "ks1_06": "tidak_berlaku",
        "ks2_01": "ya", "ks2_02": "ya", "ks2_03": "tidak", "ks2_04": "tidak", "ks2_05": "ya", "ks2_06": "ya",
        "ks2_07": "ya", "ks2_08": "ya",
        "ks3_01": "ya", "ks3_02": "tidak", "ks3_03": "ya", "ks3_04": "ya", "ks3_05": "ya",
        "ks3p_01": "tidak", "ks3p_02": "tidak",
        "ib_ibadah": "ya", "ib_buku_nikah": "ya", "ib_akta_lahir_anak": "ya", "ib_konflik_keluarga": "tidak",
        "ib_sumber_penghasilan": "ya", "ib_makanan_beragam": "tidak", "ib_tabungan": "tidak",
        "ib_akses_internet": "ya", "ib_interaksi_keluarga": "ya", "ib_interaksi_sosial": "ya",
        "kepesertaan_jkn": "bpjs_pbi", "sumber_air_minum": "kemasan_isi_ulang", "jamban": "bersama_septik",
        "rumah_layak_huni": "ya", "luas_lantai_per_kapita_m2": 7.5, "pus_terlalu_muda": "tidak",
        "pus_terlalu_tua": "tidak", "pus_terlalu_dekat": "ya", "pus_terlalu_banyak": "tidak",
        "anak_usia_dini_ikut_paud": "tidak_berlaku", "balita_dipantau_posyandu": "ya",
        "rumah_dicat_dibenahi": "tidak", "skor_kebersihan_rumah": 3, "pilah_sampah": "tidak",
        "ikut_sesi_parenting": 0, "skor_pengasuhan": 55.5, "ikut_pelatihan_usaha": "tidak",
        "catatan_fasilitator": "Keluarga bersedia ikut kelas parenting; dapur perlu ventilasi.",
    },
    "intervensi": {
        "id_kegiatan": "KGT-2024-0101", "tanggal": date(2024, 6, 22), "jenis_intervensi": "penataan_lingkungan_rw",
        "kode_lembaga": "SUDIN_LH", "kode_kelurahan": "31.74.09.1005", "rw": 3, "id_rumah_tangga": None,
        "jumlah": 1, "satuan": "kegiatan", "jumlah_peserta": 35, "catatan": "Kerja bakti dan penanaman pohon di RW 03",
    },
    "kontribusi": {
        "id_kontribusi": "KTB-2024-0101", "tanggal": date(2024, 6, 20), "kode_lembaga": "NOVALUX",
        "jenis_kontribusi": "barang", "jenis_intervensi": "pengecatan_pembenahan_rumah",
        "kode_kelurahan": "31.74.09.1005", "jumlah": 40, "satuan": "liter", "nilai_idr": 10000000,
        "keterangan": "Cat tembok untuk 20 rumah",
    },
    "sasaran": {
        "tahun": 2025, "kode_kelurahan": "31.74.09.1005", "jenis_intervensi": None, "jumlah_rt_sasaran": 150,
    },
}


@lru_cache(maxsize=1)
def kamus() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The survey's dictionary: columns (kamus_survei), groups (grup_survei), choices (pilihan_survei)."""
    def read(name: str) -> pd.DataFrame:
        return pd.read_csv(KAMUS / name, dtype=str, keep_default_na=False)

    return read("kamus_survei.csv"), read("grup_survei.csv"), read("pilihan_survei.csv")


@lru_cache(maxsize=2)
def _choice_labels(lang: str) -> dict[tuple[str, str], str]:
    columns, _, choices = kamus()
    labels = {(row.daftar, row.nama): getattr(row, f"label_{lang}") for row in choices.itertuples()}
    return {(row.kolom, code): label for row in columns.itertuples() if row.daftar_pilihan
            for (daftar, code), label in labels.items() if daftar == row.daftar_pilihan}


def value_in_words(column: str, value, lang: str) -> str:
    """A stored value as people read it: a choice by its label ("tidak_berlaku" -> "Tidak berlaku"),
    a choice list item by item, nothing as "(kosong)"; any other value as it is."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return t("forms.dict.empty", lang)
    labels = _choice_labels(lang)
    text = str(value)
    return " · ".join(labels.get((column, part), part) for part in text.split(" ")) if (column, text.split(" ")[0]) in labels else text


# ---------------------------------------------------------------------------------------------
# The column dictionary, per kind
# ---------------------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def allowed_values(col: Column, lang: str) -> str:
    """What a column accepts, in words of the language."""
    if col.tipe == "date":
        return t("forms.allowed.date", lang)
    if col.katalog:
        return t(f"forms.allowed.{col.katalog}", lang)
    if col.tipe == "choice":
        return t("forms.allowed.choices", lang, choices=" | ".join(col.pilihan))
    if col.tipe == "multi":
        return t("forms.allowed.multi", lang, choices=" | ".join(col.pilihan))
    if col.minimum is not None and col.maksimum is not None:
        return t("forms.allowed.range", lang, min=_number(col.minimum), max=_number(col.maksimum))
    if col.minimum is not None:
        return t("forms.allowed.at_least", lang, min=_number(col.minimum))
    if col.pola:  # in words: field staff read no regular expressions
        return t(f"forms.allowed.pattern_{PATTERN_WORDS[col.pola]}", lang, example=col.contoh or "")
    if col.tipe == "text":
        return t("forms.allowed.length", lang, n=col.panjang)
    return ""


def _note(kind: str, name: str, lang: str) -> str:
    key = f"forms.note.{kind}.{name}"
    text = t(key, lang)
    return "" if text == key else text


def dictionary(kind: str, lang: str) -> pd.DataFrame:
    """One row per column of the kind: kolom, wajib, tipe, nilai, label_id, label_en, catatan (in `lang`)."""
    rows = []
    for col in COLUMNS[kind]:
        if kind == "survei":
            label_id, label_en = col.label_id, col.label_en
        else:
            label_id = t(f"forms.label.{kind}.{col.name}", "id")
            label_en = t(f"forms.label.{kind}.{col.name}", "en")
        rows.append({
            "kolom": col.name,
            "wajib": t("forms.dict.ya" if col.wajib else "forms.dict.tidak", lang),
            "tipe": t(f"forms.type.{col.tipe}", lang),
            "nilai": allowed_values(col, lang),
            "label_id": label_id,
            "label_en": label_en,
            "catatan": _note(kind, col.name, lang),
        })
    return pd.DataFrame(rows, columns=["kolom", "wajib", "tipe", "nilai", "label_id", "label_en", "catatan"])


def dictionary_sheet(kind: str, lang: str) -> pd.DataFrame:
    """The dictionary headed in the language, as the page and the XLSX show it."""
    return dictionary(kind, lang).rename(columns=lambda column: t(f"forms.dict.{column}", lang))


# ---------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------


def example(kind: str) -> dict:
    """The example row of a kind, every contract column in order (None where it is left blank)."""
    row = EXAMPLES[kind]
    return {col.name: row.get(col.name) for col in COLUMNS[kind]}


def example_text(kind: str) -> dict[str, str]:
    """The example row as a CSV holds it: ISO dates, decimal points, blanks empty."""
    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        return f"{value:g}" if isinstance(value, float) else str(value)

    return {name: text(value) for name, value in example(kind).items()}


def template_csv(kind: str) -> bytes:
    """The kind's template: UTF-8, comma, the contract's header and one example row."""
    return export.csv_bytes(pd.DataFrame([example_text(kind)]))


def template_xlsx(kind: str, lang: str) -> bytes:
    """The template as a workbook: the example row (numbers and dates as cells) on a sheet named after
    the kind, which the upload reads first, and the column dictionary on the second sheet."""
    data = pd.DataFrame([example(kind)])
    for column in data.columns:
        if data[column].map(lambda value: isinstance(value, date)).any():
            data[column] = pd.to_datetime(data[column])
    book = export.xlsx_bytes({kind: data, t("forms.sheet_dictionary", lang): dictionary_sheet(kind, lang)})
    return _readable(book, {kind: 24, t("forms.sheet_dictionary", lang): 48})


def _readable(book: bytes, widths: dict[str, int]) -> bytes:
    """Columns wide enough to read, the header row frozen and dates shown as dates."""
    workbook = openpyxl.load_workbook(io.BytesIO(book))
    for sheet in workbook.worksheets:
        width = widths.get(sheet.title, 16)
        for index, cells in enumerate(sheet.iter_cols(min_row=1, max_row=sheet.max_row), start=1):
            longest = max((len(str(cell.value)) for cell in cells if cell.value is not None), default=0)
            sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = min(max(10, longest + 2), width)
            for cell in cells[1:]:
                if cell.is_date:
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# The survey form (XLSForm)
# ---------------------------------------------------------------------------------------------


def _messages(keys: list[tuple[str, dict]]) -> dict[str, str]:
    return {lang: " ".join(t(f"forms.message.{key}", lang, **values) for key, values in keys) for lang in FORM_LANGUAGES}


def constraint(entry) -> tuple[str | None, dict[str, str]]:
    """A question's constraint from its dictionary entry (range, date, pattern, length, choices) and
    the rules across questions, with its message in each language."""
    rule, tipe = entry.nilai, entry.tipe
    parts: list[str] = []
    keys: list[tuple[str, dict]] = []
    bounds = re.match(r"\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)", rule)
    at_least = re.match(r"\s*>=\s*(\d+(?:\.\d+)?)", rule)
    longest = re.search(r"at most (\d+) characters", rule)
    if tipe in ("integer", "decimal") and bounds:
        parts.append(f". >= {bounds[1]} and . <= {bounds[2]}")
        keys.append(("range", {"min": bounds[1], "max": bounds[2]}))
    elif tipe in ("integer", "decimal") and at_least:
        parts.append(f". >= {at_least[1]}")
        keys.append(("at_least", {"min": at_least[1]}))
    elif tipe == "date":
        parts.append(f". >= date('{PROGRAMME_START}') and . <= today()")
        keys.append(("date", {}))
    elif tipe == "text" and rule.startswith("^"):
        parts.append(f"regex(., '{rule}')")
        keys.append(("pattern", {"example": next(col.contoh for col in COLUMNS["survei"] if col.name == entry.kolom)}))
    elif tipe == "text" and longest:
        parts.append(f"string-length(.) <= {longest[1]} and not(regex(., '{NIK}'))")
        keys += [("length", {"n": longest[1]}), ("nik", {})]
    if tipe == "multi" and "tidak_ada" in rule:
        parts.append("not(selected(., 'tidak_ada') and count-selected(.) > 1)")
        keys.append(("tidak_ada", {}))
    if entry.kolom in CROSS_RULES:
        expression, key = CROSS_RULES[entry.kolom]
        parts.append(expression)
        keys.append((key, {}))
    if not parts:
        return None, {}
    joined = parts[0] if len(parts) == 1 else " and ".join(f"({part})" for part in parts)
    return joined, _messages(keys)


def _hint(name: str) -> dict[str, str | None]:
    key = f"forms.hint.{name}"
    return {lang: (None if t(key, lang) == key else t(key, lang)) for lang in FORM_LANGUAGES}


def _columns(prefix: str) -> list[str]:
    return [f"{prefix}::{FORM_LANGUAGES[lang]}" for lang in FORM_LANGUAGES]


def xlsform_sheets() -> dict[str, pd.DataFrame]:
    """The survey form's three sheets: survey (groups and questions), choices and settings."""
    entries, groups, choices = kamus()
    group_labels = groups.set_index("grup")
    required_message = _messages([("required", {})])
    rows: list[dict] = [{"type": "start", "name": "start"}, {"type": "end", "name": "end"}]
    current, seen = None, set()
    for entry in entries.itertuples(index=False):
        if entry.grup != current:
            if entry.grup in seen:
                raise ValueError(f"group {entry.grup} is split in kamus_survei.csv")
            if current is not None:
                rows.append({"type": "end_group", "name": current})
            current = entry.grup
            seen.add(current)
            rows.append({"type": "begin_group", "name": current,
                         **dict(zip(_columns("label"), group_labels.loc[current, ["label_id", "label_en"]]))})
        kind = TYPES[entry.tipe] + (f" {entry.daftar_pilihan}" if entry.tipe in ("choice", "multi") else "")
        expression, messages = constraint(entry)
        hints = _hint(entry.kolom)
        row = {
            "type": kind,
            "name": entry.kolom,
            **dict(zip(_columns("label"), (entry.label_id, entry.label_en))),
            **dict(zip(_columns("hint"), (hints[lang] for lang in FORM_LANGUAGES))),
            "required": "yes" if entry.wajib == "ya" else None,
            "constraint": expression,
            **dict(zip(_columns("constraint_message"), (messages.get(lang) for lang in FORM_LANGUAGES))),
            "default": "today()" if entry.kolom == "tanggal_survei" else None,
            "hxl": HXL.get(entry.kolom),
        }
        if entry.wajib == "ya":
            row.update(zip(_columns("required_message"), (required_message[lang] for lang in FORM_LANGUAGES)))
        rows.append(row)
    rows.append({"type": "end_group", "name": current})
    survey_columns = [
        "type", "name", *_columns("label"), *_columns("hint"), "required", *_columns("required_message"),
        "constraint", *_columns("constraint_message"), "default", "hxl",
    ]
    survey = pd.DataFrame(rows, columns=survey_columns)
    used = set(entries["daftar_pilihan"]) - {""}
    choice_sheet = choices[choices["daftar"].isin(used)].rename(
        columns={"daftar": "list_name", "nama": "name", "label_id": _columns("label")[0], "label_en": _columns("label")[1]}
    ).reset_index(drop=True)
    settings = pd.DataFrame([{
        "form_title": t("forms.form_title_value", "id"),
        "form_id": FORM_ID,
        "version": form_version(survey, choice_sheet),
        "default_language": FORM_LANGUAGES["id"],
        "instance_name": "concat(${id_rumah_tangga}, ' putaran ', ${putaran_ke})",
    }])
    return {"survey": survey, "choices": choice_sheet, "settings": settings}


def form_version(survey: pd.DataFrame, choices: pd.DataFrame) -> str:
    """A version that changes whenever the form does: ODK Central and KoboToolbox need a new version
    string to take up a changed form, and their exports carry it."""
    digest = hashlib.sha256((survey.to_csv(index=False) + choices.to_csv(index=False)).encode()).hexdigest()
    return f"kamus-{digest[:8]}"


def xlsform_xlsx() -> bytes:
    """The XLSForm of the survey, ready for KoboToolbox or ODK Central."""
    sheets = xlsform_sheets()
    return _readable(export.xlsx_bytes(sheets), {"survey": 40, "choices": 40, "settings": 40})


def summary() -> dict:
    """What the page says about the form: id, version, questions, groups."""
    sheets = xlsform_sheets()
    types = sheets["survey"]["type"]
    return {
        "form_id": FORM_ID,
        "version": sheets["settings"]["version"].iloc[0],
        "questions": int((~types.isin(["start", "end", "begin_group", "end_group"])).sum()),
        "groups": int((types == "begin_group").sum()),
    }


__all__ = [
    "FORM_ID", "FORM_LANGUAGES", "KINDS", "allowed_values", "constraint", "dictionary", "dictionary_sheet",
    "example", "example_text", "kamus", "summary", "template_csv", "template_xlsx", "xlsform_sheets", "xlsform_xlsx",
]
