-- Households enrolled against the enrolment target, per kecamatan (or per kelurahan once a
-- kecamatan or kelurahan is chosen), for targets of the years up to $sampai.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date)
-- Returns: kode_wilayah, wilayah (text), rt_terdaftar (bigint), sasaran_rt (bigint, null = none set),
--          capaian (double: enrolled / target, null without a target)
-- Households: rt_terdaftar
-- Derived:    capaian <- rt_terdaftar
with chosen_areas as (
    select
        kode_kelurahan,
        per_chosen_level(kode_kecamatan, kode_kelurahan, $kecamatan, $kelurahan) as kode_wilayah,
        per_chosen_level(kecamatan, kelurahan, $kecamatan, $kelurahan) as wilayah,
    from wilayah
    where
        in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

enrolled as (
    select
        kode_kelurahan,
        count(*) as rt_terdaftar,
    from summary_kemajuan_per(sampai := $sampai)
    where kemajuan <> 'tanpa_baseline'
    group by all
),

targets as (
    select
        kode_kelurahan,
        sum(jumlah_rt_sasaran) as sasaran_rt,
    from summary_sasaran
    where jenis_intervensi is null and tahun <= year($sampai)
    group by all
),

by_area as (
    select
        chosen_areas.kode_wilayah,
        chosen_areas.wilayah,
        coalesce(sum(enrolled.rt_terdaftar), 0) as rt_terdaftar,
        sum(targets.sasaran_rt) as sasaran_rt,
    from chosen_areas
    left join enrolled using (kode_kelurahan)
    left join targets using (kode_kelurahan)
    group by all
    having sum(enrolled.rt_terdaftar) > 0 or sum(targets.sasaran_rt) > 0
)

select
    *,
    rt_terdaftar / nullif(sasaran_rt, 0) as capaian,
from by_area
order by capaian nulls last, wilayah
