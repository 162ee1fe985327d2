-- Facilitators with no survey for more than $hari days: id_fasilitator whose latest tanggal_survei
-- is more than $hari days before the latest survey date of the whole programme (both as of
-- $sampai, whatever area is chosen, so that the area filters narrow the list but do not move the
-- yardstick). A facilitator belongs to the kelurahan of their latest survey (the smallest code on
-- a tie). One row per such facilitator, for the uploaders of that area and admins.
-- Params:  $kota, $kecamatan, $kelurahan (text codes, null = all), $sampai (date),
--          $hari (integer: days, e.g. 60), $wilayah_akses (text: the kecamatan or kelurahan code the
--          user may see, whole segments; null = everywhere)
-- Returns: id_fasilitator, kode_kelurahan, kelurahan, kecamatan (text), tanggal_terakhir (date:
--          their latest survey), hari_tanpa_survei (bigint: days from it to the programme's latest
--          survey), tanggal_data_terakhir (date: that survey), rumah_tangga (bigint: households they
--          surveyed), survei (bigint: rounds they surveyed)
with rounds as (
    select
        id_fasilitator,
        id_rumah_tangga,
        kode_kelurahan,
        kode_kecamatan,
        kode_kota,
        tanggal_survei,
    from summary_survei
    where tanggal_survei <= $sampai
),

latest_place as (
    select
        id_fasilitator,
        kode_kelurahan,
    from rounds
    qualify row_number() over (partition by id_fasilitator order by tanggal_survei desc, kode_kelurahan) = 1
),

facilitators as (
    select
        rounds.id_fasilitator,
        any_value(latest_place.kode_kelurahan) as kode_kelurahan,
        max(rounds.tanggal_survei) as tanggal_terakhir,
        count(distinct rounds.id_rumah_tangga) as rumah_tangga,
        count(*) as survei,
    from rounds
    join latest_place using (id_fasilitator)
    group by rounds.id_fasilitator
),

inactive as (
    select
        facilitators.*,
        (select max(tanggal_survei) from rounds) as tanggal_data_terakhir,
    from facilitators
    where tanggal_terakhir < (select max(tanggal_survei) from rounds) - $hari
),

last_step as (
    select
        inactive.id_fasilitator,
        inactive.kode_kelurahan,
        wilayah.kelurahan,
        wilayah.kecamatan,
        inactive.tanggal_terakhir,
        inactive.tanggal_data_terakhir - inactive.tanggal_terakhir as hari_tanpa_survei,
        inactive.tanggal_data_terakhir,
        inactive.rumah_tangga,
        inactive.survei,
    from inactive
    join wilayah using (kode_kelurahan)
    where
        in_scope(inactive.kode_kelurahan, $wilayah_akses)
        and in_area(inactive.kode_kelurahan, $kota, $kecamatan, $kelurahan)
)

select * from last_step
order by hari_tanpa_survei desc, id_fasilitator
