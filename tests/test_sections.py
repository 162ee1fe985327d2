"""Declared sections: the chart kinds and takeaways are pure functions of rows, and build() gives a
page, a presentation or an export the same rows, sentence and figure, suppressed by the door."""

import pandas as pd

from bebenah import charts, sections, takeaways
from bebenah.sections import Section

ENROLMENT = Section("enrolment_by_area", "overview.enrolment_title",
                    chart=lambda rows: charts.target_bars(rows, label="wilayah", value="rt_terdaftar", target="sasaran_rt"),
                    takeaway=takeaways.furthest_behind_target)
TODAY = {"sampai": pd.Timestamp.today().date()}


def test_the_furthest_behind_area_is_the_lowest_share_of_target_and_a_blank_share_is_skipped():
    rows = pd.DataFrame({"wilayah": ["Cilandak", "Jagakarsa", "Mampang"], "rt_terdaftar": [40, None, 9],
                         "sasaran_rt": [50, 10, 30], "capaian": [0.8, None, 0.3]})
    assert takeaways.furthest_behind_target(rows) == \
        "Capaian terendah: Mampang, 30% dari sasaran (9 dari 30 keluarga)."
    assert takeaways.furthest_behind_target(rows.iloc[1:2]) is None


def test_the_busiest_area_says_nothing_when_nothing_was_delivered():
    rows = pd.DataFrame({"wilayah": ["B", "A"], "kegiatan": [3, 3]})
    assert "A" in takeaways.busiest_area(rows) and "3" in takeaways.busiest_area(rows)
    assert takeaways.busiest_area(rows.assign(kegiatan=0)) is None


def test_ranked_bars_put_the_largest_on_top_and_grow_with_the_rows():
    rows = pd.DataFrame({"wilayah": ["a", "b", "c"], "kegiatan": [1, 7, 3]})
    figure = charts.ranked_bars(rows, label="wilayah", value="kegiatan", axis_title="Kegiatan")
    assert list(figure.data[0].x) == [7, 3, 1] and list(figure.data[0].y) == ["b", "c", "a"]
    assert charts.ranked_bars(pd.concat([rows] * 10), "wilayah", "kegiatan", "").layout.height > figure.layout.height


def test_build_gives_the_rows_the_sentence_and_the_figure_of_the_fixture(fixture_db):
    built = sections.build(ENROLMENT, TODAY)
    assert not built.rows.empty and built.rows.sasaran_rt.notna().all()
    # Outside a session the reader is a guest: the fixture's few households are blanked by the door,
    # and with them every share, so there is no "furthest behind" to tell.
    assert built.rows.rt_terdaftar.isna().all() and built.rows.attrs["suppressed"] == len(built.rows)
    assert built.takeaway is None
    assert [trace.name for trace in built.figure.data] == ["Sasaran", "Keluarga terdaftar"]
    assert list(built.figure.data[0].x) == list(built.rows.sasaran_rt)


def test_build_of_an_empty_result_has_no_figure_and_no_sentence(fixture_db):
    built = sections.build(ENROLMENT, {**TODAY, "kelurahan": "31.01.01.1001"})
    assert built.rows.empty and built.figure is None and built.takeaway is None


# Progress between rounds: chart kinds and sentences of bebenah.screens.kemajuan ---------------------

AREAS = pd.DataFrame({"kode_wilayah": ["31.74.09", "31.74.03"], "wilayah": ["Jagakarsa", "Mampang"],
                      "naik": [1, 0], "rt_dengan_kemajuan": [2, 1], "share": [0.5, 0.0]})


def test_share_bars_colour_bars_below_the_average_and_carry_each_code():
    figure = charts.share_bars(AREAS, ["Jagakarsa", "Mampang"], code="kode_wilayah", share="share", count="naik",
                               of="rt_dengan_kemajuan", average=1 / 3)
    assert [row[0] for row in figure.data[0].customdata] == ["31.74.09", "31.74.03"]
    assert list(figure.data[1].marker.color) == [charts.PALETTE[2], charts.PALETTE[1]]
    assert figure.layout.height == 260 and figure.layout.shapes[0].x0 == 1 / 3


def test_ordered_sankey_stacks_stages_in_order_and_leaves_out_hidden_flows():
    rows = pd.DataFrame({"tahapan_ks_baseline": ["ks_2", "pra_sejahtera", "ks_1"],
                         "tahapan_ks_terakhir": ["pra_sejahtera", "ks_2", "ks_1"], "kemajuan": ["turun", "naik", "tetap"],
                         "households": [1, 1, None], "share": [1.0, 1.0, None]})
    figure = charts.ordered_sankey(rows, "tahapan_ks_baseline", "tahapan_ks_terakhir", "households",
                                   order=("pra_sejahtera", "ks_1", "ks_2"), names=str.upper,
                                   colours=("red", "orange", "blue"), link_colour={"naik": "green", "tetap": "grey", "turun": "orange"},
                                   colour_by="kemajuan", share="share", sides=("A", "B"), unit="kk", of="of")
    (sankey,) = figure.data
    assert list(sankey.node.label) == ["PRA_SEJAHTERA", "KS_2"] * 2 and list(sankey.node.color) == ["red", "blue"] * 2
    assert list(sankey.link.source) == [1, 0] and list(sankey.link.target) == [2, 3]


