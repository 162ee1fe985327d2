-- The summary layer the pages read: current state and per-household measures as tables, kept
-- current by every commit, undo and redo (refresh_summary.sql, in the same transaction), so that a
-- read costs what its answer costs, not what the history costs. The views over raw rows
-- (survei_indikator, intervensi_terkini, kemajuan_per, kebutuhan_per, ...) stay the definition, and
-- tests/test_summary.py holds these tables equal to them.
--   summary_survei      = survei_indikator: the current row per household and round, with its measures
--   summary_intervensi  = intervensi_terkini; summary_kontribusi = kontribusi_terkini;
--   summary_sasaran     = sasaran_terkini
--   each of these four also with upload_id: the active upload its current row comes from (the
--   latest that holds the key), for the overview's list of uploads behind its figures
--   summary_kemajuan    : kemajuan_pasangan rows with when each is the household's progress:
--       berlaku_dari .. berlaku_sampai (dates, the end exclusive, null = still), for the round caps
--       putaran_dari .. putaran_sampai (the end exclusive, null = any higher cap or none)
--   summary_kebutuhan   : kebutuhan_putaran rows with berlaku_dari .. berlaku_sampai as above and
--       tanggal_terjawab (first delivery answering the need, null = none yet)
-- summary_kemajuan_per(sampai, putaran) and summary_kebutuhan_per(sampai) return exactly what
-- kemajuan_per and kebutuhan_per return, by a filter instead of a window over every stored row.
create table if not exists summary_survei as
select
    *,
    null::integer as upload_id,
from survei_indikator
limit 0;

create table if not exists summary_intervensi as
select
    *,
    null::integer as upload_id,
from intervensi_terkini
limit 0;

create table if not exists summary_kontribusi as
select
    *,
    null::integer as upload_id,
from kontribusi_terkini
limit 0;

create table if not exists summary_sasaran as
select
    *,
    null::integer as upload_id,
from sasaran_terkini
limit 0;

create table if not exists summary_kemajuan as
select
    *,
    null::date as berlaku_dari,
    null::date as berlaku_sampai,
    null::integer as putaran_dari,
    null::integer as putaran_sampai,
from kemajuan_pasangan
limit 0;

create table if not exists summary_kebutuhan as
select
    id_rumah_tangga,
    kode_kelurahan,
    kode_kecamatan,
    kode_kota,
    kebutuhan,
    null::date as berlaku_dari,
    null::date as berlaku_sampai,
    null::date as tanggal_terjawab,
from kebutuhan_putaran
limit 0;

-- Whether a row holding from dari up to sampai (exclusive; null = still) holds at pada;
-- pada null asks for the rows that still hold. Dates and round caps alike.
create or replace macro summary_berlaku(dari, sampai, pada) as
    case
        when pada is null then sampai is null
        else dari <= pada and (sampai is null or sampai > pada)
    end;

create or replace macro summary_kemajuan_per(sampai := null, putaran := null) as table
select * exclude (baseline_hadir, berlaku_dari, berlaku_sampai, putaran_dari, putaran_sampai)
from summary_kemajuan
where
    summary_berlaku(berlaku_dari, berlaku_sampai, sampai)
    and summary_berlaku(putaran_dari, putaran_sampai, putaran);

create or replace macro summary_kebutuhan_per(sampai := null) as table
select
    id_rumah_tangga,
    kode_kelurahan,
    kode_kecamatan,
    kode_kota,
    kebutuhan,
    coalesce(tanggal_terjawab <= coalesce(sampai, tanggal_terjawab), false) as terjawab,
from summary_kebutuhan
where
    summary_berlaku(berlaku_dari, berlaku_sampai, sampai);
