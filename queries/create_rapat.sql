-- Coordination meetings (rapat koordinasi), the figures frozen when one is closed, the follow-up
-- actions agreed in them and each status change of an action (appended, never changed).
create sequence if not exists rapat_id_seq;
create sequence if not exists tindak_lanjut_id_seq;
create sequence if not exists tindak_lanjut_status_id_seq;

create table if not exists rapat (
    rapat_id integer primary key default nextval('rapat_id_seq'),
    tanggal date not null,
    judul varchar not null,
    kode_wilayah varchar,              -- the kota, kecamatan or kelurahan it is about; null = the whole programme
    lembaga_hadir varchar[] not null,  -- lembaga.kode of the agencies that attended
    dibuat_oleh varchar not null,
    dibuat_pada timestamp not null default current_timestamp,
    ditutup_oleh varchar,              -- null while the meeting is open
    ditutup_pada timestamp,
);

-- Stored rows, never recomputed: "since the last meeting" stays exact after later uploads and undos.
-- One row per area (the programme, every kota, kecamatan and kelurahan) as area_figures returns it.
create table if not exists rapat_angka (
    rapat_id integer not null,
    tingkat varchar not null,          -- program | kota | kecamatan | kelurahan
    kode_wilayah varchar not null,     -- '' for the programme
    rt_terdaftar bigint,
    sasaran_rt bigint,
    rt_dengan_kemajuan bigint,
    rt_naik bigint,
    rt_dijangkau bigint,
    rt_kebutuhan_terbuka bigint,
    intervensi bigint,
    lembaga_aktif bigint,
    kontribusi_idr double,
    unggahan bigint,
    primary key (rapat_id, kode_wilayah),
);

create table if not exists tindak_lanjut (
    tindak_lanjut_id integer primary key default nextval('tindak_lanjut_id_seq'),
    rapat_id integer not null,
    jenis_celah varchar not null,      -- kebutuhan (a need in an area) | sasaran (an area behind its target)
                                       -- | kemajuan (households not moving) | lain (anything else)
    kebutuhan varchar,                 -- kebutuhan.kode, for jenis_celah = kebutuhan
    kode_wilayah varchar,              -- null = the whole programme
    kode_lembaga varchar not null,     -- the agency responsible
    tindakan varchar not null,         -- what it will do
    batas_waktu date not null,
    rt_celah_awal bigint,              -- households in the gap when it was agreed (null for lain)
    dicatat_oleh varchar not null,
    dicatat_pada timestamp not null default current_timestamp,
);

create table if not exists tindak_lanjut_status (
    status_id integer primary key default nextval('tindak_lanjut_status_id_seq'),
    tindak_lanjut_id integer not null,
    status varchar not null,           -- berjalan | selesai | batal, as reported
    catatan varchar,
    dicatat_oleh varchar not null,
    dicatat_pada timestamp not null default current_timestamp,
);

-- rt_celah(jenis_celah, kebutuhan, kode_wilayah, sampai): how many households are in a gap at a date:
-- with a need no intervention has answered (kebutuhan), short of the enrolment target (sasaran), or
-- surveyed again without rising a stage (kemajuan), in an area (null = the whole programme); null
-- for lain. What a follow-up action is measured by, when it is agreed and at every briefing.
create or replace macro rt_celah(jenis_celah, kebutuhan_kode, kode_wilayah, sampai) as
    case jenis_celah
        when 'kebutuhan' then (
            select count(distinct needs.id_rumah_tangga)
            from summary_kebutuhan_per(sampai := sampai) as needs
            semi join summary_kemajuan_per(sampai := sampai) as households
                on households.id_rumah_tangga = needs.id_rumah_tangga and households.kemajuan <> 'tanpa_baseline'
            where needs.kebutuhan = kebutuhan_kode and not needs.terjawab
                and in_scope(needs.kode_kelurahan, kode_wilayah)
        )
        when 'sasaran' then greatest(0,
            (select coalesce(sum(jumlah_rt_sasaran), 0) from summary_sasaran
             where jenis_intervensi is null and tahun <= year(sampai::date) and in_scope(kode_kelurahan, kode_wilayah))
            - (select count(*) from summary_kemajuan_per(sampai := sampai)
               where kemajuan <> 'tanpa_baseline' and in_scope(kode_kelurahan, kode_wilayah)))
        when 'kemajuan' then (
            select count(*)
            from summary_kemajuan_per(sampai := sampai)
            where kemajuan in ('tetap', 'turun') and in_scope(kode_kelurahan, kode_wilayah)
        )
    end::bigint;
