-- The programme's latest survey date as of $sampai, whatever area is chosen: the yardstick against
-- which quality_inactive_facilitators*.sql measure a facilitator's silence.
-- Params:  $sampai (date)
-- Returns: tanggal_data_terakhir (date; null when nothing was surveyed by then)
select max(tanggal_survei) as tanggal_data_terakhir,
from summary_survei
where tanggal_survei <= $sampai
