-- Issue 15: a listing or home page (teasers, no article text) is an outcome
-- of a run, not a failure: counted here, not stored as an article.
ALTER TABLE runs ADD COLUMN listings INTEGER NOT NULL DEFAULT 0;

-- Every run with its counts and its errors (run_issues), newest first.
CREATE VIEW run_log AS
SELECT r.id, r.command, r.ruleset, r.started, r.finished, r.articles, r.unchanged,
       r.failed, r.listings, r.records,
       (SELECT count(*) FROM run_issues i
         WHERE i.run_id = r.id AND i.severity = 'error') AS errors,
       r.warnings, r.seconds
FROM runs r ORDER BY r.id DESC;

-- An input whose content is stored under another key (the same file read
-- under another root) is that article: run looks it up by content.
CREATE INDEX articles_content_hash ON articles(content_hash);
