-- Records a follow-up action agreed in a meeting, with the households in its gap as of $sampai.
-- Params:  $rapat_id (integer), $jenis_celah (kebutuhan | sasaran | kemajuan | lain), $kebutuhan
--          (text, null unless kebutuhan), $kode_wilayah (text, null = the whole programme),
--          $kode_lembaga (text), $tindakan (text), $batas_waktu (date), $sampai (date: the data's
--          date the gap is counted at), $dicatat_oleh (text)
-- Returns: tindak_lanjut_id (integer), rt_celah_awal (bigint, null for lain)
insert into tindak_lanjut (rapat_id, jenis_celah, kebutuhan, kode_wilayah, kode_lembaga, tindakan, batas_waktu,
                           rt_celah_awal, dicatat_oleh)
select $rapat_id, $jenis_celah, $kebutuhan, $kode_wilayah, $kode_lembaga, $tindakan, $batas_waktu,
       rt_celah($jenis_celah, $kebutuhan, $kode_wilayah, $sampai), $dicatat_oleh
returning tindak_lanjut_id, rt_celah_awal
