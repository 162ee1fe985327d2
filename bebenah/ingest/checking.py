"""A read file checked against the contract and the database in DuckDB: the problems, and the new / changed / unchanged rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from bebenah import areas, db, export, nik
from bebenah.i18n import t
from bebenah.ingest.contract import COLUMNS, JAKARTA, rules
from bebenah.ingest.parsing import Parsed, read
from bebenah.ingest.values import parallel

CHANGE_SAMPLE_ROWS = 20
SHOWN_CHARACTERS = 200  # of a value in a problem: a 128 KB cell is not shown (or put in a workbook) whole
PICTURES = {**{code: chr(0x2400 + code) for code in range(32)}, 0x7F: "\u2421"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def today() -> date:
    return datetime.now(JAKARTA).date()



@dataclass
class Check:
    """A file checked against the contract and the database, ready to preview and commit."""

    parsed: Parsed
    problems: pd.DataFrame  # baris, kolom (as the file names it), kolom_kontrak, nilai, kode_alasan, rincian
    status: pd.DataFrame  # baris, status (baru | berubah | sama) of every row without a problem
    changes: pd.DataFrame  # baris, kunci, kolom, sebelum, sesudah: a sample of the changed values
    accepted: pa.Table = field(repr=False)  # baris and the kind's columns of the rows without a problem
    identical_upload: int | None  # an active upload of exactly these bytes
    state: tuple  # upload_state when checked: a commit re-checks if it moved
    area: str | None  # the uploader's area the rows were checked against (None: anywhere)
    households: pd.DataFrame = field(repr=False, default=None)  # for an intervensi file of the same upload

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @property
    def counts(self) -> dict[str, int]:
        by_status = self.status["status"].value_counts()
        return {
            "new": int(by_status.get("baru", 0)),
            "changed": int(by_status.get("berubah", 0)),
            "unchanged": int(by_status.get("sama", 0)),
            "rejected": int(self.problems["baris"].nunique()),
            "skipped": len(self.parsed.skipped),
        }

    @property
    def changes_anything(self) -> bool:
        """Would a commit write a row that is not stored already (new or changed)?"""
        counts = self.counts
        return self.identical_upload is None and bool(counts["new"] or counts["changed"])

    def messages(self, lang: str | None = None, limit: int | None = None) -> pd.Series:
        """One sentence per problem: "Baris 5, kolom «…»: nilai «tidak» — what is wrong and what to do"."""
        problems = self.problems.head(limit)
        return pd.Series(
            [problem_message(row, lang) for row in problems.itertuples(index=False)],
            index=problems.index,
            dtype="str",
        )

    def problem_table(self, lang: str | None = None, limit: int | None = None, on_screen: bool = False) -> pd.DataFrame:
        """The problems as the user downloads them (with the reason's code, for sorting and filtering
        in a spreadsheet), headed in their language; on_screen: row, column, value and what is wrong
        and what to do, in words only."""
        problems = self.problems.head(limit)
        if on_screen:
            table = problems[["baris", "kolom", "nilai"]].copy()
            table["nilai"] = table.nilai.astype(object).where(table.nilai.notna(), t("forms.dict.empty", lang))
            table["masalah"] = [problem_reason(row, lang) for row in problems.itertuples(index=False)]
        else:
            table = problems[["baris", "kolom", "nilai", "kode_alasan"]].copy()
            table["pesan"] = self.messages(lang, limit)
        return table.rename(columns={name: t(f"upload.problems.{name}", lang) for name in table.columns})


def shown(value):
    """A value from the file as a problem shows it: control characters as their visible pictures
    (U+0001 as ␁; a workbook cannot hold them), and cut short past SHOWN_CHARACTERS."""
    if not isinstance(value, str):
        return value
    text = CONTROL.sub(lambda found: PICTURES.get(ord(found[0]), "\ufffd"), value)
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + "…"


def problem_reason(problem, lang: str | None = None) -> str:
    """What is wrong with one cell and what to do, in words."""
    detail = "" if problem.rincian is None or pd.isna(problem.rincian) else problem.rincian
    if problem.kode_alasan == "di_luar_wilayah":
        detail = areas.name(detail, lang)  # the uploader's own area, in words
    return t(f"upload.reason.{problem.kode_alasan}", lang, rincian=detail)


def problem_message(problem, lang: str | None = None) -> str:
    reason = problem_reason(problem, lang)
    if problem.nilai is None or pd.isna(problem.nilai):
        where = t("upload.problem.empty", lang, baris=problem.baris, kolom=problem.kolom)
    else:
        where = t("upload.problem.cell", lang, baris=problem.baris, kolom=problem.kolom, nilai=problem.nilai)
    return f"{where} — {reason}"


def _with_catalogue_codes(con, rows: pa.Table, kind: str) -> pa.Table:
    """Codes written in another case, kelurahan codes without dots, and unique kelurahan names,
    replaced by the catalogue's codes (validate_columns.sql judges what remains)."""
    coded = [col for col in COLUMNS[kind] if col.katalog]
    if not coded:
        return rows
    catalogue = db.query(con, "catalogue_codes")
    for col in coded:
        entries = catalogue[catalogue["katalog"] == col.katalog]
        values = rows.column(col.name)
        unknown = pc.invert(pc.is_in(values, value_set=pa.array(entries["kode"], pa.string())))
        if not pc.any(pc.fill_null(unknown, False)).as_py():
            continue
        written = pd.concat([
            entries["kode"].str.lower(),
            entries["kode"].str.replace(".", "", regex=False).str.lower(),
            entries["nama"].str.lower().where(~entries["nama"].str.lower().duplicated(keep=False)),
        ])
        codes = pd.concat([entries["kode"]] * 3)
        lookup = pd.DataFrame({"written": written.to_numpy(), "kode": codes.to_numpy()}).dropna()
        lookup = lookup.drop_duplicates("written")
        spelled = pc.utf8_lower(pc.replace_substring_regex(values, r"^(?i)(kelurahan|kel\.)\s+", ""))
        spelled = pc.replace_substring_regex(spelled, r"\s+", " ")
        index = pc.index_in(spelled, value_set=pa.array(lookup["written"], pa.string()))
        mapped = pc.take(pa.array(lookup["kode"], pa.string()), index)
        rows = rows.set_column(rows.schema.get_field_index(col.name), col.name, pc.coalesce(mapped, values))
    return rows


