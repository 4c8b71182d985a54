// Full-text search for vnreform serve: the index (schemas/014_search.sql)
// over articles and records with Vietnamese folding, the query syntax and
// snippets. A query term without diacritics matches every spelling ("noi"
// finds "Nội", "do" finds "đổ"); a term with diacritics matches exactly.
// Tested by tests/serve_test.cc.
#ifndef VNREFORM_SERVE_SEARCH_H_
#define VNREFORM_SERVE_SEARCH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "serve/page.h"
#include "store/store.h"

namespace vnreform {

struct SearchBuildStats {
  int64_t articles = 0, records = 0;
  double seconds = 0;
  bool skipped = false;  // the index was current: nothing done
};

// (Re)builds the search tables of `into` from the articles and records of
// `from` (the same Store, or an in-memory one holding only the index), in
// one transaction on `into`. `vnreform facts` calls it after a rebuild.
// Skips the work (stats->skipped) when the index was built from the same
// articles and records (counts and highest ids of articles, records and
// runs, kept in search_meta 'source'), unless `force`.
Status BuildSearchIndex(Store* from, Store* into, SearchBuildStats* stats = nullptr,
                        bool force = false);

// Whether `into`'s search index was built from `from` as it is now.
Status SearchIndexCurrent(Store* from, Store* into, bool* current, std::string* source);

// One query term: as typed (normalized), and whether it is matched exactly.
struct SearchTerm {
  std::string text;  // exact: normalized; else folded
  bool exact = false;
};

// The words of `q` (letters and digits; at most 16), each folded unless it
// has diacritics. FTS5 syntax in `q` is only words: quotes, NEAR, * and
// column filters are not operators.
std::vector<SearchTerm> ParseQuery(std::string_view q);

// The FTS5 MATCH expression for the terms ("" when there are none).
std::string FtsExpression(const std::vector<SearchTerm>& terms);

// A window of `text` (about `width` bytes) around the first match of a term,
// with every match in it marked; the start of `text` when none matches.
Cell Snippet(std::string_view text, const std::vector<SearchTerm>& terms,
             size_t width = 240);

// The site an article is from: its site, else its URL's host without "www.".
std::string SiteOf(std::string_view site, std::string_view url);

}  // namespace vnreform

#endif  // VNREFORM_SERVE_SEARCH_H_
