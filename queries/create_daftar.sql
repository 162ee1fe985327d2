-- A household list with its totals beside every row, for paging: the list's rows with
-- baris_total and rumah_tangga_total (bigint: rows and distinct households of the whole list).
-- The totals are one row joined on, not a window over the list, so that a page's sort and limit
-- stop at the page. Use:  select * from daftar_bertotal('listed')  where listed is a CTE (best
-- `as materialized`: it is read twice) with an id_rumah_tangga column.
create or replace macro daftar_bertotal(daftar) as table
select *
from query_table(daftar)
cross join (
    select
        count(*) as baris_total,
        count(distinct id_rumah_tangga) as rumah_tangga_total,
    from query_table(daftar)
);
