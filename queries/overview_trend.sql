-- The programme quarter by quarter: households enrolled and progress as of each quarter's end,
-- from the quarter of the first baseline to the quarter of $sampai (or of the latest round, if earlier).
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date)
-- Returns: kuartal (date: the quarter's first day), akhir (date: its last day, or $sampai),
--          rt_terdaftar (bigint: households with a baseline by then), sasaran_rt (bigint: enrolment
--          targets of the years up to then, null = none set), rt_dengan_kemajuan (bigint: of them,
--          surveyed again), rt_naik (bigint: of those, a higher stage than at baseline)
-- Households: rt_terdaftar, rt_dengan_kemajuan, rt_naik
-- Totals:     kuartal
with rounds as (
    select *
    from summary_survei
    where
        tanggal_survei <= $sampai
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

quarters as (
    select
        kuartal::date as kuartal,
        least((kuartal + interval 3 month - interval 1 day)::date, $sampai) as akhir,
    from (
        select unnest(generate_series(
            date_trunc('quarter', min(tanggal_survei)),
            date_trunc('quarter', max(tanggal_survei)),
            interval 3 month
        )) as kuartal
        from rounds
    )
),

as_of as (
    select
        quarters.kuartal,
        quarters.akhir,
        (
            select {
                rt_terdaftar: count(*) filter (where kemajuan <> 'tanpa_baseline'),
                rt_dengan_kemajuan: count(*) filter (where kemajuan in ('naik', 'tetap', 'turun')),
                rt_naik: count(*) filter (where kemajuan = 'naik'),
            }
            from summary_kemajuan_per(sampai := quarters.akhir)
            where
                in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
        ) as progress,
        (
            select sum(jumlah_rt_sasaran)::bigint
            from summary_sasaran
            where
                jenis_intervensi is null
                and tahun <= year(quarters.akhir)
                and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
        ) as sasaran_rt,
    from quarters
),

last_step as (
    select
        kuartal,
        akhir,
        progress.rt_terdaftar,
        sasaran_rt,
        progress.rt_dengan_kemajuan,
        progress.rt_naik,
    from as_of
)

select * from last_step
order by kuartal
