-- Every kelurahan the map draws, with enrolment against target: the kelurahan of the chosen
-- kecamatan; else of the chosen kota (or the kota of the chosen kelurahan); else of every kota
-- where the programme has households or targets. A chosen kelurahan keeps its neighbours on the map.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date)
-- Returns: kode_kelurahan, kelurahan, kecamatan (text), rt_terdaftar (households with a baseline
--          by $sampai), sasaran_rt (enrolment targets of the years up to $sampai; null = none set),
--          capaian (enrolled / target), di_program (boolean: enrolled households or a target),
--          dipilih (boolean: the chosen kelurahan)
-- Households: rt_terdaftar
-- Derived:    capaian <- rt_terdaftar
-- Totals:     kecamatan
with households as (
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

programme_kota as (
    select distinct left(kode_kelurahan, 5) as kode_kota
    from (
        select kode_kelurahan from households
        union all
        select kode_kelurahan from targets
    )
),

shown as (
    select *
    from wilayah
    where
        case
            when $kecamatan is not null then kode_kecamatan = $kecamatan
            when coalesce($kota, left($kelurahan, 5)) is not null
                then kode_kota = coalesce($kota, left($kelurahan, 5))
            else kode_kota in (select kode_kota from programme_kota)
        end
),

last_step as (
    select
        shown.kode_kelurahan,
        shown.kelurahan,
        shown.kecamatan,
        coalesce(households.rt_terdaftar, 0) as rt_terdaftar,
        targets.sasaran_rt::bigint as sasaran_rt,
        coalesce(households.rt_terdaftar, 0) / nullif(targets.sasaran_rt, 0) as capaian,
        coalesce(households.rt_terdaftar, 0) > 0 or coalesce(targets.sasaran_rt, 0) > 0 as di_program,
        coalesce(shown.kode_kelurahan = $kelurahan, false) as dipilih,
    from shown
    left join households using (kode_kelurahan)
    left join targets using (kode_kelurahan)
)

select * from last_step
order by kecamatan, kelurahan
