"""Small-cell suppression (UU 27/2022): no aggregate of fewer than k households is shown to who may not see households.

Every household count a viewer can see (chart, table, metric, download) goes through protect()
or hide_small(), and the page says so with note().
"""

import os

import numpy as np
import pandas as pd
import streamlit as st

from bebenah import access

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


def is_small(value, k: int) -> bool:
    """A count between 1 and k-1 (zero and missing are not small)."""
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return bool(pd.notna(number) and 1 <= number < k)


def hide_small(value, user: dict | None = None, k: int | None = None):
    """One household count for a metric: None (show a dash) when it is small and suppression applies."""
    if not applies(user):
        return value
    return None if is_small(value, k or min_households()) else value


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
    values = pd.DataFrame({column: pd.to_numeric(safe[column], errors="coerce") for column in counts})
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


def note(blanked: int) -> None:
    """Say on the page that cells were suppressed, and why."""
    if blanked:
        from bebenah.i18n import t

        st.caption(t("privacy.suppressed_note", cells=blanked, k=min_households()))
