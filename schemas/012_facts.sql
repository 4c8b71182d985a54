-- vnreform database, schema version 12: facts consolidated across articles
-- (issue 16). `vnreform facts` (src/facts/facts.h, RebuildFacts) rebuilds
-- every table here from the records and the reference data (schema 11),
-- deterministically: two rebuilds over the same records give the same rows
-- and ids. The one table it never touches is fact_overrides, the
-- researchers' corrections, keyed by a fact's natural key so that they
-- survive rebuilds and `reextract` (which renumbers records).
-- The derived tables are not tied to records by foreign keys: after a
-- `run` or `reextract` they describe the records of the last rebuild
-- (ref_meta 'records') until `facts` runs again.

-- Where each article comes from: `site` is its host ("vnexpress.net", from
-- the URL; else the source name), `story` groups syndicated copies of one
-- story (same folded title, else same text): a story counts once however
-- many sites carry it.
CREATE TABLE article_sites (
  article_id  INTEGER PRIMARY KEY,  -- articles.id
  site        TEXT NOT NULL,
  story       TEXT NOT NULL,        -- hash of the folded title or text
  day         TEXT                  -- the article's date (YYYY-MM-DD): published,
                                    -- else its input date; NULL unknown
);

-- Each record linked to the entities it names, one row per role:
--   role 'unit'      entity = ref_units.code (the ranked, counted or
--                    governed unit)
--   role 'index'     entity = ref_indices.code
--   role 'edition'   entity = 'PAR_INDEX|province|2023' (index, level,
--                    data year of ref_index_editions)
--   role 'person'    entity = people.id
--   role 'post'      entity = posts.id
--   role 'document'  entity = documents.doc_key
--   role 'indicator' entity = ref_indicators.code, or 'other:' + the
--                    folded indicator
--   role 'as_of'     entity = the date (YYYY-MM-DD, or YYYY) a ratio holds at
--   role 'component' entity = ref_indices.code: the ranking is of one of the
--                    index's components ("chính quyền số ở vị trí thứ 12"),
--                    kept as a mention, not a rank of the index
-- A mention that names something no entity matches keeps a row with
-- entity NULL and method 'unresolved': unlinked mentions stay queryable
-- (view unlinked_mentions).
CREATE TABLE record_links (
  record_id  INTEGER NOT NULL,   -- records.id
  role       TEXT NOT NULL,
  entity     TEXT,               -- NULL: not resolved
  surface    TEXT,               -- the text that was linked ("TP.HCM")
  method     TEXT NOT NULL,      -- how: 'alias', 'alias_in_sentence',
                                 -- 'article_locality', 'record_field',
                                 -- 'publication_year', 'name_scope', ...
  score      REAL NOT NULL,      -- 1 exact; lower for indirect evidence
  PRIMARY KEY (record_id, role)
);
CREATE INDEX record_links_entity ON record_links(role, entity);

