"""Templates and the survey form (bebenah.forms): pyxform converts the form; its names, labels and
choices are the dictionary's; every template, and every export KoboToolbox or ODK Central makes of
the form (tests/form_exports.py), goes through the upload with the rows it holds.

The upload's own shapes (the sample files in tests/files) are tested in test_ingest.py; here every
file is derived from the generated form.
"""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pyxform.xls2xform import convert

import fixtures
import form_exports
from bebenah import forms, ingest
from bebenah.i18n import t
from bebenah.ingest import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
KAMUS = pd.read_csv(ROOT / "data" / "kamus" / "kamus_survei.csv", dtype=str, keep_default_na=False)
GROUPS = pd.read_csv(ROOT / "data" / "kamus" / "grup_survei.csv", dtype=str, keep_default_na=False)
CHOICES = pd.read_csv(ROOT / "data" / "kamus" / "pilihan_survei.csv", dtype=str, keep_default_na=False)
LANGS = {"id": "Bahasa Indonesia (id)", "en": "English (en)"}
XF = "{http://www.w3.org/2002/xforms}"


@pytest.fixture(scope="module")
def book() -> bytes:
    return forms.xlsform_xlsx()


@pytest.fixture(scope="module")
def converted(book):
    warnings = []
    result = convert(xlsform=book, validate=False, warnings=warnings, file_type=".xlsx")
    return result, warnings


@pytest.fixture(scope="module")
def form(book) -> form_exports.XlsForm:
    return form_exports.read_xlsform(book)


def sheet(book: bytes, name: str) -> pd.DataFrame:
    return pd.read_excel(io.BytesIO(book), sheet_name=name, dtype=str, keep_default_na=False, engine="openpyxl")


# ---------------------------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------------------------


def test_pyxform_converts_the_form_without_errors_or_warnings(converted):
    result, warnings = converted
    assert warnings == [] and result.warnings == []
    root = ET.fromstring(result.xform)
    data = next(e for e in root.iter(f"{XF}instance") if "id" not in e.attrib)[0]
    assert data.get("id") == "bebenah_survei"
    assert re.fullmatch(r"kamus-[0-9a-f]{8}", data.get("version"))


def test_the_form_has_the_three_sheets_and_its_settings(book):
    assert openpyxl.load_workbook(io.BytesIO(book)).sheetnames == ["survey", "choices", "settings"]
    settings = sheet(book, "settings").iloc[0]
    assert settings["form_id"] == "bebenah_survei"
    assert settings["default_language"] == "Bahasa Indonesia (id)"
    assert settings["version"] == forms.summary()["version"]
    assert settings["instance_name"] == "concat(${id_rumah_tangga}, ' putaran ', ${putaran_ke})"


def test_the_questions_are_the_dictionarys_columns_in_its_groups_with_its_labels(form):
    answers = [q for q in form.questions if q.type not in ("start", "end")]
    assert [q.name for q in answers] == list(KAMUS["kolom"])
    assert [q.groups[-1]["name"] for q in answers] == list(KAMUS["grup"])
    assert [q.labels["id"] for q in answers] == list(KAMUS["label_id"])
    assert [q.labels["en"] for q in answers] == list(KAMUS["label_en"])
    groups = {q.groups[-1]["name"]: q.groups[-1]["labels"] for q in answers}
    assert list(groups) == list(GROUPS["grup"])
    assert [labels["id"] for labels in groups.values()] == list(GROUPS["label_id"])
    assert [labels["en"] for labels in groups.values()] == list(GROUPS["label_en"])
    assert all(len(q.groups) == 1 for q in answers)  # groups are not nested


