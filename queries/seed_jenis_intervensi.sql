-- Loads the intervention catalogue from the shipped CSV.
-- Params:  $path (text: data/reference/jenis_intervensi.csv)
insert into jenis_intervensi by name
select * from read_csv($path, all_varchar = true)
