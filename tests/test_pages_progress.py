"""The progress page and the overview through AppTest, in both languages: the fixture's figures in the
takeaways, filters (sidebar, cohort, round, URL) moving them, small cells hidden from viewers, and the
household card only for uploaders of the area and admins. Figures worked out by hand from tests/fixtures.py.
"""

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bebenah import db
from fixtures import H1, H2, H3, H4, H5, JAGAKARSA, MAMPANG, TANJUNG_BARAT

import accounts

ROOT = Path(__file__).resolve().parents[1]
PROGRESS, OVERVIEW = "app_pages/kemajuan.py", "app_pages/ringkasan.py"
CARD = "app_pages/keluarga.py"  # the household card, a page of its own linked from the progress page


def open_page(path: str, role: str = "admin", lang: str = "id", url: dict | None = None) -> AppTest:
    """The page as `role` sees it, run as a fresh server runs a typed URL (with its query string)."""
    at = accounts.sign_in(AppTest.from_file(str(ROOT / path), default_timeout=60), role)
    for key, value in {**({"lang": "English"} if lang == "en" else {}), **(url or {})}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def takeaways(at) -> list[str]:
    """The bold one-line findings, unescaped."""
    return [element.value.strip("*").replace("\\", "") for element in at.markdown if element.value.startswith("**")]


def metrics(at) -> dict:
    return {metric.label: metric.value for metric in at.metric}


def deltas(at) -> dict:
    return {metric.label: metric.delta for metric in at.metric}


def captions(at) -> str:
    return "\n".join(caption.value for caption in at.caption)


def sentences(at) -> list[str]:
    """Plain paragraphs: neither takeaways nor links."""
    return [element.value.replace("\\", "") for element in at.markdown if not element.value.startswith(("**", "[", "<a "))]


def links(at) -> list[str]:
    return [element.value for element in at.markdown if element.value.startswith('<a href="')]


def chart(at, key: str) -> dict:
    (element,) = [element for element in at.get("plotly_chart") if element.proto.id.endswith(key)]
    return element


# The progress page -------------------------------------------------------------------------------

