// vnreform_bench: the raw speed of the libraries under the stages (JSONL
// reading, ICU normalization, one RE2 scan, gumbo parsing) and of the stages
// themselves, on inputs read into memory first, so scripts/bench can set the
// whole pipeline's throughput next to them. Includes only stage headers: RE2
// and gumbo are reached through Re2ScanCount() and GumboParseOnly().
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "extract/extract.h"
#include "extract/extract_internal.h"
#include "input/input.h"
#include "normalize/normalize.h"
#include "pipeline/pipeline.h"

namespace vnreform {
namespace {

namespace fs = std::filesystem;

const char kUsage[] =
    "usage: vnreform_bench --html DIR_OR_FILE... | --jsonl FILE[.zst]\n"
    "                      [--limit N] [--rules DIR] [--reps N] [--count] [--per-rule]\n"
    "Reads the inputs into memory, then times each measurement (best of\n"
    "--reps, default 3) and prints one line per measurement:\n"
    "  name<TAB>MB/s<TAB>items/s<TAB>bytes<TAB>items<TAB>seconds\n"
    "MB = 10^6 bytes: HTML bytes for --html, article text bytes for --jsonl.\n"
    "  --limit N   JSONL articles read (default 5000, 0 = all)\n"
    "  --count     only print count<TAB>bytes<TAB>items of the inputs\n"
    "  --per-rule  also time each rule alone (rule.ID rows)\n";

// Numbers with thousands/decimal separators, fractions and percentages:
// the shape most rules start from.
const char kNumberPattern[] = R"(\d+(?:[.,/]\d+)*%?)";

struct Options {
  std::vector<std::string> html;
  std::string jsonl;
  std::string rules;
  size_t limit = 5000;
  int reps = 3;
  bool count = false;
  bool per_rule = false;
};

bool ParseCount(const char* s, size_t* out) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (*s == '\0' || *end != '\0') return false;
  *out = static_cast<size_t>(v);
  return true;
}

// Returns false (after printing why) on a bad command line.
bool ParseArgs(int argc, char** argv, Options* o) {
  bool in_html = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    size_t n = 0;
    if (a == "--html") {
      in_html = true;
    } else if (a == "--count") {
      o->count = true;
    } else if (a == "--per-rule") {
      o->per_rule = true;
    } else if ((a == "--jsonl" || a == "--rules" || a == "--limit" || a == "--reps") &&
               !has_value) {
      std::fprintf(stderr, "vnreform_bench: %s needs a value\n", a.c_str());
      return false;
    } else if (a == "--jsonl") {
      o->jsonl = argv[++i], in_html = false;
    } else if (a == "--rules") {
      o->rules = argv[++i], in_html = false;
    } else if (a == "--limit" || a == "--reps") {
      if (!ParseCount(argv[++i], &n) || (a == "--reps" && (n == 0 || n > 100))) {
        std::fprintf(stderr, "vnreform_bench: bad %s %s\n", a.c_str(), argv[i]);
        return false;
      }
      if (a == "--limit")
        o->limit = n;
      else
        o->reps = static_cast<int>(n);
      in_html = false;
    } else if (in_html && a.rfind("--", 0) != 0) {
      o->html.push_back(a);
    } else {
      std::fprintf(stderr, "vnreform_bench: unexpected %s\n", a.c_str());
      return false;
    }
  }
  if (o->html.empty() && o->jsonl.empty()) {
    std::fprintf(stderr, "vnreform_bench: give --html or --jsonl\n");
    return false;
  }
  return true;
}

bool IsHtml(const fs::path& p) {
  return p.extension() == ".html" || p.extension() == ".htm";
}

// The pages under `paths` (files, or directories walked for *.html/*.htm).
bool ReadPages(const std::vector<std::string>& paths, std::vector<std::string>* pages) {
  std::vector<fs::path> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p, ec))
        if (e.is_regular_file() && IsHtml(e.path())) files.push_back(e.path());
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "vnreform_bench: %s: cannot read\n", f.c_str());
      return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    pages->push_back(ss.str());
  }
  return true;
}

