-- vnreform database, schema version 8: which articles are about reform. The
-- extract stage scores each article with the weighted lexicon of the rules'
-- [relevance] table (rules/reform.toml): `reform_score` is the score, `reform`
-- 1 when it reaches the table's threshold, else 0; both NULL for articles
-- stored before, or by rules without the table. The views carry `reform` so
-- a researcher can keep to reform articles (WHERE reform = 1); legal_refs
-- also carries a document's identity (year, issuer, doc_key, refers_to).
ALTER TABLE articles ADD COLUMN reform INTEGER;
ALTER TABLE articles ADD COLUMN reform_score REAL;
CREATE INDEX articles_reform ON articles(reform);

-- The articles about reform, most relevant first.
CREATE VIEW reform_articles AS
SELECT a.id, a.key AS article, a.url, a.title, a.published, a.locality,
       a.locality_2025, a.reform_score
FROM articles a WHERE a.reform = 1;

DROP VIEW ratios;
CREATE VIEW ratios AS
SELECT r.id, a.key AS article, a.url, a.published, a.reform,
       json_extract(r.fields, '$.numerator') AS numerator,
       json_extract(r.fields, '$.denominator') AS denominator,
       json_extract(r.fields, '$.indicator') AS indicator,
       json_extract(r.fields, '$.subject') AS subject,
       json_extract(r.fields, '$.percent') AS percent,
       json_extract(r.fields, '$.as_of') AS as_of,
       -- 1 when the stated percent is off by more than its last digit's rounding
       CASE WHEN json_extract(r.fields, '$.percent') IS NULL
              OR json_extract(r.fields, '$.denominator') = 0 THEN NULL
            ELSE abs(100.0 * json_extract(r.fields, '$.numerator')
                         / json_extract(r.fields, '$.denominator')
                     - json_extract(r.fields, '$.percent'))
                 > CASE WHEN json_extract(r.fields, '$.percent') * 10
                             = round(json_extract(r.fields, '$.percent') * 10)
                        THEN CASE WHEN json_extract(r.fields, '$.percent')
                                       = round(json_extract(r.fields, '$.percent'))
                                  THEN 0.5 ELSE 0.05 END
                        ELSE 0.005 END + 1e-9
       END AS percent_disagrees,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'ratio';

DROP VIEW percents;
CREATE VIEW percents AS
SELECT r.id, a.key AS article, a.url, a.published, a.reform,
       json_extract(r.fields, '$.value') AS value,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'percent';

DROP VIEW dates;
CREATE VIEW dates AS
SELECT r.id, a.key AS article, a.url, a.published, a.reform,
       json_extract(r.fields, '$.value') AS value,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'date';

DROP VIEW legal_refs;
CREATE VIEW legal_refs AS
SELECT r.id, a.key AS article, a.url, a.published, a.reform,
       json_extract(r.fields, '$.doc_type') AS doc_type,
       json_extract(r.fields, '$.number') AS number,
       json_extract(r.fields, '$.date') AS date,
       json_extract(r.fields, '$.issuer') AS issuer,
       json_extract(r.fields, '$.year') AS year,
       json_extract(r.fields, '$.doc_key') AS doc_key,
       json_extract(r.fields, '$.refers_to') AS refers_to,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'legal_ref';

DROP VIEW officials;
CREATE VIEW officials AS
SELECT r.id, a.key AS article, a.url, a.published, a.reform,
       json_extract(r.fields, '$.name') AS name,
       json_extract(r.fields, '$.title') AS title,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'official';

DROP VIEW rankings;
CREATE VIEW rankings AS
SELECT r.id, a.key AS article, a.url, a.published, a.reform,
       json_extract(r.fields, '$.index') AS "index",
       json_extract(r.fields, '$.entity') AS entity,
       json_extract(r.fields, '$.rank') AS rank,
       json_extract(r.fields, '$.change') AS change,
       json_extract(r.fields, '$.year') AS year,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'ranking';

DROP VIEW quantities;
CREATE VIEW quantities AS
SELECT r.id, a.key AS article, a.url, a.published, a.reform,
       json_extract(r.fields, '$.value') AS value,
       json_extract(r.fields, '$.unit') AS unit,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'quantity';

DROP VIEW periods;
CREATE VIEW periods AS
SELECT r.id, a.key AS article, a.url, a.published, a.reform,
       json_extract(r.fields, '$.value') AS value,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'period';

DROP VIEW article_records;
CREATE VIEW article_records AS
SELECT r.id, a.key AS article, a.url, a.title, a.published, a.locality,
       a.locality_2025, a.reform, r.type, r.text, r.fields, r.start, r.end, r.rule_id,
       r.ruleset
FROM records r JOIN articles a ON a.id = r.article_id;
