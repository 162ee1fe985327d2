-- Loads the contributing agencies from the shipped CSV.
-- Params:  $path (text: data/reference/lembaga.csv)
insert into lembaga by name
select * from read_csv($path, all_varchar = true)
