// The store stage: articles, records with provenance, and a run log in
// SQLite (WAL, foreign keys on). The schema is schemas/*.sql, compiled into
// the binary and applied in order up to PRAGMA user_version. The crawl's
// frontier lives in the same database: see store/frontier.h.
// sqlite_store.cc is the only file that includes <sqlite3.h>.
// A Store is one connection: use it from one thread at a time. Several
// Stores (threads, processes) may open the same file; one writes at a time.
#ifndef VNREFORM_STORE_STORE_H_
#define VNREFORM_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/document.h"

namespace vnreform {

struct Value;  // store/query.h
struct QueryLimits;
struct QueryResult;

struct RunSummary {
  int64_t articles = 0;   // stored, new or changed
  int64_t unchanged = 0;  // skipped: same content, same rules
  int64_t failed = 0;
  int64_t listings = 0;  // listing and home pages: counted, not stored
  int64_t records = 0;
  int64_t warnings = 0;
  double seconds = 0;
};

// A run as the run log (view run_log) keeps it.
struct RunInfo {
  int64_t id = 0;
  std::string command, started;
  bool finished = false;  // false while running or when killed
  RunSummary summary;
  int64_t errors = 0;
};

// A record as stored, for export. Offsets are in code points of the norm.
struct StoredRecord {
  std::string article, type, text, rule_id, ruleset;
  int64_t start = 0, end = 0;
  std::vector<Field> fields;
  // Provenance, read only when asked (ForEachRecord's `provenance`): the
  // article's url, title, published date and locality, and the sentence
  // the record stands in ("" for none).
  std::string url, title, published, locality, sentence;
};

struct StoreStats {
  int64_t articles = 0;
  int64_t relevant = 0;  // articles the rules' [relevance] lexicon flags (reform = 1)
  std::map<std::string, int64_t> records;  // per type
  int64_t runs = 0;
  int64_t errors = 0;    // in the latest run
  int64_t warnings = 0;  // in the latest run
  int64_t listings = 0;  // in the latest run
  int schema_version = 0;
  std::vector<RunInfo> run_log;  // newest first, at most the last 20
};

// An article as reextract reads it back.
struct StoredArticle {
  int64_t id = 0;
  std::string key, source, url, title;
  // The latest rule-set version the records are current under: the one
  // they were made with or, from table current_rules, a later one.
  std::string ruleset;
  std::string published;   // only when it came from the input's metadata
  std::string input_date;  // Document::input_date
  std::string norm;
};

// A part of a sharded run (vnreform run --plan P --shard I) as table
// shard_parts names it: in the part itself, and in a merged database for
// each part merged into it.
struct PartInfo {
  std::string plan;  // the plan's id
  int shard = 0, shards = 0;
  std::string ruleset;
  std::string digest;  // of its articles: key, content hash, ruleset, records
  int64_t articles = 0, records = 0;
  std::string merged_at;  // "" in the part itself
};

// What merging one part did.
struct PartMerge {
  bool already = false;  // a part with the same digest was merged before
  int64_t articles = 0;  // taken, with their records
  int64_t records = 0;
  int64_t present = 0;       // stored already with the same content (merged before)
  int64_t same_content = 0;  // content stored under another key: not taken again
  int64_t replaced = 0;      // a later shard's articles that gave way (part_articles)
  std::vector<std::string> conflicts;  // keys stored already with other content: kept
};

// A parameter or a column value of QuerySql: NULL, an integer, a real or a
// text.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

class Store {
 public:
  // Opens or creates `path` (":memory:" for tests) and brings its schema up
  // to date. Refuses a database newer than this binary.
  static Status Open(const std::string& path, std::unique_ptr<Store>* out);
  // Opens `path` for commands that only read (stats, export): read-only,
  // so a database in a read-only place or shared read-only can be read.
  // When its WAL index cannot be created there, opens it immutable and
  // sets *note to say so (a writer running meanwhile is then not seen).
  // A database older than this binary whose file can be written is
  // brought up to date first, as Open does.
  // With update_schema false the file is never written: an older schema
  // is read as it is (its newer tables are absent).
  static Status OpenForReading(const std::string& path, std::unique_ptr<Store>* out,
                               std::string* note, bool update_schema = true);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version this binary writes.
  static int SchemaVersion();

  // Whether `key` is stored with this content hash and rule-set version, so
  // that a rerun can skip it.
  Status IsCurrent(const std::string& key, const std::string& hash,
                   const std::string& ruleset, bool* current);

  // For an input about to be stored under `key` with content `hash`: the
  // source of the article stored under `key` ("" if none), and the key and
  // source of an article stored with the same content under another key
  // ("" if none).
  Status FindInput(const std::string& key, const std::string& hash,
                   std::string* key_source, std::string* same_key,
                   std::string* same_source);

  Status BeginRun(const std::string& command, const std::string& ruleset,
                  int64_t* run_id);
  Status FinishRun(int64_t run_id, const RunSummary& summary);

  // Writes between Begin() and Commit() form one transaction: a crash leaves
  // none of them. Rollback() discards them (ok when none is open).
  Status Begin();
  Status Commit();
  Status Rollback();