// Reads up to `limit` text articles (0 = all); HTML articles and failed lines
// are skipped, as they are not the text path being measured.
size_t ReadArticles(const std::string& file, size_t limit, std::vector<Document>* docs) {
  InputReader reader({file});
  size_t skipped = 0;
  Document d;
  while ((limit == 0 || docs->size() < limit) && reader.Next(&d)) {
    if (d.ok() && !d.is_html) {
      docs->push_back(std::move(d));
    } else {
      ++skipped;
    }
    d = Document();
  }
  return skipped;
}

struct Measure {
  std::string name;
  uint64_t bytes = 0, items = 0;
};

// Runs `once` `reps` times and prints the best; `once` returns a checksum so
// the work cannot be optimised away. `setup` (untimed) runs before each rep.
void Run(const Measure& m, int reps, const std::function<size_t()>& once,
         const std::function<void()>& setup = nullptr) {
  double best = 1e300;
  size_t check = 0;
  for (int r = 0; r < reps; ++r) {
    if (setup) setup();
    const auto start = std::chrono::steady_clock::now();
    check += once();
    const std::chrono::duration<double> d = std::chrono::steady_clock::now() - start;
    best = std::min(best, d.count());
  }
  const double s = std::max(best, 1e-9);
  std::printf("%s\t%.2f\t%.1f\t%llu\t%llu\t%.6f\n", m.name.c_str(), m.bytes / s / 1e6,
              m.items / s, static_cast<unsigned long long>(m.bytes),
              static_cast<unsigned long long>(m.items), best);
  std::fflush(stdout);
  std::fprintf(stderr, "# %s: checksum %zu\n", m.name.c_str(), check / reps);
}

void BenchHtml(const Options& o, const std::vector<std::string>& pages) {
  uint64_t bytes = 0;
  for (const std::string& p : pages) bytes += p.size();
  if (o.count) {
    std::printf("count\t%llu\t%zu\n", static_cast<unsigned long long>(bytes),
                pages.size());
    return;
  }
  Run({"gumbo_parse", bytes, pages.size()}, o.reps, [&] {
    size_t nodes = 0;
    for (const std::string& p : pages) nodes += GumboParseOnly(p);
    return nodes;
  });
  Run({"clean_html", bytes, pages.size()}, o.reps, [&] {
    size_t out = 0;
    for (const std::string& p : pages) {
      CleanResult r;
      if (CleanHtml(CleanOptions(), p, &r).ok()) out += r.blocks.size();
    }
    return out;
  });
}

