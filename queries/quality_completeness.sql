-- Completeness of the survey: one row per kelurahan and round number with a household surveyed
-- between $dari and $sampai. The optional answers are the dictionary's columns with wajib = tidak
-- (data/kamus/kamus_survei.csv): rt, kategori_pendapatan_bulanan, desil_kesejahteraan,
-- luas_lantai_per_kapita_m2, skor_pengasuhan, catatan_fasilitator. Required answers are always
-- filled (an upload without them is rejected), so they are not counted.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $dari, $sampai (date)
-- Returns: kode_kelurahan, kelurahan, kecamatan (text), putaran_ke (integer),
--          rumah_tangga (bigint: households surveyed in that round),
--          terisi (double 0-1: optional answers given / (rumah_tangga x 6)),
--          terisi_rt, terisi_kategori_pendapatan_bulanan, terisi_desil_kesejahteraan,
--          terisi_luas_lantai_per_kapita_m2, terisi_skor_pengasuhan, terisi_catatan_fasilitator
--          (double 0-1: the share of those households that answered that question)
-- Households: rumah_tangga
-- Derived:    terisi <- rumah_tangga; terisi_* <- rumah_tangga
-- Totals:     kode_kelurahan, putaran_ke
-- Own area:   kode_kelurahan
with rounds as (
    select *
    from summary_survei
    where
        tanggal_survei between $dari and $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

per_round as (
    select
        kode_kelurahan,
        putaran_ke,
        count(*) as rumah_tangga,
        avg((rt is not null)::integer) as terisi_rt,
        avg((kategori_pendapatan_bulanan is not null)::integer) as terisi_kategori_pendapatan_bulanan,
        avg((desil_kesejahteraan is not null)::integer) as terisi_desil_kesejahteraan,
        avg((luas_lantai_per_kapita_m2 is not null)::integer) as terisi_luas_lantai_per_kapita_m2,
        avg((skor_pengasuhan is not null)::integer) as terisi_skor_pengasuhan,
        avg((nullif(trim(catatan_fasilitator), '') is not null)::integer) as terisi_catatan_fasilitator,
    from rounds
    group by all
),

last_step as (
    select
        per_round.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        per_round.putaran_ke,
        per_round.rumah_tangga,
        (
            per_round.terisi_rt
            + per_round.terisi_kategori_pendapatan_bulanan
            + per_round.terisi_desil_kesejahteraan
            + per_round.terisi_luas_lantai_per_kapita_m2
            + per_round.terisi_skor_pengasuhan
            + per_round.terisi_catatan_fasilitator
        ) / 6 as terisi,
        per_round.terisi_rt,
        per_round.terisi_kategori_pendapatan_bulanan,
        per_round.terisi_desil_kesejahteraan,
        per_round.terisi_luas_lantai_per_kapita_m2,
        per_round.terisi_skor_pengasuhan,
        per_round.terisi_catatan_fasilitator,
    from per_round
    join wilayah using (kode_kelurahan)
)

select * from last_step
order by kecamatan, kelurahan, putaran_ke
