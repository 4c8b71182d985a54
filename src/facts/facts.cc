// RebuildFacts: reference data, links, then the facts consolidated from the
// observations with set-based SQL (one GROUP BY per step), the checks
// between facts, and the overrides. WriteRankSeries prints a series.
#include "facts/facts.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "facts/link.h"
#include "facts/reference.h"
#include "store/store.h"

namespace vnreform {
namespace {

SqlValue Opt(const std::optional<double>& v) { return v ? SqlValue(*v) : SqlValue(); }
SqlValue Opt(const std::optional<int64_t>& v) { return v ? SqlValue(*v) : SqlValue(); }
SqlValue Txt(const std::string& s) { return s.empty() ? SqlValue() : SqlValue(s); }

Status WriteObservations(const std::vector<Observation>& obs, Store* store) {
  VNREFORM_RETURN_IF_ERROR(store->ExecSql(
      "DROP TABLE IF EXISTS temp.obs;"
      "CREATE TEMP TABLE obs(kind TEXT, natural_key TEXT, value TEXT, value_num REAL,"
      " record_id INTEGER, article_id INTEGER, index_code TEXT, level TEXT,"
      " data_year INTEGER, unit_code TEXT, indicator TEXT, as_of TEXT, person_id INTEGER,"
      " post_id INTEGER, doc_key TEXT, change INTEGER, of_n INTEGER, score REAL,"
      " percent REAL, numerator REAL, denominator REAL);"));
  for (const Observation& o : obs)
    VNREFORM_RETURN_IF_ERROR(
        store->QuerySql("INSERT INTO temp.obs VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                        "?10, ?11, ?12, ?13,"
                        " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                        {o.kind,
                         o.natural_key,
                         o.value,
                         Opt(o.value_num),
                         o.record_id,
                         o.article_id,
                         Txt(o.index_code),
                         Txt(o.level),
                         Opt(o.data_year),
                         Txt(o.unit_code),
                         Txt(o.indicator),
                         Txt(o.as_of),
                         Opt(o.person_id),
                         Opt(o.post_id),
                         Txt(o.doc_key),
                         Opt(o.change),
                         Opt(o.of_n),
                         Opt(o.score),
                         Opt(o.percent),
                         Opt(o.numerator),
                         Opt(o.denominator)}));
  return store->ExecSql(
      "CREATE INDEX temp.obs_key ON obs(natural_key, value);"
      "CREATE INDEX temp.obs_record ON obs(record_id);");
}

// Candidates, facts, sources: all from temp.obs, in natural-key order so
// that ids are the same on every rebuild.
constexpr const char* kConsolidate = R"sql(
DELETE FROM fact_checks; DELETE FROM fact_sources; DELETE FROM fact_candidates;
DELETE FROM facts;
DROP TABLE IF EXISTS temp.cand;
CREATE TEMP TABLE cand AS
SELECT o.natural_key, o.value, min(o.value_num) AS value_num, count(*) AS n_mentions,
       count(DISTINCT o.article_id) AS n_articles, count(DISTINCT s.site) AS n_sites,
       count(DISTINCT s.story) AS n_independent,
       EXISTS (SELECT 1 FROM fact_overrides v WHERE v.natural_key = o.natural_key
                 AND v.action = 'reject' AND v.value = o.value) AS rejected,
       EXISTS (SELECT 1 FROM fact_overrides v WHERE v.natural_key = o.natural_key
                 AND v.action = 'accept' AND v.value = o.value) AS accepted
FROM obs o JOIN article_sites s ON s.article_id = o.article_id
GROUP BY o.natural_key, o.value;
-- An accepted value no source gives is a candidate too, with no support.
INSERT INTO cand
SELECT v.natural_key, v.value, CAST(v.value AS REAL), 0, 0, 0, 0, 0, 1
FROM fact_overrides v
WHERE v.action = 'accept' AND v.natural_key IN (SELECT natural_key FROM obs)
  AND NOT EXISTS (SELECT 1 FROM cand c WHERE c.natural_key = v.natural_key
                    AND c.value = v.value);
DROP TABLE IF EXISTS temp.ranked;
CREATE TEMP TABLE ranked AS
SELECT c.*,
       row_number() OVER (PARTITION BY natural_key
                          ORDER BY rejected, n_independent DESC, n_articles DESC,
                                   n_mentions DESC, value) AS position,
       row_number() OVER (PARTITION BY natural_key
                          ORDER BY accepted DESC, rejected, n_independent DESC,
                                   n_articles DESC, n_mentions DESC, value) AS choice
FROM cand c;
CREATE INDEX temp.ranked_key ON ranked(natural_key, position);
INSERT INTO facts(natural_key, kind, index_code, level, data_year, unit_code, indicator, as_of,
                  person_id, post_id, doc_key, value, value_num, status, overridden, note,
                  n_candidates, n_mentions, n_articles, n_sites, n_independent)
SELECT k.natural_key, k.kind, k.index_code, k.level, k.data_year, k.unit_code, k.indicator,
       k.as_of, k.person_id, k.post_id, k.doc_key,
       CASE WHEN ch.rejected = 0 OR ch.accepted = 1 THEN ch.value END,
       CASE WHEN ch.rejected = 0 OR ch.accepted = 1 THEN ch.value_num END,
       CASE WHEN (SELECT count(*) FROM ranked r WHERE r.natural_key = k.natural_key
                    AND r.n_mentions > 0) = 1
            THEN CASE WHEN top.n_independent >= 2 THEN 'agreed' ELSE 'single' END
            WHEN top.n_independent > (SELECT r.n_independent FROM ranked r
                                       WHERE r.natural_key = k.natural_key
                                         AND r.position = 2) THEN 'majority'
            ELSE 'conflict' END,
       ch.accepted OR EXISTS (SELECT 1 FROM fact_overrides v
                               WHERE v.natural_key = k.natural_key AND v.action = 'reject'),
       (SELECT group_concat(note, ' | ') FROM
          (SELECT v.note FROM fact_overrides v WHERE v.natural_key = k.natural_key
             AND v.note IS NOT NULL AND v.note != '' ORDER BY v.action, v.value)),
       (SELECT count(*) FROM ranked r WHERE r.natural_key = k.natural_key),
       ch.n_mentions, ch.n_articles, ch.n_sites, ch.n_independent
FROM (SELECT natural_key, min(kind) AS kind, min(index_code) AS index_code,
             min(level) AS level, min(data_year) AS data_year, min(unit_code) AS unit_code,
             min(indicator) AS indicator, min(as_of) AS as_of, min(person_id) AS person_id,
             min(post_id) AS post_id, min(doc_key) AS doc_key
        FROM obs GROUP BY natural_key) k
JOIN ranked ch ON ch.natural_key = k.natural_key AND ch.choice = 1
JOIN ranked top ON top.natural_key = k.natural_key AND top.position = 1
ORDER BY k.natural_key;
INSERT INTO fact_candidates(fact_id, position, value, value_num, chosen, rejected, n_mentions,
                            n_articles, n_sites, n_independent)
SELECT f.id, r.position, r.value, r.value_num, r.choice = 1 AND f.value IS NOT NULL,
       r.rejected, r.n_mentions, r.n_articles, r.n_sites, r.n_independent
FROM facts f JOIN ranked r ON r.natural_key = f.natural_key
ORDER BY f.id, r.position;
INSERT OR IGNORE INTO fact_sources(candidate_id, record_id, article_id)
SELECT c.id, o.record_id, o.article_id
FROM obs o JOIN facts f ON f.natural_key = o.natural_key
JOIN fact_candidates c ON c.fact_id = f.id AND c.value = o.value
ORDER BY c.id, o.record_id;
-- What a rank's sources state besides it: the most frequent change and score.
UPDATE facts SET
  change = (SELECT o.change FROM obs o WHERE o.natural_key = facts.natural_key
              AND o.value = facts.value AND o.change IS NOT NULL
            GROUP BY o.change ORDER BY count(*) DESC, o.change LIMIT 1),
  score = (SELECT o.score FROM obs o WHERE o.natural_key = facts.natural_key
             AND o.value = facts.value AND o.score IS NOT NULL
           GROUP BY o.score ORDER BY count(*) DESC, o.score LIMIT 1)
WHERE kind = 'rank';
)sql";

