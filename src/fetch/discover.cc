// Discovery: page URLs from URL lists, sitemaps (and sitemap indexes) and
// RSS/Atom feeds. A tolerant tag scanner rather than an XML parser: real
// sitemaps and feeds are often not well-formed, and we need only a few
// elements. Tested by tests/fetch_test.cc.
#include <cctype>
#include <cstring>

#include "core/strings.h"
#include "fetch/fetch.h"

namespace vnreform {
namespace {

std::string Trim(const std::string& s) { return TrimSpace(s); }

// Decodes CDATA sections and the XML entities URLs carry.
std::string XmlText(const std::string& s) {
  std::string t = s;
  if (size_t c = t.find("<![CDATA["); c != std::string::npos) {
    const size_t end = t.find("]]>", c);
    t = t.substr(c + 9, end == std::string::npos ? std::string::npos : end - c - 9);
    return Trim(t);
  }
  static const struct {
    const char* entity;
    char c;
  } kEntities[] = {{"&amp;", '&'},   {"&lt;", '<'},  {"&gt;", '>'},  {"&quot;", '"'},
                   {"&apos;", '\''}, {"&#38;", '&'}, {"&#x26;", '&'}};
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    bool done = false;
    if (t[i] == '&')
      for (const auto& e : kEntities)
        if (t.compare(i, std::strlen(e.entity), e.entity) == 0) {
          out += e.c;
          i += std::strlen(e.entity) - 1;
          done = true;
          break;
        }
    if (!done) out += t[i];
  }
  return Trim(out);
}

// A start tag's local name (namespace prefix dropped), lower-cased.
struct Tag {
  std::string name;   // "loc", "/loc", "link"
  std::string attrs;  // the raw rest of the tag
  size_t end = 0;     // just past '>'
};

bool NextTag(const std::string& xml, size_t from, Tag* tag) {
  while (true) {
    const size_t lt = xml.find('<', from);
    if (lt == std::string::npos) return false;
    if (xml.compare(lt, 9, "<![CDATA[") == 0) {
      const size_t e = xml.find("]]>", lt);
      if (e == std::string::npos) return false;
      from = e + 3;
      continue;
    }
    const size_t gt = xml.find('>', lt);
    if (gt == std::string::npos) return false;
    size_t i = lt + 1;
    std::string name;
    if (i < gt && xml[i] == '/') name += xml[i++];
    size_t start = i;
    while (i < gt && !std::isspace(static_cast<unsigned char>(xml[i])) && xml[i] != '/')
      ++i;
    std::string raw = xml.substr(start, i - start);
    if (const size_t colon = raw.find(':'); colon != std::string::npos)
      raw = raw.substr(colon + 1);
    for (char& c : raw)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    tag->name = name + raw;
    tag->attrs = xml.substr(i, gt - i);
    tag->end = gt + 1;
    return true;
  }
}

// The text up to the closing tag `name`.
std::string ElementText(const std::string& xml, const Tag& open) {
  Tag t;
  size_t from = open.end;
  while (NextTag(xml, from, &t)) {
    if (t.name == "/" + open.name) {
      const size_t close = xml.rfind('<', t.end - 1);
      return XmlText(xml.substr(open.end, close - open.end));
    }
    from = t.end;
  }
  return "";
}

std::string Attr(const std::string& attrs, const std::string& name) {
  size_t p = 0;
  while ((p = attrs.find(name, p)) != std::string::npos) {
    size_t i = p + name.size();
    const bool boundary =
        p == 0 || std::isspace(static_cast<unsigned char>(attrs[p - 1]));
    while (i < attrs.size() && attrs[i] == ' ') ++i;
    if (boundary && i < attrs.size() && attrs[i] == '=') {
      ++i;
      while (i < attrs.size() && attrs[i] == ' ') ++i;
      const char q = i < attrs.size() ? attrs[i] : ' ';
      if (q == '"' || q == '\'') {
        const size_t e = attrs.find(q, i + 1);
        return XmlText(
            attrs.substr(i + 1, e == std::string::npos ? std::string::npos : e - i - 1));
      }
    }
    p = i;
  }
  return "";
}

}  // namespace

void ParseSitemap(const std::string& xml, std::vector<std::string>* pages,
                  std::vector<std::string>* sitemaps) {
  Tag t;
  size_t from = 0;
  std::string parent;  // "url" or "sitemap"
  while (NextTag(xml, from, &t)) {
    from = t.end;
    if (t.name == "url" || t.name == "sitemap") parent = t.name;
    if (t.name != "loc") continue;
    const std::string loc = ElementText(xml, t);
    if (loc.empty()) continue;
    (parent == "sitemap" ? sitemaps : pages)->push_back(loc);
  }
}

void ParseFeed(const std::string& xml, std::vector<std::string>* links) {
  Tag t;
  size_t from = 0;
  bool in_item = false;
  while (NextTag(xml, from, &t)) {
    from = t.end;
    if (t.name == "item" || t.name == "entry") in_item = true;
    if (t.name == "/item" || t.name == "/entry") in_item = false;
    if (!in_item || t.name != "link") continue;
    const std::string href = Attr(t.attrs, "href");
    if (!href.empty()) {  // Atom
      const std::string rel = Attr(t.attrs, "rel");
      if (rel.empty() || rel == "alternate") links->push_back(href);
    } else if (!t.attrs.empty() && t.attrs.back() == '/') {
      continue;  // <link/> without href
    } else if (std::string text = ElementText(xml, t); !text.empty()) {
      links->push_back(text);  // RSS
    }
  }
}

std::vector<std::string> ParseUrlList(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

bool LooksGzipped(const std::string& bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

}  // namespace vnreform
