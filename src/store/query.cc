// Any SQL over the Store's connection, bounded in rows and time (store/query.h):
// the reads of vnreform serve and the writes of its search index.
// Tested by tests/serve_test.cc.
#include "store/query.h"

#include <cstdio>

#include "store/sqlite_db.h"
#include "store/store.h"

namespace vnreform {
namespace {

void BindAll(Statement* st, const std::vector<Value>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    const int n = static_cast<int>(i) + 1;
    switch (v.kind) {
      case Value::kInt:
        st->BindInt(n, v.i);
        break;
      case Value::kReal:
        st->BindDouble(n, v.d);
        break;
      case Value::kText:
        st->Bind(n, v.s);
        break;
      case Value::kNull:
        break;  // bindings were cleared: NULL
    }
  }
}

Value ColumnValue(const Statement& st, int i) {
  switch (st.Kind(i)) {
    case Statement::kInteger:
      return Value::Int(st.Int(i));
    case Statement::kReal:
      return Value::Real(st.Double(i));
    case Statement::kText:
      return Value::Text(st.Text(i));
    case Statement::kBlob:
      return Value::Text(st.Blob(i));
    case Statement::kNull:
      break;
  }
  return Value();
}

std::vector<Value> Row(const Statement& st, int columns) {
  std::vector<Value> row;
  row.reserve(columns);
  for (int i = 0; i < columns; ++i) row.push_back(ColumnValue(st, i));
  return row;
}

}  // namespace

std::string Value::ToString() const {
  switch (kind) {
    case kInt:
      return std::to_string(i);
    case kReal: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", d);
      return buf;
    }
    case kText:
      return s;
    case kNull:
      break;
  }
  return "";
}

const Value& QueryResult::Get(size_t row, const std::string& name) const {
  static const Value kNone;
  if (row >= rows.size()) return kNone;
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return rows[row][i];
  return kNone;
}

Status Store::Query(const std::string& sql, const std::vector<Value>& params,
                    const QueryLimits& limits, QueryResult* out) {
  *out = QueryResult();
  Statement st;
  VNREFORM_RETURN_IF_ERROR(impl_->Prepare(sql, &st));
  BindAll(&st, params);
  const int columns = st.ColumnCount();
  for (int i = 0; i < columns; ++i) out->columns.push_back(st.ColumnName(i));
  impl_->SetTimeLimit(limits.max_ms);
  Statement::StepResult r;
  while ((r = st.Step()) == Statement::kRow) {
    if (static_cast<int64_t>(out->rows.size()) >= limits.max_rows) {
      out->truncated = true;
      break;
    }
    out->rows.push_back(Row(st, columns));
  }
  Status s;
  if (r == Statement::kError) {
    out->timed_out = impl_->Interrupted();
    s = out->timed_out ? Status::Internal("query took longer than " +
                                          std::to_string(limits.max_ms) + " ms")
                       : impl_->Error("query");
  }
  st.Reset();
  impl_->SetTimeLimit(0);
  return s;
}

Status Store::Execute(const std::string& sql, const std::vector<Value>& params) {
  Statement st;
  VNREFORM_RETURN_IF_ERROR(impl_->Prepare(sql, &st));
  BindAll(&st, params);
  Status s;
  while (true) {
    const Statement::StepResult r = st.Step();
    if (r == Statement::kDone) break;
    if (r == Statement::kError) {
      s = impl_->Error("execute");
      break;
    }
  }
  st.Reset();
  return s;
}

Status Store::ForEachRow(const std::string& sql, const std::vector<Value>& params,
                         const std::function<bool(const std::vector<Value>&)>& fn) {
  Statement st;
  VNREFORM_RETURN_IF_ERROR(impl_->Prepare(sql, &st));
  BindAll(&st, params);
  const int columns = st.ColumnCount();
  Statement::StepResult r;
  while ((r = st.Step()) == Statement::kRow)
    if (!fn(Row(st, columns))) break;
  Status s = r == Statement::kError ? impl_->Error("read") : Status::Ok();
  st.Reset();
  return s;
}

Status Store::HasTable(const std::string& name, bool* found) {
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(Query("SELECT 1 FROM pragma_table_list WHERE name = ?1",
                                 {Value::Text(name)}, QueryLimits(), &r));
  *found = !r.rows.empty();
  return Status::Ok();
}

}  // namespace vnreform
