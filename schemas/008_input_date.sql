-- vnreform database, schema version 8: the date the input carried besides
-- the article's own (Document::input_date: a JSONL line's "date",
-- "first_committed_at" or "fetched_at", a page's fetch time), kept so that
-- reextract gives a date without a year the year that run gave it.
ALTER TABLE articles ADD COLUMN input_date TEXT;
