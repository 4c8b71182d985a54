-- vnreform database, schema version 4: the rule files behind each rule-set
-- version, so that `reextract` can tell which rules changed since an
-- article's records were made and rerun only the articles they touch.
CREATE TABLE rule_files (
  ruleset  TEXT NOT NULL,   -- runs.ruleset, articles.ruleset
  name     TEXT NOT NULL,   -- file name, no directory
  text     TEXT NOT NULL,
  PRIMARY KEY (ruleset, name)
);