def _households(companions) -> pa.Table:
    frames = [c.households for c in companions if c.households is not None]
    frame = pd.concat(frames) if frames else pd.DataFrame({"id_rumah_tangga": [], "kode_kelurahan": []})
    return pa.table({name: pa.array(frame[name], pa.string()) for name in ("id_rumah_tangga", "kode_kelurahan")})


def nik_cells(rows: pa.Table) -> pa.Table:
    """(kolom, nilai) of every distinct value in any column of the rows that looks like a NIK in any
    spelling (bebenah.nik); validate_columns.sql rejects those cells."""
    names = [name for name in rows.column_names if name != "baris"]
    found = parallel(lambda name: nik.flagged(rows.column(name)), names)
    return pa.table({
        "kolom": pa.array([name for name, values in zip(names, found) for _ in range(len(values))], pa.string()),
        "nilai": pa.concat_arrays([pa.array([], pa.string()), *(values.cast(pa.string()) for values in found)]),
    })


def upload_state(con) -> tuple:
    """(last upload id, last status change id): a check made before either moved may be stale."""
    return tuple(db.query(con, "upload_state").iloc[0].fillna(0).astype(int))


def check(con=None, parsed: Parsed | None = None, kind: str | None = None, companions=(), area: str | None = None) -> Check:
    """Check a read file against the contract and the database on `con` (a cursor).

    `kind` overrides the kind read() guessed. `companions` are checks of survei files in the same
    upload: an intervensi row may name a household they bring. `area` is an uploader's kecamatan
    or kelurahan code (access.household_scope): a row elsewhere is rejected; None for admins.
    """
    con = con if con is not None else db.cursor()
    if kind is not None and kind != parsed.kind:
        parsed = read(parsed.data, parsed.file_name, kind)
    kind = parsed.kind
    state = upload_state(con)
    identical = db.query(con, "upload_by_hash", content_hash=parsed.content_hash, kind=kind)
    if len(identical):
        # Exactly these bytes are an active upload: nothing would be written, so nothing is compared.
        return Check(
            parsed=parsed,
            problems=pd.DataFrame(columns=["baris", "kolom", "kolom_kontrak", "nilai", "kode_alasan", "rincian"]),
            status=pd.DataFrame(columns=["baris", "status"]),
            changes=pd.DataFrame(columns=["baris", "kunci", "kolom", "sebelum", "sesudah"]),
            accepted=parsed.rows.slice(0, 0),
            identical_upload=int(identical["upload_id"].iloc[0]),
            state=state,
            area=area,
        )
    rows = _with_catalogue_codes(con, parsed.rows, kind)
    con.register("upload_rows", rows)
    con.register("upload_rules", rules(kind))
    con.register("upload_households", _households(companions))
    con.register("upload_nik", nik_cells(rows))
    try:
        problems = pd.concat(
            [db.query(con, "validate_columns", hari_ini=today(), wilayah_akses=area), db.query(con, f"validate_{kind}")],
            ignore_index=True,
        )
        con.register("upload_rejected", pa.table({"baris": pa.array(problems["baris"].unique(), pa.int32())}))
        db.execute(con, f"stage_{kind}")
        db.execute(con, "stage_changed")
        status = db.query(con, "preview_status")
        changes = db.query(con, "preview_changes", limit=CHANGE_SAMPLE_ROWS)
    finally:
        db.execute(con, "stage_drop")
        for name in ("upload_rows", "upload_rules", "upload_households", "upload_nik", "upload_rejected"):
            try:
                con.unregister(name)
            except Exception:  # never registered: an earlier step failed
                pass

    order = {name: i for i, name in enumerate(rows.column_names)}
    problems = problems.assign(
        kolom_kontrak=problems["kolom"],
        kolom=problems["kolom"].map(parsed.headers).fillna(problems["kolom"]),
        urutan=problems["kolom"].map(order),
    ).sort_values(["baris", "urutan", "kode_alasan"], kind="stable").drop(columns="urutan")
    problems = problems.drop_duplicates(["baris", "kolom_kontrak", "kode_alasan"]).reset_index(drop=True)
    problems["nilai"] = problems["nilai"].map(shown, na_action="ignore")
    problems["kolom"] = problems["kolom"].map(shown, na_action="ignore")
    changes = changes.assign(kolom=changes["kolom"].map(parsed.headers).fillna(changes["kolom"]))
    rejected = pa.array(problems["baris"].unique(), pa.int32())
    accepted = rows.select(["baris", *(col.name for col in COLUMNS[kind])])
    accepted = accepted.filter(pc.invert(pc.is_in(accepted.column("baris"), value_set=rejected)))
    households = None
    if kind == "survei":
        households = accepted.select(["id_rumah_tangga", "kode_kelurahan"]).to_pandas()
    return Check(
        parsed=parsed,
        problems=problems[["baris", "kolom", "kolom_kontrak", "nilai", "kode_alasan", "rincian"]],
        status=status,
        changes=changes,
        accepted=accepted,
        identical_upload=None,
        state=state,
        area=area,
        households=households,
    )



def problems_csv(checked: Check, lang: str | None = None) -> bytes:
    """The problem list as CSV, formulas neutralised (bebenah.export)."""
    return export.csv_bytes(checked.problem_table(lang))


def problems_xlsx(checked: Check, lang: str | None = None) -> bytes:
    return export.xlsx_bytes({t("upload.problems.sheet", lang): checked.problem_table(lang)})
