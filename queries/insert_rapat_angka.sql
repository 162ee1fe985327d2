-- Stores a closed meeting's figures: the rows of area_figures registered as meeting_figures_new.
-- Params:  $rapat_id (integer)
insert into rapat_angka by name
select $rapat_id as rapat_id, *
from meeting_figures_new
