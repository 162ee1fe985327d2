"""Deterministic demo data: the 2023 pilot in Tanjung Barat and the rollout after it, written as uploads.

Every household has a latent wellbeing; the survey answers are drawn from it, and it rises with
the interventions the household received before each round. All draws come from one
numpy.random.default_rng(seed) (and per-item child generators seeded from it), in a fixed order,
and everything is vectorised over households and rows: loops run only over survey items,
intervention types, rounds and batches.
"""

import argparse
import hashlib
import json
import time
import zlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from bebenah import PROGRAMME_START, db
from bebenah.demo.seeds import (
    AREA_DELIVERIES, CITY_CONTRIBUTIONS, CONTRIBUTION_NOTES, CONTRIBUTION_RULES, DELIVERIES, DELIVERY_NOTES,
    EFFECTS, EXPOSURES, ITEMS, SHORT, SURVEY_NOTES, TARGET_TYPES,
)

DEFAULT_TODAY = date(2026, 11, 15)
DEFAULT_HOUSEHOLDS = 1500
DEFAULT_SEED = 20230913

TANJUNG_BARAT = "31.74.09.1005"
JAKARTA_SELATAN = "31.74"
JAGAKARSA = "31.74.09"
PILOT_HOUSEHOLDS = 10
SELATAN_KELURAHAN = 30  # kelurahan of the rollout while households <= ALL_JAKARTA_ABOVE
ALL_JAKARTA_ABOVE = 20_000  # above this, the rollout spreads over every kelurahan of Jakarta
EXPANSION_KELURAHAN = 5  # Jakarta Selatan kelurahan with a 2026 enrolment target, not started yet
MAX_PER_KELURAHAN = 9999  # the household code allows four digits at most
EPOCH = date(1970, 1, 1)

# Enrolment waves of the rollout: a kelurahan starts within a month of its wave, and its
# households' baselines follow within 100 days, so every baseline falls in 2024 or 2025.
WAVES = (date(2024, 1, 15), date(2024, 7, 1), date(2025, 1, 15), date(2025, 7, 1))
WAVE_WEIGHTS_SELATAN = (0.45, 0.30, 0.15, 0.10)
WAVE_WEIGHTS_ELSEWHERE = (0.10, 0.30, 0.35, 0.25)

# Round patterns of rollout households (shares of households; the rest have every round).
FULL, NO_BASELINE, DROPPED_AFTER_BASELINE, DROPPED_AFTER_MONITORING, MISSED_MONITORING, PILOT = range(6)
PATTERN_SHARES = {
    NO_BASELINE: 0.012,
    DROPPED_AFTER_BASELINE: 0.08,
    DROPPED_AFTER_MONITORING: 0.05,
    MISSED_MONITORING: 0.06,
}
PLANNED_ROUNDS = {
    FULL: (True, True, True),
    NO_BASELINE: (False, True, True),
    DROPPED_AFTER_BASELINE: (True, False, False),
    DROPPED_AFTER_MONITORING: (True, True, False),
    MISSED_MONITORING: (True, False, True),
    PILOT: (True, True, False),
}

YA, TIDAK, TIDAK_BERLAKU = 0, 1, 2
YA_TIDAK = ["ya", "tidak", "tidak_berlaku"]
BANSOS = ["pkh", "bpnt", "pbi_jk", "kjp_plus", "klj", "kpdj", "kaj", "lainnya"]
# Every combination of programmes as the form writes it: bit i set = BANSOS[i] received.
BANSOS_VALUES = ["tidak_ada"] + [
    " ".join(code for bit, code in enumerate(BANSOS) if mask >> bit & 1) for mask in range(1, 256)
]
JKN = ["bpjs_pbi", "bpjs_non_pbi", "swasta", "tidak_punya"]
AIR = [
    "kemasan_isi_ulang", "ledeng_pam", "sumur_bor", "sumur_terlindungi",
    "mata_air_terlindungi", "air_hujan", "tidak_layak",
]
AIR_UNSAFE = (5, 6)
JAMBAN = ["sendiri_septik", "bersama_septik", "tanpa_septik", "tidak_ada"]
JAMBAN_UNSAFE = (2, 3)
PENDAPATAN = ["kurang_1jt", "antara_1_3jt", "antara_3_5jt", "lebih_5jt"]
PUTARAN = ["baseline", "monitoring", "endline"]

EXPOSURE_INDEX = {code: i for i, code in enumerate(EXPOSURES)}
GENERAL_EFFECT = 0.2  # latent gain per intervention type received, on every answer
ROUND_SHOCK_SD, ITEM_NOISE_SD, ITEM_OFFSET_SD = 0.25, 0.3, 0.8

# The survey items (data/demo/items.csv, effects in data/demo/effects.csv): an item is 'ya' when
# latent + household offset + effects + noise exceeds its threshold; 'tidak_berlaku' when it does
# not apply to the household. Thresholds set the baseline: most households pra_sejahtera or ks_1,
# few ber-PHBS. Reverse-scored: 'ya' means a serious conflict, when the latent falls below it.
CONFLICT = ("ib_konflik_keluarga", -0.9, EFFECTS["ib_konflik_keluarga"])
HOUSE = ("rumah_layak_huni", -0.9, EFFECTS["rumah"])
CLEANLINESS_CUTS = (-1.0, -0.2, 0.6, 1.4)
CLEANLINESS = EFFECTS["kebersihan"]
PARENTING_SCORE = EFFECTS["pengasuhan"]
INCOME = EFFECTS["pendapatan"]

LAGGING_DELIVERY = 0.4  # lagging kelurahan deliver this share of what others do (data/demo/deliveries.csv)
CLASS_SIZE = 12  # households per group class, to count classes from deliveries


def _day(value: date) -> int:
    return (value - EPOCH).days


def _date(day: int) -> date:
    return EPOCH + timedelta(days=int(day))


def _uniform_int(rng, low, high):
    """One integer in [low, high] per element, for array bounds."""
    low = np.asarray(low, dtype=np.int64)
    span = np.asarray(high, dtype=np.int64) - low + 1
    return low + np.floor(rng.random(np.broadcast(low, span).shape) * np.maximum(span, 1)).astype(np.int64)


def _categorical(codes, categories) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int16), categories=categories)


def _nullable_int(values, missing) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(np.asarray(values, dtype=np.int32), np.asarray(missing, dtype=bool))


def _nullable_float(values, missing) -> pd.arrays.FloatingArray:
    return pd.arrays.FloatingArray(np.asarray(values, dtype=np.float64), np.asarray(missing, dtype=bool))


def _offsets(seed: int, key: str, n: int) -> np.ndarray:
    """A household's lasting tendency on one item: the same in every round and every call."""
    child = np.random.default_rng([seed, zlib.crc32(key.encode())])
    return child.normal(0.0, ITEM_OFFSET_SD, n).astype(np.float32)


def _effect_vector(effects: dict) -> np.ndarray:
    vector = np.zeros(len(EXPOSURES), dtype=np.float32)
    for short, value in effects.items():
        vector[EXPOSURE_INDEX[SHORT[short]]] = value
    return vector


# ---------------------------------------------------------------------------------------------
# Areas and households


@dataclass
class Areas:
    kode: np.ndarray  # kode_kelurahan of the rollout's kelurahan
    kota: np.ndarray  # index into kota_codes
    kota_codes: list
    jagakarsa: np.ndarray
    start: np.ndarray  # day the kelurahan's enrolment starts
    lag: np.ndarray  # lagging: fewer deliveries, less improvement
    drift: np.ndarray  # latent gain per year on top of the interventions
    mu: np.ndarray
    n_rw: np.ndarray
    fac: np.ndarray  # (K, 2) facilitator numbers, -1 = none
    n_fac: int
    expansion: list  # kelurahan with a 2026 enrolment target that has not started


