-- Sharded runs (vnreform plan / run --plan P --shard I / merge): each part
-- database names itself here in one row (merged_at NULL), written as the
-- shard's run ends; a merged database holds one row per part it took, so
-- that merging a part again changes nothing.
CREATE TABLE shard_parts (
  plan       TEXT NOT NULL,     -- the plan's id (plan.json "id")
  shard      INTEGER NOT NULL,  -- 0 .. shards - 1
  shards     INTEGER NOT NULL,
  ruleset    TEXT NOT NULL,     -- the rules the part's records were made with
  digest     TEXT NOT NULL,     -- of the part's articles (key, content hash, ruleset, records)
  articles   INTEGER NOT NULL,
  records    INTEGER NOT NULL,
  merged_at  TEXT,              -- ISO 8601 UTC; NULL in the part itself
  PRIMARY KEY (plan, shard)
);

-- In a merged database: the plan and shard each merged article came from.
-- A part merged after a later one (a shard rerun) then takes the place of
-- the later part's articles that one run would not have stored (a repeated
-- key or content), so the order parts are merged in does not matter.
CREATE TABLE part_articles (
  article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  plan        TEXT NOT NULL,
  shard       INTEGER NOT NULL
);
