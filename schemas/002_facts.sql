-- Schema version 2: each record knows its sentence; views for the record
-- types of the extraction issue; ratios flag a stated percent that does
-- not agree with numerator/denominator beyond the rounding it is written to.

-- The province an article is about, when one dominates its mentions: as
-- written, and the province it belongs to from 1 July 2025.
ALTER TABLE articles ADD COLUMN locality TEXT;
ALTER TABLE articles ADD COLUMN locality_2025 TEXT;

ALTER TABLE records ADD COLUMN sentence_start INTEGER;  -- characters in norm
ALTER TABLE records ADD COLUMN sentence_end INTEGER;

DROP VIEW ratios;
CREATE VIEW ratios AS
SELECT r.id, a.key AS article, a.url, a.published,
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

CREATE VIEW officials AS
SELECT r.id, a.key AS article, a.url, a.published,
       json_extract(r.fields, '$.name') AS name,
       json_extract(r.fields, '$.title') AS title,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'official';

CREATE VIEW rankings AS
SELECT r.id, a.key AS article, a.url, a.published,
       json_extract(r.fields, '$.index') AS "index",
       json_extract(r.fields, '$.entity') AS entity,
       json_extract(r.fields, '$.rank') AS rank,
       json_extract(r.fields, '$.change') AS change,
       json_extract(r.fields, '$.year') AS year,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'ranking';

CREATE VIEW quantities AS
SELECT r.id, a.key AS article, a.url, a.published,
       json_extract(r.fields, '$.value') AS value,
       json_extract(r.fields, '$.unit') AS unit,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'quantity';

CREATE VIEW periods AS
SELECT r.id, a.key AS article, a.url, a.published,
       json_extract(r.fields, '$.value') AS value,
       r.text, r.start, r.end, r.rule_id
FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = 'period';

DROP VIEW article_records;
CREATE VIEW article_records AS
SELECT r.id, a.key AS article, a.url, a.title, a.published, a.locality,
       a.locality_2025, r.type, r.text, r.fields, r.start, r.end, r.rule_id, r.ruleset
FROM records r JOIN articles a ON a.id = r.article_id;

-- Every record with the sentence it stands in.
CREATE VIEW record_sentences AS
SELECT r.id, a.key AS article, r.type, r.text, r.fields,
       substr(a.norm, r.sentence_start + 1, r.sentence_end - r.sentence_start) AS sentence
FROM records r JOIN articles a ON a.id = r.article_id;