def _areas(rng, households: int) -> Areas:
    wilayah = pd.read_csv(db.REFERENCE / "wilayah_dki_jakarta.csv", dtype=str)
    selatan = wilayah[wilayah.kode_kota == JAKARTA_SELATAN]
    expansion = []
    if households > ALL_JAKARTA_ABOVE:
        chosen = sorted(wilayah.kode_kelurahan)
    else:
        picks = {TANJUNG_BARAT}
        for kecamatan, group in selatan.groupby("kode_kecamatan", sort=True):
            if kecamatan != JAGAKARSA:
                picks.add(group.kode_kelurahan.iloc[int(rng.integers(len(group)))])
        rest = sorted(set(selatan.kode_kelurahan) - picks)
        picks |= set(rng.choice(rest, SELATAN_KELURAHAN - len(picks), replace=False).tolist())
        chosen = sorted(picks)
        others = sorted(set(selatan.kode_kelurahan) - picks)
        expansion = sorted(rng.choice(others, EXPANSION_KELURAHAN, replace=False).tolist())
    kode = np.array(chosen, dtype=object)
    k = len(kode)
    kota_of = dict(zip(wilayah.kode_kelurahan, wilayah.kode_kota))
    kota_codes = sorted({kota_of[c] for c in chosen})
    kota = np.array([kota_codes.index(kota_of[c]) for c in chosen])
    in_selatan = np.array([kota_of[c] == JAKARTA_SELATAN for c in chosen])
    is_pilot = kode == TANJUNG_BARAT
    u = rng.random(k)
    wave = np.where(
        in_selatan,
        np.searchsorted(np.cumsum(WAVE_WEIGHTS_SELATAN), u * 0.999999),
        np.searchsorted(np.cumsum(WAVE_WEIGHTS_ELSEWHERE), u * 0.999999),
    )
    wave[is_pilot] = 0
    start = np.array([_day(w) for w in WAVES])[wave] + rng.integers(0, 30, k)
    lag = (rng.random(k) < 0.2) & ~is_pilot
    if not lag.any():
        lag[int(rng.choice(np.flatnonzero(~is_pilot)))] = True
    drift = np.where(lag, rng.normal(-0.05, 0.04, k), rng.normal(0.15, 0.05, k))
    mu = rng.normal(-0.3, 0.25, k) - 0.15 * lag
    n_rw = rng.integers(6, 16, k)
    n_fac = max(40, int(np.ceil(4 * k / 3)))  # 40 for Jakarta Selatan: one or two a kelurahan
    order = rng.permutation(n_fac)
    fac = np.full((k, 2), -1)
    fac[:, 0] = order[:k]
    second = order[k:]
    fac[rng.choice(k, len(second), replace=False), 1] = second
    return Areas(kode, kota, kota_codes, np.array([c.startswith(JAGAKARSA) for c in chosen]),
                 start, lag, drift, mu, n_rw, fac, n_fac, expansion)


@dataclass
class Households:
    n: int
    kel: np.ndarray
    pilot: np.ndarray
    pattern: np.ndarray
    date0: np.ndarray  # baseline day (planned, also for households whose baseline is missing)
    rdate: np.ndarray  # (n, 3) day of rounds 1-3
    has: np.ndarray  # (n, 3) round observed (planned and not after today)
    exists: np.ndarray
    window: np.ndarray  # (n, 2) days between which interventions reach the household
    nomor: np.ndarray
    rw: np.ndarray
    rt: np.ndarray
    rt_missing: np.ndarray
    fac: np.ndarray
    w0: np.ndarray
    anggota: np.ndarray
    balita: np.ndarray
    baduta: np.ndarray
    istri: np.ndarray  # YA / TIDAK / TIDAK_BERLAKU
    applies: dict
    wali: np.ndarray
    desil: np.ndarray
    desil_missing: np.ndarray
    bansos: np.ndarray  # bit mask of BANSOS
    jkn: np.ndarray
    air: np.ndarray
    jamban: np.ndarray
    pus: dict
    luas: np.ndarray
    dicat: np.ndarray
    sesi_awal: np.ndarray
    usaha_awal: np.ndarray
    pengasuhan_missing: np.ndarray
    bansos_gain: np.ndarray
    jkn_gain: np.ndarray


