-- Audit log entries for the admins' audit page, newest first (at most 5,000).
-- Params:  $dari, $sampai (date), $actions (text[], null = every action), $actor (text, null = anyone),
--          $search (text, null = no search: matched case-insensitively inside target and detail)
-- Returns: audit_id (bigint), logged_at (timestamp), actor, action, target, detail (text)
select
    audit_id,
    logged_at,
    actor,
    action,
    target,
    detail,
from audit_log
where
    cast(logged_at as date) between $dari and $sampai
    and ($actions is null or list_contains($actions, action))
    and ($actor is null or actor = $actor)
    and (
        $search is null
        or contains(lower(coalesce(target, '')), lower($search))
        or contains(lower(coalesce(detail, '')), lower($search))
    )
order by audit_id desc
limit 5000
