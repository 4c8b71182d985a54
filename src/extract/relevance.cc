// The document-level relevance score: the rules' [relevance] lexicon of
// weighted patterns (rules/README.md, "Relevance") read over an article's
// title and text. Which topic it scores is the rule file's business.
#include <memory>
#include <string>
#include <utility>

#include "extract/extract_internal.h"

namespace vnreform {

RelevanceScorer::RelevanceScorer() = default;
RelevanceScorer::~RelevanceScorer() = default;

Status RelevanceScorer::Create(const Relevance& spec,
                               std::unique_ptr<RelevanceScorer>* out) {
  auto s = std::unique_ptr<RelevanceScorer>(new RelevanceScorer());
  s->spec_ = spec;
  for (const auto& [pattern, weight] : spec.terms) {
    std::unique_ptr<PatternCounter> c;
    std::string error;
    if (!PatternCounter::Create(pattern, &c, &error))
      return Status::Parse("[relevance.terms] '" + pattern + "': " + error);
    s->counters_.push_back(std::move(c));
  }
  *out = std::move(s);
  return Status::Ok();
}

void RelevanceScorer::Score(Document* doc) const {
  const size_t max = static_cast<size_t>(spec_.max_count);
  double score = 0;
  for (size_t i = 0; i < counters_.size(); ++i) {
    size_t n = counters_[i]->Count(doc->title, max);
    if (n < max) n += counters_[i]->Count(doc->norm, max - n);
    score += spec_.terms[i].second * static_cast<double>(n);
  }
  doc->relevance = score;
  doc->relevant = score >= spec_.threshold ? 1 : 0;
}

}  // namespace vnreform
