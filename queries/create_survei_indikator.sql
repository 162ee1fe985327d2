-- Every current survey row with the measures the data contract derives from it.
-- One row per (id_rumah_tangga, putaran_ke). Adds:
--   kode_kecamatan, kode_kota (from the Kemendagri code), tahapan_ks (BKKBN stage),
--   tahapan_urut (0 = pra_sejahtera .. 4 = ks_3_plus), phbs_skor (0-10), rt_ber_phbs,
--   keluarga_berisiko_stunting, skor_ketahanan (0-100, approximates iBangga), band_ketahanan.
-- tidak_berlaku counts as met for the stage and as not applicable for PHBS and ketahanan.
create or replace view survei_indikator as
with measures as (
    select
        *,
        left(kode_kelurahan, 8) as kode_kecamatan,
        left(kode_kelurahan, 5) as kode_kota,
        case
            when 'tidak' in (ks1_01, ks1_02, ks1_03, ks1_04, ks1_05, ks1_06) then 'pra_sejahtera'
            when 'tidak' in (ks2_01, ks2_02, ks2_03, ks2_04, ks2_05, ks2_06, ks2_07, ks2_08) then 'ks_1'
            when 'tidak' in (ks3_01, ks3_02, ks3_03, ks3_04, ks3_05) then 'ks_2'
            when 'tidak' in (ks3p_01, ks3p_02) then 'ks_3'
            else 'ks_3_plus'
        end as tahapan_ks,
        (phbs_persalinan_nakes = 'ya')::integer
        + (phbs_asi_eksklusif = 'ya')::integer
        + (phbs_timbang_balita = 'ya')::integer
        + (phbs_air_bersih = 'ya')::integer
        + (phbs_cuci_tangan = 'ya')::integer
        + (phbs_jamban_sehat = 'ya')::integer
        + (phbs_berantas_jentik = 'ya')::integer
        + (phbs_sayur_buah = 'ya')::integer
        + (phbs_aktivitas_fisik = 'ya')::integer
        + (phbs_tanpa_rokok = 'ya')::integer as phbs_skor,
        'tidak' not in (
            phbs_persalinan_nakes, phbs_asi_eksklusif, phbs_timbang_balita, phbs_air_bersih,
            phbs_cuci_tangan, phbs_jamban_sehat, phbs_berantas_jentik, phbs_sayur_buah,
            phbs_aktivitas_fisik, phbs_tanpa_rokok
        ) as rt_ber_phbs,
        (
            istri_usia_subur = 'ya'
            or ada_ibu_hamil = 'ya'
            or ada_baduta = 'ya'
            or jumlah_balita > 0
        )
        and (
            sumber_air_minum in ('air_hujan', 'tidak_layak')
            or jamban in ('tanpa_septik', 'tidak_ada')
            or rumah_layak_huni = 'tidak'
            or 'ya' in (pus_terlalu_muda, pus_terlalu_tua, pus_terlalu_dekat, pus_terlalu_banyak)
        ) as keluarga_berisiko_stunting,
        -- ketahanan: items met (ib_konflik_keluarga reverse-scored: no serious conflict is met)
        -- over items that apply (not tidak_berlaku); plain arithmetic, as list lambdas cost 3x here
        (ib_ibadah = 'ya')::integer
        + (ib_buku_nikah = 'ya')::integer
        + (ib_akta_lahir_anak = 'ya')::integer
        + (ib_konflik_keluarga = 'tidak')::integer
        + (ib_sumber_penghasilan = 'ya')::integer
        + (ib_makanan_beragam = 'ya')::integer
        + (ib_tabungan = 'ya')::integer
        + (ib_akses_internet = 'ya')::integer
        + (ib_interaksi_keluarga = 'ya')::integer
        + (ib_interaksi_sosial = 'ya')::integer as ketahanan_met,
        (ib_ibadah <> 'tidak_berlaku')::integer
        + (ib_buku_nikah <> 'tidak_berlaku')::integer
        + (ib_akta_lahir_anak <> 'tidak_berlaku')::integer
        + (ib_konflik_keluarga <> 'tidak_berlaku')::integer
        + (ib_sumber_penghasilan <> 'tidak_berlaku')::integer
        + (ib_makanan_beragam <> 'tidak_berlaku')::integer
        + (ib_tabungan <> 'tidak_berlaku')::integer
        + (ib_akses_internet <> 'tidak_berlaku')::integer
        + (ib_interaksi_keluarga <> 'tidak_berlaku')::integer
        + (ib_interaksi_sosial <> 'tidak_berlaku')::integer as ketahanan_applicable,
    from survei_terkini
),

scored as (
    select
        * exclude (ketahanan_met, ketahanan_applicable),
        case tahapan_ks
            when 'pra_sejahtera' then 0
            when 'ks_1' then 1
            when 'ks_2' then 2
            when 'ks_3' then 3
            else 4
        end as tahapan_urut,
        round(100.0 * ketahanan_met / nullif(ketahanan_applicable, 0), 1) as skor_ketahanan,
    from measures
)

select
    *,
    case
        when skor_ketahanan < 40 then 'rentan'
        when skor_ketahanan <= 70 then 'berkembang'
        else 'tangguh'
    end as band_ketahanan,
from scored;
