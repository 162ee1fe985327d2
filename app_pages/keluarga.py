"""Household card (Kartu rumah tangga): one family's history round by round, for uploaders of its area
and admins only; no household-level query runs for anyone else (the guard stops them first)."""

import streamlit as st

from bebenah import access, db, page
from bebenah.i18n import day, label, number, t

SEARCH_MATCHES = 20  # household codes a card search returns at most

filters = page.setup("uploader")
filters = page.cohort_and_round(filters)
st.title(t("progress.card_title"))
st.caption(t("progress.card_caption"))
try:
    area = access.household_scope(access.current_user())
except PermissionError:
    st.info(t("progress.card_no_area"))
    st.stop()
# A search, not a list of every household: at most SEARCH_MATCHES codes ever reach the browser.
search = st.text_input(t("progress.card_search"), key="rumah_tangga_cari", help=t("progress.card_search_help"),
                       max_chars=40, width=520).strip()
household, options = None, None
if not search:
    st.caption(t("progress.card_search_prompt"))
else:
    options = db.run("progress_household_search", cari=search, wilayah_akses=area, limit=SEARCH_MATCHES, **filters)
    if options.empty:
        st.info(t("progress.card_search_none", text=search))
    else:
        codes = list(options.id_rumah_tangga)
        if int(options.cocok_total.iloc[0]) > len(codes):
            st.caption(t("progress.card_search_more", shown=number(len(codes)),
                         total=number(options.cocok_total.iloc[0])))
        exact = [index for index, code in enumerate(codes) if code.upper() == search.upper()]
        household = st.selectbox(t("progress.card_choose"), codes, index=exact[0] if exact else None,
                                 placeholder=t("progress.card_placeholder"), key="rumah_tangga", width=520)
if household:
    rounds = db.run("progress_household_rounds", id_rumah_tangga=household, wilayah_akses=area, **filters)
    received = db.run("progress_household_interventions", id_rumah_tangga=household, wilayah_akses=area, **filters)
    needs = db.run("progress_household_needs", id_rumah_tangga=household, wilayah_akses=area, **filters)
    chosen_row = options.set_index("id_rumah_tangga").loc[household]
    open_needs = needs[~needs.terjawab]
    first, last = rounds.iloc[0], rounds.iloc[-1]
    story = {"naik": "progress.card_takeaway", "tetap": "progress.card_takeaway", "turun": "progress.card_takeaway",
             "hanya_baseline": "progress.card_takeaway_baseline_only",
             "tanpa_baseline": "progress.card_takeaway_no_baseline"}[chosen_row.kemajuan]
    page.takeaway(
        t(story, code=household, first=label("tahapan_ks", first.tahapan_ks), last=label("tahapan_ks", last.tahapan_ks),
          n=int(last.putaran_ke), progress=label("kemajuan", chosen_row.kemajuan))
        + " " + t("progress.card_counts", interventions=number(len(received)), open=number(len(open_needs)))
    )
    st.subheader(t("progress.card_rounds"))
    side_by_side = rounds.assign(
        tanggal_survei=[day(value, form="medium") for value in rounds.tanggal_survei],
        tahapan_ks=[label("tahapan_ks", code) for code in rounds.tahapan_ks],
        rt_ber_phbs=[label("pilihan.ya_tidak", "ya" if flag else "tidak") for flag in rounds.rt_ber_phbs],
        berisiko_stunting=[label("pilihan.ya_tidak", "ya" if flag else "tidak") for flag in rounds.berisiko_stunting],
        skor_ketahanan=[number(value, 1) for value in rounds.skor_ketahanan],
        band_ketahanan=[label("band_ketahanan", code) for code in rounds.band_ketahanan],
        ikut_pelatihan_usaha=[label("pilihan.ya_tidak", code) for code in rounds.ikut_pelatihan_usaha],
        sumber_penghasilan=[label("pilihan.ya_tidak", code) for code in rounds.sumber_penghasilan],
    ).set_index("putaran_ke").astype(str).T
    side_by_side.columns = [t("progress.round_n", n=n) for n in side_by_side.columns]
    # One family's own answers by the survey's names; the derived measures by theirs.
    side_by_side.index = [label("kolom", code) if label("kolom", code) != code else label("ukuran", code)
                          for code in side_by_side.index]
    st.dataframe(side_by_side, key="card_rounds", height=35 * (len(side_by_side) + 1) + 3)
    st.subheader(t("progress.card_interventions"))
    if received.empty:
        st.caption(t("progress.card_no_interventions"))
    else:
        st.dataframe(
            received.assign(
                tanggal=[day(value, form="medium") for value in received.tanggal],
                jenis_intervensi=[label("jenis_intervensi", code) for code in received.jenis_intervensi],
                jumlah=[number(value, 0 if value == int(value) else 1) for value in received.jumlah],
            ).drop(columns="kode_lembaga").rename(columns=lambda column: t(f"progress.column.{column}")),
            hide_index=True, key="card_interventions",
        )
    st.subheader(t("progress.card_needs"))
    for need in open_needs.kebutuhan:
        st.markdown(f"- {page.escape_markdown(label('kebutuhan', need))}")
    if open_needs.empty:
        st.caption(t("progress.card_no_open_needs"))
    answered = needs[needs.terjawab]
    if not answered.empty:
        st.caption(t("progress.card_answered", needs=", ".join(label("kebutuhan", need) for need in answered.kebutuhan)))