def _households(rng, areas: Areas, households: int, today: int) -> Households:
    k = len(areas.kode)
    pilot_kel = int(np.flatnonzero(areas.kode == TANJUNG_BARAT)[0])
    rollout = households - PILOT_HOUSEHOLDS
    weights = rng.uniform(0.5, 1.5, k)
    counts = rng.multinomial(rollout, weights / weights.sum())
    if counts.max() + PILOT_HOUSEHOLDS > MAX_PER_KELURAHAN:
        raise ValueError(f"{households} households put more than {MAX_PER_KELURAHAN} in one kelurahan")
    kel = np.concatenate([np.full(PILOT_HOUSEHOLDS, pilot_kel), np.repeat(np.arange(k), counts)])
    n = len(kel)
    pilot = np.arange(n) < PILOT_HOUSEHOLDS

    pattern = np.full(n, FULL, dtype=np.int8)
    pattern[pilot] = PILOT
    order = rng.permutation(rollout) + PILOT_HOUSEHOLDS
    taken = 0
    for code, share in PATTERN_SHARES.items():
        size = max(1, int(round(share * rollout)))
        pattern[order[taken:taken + size]] = code
        taken += size

    start = _day(PROGRAMME_START)
    pilot_day = start + rng.integers(0, 8, n)
    pilot_day[0] = start  # the first pilot family is surveyed on the programme's first day
    date0 = np.where(pilot, pilot_day, areas.start[kel] + rng.integers(0, 100, n))
    rdate = np.zeros((n, 3), dtype=np.int64)
    rdate[:, 0] = date0
    rdate[:, 1] = np.where(pilot, date0 + rng.integers(28, 36, n), date0 + rng.integers(90, 181, n))
    rdate[:, 2] = rdate[:, 1] + rng.integers(180, 366, n)
    planned = np.array([PLANNED_ROUNDS[p] for p in range(6)])[pattern]
    has = planned & (rdate <= today)
    exists = has.any(axis=1)
    last_planned = np.where(planned[:, 2], rdate[:, 2], np.where(planned[:, 1], rdate[:, 1], rdate[:, 0]))
    end = np.where(
        pattern == DROPPED_AFTER_BASELINE,
        date0 + rng.integers(30, 151, n),
        last_planned + rng.integers(0, 46, n),
    )
    window = np.stack([date0 + 7, np.minimum(end, today)], axis=1)

    # Number within the kelurahan in order of enrolment: the pilot's households are 001-010.
    tiebreak = rng.random(n)
    order = np.lexsort((tiebreak, date0, kel))
    group_start = np.cumsum(np.bincount(kel, minlength=k)) - np.bincount(kel, minlength=k)
    nomor = np.empty(n, dtype=np.int64)
    nomor[order] = np.arange(n) - group_start[kel[order]] + 1

    rw = 1 + np.floor(rng.random(n) * areas.n_rw[kel]).astype(np.int64)
    rt = rng.integers(1, 21, n)
    rt_missing = rng.random(n) < 0.02
    second = areas.fac[kel, 1]
    fac = np.where((second >= 0) & (rng.random(n) < 0.5), second, areas.fac[kel, 0])

    w0 = np.where(pilot, rng.normal(-0.9, 0.4, n), areas.mu[kel] + rng.normal(0.0, 1.0, n))
    anggota = 1 + np.minimum(rng.poisson(3.0, n), 11)
    balita = np.minimum(np.minimum(rng.poisson(0.55, n), 4), anggota - 1)
    baduta = (balita > 0) & (rng.random(n) < 0.45)
    u = rng.random(n)
    istri = np.where(
        (anggota == 1) | (u < 0.08),
        TIDAK_BERLAKU,
        np.where(rng.random(n) < np.where(balita > 0, 0.92, 0.7), YA, TIDAK),
    )
    sekolah = rng.random(n) < np.where(anggota >= 3, 0.55, 0.12)
    anak = (balita > 0) | sekolah | ((anggota >= 3) & (rng.random(n) < 0.5))
    applies = {
        "balita": balita > 0,
        "pus": istri == YA,
        "pus_banyak_anak": (istri == YA) & (anggota >= 4),
        "sekolah": sekolah,
        "pasangan": istri != TIDAK_BERLAKU,
        "anak": anak,
        "paud": (balita >= 2) | ((balita == 1) & ~baduta),
    }
    wali = np.where(
        balita > 0,
        YA,
        np.where(sekolah & (rng.random(n) < 0.3), np.where(rng.random(n) < 0.05, TIDAK, YA), TIDAK_BERLAKU),
    )

    desil = np.clip(np.round(3.0 + 1.5 * w0 + rng.normal(0.0, 1.0, n)), 1, 10).astype(np.int64)
    desil_missing = rng.random(n) < 0.12
    poor = desil <= 4
    chances = np.array([0.35, 0.45, 0.50, 0.25, 0.06, 0.03, 0.08, 0.04])
    bansos = np.zeros(n, dtype=np.int64)
    for bit, chance in enumerate(chances):
        p = chance * np.where(poor, 1.0, 0.3)
        if BANSOS[bit] == "kjp_plus":
            p = p * sekolah
        if BANSOS[bit] == "kaj":
            p = p * (balita > 0)
        bansos |= (rng.random(n) < p).astype(np.int64) << bit
    u = rng.random(n)
    jkn = np.where(
        poor,
        np.searchsorted([0.70, 0.85, 0.86], u),
        np.searchsorted([0.15, 0.80, 0.85], u),
    )
    low = w0 + rng.normal(0.0, 0.7, n)
    air = np.searchsorted(np.cumsum([0.45, 0.30, 0.17, 0.05, 0.03]), rng.random(n) * 0.999999)
    air = np.where(low < -2.0, np.where(rng.random(n) < 0.3, 5, 6), air)
    jamban = np.where(low < -1.5, np.where(rng.random(n) < 0.15, 3, 2),
                      np.where(rng.random(n) < 0.22, 1, 0))
    is_pus = istri == YA
    u = rng.random(n)
    pus = {
        "pus_terlalu_muda": np.where(is_pus, np.where(u < 0.04, YA, TIDAK), TIDAK_BERLAKU),
        "pus_terlalu_tua": np.where(is_pus, np.where(u > 0.82, YA, TIDAK), TIDAK_BERLAKU),
        "pus_terlalu_dekat": np.where(
            is_pus, np.where(rng.random(n) < np.where(balita > 0, 0.15, 0.04), YA, TIDAK), TIDAK_BERLAKU),
        "pus_terlalu_banyak": np.where(
            is_pus, np.where(rng.random(n) < np.where(anggota >= 6, 0.35, 0.03), YA, TIDAK), TIDAK_BERLAKU),
    }
    luas = np.exp(rng.normal(np.log(11.0) + 0.25 * w0 - 0.12 * (anggota - 4), 0.4))
    return Households(
        n=n, kel=kel, pilot=pilot, pattern=pattern, date0=date0, rdate=rdate, has=has,
        exists=exists, window=window, nomor=nomor, rw=rw, rt=rt, rt_missing=rt_missing, fac=fac,
        w0=w0, anggota=anggota, balita=balita, baduta=baduta, istri=istri, applies=applies,
        wali=wali, desil=desil, desil_missing=desil_missing, bansos=bansos, jkn=jkn, air=air,
        jamban=jamban, pus=pus, luas=luas, dicat=rng.random(n) < 0.08,
        sesi_awal=np.where(rng.random(n) < 0.05, rng.integers(1, 4, n), 0),
        usaha_awal=rng.random(n) < 0.04, pengasuhan_missing=rng.random(n) < 0.25,
        # What a social-assistance referral brings: PKH or BPNT (-1: still pending), and PBI-JK.
        bansos_gain=np.where(rng.random(n) < 0.25, -1, rng.integers(0, 2, n)), jkn_gain=rng.random(n) < 0.7,
    )


# ---------------------------------------------------------------------------------------------
# Survey answers


def _answers(rng, seed: int, hh: Households, areas: Areas, rows: np.ndarray, day: np.ndarray,
             raw: np.ndarray | None, putaran: int) -> dict:
    """Answers of the given households on the given days; raw = (rows, exposures) received so far."""
    r = len(rows)
    if raw is None:
        raw = np.zeros((r, len(EXPOSURES)), dtype=np.float32)
    saturation = np.array(list(EXPOSURES.values()), dtype=np.float32)
    exposure = np.minimum(raw / saturation, 1.0).astype(np.float32)
    received = (raw > 0).sum(axis=1)
    years = (day - hh.date0[rows]) / 365.25
    base = (
        hh.w0[rows] + areas.drift[hh.kel[rows]] * years + GENERAL_EFFECT * received
        + rng.normal(0.0, ROUND_SHOCK_SD, r)
    ).astype(np.float32)

    def latent(key: str, effects: dict) -> np.ndarray:
        return (base + _offsets(seed, key, hh.n)[rows] + exposure @ _effect_vector(effects)
                + rng.normal(0.0, ITEM_NOISE_SD, r).astype(np.float32))

    out = {}
    for column, threshold, effects, applies in ITEMS:
        code = np.where(latent(column, effects) > threshold, YA, TIDAK)
        if applies:
            code = np.where(hh.applies[applies][rows], code, TIDAK_BERLAKU)
        out[column] = code
    column, threshold, effects = CONFLICT
    out[column] = np.where(latent(column, effects) < threshold, YA, TIDAK)

    got = {short: raw[:, EXPOSURE_INDEX[code]] > 0 for short, code in SHORT.items()}
    house = latent("rumah", HOUSE[2])
    out["rumah_layak_huni"] = np.where(house > HOUSE[1], YA, TIDAK)
    # Roof, floor and walls (KS I-3) follow the same house as its adequacy, a little more leniently.
    out["ks1_03"] = np.where((out["ks1_03"] == YA) & (house > HOUSE[1] - 0.6), YA, TIDAK)
    luas = hh.luas[rows] * (1.0 + rng.normal(0.0, 0.03, r)) + 2.0 * got["bedah"]
    luas = np.round(np.clip(luas, 1.0, 200.0), 1)
    out["luas_lantai_per_kapita_m2"] = np.where(rng.random(r) < 0.05, np.nan, luas)
    out["ks2_04"] = np.where(luas >= 8.0, YA, TIDAK)
    air = hh.air[rows]
    unsafe_air = np.isin(air, AIR_UNSAFE)
    out["sumber_air_minum"] = air
    out["phbs_air_bersih"] = np.where(
        latent("phbs_air_bersih", EFFECTS["phbs_air_bersih"]) - 1.5 * unsafe_air > -1.3, YA, TIDAK)
    jamban = np.where(got["bedah"] & np.isin(hh.jamban[rows], JAMBAN_UNSAFE), 0, hh.jamban[rows])
    out["jamban"] = jamban
    out["phbs_jamban_sehat"] = np.where(np.isin(jamban, JAMBAN_UNSAFE), TIDAK, YA)

    dicat = hh.dicat[rows] | got["cat"] | got["bedah"]
    out["rumah_dicat_dibenahi"] = np.where(dicat, YA, TIDAK)
    out["skor_kebersihan_rumah"] = 1 + np.searchsorted(CLEANLINESS_CUTS, latent("kebersihan", CLEANLINESS))
    sesi = hh.sesi_awal[rows] + raw[:, EXPOSURE_INDEX["kelas_mindful_parenting"]]
    out["ikut_sesi_parenting"] = np.minimum(sesi, 50).astype(np.int64)
    # Rounded in float64: a float32 3.9 prints as 3.9000000953674316, sixteen digits like a NIK.
    score = 55.0 + 12.0 * latent("pengasuhan", PARENTING_SCORE).astype(np.float64)
    pengasuhan = np.round(np.clip(score, 0.0, 100.0), 1)
    out["skor_pengasuhan"] = np.where(hh.pengasuhan_missing[rows], np.nan, pengasuhan)
    out["ikut_pelatihan_usaha"] = np.where(hh.usaha_awal[rows] | got["usaha"], YA, TIDAK)
    income = np.searchsorted((-0.8, 0.6, 1.6), latent("pendapatan", INCOME))
    out["kategori_pendapatan_bulanan"] = np.where(rng.random(r) < 0.06, -1, income)

    gain = got["bansos"] & (hh.bansos_gain[rows] >= 0)
    bansos = hh.bansos[rows] | (gain << np.maximum(hh.bansos_gain[rows], 0))
    out["bansos_diterima"] = bansos
    jkn = hh.jkn[rows]
    out["kepesertaan_jkn"] = np.where(got["bansos"] & hh.jkn_gain[rows] & (jkn == 3), 0, jkn)
    istri = hh.istri[rows]
    out["ada_ibu_hamil"] = np.where((istri == YA) & (rng.random(r) < 0.07), YA, TIDAK)
    note = rng.integers(0, len(SURVEY_NOTES), r)
    out["catatan_fasilitator"] = np.where(rng.random(r) < 0.08, note, -1)
    out["putaran_ke"] = np.full(r, putaran)
    out["tanggal_survei"] = day
    out["_rows"] = rows
    return out


