-- Closes an open meeting (its figures are stored in the same transaction: insert_rapat_angka).
-- Params:  $rapat_id (integer), $ditutup_oleh (text)
-- Returns: rapat_id (integer): no row when the meeting does not exist or is closed already
update rapat
set ditutup_oleh = $ditutup_oleh, ditutup_pada = current_timestamp
where rapat_id = $rapat_id and ditutup_pada is null
returning rapat_id
