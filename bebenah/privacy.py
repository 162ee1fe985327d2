"""Small-cell suppression (UU 27/2022): no aggregate of fewer than k households is shown to who may not see households.

A query says in its header which of its columns count households (see Declaration); the one door,
db.run(), applies protect() to every read of it, so a page cannot forget. The number of blanked
cells travels with the frame (suppressed()), and the page says so under the chart.
"""

import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from bebenah import PROGRAMME_START, access

DEFAULT_MIN_HOUSEHOLDS = 5
# Below this, "suppression" protects nobody: a configured value under it is ignored.
FLOOR = 3
SETTING = "min_rumah_tangga_per_sel"
ENVIRONMENT = "BEBENAH_MIN_HOUSEHOLDS"


def _whole(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number >= FLOOR else None


def min_households() -> int:
    """k, the smallest household count shown: 5, or what the settings table ($SETTING) or
    $BEBENAH_MIN_HOUSEHOLDS set; where both are set, the stricter. A value under 3 or not a whole
    number is ignored, so a typo cannot switch suppression off."""
    configured = [_whole(os.environ.get(ENVIRONMENT))]
    try:
        from bebenah import db

        setting = db.run("setting", key=SETTING)
        if not setting.empty:
            configured.append(_whole(setting.iloc[0, 0]))
    except Exception:  # no database yet: the environment or the default decides
        pass
    configured = [value for value in configured if value is not None]
    return max(configured) if configured else DEFAULT_MIN_HOUSEHOLDS


def applies(user: dict | None = None) -> bool:
    """Suppression applies to everyone but admins.

    Viewers and guests see aggregates only; an uploader may see the households of their own area
    (on the household pages), not small cells of everyone else's, so aggregates are protected for them too.
    """
    return not access.allows(user or access.current_user(), "admin")


def whole_quarters(dari: date, sampai: date, user: dict | None = None) -> tuple[date, date]:
    """The period a reader may choose: for everyone suppression applies to, from the first day of
    `dari`'s quarter to the last day of `sampai`'s. Counts by any end day would let two adjacent days
    be compared (14 families on 4 February, 15 on the 5th: one family joined, with its needs), though
    each count shown is at least k; by whole quarters, a reader learns no more than the quarterly
    trend (whose cells are each judged) already shows. Admins choose any day.

    Nothing is dated before the programme's start or after today, so the period keeps those ends
    (the default period, start to today, stays as it is)."""
    if not applies(user):
        return dari, sampai
    start = date(dari.year, 3 * ((dari.month - 1) // 3) + 1, 1)
    after = date(sampai.year + (sampai.month > 9), (3 * ((sampai.month - 1) // 3) + 3) % 12 + 1, 1)
    return max(start, PROGRAMME_START), min(after - timedelta(days=1), date.today())


def is_small(value, k: int) -> bool:
    """A count between 1 and k-1 (zero and missing are not small)."""
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return bool(pd.notna(number) and 1 <= number < k)


def hide_small(value, user: dict | None = None, k: int | None = None):
    """One household count for a metric: None (show a dash) when it is small and suppression applies."""
    if not applies(user):
        return value
    return None if is_small(value, k or min_households()) else value


@dataclass(frozen=True)
class Declaration:
    """What a query's header says about its household counts, in lines like these:

        -- Households: rt_terdaftar, rt_dijangkau
        -- Derived:    capaian <- rt_terdaftar; cakupan <- rt_terdaftar, rt_dijangkau
        -- Totals:     whole; disurvei_ulang
        -- Parts:      naik + belum_naik
        -- Own area:   kode_kelurahan

    Households: the columns that count households (protect's counts). Derived: a column computed
    from counts (a share, a mean), blanked with them; `terisi_* <- ...` names every column so begun. Totals: the groupings whose rows add up to a
    shown total, separated by ";" ("whole" = the whole result; "kode_kelurahan, putaran_ke" = one
    total per pair); without the line the whole result is one total. Parts: count columns that add up
    to a total beside them in a row. Own area: the column of a row's kelurahan, for results whose rows
    in the user's own area stay whole for an uploader (who sees those households anyway).
    """

    counts: tuple[str, ...]
    derived: dict[str, list[str]] = field(default_factory=dict)
    groups: tuple[tuple[str, ...], ...] = ((),)
    parts: tuple[tuple[str, ...], ...] = ()
    own_area: str | None = None


_HEADER_LINE = re.compile(r"^--\s*(Households|Derived|Totals|Parts|Own area):\s*(.*?)\s*$", re.MULTILINE)


def _names(text: str, separator: str = ",") -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(separator) if name.strip())


def declaration(sql: str) -> Declaration | None:
    """The household counts a query declares in its header; None when it declares none."""
    lines = {key: value for key, value in _HEADER_LINE.findall(sql)}
    if "Households" not in lines:
        return None
    derived = {}
    for item in _names(lines.get("Derived", ""), ";"):
        column, _, sources = item.partition("<-")
        derived[column.strip()] = list(_names(sources))
    groups = tuple(() if grouping == "whole" else _names(grouping)
                   for grouping in _names(lines.get("Totals", "whole"), ";"))
    parts = tuple(_names(part, "+") for part in _names(lines.get("Parts", ""), ";"))
    return Declaration(_names(lines["Households"]), derived, groups, parts, lines.get("Own area") or None)


def enforce(frame: pd.DataFrame, declared: Declaration | None, user: dict | None = None) -> pd.DataFrame:
    """A query's result as the user may see it: protect() by the query's declaration, rows of the
    uploader's own area whole; suppressed() then tells how many cells were blanked."""
    if declared is None:
        return frame
    user = user or access.current_user()
    derived = _expanded(declared.derived, frame.columns)
    named = set(declared.counts) | set(derived) | {column for grouping in declared.groups for column in grouping}
    missing = named - set(frame.columns)
    if missing:
        raise ValueError(f"the query's privacy header names columns it does not return: {sorted(missing)}")
    own = _own_rows(frame, declared.own_area, user)
    safe, blanked = protect(
        frame[~own], counts=list(declared.counts), derived=derived,
        groups=[list(grouping) for grouping in declared.groups], parts=[list(part) for part in declared.parts],
        user=user,
    )
    if own.any():
        whole = frame[own].astype({column: "float64" for column in declared.counts})
        safe = pd.concat([whole, safe.astype({column: "float64" for column in declared.counts})]).loc[frame.index]
    safe.attrs["suppressed"] = blanked
    return safe


def _expanded(derived: dict[str, list[str]], columns) -> dict[str, list[str]]:
    """Derived columns with a trailing * (terisi_*) stand for every returned column they begin."""
    expanded = {}
    for column, sources in derived.items():
        if column.endswith("*"):
            expanded.update({name: sources for name in columns if name.startswith(column[:-1])})
        else:
            expanded[column] = sources
    return expanded


def _own_rows(frame: pd.DataFrame, column: str | None, user: dict) -> pd.Series:
    """Rows in the area whose households the user may list (none for viewers and guests)."""
    if column is None or frame.empty or not applies(user):
        return pd.Series(False, index=frame.index)
    try:
        area = access.household_scope(user)
    except PermissionError:
        return pd.Series(False, index=frame.index)
    return frame[column].map(lambda code: access.in_area(code, area)).astype(bool)


def suppressed(*frames: pd.DataFrame) -> int:
    """How many cells the door blanked in these results."""
    return sum(frame.attrs.get("suppressed", 0) for frame in frames)


def protect(
    frame: pd.DataFrame,
    counts: list[str],
    derived: dict[str, list[str]] | None = None,
    groups: list[str] | list[list[str]] | None = None,
    parts: list[list[str]] | None = None,
    user: dict | None = None,
    k: int | None = None,
) -> tuple[pd.DataFrame, int]:
    """Blank every count cell between 1 and k-1, the cells derived from it, and complementary cells.

    counts:  columns that count households.
    derived: column -> the count columns it is computed from (a share, a mean): blanked with them.
    groups:  columns whose rows are the parts of one shown total (e.g. ["kecamatan"] for stages within
             a kecamatan); a list of such lists where a table has several totals (rows and columns).
             None or [] (the default): the whole frame is one total. Rows that add up to nothing: group
             by a column that tells each row apart.
    parts:   lists of count columns that add up to a total shown beside them in the same row
             (e.g. [["naik", "tetap", "turun"]]).
    Within a total, when only one part is blanked, or the blanked parts add up to less than k,
    the next-smallest shown part is blanked too, so the total minus the others gives nothing away.
    Returns the protected copy and how many cells were blanked (0 for admins).
    """
    if not applies(user) or frame.empty:
        return frame, 0
    k = k or min_households()
    safe = frame.reset_index(drop=True)
    # float64: a nullable integer column's <NA> would make every comparison below ambiguous.
    values = pd.DataFrame({column: pd.to_numeric(safe[column], errors="coerce").astype("float64") for column in counts})
    blanked = values.apply(lambda column: column.between(1, k - 1)).fillna(False).astype(bool)

    totals = []  # each a list of (row, column) cells that add up to a shown total
    for grouping in _groupings(groups):
        keys = safe[grouping] if grouping else pd.Series(0, index=safe.index)
        for members in safe.groupby(keys if not grouping else grouping, dropna=False).indices.values():
            totals += [[(row, column) for row in members] for column in counts]
    for columns in parts or []:
        totals += [[(row, column) for column in columns] for row in safe.index]

    changed = True
    while changed:  # blanking a cell for one total can expose another: repeat until nothing moves
        changed = False
        for cells in totals:
            while _exposed(cells, values, blanked, k):
                shown = [cell for cell in cells if not blanked.at[cell]]
                nonzero = [cell for cell in shown if values.at[cell] > 0] or shown
                blanked.at[min(nonzero, key=lambda cell: values.at[cell])] = True
                changed = True

    for column in counts:
        safe[column] = safe[column].astype("float64").where(~blanked[column], np.nan)
    for column, sources in (derived or {}).items():
        safe[column] = safe[column].where(~blanked[sources].any(axis=1), np.nan)
    safe.index = frame.index
    return safe, int(blanked.to_numpy().sum())


def _groupings(groups) -> list[list[str]]:
    if not groups:
        return [[]]  # None or []: the whole frame is one total
    if isinstance(groups[0], str):
        return [list(groups)]
    return [list(grouping) for grouping in groups]


def _exposed(cells, values, blanked, k) -> bool:
    """Could subtraction from the total recover blanked cells of this total (or a sum under k)?"""
    hidden = [cell for cell in cells if blanked.at[cell]]
    shown = [cell for cell in cells if not blanked.at[cell] and pd.notna(values.at[cell])]
    if not hidden or not shown:
        return False
    hidden_sum = sum(values.at[cell] for cell in hidden if pd.notna(values.at[cell]))
    return len(hidden) == 1 or hidden_sum < k
