-- Everyone who appears in the audit log, for the audit page's filter.
-- Params:  none
-- Returns: actor (text)
select distinct actor
from audit_log
order by actor