// Checks between facts. Each INSERT is one check over every fact it
// applies to; passed and failed rows alike.
constexpr const char* kChecks = R"sql(
-- A rank beyond the number of units in its edition (or beyond the top N
-- published), per candidate value.
INSERT INTO fact_checks(fact_id, check_name, passed, detail, record_id)
SELECT f.id, 'rank_range', c.value_num <= e.n_units AND c.value_num >= 1,
       'rank ' || c.value || ' of ' || e.n_units || ' units in ' || f.index_code || ' '
         || f.data_year || ' (' || f.level || ')'
         || CASE WHEN e.top_n IS NOT NULL THEN '; only the top ' || e.top_n || ' published'
            ELSE '' END,
       (SELECT min(s.record_id) FROM fact_sources s WHERE s.candidate_id = c.id)
FROM facts f
JOIN fact_candidates c ON c.fact_id = f.id AND c.n_mentions > 0
JOIN ref_index_editions e ON e.index_code = f.index_code AND e.level = f.level
 AND e.data_year = f.data_year
WHERE f.kind = 'rank' AND e.n_units IS NOT NULL
ORDER BY f.id, c.position;
-- "xếp thứ 21/63": the stated N against the edition's units, per record.
INSERT INTO fact_checks(fact_id, check_name, passed, detail, record_id)
SELECT f.id, 'rank_of_n', o.of_n = e.n_units,
       'stated ' || o.value || '/' || o.of_n || '; ' || f.index_code || ' ' || f.data_year
         || ' ranks ' || e.n_units || ' units',
       o.record_id
