-- The cohorts in the data, for the progress page's cohort filter: the years of the baseline rounds.
-- Params:  none
-- Returns: kohort (integer)
select distinct year(tanggal_survei) as kohort
from summary_survei
where putaran_ke = 1
order by kohort
