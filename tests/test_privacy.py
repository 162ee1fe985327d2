"""Small-cell suppression: the threshold, complementary cells, who it applies to, and its configuration."""

import random

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bebenah import db, privacy

import accounts

VIEWER, UPLOADER, ADMIN = (accounts.ACCOUNTS[role] for role in ("viewer", "uploader", "admin"))
GUEST = {"username": None, "role": None, "area": None}


def blanked(frame: pd.DataFrame, column: str) -> list[bool]:
    return frame[column].isna().tolist()


def test_counts_from_one_to_four_are_blanked_and_zero_and_five_are_kept():
    frame = pd.DataFrame({"kelurahan": list("abcdefg"), "households": [0, 1, 2, 3, 4, 5, 50]})
    safe, cells = privacy.protect(frame, ["households"], groups=["kelurahan"], user=VIEWER, k=5)
    assert blanked(safe, "households") == [False, True, True, True, True, False, False]
    assert safe.households.iloc[0] == 0 and safe.households.iloc[5] == 5 and safe.households.iloc[6] == 50
    assert cells == 4


def test_a_single_small_part_of_a_total_takes_the_next_smallest_part_with_it():
    # Stages within Jagakarsa: 3 + 7 + 40 = 50. Blanking only the 3 would let 50 - 7 - 40 give it back.
    frame = pd.DataFrame({
        "kecamatan": ["Jagakarsa"] * 3 + ["Mampang"] * 3,
        "tahapan_ks": ["pra_sejahtera", "ks_1", "ks_2"] * 2,
        "households": [3, 7, 40, 10, 12, 30],
    })
    safe, cells = privacy.protect(frame, ["households"], groups=["kecamatan"], user=VIEWER, k=5)
    assert blanked(safe, "households") == [True, True, False, False, False, False]
    assert cells == 2
    # The complementary cell is the smallest shown part, not any part.
    assert safe.households.iloc[2] == 40


def test_blanked_parts_adding_up_to_less_than_k_take_another_part_with_them():
    # 1 and 2 are both blanked, but the total minus 30 would still say "3 households" together.
    frame = pd.DataFrame({"group": ["a"] * 3, "households": [1, 2, 30]})
    safe, cells = privacy.protect(frame, ["households"], groups=["group"], user=VIEWER, k=5)
    assert blanked(safe, "households") == [True, True, True]
    assert cells == 3


def test_blanked_parts_adding_up_to_k_or_more_need_no_complement():
    frame = pd.DataFrame({"group": ["a"] * 3, "households": [2, 4, 30]})
    safe, _ = privacy.protect(frame, ["households"], groups=["group"], user=VIEWER, k=5)
    assert blanked(safe, "households") == [True, True, False]


def test_the_complementary_cell_skips_zeros_when_a_nonzero_part_is_there():
    frame = pd.DataFrame({"group": ["a"] * 4, "households": [3, 0, 0, 12]})
    safe, _ = privacy.protect(frame, ["households"], groups=["group"], user=VIEWER, k=5)
    assert blanked(safe, "households") == [True, False, False, True]


@pytest.mark.parametrize("groups", [None, []])
def test_without_groups_the_whole_frame_is_one_total(groups):
    frame = pd.DataFrame({"kelurahan": ["a", "b", "c"], "households": [2, 9, 20]})
    safe, _ = privacy.protect(frame, ["households"], groups=groups, user=VIEWER, k=5)
    assert blanked(safe, "households") == [True, True, False]


def test_rows_that_add_up_to_nothing_are_grouped_one_by_one():
    frame = pd.DataFrame({"kelurahan": ["a", "b", "c"], "households": [2, 9, 20]})
    safe, _ = privacy.protect(frame, ["households"], groups=["kelurahan"], user=VIEWER, k=5)
    assert blanked(safe, "households") == [True, False, False]


def test_parts_in_columns_of_one_row_are_protected_against_the_row_total():
    # rt_dengan_kemajuan = naik + tetap + turun is shown beside its parts.
    frame = pd.DataFrame({"kelurahan": ["a", "b"], "naik": [2, 10], "tetap": [8, 6], "turun": [20, 7],
                          "rt_dengan_kemajuan": [30, 23]})
    safe, cells = privacy.protect(frame, ["naik", "tetap", "turun", "rt_dengan_kemajuan"],
                                  groups=["kelurahan"], parts=[["naik", "tetap", "turun"]], user=VIEWER, k=5)
    assert safe.loc[0, ["naik", "tetap", "turun"]].isna().tolist() == [True, True, False]
    assert safe.loc[1, ["naik", "tetap", "turun"]].isna().tolist() == [False, False, False]
    assert cells == 2


def test_a_table_with_row_and_column_totals_is_protected_both_ways():
    # Kecamatan x stage, with totals per kecamatan and per stage both shown.
    frame = pd.DataFrame({
        "kecamatan": ["A", "A", "B", "B"],
        "tahapan_ks": ["ks_1", "ks_2", "ks_1", "ks_2"],
        "households": [2, 20, 30, 40],
    })
    safe, _ = privacy.protect(frame, ["households"], groups=[["kecamatan"], ["tahapan_ks"]], user=VIEWER, k=5)
    # A/ks_1 is small; A/ks_2 hides it within A; B/ks_1 hides it within ks_1; then B/ks_2 within B and ks_2.
    assert blanked(safe, "households") == [True, True, True, True]