def _needs(ans: dict, hh: Households) -> dict:
    """Household needs at baseline, by the rules of kebutuhan.csv."""
    rows = ans["_rows"]
    phbs = [c for c in ans if c.startswith("phbs_")]
    target = (
        (hh.istri[rows] == YA) | (ans["ada_ibu_hamil"] == YA) | hh.baduta[rows] | (hh.balita[rows] > 0)
    )
    risk = (
        np.isin(ans["sumber_air_minum"], AIR_UNSAFE) | np.isin(ans["jamban"], JAMBAN_UNSAFE)
        | (ans["rumah_layak_huni"] == TIDAK)
        | np.any([hh.pus[c][rows] == YA for c in hh.pus], axis=0)
    )
    return {
        "rumah_tidak_layak": (ans["rumah_layak_huni"] == TIDAK) | (ans["ks1_03"] == TIDAK),
        "kebersihan_rendah": ans["skor_kebersihan_rumah"] <= 2,
        "belum_ber_phbs": np.any([ans[c] == TIDAK for c in phbs], axis=0),
        "berisiko_stunting": target & risk,
        "belum_ikut_parenting": ans["ikut_sesi_parenting"] == 0,
        "tanpa_penghasilan": (ans["ks2_06"] == TIDAK) | (ans["ib_sumber_penghasilan"] == TIDAK),
        "anak_belum_paud": ans["anak_usia_dini_ikut_paud"] == TIDAK,
        "belum_terlindungi_bansos": (hh.desil[rows] <= 4) & ~hh.desil_missing[rows] & (ans["bansos_diterima"] == 0),
        "semua_peserta": np.ones(len(rows), dtype=bool),
        "konflik": ans["ib_konflik_keluarga"] == YA,
    }


# ---------------------------------------------------------------------------------------------
# Interventions


@dataclass
class Catalogue:
    codes: list
    satuan: dict

    def __getitem__(self, code: str) -> int:
        return self.codes.index(code)


@dataclass
class Deliveries:
    hh: np.ndarray  # household index, -1 for RW- and kelurahan-level rows
    kel: np.ndarray
    rw: np.ndarray  # -1 = none
    day: np.ndarray
    jenis: np.ndarray  # catalogue index
    lembaga: np.ndarray  # lembaga index
    jumlah: np.ndarray
    peserta: np.ndarray  # -1 = none
    catatan: np.ndarray  # index into DELIVERY_NOTES, -1 = none

    @staticmethod
    def concat(parts: list) -> "Deliveries":
        return Deliveries(*(np.concatenate([getattr(p, f) for p in parts]) for f in Deliveries.__dataclass_fields__))

    def take(self, index) -> "Deliveries":
        return Deliveries(*(getattr(self, f)[index] for f in Deliveries.__dataclass_fields__))


def _rows(rng, hh_index, kel, rw, day, jenis, lembaga, jumlah, peserta=None) -> Deliveries:
    n = len(day)
    note = rng.integers(0, len(DELIVERY_NOTES), n)
    return Deliveries(
        hh=np.asarray(hh_index, dtype=np.int64), kel=np.asarray(kel, dtype=np.int64),
        rw=np.asarray(rw, dtype=np.int64), day=np.asarray(day, dtype=np.int64),
        jenis=np.full(n, jenis), lembaga=np.asarray(lembaga, dtype=np.int64),
        jumlah=np.asarray(jumlah, dtype=np.float64),
        peserta=np.full(n, -1) if peserta is None else np.asarray(peserta, dtype=np.int64),
        catatan=np.where(rng.random(n) < 0.03, note, -1),
    )


def _amounts(rng, satuan: str, n: int, jenis: str) -> np.ndarray:
    if satuan == "sesi":
        return rng.choice([1.0, 2.0] if jenis == "kelas_mindful_parenting" else [1.0, 1.0, 2.0], n)
    if satuan == "jam":
        return rng.choice([1.0, 1.5, 2.0], n)
    return np.ones(n)


def _household_deliveries(rng, hh: Households, areas: Areas, needs: dict, catalogue, lembaga) -> list:
    parts = []
    eligible = np.flatnonzero(hh.exists & ~hh.pilot & (hh.window[:, 1] >= hh.window[:, 0]))
    kel = hh.kel[eligible]
    for jenis, spec in DELIVERIES.items():
        j = catalogue[jenis]
        satuan = catalogue.satuan[jenis]
        need = np.any([needs[name][eligible] for name in spec["need"]], axis=0)
        chance = np.where(need, spec["p"][0], spec["p"][1])
        chance = chance * np.where(areas.lag[kel], spec.get("lagging", LAGGING_DELIVERY), 1.0)
        chosen = rng.random(len(eligible)) < chance
        who = eligible[chosen]
        # Agencies serve their own area only (the Puskesmas its kecamatan).
        weights = np.stack([
            np.where(areas.jagakarsa[hh.kel[who]], weight, 0.0) if area == JAGAKARSA else np.full(len(who), weight)
            for _, weight, area in spec["agencies"]
        ], axis=1)
        cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
        first = (rng.random(len(who))[:, None] > cumulative).sum(axis=1)
        first = np.minimum(first, len(spec["agencies"]) - 1)
        codes = np.array([lembaga[code] for code, _, _ in spec["agencies"]])
        events = 1 + rng.poisson(spec["extra"], len(who))
        rows = np.repeat(who, events)
        day = _uniform_int(rng, hh.window[rows, 0], hh.window[rows, 1])
        peserta = None
        if spec.get("group"):
            peserta = np.where(rng.random(len(rows)) < 0.5, rng.integers(8, 31, len(rows)), -1)
        parts.append(_rows(rng, rows, hh.kel[rows], hh.rw[rows], day, j, codes[np.repeat(first, events)],
                           _amounts(rng, satuan, len(rows), jenis), peserta))
        if spec["overlap"] and len(codes) > 1:
            # The same type from a second agency: overlaps the coordination page should show.
            other = 1 - np.minimum(first, 1)
            allowed = weights[np.arange(len(who)), other] > 0
            twice = who[(rng.random(len(who)) < spec["overlap"]) & allowed]
            other = other[np.searchsorted(who, twice)]
            day = _uniform_int(rng, hh.window[twice, 0], hh.window[twice, 1])
            parts.append(_rows(rng, twice, hh.kel[twice], hh.rw[twice], day, j, codes[other],
                               _amounts(rng, satuan, len(twice), jenis)))
    return parts