-- One fact per natural key:
--   kind 'rank'     'rank|PAR_INDEX|province|2023|22': a unit's rank in
--                   an edition; value = the rank
--   kind 'ratio'    'ratio|tasks|ALL_MINISTRIES|2023-06-21': a count of a
--                   whole for an indicator, unit and as-of date;
--                   value = 'numerator/denominator'
--   kind 'tenure'   'tenure|<folded name>|<person scope>|<folded title>':
--                   a person in a post; value = the post's title
--   kind 'citation' 'citation|<doc_key>': a document cited; value = doc_key
-- status (from the candidates' independent support, no probabilities):
--   'single'   one candidate, from one story
--   'agreed'   one candidate, from two or more stories
--   'majority' several candidates, the first has more independent sites
--              than any other
--   'conflict' several candidates, tied at the top
CREATE TABLE facts (
  id             INTEGER PRIMARY KEY,
  natural_key    TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind IN ('rank', 'ratio', 'tenure', 'citation')),
  index_code     TEXT,      -- rank: ref_indices.code
  level          TEXT,      -- rank: 'province' or 'ministry'
  data_year      INTEGER,   -- rank: the edition's data year
  unit_code      TEXT,      -- rank, ratio: ref_units.code
  indicator      TEXT,      -- ratio: record_links 'indicator' entity
  as_of          TEXT,      -- ratio: date or year
  person_id      INTEGER,   -- tenure: people.id
  post_id        INTEGER,   -- tenure: posts.id
  doc_key        TEXT,      -- citation: documents.doc_key
  value          TEXT,      -- the chosen candidate's value (an override's, if any)
  value_num      REAL,      -- value as a number where it is one (rank, percent of a ratio)
  score          REAL,      -- rank: the score stated most often with it, NULL none
  change         INTEGER,   -- rank: the change stated most often ("tăng 24 bậc" = 24)
  status         TEXT NOT NULL CHECK (status IN ('agreed', 'majority', 'conflict', 'single')),
  overridden     INTEGER NOT NULL DEFAULT 0,  -- 1: value chosen by fact_overrides
  note           TEXT,      -- the override's note, if any
  n_candidates   INTEGER NOT NULL,
  n_mentions     INTEGER NOT NULL,  -- of the chosen candidate: records
  n_articles     INTEGER NOT NULL,  -- articles
  n_sites        INTEGER NOT NULL,  -- distinct sites
  n_independent  INTEGER NOT NULL   -- distinct stories (syndicated copies once)
);
CREATE INDEX facts_kind ON facts(kind, index_code, level, data_year);

-- The values the sources give for a fact, best supported first (position 1).
CREATE TABLE fact_candidates (
  id             INTEGER PRIMARY KEY,
  fact_id        INTEGER NOT NULL,  -- facts.id
  position       INTEGER NOT NULL,  -- 1 = best supported
  value          TEXT NOT NULL,
  value_num      REAL,
  chosen         INTEGER NOT NULL,  -- 1: the fact's value
  rejected       INTEGER NOT NULL DEFAULT 0,  -- 1: an override rejects it
  n_mentions     INTEGER NOT NULL,
  n_articles     INTEGER NOT NULL,
  n_sites        INTEGER NOT NULL,
  n_independent  INTEGER NOT NULL,
  UNIQUE (fact_id, value)
);

-- The records behind each candidate.
CREATE TABLE fact_sources (
  candidate_id  INTEGER NOT NULL,  -- fact_candidates.id
  record_id     INTEGER NOT NULL,  -- records.id
  article_id    INTEGER NOT NULL,  -- articles.id
  PRIMARY KEY (candidate_id, record_id)
);
CREATE INDEX fact_sources_record ON fact_sources(record_id);

-- Checks between facts, failed ones included (never hidden):
--   'rank_change'   a stated change against the previous edition's rank
--   'rank_range'    a rank against the number of units in the edition
--   'rank_of_n'     a stated "N/63" against the edition's number of units
--   'percent_ratio' a stated percent against its numerator/denominator
--   'score_scale'   a stated score against the index's scale
CREATE TABLE fact_checks (
  id         INTEGER PRIMARY KEY,
  fact_id    INTEGER NOT NULL,   -- facts.id
  check_name TEXT NOT NULL,
  passed     INTEGER NOT NULL,   -- 1 passed, 0 failed
  detail     TEXT NOT NULL,      -- what was compared ("stated +24 from 32; series 32 → 8")
  record_id  INTEGER             -- the record that states it, when one does
);
CREATE INDEX fact_checks_fact ON fact_checks(fact_id);

-- Researchers' corrections, keyed by natural key: never written by
-- `facts`, never touched by `run` or `reextract`.
--   action 'accept': the fact takes `value` (a candidate's or a new one)
--   action 'reject': candidate `value` is not chosen
--   action 'note':   `note` is shown with the fact (value '')
CREATE TABLE fact_overrides (
  natural_key  TEXT NOT NULL,
  action       TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'note')),
  value        TEXT NOT NULL DEFAULT '',
  note         TEXT,
  created      TEXT,            -- when, ISO 8601, for people
  PRIMARY KEY (natural_key, action, value)
);

