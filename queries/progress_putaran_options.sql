-- The follow-up rounds in the data, for the progress page's round filter ("up to round N").
-- Params:  none
-- Returns: putaran_ke (integer, 2 or more)
select distinct putaran_ke
from summary_survei
where putaran_ke > 1
order by putaran_ke
