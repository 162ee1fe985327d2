"""The demo's scenario tables, read from data/demo/*.csv: notes, intervention effects, agencies' deliveries and contributions."""

import csv

from bebenah import db

SEEDS = db.ROOT / "data" / "demo"


def _rows(name: str) -> list[dict]:
    with open(SEEDS / name, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _number(text: str):
    """A cell as the literal it would be in Python: 3 an int, 0.4 and 45e6 floats, blank None."""
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        return float(text)


def _pair(row: dict, name: str):
    low, high = _number(row[f"{name}_low"]), _number(row[f"{name}_high"])
    return None if low is None else (low, high)


SURVEY_NOTES = [row["catatan_fasilitator"] for row in _rows("survey_notes.csv")]
DELIVERY_NOTES = [row["catatan"] for row in _rows("delivery_notes.csv")]
CONTRIBUTION_NOTES = {row["jenis_kontribusi"]: row["keterangan"] for row in _rows("contribution_notes.csv")}

# Intervention types whose receipt moves a household's answers ("exposures"), with the count
# (sessions, hours, deliveries) at which the effect is full, and the short name effects.csv uses.
EXPOSURES = {row["jenis_intervensi"]: _number(row["full_at"]) for row in _rows("exposures.csv")}
SHORT = {row["short"]: row["jenis_intervensi"] for row in _rows("exposures.csv")}

# Per latent (a survey item, or a score's key): the gain from each exposure received in full.
EFFECTS = {
    row["latent"]: {short: _number(row[short]) for short in SHORT if row[short]}
    for row in _rows("effects.csv")
}
# Yes/no survey items: (column, threshold, effects, applies-when, None = every household).
ITEMS = [
    (row["kolom"], _number(row["threshold"]), EFFECTS[row["kolom"]], row["applies"] or None)
    for row in _rows("items.csv")
]

# Household-level deliveries per type: need answered (from the baseline), chance with and without
# the need, agencies with weights (and the kecamatan they serve, None = all), chance of a second
# agency delivering the same type, mean extra deliveries, group classes, chance in lagging kelurahan.
_AGENCIES = _rows("delivery_agencies.csv")
DELIVERIES = {}
for _row in _rows("deliveries.csv"):
    _spec = dict(
        need=tuple(_row["need"].split()),
        p=(_number(_row["p_need"]), _number(_row["p_otherwise"])),
        agencies=tuple(
            (agency["kode_lembaga"], _number(agency["weight"]), agency["kode_kecamatan"] or None)
            for agency in _AGENCIES if agency["jenis_intervensi"] == _row["jenis_intervensi"]
        ),
        overlap=_number(_row["overlap"]),
        extra=_number(_row["extra"]),
    )
    if _row["group"] == "ya":
        _spec["group"] = True
    if _row["lagging"]:
        _spec["lagging"] = _number(_row["lagging"])
    DELIVERIES[_row["jenis_intervensi"]] = _spec

# RW-level work: type, agency, chance per RW, mean extra deliveries, jumlah range, peserta range.
AREA_DELIVERIES = [
    (row["jenis_intervensi"], row["kode_lembaga"], _number(row["chance"]), _number(row["extra"]),
     _pair(row, "jumlah"), _pair(row, "peserta"))
    for row in _rows("area_deliveries.csv")
]

# How deliveries become contributions: per (agency, type), the kind, unit, period, quantity
# (per delivery row 'n', per unit delivered 'jumlah', or per group class 'kelas') with a range
# multiplier, and the rupiah value of one unit (None = no value recorded).
CONTRIBUTION_RULES = [
    (row["kode_lembaga"], row["jenis_intervensi"], row["jenis_kontribusi"], row["satuan"], row["period"],
     row["quantity"], _pair(row, "multiplier"), _pair(row, "unit_value"))
    for row in _rows("contribution_rules.csv")
]
# City-wide support, quarterly: agency, type (None = none), kind, unit, amount per enrolled household, least.
CITY_CONTRIBUTIONS = [
    (row["kode_lembaga"], row["jenis_intervensi"] or None, row["jenis_kontribusi"], row["satuan"],
     _number(row["per_household"]), _number(row["floor"]))
    for row in _rows("city_contributions.csv")
]
# Types with a per-type enrolment target.
TARGET_TYPES = tuple(row["jenis_intervensi"] for row in _rows("target_types.csv"))
