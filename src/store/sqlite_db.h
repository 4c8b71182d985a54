// Internal to src/store: the connection a Store holds (Store::Impl) and a
// thin Statement over SQLite's prepared statements, so that the files that
// implement the store's headers share one connection without including
// <sqlite3.h>; sqlite_store.cc, the one file that does, implements both.
#ifndef VNREFORM_STORE_SQLITE_DB_H_
#define VNREFORM_STORE_SQLITE_DB_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/document.h"
#include "core/status.h"
#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace vnreform {

struct DbCloser {
  void operator()(sqlite3* db) const;
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const;
};

// A cached statement from Store::Impl::Prepare (not owned): parameters and
// columns are numbered as in SQLite, from 1 and from 0.
class Statement {
 public:
  enum StepResult { kRow, kDone, kError };

  explicit Statement(sqlite3_stmt* s = nullptr) : s_(s) {}
  void Bind(int i, const std::string& text);
  void BindOrNull(int i, const std::string& text);  // "" binds NULL
  void BindBlob(int i, const std::string& bytes);
  void BindInt(int i, int64_t v);
  void BindDouble(int i, double v);
  StepResult Step();
  // Ends the statement's read, so it does not pin an old WAL snapshot.
  void Reset();
  int64_t Int(int i) const;
  double Double(int i) const;
  std::string Text(int i) const;  // "" for NULL
  std::string Blob(int i) const;
  // The result's shape, for queries whose columns the caller does not know.
  enum ColumnKind { kNull, kInteger, kReal, kText, kBlob };
  int ColumnCount() const;
  std::string ColumnName(int i) const;
  ColumnKind Kind(int i) const;

 private:
  sqlite3_stmt* s_;
};

struct Store::Impl {
  std::unique_ptr<sqlite3, DbCloser> db;
  std::map<std::string, std::unique_ptr<sqlite3_stmt, StmtFinalizer>> stmts;

  // Opens `name` (the path, or a URI for it) with sqlite3_open_v2 `flags`
  // into db: busy waits up to 30 s, extended result codes. Errors name `path`.
  Status Open(const std::string& path, const std::string& name, int flags);
  // Opens the existing database `path` read-only, as it is (no schema
  // update, nothing created).
  Status OpenReadOnly(const std::string& path);
  // An IOError saying `what` failed, with SQLite's message.
  Status Error(const std::string& what) const;
  Status Exec(const std::string& sql);
  // A cached statement, reset and with bindings cleared.
  Status Prepare(const std::string& sql, sqlite3_stmt** out);
  Status Prepare(const std::string& sql, Statement* out);
  // Rows the latest INSERT, UPDATE or DELETE changed.
  int64_t Changes() const;
  // Statements stepped from now on are interrupted (Step() returns kError,
  // Interrupted() true) once `ms` milliseconds have passed; 0 = no limit.
  void SetTimeLimit(int64_t ms);
  bool Interrupted() const;
  // sqlite3_progress_handler's callback: nonzero interrupts the statement.
  static int PastDeadline(void* impl);
  std::chrono::steady_clock::time_point deadline{};
  bool limited = false;

  Status Migrate();
  // Replaces the records of article `id` with doc.records.
  Status WriteRecords(int64_t id, const std::string& ruleset, const Document& doc);
  // Whether article `id` holds what WriteRecords would write from `doc`
  // (records, published date, locality).
  Status SameRecords(int64_t id, const Document& doc, bool* same);
};

}  // namespace vnreform

#endif  // VNREFORM_STORE_SQLITE_DB_H_
