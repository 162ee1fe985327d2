-- Households whose code contains the typed text (case-insensitive), among those of the selection an
-- uploader or admin may open on the progress page (inside the user's own area): the search of the
-- household card, never a list of every household. Household level: never run for viewers.
-- Params:  $cari (text: all or part of an id_rumah_tangga), $wilayah_akses (text: the user's area code,
--          kecamatan or kelurahan; null only for admins), $kota, $kecamatan, $kelurahan (text codes,
--          null = all), $kohort (integer baseline year, null = all), $putaran (integer: rounds up to
--          this one, null = every round), $sampai (date), $limit (integer: matches returned, e.g. 20)
-- Returns: id_rumah_tangga (the pseudonymous programme code), kelurahan (text),
--          kemajuan (text), putaran_terakhir (integer), cocok_total (bigint: every match, beyond $limit too);
--          an exact match first, then by code
with matches as (
    select
        kemajuan.id_rumah_tangga,
        wilayah.kelurahan,
        kemajuan.kemajuan,
        kemajuan.putaran_terakhir,
    from summary_kemajuan_per(sampai := $sampai, putaran := $putaran) as kemajuan
    join wilayah using (kode_kelurahan)
    where
        contains(upper(kemajuan.id_rumah_tangga), upper(trim($cari)))
        and in_scope(kemajuan.kode_kelurahan, $wilayah_akses)
        and in_area(kemajuan.kode_kelurahan, $kota, $kecamatan, $kelurahan)
        and ($kohort is null or kemajuan.kohort = $kohort)
)

select
    *,
    count(*) over () as cocok_total,
from matches
order by upper(id_rumah_tangga) <> upper(trim($cari)), id_rumah_tangga
limit $limit
