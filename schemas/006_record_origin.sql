-- vnreform database, schema version 6: a record says whether it was made
-- from the input's metadata (a publication date the JSONL or the HTML meta
-- tags gave) rather than by a rule's match. Before, the store told such
-- records by their rule id, which the rule files name; `reextract` reads
-- this to give such an article its metadata date back.
ALTER TABLE records ADD COLUMN from_metadata INTEGER NOT NULL DEFAULT 0;
UPDATE records SET from_metadata = 1 WHERE rule_id = 'input.metadata';
