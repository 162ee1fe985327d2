-- Problems with single values of an upload, any kind: one row per cell that breaks its column's rule.
-- Reads:   upload_rows (registered by bebenah.ingest: baris, then one text column per column of
--          the kind under its contract name; "lain:N" are the file's unknown columns and "lebih:N"
--          values beyond its header), upload_rules (one row per contract column: kolom, tipe,
--          wajib, pilihan, minimum, maksimum, pola, contoh, panjang, katalog), and the catalogues
--          wilayah, lembaga and jenis_intervensi; upload_nik (kolom, nilai: the distinct values that
--          look like a NIK or No. KK in any spelling, found by bebenah.nik, whose normal form of
--          Unicode text SQL cannot make).
-- Params:  $hari_ini (date: today in Jakarta), $wilayah_akses (text: the uploader's kecamatan or
--          kelurahan code, whose rows alone they may write; null for an admin)
-- Returns: baris (integer), kolom (text: contract name, lain:N or lebih:N), nilai (text),
--          kode_alasan (text: a key of [upload.reason] in locales/upload.toml), rincian (text)
-- Each distinct (column, value) pair is judged once and the verdict spread back to its rows:
-- 100,000 survey rows hold 7.7 million cells but only about 50,000 distinct pairs. The cells
-- are unpivoted twice rather than shared: a shared CTE is materialised, which costs more.
with pairs as (
    select distinct
        kolom,
        nilai,
    from upload_rows
    unpivot include nulls (nilai for kolom in (columns(* exclude (baris))))
),

catalogue as (
    select
        'kelurahan' as katalog,
        kode_kelurahan as kode,
    from wilayah
    union all
    select
        'lembaga' as katalog,
        kode,
    from lembaga
    union all
    select
        'jenis_intervensi' as katalog,
        kode,
    from jenis_intervensi
),

shared_names as (
    select
        lower(kelurahan) as nama,
        string_agg(kode_kelurahan, ', ' order by kode_kelurahan) as kode,
    from wilayah
    group by lower(kelurahan)
    having count(*) > 1
),

typed as (
    select
        pairs.kolom,
        pairs.nilai,
        upload_rules.* exclude (kolom),
        upload_rules.kolom is not null as dikenal,
        try_cast(pairs.nilai as double) as angka,
        try_cast(pairs.nilai as date) as tanggal,
        string_split(pairs.nilai, ' ') as token,
        regexp_replace(pairs.nilai, '\d', '0', 'g') as bentuk,
        catalogue.kode as kode_katalog,
        shared_names.kode as kode_sama,
        upload_nik.nilai is not null as mirip_nik,
    from pairs
    left join upload_rules using (kolom)
    left join catalogue
        on catalogue.katalog = upload_rules.katalog and catalogue.kode = pairs.nilai
    left join shared_names
        on upload_rules.katalog = 'kelurahan' and shared_names.nama = lower(pairs.nilai)
    left join upload_nik
        on upload_nik.kolom = pairs.kolom and upload_nik.nilai = pairs.nilai
),

-- A pattern is compiled for each row it is tried on (it is not a constant), so it is tried once
-- per distinct shape of the values, every digit read as 0: the patterns of the contract test
-- digits only as a class (\d), which bebenah.ingest.rules() makes sure of.
shapes_matched as (
    select
        pola,
        bentuk,
        regexp_full_match(bentuk, pola) as cocok,
    from (select distinct pola, bentuk from typed where pola is not null and nilai is not null)
),

judged as (
    select
        *,
        case
            when nilai is null then case
                when wajib then 'wajib_kosong'
                when katalog = 'kelurahan' and $wilayah_akses is not null then 'di_luar_wilayah'
            end
            -- UU 27/2022: a NIK or No. KK is never stored, whatever column it hides in and
            -- however it is spelled (grouped, full-width, with a zero-width space, 3,17409E+15).
            when mirip_nik then 'mirip_nik'
            -- An invisible control character (tab, line feed and carriage return aside) is not
            -- stored: it breaks the workbooks the data goes out in.
            when regexp_matches(nilai, '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]') then 'karakter_kontrol'
            when starts_with(kolom, 'lebih:') then 'nilai_tanpa_judul'
            when not dikenal then null
            when length(nilai) > panjang then 'terlalu_panjang'
            when
                tipe = 'integer'
                and not (regexp_full_match(nilai, '-?\d+') and try_cast(nilai as integer) is not null)
                then 'bukan_bilangan_bulat'
            when tipe = 'decimal' and not regexp_full_match(nilai, '-?\d+(\.\d+)?') then 'bukan_angka'
            when tipe = 'date' and tanggal is null then 'bukan_tanggal'
            when tipe = 'date' and tanggal < date '2023-09-13' then 'sebelum_program'
            when tipe = 'date' and tanggal > $hari_ini then 'tanggal_masa_depan'
            when angka < minimum or angka > maksimum then 'di_luar_rentang'
            when tipe = 'choice' and not list_contains(pilihan, nilai) then 'pilihan_tidak_dikenal'
            when tipe = 'multi' and not list_has_all(pilihan, token) then 'pilihan_tidak_dikenal'
            when
                tipe = 'multi' and list_contains(token, 'tidak_ada') and len(token) > 1
                then 'tidak_ada_bersama'
            when not cocok then 'format_salah'
            when kode_sama is not null then 'kelurahan_ambigu'
            when katalog = 'kelurahan' and kode_katalog is null then 'kelurahan_tidak_dikenal'
            when
                katalog = 'kelurahan' and not in_scope(nilai, $wilayah_akses)
                then 'di_luar_wilayah'
            when katalog = 'lembaga' and kode_katalog is null then 'lembaga_tidak_dikenal'
            when
                katalog = 'jenis_intervensi' and kode_katalog is null
                then 'jenis_intervensi_tidak_dikenal'
        end as kode_alasan,
    from typed
    left join shapes_matched using (pola, bentuk)
),

verdicts as (
    select
        kolom,
        nilai,
        kode_alasan,
        case kode_alasan
            when 'terlalu_panjang' then panjang::varchar
            when 'karakter_kontrol' then printf(
                'U+%04X', unicode(regexp_extract(nilai, '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]'))
            )
            when 'di_luar_rentang' then case
                when maksimum is null then '≥ ' || printf('%g', minimum)
                when minimum is null then '≤ ' || printf('%g', maksimum)
                else printf('%g', minimum) || '–' || printf('%g', maksimum)
            end
            when 'pilihan_tidak_dikenal' then array_to_string(pilihan, ', ')
            when 'format_salah' then coalesce(contoh, pola)
            when 'kelurahan_ambigu' then kode_sama
            when 'tanggal_masa_depan' then $hari_ini::varchar
            when 'di_luar_wilayah' then $wilayah_akses
        end as rincian,
    from judged
    where kode_alasan is not null
),

cells as (
    select
        baris,
        kolom,
        nilai,
    from upload_rows
    unpivot include nulls (nilai for kolom in (columns(* exclude (baris))))
)

select
    cells.baris,
    verdicts.kolom,
    -- A NIK is not shown back either (on screen or in the problem file): its digits are masked.
    case
        when
            verdicts.kode_alasan = 'mirip_nik'
            then regexp_replace(verdicts.nilai, '[\p{N}\p{Cf}]', '•', 'g')
        else verdicts.nilai
    end as nilai,
    verdicts.kode_alasan,
    verdicts.rincian,
from cells
join verdicts
    on cells.kolom = verdicts.kolom and cells.nilai is not distinct from verdicts.nilai
