"""Files the app hands out (CSV, XLSX), with spreadsheet formulas neutralised; household-level downloads logged."""

import io

import pandas as pd

MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
        risky = _formula_starts(series)
        if risky.any():
            if isinstance(series.dtype, pd.CategoricalDtype):
                series = series.astype(object)
            series = series.copy()
            series.loc[risky] = "'" + series.loc[risky].astype(str)
            safe[column] = series
    safe.columns = [neutralise_value(column) for column in safe.columns]
    return safe


def _formula_starts(series: pd.Series) -> pd.Series:
    """Which cells are texts starting like a formula; vectorised, as a household list holds millions of cells."""
    values = series.astype(object)
    try:
        return values.str.startswith(FORMULA_STARTS, na=False).astype(bool)
    except AttributeError:  # no text at all in the column (dates, booleans): pandas refuses .str
        return pd.Series(False, index=series.index)


def csv_bytes(frame: pd.DataFrame, excel_id: bool = False) -> bytes:
    """UTF-8 with BOM, so Excel on an Indonesian-locale computer opens it with the right letters.

    excel_id: as Excel set to Indonesian reads a CSV by a double click: fields separated by ";" and
    decimals written with a comma (64,6), else "," and a point.
    Lines end in CRLF, so that a cell holding a lone CR is quoted: unquoted, a spreadsheet would start
    a new row there, and a formula after the CR would run.
    """
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n", sep=";" if excel_id else ",",
                                    decimal="," if excel_id else ".").encode("utf-8-sig")


def is_share(column: str) -> bool:
    """A column of shares (0.6457 meaning 64.57%), by the queries' naming: share, share_*, *_share."""
    return column == "share" or column.startswith("share_") or column.endswith("_share")


def for_people(frame: pd.DataFrame, names=None) -> pd.DataFrame:
    """A table as people read it in a spreadsheet: shares as percentages with one decimal (64.6, the
    column named "(%)"), whole-number counts as integers (10, not 10.0); `names` renames the columns
    after (the headers in the language)."""
    shown = frame.copy()
    renamed = {}
    for column in shown.columns:
        values = shown[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        if isinstance(column, str) and is_share(column):
            shown[column] = (values.astype("float64") * 100).round(1)
            renamed[column] = f"{names(column) if names else column} (%)"
        elif pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            shown[column] = values.astype("Int64")
    if names:
        renamed = {column: renamed.get(column, names(column)) for column in shown.columns}
    return shown.rename(columns=renamed)


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            neutralise(frame).to_excel(writer, sheet_name=str(neutralise_value(name))[:31], index=False)
    return buffer.getvalue()


def household_csv(
    frame, name: str, *, prepare=None, target: str | None = None, area_in_log: bool = True,
):
    """The CSV of household-level rows, as a function that builds it: for an uploader of that area or
    an admin only, and logged in the audit log when built (page.household_download() draws its button).

    frame: the rows, or a function returning them, called only on a click (a whole list of a million
    households is neither read nor built on every run). prepare: turns the rows into the file's table
    (names for codes, headers in the language), after the area check, which needs kode_kelurahan.
    target: the audit entry's target (default the name); area_in_log: the user's area in its detail.
    Raises PermissionError for viewers and guests, and when a row lies outside an uploader's area
    (checked here for a frame, on the click for a function): the page must filter with access.household_scope().
    """
    from bebenah import access, audit, db

    user = access.current_user()
    area = access.household_scope(user)

    def check(rows: pd.DataFrame) -> pd.DataFrame:
        if "kode_kelurahan" in rows and not all(access.in_area(code, area) for code in rows["kode_kelurahan"].unique()):
            raise PermissionError(f"rows outside {area} in a household-level download")
        return rows

    if not callable(frame):
        check(frame)

    def build() -> bytes:
        # Built, and logged, only when the button is clicked.
        rows = check(frame() if callable(frame) else frame)
        detail = {"rows": len(rows), **({"area": area} if area_in_log else {})}
        with db.transaction(clear_cache=False) as cur:
            audit.log(cur, user["username"], "export_households", target or name, **detail)
        return csv_bytes(prepare(rows) if prepare else rows)

    return build
