// The store stage: articles, records with provenance, and a run log in
// SQLite (WAL, foreign keys on). The schema is schemas/*.sql, compiled into
// the binary and applied in order up to PRAGMA user_version.
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
#include <vector>

#include "core/document.h"

namespace vnreform {

struct RunSummary {
  int64_t articles = 0;   // stored, new or changed
  int64_t unchanged = 0;  // skipped: same content, same rules
  int64_t failed = 0;
  int64_t records = 0;
  int64_t warnings = 0;
  double seconds = 0;
};

// A record as stored, for export. Offsets are in code points of the norm.
struct StoredRecord {
  std::string article, type, text, rule_id, ruleset;
  int64_t start = 0, end = 0;
  std::vector<Field> fields;
};

struct StoreStats {
  int64_t articles = 0;
  std::map<std::string, int64_t> records;  // per type
  int64_t runs = 0;
  int64_t errors = 0;    // in the latest run
  int64_t warnings = 0;  // in the latest run
  int schema_version = 0;
};

class Store {
 public:
  // Opens or creates `path` (":memory:" for tests) and brings its schema up
  // to date. Refuses a database newer than this binary.
  static Status Open(const std::string& path, std::unique_ptr<Store>* out);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version this binary writes.
  static int SchemaVersion();

  // Whether `key` is stored with this content hash and rule-set version, so
  // that a rerun can skip it.
  Status IsCurrent(const std::string& key, const std::string& hash,
                   const std::string& ruleset, bool* current);

  Status BeginRun(const std::string& command, const std::string& ruleset,
                  int64_t* run_id);
  Status FinishRun(int64_t run_id, const RunSummary& summary);

  // Writes between Begin() and Commit() form one transaction: a crash leaves
  // none of them. Rollback() discards them.
  Status Begin();
  Status Commit();
  void Rollback();

  // Inserts the article, or replaces it and all its records when the key
  // exists. REQUIRES: doc->ok().
  Status PutArticle(int64_t run_id, const std::string& ruleset,
                    const Document& doc);
  Status PutIssue(int64_t run_id, const std::string& input, const Issue& issue);

  // Records in a stable order (article key, start, end, type); type "" = all.
  Status ForEachRecord(const std::string& type,
                       const std::function<void(const StoredRecord&)>& fn);
  Status GetStats(StoreStats* out);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vnreform

#endif  // VNREFORM_STORE_STORE_H_
