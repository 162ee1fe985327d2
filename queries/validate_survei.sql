-- Problems across the columns of a survei upload, and against the rounds already stored.
-- Reads:   upload_rows (registered by bebenah.ingest: baris and the survei columns as text),
--          summary_survei
-- Params:  none
-- Returns: baris (integer), kolom (text), nilai (text), kode_alasan (text), rincian (text)
with survey_rows as (
    select
        baris,
        id_rumah_tangga,
        kode_kelurahan,
        jenis_putaran,
        putaran_ke as putaran_teks,
        try_cast(putaran_ke as integer) as putaran_ke,
        try_cast(tanggal_survei as date) as tanggal_survei,
        persetujuan_tercatat,
        persetujuan_wali_anak,
        coalesce(try_cast(jumlah_balita as integer) > 0, false) or ada_baduta = 'ya' as ada_anak,
        phbs_persalinan_nakes,
        phbs_asi_eksklusif,
        phbs_timbang_balita,
    from upload_rows
),

-- UU 27/2022: no consent, no record.
no_consent as (
    select
        baris,
        'persetujuan_tercatat' as kolom,
        persetujuan_tercatat as nilai,
        'tanpa_persetujuan' as kode_alasan,
        null::varchar as rincian,
    from survey_rows
    where persetujuan_tercatat = 'tidak'
),

no_guardian_consent as (
    select
        baris,
        'persetujuan_wali_anak' as kolom,
        persetujuan_wali_anak as nilai,
        'tanpa_persetujuan_wali' as kode_alasan,
        null::varchar as rincian,
    from survey_rows
    where ada_anak and persetujuan_wali_anak in ('tidak', 'tidak_berlaku')
),

child_items as (
    select
        baris,
        kolom,
        nilai,
        'phbs_ada_anak' as kode_alasan,
        null::varchar as rincian,
    from survey_rows
    unpivot (nilai for kolom in (phbs_persalinan_nakes, phbs_asi_eksklusif, phbs_timbang_balita))
    where ada_anak and nilai = 'tidak_berlaku'
),

household_area as (
    select
        baris,
        'id_rumah_tangga' as kolom,
        id_rumah_tangga as nilai,
        'kelurahan_tidak_cocok' as kode_alasan,
        kode_kelurahan as rincian,
    from survey_rows
    where
        regexp_full_match(id_rumah_tangga, 'BKK-\d{10}-\d{3,4}')
        and regexp_full_match(kode_kelurahan, '\d{2}\.\d{2}\.\d{2}\.\d{4}')
        and split_part(id_rumah_tangga, '-', 2) <> replace(kode_kelurahan, '.', '')
),

round_type as (
    select
        baris,
        'jenis_putaran' as kolom,
        jenis_putaran as nilai,
        case
            when putaran_ke = 1 then 'putaran_1_bukan_baseline'
            else 'baseline_bukan_putaran_1'
        end as kode_alasan,
        putaran_teks as rincian,
    from survey_rows
    where (jenis_putaran = 'baseline') <> (putaran_ke = 1)
),

duplicate_keys as (
    select
        baris,
        'id_rumah_tangga' as kolom,
        id_rumah_tangga as nilai,
        'kunci_ganda' as kode_alasan,
        array_to_string(list_sort(list(baris) over same_key), ', ') as rincian,
    from survey_rows
    where id_rumah_tangga is not null and putaran_ke is not null
    window same_key as (partition by id_rumah_tangga, putaran_ke)
    qualify count(*) over same_key > 1
),

-- A household's rounds: this file's, and the stored ones this file does not replace.
rounds as (
    select
        baris,
        id_rumah_tangga,
        putaran_ke,
        tanggal_survei,
    from survey_rows
    where id_rumah_tangga is not null and putaran_ke is not null and tanggal_survei is not null
    union all
    select
        null as baris,
        id_rumah_tangga,
        putaran_ke,
        tanggal_survei,
    from summary_survei
    semi join survey_rows using (id_rumah_tangga)
    anti join survey_rows using (id_rumah_tangga, putaran_ke)
),

neighbours as (
    select
        *,
        lag(putaran_ke) over household as putaran_sebelum,
        lag(tanggal_survei) over household as tanggal_sebelum,
        lead(putaran_ke) over household as putaran_sesudah,
        lead(tanggal_survei) over household as tanggal_sesudah,
    from rounds
    window household as (partition by id_rumah_tangga order by putaran_ke, baris nulls first)
),

round_order as (
    select
        baris,
        'tanggal_survei' as kolom,
        tanggal_survei::varchar as nilai,
        'urutan_putaran' as kode_alasan,
        case
            when tanggal_survei <= tanggal_sebelum
                then putaran_sebelum || ' (' || tanggal_sebelum || ')'
            else putaran_sesudah || ' (' || tanggal_sesudah || ')'
        end as rincian,
    from neighbours
    where
        baris is not null
        and putaran_ke is distinct from putaran_sebelum
        and putaran_ke is distinct from putaran_sesudah
        and (tanggal_survei <= tanggal_sebelum or tanggal_survei >= tanggal_sesudah)
),

problems as (
    select * from no_consent
    union all
    select * from no_guardian_consent
    union all
    select * from child_items
    union all
    select * from household_area
    union all
    select * from round_type
    union all
    select * from duplicate_keys
    union all
    select * from round_order
)

select * from problems