def test_types_lists_and_required_come_from_the_dictionary(book):
    survey = sheet(book, "survey")
    questions = survey[~survey["type"].isin(["begin_group", "end_group", "start", "end"])].reset_index(drop=True)
    expected = [
        {"choice": f"select_one {row.daftar_pilihan}", "multi": f"select_multiple {row.daftar_pilihan}"}.get(row.tipe, row.tipe)
        for row in KAMUS.itertuples()
    ]
    assert list(questions["type"]) == expected
    assert list(questions["required"] == "yes") == list(KAMUS["wajib"] == "ya")
    for lang, name in LANGS.items():
        messages = questions[f"required_message::{name}"]
        assert set(messages[questions["required"] == "yes"]) == {t("forms.message.required", lang)}
        assert set(messages[questions["required"] != "yes"]) == {""}
    assert survey.loc[survey["name"] == "tanggal_survei", "default"].item() == "today()"


def test_the_choices_are_the_dictionarys_choices(book, form):
    choices = sheet(book, "choices")
    assert choices.columns.tolist()[:4] == ["list_name", "name", f"label::{LANGS['id']}", f"label::{LANGS['en']}"]
    expected = CHOICES.rename(columns={"daftar": "list_name", "nama": "name", "label_id": f"label::{LANGS['id']}",
                                       "label_en": f"label::{LANGS['en']}"})
    pd.testing.assert_frame_equal(choices, expected)
    # Every choice question offers its dictionary values, in the dictionary's order.
    for row in KAMUS[KAMUS["tipe"].isin(["choice", "multi"])].itertuples():
        offered = [name for name, _ in form.choices[row.daftar_pilihan]]
        assert offered == row.nilai.split(" (")[0].split("|"), row.kolom


def itext(xform: str) -> dict[str, dict[str, str]]:
    """language -> text id -> text, from the converted XForm."""
    root = ET.fromstring(xform)
    return {
        translation.get("lang"): {text.get("id"): text.find(f"{XF}value").text for text in translation}
        for translation in root.iter(f"{XF}translation")
    }


def test_the_converted_xform_carries_labels_and_choice_labels_in_both_languages(converted):
    texts = itext(converted[0].xform)
    assert set(texts) == set(LANGS.values())
    root = ET.fromstring(converted[0].xform)
    assert [tr.get("default") for tr in root.iter(f"{XF}translation") if tr.get("lang") == LANGS["id"]] == ["true()"]
    for lang, name in LANGS.items():
        for row in KAMUS.itertuples():
            assert texts[name][f"/data/{row.grup}/{row.kolom}:label"] == getattr(row, f"label_{lang}")
        for row in GROUPS.itertuples():
            assert texts[name][f"/data/{row.grup}:label"] == getattr(row, f"label_{lang}")
    # Item lists name their choices by itext id: each list's labels, in order, are the dictionary's.
    lists = {element.get("id"): element for element in root.iter(f"{XF}instance") if element.get("id")}
    for daftar, options in CHOICES.groupby("daftar", sort=False):
        items = lists[daftar][0]
        assert [item.find(f"{XF}name").text for item in items] == list(options["nama"])
        for lang, name in LANGS.items():
            labels = [texts[name][item.find(f"{XF}itextId").text] for item in items]
            assert labels == list(options[f"label_{lang}"]), (daftar, lang)


def binds(xform: str) -> dict[str, dict]:
    root = ET.fromstring(xform)
    return {element.get("nodeset").rsplit("/", 1)[-1]: element.attrib for element in root.iter(f"{XF}bind")}


