// `vnreform rules try`: a new or edited rule file run over stored articles
// beside the rule set in use, to see what it would add, change and remove
// before anything is written. Tested by tests/cli_test.sh.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "core/parallel.h"
#include "normalize/normalize.h"
#include "pipeline/pipeline.h"

namespace vnreform {
namespace {

// The records of `a` as `extractor` makes them from the stored norm.
void ExtractFrom(const Extractor& extractor, const StoredArticle& a, Document* doc) {
  doc->key = a.key;
  doc->source = a.source;
  doc->url = a.url;
  doc->title = a.title;
  doc->published = a.published;
  doc->norm = a.norm;
  doc->sentence_starts = SentenceStarts(doc->norm);
  extractor.Extract(doc);
}

bool SameRecord(const Record& a, const Record& b) {
  auto same = [](const Field& x, const Field& y) {
    return x.name == y.name && x.value == y.value && x.kind == y.kind;
  };
  return a.text == b.text && a.rule_id == b.rule_id &&
         std::equal(a.fields.begin(), a.fields.end(), b.fields.begin(), b.fields.end(),
                    same);
}

// Records of `before` and `after` (one article) paired by type and span.
void Compare(const Document& before, const Document& after,
             std::vector<RecordChange>* out) {
  using Span = std::tuple<uint32_t, uint32_t, std::string>;
  auto span = [](const Record& r) { return Span(r.begin, r.end, r.type); };
  auto sentence = [&](const Document& d, const Record& r) {
    return d.norm.substr(r.sentence_begin, r.sentence_end - r.sentence_begin);
  };
  std::vector<RecordChange> changes;
  for (const Record& b : before.records) {
    auto it = std::find_if(after.records.begin(), after.records.end(),
                           [&](const Record& a) { return span(a) == span(b); });
    if (it == after.records.end())
      changes.push_back({RecordChange::kRemoved, before.key, b, {}, sentence(before, b)});
    else if (!SameRecord(b, *it))
      changes.push_back(
          {RecordChange::kChanged, before.key, b, *it, sentence(after, *it)});
  }
  for (const Record& a : after.records) {
    auto it = std::find_if(before.records.begin(), before.records.end(),
                           [&](const Record& b) { return span(a) == span(b); });
    if (it == before.records.end())
      changes.push_back({RecordChange::kAdded, after.key, {}, a, sentence(after, a)});
  }
  std::stable_sort(
      changes.begin(), changes.end(), [](const RecordChange& x, const RecordChange& y) {
        const Record& a = x.kind == RecordChange::kRemoved ? x.before : x.after;
        const Record& b = y.kind == RecordChange::kRemoved ? y.before : y.after;
        return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
      });
  out->insert(out->end(), changes.begin(), changes.end());
}

}  // namespace

Status RulesWithFile(const std::string& rules_path, const std::string& file,
                     RuleSet* out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound(file + ": no such file");
  std::stringstream text;
  text << in.rdbuf();
  RuleSet now;
  VNREFORM_RETURN_IF_ERROR(LoadRules(rules_path, &now));
  std::vector<RuleSource> sources = now.sources;
  const std::string name = std::filesystem::path(file).filename().string();
  auto it = std::find_if(sources.begin(), sources.end(),
                         [&](const RuleSource& s) { return s.name == name; });
  if (it != sources.end())
    it->text = text.str();
  else
    sources.push_back({name, text.str()});
  return LoadRulesFromSources(sources, out);
}

Status TryRules(Store* store, const Extractor& now, const Extractor& tried, int sample,
                int threads, RuleTryReport* report) {
  *report = RuleTryReport();
  constexpr int kBatch = 256;
  int64_t after_id = 0;
  const int n_threads = ThreadCount(threads);
  while (sample == 0 || report->articles < sample) {
    int limit = kBatch;
    if (sample > 0)
      limit = static_cast<int>(std::min<int64_t>(kBatch, sample - report->articles));
    std::vector<StoredArticle> articles;
    VNREFORM_RETURN_IF_ERROR(
        store->ArticlesToReextract("", true, after_id, limit, &articles));
    if (articles.empty()) break;
    after_id = articles.back().id;
    std::vector<Document> before(articles.size()), after(articles.size());
    ParallelFor(articles.size(), n_threads, [&](size_t i) {
      ExtractFrom(now, articles[i], &before[i]);
      ExtractFrom(tried, articles[i], &after[i]);
    });
    for (size_t i = 0; i < articles.size(); ++i)
      Compare(before[i], after[i], &report->changes);
    report->articles += static_cast<int64_t>(articles.size());
  }
  return Status::Ok();
}

}  // namespace vnreform
