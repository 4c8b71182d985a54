-- vnreform database, schema version 6: what an HTML page says of itself,
-- read by the clean stage and before thrown away. NULL when the page does
-- not say, and for text inputs (JSONL, .txt), which carry no such metadata.
ALTER TABLE articles ADD COLUMN author TEXT;    -- byline or meta author
ALTER TABLE articles ADD COLUMN site TEXT;      -- og:site_name
ALTER TABLE articles ADD COLUMN language TEXT;  -- <html lang>, as written