@pytest.mark.parametrize("column, constraint", [
    ("rw", ". >= 1 and . <= 99"),
    ("jumlah_anggota_keluarga", ". >= 1 and . <= 20"),
    ("luas_lantai_per_kapita_m2", ". >= 0 and . <= 200"),
    ("skor_kebersihan_rumah", ". >= 1 and . <= 5"),
    ("tanggal_survei", ". >= date('2023-09-13') and . <= today()"),
    ("id_rumah_tangga", r"regex(., '^BKK-\d{10}-\d{3,4}$')"),
    ("id_fasilitator", r"regex(., '^FAS-\d{2,4}$')"),
    ("persetujuan_tercatat", ". = 'ya'"),
    ("bansos_diterima", "not(selected(., 'tidak_ada') and count-selected(.) > 1)"),
    ("putaran_ke", "(. >= 1) and ((. = 1 and  /data/identitas/jenis_putaran  = 'baseline') or "
                   "(. > 1 and  /data/identitas/jenis_putaran  != 'baseline'))"),
    ("kode_kelurahan", r"regex(., '^\d{2}\.\d{2}\.\d{2}\.\d{4}$') and translate(., '.', '') = "
                       r"substr( /data/identitas/id_rumah_tangga , 4, 14)"),
    ("ada_baduta", ". = 'tidak' or  /data/identitas/persetujuan_wali_anak  = 'ya'"),
    ("phbs_asi_eksklusif", ". != 'tidak_berlaku' or ( /data/komposisi/jumlah_balita  = 0 and "
                           " /data/komposisi/ada_baduta  = 'tidak')"),
])
def test_constraints_from_the_dictionary_and_the_rules_across_questions(converted, column, constraint):
    assert binds(converted[0].xform)[column]["constraint"] == constraint


def test_every_constraint_has_a_message_in_both_languages(book):
    survey = sheet(book, "survey")
    constrained = survey[survey["constraint"] != ""]
    assert len(constrained) == 22
    id_messages, en_messages = (constrained[f"constraint_message::{LANGS[lang]}"] for lang in ("id", "en"))
    assert (id_messages != "").all() and (en_messages != "").all() and (id_messages != en_messages).all()
    unconstrained = survey[survey["constraint"] == ""]
    assert set(unconstrained[f"constraint_message::{LANGS['id']}"]) == {""}


def xpath_regex(constraint: str) -> str:
    return re.search(r"regex\(\., '(.*?)'\)", constraint)[1]


@pytest.mark.parametrize("column, good, bad", [
    ("id_rumah_tangga", "BKK-3174091005-007", ["BKK-31740910-01", "3174094501870002", "BKK-3174091005-00007"]),
    ("id_fasilitator", "FAS-08", ["FAS-1", "fas-08", "FAS-00001"]),
    ("kode_kelurahan", "31.74.09.1005", ["3174091005", "Tanjung Barat", "31.74.9.1005"]),
])
def test_the_form_s_patterns_accept_the_contract_s_values_and_refuse_others(converted, column, good, bad):
    pattern = xpath_regex(binds(converted[0].xform)[column]["constraint"])
    assert re.search(pattern, good)
    assert not any(re.search(pattern, value) for value in bad)


def test_free_text_refuses_a_nik_in_the_form_as_the_upload_does(converted):
    constraint = binds(converted[0].xform)["catatan_fasilitator"]["constraint"]
    assert constraint.startswith("string-length(.) <= 500 and not(regex(., ")
    pattern = xpath_regex(constraint.replace("not(", ""))
    for nik in ("NIK ibu 3174094501870002", "3174 0945 0187 0002", "3174-0945-0187-0002"):
        assert re.search(pattern, nik)
    assert not re.search(pattern, "RW 03, 12 rumah dicat pada 2024")


def test_the_form_summary_counts_questions_and_groups():
    assert forms.summary() | {"version": None} == {
        "form_id": "bebenah_survei", "version": None, "questions": 77, "groups": 7}


def test_the_version_changes_with_the_form(monkeypatch):
    before = forms.summary()["version"]
    kamus, groups, choices = forms.kamus()
    changed = kamus.copy()
    changed.loc[changed["kolom"] == "rw", "label_en"] = "RW"
    monkeypatch.setattr(forms, "kamus", lambda: (changed, groups, choices))
    assert forms.summary()["version"] != before


# ---------------------------------------------------------------------------------------------
# Templates and the dictionary
# ---------------------------------------------------------------------------------------------


def names(kind: str) -> list[str]:
    return [col.name for col in COLUMNS[kind]]


@pytest.mark.parametrize("kind", forms.KINDS)
def test_each_csv_template_is_utf8_comma_header_and_one_example_row(kind):
    data = forms.template_csv(kind)
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == ",".join(names(kind))
    assert len([line for line in lines[1:] if line]) == 1
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert frame.iloc[0].to_dict() == forms.example_text(kind)