-- ---- Views for researchers ----

-- (a) Rank series: one row per index, level, edition and unit.
--   rank, of_n (units in the edition), score, change (stated in the text),
--   change_in_series (previous edition's rank minus this one: positive =
--   climbed; NULL when the previous edition has no such fact or another
--   unit set), status, sources (articles), sites.
-- unit_code_2025/unit_2025: the province the unit belongs to from
-- 2025-07-01 (a ministry: from the 2025-03-01 restructuring; itself when
-- it goes on). Series across the mergers keep the publisher's editions;
-- ranks of merged units are never averaged.
CREATE VIEW rank_series AS
SELECT f.index_code AS "index", f.level, f.data_year AS edition,
       e.published_on, f.unit_code,
       -- the unit's name when the edition came out (code 52: Bình Định in
       -- PAR INDEX 2024, Gia Lai in DTI 2024 recomputed for 34 provinces)
       coalesce((SELECT n.short_name FROM ref_unit_names n
                  WHERE n.code = f.unit_code
                    AND coalesce(n.valid_from, '') <=
                        coalesce(e.published_on, (f.data_year + 1) || '-06-30')
                    AND coalesce(n.valid_to, '9999') >=
                        coalesce(e.published_on, (f.data_year + 1) || '-06-30')
                  ORDER BY n.valid_from DESC LIMIT 1), u.short_name) AS unit,
       coalesce(s.new_code, CASE WHEN u.valid_to IS NULL THEN f.unit_code END)
         AS unit_code_2025,
       coalesce(u2.short_name, CASE WHEN u.valid_to IS NULL THEN u.short_name END)
         AS unit_2025,
       CAST(f.value AS INTEGER) AS rank, e.n_units AS of_n, f.score, f.change,
       (SELECT CAST(p.value AS INTEGER) - CAST(f.value AS INTEGER)
          FROM facts p JOIN ref_index_editions pe
            ON pe.index_code = p.index_code AND pe.level = p.level
           AND pe.data_year = p.data_year
         WHERE p.kind = 'rank' AND p.index_code = f.index_code AND p.level = f.level
           AND p.unit_code = f.unit_code AND p.data_year = f.data_year - 1
           AND pe.unit_set IS e.unit_set) AS change_in_series,
       f.status, f.n_articles AS sources, f.n_sites AS sites, f.overridden,
       f.note, f.id AS fact_id, f.natural_key
FROM facts f
LEFT JOIN ref_index_editions e
  ON e.index_code = f.index_code AND e.level = f.level AND e.data_year = f.data_year
LEFT JOIN ref_units u ON u.code = f.unit_code
LEFT JOIN ref_unit_succession s ON s.old_code = f.unit_code
 AND s.effective IN ('2025-03-01', '2025-07-01')
LEFT JOIN ref_units u2 ON u2.code = s.new_code
WHERE f.kind = 'rank';

-- (b) Task completion and other counted indicators: a unit (a province, a
-- ministry, or all of them) completed numerator of denominator at as_of.
-- indicator = ref_indicators.code ('tasks': nhiệm vụ; 'other:...' for
-- indicators not in the reference list); percent from the chosen value.
CREATE VIEW task_completion_series AS
SELECT f.indicator,
       (SELECT min(i.name) FROM ref_indicators i WHERE i.code = f.indicator) AS indicator_name,
       f.unit_code, u.short_name AS unit,
       u.kind AS unit_kind, f.as_of, CAST(substr(f.as_of, 1, 4) AS INTEGER) AS year,
       CAST(substr(f.value, 1, instr(f.value, '/') - 1) AS REAL) AS numerator,
       CAST(substr(f.value, instr(f.value, '/') + 1) AS REAL) AS denominator,
       f.value_num AS percent, f.status, f.n_articles AS sources, f.n_sites AS sites,
       f.overridden, f.note, f.id AS fact_id, f.natural_key
