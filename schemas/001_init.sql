-- vnreform database, schema version 1. Applied by the binary in a
-- transaction; PRAGMA user_version records the version reached.
-- Offsets (start, end) are in characters (code points) of articles.norm, so
-- substr(norm, start + 1, end - start) is the record's text in SQL and
-- norm[start:end] in Python.

CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  command     TEXT NOT NULL,          -- the command line
  ruleset     TEXT NOT NULL,          -- version of the rules used
  started     TEXT NOT NULL,          -- ISO 8601 UTC
  finished    TEXT,                   -- NULL while running or if killed
  articles    INTEGER NOT NULL DEFAULT 0,  -- stored (new or changed)
  unchanged   INTEGER NOT NULL DEFAULT 0,  -- skipped: same content and rules
  failed      INTEGER NOT NULL DEFAULT 0,
  records     INTEGER NOT NULL DEFAULT 0,
  warnings    INTEGER NOT NULL DEFAULT 0,
  seconds     REAL
);

-- Every problem with an input: errors (not stored) and warnings (stored, repaired).
CREATE TABLE run_issues (
  id        INTEGER PRIMARY KEY,
  run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  input     TEXT NOT NULL,            -- file, file:line or URL
  severity  TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  stage     TEXT NOT NULL,
  message   TEXT NOT NULL
);
CREATE INDEX run_issues_run ON run_issues(run_id);

CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,  -- relative path, JSONL id or URL
  source        TEXT NOT NULL,         -- file or file:line it was read from
  url           TEXT,
  title         TEXT,
  published     TEXT,                  -- ISO date-time, metadata or dateline
  content_hash  TEXT NOT NULL,         -- of the input; a rerun skips equal ones
  ruleset       TEXT NOT NULL,         -- rules the records were made with
  text          TEXT,                  -- text before normalization; NULL = same as norm
  norm          TEXT NOT NULL,         -- normalized text the offsets refer to
  invalid_utf8  INTEGER NOT NULL DEFAULT 0,
  run_id        INTEGER REFERENCES runs(id) ON DELETE SET NULL
);

CREATE TABLE records (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  type        TEXT NOT NULL,
  start       INTEGER NOT NULL,   -- in articles.norm, characters
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  rule_id     TEXT NOT NULL,
  ruleset     TEXT NOT NULL,
  fields      TEXT NOT NULL CHECK (json_valid(fields)),  -- normalized values
  UNIQUE (article_id, type, start, end)
);
CREATE INDEX records_type ON records(type);

-- One view per record type, its fields as columns.
CREATE VIEW ratios AS
SELECT r.id, a.key AS article, a.url, a.published,
       json_extract(r.fields, '$.numerator') AS numerator,
       json_extract(r.fields, '$.denominator') AS denominator,
       json_extract(r.fields, '$.indicator') AS indicator,
       json_extract(r.fields, '$.subject') AS subject,
       json_extract(r.fields, '$.percent') AS percent,
       json_extract(r.fields, '$.as_of') AS as_of,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'ratio';

CREATE VIEW percents AS
SELECT r.id, a.key AS article, a.url, a.published,
       json_extract(r.fields, '$.value') AS value,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'percent';

CREATE VIEW dates AS
SELECT r.id, a.key AS article, a.url, a.published,
       json_extract(r.fields, '$.value') AS value,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'date';

CREATE VIEW legal_refs AS
SELECT r.id, a.key AS article, a.url, a.published,
       json_extract(r.fields, '$.doc_type') AS doc_type,
       json_extract(r.fields, '$.number') AS number,
       json_extract(r.fields, '$.date') AS date,
       json_extract(r.fields, '$.issuer') AS issuer,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'legal_ref';

-- Every record with its article, fields as JSON: the general-purpose view.
CREATE VIEW article_records AS
SELECT r.id, a.key AS article, a.url, a.title, a.published, r.type,
       r.text, r.fields, r.start, r.end, r.rule_id, r.ruleset
FROM records r JOIN articles a ON a.id = r.article_id;

-- Problems of the latest run.
CREATE VIEW last_run_issues AS
SELECT i.input, i.severity, i.stage, i.message
FROM run_issues i WHERE i.run_id = (SELECT max(id) FROM runs);
