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
        [
            ib_ibadah, ib_buku_nikah, ib_akta_lahir_anak,
            -- reverse-scored: no serious conflict is the item met
            case ib_konflik_keluarga when 'tidak' then 'ya' when 'ya' then 'tidak' end,
            ib_sumber_penghasilan, ib_makanan_beragam, ib_tabungan, ib_akses_internet,
            ib_interaksi_keluarga, ib_interaksi_sosial
        ] as ketahanan_items,
    from survei_terkini
),

scored as (
    select
        * exclude (ketahanan_items),
        case tahapan_ks
            when 'pra_sejahtera' then 0
            when 'ks_1' then 1
            when 'ks_2' then 2
            when 'ks_3' then 3
            else 4
        end as tahapan_urut,
        round(
            100.0 * len(list_filter(ketahanan_items, lambda x: x = 'ya'))
            / nullif(len(list_filter(ketahanan_items, lambda x: x in ('ya', 'tidak'))), 0),
            1
        ) as skor_ketahanan,
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
