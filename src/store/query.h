// Bounded reads of any SQL for vnreform serve, and writes of the search
// index: each query stops after a time and a number of rows, so a page
// never hangs on a large database. Values come back typed, as SQLite holds
// them. Implemented in store/query.cc over the Store's one connection.
#ifndef VNREFORM_STORE_QUERY_H_
#define VNREFORM_STORE_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

namespace vnreform {

// A value as SQLite holds it (a blob reads as text).
struct Value {
  enum Kind { kNull, kInt, kReal, kText };
  Kind kind = kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;

  static Value Int(int64_t v) { return {kInt, v, 0, {}}; }
  static Value Real(double v) { return {kReal, 0, v, {}}; }
  static Value Text(std::string v) { return {kText, 0, 0, std::move(v)}; }
  bool null() const { return kind == kNull; }
  // "" for NULL; integers in decimal; reals with up to 15 significant digits.
  std::string ToString() const;
};

struct QueryLimits {
  int64_t max_rows = 1000;  // rows beyond are not read; `truncated` is set
  int64_t max_ms = 2000;    // Default: 2 s; then the query fails (timed_out)
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  bool truncated = false;  // more rows than max_rows
  bool timed_out = false;  // set with a non-ok Status
  // The first row's value of column `name` (Value() when absent).
  const Value& Get(size_t row, const std::string& name) const;
};

}  // namespace vnreform

#endif  // VNREFORM_STORE_QUERY_H_
