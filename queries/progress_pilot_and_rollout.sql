-- The pilot and the rollout apart: the households the programme began with (enrolled in the pilot
-- kelurahan in the pilot's first year) and every household enrolled since or elsewhere. Read
-- together, the share that rose falls as the rollout joins, which is not the pilot falling back.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date),
--          $kelurahan_percontohan (text: the pilot's kelurahan code), $tahun_percontohan (integer)
-- Returns: kelompok (percontohan | perluasan, both always, in that order), households (bigint:
--          enrolled), rt_dengan_kemajuan (bigint: surveyed again), naik (bigint: stage rose),
--          share (double: naik / rt_dengan_kemajuan), tanggal_baseline_pertama (date)
-- Households: households, rt_dengan_kemajuan, naik
-- Derived:    share <- naik, rt_dengan_kemajuan
with households as (
    select
        *,
        case
            when kode_kelurahan = $kelurahan_percontohan and kohort = $tahun_percontohan then 'percontohan'
            else 'perluasan'
        end as kelompok,
    from summary_kemajuan_per(sampai := $sampai)
    where
        kemajuan <> 'tanpa_baseline'
        and in_area(kode_kelurahan, $kota, $kecamatan, $kelurahan)
),

groups as (
    select * from (values (1, 'percontohan'), (2, 'perluasan')) as kind (urutan, kelompok)
)

select
    groups.kelompok,
    count(households.id_rumah_tangga) as households,
    count(*) filter (where households.kemajuan in ('naik', 'tetap', 'turun')) as rt_dengan_kemajuan,
    count(*) filter (where households.kemajuan = 'naik') as naik,
    naik / nullif(rt_dengan_kemajuan, 0) as share,
    min(households.tanggal_baseline) as tanggal_baseline_pertama,
from groups
left join households using (kelompok)
group by groups.urutan, groups.kelompok
order by groups.urutan
