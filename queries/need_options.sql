-- The household needs a follow-up action can be about (every need of the catalogue but the one every
-- enrolled household has).
-- Params:  none
-- Returns: kode (text)
select kode
from kebutuhan
where kode <> 'semua_peserta'
order by kode
