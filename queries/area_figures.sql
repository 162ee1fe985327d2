-- A meeting's key figures for every area (the programme, each kota, kecamatan and kelurahan) as of
-- a date, from the programme's start: what closing a meeting stores (rapat_angka) and what the
-- briefing compares them with. The area filters narrow it to the chosen area and those inside it;
-- $semua_wilayah false keeps the chosen area's row alone (what a page shows).
-- Params:  $sampai (date), $kota, $kecamatan, $kelurahan (text codes, null = all), $semua_wilayah (boolean)
-- Returns: tingkat (program | kota | kecamatan | kelurahan), kode_wilayah (text, '' for the
--          programme), rt_terdaftar (households with a baseline), sasaran_rt (enrolment targets of
--          the years up to $sampai), rt_dengan_kemajuan (surveyed again), rt_naik (stage rose),
--          rt_dijangkau (reached by a household-level intervention), rt_kebutuhan_terbuka
--          (households with a need no intervention has answered yet), intervensi (activities
--          delivered), lembaga_aktif (agencies that delivered or contributed), kontribusi_idr
--          (rupiah contributed; city-wide contributions count for the programme only), unggahan
--          (uploads behind these rows)
-- Households: rt_terdaftar, rt_dengan_kemajuan, rt_naik, rt_dijangkau, rt_kebutuhan_terbuka
-- Totals:     tingkat
with areas as (
    select kode_kota, kode_kecamatan, kode_kelurahan
    from wilayah
    where in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

households as (
    select *
    from summary_kemajuan_per(sampai := $sampai)
    semi join areas using (kode_kelurahan)
    where kemajuan <> 'tanpa_baseline'
),

deliveries as (
    select *
    from summary_intervensi
    semi join areas using (kode_kelurahan)
    where tanggal <= $sampai
),

contributions as (
    select *
    from summary_kontribusi
    where
        tanggal <= $sampai
        and in_area_or_citywide(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

-- Per kelurahan, what adds up (a household lives in one kelurahan) ...
additive as (
    select
        kode_kelurahan,
        (select count(*) from households where households.kode_kelurahan = areas.kode_kelurahan) as rt_terdaftar,
        (select sum(jumlah_rt_sasaran) from summary_sasaran where summary_sasaran.kode_kelurahan = areas.kode_kelurahan
            and jenis_intervensi is null and tahun <= year($sampai)) as sasaran_rt,
        (select count(*) from households where households.kode_kelurahan = areas.kode_kelurahan
            and kemajuan in ('naik', 'tetap', 'turun')) as rt_dengan_kemajuan,
        (select count(*) from households where households.kode_kelurahan = areas.kode_kelurahan
            and kemajuan = 'naik') as rt_naik,
        (select count(distinct id_rumah_tangga) from deliveries where deliveries.kode_kelurahan = areas.kode_kelurahan
            and id_rumah_tangga in (select id_rumah_tangga from households)) as rt_dijangkau,
        (select count(distinct id_rumah_tangga) from summary_kebutuhan_per(sampai := $sampai) as needs
            where needs.kode_kelurahan = areas.kode_kelurahan and not terjawab
            and id_rumah_tangga in (select id_rumah_tangga from households)) as rt_kebutuhan_terbuka,
        (select count(*) from deliveries where deliveries.kode_kelurahan = areas.kode_kelurahan) as intervensi,
    from areas
),

-- ... and what does not (an agency or an upload works in many areas): counted at each level.
rows_per_area as (
    select kode_kelurahan, kode_lembaga, upload_id, null::double as nilai_idr from deliveries
    union all
    select kode_kelurahan, kode_lembaga, upload_id, nilai_idr from contributions
    union all
    select kode_kelurahan, null, upload_id, null from summary_survei semi join areas using (kode_kelurahan)
    where tanggal_survei <= $sampai
    union all
    select kode_kelurahan, null, upload_id, null from summary_sasaran semi join areas using (kode_kelurahan)
),

rolled as (
    select
        case
            when grouping(areas.kode_kota) = 1 then 'program'
            when grouping(areas.kode_kecamatan) = 1 then 'kota'
            when grouping(areas.kode_kelurahan) = 1 then 'kecamatan'
            else 'kelurahan'
        end as tingkat,
        coalesce(areas.kode_kelurahan, areas.kode_kecamatan, areas.kode_kota, '') as kode_wilayah,
        sum(additive.rt_terdaftar)::bigint as rt_terdaftar,
        sum(additive.sasaran_rt)::bigint as sasaran_rt,
        sum(additive.rt_dengan_kemajuan)::bigint as rt_dengan_kemajuan,
        sum(additive.rt_naik)::bigint as rt_naik,
        sum(additive.rt_dijangkau)::bigint as rt_dijangkau,
        sum(additive.rt_kebutuhan_terbuka)::bigint as rt_kebutuhan_terbuka,
        sum(additive.intervensi)::bigint as intervensi,
    from additive
    join areas using (kode_kelurahan)
    group by grouping sets ((), (areas.kode_kota), (areas.kode_kota, areas.kode_kecamatan),
                            (areas.kode_kota, areas.kode_kecamatan, areas.kode_kelurahan))
),

distinct_counts as (
    select
        coalesce(areas.kode_kelurahan, areas.kode_kecamatan, areas.kode_kota, '') as kode_wilayah,
        grouping(areas.kode_kota, areas.kode_kecamatan, areas.kode_kelurahan) as grouped,
        count(distinct rows_per_area.kode_lembaga) as lembaga_aktif,
        coalesce(sum(rows_per_area.nilai_idr), 0) as kontribusi_idr,
        count(distinct rows_per_area.upload_id) as unggahan,
    from rows_per_area
    left join areas using (kode_kelurahan)
    group by grouping sets ((), (areas.kode_kota), (areas.kode_kota, areas.kode_kecamatan),
                            (areas.kode_kota, areas.kode_kecamatan, areas.kode_kelurahan))
)

select
    rolled.*,
    coalesce(distinct_counts.lembaga_aktif, 0) as lembaga_aktif,
    coalesce(distinct_counts.kontribusi_idr, 0) as kontribusi_idr,
    coalesce(distinct_counts.unggahan, 0) as unggahan,
from rolled
-- A city-wide contribution has no kelurahan: it counts in the programme's row (grouped = 7) only.
left join distinct_counts
    on distinct_counts.kode_wilayah = rolled.kode_wilayah
    and (distinct_counts.grouped = 7) = (rolled.tingkat = 'program')
where
    in_area(rolled.kode_wilayah, $kota, $kecamatan, $kelurahan)
    and (rolled.tingkat <> 'program' or coalesce($kota, $kecamatan, $kelurahan) is null)
    and ($semua_wilayah or rolled.kode_wilayah = coalesce($kelurahan, $kecamatan, $kota, ''))
order by rolled.tingkat <> 'program', rolled.kode_wilayah
