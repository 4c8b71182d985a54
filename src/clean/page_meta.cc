// The clean stage's metadata over gumbo's tree: <meta> tags, JSON-LD,
// itemprop microdata, <time>, <title>, <link rel=canonical> and <html lang>.
// Tested by tests/clean_test.cc.
#include "clean/page_meta.h"

#include <gumbo.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "clean/html_text.h"

namespace vnreform {
namespace {

// ---- gumbo helpers ----------------------------------------------------------
// A few lines shared in spirit with gumbo_clean.cc's; repeated rather than
// put in a header, which would spread gumbo.h.

bool IsElement(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}
bool IsText(const GumboNode* n) {
  return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
         n->type == GUMBO_NODE_CDATA;
}
const GumboNode* Child(const GumboNode* n, unsigned i) {
  return static_cast<const GumboNode*>(n->v.element.children.data[i]);
}
std::string_view Attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

// Calls visit(node) on `root` and its descendants in document order, without
// recursion; descends into an element only when visit returns true.
template <typename Visit>
void ForEachNode(const GumboNode* root, Visit visit) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (!visit(n) || IsText(n) || n->type == GUMBO_NODE_COMMENT) continue;
    const GumboVector& c =
        n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    for (unsigned i = c.length; i > 0; --i)
      stack.push_back(static_cast<const GumboNode*>(c.data[i - 1]));
  }
}

// All text below `root`, collapsed; for small known elements (<title>).
std::string SubtreeText(const GumboNode* root) {
  std::string out;
  bool pending = false;
  ForEachNode(root, [&](const GumboNode* n) {
    if (IsText(n)) AppendCollapsed(n->v.text.text, &out, &pending);
    return true;
  });
  return out;
}

// ---- reading ----------------------------------------------------------------

struct PageMeta {
  // Lower-cased <meta> property / name / itemprop -> content; first wins.
  std::unordered_map<std::string, std::string> meta;
  std::string title_tag, canonical, lang, json_ld_published;
  std::string itemprop_published, itemprop_author, time_datetime;

  const std::string* Get(const std::string& key) const {
    auto it = meta.find(key);
    return it == meta.end() || it->second.empty() ? nullptr : &it->second;
  }
};

void ReadMetaTag(const GumboNode* n, PageMeta* m) {
  std::string content = Collapse(Attr(n, "content"));
  for (const char* attr : {"property", "name", "itemprop"}) {
    std::string key;
    AppendLower(Attr(n, attr), &key);
    if (!key.empty()) m->meta.emplace(std::move(key), content);
  }
}

void ReadItemprop(const GumboNode* n, PageMeta* m) {
  std::string_view prop = Attr(n, "itemprop");
  std::string_view content = Attr(n, "content");
  if (EqualsIgnoreCase(prop, "datePublished") && m->itemprop_published.empty())
    m->itemprop_published = content.empty() ? Attr(n, "datetime") : content;
  if (EqualsIgnoreCase(prop, "author") && m->itemprop_author.empty())
    m->itemprop_author = content.empty() ? SubtreeText(n) : Collapse(content);
}

void ReadScript(const GumboNode* n, PageMeta* m) {
  if (Attr(n, "type").find("ld+json") == std::string_view::npos) return;
  for (unsigned i = 0; i < n->v.element.children.length; ++i) {
    const GumboNode* t = Child(n, i);
    if (IsText(t) && m->json_ld_published.empty())
      m->json_ld_published = FindJsonString(t->v.text.text, "datePublished");
  }
}

// Returns false for elements whose children hold no metadata.
bool ReadElement(const GumboNode* n, PageMeta* m) {
  switch (n->v.element.tag) {
    case GUMBO_TAG_HTML:
      m->lang = Collapse(Attr(n, "lang"));
      return true;
    case GUMBO_TAG_TITLE:
      if (m->title_tag.empty()) m->title_tag = SubtreeText(n);
      return false;
    case GUMBO_TAG_META:
      ReadMetaTag(n, m);
      return false;
    case GUMBO_TAG_LINK:
      if (m->canonical.empty() && EqualsIgnoreCase(Attr(n, "rel"), "canonical"))
        m->canonical = Collapse(Attr(n, "href"));
      return false;
    case GUMBO_TAG_SCRIPT:
      ReadScript(n, m);
      return false;
    case GUMBO_TAG_TIME:
      if (m->time_datetime.empty()) m->time_datetime = Attr(n, "datetime");
      break;
    default:
      break;
  }
  ReadItemprop(n, m);
  return true;
}

void ScanPage(const GumboNode* root, PageMeta* m) {
  ForEachNode(root, [&](const GumboNode* n) { return IsElement(n) && ReadElement(n, m); });
}

std::string PickPublished(const PageMeta& m) {
  std::string iso = NormalizeDate(m.json_ld_published);
  for (const char* key :
       {"article:published_time", "og:published_time", "pubdate", "publishdate", "date",
        "dc.date", "dc.date.issued", "datepublished"}) {
    if (!iso.empty()) return iso;
    if (const std::string* v = m.Get(key)) iso = NormalizeDate(*v);
  }
  if (iso.empty()) iso = NormalizeDate(m.itemprop_published);
  if (iso.empty()) iso = NormalizeDate(m.time_datetime);
  return iso;
}

}  // namespace

void ReadPageMeta(const GumboNode* root, std::string_view h1, CleanResult* out) {
  PageMeta meta;
  ScanPage(root, &meta);
  const std::string* og_title = meta.Get("og:title");
  out->title = og_title ? *og_title : !h1.empty() ? std::string(h1) : meta.title_tag;
  out->published = PickPublished(meta);
  const std::string* author = meta.Get("author");
  out->author = author ? *author : meta.itemprop_author;
  if (const std::string* site = meta.Get("og:site_name")) out->site = *site;
  const std::string* og_url = meta.Get("og:url");
  out->url = !meta.canonical.empty() ? meta.canonical : og_url ? *og_url : "";
  out->lang = meta.lang;
}

}  // namespace vnreform