def _pilot_deliveries(rng, hh: Households, catalogue, lembaga) -> list:
    """The four founding partners in Tanjung Barat, between the pilot's baseline and endline."""
    who = np.flatnonzero(hh.pilot)
    n = len(who)
    kel, rw = hh.kel[who], hh.rw[who]
    base = hh.date0[who]
    parts = [_rows(rng, who, kel, rw, base + rng.integers(5, 16, n), catalogue["pengecatan_pembenahan_rumah"],
                   np.full(n, lembaga["NOVALUX"]), np.ones(n))]
    classes = [_day(date(2023, 9, 23)), _day(date(2023, 9, 30)), _day(date(2023, 10, 7))]
    attends = rng.random((n, 3)) < 0.85
    attends[:, 0] = True
    rows, cls = np.nonzero(attends)
    size = attends.sum(axis=0)[cls]
    parts.append(_rows(rng, who[rows], kel[rows], rw[rows], np.array(classes)[cls],
                       catalogue["kelas_mindful_parenting"], np.full(len(rows), lembaga["YKEI"]),
                       np.ones(len(rows)), size))
    visits = np.repeat(np.arange(n), 2)
    day = base[visits] + np.tile([3, 17], n) + rng.integers(0, 5, len(visits))
    parts.append(_rows(rng, who[visits], kel[visits], rw[visits], day, catalogue["kunjungan_rumah_fasilitator"],
                       np.full(len(visits), lembaga["YKEI"]), rng.choice([1.0, 1.5, 2.0], len(visits))))
    meetings = np.array([_day(PROGRAMME_START), _day(date(2023, 10, 16))])
    parts.append(_rows(rng, np.full(2, -1), np.full(2, hh.kel[who[0]]), np.full(2, -1), meetings,
                       catalogue["pendataan_koordinasi"],
                       np.array([lembaga["PEMKOT_JAKSEL"], lembaga["KEL_TANJUNG_BARAT"]]), np.ones(2),
                       np.array([25, 14])))
    return parts


