-- What each agency put in (money, goods, hours, sessions, referrals), per upload; key id_kontribusi.
-- kontribusi_terkini: for each id_kontribusi, the row of the latest active upload.
create table if not exists kontribusi (
    id_kontribusi varchar not null,
    tanggal date not null,
    kode_lembaga varchar not null,
    jenis_kontribusi varchar not null,
    jenis_intervensi varchar,
    kode_kelurahan varchar,
    jumlah double not null,
    satuan varchar not null,
    nilai_idr double,
    keterangan varchar,
    upload_id integer not null,
    baris integer,
);

create or replace view kontribusi_terkini as
select kontribusi.* exclude (upload_id, baris)
from kontribusi
semi join uploads_active using (upload_id)
qualify row_number() over (partition by id_kontribusi order by upload_id desc) = 1;
