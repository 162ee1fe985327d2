-- Reference tables: regions, agencies, intervention catalogue, household needs.
-- Seeded from data/reference/*.csv on first start (seed_*.sql); admins may add rows later.
create table if not exists wilayah (
    kode_kota varchar not null,
    kota varchar not null,
    kode_kecamatan varchar not null,
    kecamatan varchar not null,
    kode_kelurahan varchar primary key,
    kelurahan varchar not null,
);

create table if not exists lembaga (
    kode varchar primary key,
    nama varchar not null,
    jenis varchar not null,
    tingkat varchar not null,
    catatan varchar,
);

create table if not exists jenis_intervensi (
    kode varchar primary key,
    nama_id varchar not null,
    nama_en varchar not null,
    ranah varchar not null,
    gerakan_gnrm varchar not null,
    tingkat varchar not null,
    satuan varchar not null,
    menjawab_kebutuhan varchar,
);

create table if not exists kebutuhan (
    kode varchar primary key,
    nama_id varchar not null,
    nama_en varchar not null,
    aturan varchar not null,
);

create table if not exists settings (
    key varchar primary key,
    value varchar,
);
