-- Whether a remembered sign-in (one cookie, one "session" claim) has already been audited, so that
-- each new browser tab it opens does not write another sign-in entry.
-- Params:  $session (text: the cookie's session claim)
-- Returns: seen (boolean), one row
select exists (
    select 1
    from audit_log
    where action = 'login_ok' and json_extract_string(detail, '$.session') = $session
) as seen
