"""The one small database that unit, AppTest and browser tests share; every figure is hand-checkable.

Households (Jagakarsa = 31.74.09, Tanjung Barat = 31.74.09.1005; Mampang Prapatan = 31.74.03,
Pela Mampang = 31.74.03.1003):
  H1 BKK-3174091005-001  round 1 2023-09-20 pra_sejahtera -> round 2 2023-10-20 ks_2   (naik)
  H2 BKK-3174091005-002  round 1 2023-09-21 ks_1          -> round 2 2023-10-21 ks_1   (tetap)
  H3 BKK-3174091005-003  round 1 2024-02-01 ks_1 only                                   (hanya_baseline)
  H4 BKK-3174031003-001  round 1 2024-03-01 ks_2          -> round 2 2024-09-01 pra_sej. (turun)
  H5 BKK-3174031003-002  round 2 2024-05-01 only, no baseline                           (tanpa_baseline)
"""

from datetime import date

import pandas as pd

from bebenah import db

H1, H2, H3, H4, H5 = (
    "BKK-3174091005-001",
    "BKK-3174091005-002",
    "BKK-3174091005-003",
    "BKK-3174031003-001",
    "BKK-3174031003-002",
)
TANJUNG_BARAT, PELA_MAMPANG = "31.74.09.1005", "31.74.03.1003"
JAGAKARSA, MAMPANG = "31.74.09", "31.74.03"

# Every answer met: a ks_3_plus household with no child, full PHBS and ketahanan score 100.
BASE_ROW = {
    "rw": 3, "rt": 4, "id_fasilitator": "FAS-01", "persetujuan_tercatat": "ya",
    "persetujuan_wali_anak": "tidak_berlaku", "jumlah_anggota_keluarga": 4, "jumlah_balita": 0,
    "ada_baduta": "tidak", "ada_ibu_hamil": "tidak", "istri_usia_subur": "tidak",
    "kategori_pendapatan_bulanan": "antara_1_3jt", "desil_kesejahteraan": 5, "bansos_diterima": "pkh",
    **{f"phbs_{item}": "ya" for item in (
        "persalinan_nakes", "asi_eksklusif", "timbang_balita", "air_bersih", "cuci_tangan",
        "jamban_sehat", "berantas_jentik", "sayur_buah", "aktivitas_fisik", "tanpa_rokok")},
    **{f"ks1_0{i}": "ya" for i in range(1, 7)},
    **{f"ks2_0{i}": "ya" for i in range(1, 9)},
    **{f"ks3_0{i}": "ya" for i in range(1, 6)},
    "ks3p_01": "ya", "ks3p_02": "ya",
    **{f"ib_{item}": "ya" for item in (
        "ibadah", "buku_nikah", "akta_lahir_anak", "sumber_penghasilan", "makanan_beragam",
        "tabungan", "akses_internet", "interaksi_keluarga", "interaksi_sosial")},
    "ib_konflik_keluarga": "tidak", "kepesertaan_jkn": "bpjs_pbi",
    "sumber_air_minum": "ledeng_pam", "jamban": "sendiri_septik", "rumah_layak_huni": "ya",
    "luas_lantai_per_kapita_m2": 9.5, "pus_terlalu_muda": "tidak_berlaku",
    "pus_terlalu_tua": "tidak_berlaku", "pus_terlalu_dekat": "tidak_berlaku",
    "pus_terlalu_banyak": "tidak_berlaku", "anak_usia_dini_ikut_paud": "tidak_berlaku",
    "balita_dipantau_posyandu": "tidak_berlaku", "rumah_dicat_dibenahi": "ya",
    "skor_kebersihan_rumah": 4, "pilah_sampah": "ya", "ikut_sesi_parenting": 2,
    "skor_pengasuhan": 60.0, "ikut_pelatihan_usaha": "ya", "catatan_fasilitator": None,
}


def survey_row(household: str, round_no: int, day: str, **answers) -> dict:
    kode = household[4:6] + "." + household[6:8] + "." + household[8:10] + "." + household[10:14]
    kind = "baseline" if round_no == 1 else "monitoring"
    return {
        **BASE_ROW,
        "id_rumah_tangga": household, "kode_kelurahan": kode, "jenis_putaran": kind,
        "putaran_ke": round_no, "tanggal_survei": date.fromisoformat(day), **answers,
    }


