-- Appends one entry to the audit log.
-- Params:  $actor (text), $action (text), $target (text, nullable), $detail (text, nullable)
insert into audit_log (actor, action, target, detail)
values ($actor, $action, $target, $detail)
