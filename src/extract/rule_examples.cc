// The rules' self-tests (every rule's examples and counter-examples, run
// through the whole rule set) and where the rules are found. The normalize
// stage is passed in, as extract includes no other stage.
// Tested by tests/pipeline_test.cc and tests/extract_test.cc.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/parallel.h"
#include "extract/extract.h"

#ifndef VNREFORM_SOURCE_DIR
#define VNREFORM_SOURCE_DIR "."
#endif

namespace vnreform {
namespace {

namespace fs = std::filesystem;

bool IsDir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

}  // namespace

std::string FindRulesPath(const std::string& flag, const std::string& argv0) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("VNREFORM_RULES"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::canonical("/proc/self/exe", ec);
  std::vector<fs::path> tries;
  if (!ec)
    tries = {exe.parent_path().parent_path() / "rules",
             exe.parent_path().parent_path() / "share/vnreform/rules"};
  (void)argv0;
  tries.push_back("rules");
  tries.push_back(fs::path(VNREFORM_SOURCE_DIR) / "rules");
  for (const fs::path& p : tries)
    if (IsDir(p)) return p.string();
  return "rules";
}

namespace {

bool SameNumber(const std::string& a, const std::string& b) {
  char* ea;
  char* eb;
  const double x = std::strtod(a.c_str(), &ea), y = std::strtod(b.c_str(), &eb);
  return *ea == '\0' && *eb == '\0' && !a.empty() && !b.empty() && std::abs(x - y) < 1e-9;
}

// Whether `r` has every expected field value.
std::string Mismatch(const Record& r, const RuleExample& ex) {
  for (const Field& want : ex.fields) {
    const std::string& got = r.Get(want.name);
    if (got != want.value && !SameNumber(got, want.value))
      return "field " + want.name + " = \"" + got + "\", expected \"" + want.value + "\"";
  }
  return "";
}

std::string Describe(const Document& d) {
  std::string s;
  for (const Record& r : d.records)
    s += (s.empty() ? "" : ", ") + r.type + " \"" + r.text + "\" (" + r.rule_id + ")";
  return s.empty() ? "no records" : s;
}

bool InFiles(const std::string& file, const std::vector<std::string>& files) {
  if (files.empty()) return true;
  std::error_code ec;
  for (const std::string& f : files)
    if (fs::equivalent(f, file, ec) || f == file) return true;
  return false;
}

}  // namespace

namespace {

// The examples and counter-examples of one rule, run through every rule.
void TestRule(const Extractor& extractor, const ExampleNormalizer& normalize,
              const Rule& rule, std::vector<ExampleFailure>* failures) {
  // Records of rules that do not emit are dropped after linking: their
  // examples are checked against the winning candidates instead.
  auto run = [&](const RuleExample& ex) {
    Document d;
    d.text = ex.text;
    normalize.document(&d);
    std::vector<Candidate> cands;
    extractor.Explain(&d, &cands);
    if (!rule.emit) {
      d.records.clear();
      for (const Candidate& c : cands) {
        if (!c.won || extractor.rules().rules[c.rule].id != rule.id) continue;
        Record r;
        r.rule_id = rule.id;
        r.type = rule.type;
        r.text = d.norm.substr(c.begin, c.end - c.begin);
        r.fields = c.fields;
        d.records.push_back(std::move(r));
      }
    }
    return d;
  };
  auto fail = [&](int line, std::string msg) {
    failures->push_back({rule.file, line ? line : rule.line, rule.id, std::move(msg)});
  };
  if (rule.examples.empty()) fail(rule.line, "no examples (add one that must match)");
  if (rule.counter_examples.empty())
    fail(rule.line, "no counter_examples (add one that must not match)");
  // A furniture type's rule leaves no record where it matches.
  const bool furniture =
      std::any_of(extractor.rules().types.begin(), extractor.rules().types.end(),
                  [&](const TypeDecl& t) {
                    return t.type == rule.type && t.role == TypeDecl::kFurniture;
                  });
  for (const RuleExample& ex : rule.examples) {
    const Document d = run(ex);
    std::string why = "no record from this rule; got " + Describe(d);
    bool ok = false;
    for (const Record& r : d.records) {
      if (r.rule_id != rule.id) continue;
      if (!ex.match.empty() && r.text != normalize.text(ex.match)) {
        why = "matched \"" + r.text + "\", expected \"" + ex.match + "\"";
        continue;
      }
      const std::string m = Mismatch(r, ex);
      if (m.empty()) {
        ok = true;
        break;
      }
      why = m;
    }
    if (furniture) {  // emits nothing: check it swallowed the text
      ok = d.records.empty();
      why = "expected to swallow the text; got " + Describe(d);
    }
    if (!ok) fail(ex.line, "example \"" + ex.text + "\": " + why);
  }
  for (const RuleExample& ex : rule.counter_examples) {
    const Document d = run(ex);
    for (const Record& r : d.records)
      if (r.rule_id == rule.id) {
        fail(ex.line, "counter-example \"" + ex.text + "\" matched \"" + r.text + "\"");
        break;
      }
  }
}

}  // namespace

std::vector<ExampleFailure> RunRuleExamples(const Extractor& extractor,
                                            const ExampleNormalizer& normalize,
                                            const std::vector<std::string>& files,
                                            int threads) {
  const std::vector<Rule>& rules = extractor.rules().rules;
  std::vector<std::vector<ExampleFailure>> per_rule(rules.size());
  ParallelFor(rules.size(), ThreadCount(threads), [&](size_t i) {
    if (InFiles(rules[i].file, files))
      TestRule(extractor, normalize, rules[i], &per_rule[i]);
  });
  std::vector<ExampleFailure> failures;
  for (std::vector<ExampleFailure>& f : per_rule)
    failures.insert(failures.end(), f.begin(), f.end());
  return failures;
}

std::string ExampleFailure::ToString() const {
  return file + ":" + std::to_string(line) + ": rule \"" + rule_id + "\": " + message;
}

}  // namespace vnreform