FROM obs o JOIN facts f ON f.natural_key = o.natural_key
JOIN ref_index_editions e ON e.index_code = f.index_code AND e.level = f.level
 AND e.data_year = f.data_year
WHERE o.kind = 'rank' AND o.of_n IS NOT NULL AND e.n_units IS NOT NULL
ORDER BY f.id, o.record_id;
-- A stated change ("tăng 24 bậc") against the previous edition's rank in
-- the same unit set: per distinct stated change.
INSERT INTO fact_checks(fact_id, check_name, passed, detail, record_id)
SELECT f.id, 'rank_change',
       o.change = CAST(p.value AS INTEGER) - CAST(o.value AS INTEGER),
       'stated ' || CASE WHEN o.change > 0 THEN '+' ELSE '' END || o.change || '; '
         || f.index_code || ' ' || p.data_year || ' rank ' || p.value || ' -> '
         || f.data_year || ' rank ' || o.value || ' gives '
         || CASE WHEN CAST(p.value AS INTEGER) - CAST(o.value AS INTEGER) > 0 THEN '+'
            ELSE '' END || (CAST(p.value AS INTEGER) - CAST(o.value AS INTEGER)),
       min(o.record_id)
FROM obs o JOIN facts f ON f.natural_key = o.natural_key
JOIN facts p ON p.kind = 'rank' AND p.index_code = f.index_code AND p.level = f.level
 AND p.unit_code = f.unit_code AND p.data_year = f.data_year - 1 AND p.value IS NOT NULL
LEFT JOIN ref_index_editions e ON e.index_code = f.index_code AND e.level = f.level
 AND e.data_year = f.data_year
LEFT JOIN ref_index_editions pe ON pe.index_code = p.index_code AND pe.level = p.level
 AND pe.data_year = p.data_year
WHERE o.kind = 'rank' AND o.change IS NOT NULL AND e.unit_set IS pe.unit_set
GROUP BY f.id, o.value, o.change
ORDER BY f.id, o.value, o.change;
-- A stated percent against numerator/denominator, within the rounding of
-- its last digit, per record.
INSERT INTO fact_checks(fact_id, check_name, passed, detail, record_id)
SELECT f.id, 'percent_ratio',
       abs(100.0 * o.numerator / o.denominator - o.percent) <=
         CASE WHEN o.percent = round(o.percent) THEN 0.5
              WHEN o.percent * 10 = round(o.percent * 10) THEN 0.05 ELSE 0.005 END + 1e-9,
       'stated ' || o.percent || '%; ' || o.value || ' = '
         || round(100.0 * o.numerator / o.denominator, 2) || '%',
       o.record_id
FROM obs o JOIN facts f ON f.natural_key = o.natural_key
WHERE o.kind = 'ratio' AND o.percent IS NOT NULL AND o.denominator > 0
ORDER BY f.id, o.record_id;
-- A stated score against the scale of the index (of its edition if known).
INSERT INTO fact_checks(fact_id, check_name, passed, detail, record_id)
SELECT f.id, 'score_scale', o.score >= 0 AND o.score <= coalesce(e.scale_max, i.scale_max),
       'score ' || o.score || ' on a scale of ' || coalesce(e.scale_max, i.scale_max),
       o.record_id
