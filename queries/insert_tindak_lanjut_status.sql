-- Appends a status reported for a follow-up action (earlier ones are kept: the history).
-- Params:  $tindak_lanjut_id (integer), $status (berjalan | selesai | batal), $catatan (text or
--          null), $dicatat_oleh (text)
insert into tindak_lanjut_status (tindak_lanjut_id, status, catatan, dicatat_oleh)
values ($tindak_lanjut_id, $status, $catatan, $dicatat_oleh)