SURVEYS = [
    # H1: KS I item unmet, PHBS with three items not applicable, low cleanliness, no parenting yet.
    survey_row(H1, 1, "2023-09-20", ks1_03="tidak", phbs_persalinan_nakes="tidak_berlaku",
               phbs_asi_eksklusif="tidak_berlaku", phbs_timbang_balita="tidak_berlaku",
               skor_kebersihan_rumah=2, ikut_sesi_parenting=0, phbs_cuci_tangan="tidak"),
    survey_row(H1, 2, "2023-10-20", ks3_02="tidak", skor_kebersihan_rumah=4, ikut_sesi_parenting=3,
               catatan_fasilitator="Rumah sudah dicat"),
    # H2: KS II item unmet in both rounds; ketahanan 6 of 9 applicable items.
    survey_row(H2, 1, "2023-09-21", ks2_06="tidak", ib_buku_nikah="tidak_berlaku",
               ib_tabungan="tidak", ib_akses_internet="tidak", ib_konflik_keluarga="ya"),
    survey_row(H2, 2, "2023-10-21", ks2_06="tidak"),
    # H3: baseline only; poor without social assistance.
    survey_row(H3, 1, "2024-02-01", ks2_03="tidak", desil_kesejahteraan=3, bansos_diterima="tidak_ada"),
    # H4: a child under five; the latrine has no septic tank in round 2: at risk of stunting.
    survey_row(H4, 1, "2024-03-01", ks3_01="tidak", jumlah_balita=1, persetujuan_wali_anak="ya"),
    survey_row(H4, 2, "2024-09-01", ks1_01="tidak", jumlah_balita=1, persetujuan_wali_anak="ya",
               jamban="tanpa_septik", phbs_jamban_sehat="tidak", anak_usia_dini_ikut_paud="tidak"),
    # H5: a monitoring round without a baseline.
    survey_row(H5, 2, "2024-05-01"),
]

INTERVENTIONS = [
    # id, tanggal, jenis, lembaga, kelurahan, rw, household, jumlah, satuan, peserta
    ("KGT-1", "2023-09-25", "sosialisasi_phbs", "SUDIN_KES", TANJUNG_BARAT, 3, H1, 1, "sesi", 4),
    ("KGT-2", "2023-09-26", "pengecatan_pembenahan_rumah", "NOVALUX", TANJUNG_BARAT, 3, H1, 1, "rumah", None),
    ("KGT-3", "2023-10-01", "pengecatan_pembenahan_rumah", "TP_PKK_JAKSEL", TANJUNG_BARAT, 3, H1, 1, "rumah", None),
    ("KGT-4", "2024-04-01", "penataan_lingkungan_rw", "SUDIN_LH", PELA_MAMPANG, 2, None, 1, "kegiatan", 40),
]

CONTRIBUTIONS = [
    # id, tanggal, lembaga, jenis, intervensi, kelurahan, jumlah, satuan, nilai_idr
    ("KTB-1", "2023-09-13", "KEMENKO_PMK", "dana_idr", None, TANJUNG_BARAT, 100_000_000, "IDR", 100_000_000),
    ("KTB-2", "2023-09-26", "NOVALUX", "barang", "pengecatan_pembenahan_rumah", TANJUNG_BARAT, 20, "liter", 5_000_000),
    ("KTB-3", "2024-01-15", "PEMKOT_JAKSEL", "dana_idr", None, None, 50_000_000, "IDR", 50_000_000),
]

TARGETS = [
    (2023, TANJUNG_BARAT, None, 10),
    (2024, TANJUNG_BARAT, None, 5),
    (2024, PELA_MAMPANG, None, 20),
    (2024, PELA_MAMPANG, "sosialisasi_phbs", 10),
]


def _insert(con, kind: str, table: str, frame: pd.DataFrame) -> None:
    upload_id = con.execute(
        "insert into uploads (kind, file_name, file_shape, content_hash, uploaded_by, rows_new) "
        "values (?, ?, 'template', ?, 'fixture', ?) returning upload_id",
        [kind, f"fixture_{kind}.csv", f"fixture-{kind}", len(frame)],
    ).fetchone()[0]
    frame = frame.assign(upload_id=upload_id, baris=range(2, len(frame) + 2))
    con.register("fixture_rows", frame)
    con.execute(f"insert into {table} by name select * from fixture_rows")
    con.unregister("fixture_rows")


def build(path) -> None:
    """Write the fixture database at path (which must not exist yet)."""
    con = db.open_database(path)
    _insert(con, "survei", "survei", pd.DataFrame(SURVEYS))
    interventions = pd.DataFrame(INTERVENTIONS, columns=[
        "id_kegiatan", "tanggal", "jenis_intervensi", "kode_lembaga", "kode_kelurahan", "rw",
        "id_rumah_tangga", "jumlah", "satuan", "jumlah_peserta"])
    interventions["tanggal"] = pd.to_datetime(interventions["tanggal"]).dt.date
    _insert(con, "intervensi", "intervensi", interventions)
    contributions = pd.DataFrame(CONTRIBUTIONS, columns=[
        "id_kontribusi", "tanggal", "kode_lembaga", "jenis_kontribusi", "jenis_intervensi",
        "kode_kelurahan", "jumlah", "satuan", "nilai_idr"])
    contributions["tanggal"] = pd.to_datetime(contributions["tanggal"]).dt.date
    _insert(con, "kontribusi", "kontribusi", contributions)
    _insert(con, "sasaran", "sasaran", pd.DataFrame(TARGETS, columns=[
        "tahun", "kode_kelurahan", "jenis_intervensi", "jumlah_rt_sasaran"]))
    db.refresh_summary(con)
    con.close()