def _area_deliveries(rng, hh: Households, areas: Areas, catalogue, lembaga, today: int) -> list:
    """RW-level environment work and kelurahan-level coordination, from each kelurahan's start."""
    live = hh.exists & ~hh.pilot
    pairs = np.unique(hh.kel[live] * 100 + hh.rw[live])
    kel, rw = pairs // 100, pairs % 100
    lag = areas.lag[kel]
    low, high = areas.start[kel] + 30, np.minimum(today, areas.start[kel] + 540)
    parts = []
    for jenis, code, chance, extra, jumlah, peserta in AREA_DELIVERIES:
        chosen = np.flatnonzero((rng.random(len(pairs)) < np.where(lag, chance / 3, chance)) & (high >= low))
        rows = np.repeat(chosen, 1 + rng.poisson(extra, len(chosen)))
        n = len(rows)
        parts.append(_rows(rng, np.full(n, -1), kel[rows], rw[rows], _uniform_int(rng, low[rows], high[rows]),
                           catalogue[jenis], np.full(n, lembaga[code]),
                           rng.integers(jumlah[0], jumlah[1] + 1, n).astype(float),
                           rng.integers(peserta[0], peserta[1] + 1, n)))
    k = len(areas.kode)
    quarters = np.maximum((today - areas.start) // 91 + 1, 0)
    kel = np.repeat(np.arange(k), quarters)
    nth = np.arange(len(kel)) - np.repeat(np.cumsum(quarters) - quarters, quarters)
    day = areas.start[kel] + 91 * nth + rng.integers(0, 60, len(kel))
    keep = (day <= today) & (rng.random(len(kel)) >= np.where(areas.lag[kel], 0.4, 0.0))
    kel, day = kel[keep], day[keep]
    at_pilot = areas.kode[kel] == TANJUNG_BARAT
    agency = np.where(at_pilot & (rng.random(len(kel)) < 0.5), lembaga["KEL_TANJUNG_BARAT"], lembaga["PEMKOT_JAKSEL"])
    parts.append(_rows(rng, np.full(len(kel), -1), kel, np.full(len(kel), -1), day, catalogue["pendataan_koordinasi"],
                       agency, np.ones(len(kel)), rng.integers(8, 31, len(kel))))
    return parts


def _received(hh: Households, deliveries: Deliveries, catalogue_codes: list, putaran: int) -> np.ndarray:
    """(households, exposures): what each household had received before its round `putaran`."""
    t = len(EXPOSURES)
    index = np.array([EXPOSURE_INDEX.get(code, -1) for code in catalogue_codes])[deliveries.jenis]
    cutoff = hh.rdate[:, putaran - 1]
    own = (deliveries.hh >= 0) & (index >= 0)
    hh_idx = deliveries.hh[own]
    before = deliveries.day[own] < cutoff[hh_idx]
    weight = np.where(np.isin(index[own], [EXPOSURE_INDEX["kelas_mindful_parenting"],
                                           EXPOSURE_INDEX["kunjungan_rumah_fasilitator"]]),
                      deliveries.jumlah[own], 1.0)
    raw = np.bincount(hh_idx * t + index[own], weights=weight * before, minlength=hh.n * t).reshape(hh.n, t)
    # RW-level work reaches every household of that RW.
    area = (deliveries.hh < 0) & (index >= 0)
    keys = deliveries.kel[area] * 100 + deliveries.rw[area]
    hh_keys = hh.kel * 100 + hh.rw
    for code in ("penataan_lingkungan_rw", "urban_farming_kebun_gizi"):
        mine = index[area] == EXPOSURE_INDEX[code]
        first = pd.Series(deliveries.day[area][mine]).groupby(keys[mine]).min()
        days = first.reindex(hh_keys).to_numpy()
        raw[:, EXPOSURE_INDEX[code]] = np.nan_to_num(days, nan=np.inf) < cutoff
    return raw.astype(np.float32)


# ---------------------------------------------------------------------------------------------
# Contributions and targets


def _month_end(day: np.ndarray) -> np.ndarray:
    month = day.astype("datetime64[D]").astype("datetime64[M]")
    return ((month + 1).astype("datetime64[D]") - np.timedelta64(1, "D")).astype(np.int64)


def _quarter_end(day: np.ndarray) -> np.ndarray:
    month = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return _month_end((month // 3 * 3 + 2).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64))


def _contributions(rng, d: Deliveries, hh: Households, catalogue, lembaga, today: int) -> pd.DataFrame:
    frame = pd.DataFrame({
        "lembaga": d.lembaga, "jenis": d.jenis, "kel": d.kel, "day": d.day, "jumlah": d.jumlah,
        "month": _month_end(d.day), "quarter": _quarter_end(d.day),
    })
    parts = []
    for code, jenis, kind, satuan, period, quantity, multiplier, unit_value in CONTRIBUTION_RULES:
        rows = frame[(frame.lembaga == lembaga[code]) & (frame.jenis == catalogue[jenis])]
        if rows.empty:
            continue
        grouped = rows.groupby(["kel", period], sort=True).agg(n=("day", "size"), jumlah=("jumlah", "sum"))
        n = len(grouped)
        base = {"n": grouped.n, "jumlah": grouped.jumlah, "kelas": np.ceil(grouped.n / CLASS_SIZE)}[quantity]
        amount = base.to_numpy() * rng.uniform(*multiplier, n)
        if kind == "dana_idr":
            amount = np.round(amount, -5)
            value = amount
        else:
            amount = np.round(amount)
            value = np.full(n, np.nan) if unit_value is None else np.round(amount * rng.uniform(*unit_value, n), -3)
        parts.append(pd.DataFrame({
            "day": grouped.index.get_level_values(1), "lembaga": lembaga[code], "kind": kind,
            "jenis": catalogue[jenis], "kel": grouped.index.get_level_values(0), "jumlah": amount,
            "satuan": satuan, "nilai": value,
        }))
    # City-wide support, quarterly, scaled by the households enrolled by then.
    start, end = np.datetime64("2024-01-01").astype(np.int64), today
    quarter_ends = np.unique(_quarter_end(np.arange(start, end + 1, 30)))
    enrolled = np.searchsorted(np.sort(hh.date0[hh.exists]), quarter_ends, side="right")
    scale = np.maximum(enrolled, 1)
    q = len(quarter_ends)
    for code, jenis, kind, satuan, per_household, floor in CITY_CONTRIBUTIONS:
        amount = np.maximum(scale * per_household, floor) * rng.uniform(0.8, 1.2, q)
        amount = np.round(amount, -6) if kind == "dana_idr" else np.round(amount)
        value = amount if kind == "dana_idr" else np.round(amount * 150_000, -3)
        parts.append(pd.DataFrame({
            "day": quarter_ends, "lembaga": lembaga[code], "kind": kind,
            "jenis": -1 if jenis is None else catalogue[jenis], "kel": -1, "jumlah": amount,
            "satuan": satuan, "nilai": value,
        }))
    pilot_kel = int(hh.kel[hh.pilot][0])
    parts.append(pd.DataFrame({
        "day": [_day(PROGRAMME_START)] * 2, "lembaga": [lembaga["KEMENKO_PMK"], lembaga["PEMKOT_JAKSEL"]],
        "kind": "dana_idr", "jenis": [-1, catalogue["pendataan_koordinasi"]], "kel": pilot_kel,
        "jumlah": [150e6, 50e6], "satuan": "IDR", "nilai": [150e6, 50e6],
    }))
    out = pd.concat(parts, ignore_index=True)
    out["day"] = np.minimum(out["day"].to_numpy(dtype=np.int64), today)
    out = out[out.jumlah > 0].sort_values(["day", "lembaga", "kel", "jenis", "kind"], kind="stable")
    out["catatan"] = np.where(rng.random(len(out)) < 0.3, 1, -1)
    return out.reset_index(drop=True)


def _targets(rng, hh: Households, areas: Areas, d: Deliveries, catalogue, today: int) -> pd.DataFrame:
    """Enrolment targets per year and kelurahan, and some per intervention type: some exceeded, some not."""
    rows = []
    live = hh.exists & ~hh.pilot
    year = hh.date0.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    k = len(areas.kode)
    kel_codes = list(areas.kode)
    rows += [(2023, TANJUNG_BARAT, None, PILOT_HOUSEHOLDS),
             (2023, TANJUNG_BARAT, "pengecatan_pembenahan_rumah", PILOT_HOUSEHOLDS),
             (2023, TANJUNG_BARAT, "kelas_mindful_parenting", PILOT_HOUSEHOLDS)]

    def factor(n):
        return np.where(areas.lag, rng.uniform(1.25, 1.7, n), rng.uniform(0.8, 1.2, n))

    for y in (2024, 2025):
        enrolled = np.bincount(hh.kel[live & (year == y)], minlength=k)
        target = np.maximum(5, np.round(enrolled * factor(k) / 5) * 5).astype(int)
        rows += [(y, kel_codes[i], None, int(target[i])) for i in np.flatnonzero(enrolled)]
    d_year = d.day.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    for y in (2024, 2025, 2026):
        for jenis in TARGET_TYPES:
            mine = (d.jenis == catalogue[jenis]) & (d.hh >= 0) & (d_year == y)
            reached = np.bincount(hh.kel[np.unique(d.hh[mine])], minlength=k)
            target = np.maximum(5, np.round(reached * factor(k) / 5) * 5).astype(int)
            rows += [(y, kel_codes[i], jenis, int(target[i])) for i in np.flatnonzero(reached >= 5)]
    # 2026: a top-up for dropouts in some kelurahan, and the planned expansion not yet started.
    dropped = np.bincount(hh.kel[live & (hh.pattern == DROPPED_AFTER_BASELINE)], minlength=k)
    top_up = np.flatnonzero((dropped >= 2) & (rng.random(k) < 0.15))
    rows += [(2026, kel_codes[i], None, int(max(2, dropped[i] // 2))) for i in top_up]
    per_kelurahan = max(10, int(round(live.sum() / k / 10)) * 10)
    rows += [(2026, code, None, int(round(per_kelurahan * rng.uniform(0.5, 0.9) / 5) * 5)) for code in areas.expansion]
    frame = pd.DataFrame(rows, columns=["tahun", "kode_kelurahan", "jenis_intervensi", "jumlah_rt_sasaran"])
    return frame[[date(int(y), 1, 10) <= _date(today) for y in frame.tahun]]


# ---------------------------------------------------------------------------------------------
# Batches as uploads, and the build


@dataclass
class Batch:
    kind: str
    file_name: str
    rows: int
    last_day: int
    fixed: bool = False  # uploaded on last_day itself (targets, at the start of their year)


def _batches(kind: str, keys: np.ndarray, name, day: np.ndarray, tiebreak: list) -> tuple:
    """Group rows into files by key; returns (batch per row, baris per row, order, batches)."""
    uniq, inverse = np.unique(keys, return_inverse=True)
    order = np.lexsort(tuple(tiebreak[::-1]) + (day, inverse)) if tiebreak else np.lexsort((day, inverse))
    counts = np.bincount(inverse, minlength=len(uniq))
    starts = np.cumsum(counts) - counts
    baris = np.empty(len(keys), dtype=np.int64)
    baris[order] = np.arange(len(keys)) - starts[inverse[order]] + 2
    last = np.full(len(uniq), np.iinfo(np.int64).min)
    np.maximum.at(last, inverse, day)
    batches = [Batch(kind, name(key), int(c), int(l)) for key, c, l in zip(uniq, counts, last)]
    return inverse, baris, order, batches


def _quarter_key(day: np.ndarray) -> np.ndarray:
    month = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return (month // 12 + 1970) * 10 + month % 12 // 3 + 1


def _generate(households: int, seed: int, today: date) -> dict:
    """Every demo row as arrays and frames, before any upload ids exist."""
    if households < PILOT_HOUSEHOLDS + 10:
        raise ValueError(f"households must be at least {PILOT_HOUSEHOLDS + 10}")
    if today < PROGRAMME_START + timedelta(days=60):
        raise ValueError(f"today must be at least 60 days after {PROGRAMME_START}")
    rng = np.random.default_rng(seed)
    today_day = _day(today)
    table = pd.read_csv(db.REFERENCE / "jenis_intervensi.csv", dtype=str)
    catalogue = Catalogue(list(table.kode), dict(zip(table.kode, table.satuan)))
    lembaga_codes = list(pd.read_csv(db.REFERENCE / "lembaga.csv", dtype=str).kode)
    lembaga = {code: i for i, code in enumerate(lembaga_codes)}

    areas = _areas(rng, households)
    hh = _households(rng, areas, households, today_day)

    # Baseline answers for every household, also those whose baseline round went missing:
    # their needs decide who is offered what.
    everyone = np.flatnonzero(hh.exists)
    baseline = _answers(rng, seed, hh, areas, everyone, hh.date0[everyone], None, 1)
    ks1 = [f"ks1_0{i}" for i in range(1, 7)]
    # The pilot enrolled pra_sejahtera families only: one KS I item unmet at baseline.
    all_met = ~np.any([baseline[c] == TIDAK for c in ks1], axis=0)
    force = np.flatnonzero(hh.pilot[everyone] & all_met)
    pick = rng.integers(0, 4, len(force))
    for i, column in enumerate(ks1[:4]):
        baseline[column][force[pick == i]] = TIDAK
    needs = {}
    for name, value in _needs(baseline, hh).items():
        needs[name] = np.zeros(hh.n, dtype=bool)
        needs[name][everyone] = value

    parts = _pilot_deliveries(rng, hh, catalogue, lembaga)
    parts += _household_deliveries(rng, hh, areas, needs, catalogue, lembaga)
    parts += _area_deliveries(rng, hh, areas, catalogue, lembaga, today_day)
    deliveries = Deliveries.concat(parts)
    deliveries = deliveries.take(deliveries.day <= today_day)

    rounds = [{k: v[hh.has[everyone, 0]] for k, v in baseline.items()}]
    for putaran in (2, 3):
        who = np.flatnonzero(hh.has[:, putaran - 1])
        raw = _received(hh, deliveries, catalogue.codes, putaran)[who]
        ans = _answers(rng, seed, hh, areas, who, hh.rdate[who, putaran - 1], raw, putaran)
        if putaran == 2:
            # The pilot's endline a month on: eight of ten families now meet every KS I item.
            pilot = np.flatnonzero(hh.pilot[who])
            improved = pilot[rng.permutation(len(pilot)) < 8]
            for column in ks1:
                ans[column][improved] = np.where(ans[column][improved] == TIDAK, YA, ans[column][improved])
            ans["ks1_01"][np.setdiff1d(pilot, improved)] = TIDAK
        rounds.append(ans)
    survei = {k: np.concatenate([r[k] for r in rounds]) for k in rounds[0]}
    kontribusi = _contributions(rng, deliveries, hh, catalogue, lembaga, today_day)
    sasaran = _targets(rng, hh, areas, deliveries, catalogue, today_day)
    return dict(rng=rng, areas=areas, hh=hh, survei=survei, deliveries=deliveries,
                catalogue=catalogue, lembaga_codes=lembaga_codes, kontribusi=kontribusi,
                sasaran=sasaran, today=today_day)


def _suffix(areas: Areas, kota: int) -> str:
    return "" if len(areas.kota_codes) == 1 else "_" + areas.kota_codes[kota].replace(".", "")


def _survei_frame(g: dict) -> tuple:
    hh, areas, s = g["hh"], g["areas"], g["survei"]
    rows = s["_rows"]
    day = s["tanggal_survei"]
    putaran = s["putaran_ke"]
    kota = areas.kota[hh.kel[rows]]
    quarter = _quarter_key(day)
    keys = (kota * 10 + putaran) * 100_000 + quarter

    def name(key):
        k, q = divmod(int(key), 100_000)
        kota_index, p = divmod(k, 10)
        return f"demo_survei_putaran{p}_{q // 10}_q{q % 10}{_suffix(areas, kota_index)}.csv"

    batch, baris, order, batches = _batches("survei", keys, name, day, [hh.kel[rows], hh.nomor[rows]])
    jenis = np.where(putaran == 1, 0, np.where((putaran == 3) | hh.pilot[rows], 2, 1))
    columns = {
        "kode_kelurahan": _categorical(hh.kel[rows], list(areas.kode)),
        "nomor_rumah_tangga": hh.nomor[rows],
        "rw": hh.rw[rows],
        "rt": _nullable_int(hh.rt[rows], hh.rt_missing[rows]),
        "jenis_putaran": _categorical(jenis, PUTARAN),
        "putaran_ke": putaran,
        "tanggal_survei": day.astype("datetime64[D]"),
        "id_fasilitator": _categorical(hh.fac[rows], [f"FAS-{i + 1:02d}" for i in range(areas.n_fac)]),
        "persetujuan_tercatat": _categorical(np.zeros(len(rows)), YA_TIDAK),
        "persetujuan_wali_anak": _categorical(hh.wali[rows], YA_TIDAK),
        "jumlah_anggota_keluarga": hh.anggota[rows],
        "jumlah_balita": hh.balita[rows],
        "ada_baduta": _categorical(np.where(hh.baduta[rows], YA, TIDAK), YA_TIDAK),
        "istri_usia_subur": _categorical(hh.istri[rows], YA_TIDAK),
        "kategori_pendapatan_bulanan": _categorical(s["kategori_pendapatan_bulanan"], PENDAPATAN),
        "desil_kesejahteraan": _nullable_int(hh.desil[rows], hh.desil_missing[rows]),
        "bansos_diterima": _categorical(s["bansos_diterima"], BANSOS_VALUES),
        "kepesertaan_jkn": _categorical(s["kepesertaan_jkn"], JKN),
        "sumber_air_minum": _categorical(s["sumber_air_minum"], AIR),
        "jamban": _categorical(s["jamban"], JAMBAN),
        **{c: _categorical(hh.pus[c][rows], YA_TIDAK) for c in hh.pus},
        "luas_lantai_per_kapita_m2": _nullable_float(s["luas_lantai_per_kapita_m2"],
                                                     np.isnan(s["luas_lantai_per_kapita_m2"])),
        "skor_pengasuhan": _nullable_float(s["skor_pengasuhan"], np.isnan(s["skor_pengasuhan"])),
        "skor_kebersihan_rumah": s["skor_kebersihan_rumah"],
        "ikut_sesi_parenting": s["ikut_sesi_parenting"],
        "catatan_fasilitator": _categorical(s["catatan_fasilitator"], SURVEY_NOTES),
    }
    for column in [c for c, *_ in ITEMS] + [CONFLICT[0], "rumah_layak_huni", "ks2_04", "phbs_air_bersih",
                                             "phbs_jamban_sehat", "rumah_dicat_dibenahi", "ikut_pelatihan_usaha",
                                             "ada_ibu_hamil"]:
        columns[column] = _categorical(s[column], YA_TIDAK)
    frame = pd.DataFrame(columns)
    return frame, batch, baris, order, batches


def _intervensi_frame(g: dict) -> tuple:
    d, hh, areas, catalogue = g["deliveries"], g["hh"], g["areas"], g["catalogue"]
    kota = areas.kota[d.kel]
    keys = kota * 100_000 + _quarter_key(d.day)

    def name(key):
        kota_index, q = divmod(int(key), 100_000)
        return f"demo_intervensi_{q // 10}_q{q % 10}{_suffix(areas, kota_index)}.csv"

    batch, baris, order, batches = _batches("intervensi", keys, name, d.day, [d.kel, d.jenis, d.lembaga, d.hh])
    year = d.day.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    numbered = np.lexsort((np.arange(len(d.day)), d.hh, d.lembaga, d.jenis, d.kel, d.day, year))
    nomor = np.empty(len(d.day), dtype=np.int64)
    year_sorted = year[numbered]
    first = np.searchsorted(year_sorted, year_sorted)
    nomor[numbered] = np.arange(len(d.day)) - first + 1
    household = d.hh >= 0
    units = sorted(set(catalogue.satuan.values()))
    unit = np.array([units.index(catalogue.satuan[code]) for code in catalogue.codes])
    frame = pd.DataFrame({
        "nomor_kegiatan": nomor,
        "tanggal": d.day.astype("datetime64[D]"),
        "jenis_intervensi": _categorical(d.jenis, catalogue.codes),
        "kode_lembaga": _categorical(d.lembaga, g["lembaga_codes"]),
        "kode_kelurahan": _categorical(d.kel, list(areas.kode)),
        "rw": _nullable_int(d.rw, d.rw < 0),
        "nomor_rumah_tangga": _nullable_int(np.where(household, hh.nomor[np.maximum(d.hh, 0)], 0), ~household),
        "jumlah": d.jumlah,
        "satuan": _categorical(unit[d.jenis], units),
        "jumlah_peserta": _nullable_int(d.peserta, d.peserta < 0),
        "catatan": _categorical(d.catatan, DELIVERY_NOTES),
    })
    return frame, batch, baris, order, batches


def _kontribusi_frame(g: dict) -> tuple:
    k, areas, catalogue = g["kontribusi"], g["areas"], g["catalogue"]
    day = k["day"].to_numpy(dtype=np.int64)

    def name(key):
        return f"demo_kontribusi_{key // 10}_q{key % 10}.csv"

    kel = k["kel"].to_numpy()
    batch, baris, order, batches = _batches("kontribusi", _quarter_key(day), name, day,
                                            [k["lembaga"].to_numpy(), kel])
    year = day.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    nomor = np.arange(len(day)) - np.searchsorted(year, year) + 1  # rows are sorted by day already
    kinds = list(CONTRIBUTION_NOTES)
    kind = k["kind"].map(kinds.index).to_numpy()
    frame = pd.DataFrame({
        "nomor_kontribusi": nomor,
        "tanggal": day.astype("datetime64[D]"),
        "kode_lembaga": _categorical(k["lembaga"].to_numpy(), g["lembaga_codes"]),
        "jenis_kontribusi": _categorical(kind, kinds),
        "jenis_intervensi": _categorical(k["jenis"].to_numpy(), catalogue.codes),
        "kode_kelurahan": _categorical(kel, list(areas.kode)),
        "jumlah": k["jumlah"].to_numpy(dtype=np.float64),
        "satuan": pd.Categorical(k["satuan"].to_numpy(dtype=object)),
        "nilai_idr": _nullable_float(k["nilai"].to_numpy(dtype=np.float64), k["nilai"].isna().to_numpy()),
        "keterangan": _categorical(np.where(k["catatan"].to_numpy() > 0, kind, -1), list(CONTRIBUTION_NOTES.values())),
    })
    return frame, batch, baris, order, batches


def _sasaran_frame(g: dict) -> tuple:
    frame = g["sasaran"].reset_index(drop=True)
    year = frame["tahun"].to_numpy(dtype=np.int64)
    day = np.array([_day(PROGRAMME_START if y == 2023 else date(int(y), 1, 10)) for y in year], dtype=np.int64)
    order_in_file = frame["kode_kelurahan"].rank(method="dense").to_numpy(dtype=np.int64)
    batch, baris, order, batches = _batches(
        "sasaran", year, lambda y: f"demo_sasaran_{y}.csv", day,
        [order_in_file, frame["jenis_intervensi"].fillna("").rank(method="dense").to_numpy(dtype=np.int64)])
    for b in batches:
        b.fixed = True  # targets are uploaded at the start of their year, not after data
    return frame, batch, baris, order, batches


def _uploaded_at(rng, batches: list, today: int) -> list:
    """When each batch was uploaded: a few days after its last row (targets on their own day)."""
    last = np.array([b.last_day for b in batches], dtype=np.int64)
    fixed = np.array([b.fixed for b in batches])
    day = np.where(fixed, last, np.minimum(last + rng.integers(1, 8, len(batches)), today))
    seconds = rng.integers(8 * 3600, 17 * 3600, len(batches))
    return [datetime.combine(_date(d), datetime.min.time()) + timedelta(seconds=int(t)) for d, t in zip(day, seconds)]


def _write(con, table: str, frame: pd.DataFrame, batch: np.ndarray, baris: np.ndarray, order: np.ndarray,
           upload_ids: np.ndarray) -> None:
    frame = frame.iloc[order].reset_index(drop=True)
    frame["upload_id"] = upload_ids[batch[order]].astype(np.int32)
    frame["baris"] = baris[order].astype(np.int32)
    name = f"demo_{table}"
    con.register(name, frame)
    try:
        db.execute(con, f"demo_insert_{table}")
    finally:
        con.unregister(name)


def build(path, households: int = DEFAULT_HOUSEHOLDS, seed: int = DEFAULT_SEED, today: date | None = None) -> dict:
    """Build a new demo database at path (replacing any file there); returns counts and seconds taken."""
    started = time.perf_counter()
    today = DEFAULT_TODAY if today is None else today
    if isinstance(today, str):
        today = date.fromisoformat(today)
    path = Path(path)
    generated = _generate(households, seed, today)
    tables = {
        "survei": _survei_frame(generated),
        "intervensi": _intervensi_frame(generated),
        "kontribusi": _kontribusi_frame(generated),
        "sasaran": _sasaran_frame(generated),
    }
    batches = [b for *_, bs in tables.values() for b in bs]
    stamps = _uploaded_at(generated["rng"], batches, generated["today"])
    kinds = list(tables)
    upload_order = sorted(range(len(batches)),
                          key=lambda i: (stamps[i], kinds.index(batches[i].kind), batches[i].file_name))
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = db.open_database(path)
    try:
        con.begin()
        ids = np.zeros(len(batches), dtype=np.int64)
        for i in upload_order:
            b = batches[i]
            digest = hashlib.sha256(f"demo:{seed}:{households}:{today}:{b.file_name}:{b.rows}".encode()).hexdigest()
            ids[i] = con.execute(db.sql("demo_insert_upload"), {
                "kind": b.kind, "file_name": b.file_name, "content_hash": digest,
                "uploaded_at": stamps[i], "rows_new": b.rows,
            }).fetchone()[0]
        offset = 0
        for table, (frame, batch, baris, order, table_batches) in tables.items():
            _write(con, table, frame, batch, baris, order, ids[offset:offset + len(table_batches)])
            offset += len(table_batches)
        for key, value in (("sumber_data", "demo"), ("demo_seed", seed), ("demo_households", households),
                           ("demo_today", today.isoformat())):
            db.execute(con, "insert_setting", key=key, value=str(value))
        db.refresh_summary(con)
        con.commit()
        counts = db.query(con, "demo_row_counts").iloc[0].to_dict()
        con.execute("checkpoint")
    finally:
        con.close()
    summary = {key: int(value) for key, value in counts.items()}
    summary.update(path=str(path), seed=seed, today=today.isoformat(),
                   seconds=round(time.perf_counter() - started, 2))
    return summary


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bebenah.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=DEFAULT_HOUSEHOLDS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY,
                        help="the build's 'today': no date after it (default %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="database file to (re)create")
    args = parser.parse_args(argv)
    print(json.dumps(build(args.out, args.households, args.seed, args.today), indent=2))

