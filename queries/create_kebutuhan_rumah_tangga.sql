-- Open needs per household from its latest round (up to a date), rules as in kebutuhan.csv,
-- and whether a delivered household-level intervention answers each (catalogue's menjawab_kebutuhan).
-- intervensi_menjawab: one row per (jenis_intervensi, kebutuhan) it answers.
-- kebutuhan_per(sampai := date or null) -> one row per household and need:
--   id_rumah_tangga, kode_kelurahan, kode_kecamatan, kode_kota, kebutuhan (code),
--   terjawab (boolean: some intervention answering it reached the household by that date).
--   A need with terjawab = false is a needs-based gap.
-- kebutuhan_rumah_tangga: the same over all current rows.
create or replace view intervensi_menjawab as
select
    kode as jenis_intervensi,
    unnest(string_split(trim(menjawab_kebutuhan), ' ')) as kebutuhan,
from jenis_intervensi
where coalesce(trim(menjawab_kebutuhan), '') <> '';

create or replace macro kebutuhan_per(sampai := null) as table
with latest as (
    select *
    from survei_indikator
    where sampai is null or tanggal_survei <= sampai
    qualify row_number() over (partition by id_rumah_tangga order by putaran_ke desc) = 1
),

enrolled as (
    select distinct id_rumah_tangga
    from survei_indikator
    where putaran_ke = 1 and (sampai is null or tanggal_survei <= sampai)
),

flags as (
    select
        latest.id_rumah_tangga,
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
        enrolled.id_rumah_tangga is not null as semua_peserta,
    from latest
    left join enrolled using (id_rumah_tangga)
),

needs as (
    unpivot flags
    on
        rumah_tidak_layak, kebersihan_rendah, belum_ber_phbs, berisiko_stunting,
        belum_ikut_parenting, tanpa_penghasilan, anak_belum_paud, belum_terlindungi_bansos,
        semua_peserta
    into name kebutuhan value ada
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
    where needs.ada
)

select * from open_needs;

create or replace view kebutuhan_rumah_tangga as
select * from kebutuhan_per();
