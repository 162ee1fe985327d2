-- Open needs per household from its latest round (up to a date), rules as in kebutuhan.csv,
-- and whether a delivered household-level intervention answers each (catalogue's menjawab_kebutuhan).
-- intervensi_menjawab: one row per (jenis_intervensi, kebutuhan) it answers.
-- kebutuhan_putaran: the needs each current round shows, one row per (household, round, need);
--   semua_peserta (every enrolled household) is left to kebutuhan_per, as it depends on the date.
-- kebutuhan_per(sampai := date or null) -> one row per household and need:
--   id_rumah_tangga, kode_kelurahan, kode_kecamatan, kode_kota, kebutuhan (code),
--   terjawab (boolean: some intervention answering it reached the household by that date).
--   A need with terjawab = false is a needs-based gap.
-- kebutuhan_rumah_tangga: the same over all current rows.
-- These are the definition; pages read kebutuhan_pada (create_ringkasan.sql), kept equal to them.
create or replace view intervensi_menjawab as
select
    kode as jenis_intervensi,
    unnest(string_split(trim(menjawab_kebutuhan), ' ')) as kebutuhan,
from jenis_intervensi
where coalesce(trim(menjawab_kebutuhan), '') <> '';

create or replace view kebutuhan_putaran as
with flags as (
    select
        id_rumah_tangga,
        putaran_ke,
        tanggal_survei,
        kode_kelurahan,
        kode_kecamatan,
        kode_kota,
        coalesce(rumah_layak_huni = 'tidak' or ks1_03 = 'tidak', false) as rumah_tidak_layak,
        coalesce(skor_kebersihan_rumah <= 2, false) as kebersihan_rendah,
        not rt_ber_phbs as belum_ber_phbs,
        keluarga_berisiko_stunting as berisiko_stunting,
        coalesce(ikut_sesi_parenting = 0, false) as belum_ikut_parenting,
        coalesce(ks2_06 = 'tidak' or ib_sumber_penghasilan = 'tidak', false) as tanpa_penghasilan,
        coalesce(anak_usia_dini_ikut_paud = 'tidak', false) as anak_belum_paud,
        coalesce(desil_kesejahteraan <= 4 and bansos_diterima = 'tidak_ada', false)
            as belum_terlindungi_bansos,
        true as semua_peserta,
    from survei_indikator
),

needs as (
    unpivot flags
    on
        rumah_tidak_layak, kebersihan_rendah, belum_ber_phbs, berisiko_stunting,
        belum_ikut_parenting, tanpa_penghasilan, anak_belum_paud, belum_terlindungi_bansos,
        semua_peserta
    into name kebutuhan value ada
)

select * exclude (ada)
from needs
where ada;

create or replace macro kebutuhan_per(sampai := null) as table
with rounds as (
    select
        id_rumah_tangga,
        putaran_ke,
    from survei_indikator
    where sampai is null or tanggal_survei <= sampai
),

latest as (
    select
        id_rumah_tangga,
        max(putaran_ke) as putaran_ke,
        bool_or(putaran_ke = 1) as terdaftar,
    from rounds
    group by all
),

needs as (
    select kebutuhan_putaran.*
    from kebutuhan_putaran
    join latest using (id_rumah_tangga, putaran_ke)
    where kebutuhan <> 'semua_peserta' or latest.terdaftar
),

answered as (
    select distinct
        intervensi_terkini.id_rumah_tangga,
        intervensi_menjawab.kebutuhan,
    from intervensi_terkini
    join intervensi_menjawab using (jenis_intervensi)
    where
        intervensi_terkini.id_rumah_tangga is not null
        and (sampai is null or intervensi_terkini.tanggal <= sampai)
),

open_needs as (
    select
        needs.id_rumah_tangga,
        needs.kode_kelurahan,
        needs.kode_kecamatan,
        needs.kode_kota,
        needs.kebutuhan,
        answered.kebutuhan is not null as terjawab,
    from needs
    left join answered using (id_rumah_tangga, kebutuhan)
)

select * from open_needs;

create or replace view kebutuhan_rumah_tangga as
select * from kebutuhan_per();