EXPECTED_STORED = {
    "survei": ("select id_rumah_tangga, tanggal_survei, bansos_diterima, luas_lantai_per_kapita_m2 from survei "
               "where upload_id = ?", ("BKK-3174091005-999", date(2024, 6, 17), "pkh kjp_plus", 7.5)),
    "intervensi": ("select id_kegiatan, tanggal, id_rumah_tangga, jumlah_peserta from intervensi where upload_id = ?",
                   ("KGT-2024-0101", date(2024, 6, 22), None, 35)),
    "kontribusi": ("select id_kontribusi, kode_lembaga, nilai_idr from kontribusi where upload_id = ?",
                   ("KTB-2024-0101", "NOVALUX", 10_000_000)),
    "sasaran": ("select tahun, kode_kelurahan, jenis_intervensi, jumlah_rt_sasaran from sasaran where upload_id = ?",
                (2025, fixtures.TANJUNG_BARAT, None, 150)),
}


@pytest.mark.parametrize("kind", forms.KINDS)
@pytest.mark.parametrize("form_of", ["csv", "xlsx"])
def test_each_template_ingests_with_no_problem_and_stores_its_example(con, kind, form_of):
    data = forms.template_csv(kind) if form_of == "csv" else forms.template_xlsx(kind, "en")
    parsed = ingest.read(data, f"templat_{kind}.{form_of}")
    assert (parsed.kind, parsed.shape) == (kind, "template" if form_of == "csv" else "xlsx")
    checked = ingest.check(con, parsed)
    assert checked.problems.empty, list(checked.messages("en"))
    assert checked.counts == {"new": 1, "changed": 0, "unchanged": 0, "rejected": 0, "skipped": 0}
    upload_id = ingest.commit(checked, "ani")
    query, expected = EXPECTED_STORED[kind]
    assert con.execute(query, [upload_id]).fetchone() == expected


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("kind", forms.KINDS)
def test_the_xlsx_template_holds_the_dictionary_on_its_second_sheet(kind, lang):
    data = forms.template_xlsx(kind, lang)
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == [kind, t("forms.sheet_dictionary", lang)]
    dictionary = pd.read_excel(io.BytesIO(data), sheet_name=1, dtype=str, keep_default_na=False, engine="openpyxl")
    assert list(dictionary.columns) == [t(f"forms.dict.{key}", lang) for key in
                                        ("kolom", "wajib", "tipe", "nilai", "label_id", "label_en", "catatan")]
    assert list(dictionary.iloc[:, 0]) == names(kind)
    required = {col.name for col in COLUMNS[kind] if col.wajib}
    assert set(dictionary.loc[dictionary.iloc[:, 1] == t("forms.dict.ya", lang)].iloc[:, 0]) == required
    assert (dictionary.iloc[:, 4] != "").all() and (dictionary.iloc[:, 5] != "").all()


def test_the_survey_dictionary_is_the_dictionary_file_with_allowed_values_in_words():
    table = forms.dictionary("survei", "en").set_index("kolom")
    assert list(table.index) == list(KAMUS["kolom"])
    assert list(table["label_id"]) == list(KAMUS["label_id"])
    assert table.loc["rw", "nilai"] == "1 to 99"
    assert table.loc["putaran_ke", "nilai"] == "1 or more"
    assert table.loc["jamban", "nilai"] == "one of: sendiri_septik | bersama_septik | tanpa_septik | tidak_ada"
    assert table.loc["id_fasilitator", "nilai"] == "«FAS-» followed by 2 to 4 digits; e.g. FAS-08"
    # Field staff read no regular expressions (and no hashes) in the dictionary.
    assert not table.nilai.str.contains(r"\\d|\^|\$|kamus-[0-9a-f]{8}").any()
    assert table.loc["catatan_fasilitator", "nilai"] == "at most 500 characters"
    assert table.loc["kode_kelurahan", "tipe"] == "code"
    indonesian = forms.dictionary("survei", "id").set_index("kolom")
    assert indonesian.loc["rw", "nilai"] == "1 sampai 99"
    assert indonesian.loc["bansos_diterima", "catatan"] == "«tidak_ada» tidak boleh digabung dengan nilai lain"


