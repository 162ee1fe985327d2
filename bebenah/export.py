"""Files the app hands out (CSV, XLSX), with spreadsheet formulas neutralised; household-level downloads logged."""

import io

import pandas as pd
import streamlit as st

# What a spreadsheet may take as the start of a formula (OWASP "CSV injection"), with the
# full-width forms some input methods type.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise_value(value):
    """A text that a spreadsheet would run as a formula, with a leading quote so that it is shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where every text cell, and every column name, that could run as a formula starts with a quote."""
    safe = frame.copy()
    for column in safe.columns:
        series = safe[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue
        risky = series.map(lambda value: isinstance(value, str) and value.startswith(FORMULA_STARTS)).astype(bool)
        if risky.any():
            if isinstance(series.dtype, pd.CategoricalDtype):
                series = series.astype(object)
            series = series.copy()
            series.loc[risky] = "'" + series.loc[risky].astype(str)
            safe[column] = series
    safe.columns = [neutralise_value(column) for column in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel on an Indonesian-locale computer opens it with the right letters.

    Lines end in CRLF, so that a cell holding a lone CR is quoted: unquoted, a spreadsheet would start
    a new row there, and a formula after the CR would run.
    """
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            neutralise(frame).to_excel(writer, sheet_name=str(neutralise_value(name))[:31], index=False)
    return buffer.getvalue()


def household_download(frame: pd.DataFrame, name: str, label: str | None = None, key: str | None = None) -> None:
    """The CSV of household-level rows: for an uploader of that area or an admin only, and logged when built.

    Raises PermissionError for viewers and guests, and when a row lies outside an uploader's area
    (a frame with kode_kelurahan is checked row by row): the page must filter with access.household_scope().
    """
    from bebenah import access, audit, db
    from bebenah.i18n import t

    user = access.current_user()
    area = access.household_scope(user)
    if "kode_kelurahan" in frame and not all(access.in_area(code, area) for code in frame["kode_kelurahan"]):
        raise PermissionError(f"rows outside {area} in a household-level download")

    def build() -> bytes:
        # Built, and logged, only when the button is clicked.
        with db.transaction(clear_cache=False) as cur:
            audit.log(cur, user["username"], "export_households", name, rows=len(frame), area=area)
        return csv_bytes(frame)

    st.download_button(
        label or t("common.download_csv"),
        data=build,
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key or f"download_{name}",
    )
