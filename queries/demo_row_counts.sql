-- Rows per table after a demo build, for the build's summary.
-- Params:  none
-- Returns: one row: households (bigint: distinct id_rumah_tangga in survei), survei, intervensi,
--          kontribusi, sasaran, uploads (bigint: rows in each table)
select
    (select count(distinct id_rumah_tangga) from survei) as households,
    (select count(*) from survei) as survei,
    (select count(*) from intervensi) as intervensi,
    (select count(*) from kontribusi) as kontribusi,
    (select count(*) from sasaran) as sasaran,
    (select count(*) from uploads) as uploads,