def test_a_template_cell_that_could_run_as_a_formula_is_neutralised(monkeypatch):
    monkeypatch.setitem(forms.EXAMPLES, "sasaran", {**forms.EXAMPLES["sasaran"], "jenis_intervensi": "=HYPERLINK(1)"})
    assert b"'=HYPERLINK(1)" in forms.template_csv("sasaran")
    book = openpyxl.load_workbook(io.BytesIO(forms.template_xlsx("sasaran", "id")))
    assert book["sasaran"]["C2"].value == "'=HYPERLINK(1)"


# ---------------------------------------------------------------------------------------------
# Exports of the form, as KoboToolbox and ODK Central write them
# ---------------------------------------------------------------------------------------------

NEW = ("BKK-3174091005-201", "BKK-3174091005-202", "BKK-3174091005-203", "BKK-3174031003-204")


def survey_rows() -> list[dict]:
    """Four households' answers: every bansos choice, none, blanks, and text that needs quoting."""
    example = forms.example("survei")
    return [
        {**example, "id_rumah_tangga": NEW[0]},
        {**example, "id_rumah_tangga": NEW[1], "bansos_diterima": "tidak_ada", "rt": None,
         "kategori_pendapatan_bulanan": None, "desil_kesejahteraan": None, "skor_pengasuhan": None,
         "catatan_fasilitator": 'Ibu bilang "nanti saja"; dapur, sumur\nperlu dicek'},
        {**fixtures.survey_row(NEW[2], 1, "2024-01-05"), "bansos_diterima": "pkh bpnt pbi_jk kjp_plus klj kpdj kaj lainnya",
         "sumber_air_minum": "air_hujan", "jamban": "tidak_ada"},
        {**fixtures.survey_row(NEW[3], 1, "2024-03-09"), "bansos_diterima": "pbi_jk lainnya",
         "jenis_putaran": "baseline", "ks1_05": "tidak_berlaku", "kepesertaan_jkn": "tidak_punya"},
    ]


def as_text(rows: list[dict]) -> pd.DataFrame:
    """The rows as the upload stages them: text, ISO dates, blanks as missing."""
    frame = pd.DataFrame([{name: form_exports._text(row.get(name)) or None for name in KAMUS["kolom"]} for row in rows])
    return frame.astype(object).where(frame.notna(), None)


def staged(parsed) -> pd.DataFrame:
    frame = parsed.rows.to_pandas()[list(KAMUS["kolom"])]
    return frame.astype(object).where(frame.notna(), None)


KOBO_SHAPES = [
    # headers, groups (include groups / hierarchy_in_labels), select-multiple columns, HXL row
    ("xml", False, "summary", False),
    ("xml", True, "both", True),
    ("xml", True, "details", False),
    ("id", False, "both", False),
    ("id", True, "summary", True),
    ("en", False, "details", False),
    ("en", True, "both", False),
]


@pytest.mark.parametrize("headers, groups, multiple, hxl", KOBO_SHAPES)
def test_a_kobotoolbox_export_of_the_form_ingests_with_its_rows(con, form, headers, groups, multiple, hxl):
    rows = survey_rows()
    data = form_exports.kobo_csv(form, rows, headers=headers, groups=groups, multiple=multiple, hxl=hxl)
    assert data.count(b"\r\n") == len(rows) + 1 + hxl and b'dapur, sumur\nperlu' in data  # a newline in a quoted note
    assert data.startswith(b'"start";"end";"')
    parsed = ingest.read(data, "bebenah_survei_kobo.csv")
    naming = "name" if headers == "xml" else f"label_{headers}"
    assert (parsed.shape, parsed.kind, parsed.naming, parsed.grouped, parsed.hxl) == ("kobo", "survei", naming, groups, hxl)
    assert parsed.split_columns == (multiple != "summary")
    assert not parsed.unknown
    assert {"start", "end", "_uuid", "_submission_time", "__version__", "meta/rootUuid", "_index"} <= set(parsed.meta)
    assert parsed.rows.column("baris").to_pylist() == [row + 2 + hxl for row in range(len(rows))]
    pd.testing.assert_frame_equal(staged(parsed), as_text(rows))
    checked = ingest.check(con, parsed)
    assert checked.problems.empty, list(checked.messages("en"))
    assert checked.counts["new"] == len(rows)


