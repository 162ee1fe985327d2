-- Appends the demo's targets from the registered frame demo_sasaran (one row per year, kelurahan
-- and intervention type, null type = enrolment target; with upload_id and baris).
-- Params:  none; reads the frame registered as demo_sasaran (bebenah/demo.py)
insert into sasaran by name
select *
from demo_sasaran