  // Inserts the article, or replaces it and all its records when the key
  // exists. REQUIRES: doc->ok().
  Status PutArticle(int64_t run_id, const std::string& ruleset, const Document& doc);
  Status PutIssue(int64_t run_id, const std::string& input, const Issue& issue);

  // Records in a stable order (article key, start, end, type); type "" = all.
  Status ForEachRecord(const std::string& type,
                       const std::function<void(const StoredRecord&)>& fn,
                       bool provenance = false);
  // The rule-set versions whose files are stored (GetRuleFiles), oldest
  // first.
  Status RuleSetVersions(std::vector<std::string>* versions);
  Status GetStats(StoreStats* out);
  // The record types this database knows, each with the view that selects
  // it ("" when none): the types of its records and of its per-type views
  // (view ratios selects type ratio), so a type with no records yet counts.
  Status RecordTypes(std::map<std::string, std::string>* type_to_view);

  // ---- Re-extraction (vnreform reextract) ----
  // Reruns the extract stage over the stored norm after the rules changed.

  // Up to `limit` articles with id > after_id, by id, whose records are not
  // current under `ruleset` (every article with `all`).
  Status ArticlesToReextract(const std::string& ruleset, bool all, int64_t after_id,
                             int limit, std::vector<StoredArticle>* out);
  // Replaces the records of article `id` with doc.records and sets its
  // ruleset, published and locality from `doc`; the rest is kept. Where
  // those are what is stored already, only marks the article current under
  // `ruleset` (MarkCurrent) and sets *same (when given).
  Status ReplaceRecords(int64_t run_id, const std::string& ruleset, int64_t id,
                        const Document& doc, bool* same = nullptr);
  // Article `id`'s records stand under `ruleset` too: they keep the version
  // they were made with, and table current_rules says they are current
  // under `ruleset` (a row, not a rewrite of the article and its records).
  Status MarkCurrent(const std::string& ruleset, int64_t id);

  // The rule files (name, text) of rule-set version `ruleset`: stored once
  // per version by every run; *found is false for versions stored before.
  using RuleFiles = std::vector<std::pair<std::string, std::string>>;
  Status PutRuleFiles(const std::string& ruleset, const RuleFiles& files);
  Status GetRuleFiles(const std::string& ruleset, RuleFiles* files, bool* found);

  // ---- Parts of a sharded run (vnreform run --plan, merge) ----

  // In a part database, once its run has ended: computes info's digest and
  // counts, records info in shard_parts, and leaves the file whole (journal
  // mode DELETE: no -wal file beside it), ready to be renamed into place.
  // REQUIRES: no other connection has the database open.
  Status SealPart(PartInfo* info);
  // Reads part `path` without changing it: its schema version and, when
  // it has one, its shard_parts row (*found).
  static Status ReadPart(const std::string& path, int* schema_version, PartInfo* info,
                         bool* found);
  // The parts this database holds (merged_at set), by plan and shard.
  Status MergedParts(std::vector<PartInfo>* out);
  // Merges part `path`, described by `info` (ReadPart), in one transaction:
  // its runs and their issues, and each article whose key is not stored yet
  // (nor its content under another key, as one `run` would skip it) with
  // its records, every id renumbered through the article key; then records
  // the part in shard_parts and its articles' shard in part_articles. What
  // a later shard of the same plan stored under a key or content taken here
  // is replaced, as one run reading the shards in order would not have
  // stored it: the order parts come in does not matter. A part whose digest is recorded
  // already is not read again (*already). REQUIRES: no transaction open.
  Status MergePart(const std::string& path, const PartInfo& info, PartMerge* out);

  // ---- Any SQL, bounded (store/query.h; vnreform serve) ----
  // Runs one statement with ?1... bound to `params` and reads at most
  // limits.max_rows rows within limits.max_ms; a query that takes longer
  // fails and sets out->timed_out.
  Status Query(const std::string& sql, const std::vector<Value>& params,
               const QueryLimits& limits, QueryResult* out);
  // Runs one statement that returns no rows (the search index's writes).
  Status Execute(const std::string& sql, const std::vector<Value>& params);
  // Calls fn on each row, unbounded (building the search index); fn
  // returns false to stop.
  Status ForEachRow(const std::string& sql, const std::vector<Value>& params,
                    const std::function<bool(const std::vector<Value>&)>& fn);
  // Whether the database (or a database attached to it) has table or view `name`.
  Status HasTable(const std::string& name, bool* found);
  // ---- SQL for the layers that consume the database (src/facts) ----
  // They own their tables and views (schemas/*.sql) and query them here,
  // so that this file stays the one that includes SQLite.

  // Runs `sql`: one or more statements, no parameters.
  Status ExecSql(const std::string& sql);
  // Runs the one statement `sql` with `params` bound to ?1, ?2 ... and calls
  // `row` (when given) with the columns of each result row. The prepared
  // statement is cached: call it in a loop for many rows.
  Status QuerySql(const std::string& sql, const std::vector<SqlValue>& params,
                  const std::function<void(const std::vector<SqlValue>&)>& row = nullptr);
  // Rows the latest INSERT, UPDATE or DELETE changed.
  int64_t ChangedRows();

 private:
  friend class Frontier;  // shares the connection and its transactions
  friend struct PartSql;  // shard_parts.cc's helpers
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vnreform

#endif  // VNREFORM_STORE_STORE_H_
