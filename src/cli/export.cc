// Record export: JSONL through src/json's JsonObject, CSV as RFC 4180 asks
// (CRLF line ends; a value with a comma, quote or line break is quoted,
// quotes doubled). Tested by tests/cli_test.sh (read back with Python's csv
// module) and scripts/compare_exports.
#include "cli/export.h"

#include <algorithm>
#include <vector>

#include "extract/extract.h"
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

std::string RecordJson(const StoredRecord& r, bool provenance) {
  JsonObject o;
  o.Add("article", r.article).Add("type", r.type).Add("text", r.text);
  for (const Field& f : r.fields) o.AddField(f);
  o.AddInt("start", r.start).AddInt("end", r.end).Add("rule", r.rule_id);
  if (provenance)
    o.Add("article_url", r.url)         // "article_": a record's own fields include
        .Add("article_title", r.title)  // title (an official's) and others
        .Add("article_published", r.published)
        .Add("article_locality", r.locality)
        .Add("sentence", r.sentence);
  return o.Dump();
}

void AddName(const std::string& name, std::vector<std::string>* names) {
  if (std::find(names->begin(), names->end(), name) == names->end())
    names->push_back(name);
}

// The fields the stored rule sets give records of `type` ("" = any), in
// rule order. A rule set that no longer loads adds none.
Status DeclaredFields(Store* store, const std::string& type,
                      std::vector<std::string>* names) {
  std::vector<std::string> versions;
  VNREFORM_RETURN_IF_ERROR(store->RuleSetVersions(&versions));
  for (const std::string& version : versions) {
    Store::RuleFiles files;
    bool found = false;
    VNREFORM_RETURN_IF_ERROR(store->GetRuleFiles(version, &files, &found));
    std::vector<RuleSource> sources;
    for (auto& [name, text] : files) sources.push_back({name, text});
    RuleSet rules;
    if (!LoadRulesFromSources(sources, &rules).ok()) continue;
    for (const Rule& r : rules.rules)
      if (r.emit && (type.empty() || r.type == type))
        for (const FieldSpec& f : r.fields) AddName(f.name, names);
    for (const LinkSpec& l : rules.links)
      if (type.empty() || l.type == type) AddName(l.field, names);
  }
  return Status::Ok();
}

Status ExportCsv(Store* store, const std::string& type, std::ostream& out) {
  std::vector<std::string> names;  // field columns
  VNREFORM_RETURN_IF_ERROR(DeclaredFields(store, type, &names));
  Status s = store->ForEachRecord(type, [&](const StoredRecord& r) {
    for (const Field& f : r.fields) AddName(f.name, &names);
  });
  out << "article,type,text";
  for (const std::string& n : names) out << ',' << CsvQuote(n);
  out << ",start,end,rule,article_url,article_title,article_published,article_locality,"
         "sentence\r\n";
  if (!s.ok()) return s;
  return store->ForEachRecord(
      type,
      [&](const StoredRecord& r) {
        out << CsvQuote(r.article) << ',' << CsvQuote(r.type) << ',' << CsvQuote(r.text);
        Record tmp;
        tmp.fields = r.fields;
        for (const std::string& n : names) out << ',' << CsvQuote(tmp.Get(n));
        out << ',' << r.start << ',' << r.end << ',' << CsvQuote(r.rule_id) << ','
            << CsvQuote(r.url) << ',' << CsvQuote(r.title) << ',' << CsvQuote(r.published)
            << ',' << CsvQuote(r.locality) << ',' << CsvQuote(r.sentence) << "\r\n";
      },
      true);
}

}  // namespace

Status ExportRecords(Store* store, const ExportOptions& o, std::ostream* out) {
  if (o.bom) *out << "\xEF\xBB\xBF";
  if (o.format == ExportFormat::kCsv) return ExportCsv(store, o.type, *out);
  return store->ForEachRecord(
      o.type, [&](const StoredRecord& r) { *out << RecordJson(r, o.provenance) << '\n'; },
      o.provenance);
}

}  // namespace vnreform
