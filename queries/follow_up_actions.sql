-- The follow-up actions, with their status as of a date: computed from the data where the data can
-- tell (the households in the gap: none left = done), else from what was reported; late once past
-- the due date. Each action's gap is counted now by rt_celah (create_rapat.sql), as when it was agreed.
-- Params:  $sampai (date), $rapat_id (integer, null = every meeting's)
-- Returns: tindak_lanjut_id, rapat_id, rapat_tanggal (date), jenis_celah, kebutuhan, kode_wilayah,
--          kode_lembaga, lembaga (name), tindakan, batas_waktu (date), rt_celah_awal, rt_celah_kini
--          (bigint; null for lain), dilaporkan (the latest reported status or null), dilaporkan_pada,
--          status (selesai | sesuai_jadwal | terlambat | batal), menurut_data (boolean: the status
--          comes from the data), ordered by due date
-- Households: rt_celah_awal, rt_celah_kini
with reported as (
    select tindak_lanjut_id, arg_max(status, status_id) as dilaporkan, max(dicatat_pada) as dilaporkan_pada,
    from tindak_lanjut_status
    group by all
),

measured as (
    select
        tindak_lanjut.*,
        rapat.tanggal as rapat_tanggal,
        rt_celah(tindak_lanjut.jenis_celah, tindak_lanjut.kebutuhan, tindak_lanjut.kode_wilayah, $sampai) as rt_celah_kini,
    from tindak_lanjut
    join rapat using (rapat_id)
    where $rapat_id is null or tindak_lanjut.rapat_id = $rapat_id
)

select
    measured.tindak_lanjut_id,
    measured.rapat_id,
    measured.rapat_tanggal,
    measured.jenis_celah,
    measured.kebutuhan,
    measured.kode_wilayah,
    measured.kode_lembaga,
    lembaga.nama as lembaga,
    measured.tindakan,
    measured.batas_waktu,
    measured.rt_celah_awal,
    measured.rt_celah_kini,
    reported.dilaporkan,
    reported.dilaporkan_pada,
    case
        when reported.dilaporkan = 'batal' then 'batal'
        when measured.jenis_celah <> 'lain' and measured.rt_celah_kini = 0 then 'selesai'
        when measured.jenis_celah = 'lain' and reported.dilaporkan = 'selesai' then 'selesai'
        when measured.batas_waktu < $sampai then 'terlambat'
        else 'sesuai_jadwal'
    end as status,
    measured.jenis_celah <> 'lain' and coalesce(reported.dilaporkan, '') <> 'batal' as menurut_data,
from measured
left join reported using (tindak_lanjut_id)
left join lembaga on lembaga.kode = measured.kode_lembaga
order by measured.batas_waktu, measured.tindak_lanjut_id
