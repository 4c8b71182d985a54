// The record scorer of ../shared/eval/score.py in C++, so that the end-to-end
// test checks the bar without python or ../shared: the same keys per type,
// multiset matching per article, officials as a set, quantity recall only,
// optional gold records free either way.
#ifndef VNREFORM_TESTS_SUPPORT_SCORE_H_
#define VNREFORM_TESTS_SUPPORT_SCORE_H_

#include <map>
#include <string>
#include <vector>

#include "core/document.h"

namespace vnreform::testing {

struct ScoreRecord {
  std::string article;  // base name
  std::string type;
  std::vector<Field> fields;
  bool optional = false;
};

struct TypeScore {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Reads a JSONL file of records (the gold file's shape). Aborts the test on
// a line that is not a flat JSON object.
std::vector<ScoreRecord> LoadRecords(const std::string& path);

// Scores `pred` against `gold` per type; only articles in gold count.
std::map<std::string, TypeScore> Score(const std::vector<ScoreRecord>& gold,
                                       const std::vector<ScoreRecord>& pred);

}  // namespace vnreform::testing

#endif  // VNREFORM_TESTS_SUPPORT_SCORE_H_
