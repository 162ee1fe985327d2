"""Small-cell suppression for viewers (UU 27/2022): no aggregate of fewer than k households is shown."""

import os

import numpy as np
import pandas as pd
import streamlit as st

from bebenah import access

DEFAULT_MIN_HOUSEHOLDS = 5


def min_households() -> int:
    """k: the smallest household count a viewer may see ($BEBENAH_MIN_HOUSEHOLDS, default 5)."""
    return int(os.environ.get("BEBENAH_MIN_HOUSEHOLDS", DEFAULT_MIN_HOUSEHOLDS))


def applies(user: dict | None = None) -> bool:
    """Suppression applies to viewers; uploaders and admins may see households themselves."""
    return not access.allows(user or access.current_user(), "uploader")


def protect(
    frame: pd.DataFrame,
    counts: list[str],
    derived: dict[str, list[str]] | None = None,
    groups: list[str] | None = None,
    user: dict | None = None,
) -> tuple[pd.DataFrame, int]:
    """Blank every count cell between 1 and k-1, the cells derived from it, and complementary cells.

    counts:  columns that count households.
    derived: column -> the count columns it is computed from (a share, a mean): blanked with them.
    groups:  columns whose rows are the parts of one shown total (e.g. stages within a kecamatan);
             where exactly one part of a count column is blanked in a group, the next-smallest part
             is blanked too, so the total minus the others cannot give it back.
    Returns the protected copy and how many cells were blanked (0 for roles that see households).
    """
    if not applies(user) or frame.empty:
        return frame, 0
    k = min_households()
    safe = frame.copy()
    blanked = pd.DataFrame(False, index=safe.index, columns=counts)
    for column in counts:
        values = pd.to_numeric(safe[column], errors="coerce")
        blanked[column] = values.between(1, k - 1)
    for column in counts:
        keys = safe[groups] if groups else pd.Series(0, index=safe.index)
        for _, members in safe.groupby(list(keys.columns) if groups else keys, dropna=False).groups.items():
            members = list(members)
            if blanked.loc[members, column].sum() == 1 and len(members) > 1:
                shown = [row for row in members if not blanked.at[row, column]]
                values = pd.to_numeric(safe.loc[shown, column], errors="coerce")
                blanked.loc[values.idxmin(), column] = True
    for column in counts:
        safe[column] = safe[column].astype("float64").where(~blanked[column], np.nan)
    for column, sources in (derived or {}).items():
        hidden = blanked[sources].any(axis=1)
        safe[column] = safe[column].where(~hidden, np.nan)
    return safe, int(blanked.to_numpy().sum())


def note(blanked: int) -> None:
    """Say on the page that cells were suppressed, and why."""
    if blanked:
        from bebenah.i18n import t

        st.caption(t("privacy.suppressed_note", cells=blanked, k=min_households()))
