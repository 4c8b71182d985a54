// Record export: JSONL through src/json's JsonObject, CSV quoted as RFC 4180
// asks (a value with a comma, quote or line break is quoted, quotes doubled).
// Tested by tests/cli_test.sh and scripts/compare_exports.
#include "cli/export.h"

#include <algorithm>
#include <vector>

#include "json/json.h"

namespace vnreform {
namespace {

std::string CsvQuote(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string RecordJson(const StoredRecord& r) {
  JsonObject o;
  o.Add("article", r.article).Add("type", r.type).Add("text", r.text);
  for (const Field& f : r.fields) o.AddField(f);
  o.AddInt("start", r.start).AddInt("end", r.end).Add("rule", r.rule_id);
  return o.Dump();
}

Status ExportCsv(Store* store, const std::string& type, std::ostream& out) {
  std::vector<std::string> names;  // field columns: first seen order
  Status s = store->ForEachRecord(type, [&](const StoredRecord& r) {
    for (const Field& f : r.fields)
      if (std::find(names.begin(), names.end(), f.name) == names.end())
        names.push_back(f.name);
  });
  out << "article,type,text";
  for (const std::string& n : names) out << ',' << CsvQuote(n);
  out << ",start,end,rule\n";
  if (!s.ok()) return s;
  return store->ForEachRecord(type, [&](const StoredRecord& r) {
    out << CsvQuote(r.article) << ',' << r.type << ',' << CsvQuote(r.text);
    Record tmp;
    tmp.fields = r.fields;
    for (const std::string& n : names) out << ',' << CsvQuote(tmp.Get(n));
    out << ',' << r.start << ',' << r.end << ',' << CsvQuote(r.rule_id) << '\n';
  });
}

}  // namespace

Status ExportRecords(Store* store, const std::string& type, ExportFormat format,
                     std::ostream* out) {
  if (format == ExportFormat::kCsv) return ExportCsv(store, type, *out);
  return store->ForEachRecord(
      type, [&](const StoredRecord& r) { *out << RecordJson(r) << '\n'; });
}

}  // namespace vnreform
