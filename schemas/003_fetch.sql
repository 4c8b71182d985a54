-- vnreform database, schema version 3: the crawler's frontier and every HTTP
-- response it got, so later stages can be rerun without the network and a
-- killed fetch resumes where it stopped. Times: fetched_at is ISO 8601 UTC;
-- next_attempt_at is Unix seconds (REAL).

CREATE TABLE pages (
  id               INTEGER PRIMARY KEY,
  url              TEXT NOT NULL UNIQUE,   -- canonical URL; the article key
  host             TEXT NOT NULL,          -- host[:port], the politeness unit
  kind             TEXT NOT NULL DEFAULT 'page'
                   CHECK (kind IN ('page', 'sitemap', 'feed')),
  state            TEXT NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'done', 'failed')),
  status           INTEGER,                -- HTTP status of the last response
  final_url        TEXT,                   -- after redirects
  headers          TEXT,                   -- the final response's header lines
  body_zstd        BLOB,                   -- the body, zstd-compressed
  content_type     TEXT,
  charset          TEXT,                   -- from the Content-Type header
  etag             TEXT,
  last_modified    TEXT,
  fetched_at       TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  error            TEXT,                   -- why it failed or is retried
  next_attempt_at  REAL NOT NULL DEFAULT 0,
  processed        INTEGER NOT NULL DEFAULT 0,  -- went through the pipeline
  source           TEXT                    -- list, sitemap or feed it came from
);
CREATE INDEX pages_due ON pages(state, next_attempt_at);
CREATE INDEX pages_unprocessed ON pages(processed) WHERE state = 'done' AND processed = 0;

-- robots.txt per host, fetched once and reused (for a day).
CREATE TABLE robots (
  host        TEXT PRIMARY KEY,
  status      INTEGER NOT NULL,   -- HTTP status; 4xx means allow all
  body        TEXT,
  fetched_at  REAL NOT NULL       -- Unix seconds
);
