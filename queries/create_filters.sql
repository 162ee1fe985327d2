-- The filters every page query shares, once: "in the chosen area" and "in the user's own area".
-- in_area(kode_kelurahan, kota, kecamatan, kelurahan): is a kelurahan code (31.74.09.1005) inside
--     the chosen kota (31.74), kecamatan (31.74.09) and kelurahan? A null choice means every area.
-- in_scope(kode_kelurahan, wilayah_akses): is it inside the area whose households the user may see
--     (a kecamatan or kelurahan code, whole segments only: 31.74.0 matches nothing; null = everywhere)?
-- in_area_or_citywide(...): in_area, or a row of no kelurahan (a city-wide contribution), which counts
--     for the whole programme and for a kota, not for a kecamatan or kelurahan.
create or replace macro in_area(kode_kelurahan, kota, kecamatan, kelurahan) as
    (kota is null or left(kode_kelurahan, 5) = kota)
    and (kecamatan is null or left(kode_kelurahan, 8) = kecamatan)
    and (kelurahan is null or kode_kelurahan = kelurahan);

create or replace macro in_scope(kode_kelurahan, wilayah_akses) as
    wilayah_akses is null or starts_with(kode_kelurahan || '.', wilayah_akses || '.');

create or replace macro in_area_or_citywide(kode_kelurahan, kota, kecamatan, kelurahan) as
    in_area(coalesce(kode_kelurahan, kota), kota, kecamatan, kelurahan);

-- per_chosen_level(of_kecamatan, of_kelurahan, kecamatan, kelurahan): what a row is grouped by on a
--     page that shows kecamatan until one is chosen, then its kelurahan (a code, or a name).
create or replace macro per_chosen_level(of_kecamatan, of_kelurahan, kecamatan, kelurahan) as
    case when kecamatan is null and kelurahan is null then of_kecamatan else of_kelurahan end;
