"""The household card (Kartu rumah tangga), declared: one family's story in a sentence, and its rows
(survey rounds side by side, interventions received, needs) named for the screen."""

import pandas as pd

from bebenah.i18n import day, label, number, t
from bebenah.sections import Section

# The sentence that tells a family's story, by its progress since the baseline.
STORY = {"naik": "progress.card_takeaway", "tetap": "progress.card_takeaway", "turun": "progress.card_takeaway",
         "hanya_baseline": "progress.card_takeaway_baseline_only",
         "tanpa_baseline": "progress.card_takeaway_no_baseline"}
YES_NO = lambda flag: label("pilihan.ya_tidak", "ya" if flag else "tidak")  # noqa: E731


def household(code: str, area: str | None) -> dict:
    """The params of each household-level query of the card: one household, inside the user's own area
    (access.household_scope(), as $wilayah_akses)."""
    return {"id_rumah_tangga": code, "wilayah_akses": area}


def open_needs(needs: pd.DataFrame) -> pd.DataFrame:
    return needs[~needs.terjawab]


def needs_notes(needs: pd.DataFrame) -> list[str]:
    """The lines under the open needs: that none is open, and which an intervention has answered."""
    answered = needs[needs.terjawab].kebutuhan
    return ([t("progress.card_no_open_needs")] if open_needs(needs).empty else []) + (
        [t("progress.card_answered", needs=", ".join(label("kebutuhan", need) for need in answered))]
        if len(answered) else [])


def story(code: str, kemajuan: str):
    """rounds, interventions, needs -> where the family started and stands, what it received and still needs."""
    def sentence(rounds: pd.DataFrame, received: pd.DataFrame, needs: pd.DataFrame) -> str:
        first, last = rounds.iloc[0], rounds.iloc[-1]
        return (t(STORY[kemajuan], code=code, first=label("tahapan_ks", first.tahapan_ks),
                  last=label("tahapan_ks", last.tahapan_ks), n=int(last.putaran_ke),
                  progress=label("kemajuan", kemajuan))
                + " " + t("progress.card_counts", interventions=number(len(received)),
                          open=number(len(open_needs(needs)))))
    return sentence


def card(code: str, found: pd.DataFrame, area: str | None) -> list:
    """The card's declared parts for one household of the search's rows `found` (its progress is theirs)."""
    kemajuan = found.set_index("id_rumah_tangga").at[code, "kemajuan"]
    return [
        Section("progress_household_rounds", None, chart=None, params=household(code, area),
                also=("progress_household_interventions", "progress_household_needs"),
                takeaway=story(code, kemajuan), empty=None, note=False),
    ]


def side_by_side(rounds: pd.DataFrame) -> pd.DataFrame:
    """The rounds as columns (Putaran 1, 2...), each answer or measure a row under its name."""
    shown = rounds.assign(
        tanggal_survei=[day(value, form="medium") for value in rounds.tanggal_survei],
        tahapan_ks=[label("tahapan_ks", code) for code in rounds.tahapan_ks],
        rt_ber_phbs=[YES_NO(flag) for flag in rounds.rt_ber_phbs],
        berisiko_stunting=[YES_NO(flag) for flag in rounds.berisiko_stunting],
        skor_ketahanan=[number(value, 1) for value in rounds.skor_ketahanan],
        band_ketahanan=[label("band_ketahanan", code) for code in rounds.band_ketahanan],
        ikut_pelatihan_usaha=[label("pilihan.ya_tidak", code) for code in rounds.ikut_pelatihan_usaha],
        sumber_penghasilan=[label("pilihan.ya_tidak", code) for code in rounds.sumber_penghasilan],
    ).set_index("putaran_ke").astype(str).T
    shown.columns = [t("progress.round_n", n=n) for n in shown.columns]
    # One family's own answers by the survey's names; the derived measures by theirs.
    shown.index = [label("kolom", code) if label("kolom", code) != code else label("ukuran", code)
                   for code in shown.index]
    return shown


def received(rows: pd.DataFrame) -> pd.DataFrame:
    """The interventions a household received, named for the screen (the agency by its name, not its code)."""
    return rows.assign(
        tanggal=[day(value, form="medium") for value in rows.tanggal],
        jenis_intervensi=[label("jenis_intervensi", code) for code in rows.jenis_intervensi],
        jumlah=[number(value, 0 if value == int(value) else 1) for value in rows.jumlah],
    ).drop(columns="kode_lembaga").rename(columns=lambda column: t(f"progress.column.{column}"))
