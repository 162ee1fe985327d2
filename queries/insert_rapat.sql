-- Records a coordination meeting (open until an admin closes it).
-- Params:  $tanggal (date), $judul (text), $kode_wilayah (text, null = the whole programme),
--          $lembaga_hadir (text[]: lembaga.kode), $dibuat_oleh (text)
-- Returns: rapat_id (integer)
insert into rapat (tanggal, judul, kode_wilayah, lembaga_hadir, dibuat_oleh)
values ($tanggal, $judul, $kode_wilayah, $lembaga_hadir, $dibuat_oleh)
returning rapat_id
