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
    import pandas as pd

    from bebenah import page

    frame = pd.DataFrame({"households": [1.0]})
    frame.attrs["suppressed"] = cells
    page.privacy_note(frame)


def test_the_note_says_how_many_cells_were_hidden_and_why(fixture_db):
    at = AppTest.from_function(_note_app, args=(3,)).run()
    assert "3 sel disembunyikan" in at.caption[0].value
    assert "kurang dari 5 keluarga" in at.caption[0].value
    assert not AppTest.from_function(_note_app, args=(0,)).run().caption


def test_blanked_counts_are_missing_values_not_zeros():
    frame = pd.DataFrame({"households": np.array([2, 10, 10], dtype="int64")})
    safe, _ = privacy.protect(frame, ["households"], user=VIEWER, k=5)
    assert pd.isna(safe.households.iloc[0]) and safe.households.iloc[0] != 0


def test_a_query_header_declares_counts_derived_columns_totals_and_parts():
    declared = privacy.declaration(
        "-- Households per area.\n"
        "-- Households: naik, belum_naik, rt_dengan_kemajuan\n"
        "-- Derived:    share <- naik, rt_dengan_kemajuan; terisi_* <- naik\n"
        "-- Totals:     whole; kecamatan, putaran_ke\n"
        "-- Parts:      naik + belum_naik\n"
        "-- Own area:   kode_kelurahan\n"
        "select 1\n"
    )
    assert declared.counts == ("naik", "belum_naik", "rt_dengan_kemajuan")
    assert declared.derived == {"share": ["naik", "rt_dengan_kemajuan"], "terisi_*": ["naik"]}
    assert declared.groups == ((), ("kecamatan", "putaran_ke"))
    assert declared.parts == (("naik", "belum_naik"),)
    assert declared.own_area == "kode_kelurahan"
    assert privacy.declaration("-- Params: none\nselect 1") is None


def test_the_door_blanks_declared_counts_for_viewers_and_says_how_many():
    frame = pd.DataFrame({"kelurahan": ["a", "b", "c"], "rt": [2, 10, 30], "porsi": [0.1, 0.5, 0.9],
                          "terisi_x": [0.2, 0.3, 0.4]})
    declared = privacy.declaration("-- Households: rt\n-- Derived: porsi <- rt; terisi_* <- rt\n")
    safe = privacy.enforce(frame, declared, user=VIEWER)
    # 2 is small; alone it would be given back by the total, so 10 goes with it.
    assert blanked(safe, "rt") == [True, True, False]
    assert blanked(safe, "porsi") == blanked(safe, "terisi_x") == [True, True, False]
    assert privacy.suppressed(safe) == 2
    assert privacy.suppressed(privacy.enforce(frame, declared, user=ADMIN)) == 0
    assert privacy.enforce(frame, None, user=VIEWER) is frame


def test_the_door_refuses_a_header_that_names_a_column_the_query_does_not_return():
    declared = privacy.declaration("-- Households: rt_typo\n")
    with pytest.raises(ValueError, match="rt_typo"):
        privacy.enforce(pd.DataFrame({"rt": [1]}), declared, user=VIEWER)


def test_an_uploader_sees_the_counts_of_their_own_area_whole_and_others_blanked():
    area = UPLOADER["area"]
    frame = pd.DataFrame({"kode_kelurahan": [f"{area}.1001" if area.count(".") == 2 else area, "31.71.01.1001"],
                          "rumah_tangga": [2, 3]})
    declared = privacy.declaration("-- Households: rumah_tangga\n-- Totals: kode_kelurahan\n-- Own area: kode_kelurahan\n")
    safe = privacy.enforce(frame, declared, user=UPLOADER)
    assert safe.rumah_tangga.iloc[0] == 2 and pd.isna(safe.rumah_tangga.iloc[1])
    assert all(blanked(privacy.enforce(frame, declared, user=VIEWER), "rumah_tangga"))


