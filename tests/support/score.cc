// The scorer of ../shared/eval/score.py, ported. See score.h.
#include "support/score.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <set>

#include "json/json.h"
#include "normalize/normalize.h"

namespace vnreform::testing {
namespace {

std::string Get(const ScoreRecord& r, const std::string& name) {
  for (const Field& f : r.fields)
    if (f.name == name) return f.value;
  return "";
}

std::string Fold(const std::string& s) {
  std::string f = FoldCase(s), out;
  bool space = false;
  for (char c : f) {
    if (c == ' ' || c == '\n' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string Base(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string DropPrefix(std::string s) {  // "tp", "tp.", "thành phố", "tỉnh", "bộ"
  for (const char* p : {"tp. ", "tp.", "tp ", "thành phố ", "tỉnh ", "bộ "}) {
    const std::string pre = p;
    if (s.rfind(pre, 0) == 0) return s.substr(pre.size());
  }
  return s;
}

// The comparison key of a record, "" when it lacks what its type needs.
std::string Key(const ScoreRecord& r) {
  const std::string& t = r.type;
  char buf[64];
  if (t == "ratio") {
    if (Get(r, "numerator").empty() || Get(r, "denominator").empty()) return "";
    return std::to_string(std::stoll(Get(r, "numerator"))) + "/" +
           std::to_string(std::stoll(Get(r, "denominator")));
  }
  if (t == "percent") {
    if (Get(r, "value").empty()) return "";
    std::snprintf(buf, sizeof buf, "%.2f", std::stod(Get(r, "value")));
    return buf;
  }
  if (t == "date") return Get(r, "value").substr(0, 10);
  if (t == "legal_ref") {
    std::string k = Fold(Get(r, "number"));
    std::erase(k, ' ');
    return k;
  }
  if (t == "official") return Fold(Get(r, "name"));
  if (t == "ranking") return DropPrefix(Fold(Get(r, "entity"))) + "#" + Get(r, "rank");
  if (t == "quantity") {
    const std::string unit = Fold(Get(r, "unit"));
    std::snprintf(buf, sizeof buf, "%.0f", std::round(std::stod(Get(r, "value"))));
    return std::string(buf) + "#" + unit.substr(0, unit.find(' '));
  }
  if (t == "published") {
    const std::string v = Get(r, "value");
    return v.find('T') != std::string::npos ? v.substr(0, 16) : v.substr(0, 10);
  }
  return "";
}

}  // namespace

std::vector<ScoreRecord> LoadRecords(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<ScoreRecord> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ScoreRecord r;
    std::vector<Field> fields;
    Status s = FieldsFromJson(line, &fields);
    INFO(path << ": " << line);
    REQUIRE(s.ok());
    for (Field& f : fields) {
      if (f.name == "article")
        r.article = Base(f.value);
      else if (f.name == "type")
        r.type = f.value;
      else if (f.name == "optional")
        r.optional = f.value == "true";
      else
        r.fields.push_back(std::move(f));
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::map<std::string, TypeScore> Score(const std::vector<ScoreRecord>& gold,
                                       const std::vector<ScoreRecord>& pred) {
  std::set<std::string> articles;
  for (const ScoreRecord& g : gold) articles.insert(g.article);
  using Bucket = std::pair<std::string, std::string>;  // article, type
  std::map<Bucket, std::multiset<std::string>> want, got;
  std::map<Bucket, std::vector<const ScoreRecord*>> gold_by;
  std::map<std::string, TypeScore> score;
  for (const ScoreRecord& g : gold) {
    gold_by[{g.article, g.type}].push_back(&g);
    score[g.type];
  }
  for (const ScoreRecord& p : pred) {
    const std::string a = Base(p.article);
    if (!articles.count(a) || !score.count(p.type)) continue;
    std::multiset<std::string>& bag = got[{a, p.type}];
    const std::string k = Key(p);
    if (p.type == "official" && bag.count(k)) continue;  // a set of names
    bag.insert(k);
  }
  std::set<Bucket> buckets;
  for (const auto& [b, v] : gold_by) buckets.insert(b);
  for (const auto& [b, v] : got) buckets.insert(b);
  for (const Bucket& b : buckets) {
    std::multiset<std::string> bag = got[b];
    TypeScore& s = score[b.second];
    for (const ScoreRecord* g : gold_by[b]) {
      auto it = bag.find(Key(*g));
      if (it != bag.end()) {
        bag.erase(it);
        if (!g->optional) ++s.tp;
      } else if (!g->optional) {
        ++s.fn;
      }
    }
    if (b.second != "quantity") s.fp += static_cast<int>(bag.size());
  }
  return score;
}

}  // namespace vnreform::testing
