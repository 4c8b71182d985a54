-- Full-text search over articles and records for `vnreform serve`, with
-- Vietnamese folding. Filled by BuildSearchIndex (src/serve/search.h), which
-- `vnreform facts` calls; empty until then (serve then builds the same
-- tables in an in-memory database at start-up, never writing this file).
-- A row of search_docs is an article (record_id NULL) or a record; its
-- rowid is the rowid of search_fts.
CREATE TABLE search_docs (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL,
  record_id   INTEGER,              -- NULL: the article itself
  type        TEXT,                 -- the record's type (NULL for an article)
  -- The facets, on the row so that a search counts them in one pass:
  year        TEXT,                 -- of publication
  province    TEXT,                 -- articles.locality
  site        TEXT,                 -- articles.site, else the URL's host
  indices     TEXT                  -- '|PAR INDEX|SIPAS|': the indices it names
);
CREATE INDEX search_docs_article ON search_docs(article_id);
-- Articles (record_id NULL) by id, records by record id: the search page's order.
CREATE INDEX search_docs_kind ON search_docs(record_id, id);
CREATE INDEX search_docs_year ON search_docs(year);
CREATE INDEX search_docs_province ON search_docs(province);
CREATE INDEX search_docs_site ON search_docs(site);

-- exact: the text as normalized (FTS5 lower-cases it); folded: the search
-- fold of the same text (no marks, 'đ' as 'd'). Contentless: the text is in
-- articles and records.
CREATE VIRTUAL TABLE search_fts USING fts5(
  exact, folded, content = '', tokenize = 'unicode61 remove_diacritics 0');

-- What the index was built from (key: articles, records, built, version).
CREATE TABLE search_meta (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

-- Facet counts over all rows of a kind ('article', 'record'): the search
-- page without a query or filter reads these instead of counting.
CREATE TABLE search_facet_counts (
  kind   TEXT NOT NULL,
  facet  TEXT NOT NULL,
  value  TEXT NOT NULL,
  n      INTEGER NOT NULL
);