def test_missing_counts_are_neither_small_nor_an_error():
    # The 3W rows of RW- and kelurahan-level types have no household count (NULL from DuckDB).
    frame = pd.DataFrame({"rt_dijangkau": pd.array([None, 2, 12, None], dtype="Int64")})
    safe, hidden = privacy.protect(frame, ["rt_dijangkau"], user=VIEWER, k=5)
    assert blanked(safe, "rt_dijangkau") == [True, True, True, True] and hidden == 2


def test_every_page_query_that_returns_household_counts_declares_them():
    """A query returning rt_* columns (household counts) must say so in its header, so that the door
    suppresses them; household-level lists are scoped by $wilayah_akses instead."""
    import re

    undeclared = []
    for path in sorted(db.QUERIES.glob("*.sql")):
        text = path.read_text()
        if path.stem.startswith(("create_", "insert_", "seed_", "stage_", "validate_", "refresh_", "demo_")) \
                or "$wilayah_akses" in text:
            continue
        header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("--"))
        returned = header.partition("Returns:")[2].partition("-- Households:")[0]
        counts = set(re.findall(r"\b(rt_[a-z_]+)\b", returned)) - {"rt_total"}
        declared = privacy.declaration(text)
        missing = counts - set(declared.counts if declared else ())
        if missing:
            undeclared.append((path.stem, sorted(missing)))
    assert not undeclared


def test_a_query_refuses_to_run_without_its_area_scope(fixture_db):
    con = db.connection(str(fixture_db)).cursor()
    with pytest.raises(TypeError, match="wilayah_akses"):
        db.query(con, "gaps_households")
    assert db.query(con, "gaps_households", wilayah_akses=None, limit=1).shape[0] <= 1


def test_the_period_of_a_reader_is_whole_quarters_kept_within_the_programme_and_today():
    from datetime import date

    guest, admin = {"role": None}, accounts.ACCOUNTS["admin"]
    assert privacy.whole_quarters(date(2024, 2, 4), date(2024, 2, 5), guest) == (date(2024, 1, 1), date(2024, 3, 31))
    assert privacy.whole_quarters(date(2024, 11, 30), date(2024, 12, 1), guest) == (date(2024, 10, 1), date(2024, 12, 31))
    assert privacy.whole_quarters(date(2023, 9, 13), date.today(), guest) == (date(2023, 9, 13), date.today())
    assert privacy.whole_quarters(date(2024, 2, 4), date(2024, 2, 5), admin) == (date(2024, 2, 4), date(2024, 2, 5))


@pytest.mark.parametrize("role", ["viewer", "uploader"])
def test_two_adjacent_end_days_show_a_reader_the_same_figures_and_an_admin_the_family_that_joined(
        fixture_db, monkeypatch, role):
    """Jagakarsa's third family enrolled on 1 February 2024: 31 January against 1 February would tell it."""
    from datetime import date

    monkeypatch.setenv(privacy.ENVIRONMENT, "3")  # so that Jagakarsa's 3 families are shown at all

    def shown(who: str, end: date):
        at = accounts.sign_in(AppTest.from_file(str(db.ROOT / "app_pages" / "ringkasan.py"), default_timeout=60), who)
        at.query_params["kecamatan"] = "Jagakarsa"
        at.run()
        at.date_input(key="sampai").set_value(end).run()
        assert not at.exception, at.exception
        return ({metric.label: metric.value for metric in at.metric},
                [frame.value.to_dict() for frame in at.dataframe], [caption.value for caption in at.caption])

    before, after = shown(role, date(2024, 1, 31)), shown(role, date(2024, 2, 1))
    assert before == after
    assert any("dibulatkan ke kuartal penuh" in caption for caption in after[2])
    admin_before, admin_after = shown("admin", date(2024, 1, 31)), shown("admin", date(2024, 2, 1))
    assert admin_before[0]["Keluarga terdaftar"] == "2" and admin_after[0]["Keluarga terdaftar"] == "3"
