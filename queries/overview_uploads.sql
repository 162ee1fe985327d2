-- The uploads the figures of the selection come from: active uploads with at least one current row
-- (not replaced by a later upload) in the area, dated up to $sampai. One row per upload, newest first.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date)
-- Returns: upload_id (integer), kind (survei | intervensi | kontribusi | sasaran), file_name (text),
--          uploaded_at (timestamp), baris (bigint: its current rows in the selection),
--          tanggal_data_terakhir (date: latest survey, delivery or contribution date among them;
--          null for targets)
-- Households: baris
-- Totals:     upload_id
with current_rows as (
    select
        upload_id,
        kode_kelurahan,
        tanggal_survei as tanggal,
    from summary_survei
    union all
    select
        upload_id,
        kode_kelurahan,
        tanggal,
    from summary_intervensi
    union all
    select
        upload_id,
        kode_kelurahan,
        tanggal,
    from summary_kontribusi
    union all
    select
        upload_id,
        kode_kelurahan,
        -- a target stands for its year: dated at the year's start so a period filter can apply
        make_date(tahun, 1, 1) as tanggal,
    from summary_sasaran
),

chosen as (
    select *
    from current_rows
    where
        tanggal <= $sampai
        -- city-wide contributions (no kelurahan) count only for the whole programme or a kota
        and in_area_or_citywide(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

last_step as (
    select
        uploads.upload_id,
        uploads.kind,
        uploads.file_name,
        uploads.uploaded_at,
        count(*) as baris,
        max(chosen.tanggal) filter (where uploads.kind <> 'sasaran') as tanggal_data_terakhir,
    from chosen
    join uploads using (upload_id)
    group by all
)

select * from last_step
order by uploaded_at desc, upload_id desc
