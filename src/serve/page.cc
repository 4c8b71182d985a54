// Renders a Page (page.h) as HTML, JSON or CSV. Every text goes through
// HtmlEscape, JsonString or CsvField, after ValidUtf8: nothing from the
// database reaches the output as markup. Chart data travel as JSON inside
// <script type="application/json">, with '<' escaped, so a title cannot
// close the script. Tested by tests/serve_test.cc.
#include "serve/page.h"

#include <cmath>
#include <cstdio>

namespace vnreform {
namespace {

// Length of the well-formed UTF-8 sequence at s[i], 0 when ill-formed.
size_t Utf8Length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (n == 3 && ((c == 0xE0 && b(i + 1) < 0xA0) || (c == 0xED && b(i + 1) >= 0xA0)))
    return 0;  // overlong, surrogate
  if (n == 4 && ((c == 0xF0 && b(i + 1) < 0x90) || (c == 0xF4 && b(i + 1) >= 0x90)))
    return 0;
  return n;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// Links go to this server's pages or to http(s) pages: a stored URL such as
// "javascript:..." is shown as text, never linked.
bool SafeHref(const std::string& href) {
  return (href.size() > 0 && href[0] == '/' && (href.size() == 1 || href[1] != '/')) ||
         href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0;
}

// The cell's text with its marks as <mark>, escaped, linked when it has a link.
std::string CellHtml(const Cell& c) {
  std::string body;
  size_t at = 0;
  for (const auto& [b, e] : c.marks) {
    if (b < at || e <= b || e > c.text.size()) continue;
    body += HtmlEscape(std::string_view(c.text).substr(at, b - at));
    body += "<mark>" + HtmlEscape(std::string_view(c.text).substr(b, e - b)) + "</mark>";
    at = e;
  }
  body += HtmlEscape(std::string_view(c.text).substr(at));
  if (!SafeHref(c.href)) return body;
  return "<a href=\"" + HtmlEscape(c.href) + "\">" + body + "</a>";
}

std::string TdOpen(const Cell& c) {
  std::string cls = c.number ? "num" : "";
  if (!c.css.empty()) cls += (cls.empty() ? "" : " ") + c.css;
  return cls.empty() ? "<td>" : "<td class=\"" + HtmlEscape(cls) + "\">";
}

std::string TableHtml(const Table& t) {
  std::string h = "<section class=\"table\" id=\"t-" + HtmlEscape(t.name) + "\">";
  if (!t.title.empty()) h += "<h2>" + HtmlEscape(t.title) + "</h2>";
  if (!t.note.empty()) h += "<p class=\"note\">" + HtmlEscape(t.note) + "</p>";
  if (t.rows.empty()) return h + "<p class=\"note\">none</p></section>\n";
  h += "<table data-name=\"" + HtmlEscape(t.name) + "\"><thead><tr>";
  for (const std::string& c : t.columns) h += "<th>" + HtmlEscape(c) + "</th>";
  h += "</tr></thead><tbody>\n";
  for (const auto& row : t.rows) {
    h += "<tr>";
    for (const Cell& c : row) h += TdOpen(c) + CellHtml(c) + "</td>";
    h += "</tr>\n";
  }
  h += "</tbody></table>";
  if (t.truncated) h += "<p class=\"note\">more rows exist: see limit and offset</p>";
  return h + "</section>\n";
}

std::string ChartsJson(const std::vector<Chart>& charts) {
  std::string j = "[";
  for (size_t i = 0; i < charts.size(); ++i) {
    const Chart& c = charts[i];
    j += (i ? "," : "") + std::string("{\"id\":") + JsonString(c.id) +
         ",\"title\":" + JsonString(c.title) + ",\"type\":" + JsonString(c.type) +
         ",\"y_label\":" + JsonString(c.y_label) +
         ",\"reverse_y\":" + (c.reverse_y ? "true" : "false") + ",\"labels\":[";
    for (size_t k = 0; k < c.labels.size(); ++k)
      j += (k ? "," : "") + JsonString(c.labels[k]);
    j += "],\"series\":[";
    for (size_t s = 0; s < c.series.size(); ++s) {
      j += (s ? "," : "") + std::string("{\"label\":") + JsonString(c.series[s].label) +
           ",\"values\":[";
      const auto& v = c.series[s].values;
      for (size_t k = 0; k < v.size(); ++k)
        j += (k ? "," : "") +
             (v[k] && std::isfinite(*v[k]) ? Number(*v[k]) : std::string("null"));
      j += "]}";
    }
    j += "]}";
  }
  return j + "]";
}

std::string CellJson(const Cell& c) {
  if (c.number && !c.text.empty()) {
    char* end = nullptr;
    const double v = std::strtod(c.text.c_str(), &end);
    if (end && *end == '\0' && std::isfinite(v)) return c.text;
  }
  return JsonString(c.text);
}

std::string Link(const Page& p, const std::string& ext) {
  return HtmlEscape(p.path + ext + (p.query.empty() ? "" : "?" + p.query));
}

}  // namespace

Cell Cell::Link(std::string text, std::string href) {
  Cell c(std::move(text));
  c.href = std::move(href);
  return c;
}

Cell Cell::Num(std::string text) {
  Cell c(std::move(text));
  c.number = true;
  return c;
}

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view raw) {
  const std::string s = ValidUtf8(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string JsonString(std::string_view raw) {
  const std::string s = ValidUtf8(raw);
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == '<' || c == '>' || c == '&') {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string CsvField(std::string_view raw) {
  const std::string s = ValidUtf8(raw);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string UrlEncode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string RenderHtml(const Page& p, const DataVersion& v) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      HtmlEscape(p.title) +
      " · vnreform</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
      "<link rel=\"alternate\" type=\"application/json\" href=\"" +
      Link(p, ".json") +
      "\"></head><body>\n<header><a href=\"/\">vnreform</a><a "
      "href=\"/indices\">indices</a>"
      "<a href=\"/units\">units</a><a href=\"/people\">people</a><a "
      "href=\"/documents\">documents</a><a href=\"/facts\">facts</a>"
      "<form action=\"/search\" method=\"get\" role=\"search\"><input type=\"search\" "
      "name=\"q\" placeholder=\"search: noi vu, Hà Nội...\" value=\"" +
      HtmlEscape(p.search) + "\"></form></header>\n<main><h1>" + HtmlEscape(p.title) +
      "</h1>\n";
  if (!p.meta.empty()) {
    h += "<dl class=\"meta\">";
    for (const auto& [k, c] : p.meta)
      h += "<dt>" + HtmlEscape(k) + "</dt><dd>" + CellHtml(c) + "</dd>";
    h += "</dl>\n";
  }
  h += "<div class=\"layout\">";
  if (!p.facets.empty()) {
    h += "<nav class=\"facets\">";
    for (const Facet& f : p.facets) {
      h += "<h3>" + HtmlEscape(f.title) + "</h3><ul data-facet=\"" + HtmlEscape(f.name) +
           "\">";
      for (const Facet::Value& fv : f.values)
        h += std::string("<li") + (fv.selected ? " class=\"selected\"" : "") +
             "><a class=\"facet\" href=\"" + HtmlEscape(fv.href) + "\">" +
             HtmlEscape(fv.value.empty() ? "(none)" : fv.value) + "</a> " +
             std::to_string(fv.count) + "</li>";
      h += "</ul>";
    }
    h += "</nav>";
  }
  h += "<div class=\"content\">\n";
  for (const Chart& c : p.charts)
    h += "<section><h2>" + HtmlEscape(c.title) +
         "</h2><div class=\"chart\"><canvas id=\"" + HtmlEscape(c.id) +
         "\"></canvas></div></section>\n";
  for (const Table& t : p.tables) h += TableHtml(t);
  if (!p.text.text.empty())
    h += "<section><h2>" + HtmlEscape(p.text_title) + "</h2><div class=\"text\">" +
         CellHtml(p.text) + "</div></section>\n";
  h += "</div></div></main>\n<footer>data version <code id=\"data-version\">" +
       HtmlEscape(v.id) + "</code> (" + HtmlEscape(v.detail) +
       ") · this page as <a href=\"" + Link(p, ".json") + "\">JSON</a> · <a href=\"" +
       Link(p, ".csv") + "\">CSV</a></footer>\n";
  if (!p.charts.empty())
    h += "<script type=\"application/json\" id=\"chart-data\">" + ChartsJson(p.charts) +
         "</script>\n<script src=\"/static/chart.js\"></script>\n"
         "<script src=\"/static/app.js\"></script>\n";
  return h + "</body></html>\n";
}

std::string RenderJson(const Page& p, const DataVersion& v) {
  std::string j = "{\"title\":" + JsonString(p.title) +
                  ",\"data_version\":" + JsonString(v.id) +
                  ",\"data_version_detail\":" + JsonString(v.detail) + ",\"meta\":{";
  for (size_t i = 0; i < p.meta.size(); ++i)
    j += (i ? "," : "") + JsonString(p.meta[i].first) + ":" + CellJson(p.meta[i].second);
  j += "},\"facets\":{";
  for (size_t i = 0; i < p.facets.size(); ++i) {
    j += (i ? "," : "") + JsonString(p.facets[i].name) + ":[";
    const auto& vals = p.facets[i].values;
    for (size_t k = 0; k < vals.size(); ++k)
      j += (k ? "," : "") + std::string("{\"value\":") + JsonString(vals[k].value) +
           ",\"count\":" + std::to_string(vals[k].count) +
           ",\"selected\":" + (vals[k].selected ? "true" : "false") + "}";
    j += "]";
  }
  j += "},\"charts\":" + ChartsJson(p.charts) + ",\"tables\":[";
  for (size_t i = 0; i < p.tables.size(); ++i) {
    const Table& t = p.tables[i];
    j += (i ? "," : "") + std::string("{\"name\":") + JsonString(t.name) +
         ",\"title\":" + JsonString(t.title) +
         ",\"truncated\":" + (t.truncated ? "true" : "false") + ",\"columns\":[";
    for (size_t k = 0; k < t.columns.size(); ++k)
      j += (k ? "," : "") + JsonString(t.columns[k]);
    j += "],\"rows\":[";
    for (size_t r = 0; r < t.rows.size(); ++r) {
      j += r ? ",[" : "[";
      for (size_t k = 0; k < t.rows[r].size(); ++k)
        j += (k ? "," : "") + CellJson(t.rows[r][k]);
      j += "]";
    }
    j += "]}";
  }
  j += "]";
  if (!p.text.text.empty()) j += ",\"text\":" + JsonString(p.text.text);
  return j + "}\n";
}

bool RenderCsv(const Page& p, const std::string& name, const DataVersion& v,
               std::string* out) {
  const Table* t = nullptr;
  for (const Table& x : p.tables)
    if (name.empty() ? true : x.name == name) {
      t = &x;
      break;
    }
  if (!t) {
    if (!name.empty()) return false;
    static const Table kEmpty;
    t = &kEmpty;
  }
  std::string& s = *out;
  s = "\xEF\xBB\xBF";
  for (const std::string& c : t->columns) s += CsvField(c) + ",";
  s += "data_version\r\n";
  for (const auto& row : t->rows) {
    for (const Cell& c : row) s += CsvField(c.text) + ",";
    s += CsvField(v.id) + "\r\n";
  }
  return true;
}

}  // namespace vnreform
