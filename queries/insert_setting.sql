-- Sets one key of the settings table (the demo writes sumber_data = 'demo', its seed and size; the summary its version).
-- Params:  $key (text), $value (text)
insert or replace into settings
values ($key, $value)
