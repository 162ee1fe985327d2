-- Facilitators per kelurahan, and how many of them have had no survey for more than $hari days
-- (the definition is in quality_inactive_facilitators.sql: measured against the programme's latest
-- survey date as of $sampai; a facilitator belongs to the kelurahan of their latest survey). One
-- row per kelurahan of the selection that has a facilitator, for everyone on the data-quality page.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date),
--          $hari (integer: days, e.g. 60)
-- Returns: kode_kelurahan, kelurahan, kecamatan (text), fasilitator (bigint: facilitators whose
--          latest survey was there), fasilitator_tidak_aktif (bigint: of those, with none for more
--          than $hari days), hari_terlama (bigint: the longest such gap, null when none)
with rounds as (
    select
        id_fasilitator,
        kode_kelurahan,
        tanggal_survei,
    from summary_survei
    where tanggal_survei <= $sampai
),

latest_place as (
    select
        id_fasilitator,
        kode_kelurahan,
        tanggal_survei as tanggal_terakhir,
    from rounds
    qualify row_number() over (partition by id_fasilitator order by tanggal_survei desc, kode_kelurahan) = 1
),

judged as (
    select
        *,
        (select max(tanggal_survei) from rounds) - tanggal_terakhir as hari_tanpa_survei,
    from latest_place
),

per_kelurahan as (
    select
        kode_kelurahan,
        count(*) as fasilitator,
        count(*) filter (where hari_tanpa_survei > $hari) as fasilitator_tidak_aktif,
        max(hari_tanpa_survei) filter (where hari_tanpa_survei > $hari) as hari_terlama,
    from judged
    group by kode_kelurahan
),

last_step as (
    select
        per_kelurahan.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        per_kelurahan.fasilitator,
        per_kelurahan.fasilitator_tidak_aktif,
        per_kelurahan.hari_terlama,
    from per_kelurahan
    join wilayah using (kode_kelurahan)
    where
        in_area(per_kelurahan.kode_kelurahan, $kota, $kecamatan, $kelurahan)
)

select * from last_step
order by fasilitator_tidak_aktif desc, kecamatan, kelurahan