FROM facts f
LEFT JOIN ref_units u ON u.code = f.unit_code
WHERE f.kind = 'ratio';

-- (c) Who held which office when: a person, a post, first and last article
-- date seen in it, the dates of "tân" (start) and "nguyên" (former)
-- mentions, acting, and the support.
CREATE VIEW office_holders AS
SELECT p.name, p.id AS person_id, po.title, po.office, po.body, po.unit_code,
       u.short_name AS unit, t.first_seen, t.last_seen, t.start_seen, t.former_seen,
       t.acting, t.n_mentions, t.n_articles, po.id AS post_id, f.status,
       f.id AS fact_id, f.natural_key
FROM tenures t
JOIN people p ON p.id = t.person_id
JOIN posts po ON po.id = t.post_id
LEFT JOIN ref_units u ON u.code = po.unit_code
LEFT JOIN facts f ON f.kind = 'tenure' AND f.person_id = t.person_id AND f.post_id = t.post_id;

-- (d) Legal citations per year: each document, the year of the citing
-- articles (NULL when undated), mentions and articles.
CREATE VIEW legal_citations_by_year AS
SELECT d.doc_key, d.doc_type, d.number, d.year AS doc_year, d.issuer, d.resolved,
       CAST(substr(s.day, 1, 4) AS INTEGER) AS cited_year,
       count(*) AS n_mentions, count(DISTINCT fs.article_id) AS n_articles
FROM facts f
JOIN documents d ON d.doc_key = f.doc_key
JOIN fact_candidates c ON c.fact_id = f.id
JOIN fact_sources fs ON fs.candidate_id = c.id
LEFT JOIN article_sites s ON s.article_id = fs.article_id
WHERE f.kind = 'citation'
GROUP BY d.doc_key, cited_year;

-- (e) The evidence behind any fact and value: for each candidate value,
-- the records, their articles (key, url, title, published, site) and the
-- sentence they stand in.
CREATE VIEW fact_evidence AS
SELECT f.id AS fact_id, f.natural_key, f.kind, f.value AS fact_value, f.status,
       c.value, c.chosen, c.rejected, r.id AS record_id, r.type, r.text AS record_text,
       a.key AS article, a.url, a.title, a.published, s.site,
       substr(a.norm, r.sentence_start + 1, r.sentence_end - r.sentence_start) AS sentence
FROM facts f
JOIN fact_candidates c ON c.fact_id = f.id
JOIN fact_sources fs ON fs.candidate_id = c.id
JOIN records r ON r.id = fs.record_id
JOIN articles a ON a.id = fs.article_id
LEFT JOIN article_sites s ON s.article_id = a.id;

-- Checks that failed, with the fact they concern and the sentence stating it.
CREATE VIEW failed_checks AS
SELECT k.id, k.check_name, k.detail, f.id AS fact_id, f.natural_key, f.value,
       a.key AS article, a.url,
       substr(a.norm, r.sentence_start + 1, r.sentence_end - r.sentence_start) AS sentence
FROM fact_checks k
JOIN facts f ON f.id = k.fact_id
LEFT JOIN records r ON r.id = k.record_id
LEFT JOIN articles a ON a.id = r.article_id
WHERE k.passed = 0;

-- Mentions no entity matched, by role, with their record and sentence.
CREATE VIEW unlinked_mentions AS
SELECT l.record_id, l.role, l.surface, l.method, r.type, r.text AS record_text,
       a.key AS article, a.url,
       substr(a.norm, r.sentence_start + 1, r.sentence_end - r.sentence_start) AS sentence
FROM record_links l
JOIN records r ON r.id = l.record_id
JOIN articles a ON a.id = r.article_id
WHERE l.entity IS NULL;