void BenchText(const Options& o, const Extractor& extractor,
               const std::vector<Document>& docs) {
  uint64_t bytes = 0;
  std::string joined;
  for (const Document& d : docs) bytes += d.body.size();
  joined.reserve(bytes + docs.size());
  for (const Document& d : docs) joined.append(d.body).push_back('\n');
  const Measure all{"", bytes, docs.size()};
  auto named = [&](const char* name) {
    Measure m = all;
    m.name = name;
    return m;
  };

  Run(named("jsonl_read"), o.reps, [&] {
    std::vector<Document> again;
    ReadArticles(o.jsonl, docs.size(), &again);
    return again.size();
  });
  Run(named("icu_normalize"), o.reps, [&] {
    size_t out = 0;
    NormalizeResult r;
    for (const Document& d : docs) {
      NormalizeText(d.body, &r);
      out += r.text.size();
    }
    return out;
  });
  // The whole stage: NormalizeText plus the sentence starts.
  std::vector<Document> texts;
  Run(
      named("normalize_stage"), o.reps,
      [&] {
        size_t out = 0;
        for (Document& d : texts) {
          Normalize(&d);
          out += d.norm.size() + d.sentence_starts.size();
        }
        return out;
      },
      [&] {
        texts.assign(docs.size(), Document());
        for (size_t i = 0; i < docs.size(); ++i) texts[i].text = docs[i].body;
      });
  Run(named("re2_scan"), o.reps, [&] { return Re2ScanCount(joined, kNumberPattern); });

  // The rules alone, over text normalized beforehand.
  std::vector<Document> normed = docs;
  for (Document& d : normed) {
    d.text = std::move(d.body);
    d.body.clear();
    Normalize(&d);
  }
  // Times `ex` alone over the normalized texts.
  auto time_rules = [&](const Measure& m, const Extractor& ex) {
    Run(
        m, o.reps,
        [&] {
          size_t out = 0;
          for (Document& d : normed) {
            ex.Extract(&d);
            out += d.records.size();
          }
          return out;
        },
        [&] {
          for (Document& d : normed) d.records.clear();
        });
  };
  time_rules(named("rules_all"), extractor);

  // The same rules searched one pass per rule with the exact patterns (no
  // scan groups, no narrowed letters): what those two gain.
  std::unique_ptr<Extractor> plain;
  ExtractorOptions plain_options;
  plain_options.scan_groups = plain_options.narrow_letters = false;
  if (Extractor::Create(extractor.rules(), plain_options, &plain).ok())
    time_rules(named("rules_plain"), *plain);

  // normalize + extract as the pipeline runs them, on one thread, without
  // reading or SQLite.
  std::vector<Document> work;
  Run(
      named("stages_text"), o.reps,
      [&] {
        size_t out = 0;
        for (Document& d : work) {
          Process(extractor, &d);
          out += d.records.size();
        }
        return out;
      },
      [&] { work = docs; });
  if (!o.per_rule) return;

  // Each rule alone (its own Extractor, no links), to find the costly ones.
  for (const Rule& rule : extractor.rules().rules) {
    RuleSet one;
    one.rules.push_back(rule);
    one.maps = extractor.rules().maps;
    std::unique_ptr<Extractor> alone;
    if (Extractor::Create(std::move(one), &alone).ok())
      time_rules(Measure{"rule." + rule.id, all.bytes, all.items}, *alone);
  }
}

int Main(int argc, char** argv) {
  Options o;
  if (argc > 1 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!ParseArgs(argc, argv, &o)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (!o.html.empty()) {
    std::vector<std::string> pages;
    if (!ReadPages(o.html, &pages)) return 2;
    if (pages.empty()) {
      std::fprintf(stderr, "vnreform_bench: no .html/.htm files found\n");
      return 2;
    }
    BenchHtml(o, pages);
  }
  if (o.jsonl.empty()) return 0;
  std::vector<Document> docs;
  const size_t skipped = ReadArticles(o.jsonl, o.limit, &docs);
  if (skipped > 0)
    std::fprintf(stderr, "# %zu failed or HTML articles skipped\n", skipped);
  if (docs.empty()) {
    std::fprintf(stderr, "vnreform_bench: %s: no text articles\n", o.jsonl.c_str());
    return 2;
  }
  if (o.count) {
    uint64_t bytes = 0;
    for (const Document& d : docs) bytes += d.body.size();
    std::printf("count\t%llu\t%zu\n", static_cast<unsigned long long>(bytes),
                docs.size());
    return 0;
  }
  const std::string rules = FindRulesPath(o.rules, argv[0]);
  std::unique_ptr<Extractor> extractor;
  std::vector<std::string> problems;
  Status s = LoadExtractor(rules, /*check_examples=*/false, 1, &extractor, &problems);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform_bench: rules in %s: %s\n", rules.c_str(),
                 s.ToString().c_str());
    return 2;
  }
  BenchText(o, *extractor, docs);
  return 0;
}

}  // namespace
}  // namespace vnreform

int main(int argc, char** argv) { return vnreform::Main(argc, argv); }
