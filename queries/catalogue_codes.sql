-- Every code an upload may refer to, and each kelurahan's name (a unique name stands for its code).
-- Params:  none
-- Returns: katalog (text: kelurahan | lembaga | jenis_intervensi), kode (text), nama (text)
select
    'kelurahan' as katalog,
    kode_kelurahan as kode,
    kelurahan as nama,
from wilayah
union all
select
    'lembaga' as katalog,
    kode,
    null as nama,
from lembaga
union all
select
    'jenis_intervensi' as katalog,
    kode,
    null as nama,
from jenis_intervensi