def test_no_total_leaves_a_single_hidden_part_or_a_hidden_sum_under_k_on_random_tables():
    rng = random.Random(20231309)
    for _ in range(300):
        rows = rng.randint(2, 8)
        frame = pd.DataFrame({
            "group": [rng.choice("abc") for _ in range(rows)],
            "households": [rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 15, 40]) for _ in range(rows)],
        })
        safe, _ = privacy.protect(frame, ["households"], groups=["group"], user=VIEWER, k=5)
        for _, members in frame.groupby("group").groups.items():
            hidden = [row for row in members if pd.isna(safe.at[row, "households"])]
            shown = [row for row in members if not pd.isna(safe.at[row, "households"])]
            # Every small cell is hidden.
            assert all(pd.isna(safe.at[row, "households"]) for row in members
                       if 1 <= frame.at[row, "households"] <= 4)
            if hidden and shown:
                assert len(hidden) >= 2, frame
                assert frame.loc[hidden, "households"].sum() >= 5, frame


def test_derived_columns_are_blanked_with_their_sources():
    frame = pd.DataFrame({"kelurahan": ["a", "b"], "rt_naik": [3, 10], "rt": [9, 20], "share": [0.33, 0.5]})
    safe, _ = privacy.protect(frame, ["rt_naik", "rt"], derived={"share": ["rt_naik"]}, groups=["kelurahan"],
                              user=VIEWER, k=5)
    assert blanked(safe, "share") == [True, False]
    assert safe.share.iloc[1] == 0.5


def test_the_input_frame_and_its_index_are_kept():
    frame = pd.DataFrame({"households": [1, 10, 10]}, index=[7, 8, 9])
    safe, _ = privacy.protect(frame, ["households"], user=VIEWER, k=5)
    assert frame.households.tolist() == [1, 10, 10]
    assert safe.index.tolist() == [7, 8, 9]


@pytest.mark.parametrize("user, applies", [(GUEST, True), (VIEWER, True), (UPLOADER, True), (ADMIN, False)])
def test_suppression_applies_to_everyone_but_admins(user, applies):
    frame = pd.DataFrame({"households": [2, 10, 10]})
    safe, cells = privacy.protect(frame, ["households"], user=user, k=5)
    assert privacy.applies(user) is applies
    assert (cells > 0) is applies
    assert pd.isna(safe.households.iloc[0]) is applies


def test_hide_small_blanks_a_single_metric_for_viewers_only():
    assert privacy.hide_small(4, user=VIEWER, k=5) is None
    assert privacy.hide_small(0, user=VIEWER, k=5) == 0
    assert privacy.hide_small(5, user=VIEWER, k=5) == 5
    assert privacy.hide_small(4, user=ADMIN, k=5) == 4


def test_the_threshold_is_five_by_default(fixture_db, monkeypatch):
    monkeypatch.delenv(privacy.ENVIRONMENT, raising=False)
    assert privacy.min_households() == 5


@pytest.mark.parametrize("env, setting, expected", [
    ("10", None, 10),
    (None, "8", 8),
    ("10", "8", 10),      # the stricter of the two
    ("7", "12", 12),
    ("1", None, 5),       # below the floor: ignored, the default stands
    ("lima", None, 5),    # not a number: ignored
    (None, "2", 5),
    ("4", None, 4),       # 3 and 4 are allowed (some agencies publish from 3)
])
def test_the_threshold_comes_from_the_environment_and_the_settings_table(fixture_db, monkeypatch, env, setting,
                                                                        expected):
    monkeypatch.delenv(privacy.ENVIRONMENT, raising=False)
    if env is not None:
        monkeypatch.setenv(privacy.ENVIRONMENT, env)
    if setting is not None:
        db.cursor().execute("insert into settings values (?, ?)", [privacy.SETTING, setting])
        db.clear_caches()
    assert privacy.min_households() == expected


def test_a_configured_threshold_moves_what_is_blanked(fixture_db, monkeypatch):
    monkeypatch.setenv(privacy.ENVIRONMENT, "10")
    frame = pd.DataFrame({"households": [7, 12, 30]})
    safe, _ = privacy.protect(frame, ["households"], user=VIEWER)
    assert blanked(safe, "households") == [True, True, False]


def _note_app(cells):
    from bebenah import privacy as p

    p.note(cells)


def test_the_note_says_how_many_cells_were_hidden_and_why(fixture_db):
    at = AppTest.from_function(_note_app, args=(3,)).run()
    assert "3 sel disembunyikan" in at.caption[0].value
    assert "kurang dari 5 keluarga" in at.caption[0].value
    assert not AppTest.from_function(_note_app, args=(0,)).run().caption


def test_blanked_counts_are_missing_values_not_zeros():
    frame = pd.DataFrame({"households": np.array([2, 10, 10], dtype="int64")})
    safe, _ = privacy.protect(frame, ["households"], user=VIEWER, k=5)
    assert pd.isna(safe.households.iloc[0]) and safe.households.iloc[0] != 0
