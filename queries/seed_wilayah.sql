-- Loads Jakarta's kota, kecamatan and kelurahan (Kemendagri codes) from the shipped CSV.
-- Params:  $path (text: data/reference/wilayah_dki_jakarta.csv)
insert into wilayah
select
    kode_kota,
    kota,
    kode_kecamatan,
    kecamatan,
    kode_kelurahan,
    kelurahan,
from read_csv($path, all_varchar = true)
