// A page of vnreform serve as data: a title, key-value lines, facets,
// charts and tables. One model, three renderings: HTML (every text
// escaped: a record's text is data, never markup), JSON and CSV (RFC 4180,
// UTF-8 BOM), each carrying the database's data version.
// Tested by tests/serve_test.cc.
#ifndef VNREFORM_SERVE_PAGE_H_
#define VNREFORM_SERVE_PAGE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vnreform {

// A shown value: text, an optional link, optional highlighted byte ranges
// of the text, and whether it is a number (JSON writes it unquoted).
struct Cell {
  std::string text;
  std::string href;                              // "" = no link
  std::vector<std::pair<size_t, size_t>> marks;  // [begin, end) bytes, sorted
  bool number = false;
  std::string css;  // a class for the cell ("" none)

  Cell() = default;
  Cell(std::string t) : text(std::move(t)) {}  // NOLINT: cells from strings
  Cell(const char* t) : text(t) {}             // NOLINT
  static Cell Link(std::string text, std::string href);
  static Cell Num(std::string text);
};

struct Table {
  std::string name;   // for ?table= and the CSV
  std::string title;  // shown above it
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  bool truncated = false;  // more rows exist than shown
  std::string note;        // shown under the title
};

// A chart drawn by Chart.js: one line (or bar) per series over the labels.
struct Chart {
  std::string id, title, type = "line", y_label;
  bool reverse_y = false;  // ranks: 1 at the top
  std::vector<std::string> labels;
  struct Series {
    std::string label;
    std::vector<std::optional<double>> values;  // one per label; gaps allowed
  };
  std::vector<Series> series;
};

struct Facet {
  std::string name, title;
  struct Value {
    std::string value, href;
    int64_t count = 0;
    bool selected = false;
  };
  std::vector<Value> values;
};

struct Page {
  std::string title;
  std::string path;   // the page's path without extension, for its .json/.csv links
  std::string query;  // its query string ("" none), kept on the .json/.csv links
  std::vector<std::pair<std::string, Cell>> meta;
  std::vector<Facet> facets;
  std::vector<Chart> charts;
  std::vector<Table> tables;
  std::string text_title;  // a long text shown whole (an article), if any
  Cell text;
  std::string search;  // the search box's value
};

// The database's data version shown on every rendering: an id and its parts.
struct DataVersion {
  std::string id;      // short hash of the parts
  std::string detail;  // "runs 3 (last 2026-12-06T...), rules ..., schema 14, ..."
};

std::string RenderHtml(const Page& page, const DataVersion& version);
std::string RenderJson(const Page& page, const DataVersion& version);
// The table named `table` ("" = the first) as CSV with a BOM, CRLF lines and
// a last column data_version. Returns false when there is no such table.
bool RenderCsv(const Page& page, const std::string& table, const DataVersion& version,
               std::string* out);

// Escaping, exposed for tests.
std::string HtmlEscape(std::string_view s);  // & < > " '
std::string JsonString(std::string_view s);  // quoted; < > & as \u003c...
std::string CsvField(std::string_view s);    // quoted when needed
std::string ValidUtf8(std::string_view s);   // ill-formed bytes as U+FFFD
std::string UrlEncode(std::string_view s);   // for query strings

}  // namespace vnreform

#endif  // VNREFORM_SERVE_PAGE_H_