PROGRESS_TEXT = {
    "id": {
        "title": "Kemajuan keluarga",
        "summary": "33% keluarga naik minimal satu tahapan sejak baseline (1 dari 3 yang sudah disurvei ulang); "
                   "33% turun. Kelurahan Pela Mampang tertinggal (0% naik).",
        "pilot": "Keluarga percontohan (2): 50% naik tahapan; keluarga perluasan (2, sejak 1 Feb 2024): 0%. Porsi "
                 "gabungan turun karena keluarga perluasan baru bergabung dan belum sempat naik, bukan karena "
                 "percontohan mundur.",
        "transitions": "Dari 1 keluarga yang Pra-sejahtera saat baseline, 100% kini di tahapan lebih tinggi.",
        "kecamatan": "Kecamatan Mampang Prapatan paling tertinggal: 0% keluarga naik (0 dari 1).",
        "kelurahan": "Kelurahan Pela Mampang tertinggal: 0% keluarga naik (0 dari 1).",
        "domains": "Paling membaik: Ketahanan tangguh (≈ iBangga > 70), 67% → 100%. "
                   "Paling sedikit membaik: Keluarga berisiko stunting, 0% → 33%.",
        "dumbbell": "Keluarga ber-PHBS: Jagakarsa paling membaik (+50 poin); Mampang Prapatan paling tertinggal (-100 poin).",
        "rounds": "Keluarga ber-PHBS: 2023 (pilot) 50% pada putaran 1 → 100% pada putaran 2; "
                  "2024 (perluasan) 100% pada putaran 1 → 0% pada putaran 2.",
        "cohorts": "Keluarga naik tahapan per kohort: 2023 (pilot) 50% (dari 2); 2024 (perluasan) 0% (dari 1).",
        "metrics": {"Naik": "33%", "Tetap": "33%", "Turun": "33%", "Baru baseline": "1", "Tanpa baseline": "1",
                    "Skor PHBS": "9,7", "Ber-PHBS": "67%", "Risiko stunting": "33%"},
        "deltas": {"Skor PHBS": "+1,0", "Ber-PHBS": "0 poin", "Risiko stunting": "+33 poin"},
    },
    "en": {
        "title": "Household progress",
        "summary": "33% of families moved up at least one welfare stage since baseline (1 of 3 surveyed again); "
                   "33% moved down. Kelurahan Pela Mampang lags behind (0% up).",
        "pilot": "The pilot's families (2): 50% moved up a stage; the rollout's (2, since 1 Feb 2024): 0%. The share "
                 "of both together falls because the rollout's families joined recently and have had less time to "
                 "move up, not because the pilot fell back.",
        "transitions": "Of the 1 families that were Pre-prosperous at baseline, 100% are now at a higher stage.",
        "kecamatan": "Kecamatan Mampang Prapatan lags most: 0% of families up (0 of 1).",
        "kelurahan": "Kelurahan Pela Mampang lags behind: 0% of families up (0 of 1).",
        "domains": "Most improved: Resilient (≈ iBangga > 70), 67% → 100%. "
                   "Least improved: Families at risk of stunting, 0% → 33%.",
        "dumbbell": "Clean and healthy living (PHBS) met: Jagakarsa improved most (+50 pts); "
                    "Mampang Prapatan lags most (-100 pts).",
        "rounds": "Clean and healthy living (PHBS) met: 2023 (pilot) 50% in round 1 → 100% in round 2; "
                  "2024 (rollout) 100% in round 1 → 0% in round 2.",
        "cohorts": "Families up a stage per cohort: 2023 (pilot) 50% (of 2); 2024 (rollout) 0% (of 1).",
        "metrics": {"Up": "33%", "Same": "33%", "Down": "33%", "Baseline only": "1", "No baseline": "1",
                    "PHBS score": "9.7", "PHBS met": "67%", "Stunting risk": "33%"},
        "deltas": {"PHBS score": "+1.0", "PHBS met": "0 pts", "Stunting risk": "+33 pts"},
    },
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_progress_page_tells_the_fixture_in_takeaways_computed_from_the_data(fixture_db, lang):
    expected = PROGRESS_TEXT[lang]
    at = open_page(PROGRESS, lang=lang)
    assert at.title[0].value == expected["title"]
    assert takeaways(at) == [expected[part] for part in (
        "summary", "pilot", "transitions", "kecamatan", "kelurahan", "domains", "dumbbell", "rounds", "cohorts")]
    shown = metrics(at)
    assert {label: shown[label] for label in expected["metrics"]} == expected["metrics"]
    assert {label: deltas(at)[label] for label in expected["deltas"]} == expected["deltas"]
    # Stage transitions, kecamatan, kelurahan, domains per area and per round, cohorts: six charts.
    assert len(at.get("plotly_chart")) == 6


def test_baseline_only_and_no_baseline_are_counted_apart_never_as_same(fixture_db):
    at = open_page(PROGRESS)
    assert "Dihitung terpisah, bukan sebagai “tetap”: 1 keluarga baru punya baseline, 1 keluarga tanpa baseline" \
        in captions(at)
    # Same is H2 alone: one of the three surveyed again, not three of five.
    assert metrics(at)["Tetap"] == "33%"


def test_every_progress_chart_has_its_table_and_csv(fixture_db):
    at = open_page(PROGRESS)
    names = [button.proto.id for button in at.get("download_button")]
    for name in ("progress_summary", "progress_transitions", "progress_by_kecamatan", "progress_by_kelurahan",
                 "progress_domains", "progress_domains_by_round", "progress_by_cohort"):
        assert any(identifier.endswith(f"download_{name}") for identifier in names), name


def test_narrowing_to_jagakarsa_and_the_2023_pilot_moves_every_chart(fixture_db):
    at = open_page(PROGRESS)
    at.selectbox(key="kecamatan").set_value(JAGAKARSA).run()
    at.selectbox(key="kohort").set_value(2023).run()
    assert not at.exception
    # H1 up and H2 the same; one kelurahan left, so no laggard to name and no kecamatan ranking.
    assert takeaways(at) == [
        "50% keluarga naik minimal satu tahapan sejak baseline (1 dari 2 yang sudah disurvei ulang); 0% turun.",
        "Dari 1 keluarga yang Pra-sejahtera saat baseline, 100% kini di tahapan lebih tinggi.",
        "Kelurahan Tanjung Barat tertinggal: 50% keluarga naik (1 dari 2).",
        "Paling membaik: Keluarga ber-PHBS, 50% → 100%. Paling sedikit membaik: Keluarga berisiko stunting, 0% → 0%.",
        "Keluarga ber-PHBS: 2023 (pilot) 50% pada putaran 1 → 100% pada putaran 2.",
        "Keluarga naik tahapan per kohort: 2023 (pilot) 50% (dari 2).",
    ]
    assert "Kecamatan Jagakarsa · 2023 (pilot) · Putaran terakhir" in captions(at)
    assert not [element for element in at.get("plotly_chart") if element.proto.id.endswith("progress_kecamatan_chart")]


def test_cohort_and_round_come_from_the_url_and_the_period_moves_progress(fixture_db):
    at = open_page(PROGRESS, url={"kecamatan": "Mampang Prapatan", "kohort": "2024", "putaran": "2"})
    assert at.selectbox(key="kohort").value == 2024 and at.selectbox(key="putaran").value == 2
    assert takeaways(at)[0] == (
        "0% keluarga naik minimal satu tahapan sejak baseline (0 dari 1 yang sudah disurvei ulang); 100% turun.")
    assert "Kecamatan Mampang Prapatan · 2024 (perluasan) · sampai putaran 2" in captions(at)
    # By 30 June 2024 H4 had only its baseline: nobody in Mampang Prapatan had been surveyed again.
    at.date_input(key="sampai").set_value(date(2024, 6, 30)).run()
    assert takeaways(at)[0] == "Belum ada keluarga yang disurvei ulang: kemajuan baru terlihat setelah putaran kedua."


def test_kecamatan_and_kelurahan_bars_carry_their_codes_and_filter_the_page_on_click(fixture_db):
    at = open_page(PROGRESS)
    kecamatan = chart(at, "progress_kecamatan_chart")
    kelurahan = chart(at, "progress_kelurahan_chart")
    # A click comes back as a selection event (on_select) with the bar's code in customdata.
    assert kecamatan.proto.selection_mode and kelurahan.proto.selection_mode
    assert [row[0] for row in json.loads(kecamatan.proto.spec)["data"][0]["customdata"]] == [MAMPANG, JAGAKARSA]
    assert [row[0] for row in json.loads(kelurahan.proto.spec)["data"][0]["customdata"]] == [
        "31.74.03.1003", TANJUNG_BARAT]
    # What the click's callback does: choose the kecamatan in the sidebar before it renders.
    at.session_state["kecamatan"] = MAMPANG
    at.run()
    assert takeaways(at)[0].startswith("0% keluarga naik minimal satu tahapan sejak baseline (0 dari 1")


def test_a_viewer_sees_small_cells_hidden_and_no_household_query_runs(fixture_db, monkeypatch):
    ran = []
    real_run = db.run
    monkeypatch.setattr(db, "run", lambda name, **params: (ran.append(name), real_run(name, **params))[1])
    at = open_page(PROGRESS, role="viewer")
    # Every count in the fixture is under 5: nothing to tell but that.
    assert takeaways(at) == [
        "Terlalu sedikit keluarga yang sudah disurvei ulang di pilihan ini untuk menampilkan kemajuan."]
    assert metrics(at)["Naik"] == "–" and metrics(at)["Tanpa baseline"] == "–"
    assert "sel disembunyikan karena mewakili kurang dari 5 keluarga" in captions(at)
    assert "Kartu rumah tangga" not in [header.value for header in at.header]
    assert "progress_summary" in ran and not [name for name in ran if name.startswith("progress_household")]
    assert H1 not in "\n".join(str(element.value) for element in [*at.markdown, *at.caption])


# The household card --------------------------------------------------------------------------------


def test_the_progress_page_links_uploaders_and_admins_to_the_card_with_its_filters(fixture_db):
    at = open_page(PROGRESS, role="uploader", url={"kohort": "2023"})
    assert [element.value for element in at.markdown if "keluarga?" in element.value] == [
        '<a href="keluarga?kohort=2023" target="_self">➡️ Buka kartu rumah tangga (riwayat satu keluarga)</a>']
    assert not [element for element in open_page(PROGRESS, role="viewer").markdown if "keluarga?" in element.value]


def find(at, text: str):
    """Type a (part of a) household code into the card's search."""
    at.text_input(key="rumah_tangga_cari").input(text).run()
    assert not at.exception, at.exception
    return at


def test_an_admin_opens_one_familys_card(fixture_db):
    at = open_page(CARD, role="admin")
    # No list of every household: nothing until a code is typed.
    assert not [box for box in at.selectbox if box.key == "rumah_tangga"]
    assert "Ketik kode rumah tangga untuk membuka kartunya." in captions(at)
    find(at, "BKK-")
    assert at.selectbox(key="rumah_tangga").options == [H4, H5, H1, H2, H3]
    at.selectbox(key="rumah_tangga").set_value(H1).run()
    assert takeaways(at)[-1] == (
        f"{H1}: Pra-sejahtera saat baseline → KS II pada putaran 2 (Naik). "
        "3 intervensi diterima, 1 kebutuhan masih terbuka.")
    (rounds,) = [frame.value for frame in at.dataframe if "Putaran 1" in frame.value.columns]
    assert list(rounds.columns) == ["Putaran 1", "Putaran 2"]
    assert rounds.loc["Tahapan keluarga sejahtera"].tolist() == ["Pra-sejahtera", "KS II"]
    assert rounds.loc["Skor kebersihan rumah (1-5)"].tolist() == ["2", "4"]
    assert rounds.loc["Jumlah sesi mindful parenting diikuti"].tolist() == ["0", "3"]
    assert rounds.loc["Skor ketahanan keluarga (≈ iBangga, 0–100)"].tolist() == ["100,0", "100,0"]
    (received,) = [frame.value for frame in at.dataframe if "Lembaga" in frame.value.columns]
    assert received["Lembaga"].tolist() == ["Tim Penggerak PKK Kota Jakarta Selatan", "Novalux Paint",
                                            "Suku Dinas Kesehatan Kota Jakarta Selatan"]
    assert "- Semua peserta program" in [element.value for element in at.markdown]


def test_the_card_says_when_a_family_has_only_a_baseline_or_none(fixture_db):
    at = open_page(CARD, role="admin", lang="en")
    find(at, "bkk-")
    at.selectbox(key="rumah_tangga").set_value(H3).run()
    assert takeaways(at)[-1] == (f"{H3}: Prosperous I at baseline, not surveyed again yet. "
                                 "0 interventions received, 2 needs still open.")
    at.selectbox(key="rumah_tangga").set_value(H5).run()
    assert takeaways(at)[-1] == (f"{H5}: no baseline; Prosperous III Plus in round 2 (see the data-quality page). "
                                 "0 interventions received, 0 needs still open.")


@pytest.mark.parametrize("role, households", [
    ("uploader", [H1, H2, H3]),
    ("uploader_kelurahan", [H4, H5]),
])
def test_an_uploader_opens_cards_of_their_own_area_only(fixture_db, role, households):
    at = find(open_page(CARD, role=role), "BKK-")
    assert at.selectbox(key="rumah_tangga").options == households
    # The card follows the page's filters too: Jagakarsa's 2023 pilot.
    if role == "uploader":
        at.selectbox(key="kohort").set_value(2023).run()
        assert at.selectbox(key="rumah_tangga").options == [H1, H2]


def test_the_search_opens_a_typed_code_at_once_and_finds_part_of_one(fixture_db):
    at = find(open_page(CARD, role="admin"), H1.lower())
    assert at.selectbox(key="rumah_tangga").value == H1
    assert takeaways(at)[-1].startswith(f"{H1}: Pra-sejahtera saat baseline")
    find(at, "1005-00")
    assert at.selectbox(key="rumah_tangga").options == [H1, H2, H3]


def test_the_search_refuses_a_household_outside_the_uploaders_area(fixture_db, monkeypatch):
    ran = []
    query = db.query
    monkeypatch.setattr(db, "query", lambda con, name, **params: ran.append((name, params)) or query(con, name, **params))
    at = find(open_page(CARD, role="uploader"), H4)  # Mampang's household; umar works in Jagakarsa
    assert not [box for box in at.selectbox if box.key == "rumah_tangga"]
    assert f"Tidak ada rumah tangga dengan kode “{H4}” di wilayah Anda untuk pilihan ini." in [
        info.value for info in at.info]
    assert H4 not in "\n".join(str(element.value) for element in [*at.markdown, *at.caption])
    assert not [name for name, _ in ran if name in ("progress_household_rounds", "progress_household_needs")]
    searches = [params for name, params in ran if name == "progress_household_search"]
    assert searches and all(params["wilayah_akses"] == JAGAKARSA and params["limit"] == 20 for params in searches)


def test_the_search_says_when_more_codes_match_than_it_shows(fixture_db, monkeypatch):
    query = db.query
    # As if the page asked for 2 matches at most (it asks for 20): the fixture has 5 households.
    monkeypatch.setattr(db, "query", lambda con, name, **params: query(
        con, name, **{**params, **({"limit": 2} if name == "progress_household_search" else {})}))
    at = find(open_page(CARD, role="admin"), "BKK")
    assert at.selectbox(key="rumah_tangga").options == [H4, H5]
    assert "2 dari 5 kode yang cocok ditampilkan; ketik lebih banyak untuk mempersempit." in captions(at)


def test_an_uploader_without_an_area_gets_no_card(fixture_db, accounts_file):
    import yaml

    config = yaml.safe_load(accounts_file.read_text())
    config["credentials"]["usernames"]["umar"]["area"] = None
    accounts_file.write_text(yaml.safe_dump(config))
    at = accounts.sign_in(AppTest.from_file(str(ROOT / CARD), default_timeout=60), "uploader")
    at.session_state["user"] = {**at.session_state["user"], "area": None}
    at.run()
    assert "Akun Anda belum punya wilayah kerja" in " ".join(info.value for info in at.info)
    assert not [box for box in at.selectbox if box.key == "rumah_tangga"]
    assert not [box for box in at.text_input if box.key == "rumah_tangga_cari"]


# The overview ---------------------------------------------------------------------------------------

OVERVIEW_TEXT = {
    "id": {
        "metrics": {"Keluarga terdaftar": "4", "Naik tahapan sejak baseline": "33%", "Keluarga terjangkau intervensi": "25%",
                    "Lembaga aktif": "6", "Keluarga kurang dari sasaran": "19", "Keluarga menunggu intervensi": "4",
                    "Keluarga belum naik tahapan": "1"},
        # As of 30 June 2024 (the quarter before the latest data, 1 September 2024), 1 of 2 had risen.
        "deltas": {"Keluarga terdaftar": "0", "Naik tahapan sejak baseline": "-17 poin",
                   "Keluarga terjangkau intervensi": "0 poin"},
        "gaps": [
            "Kelurahan Pela Mampang (Mampang Prapatan) masih kurang 19 keluarga dari sasaran 20: baru 5% tercapai.",
            "4 dari 4 keluarga dengan kebutuhan “Semua peserta program” belum menerima intervensi yang menjawabnya (100%).",
            "Di Kelurahan Pela Mampang (Mampang Prapatan), 1 dari 1 keluarga yang disurvei ulang belum naik tahapan (100%).",
        ],
        "takeaways": [
            "Dari TW3 2023 ke TW3 2024: keluarga terdaftar 2 → 4 (sasaran 35); yang naik tahapan 50% → 33% "
            "dari yang disurvei ulang.",
            "Capaian terendah: Mampang Prapatan, 5% dari sasaran (1 dari 20 keluarga).",
        ],
        "since": "perubahan sejak 30 Juni 2024",
        "sources": "Data terbaru 1 September 2024, dari 4 unggahan yang aktif; yang terakhir: fixture\\_sasaran\\.csv",
    },
    "en": {
        "metrics": {"Households enrolled": "4", "Rose a welfare stage since baseline": "33%",
                    "Households reached by an intervention": "25%", "Agencies active": "6",
                    "Households short of the target": "19", "Households waiting for help": "4",
                    "Households not yet up a stage": "1"},
        "deltas": {"Households enrolled": "0", "Rose a welfare stage since baseline": "-17 pts",
                   "Households reached by an intervention": "0 pts"},
        "gaps": [
            "Kelurahan Pela Mampang (Mampang Prapatan) is still 19 households short of its target of 20: 5% reached.",
            "4 of 4 households with the need “Every enrolled household” have not received an intervention that "
            "answers it (100%).",
            "In Kelurahan Pela Mampang (Mampang Prapatan), 1 of 1 households surveyed again have not moved up a "
            "stage (100%).",
        ],
        "takeaways": [
            "From Q3 2023 to Q3 2024: households enrolled 2 → 4 (target 35); up a stage 50% → 33% of those "
            "surveyed again.",
            "Furthest behind: Mampang Prapatan, at 5% of target (1 of 20 households).",
        ],
        "since": "the change since 30 June 2024",
        "sources": "Latest data 1 September 2024, from 4 active uploads; the most recent: fixture\\_sasaran\\.csv",
    },
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_overview_against_target_the_previous_quarter_and_the_three_largest_gaps(fixture_db, lang):
    expected = OVERVIEW_TEXT[lang]
    at = open_page(OVERVIEW, lang=lang)
    shown = metrics(at)
    assert {label: shown[label] for label in expected["metrics"]} == expected["metrics"]
    assert {label: deltas(at)[label] for label in expected["deltas"]} == expected["deltas"]
    assert expected["since"] in captions(at)
    gaps = sentences(at)
    assert gaps[:3] == expected["gaps"]
    assert takeaways(at) == expected["takeaways"]
    assert expected["sources"] in captions(at)


def test_each_gap_links_to_the_page_that_explains_it_narrowed_to_the_gap(fixture_db):
    at = open_page(OVERVIEW, lang="en")
    # Plain links in the same tab that load the page afresh, so its filters come from the URL; language kept.
    assert links(at) == [
        '<a href="cakupan?lang=English&amp;kecamatan=Mampang+Prapatan&amp;kelurahan=Pela+Mampang" target="_self">➡️ See intervention coverage</a>',
        '<a href="cakupan?lang=English" target="_self">➡️ See intervention coverage</a>',
        '<a href="kemajuan?lang=English&amp;kecamatan=Mampang+Prapatan&amp;kelurahan=Pela+Mampang" target="_self">➡️ See household progress</a>',
    ]


def test_overview_follows_the_kecamatan_filter_in_gaps_trend_and_change(fixture_db):
    at = open_page(OVERVIEW, url={"kecamatan": "Jagakarsa"})
    # Jagakarsa's latest data is H3's baseline, 1 February 2024: compared with 31 December 2023 (H1, H2).
    assert deltas(at)["Keluarga terdaftar"] == "+1"
    assert deltas(at)["Naik tahapan sejak baseline"] == "0 poin"
    gaps = sentences(at)
    assert gaps[0] == "Kelurahan Tanjung Barat (Jagakarsa) masih kurang 12 keluarga dari sasaran 15: baru 20% tercapai."
    assert takeaways(at)[0] == ("Dari TW3 2023 ke TW1 2024: keluarga terdaftar 2 → 3 (sasaran 15); "
                                "yang naik tahapan 50% → 50% dari yang disurvei ulang.")
    assert links(at)[1] == '<a href="cakupan?kecamatan=Jagakarsa" target="_self">➡️ Lihat cakupan intervensi</a>'


def test_overview_hides_small_gaps_trend_and_changes_from_a_viewer(fixture_db):
    at = open_page(OVERVIEW, role="viewer")
    assert "3 kesenjangan tidak ditampilkan: terlalu sedikit keluarga." in captions(at)
    assert not [metric for metric in at.metric if metric.label.startswith("Keluarga kurang")]
    assert deltas(at)["Keluarga terdaftar"] is None or deltas(at)["Keluarga terdaftar"] == ""
    assert not links(at)
