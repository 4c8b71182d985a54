-- vnreform database, schema version 11: reference data (issue 16) and the
-- entities the facts layer observes in the articles. `vnreform facts` fills
-- every table here: the ref_* tables from the TSV files of rules/reference/
-- (shipped with the project, editable without recompiling; their version is
-- ref_meta 'data_version'), the others (people, posts, tenures, documents)
-- from the records. A rebuild replaces them all; nothing here is edited by
-- hand (researchers' corrections go to fact_overrides, schema 12).
-- Dates are ISO 8601 (YYYY-MM-DD); validity is inclusive, NULL = open-ended.

-- What was loaded: 'data_version' (a hash of the reference files),
-- 'files' (their names), 'records' (records seen by the last rebuild).
CREATE TABLE ref_meta (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

-- Administrative units and state bodies, one row per code. Provinces are
-- keyed by their GSO code ('01' Hà Nội, '46' Huế): codes never change and
-- are never reused. A province kept by the 2025 merger (e.g. '08' Tuyên
-- Quang, which absorbed '02' Hà Giang) keeps its code and its row; the
-- merged-away ones end on 2025-06-30. Ministries and ministerial-level
-- agencies are keyed by the abbreviation their documents carry ('BNV',
-- 'BTC', 'VPCP'); districts by 'D' + their GSO code (only the few an alias
-- needs, e.g. the former city of Huế); the groups news reports totals for
-- ("các bộ, ngành", "các tỉnh, thành phố") by 'ALL_MINISTRIES', 'ALL_PROVINCES'
-- (kind 'aggregate').
CREATE TABLE ref_units (
  code         TEXT PRIMARY KEY,
  kind         TEXT NOT NULL
               CHECK (kind IN ('province', 'ministry', 'agency', 'district', 'aggregate')),
  name         TEXT NOT NULL,  -- full official name, latest ("Thành phố Huế")
  short_name   TEXT NOT NULL,  -- as ranks list it ("Huế")
  type         TEXT,           -- "Tỉnh", "Thành phố Trung ương", "bộ", "cơ quan ngang bộ"
  valid_from   TEXT,           -- NULL: before the data begins
  valid_to     TEXT,           -- NULL: still exists
  parent_code  TEXT,           -- district: its province
  note         TEXT
);

-- Official names over time: "Tỉnh Thừa Thiên Huế" until 2024-12-31,
-- "Thành phố Huế" from 2025-01-01; code 52 "Tỉnh Bình Định" until
-- 2025-06-30, then "Tỉnh Gia Lai" (the merged province kept code 52).
CREATE TABLE ref_unit_names (
  code        TEXT NOT NULL,   -- ref_units.code
  name        TEXT NOT NULL,
  short_name  TEXT NOT NULL,   -- as ranks list it ("Thừa Thiên Huế", then "Huế")
  valid_from  TEXT,
  valid_to    TEXT,
  PRIMARY KEY (code, name)
);

-- Names as news writes them ("TP.HCM", "Sài Gòn", "Thừa Thiên - Huế"),
-- matched on `folded`: lower case, no diacritics, đ → d, only letters and
-- digits, a leading "tinh"/"thanh pho"/"tp"/"ubnd" removed (see
-- src/facts/fold.cc). An alias may hold only for a time: "thành phố Huế"
-- named a district before 2025.
CREATE TABLE ref_unit_aliases (
  folded      TEXT NOT NULL,
  code        TEXT NOT NULL,   -- ref_units.code
  alias       TEXT NOT NULL,   -- one spelling, as written in the TSV
  valid_from  TEXT,
  valid_to    TEXT,
  source      TEXT NOT NULL,   -- reference file it came from
  PRIMARY KEY (folded, code, valid_from)
);

-- The 2025 mergers: each of the 63 provinces to one of the 34 (also a
-- kept province to itself), and the ministries merged on 2025-03-01.
CREATE TABLE ref_unit_succession (
  old_code   TEXT NOT NULL,    -- ref_units.code before
  new_code   TEXT NOT NULL,    -- ref_units.code after
  effective  TEXT NOT NULL,    -- first day under the new unit
  PRIMARY KEY (old_code, new_code, effective)
);

-- Indices (PAR_INDEX, SIPAS, PAPI, PCI, PGI, DTI, SERVICE_INDEX, DDCI,
-- ICT_INDEX), from rules/reference/indices.tsv (../shared/data/gov/INDICES.md).
CREATE TABLE ref_indices (
  code        TEXT PRIMARY KEY, -- 'PAR_INDEX'
  name        TEXT NOT NULL,    -- usual short name ("PAR INDEX")
  vi_name     TEXT NOT NULL,    -- Vietnamese name
  publisher   TEXT,
  scale_kind  TEXT,             -- 'percent', 'points', 'unit_interval'
  scale_max   REAL,             -- highest value a score can take
  note        TEXT
);

-- Editions: a rank is comparable only within one (index, level, data_year).
CREATE TABLE ref_index_editions (
  index_code    TEXT NOT NULL,  -- ref_indices.code
  level         TEXT NOT NULL CHECK (level IN ('province', 'ministry')),
  data_year     INTEGER NOT NULL, -- the year the edition measures ("PAR INDEX 2023")
  published_on  TEXT,           -- when it was announced (2024-04-17); NULL unknown
  n_units       INTEGER,        -- units ranked (63, 34, 17...); NULL unknown
  unit_set      TEXT,           -- '63' old provinces, '34' merged ones, 'ministries'
  top_n         INTEGER,        -- only the top N ranks were published (PCI 2023: 30)
  scale_max     REAL,           -- this edition's scale (PAPI: 60 until 2017, 80 after)
  note          TEXT,
  PRIMARY KEY (index_code, level, data_year)
);

-- Names and acronyms of each index as written, matched on the folded form.
-- needs_context: the alias alone is ambiguous ("PGI" is also a company).
CREATE TABLE ref_index_aliases (
  folded         TEXT NOT NULL,
  index_code     TEXT NOT NULL,
  alias          TEXT NOT NULL,
  needs_context  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (folded, index_code)
);

-- Indicators a ratio counts, for the task-completion series: a ratio whose
-- folded indicator starts with `folded` is that indicator ("nhiệm vụ CCHC").
CREATE TABLE ref_indicators (
  folded  TEXT PRIMARY KEY,
  code    TEXT NOT NULL,        -- 'tasks', 'tthc_online', ...
  name    TEXT NOT NULL         -- a label for people
);

-- People observed in official records. A person is a name together with
-- posts that fit together: the same name in two provinces, or in two
-- unrelated bodies, is two people (people.id differ, same name).
CREATE TABLE people (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,    -- as most often written
  folded      TEXT NOT NULL,    -- folded name
  scope       TEXT NOT NULL,    -- what keeps same-name people apart: a unit code or body
  first_seen  TEXT,             -- earliest article date
  last_seen   TEXT,
  n_records   INTEGER NOT NULL
);
CREATE INDEX people_folded ON people(folded);

-- Posts: an office in a body of a unit ("Chủ tịch" of "UBND" of '22').
CREATE TABLE posts (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,     -- the title as most often written
  office     TEXT NOT NULL,     -- the office word(s): "Chủ tịch", "Phó Chủ tịch", "Bộ trưởng"
  body       TEXT,              -- "UBND", "HĐND", "Tỉnh ủy", "Bộ" ... NULL unknown
  unit_code  TEXT,              -- ref_units.code, NULL when the title names none
  folded     TEXT NOT NULL UNIQUE -- folded title: the post's key
);

-- Who held which post when, as the articles show it: the first and last
-- article date the person is seen in the post. start_seen/end_seen are the
-- dates of "tân" (new) and "nguyên" (former) mentions: evidence of a start
-- and of having left. acting: seen as "quyền" (acting) in it.
CREATE TABLE tenures (
  person_id    INTEGER NOT NULL,  -- people.id
  post_id      INTEGER NOT NULL,  -- posts.id
  first_seen   TEXT,              -- earliest dated mention in office
  last_seen    TEXT,              -- latest dated mention in office
  start_seen   TEXT,              -- earliest "tân" mention, NULL none
  former_seen  TEXT,              -- earliest "nguyên" mention, NULL none
  acting       INTEGER NOT NULL DEFAULT 0,  -- 1: seen as acting ("quyền")
  n_mentions   INTEGER NOT NULL,
  n_articles   INTEGER NOT NULL,
  PRIMARY KEY (person_id, post_id)
);

-- Legal documents, keyed by type, number, year and issuer (the extractor's
-- doc_key "Quyết định|422/QĐ-TTg|2022|Thủ tướng Chính phủ"). A number
-- whose year is unknown keeps year NULL and resolved = 0, visible as such.
CREATE TABLE documents (
  doc_key     TEXT PRIMARY KEY,
  doc_type    TEXT,
  number      TEXT,
  year        INTEGER,
  issuer      TEXT,
  resolved    INTEGER NOT NULL,  -- 1 when type, number and year are known
  first_seen  TEXT,              -- earliest citing article's date
  n_mentions  INTEGER NOT NULL,
  n_articles  INTEGER NOT NULL
);
