-- Drops the temp tables a check staged, once its results are fetched.
-- Params:  none
drop table if exists upload_typed;
drop table if exists upload_current;
drop table if exists upload_changed;