def test_dumbbell_draws_one_line_per_area_from_before_to_after():
    rows = pd.DataFrame({"wilayah": ["a", "b"], "baseline": [0.1, 0.5], "terakhir": [0.6, 0.4], "households": [3, 4]})
    figure = charts.dumbbell(rows, "wilayah", "baseline", "terakhir", names=("Before", "After"), count="households",
                             unit="kk", value_format=".0%")
    assert list(figure.data[0].x) == [0.1, 0.6, None, 0.5, 0.4, None]
    assert [trace.name for trace in figure.data[1:]] == ["Before", "After"] and figure.layout.height == 300


def test_small_multiples_draw_a_panel_per_code_and_one_legend_entry_per_series():
    rows = pd.DataFrame({"ukuran": ["x", "x", "y", "y"], "kohort": [2023, 2024, 2023, 2024], "putaran_ke": [1, 1, 1, 1],
                         "nilai": [0.5, 0.2, 3.0, 4.0], "households": [2, 1, 2, 1],
                         "satuan": ["share", "share", "skor", "skor"]})
    figure = charts.small_multiples(rows, "ukuran", {"x": "X", "y": "Y"}, "kohort", str, "putaran_ke", "nilai",
                                    "households", lambda shown: ".0%" if shown.satuan.eq("share").any() else ",.1f", "R")
    assert [annotation.text for annotation in figure.layout.annotations] == ["X", "Y"]
    assert [trace.showlegend for trace in figure.data] == [True, True, False, False]
    assert figure.layout.yaxis.tickformat == ".0%" and figure.layout.yaxis2.tickformat == ",.1f"


def test_rose_and_fell_names_the_laggard_only_among_several_shown_areas():
    summary = pd.DataFrame({"kemajuan": ["naik", "tetap", "turun"], "households": [1, 1, 1],
                            "rt_dengan_kemajuan": [3, 3, 3], "share": [1 / 3, 1 / 3, 1 / 3]})
    assert takeaways.rose_and_fell(summary, AREAS).endswith("Kelurahan Mampang tertinggal (0% naik).")
    assert takeaways.rose_and_fell(summary, AREAS.iloc[:1]).endswith("33% turun.")
    assert takeaways.rose_and_fell(summary.assign(share=None), AREAS).startswith("Terlalu sedikit")
    assert takeaways.rose_and_fell(summary.assign(rt_dengan_kemajuan=0), AREAS).startswith("Belum ada")


def test_lowest_stage_rise_skips_a_stage_with_a_hidden_flow():
    rows = pd.DataFrame({"tahapan_ks_baseline": ["pra_sejahtera", "pra_sejahtera", "ks_1"],
                         "tahapan_ks_terakhir": ["ks_1", "ks_2", "ks_2"], "kemajuan": ["naik"] * 3,
                         "households": [None, 2, 3], "share": [None, 0.5, 1.0]})
    assert takeaways.lowest_stage_rise(rows, ("pra_sejahtera", "ks_1", "ks_2")) == \
        "Dari 3 keluarga yang KS I saat baseline, 100% kini di tahapan lebih tinggi."
    assert takeaways.lowest_stage_rise(rows.iloc[:1], ("pra_sejahtera", "ks_1", "ks_2")) is None


def test_lagging_area_is_the_lowest_shown_share():
    assert takeaways.lagging_area(AREAS, "progress.kelurahan_takeaway") == \
        "Kelurahan Mampang tertinggal: 0% keluarga naik (0 dari 1)."
    assert takeaways.lagging_area(AREAS.assign(share=None), "progress.kelurahan_takeaway") is None


def test_measure_sentences_read_the_better_direction_and_the_rounds():
    domains = pd.DataFrame({"ukuran": ["rt_ber_phbs", "berisiko_stunting", "phbs_skor"], "satuan": ["share", "share", "skor"],
                            "arah": [1, -1, 1], "kode_wilayah": [None] * 3, "baseline": [0.5, 0.0, 8.0],
                            "terakhir": [1.0, 0.2, 9.0], "perubahan": [0.5, 0.2, 1.0]})
    assert takeaways.most_and_least_improved(domains) == ("Paling membaik: Keluarga ber-PHBS, 50% → 100%. "
                                                          "Paling sedikit membaik: Keluarga berisiko stunting, 0% → 20%.")
    areas = domains.iloc[:2].assign(wilayah=["A", "B"]).iloc[::-1]
    assert takeaways.best_and_worst_area_change(areas, "rt_ber_phbs") == \
        "Keluarga ber-PHBS: A paling membaik (+50 poin); B paling tertinggal (+20 poin)."
    assert takeaways.best_and_worst_area_change(areas.iloc[:1], "rt_ber_phbs") is None
    rounds = pd.DataFrame({"kohort": [2023, 2023], "putaran_ke": [1, 2], "ukuran": ["phbs_skor"] * 2,
                           "satuan": ["skor"] * 2, "nilai": [8.0, 9.5]})
    assert takeaways.first_to_last_round(rounds, "phbs_skor") == \
        "Skor PHBS (0–10): 2023 (pilot) 8,0 pada putaran 1 → 9,5 pada putaran 2."
    assert takeaways.first_to_last_round(rounds.iloc[:1], "phbs_skor") is None


def test_share_up_per_cohort_names_each_shown_cohort():
    rows = pd.DataFrame({"kohort": [2023, 2024], "share": [0.5, None], "rt_dengan_kemajuan": [2, None]})
    assert takeaways.share_up_per_cohort(rows) == "Keluarga naik tahapan per kohort: 2023 (pilot) 50% (dari 2)."
    assert takeaways.share_up_per_cohort(rows.iloc[1:]) is None