def test_a_kobotoolbox_label_export_writes_the_forms_labels(form):
    data = form_exports.kobo_csv(form, survey_rows()[:1], headers="id", groups=True, multiple="both")
    header = data.decode().split("\r\n")[0].split(";")
    assert '"Identitas/Kode rumah tangga program"' in header
    assert '"Komposisi keluarga/Bantuan sosial yang diterima/Program Keluarga Harapan (PKH)"' in header
    row = data.decode().split("\r\n")[1]
    assert '"Baseline (awal)"' in row and '"Program Keluarga Harapan (PKH) Kartu Jakarta Pintar Plus"' in row


@pytest.mark.parametrize("split", [False, True])
def test_an_odk_central_export_of_the_form_ingests_without_the_rejected_submission(con, converted, split):
    rows = survey_rows()
    data = form_exports.odk_csv(converted[0].xform, rows, split=split, review={0: "approved", 1: "rejected", 2: "hasIssues"})
    header = data.decode().split("\n")[0].split(",")
    assert header[:4] == ["SubmissionDate", "start", "end", "identitas-id_rumah_tangga"]
    assert header[-12:] == ["meta-instanceID", "meta-instanceName", *form_exports.ODK_TRAILER]
    assert ("komposisi-bansos_diterima/pkh" in header) == split
    parsed = ingest.read(data, "bebenah_survei.csv")
    assert (parsed.shape, parsed.kind, parsed.grouped, parsed.split_columns) == ("odk", "survei", True, split)
    assert not parsed.unknown
    assert parsed.skipped.to_dict("records") == [{"baris": 3, "alasan": "odk_ditolak"}]
    pd.testing.assert_frame_equal(staged(parsed).reset_index(drop=True), as_text([rows[0], *rows[2:]]))
    checked = ingest.check(con, parsed)
    assert checked.problems.empty, list(checked.messages("en"))
    assert checked.counts == {"new": 3, "changed": 0, "unchanged": 0, "rejected": 0, "skipped": 1}
    ingest.commit(checked, "ani")
    stored = {row[0] for row in con.execute("select id_rumah_tangga from survei_terkini").fetchall()}
    assert {NEW[0], NEW[2], NEW[3]} <= stored and NEW[1] not in stored


def test_an_odk_export_carries_the_forms_version_and_utc_submission_dates(converted):
    data = form_exports.odk_csv(converted[0].xform, survey_rows()[:1])
    record = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False).iloc[0]
    assert record["FormVersion"] == forms.summary()["version"]
    assert record["SubmissionDate"].endswith("Z") and record["start"].endswith("+07:00")
    assert record["meta-instanceName"] == f"{NEW[0]} putaran 1"


def test_kobo_and_odk_exports_of_the_same_submissions_are_the_same_rows(con, form, converted):
    rows = survey_rows()
    kobo = ingest.check(con, ingest.read(form_exports.kobo_csv(form, rows, headers="en", groups=True), "kobo.csv"))
    ingest.commit(kobo, "ani")
    odk = ingest.check(con, ingest.read(form_exports.odk_csv(converted[0].xform, rows, split=True), "odk.csv"))
    assert odk.counts == {"new": 0, "changed": 0, "unchanged": 4, "rejected": 0, "skipped": 0}