FROM obs o JOIN facts f ON f.natural_key = o.natural_key
JOIN ref_indices i ON i.code = f.index_code
LEFT JOIN ref_index_editions e ON e.index_code = f.index_code AND e.level = f.level
 AND e.data_year = f.data_year
WHERE o.kind = 'rank' AND o.score IS NOT NULL
  AND coalesce(e.scale_max, i.scale_max) IS NOT NULL
ORDER BY f.id, o.record_id;
)sql";

void Collect(Store* store, const std::string& sql, std::map<std::string, int64_t>* out,
             Status* s) {
  if (!s->ok()) return;
  *s = store->QuerySql(sql, {}, [&](const std::vector<SqlValue>& row) {
    const auto* k = std::get_if<std::string>(&row[0]);
    const auto* n = std::get_if<int64_t>(&row[1]);
    if (k && n) (*out)[*k] = *n;
  });
}

Status Rebuild(Store* store, const FactsOptions& options, FactsSummary* summary) {
  std::unique_ptr<Reference> ref;
  VNREFORM_RETURN_IF_ERROR(Reference::Load(options.reference_dir, &ref));
  summary->data_version = ref->impl().version;
  VNREFORM_RETURN_IF_ERROR(WriteReference(*ref, store));
  std::vector<Observation> obs;
  LinkStats stats;
  VNREFORM_RETURN_IF_ERROR(LinkRecords(*ref, store, &obs, &stats));
  summary->records = stats.records;
  summary->links = stats.links;
  summary->unresolved = stats.unresolved;
  VNREFORM_RETURN_IF_ERROR(WriteObservations(obs, store));
  obs.clear();
  obs.shrink_to_fit();
  VNREFORM_RETURN_IF_ERROR(store->ExecSql(kConsolidate));
  VNREFORM_RETURN_IF_ERROR(store->ExecSql(kChecks));
  VNREFORM_RETURN_IF_ERROR(
      store->QuerySql("INSERT OR REPLACE INTO ref_meta(key, value) VALUES('records', ?1)",
                      {std::to_string(stats.records)}));
  Status s;
  Collect(store, "SELECT kind, count(*) FROM facts GROUP BY kind", &summary->facts, &s);
  Collect(store, "SELECT status, count(*) FROM facts GROUP BY status", &summary->status,
          &s);
  std::map<std::string, int64_t> checks;
  Collect(store, "SELECT CAST(passed AS TEXT), count(*) FROM fact_checks GROUP BY passed",
          &checks, &s);
  summary->checks = checks["0"] + checks["1"];
  summary->failed_checks = checks["0"];
  std::map<std::string, int64_t> overrides;
  Collect(store,
          "SELECT 'n', count(*) FROM fact_overrides v"
          " WHERE v.natural_key IN (SELECT natural_key FROM facts)",
          &overrides, &s);
  summary->overrides = overrides["n"];
  if (s.ok())
    s = store->ExecSql(
        "DROP TABLE temp.obs; DROP TABLE temp.cand; DROP TABLE temp.ranked;");
  return s;
}

}  // namespace

Status RebuildFacts(Store* store, const FactsOptions& options, FactsSummary* summary) {
  const auto t0 = std::chrono::steady_clock::now();
  *summary = FactsSummary();
  VNREFORM_RETURN_IF_ERROR(store->Begin());
  Status s = Rebuild(store, options, summary);
  if (s.ok()) s = store->Commit();
  if (!s.ok()) {
    // The error to report is s; the clean-up's own failure adds nothing.
    (void)store->Rollback();
    (void)store->ExecSql(
        "DROP TABLE IF EXISTS temp.obs; DROP TABLE IF EXISTS temp.cand;"
        " DROP TABLE IF EXISTS temp.ranked;");
    return s;
  }
  summary->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return Status::Ok();
}

Status RebuildFacts(const std::string& db_path, const FactsOptions& options,
                    FactsSummary* summary) {
  std::unique_ptr<Store> store;
  VNREFORM_RETURN_IF_ERROR(Store::Open(db_path, &store));
  return RebuildFacts(store.get(), options, summary);
}

