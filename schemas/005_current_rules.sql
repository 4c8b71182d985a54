-- vnreform database, schema version 5: articles whose records a later rule
-- set leaves as they were. `reextract` found that no rule changed since
-- matches differently in them, so it did not rewrite them: their records
-- keep the ruleset they were made with (articles.ruleset, records.ruleset),
-- and this says the latest rule set they are current under. A row goes when
-- the article's records are made again. Before, reextract rewrote every
-- such article and record to move its version, most of the database.
CREATE TABLE current_rules (
  article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  ruleset     TEXT NOT NULL
);
