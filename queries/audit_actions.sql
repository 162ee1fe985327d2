-- Every kind of event in the audit log, for the audit page's filter.
-- Params:  none
-- Returns: action (text)
select distinct action
from audit_log
order by action