namespace {

std::string Cell(const SqlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    std::ostringstream o;
    o << std::setprecision(10) << *d;
    return o.str();
  }
  return "";
}

std::string CsvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// Display width of UTF-8 text: code points (Vietnamese letters are one).
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Status WriteRankSeries(Store* store, const SeriesOptions& options, std::ostream* out) {
  std::string index;
  // The index by code, name or alias, as the database knows them.
  Status s = store->QuerySql(
      "SELECT index_code FROM ref_index_aliases WHERE folded = ?1"
      " UNION SELECT code FROM ref_indices WHERE upper(code) = upper(?2) LIMIT 1",
      {FoldName(options.index), options.index},
      [&](const std::vector<SqlValue>& row) { index = Cell(row[0]); });
  VNREFORM_RETURN_IF_ERROR(s);
  if (index.empty()) {
    std::string known;
    VNREFORM_RETURN_IF_ERROR(store->QuerySql("SELECT code FROM ref_indices ORDER BY code",
                                             {}, [&](const std::vector<SqlValue>& row) {
                                               known += (known.empty() ? "" : ", ") +
                                                        Cell(row[0]);
                                             }));
    if (known.empty())
      return Status::NotFound("no reference data: run `vnreform facts` first");
    return Status::NotFound("unknown index '" + options.index +
                            "'; the indices are: " + known);
  }
  const std::vector<std::string> columns = {"index",
                                            "level",
                                            "edition",
                                            "published_on",
                                            "unit_code",
                                            "unit",
                                            "unit_code_2025",
                                            "unit_2025",
                                            "rank",
                                            "of_n",
                                            "score",
                                            "change",
                                            "change_in_series",
                                            "status",
                                            "sources",
                                            "sites",
                                            "overridden",
                                            "note"};
  std::vector<std::vector<std::string>> rows;
  s = store->QuerySql(
      "SELECT \"index\", level, edition, published_on, unit_code, unit, unit_code_2025,"
      " unit_2025, rank, of_n, score, change, change_in_series, status, sources, sites,"
      " overridden, note FROM rank_series WHERE \"index\" = ?1 AND level = ?2"
      " ORDER BY edition, rank, unit_code",
      {index, options.level}, [&](const std::vector<SqlValue>& row) {
        std::vector<std::string> r;
        for (const SqlValue& v : row) r.push_back(Cell(v));
        rows.push_back(std::move(r));
      });
  VNREFORM_RETURN_IF_ERROR(s);
  std::ostream& o = *out;
  switch (options.format) {
    case SeriesFormat::kCsv:
      for (size_t i = 0; i < columns.size(); ++i) o << (i ? "," : "") << columns[i];
      o << "\n";
      for (const auto& r : rows) {
        for (size_t i = 0; i < r.size(); ++i) o << (i ? "," : "") << CsvCell(r[i]);
        o << "\n";
      }
      break;
    case SeriesFormat::kJsonl:
      for (const auto& r : rows) {
        o << "{";
        for (size_t i = 0; i < r.size(); ++i) {
          o << (i ? "," : "") << JsonString(columns[i]) << ":";
          const bool numeric =
              !r[i].empty() &&
              r[i].find_first_not_of("-0123456789.e") == std::string::npos &&
              columns[i] != "unit_code" && columns[i] != "unit_code_2025";
          if (r[i].empty())
            o << "null";
          else if (numeric)
            o << r[i];
          else
            o << JsonString(r[i]);
        }
        o << "}\n";
      }
      break;
    case SeriesFormat::kTable: {
      const std::vector<size_t> shown = {2, 4, 5, 8, 9, 11, 12, 13, 14, 7};
      std::vector<size_t> width(columns.size(), 0);
      for (size_t c : shown) {
        width[c] = Width(columns[c]);
        for (const auto& r : rows) width[c] = std::max(width[c], Width(r[c]));
      }
      auto line = [&](const std::vector<std::string>& r) {
        for (size_t k = 0; k < shown.size(); ++k) {
          const size_t c = shown[k];
          o << r[c];
          if (k + 1 < shown.size()) o << std::string(width[c] - Width(r[c]) + 2, ' ');
        }
        o << "\n";
      };
      line(columns);
      for (const auto& r : rows) line(r);
      o << rows.size() << " rows: " << index << ", " << options.level << "\n";
      break;
    }
  }
  return Status::Ok();
}

}  // namespace vnreform
