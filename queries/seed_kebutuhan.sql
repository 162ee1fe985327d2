-- Loads the household needs and the text of their rules from the shipped CSV.
-- Params:  $path (text: data/reference/kebutuhan.csv)
insert into kebutuhan by name
select * from read_csv($path, all_varchar = true)
