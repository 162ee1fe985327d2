-- Replaces the programme's data (uploads and their rows, status changes, reference tables,
-- settings, meetings with their figures and follow-up actions) by a backup attached as backup_in, inside the caller's transaction. The audit log,
-- sign-in failures and sign-outs are kept: they record what happened, the restore included.
-- The summary tables are rebuilt afterwards (db.rebuild_summary).
-- Params:  none
delete from upload_status_changes;
delete from survei;
delete from intervensi;
delete from kontribusi;
delete from sasaran;
delete from uploads;
delete from wilayah;
delete from lembaga;
delete from jenis_intervensi;
delete from kebutuhan;
delete from settings where key <> 'summary_version';
delete from rapat;
delete from rapat_angka;
delete from tindak_lanjut;
delete from tindak_lanjut_status;
insert into uploads by name select * from backup_in.uploads;
insert into upload_status_changes by name select * from backup_in.upload_status_changes;
insert into survei by name select * from backup_in.survei;
insert into intervensi by name select * from backup_in.intervensi;
insert into kontribusi by name select * from backup_in.kontribusi;
insert into sasaran by name select * from backup_in.sasaran;
insert into wilayah by name select * from backup_in.wilayah;
insert into lembaga by name select * from backup_in.lembaga;
insert into jenis_intervensi by name select * from backup_in.jenis_intervensi;
insert into kebutuhan by name select * from backup_in.kebutuhan;
insert into settings by name select * from backup_in.settings where key <> 'summary_version';
insert into rapat by name select * from backup_in.rapat;
insert into rapat_angka by name select * from backup_in.rapat_angka;
insert into tindak_lanjut by name select * from backup_in.tindak_lanjut;
insert into tindak_lanjut_status by name select * from backup_in.tindak_lanjut_status;
