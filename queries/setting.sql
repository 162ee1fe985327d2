-- One value from the settings table (e.g. sumber_data = 'demo' for the sample database).
-- Params:  $key (text)
-- Returns: value (text), zero or one row
select value
from settings
where key = $key
