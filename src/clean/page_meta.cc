// The clean stage's metadata over gumbo's tree: <meta> tags, JSON-LD,
// itemprop microdata, <time>, <title>, <link rel=canonical> and <html lang>.
// Tested by tests/clean_test.cc.
#include "clean/page_meta.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "clean/gumbo_tree.h"
#include "clean/html_text.h"

namespace vnreform {
namespace {

// ---- gumbo helpers (gumbo_tree.h) -----------------------------------------

using gumbo_tree::Attr;
using gumbo_tree::Child;
using gumbo_tree::ForEachNode;
using gumbo_tree::IsElement;
using gumbo_tree::IsText;
using gumbo_tree::TagOf;

// All text below `root`, collapsed; for small known elements (<title>).
std::string SubtreeText(const GumboNode* root) {
  std::string out;
  bool pending = false;
  ForEachNode(root, [&](const GumboNode* n) {
    if (IsText(n)) {
      AppendCollapsed(n->v.text.text, &out, &pending);
    } else if (n != root && IsElement(n) && !out.empty()) {
      // "<small>Einheit der Woche</small><br>Lagen-Pyramide": a line break
      // or a block between two texts parts words.
      switch (TagOf(n)) {
        case GUMBO_TAG_BR:
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
          pending = true;
          break;
        default:
          break;
      }
    }
    return true;
  });
  return out;
}

// ---- reading ----------------------------------------------------------------

// Text nodes within this many of the title heading may hold its dateline.
constexpr size_t kDatelineAfter = 15, kDatelineBefore = 5;
// The day a page shows by its headline: within this many text nodes.
constexpr size_t kShownAfter = 6;
// Text nodes of an element named for the date that may hold it.
constexpr size_t kDateBoxTexts = 3;
// No headline found (HeadlineAt).
constexpr size_t kNoHeadline = static_cast<size_t>(-1);
// A page without a headline whose first this many dates agree has that date.
constexpr size_t kMaxTextDates = 20;
// Byline elements ("author", "byline" classes) longer than this are boxes.
constexpr size_t kMaxBylineBytes = 80;
// An <h1> that only begins or ends the <title> must be this long to be the
// headline ("Home" begins many).
constexpr size_t kMinAffixWords = 3;
// An <h1> holding this share of og:title's words is the headline reworded.
constexpr double kMinHeldWords = 0.6;
// A text node of more words is a sentence, not a dateline.
constexpr size_t kMaxDatelineWords = 12;

size_t CountWords(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i)
    n += !IsSpace(s[i]) && (i == 0 || IsSpace(s[i - 1]));
  return n;
}

// Words of `s` holding a letter ("am 20.06.2018" -> 1, "( 2012-06-04 )" -> 0).
size_t CountLetterWords(std::string_view s) {
  size_t n = 0;
  bool in_word = false, letter = false;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || IsSpace(s[i])) {
      n += in_word && letter;
      in_word = letter = false;
      continue;
    }
    in_word = true;
    const char c = s[i];
    letter = letter || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c & 0x80);
  }
  return n;
}

struct PageMeta {
  // Lower-cased <meta> property / name / itemprop -> content; first wins.
  std::unordered_map<std::string, std::string> meta;
  std::string title_tag, canonical, lang;
  // JSON-LD "datePublished" / "dateCreated" / "uploadDate" (first of each),
  // "dateModified": the last resort.
  std::string json_ld_published, json_ld_created, json_ld_modified;
  // The first publication stamp in a page's own JSON data (<script
  // type="application/json">: a web app's state, "publishedAt").
  std::string app_json_published;
  std::string itemprop_published, itemprop_author;
  // The first JSON-LD "headline": the editors' headline, which og:title
  // may shorten for social media.
  std::string json_ld_headline;
  std::vector<std::string> json_ld_authors, bylines;
  // Visible text nodes in document order; the <h1>s, <time datetime>s and
  // elements named for a date ("date", "published", "dateline" ...) by the
  // index of the first text node after their start.
  std::vector<std::string_view> texts;
  std::vector<std::pair<size_t, std::string>> h1s, times, published_times;
  // <h2> and <h3>, for the headline of pages without an <h1> for it.
  std::vector<std::pair<size_t, std::string>> subheads;
  std::vector<size_t> date_boxes;
  // Elements named for the last change, with their title attribute.
  std::vector<std::pair<size_t, std::string>> modified_boxes;

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
  // RDFa: <span property="schema:dateCreated" content="2022-01-28T12:45:46">.
  if (std::string_view rdfa = Attr(n, "property");
      prop.empty() && !content.empty() && rdfa.substr(0, 7) == "schema:")
    prop = rdfa.substr(7);
  if (EqualsIgnoreCase(prop, "datePublished") && m->itemprop_published.empty())
    m->itemprop_published = content.empty() ? Attr(n, "datetime") : content;
  if (m->itemprop_published.empty() && !content.empty() &&
      (EqualsIgnoreCase(prop, "dateCreated") || EqualsIgnoreCase(prop, "uploadDate")))
    m->meta.emplace("itemprop:created", std::string(content));
  if (EqualsIgnoreCase(prop, "author") && m->itemprop_author.empty())
    m->itemprop_author = content.empty() ? SubtreeText(n) : Collapse(content);
}

// The "name"s of JSON-LD "author" values: an object, or an array of them.
void ReadJsonLdAuthors(std::string_view json, std::vector<std::string>* out) {
  for (size_t p = json.find("\"author\""); p != std::string_view::npos;
       p = json.find("\"author\"", p + 1)) {
    size_t i = json.find_first_not_of(" \t\r\n:", p + 8);
    if (i == std::string_view::npos || (json[i] != '{' && json[i] != '[')) continue;
    int depth = 0;
    size_t end = i;
    for (bool in_string = false; end < json.size(); ++end) {
      char c = json[end];
      if (in_string) {
        if (c == '\\')
          ++end;
        else if (c == '"')
          in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        break;
      }
    }
    std::string_view value = json.substr(i, end - i);
    for (size_t q = value.find("\"name\""); q != std::string_view::npos;
         q = value.find("\"name\"", q + 1))
      out->push_back(Collapse(FindJsonString(value.substr(q), "name")));
  }
}

constexpr const char* kAppJsonPublished[] = {
    "datePublished", "publishedDate",    "publishDate", "published_at",
    "publishedAt",   "firstPublishedAt", "createdAt"};

void ReadScript(const GumboNode* n, PageMeta* m) {
  const std::string_view type = Attr(n, "type");
  if (type.find("application/json") != std::string_view::npos) {
    for (unsigned i = 0; i < n->v.element.children.length; ++i) {
      const GumboNode* t = Child(n, i);
      if (!IsText(t)) continue;
      for (const char* key : kAppJsonPublished)
        if (m->app_json_published.empty())
          m->app_json_published = FindJsonString(t->v.text.text, key);
    }
    return;
  }
  if (type.find("ld+json") == std::string_view::npos) return;
  for (unsigned i = 0; i < n->v.element.children.length; ++i) {
    const GumboNode* t = Child(n, i);
    if (!IsText(t)) continue;
    const std::string_view json = t->v.text.text;
    if (m->json_ld_published.empty())
      m->json_ld_published = FindJsonString(json, "datePublished");
    for (const char* key : {"dateCreated", "uploadDate"})
      if (m->json_ld_created.empty()) m->json_ld_created = FindJsonString(json, key);
    if (m->json_ld_modified.empty())
      m->json_ld_modified = FindJsonString(json, "dateModified");
    if (m->json_ld_headline.empty())
      m->json_ld_headline = Collapse(FindJsonString(json, "headline"));
    ReadJsonLdAuthors(t->v.text.text, &m->json_ld_authors);
  }
}

// The text of the first link below `n` ("" if none).
std::string FirstLinkText(const GumboNode* n) {
  std::string text;
  ForEachNode(n, [&](const GumboNode* c) {
    if (!text.empty() || !IsElement(c)) return false;
    if (c->v.element.tag != GUMBO_TAG_A) return true;
    text = SubtreeText(c);
    return false;
  });
  return text;
}

// Short elements named "author"/"autor"/"byline"/"contributor" (dalloz.fr's
// <span class="field-field-contributor">Par <a>Matthieu Hy</a>), and
// rel=author links; not a comment's author ("comment-author-link", in a
// sidebar of recent comments above the post's own byline) nor a teaser's
// ("gallery-related-combined__item__author", "teaser__author": other
// articles' writers). A byline box too
// long for a byline (the name, the day and a rating widget) names the author
// in its first link: <div class="author"><a href="/autoren/...">Georg
// Quaas</a>, 21. Jan. 2015 <div class="article-rating">...
void ReadByline(const GumboNode* n, PageMeta* m) {
  std::string names;
  AppendLower(Attr(n, "class"), &names);
  names.push_back(' ');
  AppendLower(Attr(n, "id"), &names);
  names.push_back(' ');
  AppendLower(Attr(n, "data-testid"), &names);
  bool byline = names.find("author") != std::string::npos ||
                names.find("autor") != std::string::npos ||
                names.find("byline") != std::string::npos ||
                names.find("contributor") != std::string::npos ||
                EqualsIgnoreCase(Attr(n, "rel"), "author");
  if (!byline || names.find("comment") != std::string::npos ||
      names.find("related") != std::string::npos ||
      names.find("teaser") != std::string::npos)
    return;
  // The name a byline links to its page comes first: "By <a>J.R. Stone</a>
  // Thursday, November 9, 2023" reads "J.R. Stone Thursday" whole.
  std::string link = FirstLinkText(n);
  if (!link.empty() && link.size() <= kMaxBylineBytes) m->bylines.push_back(link);
  std::string text = SubtreeText(n);
  if (!text.empty() && text.size() <= kMaxBylineBytes && text != link)
    m->bylines.push_back(std::move(text));
}

// The lower-cased "class id" of an element.
std::string NamesOf(const GumboNode* n) {
  std::string names;
  AppendLower(Attr(n, "class"), &names);
  names.push_back(' ');
  AppendLower(Attr(n, "id"), &names);
  return names;
}

bool HasAny(std::string_view names, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (names.find(w) != std::string_view::npos) return true;
  return false;
}

// A <time> or <abbr> marked as the publication ("published", "entry-date",
// hAtom's "dt-published", HTML's old pubdate attribute), not an update.
bool IsPublishedName(const GumboNode* n) {
  std::string names = NamesOf(n);
  if (HasAny(names, {"updated", "modified", "update"})) return false;
  return gumbo_get_attribute(&n->v.element.attributes, "pubdate") != nullptr ||
         HasAny(names,
                {"publish", "entry-date", "post-date", "posted", "pub-time", "pubdate"});
}

void ReadTime(const GumboNode* n, PageMeta* m) {
  std::string value(Attr(n, "datetime"));
  if (value.empty() && TagOf(n) == GUMBO_TAG_ABBR) value = Attr(n, "title");
  // medef.fr: <time class="Post-pub-time">01 September 2017</time>; not
  // any <time>'s text (rp.pl's "js-print-date" is the day it is read).
  if (value.empty() && TagOf(n) == GUMBO_TAG_TIME && IsPublishedName(n))
    value = SubtreeText(n);
  if (value.empty()) return;
  m->times.emplace_back(m->texts.size(), std::move(value));
  if (IsPublishedName(n)) m->published_times.push_back(m->times.back());
}

// Elements whose class or id names a date ("date", "datum", "fecha",
// "published", "dateline", "post-meta", "ngay" ...): their text is where a
// page writes its dateline out.
void ReadDateBox(const GumboNode* n, PageMeta* m) {
  std::string names = NamesOf(n);
  if (names.size() < 2 || HasAny(names, {"comment"})) return;
  // hAtom's <span class="updated" title="2013-04-04T18:52:11+00:00">,
  // MediaWiki's <li id="footer-info-lastmod">: the last change.
  if (HasAny(names, {"update", "modified", "lastmod"})) {
    std::string_view title = Attr(n, "title");
    m->modified_boxes.emplace_back(m->texts.size(),
                                   title.size() < 64 ? std::string(title) : "");
    return;
  }
  if (HasAny(names, {"date", "datum", "fecha", "publish", "posted", "created", "time",
                     "meta", "byline", "ngay", "thoi-gian", "thoigian"})) {
    m->date_boxes.push_back(m->texts.size());
    // yam.md: <div class="news-time-ago" title="2020-09-20T14:20:02Z">Acum
    // 15 minute</div>; Blogspot's <abbr>/<a> titles: the stamp its text
    // only tells relative to now. Read as a <time>'s datetime.
    if (TagOf(n) != GUMBO_TAG_TIME && TagOf(n) != GUMBO_TAG_ABBR) {
      std::string_view title = Attr(n, "title");
      if (!title.empty() && title.size() < 64 && !ParseDateValue(title).empty())
        m->times.emplace_back(m->texts.size(), std::string(title));
    }
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
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
      return false;
    case GUMBO_TAG_TIME:
      ReadTime(n, m);
      break;
    case GUMBO_TAG_ABBR:  // hAtom: <abbr class="published" title="2019-03-21">
      if (IsPublishedName(n)) ReadTime(n, m);
      break;
    case GUMBO_TAG_H1:
      m->h1s.emplace_back(m->texts.size(), SubtreeText(n));
      break;
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
      m->subheads.emplace_back(m->texts.size(), SubtreeText(n));
      break;
    default:
      break;
  }
  ReadItemprop(n, m);
  ReadByline(n, m);
  ReadDateBox(n, m);
  return true;
}

void ScanPage(const GumboNode* root, PageMeta* m) {
  ForEachNode(root, [&](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT) {
      std::string_view t = n->v.text.text;
      if (t.find_first_not_of(" \t\r\n") != std::string_view::npos) m->texts.push_back(t);
      return false;
    }
    return IsElement(n) && ReadElement(n, m);
  });
}

// ---- choosing -----------------------------------------------------------------

// Names the site goes by: og:site_name, application names, and the longest
// label of the canonical host ("vnexpress" of vnexpress.net).
std::vector<std::string> SiteNames(const PageMeta& m, std::string_view url) {
  std::vector<std::string> sites;
  for (const char* key : {"og:site_name", "application-name",
                          "apple-mobile-web-app-title", "twitter:site", "publisher"})
    if (const std::string* v = m.Get(key)) sites.push_back(*v);
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return sites;
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/:?#"));
  std::string_view longest;
  for (size_t i = 0, j; i <= host.size(); i = j + 1) {
    j = host.find('.', i);
    if (j == std::string_view::npos) j = host.size();
    std::string_view label = host.substr(i, j - i);
    if (label != "www" && label.size() > longest.size()) longest = label;
  }
  if (longest.size() >= 3) sites.emplace_back(longest);
  return sites;
}

bool SameTitle(std::string_view a, std::string_view b) {
  std::string fa = FoldForMatch(a, true);
  return !fa.empty() && fa == FoldForMatch(b, true);
}

// The share of the distinct words of `title` that `h1` holds (folded).
double WordsHeld(std::string_view title, std::string_view h1, size_t* shared) {
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    std::string f = FoldForMatch(s, false);
    for (size_t i = 0, j; i < f.size(); i = j + 1) {
      j = f.find(' ', i);
      if (j == std::string::npos) j = f.size();
      std::string w = f.substr(i, j - i);
      if (!w.empty() && std::find(out.begin(), out.end(), w) == out.end())
        out.push_back(w);
    }
    return out;
  };
  const std::vector<std::string> t = words(title), h = words(h1);
  *shared = 0;
  for (const std::string& w : t) *shared += std::find(h.begin(), h.end(), w) != h.end();
  return t.empty() ? 0 : 1.0 * *shared / t.size();
}

// The headline: the <h1> that matches og:title, <title> or the JSON-LD
// headline once the site name is cut; else the <h1> that holds most of
// og:title's words (an editor's longer or reworded headline: CNN's h1 "The
// royal split, racism and family struggles: 11 things we learned from Harry
// and Meghan's explosive interview" for "What we learned from Harry and
// Meghan's explosive interview"); else og:title, else <title>, cut; the
// first <h1> as a last resort. Returns the index of the <h1> in *h1_index,
// or -1.
std::string PickTitle(const PageMeta& m, std::string_view h1,
                      const std::vector<std::string>& sites, int* h1_index) {
  *h1_index = -1;
  std::vector<std::string> titles;
  for (const char* key : {"og:title", "twitter:title"})
    if (const std::string* v = m.Get(key)) titles.push_back(*v);
  if (!m.title_tag.empty()) titles.push_back(m.title_tag);
  if (!m.json_ld_headline.empty()) titles.push_back(m.json_ld_headline);
  std::vector<std::string> stripped;
  for (const std::string& t : titles) {
    stripped.push_back(StripSiteName(t, sites));
    stripped.push_back(t);
  }
  // og:title before <title>: a logo <h1> "Site" may match a twitter:title
  // that only names the site.
  for (const std::string& t : stripped)
    for (size_t i = 0; i < m.h1s.size(); ++i)
      if (SameTitle(m.h1s[i].second, t)) {
        *h1_index = static_cast<int>(i);
        return Collapse(m.h1s[i].second);
      }
  // The longest <h1> that begins or ends the <title> ("Headline Recipe |
  // Site"); not a site-name <h1> that ends it.
  size_t best = 0;
  for (size_t i = 0; i < m.h1s.size(); ++i) {
    std::string h = FoldForMatch(m.h1s[i].second, true);
    if (CountWords(m.h1s[i].second) < kMinAffixWords || h.size() <= best ||
        IsSiteName(m.h1s[i].second, sites))
      continue;
    for (const std::string& t : titles) {
      std::string f = FoldForMatch(t, true);
      if (f.rfind(h, 0) == 0 ||
          (f.size() >= h.size() && f.compare(f.size() - h.size(), h.size(), h) == 0)) {
        *h1_index = static_cast<int>(i);
        best = h.size();
      }
    }
  }
  if (*h1_index >= 0) return Collapse(m.h1s[*h1_index].second);
  // An <h1> that holds og:title and more: a kicker or a subtitle around the
  // headline ("Local News | Brothel catering ... in Boston", "Nach
  // Corona-Lockerungen Autohäuser rechnen ..."); og:title is the headline.
  // Not a short title that a portlet's <h1> "quy hoạch - kế hoạch" holds.
  if (!stripped.empty() && CountWords(stripped[0]) >= kMinAffixWords) {
    const std::string og = FoldForMatch(stripped[0], true);
    for (size_t i = 0; i < m.h1s.size(); ++i)
      if (!og.empty() &&
          FoldForMatch(m.h1s[i].second, true).find(og) != std::string::npos) {
        *h1_index = static_cast<int>(i);
        return stripped[0];
      }
  }
  double most = 0;
  for (size_t i = 0; i < m.h1s.size() && !stripped.empty(); ++i) {
    size_t shared = 0;
    const double held = WordsHeld(stripped[0], m.h1s[i].second, &shared);
    if (held >= kMinHeldWords && shared >= kMinAffixWords && held > most &&
        !IsSiteName(m.h1s[i].second, sites)) {
      most = held;
      *h1_index = static_cast<int>(i);
    }
  }
  if (*h1_index >= 0) return Collapse(m.h1s[*h1_index].second);
  if (!stripped.empty()) return stripped[0];
  return std::string(h1);
}

// The first of `values` that reads as a date, as ParseDateValue gives it.
std::string FirstDate(std::initializer_list<std::string_view> values) {
  for (std::string_view v : values)
    if (std::string iso = ParseDateValue(v); !iso.empty()) return iso;
  return "";
}

// Meta names of the original publication (htmldate's list, less the
// modification), in order of trust.
constexpr const char* kPublishedMeta[] = {"article:published_time",
                                          "og:published_time",
                                          "og:article:published_time",
                                          "article:published",
                                          "article.published",
                                          "article_date_original",
                                          "pubdate",
                                          "publishdate",
                                          "publish_date",
                                          "publish-date",
                                          "published-date",
                                          "published_time",
                                          "published_at",
                                          "publication_date",
                                          "datepublished",
                                          "date_published",
                                          "dc.date.issued",
                                          "dcterms.issued",
                                          "dc.date.publication",
                                          "dc.date.created",
                                          "dc.created",
                                          "dcterms.created",
                                          "sailthru.date",
                                          "parsely-pub-date",
                                          "prism.publicationdate",
                                          "citation_publication_date",
                                          "citation_date",
                                          "originalpublicationdate",
                                          "rnews:datepublished",
                                          "bt:pubdate",
                                          "displaydate",
                                          "shareaholic:article_published_time",
                                          "cxenseparse:recs:publishtime",
                                          "twt-published-at",
                                          "datecreated",
                                          "date_created",
                                          "created",
                                          "itemprop:created",
                                          "uploaddate",
                                          "release_date",
                                          "video:release_date",
                                          "timestamp"};

// Meta names a page may give its last change under (Typo3 writes "date"
// and "DC.date" on each edit): after the dateline by the headline.
constexpr const char* kUndatedMeta[] = {"dc.date", "dcterms.date", "dc:date", "date"};

// The date of a dateline: a short text ("Berlin, 28.10.2021, 058/21"), not
// a sentence of the article ("Mit der am 15. Januar 2022 in Kraft
// getretenen Verordnung ...") that follows the headline.
std::string DatelineOf(std::string_view text) {
  if (CountWords(text) > kMaxDatelineWords) return "";
  std::string iso = FindDateline(text);
  return iso.empty() ? FindShortYearDate(text) : iso;
}

// Meta names of the last change, for pages that give no other date.
constexpr const char* kModifiedMeta[] = {"article:modified_time",
                                         "og:updated_time",
                                         "datemodified",
                                         "dateupdate",
                                         "dc.date.modified",
                                         "dcterms.modified",
                                         "modified_time",
                                         "last-modified",
                                         "lastmod"};

// Words that label a date as the last change's, folded as FoldForMatch
// gives them.
constexpr std::string_view kUpdateLabels[] = {
    "mis a jour",  "aktualisiert", "updated",    "last modified", "geandert",
    "actualizado", "aggiornato",   "atualizado", "bijgewerkt",    "cap nhat"};

bool IsUpdateLine(std::string_view text) {
  const std::string folded = " " + FoldForMatch(text);
  for (std::string_view label : kUpdateLabels)
    if (folded.find(" " + std::string(label)) != std::string::npos) return true;
  return false;
}

// A written dateline at or right after text node `at`, then just before it;
// with `any_text`, a date in a sentence too (teasers' summaries, which tell
// a listing by their dates).
std::string DatelineNear(const PageMeta& m, size_t at, size_t after, size_t before,
                         bool any_text = false) {
  // A line saying the last change ("Article mis à jour le 7 janvier
  // 2020") only when no other is near.
  std::string updated;
  auto date_of = [&](std::string_view t) {
    std::string iso = any_text ? FindDateline(t) : DatelineOf(t);
    if (!iso.empty() && IsUpdateLine(t)) {
      if (updated.empty()) updated = iso;
      return std::string();
    }
    return iso;
  };
  std::string iso;
  for (size_t i = at; i < m.texts.size() && i <= at + after; ++i)
    if (!(iso = date_of(m.texts[i])).empty()) return iso;
  for (size_t i = at; before > 0 && i > 0 && i + before >= at; --i)
    if (!(iso = date_of(m.texts[i - 1])).empty()) return iso;
  return updated;
}

// Words that label a date as the publication's ("Veröffentlicht am
// 16.08.2019", "Publié le 29 juin 2019", "Posted on March 3, 2020"), folded
// as FoldForMatch gives them.
constexpr std::string_view kPublishedLabels[] = {
    "veroffentlicht", "erschienen am",  "publiziert am", "published",
    "posted on",      "publie le",      "publicado el",  "publicado em",
    "pubblicato il",  "gepubliceerd op"};

// The date a short text labels as the publication's, in that text or the
// next one ("Erschienen am:" <b>01.11.2023</b>); the first such in the
// page, "" if none. A "Letzte Änderung: 31.10.2023" beside it is not one.
std::string LabeledDate(const PageMeta& m) {
  for (size_t i = 0; i < m.texts.size(); ++i) {
    if (CountWords(m.texts[i]) > kMaxDatelineWords) continue;
    const std::string folded = " " + FoldForMatch(m.texts[i]);
    bool labeled = false;  // at a word's start: not "ePublished"
    for (std::string_view label : kPublishedLabels)
      labeled = labeled || folded.find(" " + std::string(label)) != std::string::npos;
    if (!labeled) continue;
    std::string iso = DatelineOf(m.texts[i]);
    if (iso.empty() && i + 1 < m.texts.size()) iso = DatelineOf(m.texts[i + 1]);
    if (!iso.empty()) return iso;
  }
  return "";
}

// The text position of the headline when no <h1> is it: the first <h1>,
// <h2> or <h3> of at least kMinAffixWords words that the title holds or
// that holds the title as its greater part ("Neu - Japanisches Mini-SUV ..." and <h1>
// "Japanisches Mini-SUV ..."); kNoHeadline if none.
size_t HeadlineAt(const PageMeta& m, std::string_view title) {
  const std::string t = FoldForMatch(title, true);
  if (CountWords(title) < kMinAffixWords) return kNoHeadline;
  for (const auto* heads : {&m.h1s, &m.subheads}) {
    for (const auto& [pos, text] : *heads) {
      if (CountWords(text) < kMinAffixWords) continue;
      std::string h = FoldForMatch(text, true);
      // A short title inside a long heading is a tag page's name in a teaser.
      if (t.find(h) != std::string::npos ||
          (2 * t.size() >= h.size() && h.find(t) != std::string::npos))
        return pos;
    }
  }
  return kNoHeadline;
}

// The date written in an element named for it: the first such after the
// headline; on a page without one, only if every such element gives the
// same day (teasers' dates differ: a listing's).
std::string DateBoxDate(const PageMeta& m, size_t headline) {
  std::string first;
  for (size_t at : m.date_boxes) {
    if (headline != kNoHeadline && at + kDatelineBefore < headline) continue;
    std::string iso = DatelineNear(m, at, kDateBoxTexts, 0, headline == kNoHeadline);
    if (iso.empty()) continue;
    if (headline != kNoHeadline) return iso;
    if (first.empty()) first = iso;
    if (iso.compare(0, 10, first, 0, 10) != 0) return "";
  }
  return first;
}

// A licence or copyright line ("License number: 71/GP-CBC, Ministry of
// ... September 22, 2021", "© 2019"): its date is no publication's.
bool IsLicence(std::string_view text) {
  if (text.find("©") != std::string_view::npos) return true;
  const std::string folded = FoldForMatch(text);
  for (std::string_view w : {"license", "licence", "giay phep", "copyright", "lizenz",
                             "all rights", "alle rechte"})
    if (folded.find(w) != std::string::npos) return true;
  return false;
}

// The last resort: a date written anywhere in the page's text after the
// headline (the article's own, as "Am 4. Februar 2022 erscheint ...");
// never one before it (a site clock) nor a copyright year (no day). A page
// without a headline only when it writes the same day twice and no other.
std::string TextDate(const PageMeta& m, size_t headline) {
  std::string first;
  const size_t from = headline != kNoHeadline ? headline : 0;
  size_t seen = 0;
  // The first date is a line of its own: the date alone ("01.11.2023 11:35",
  // "am 20.06.2018"), or under the page's text (a post's signature "Benni /
  // 10. September 2017", a wiki's "last edited ... by"); not a teaser's
  // "Bài viết 16/09/2013" over its summary.
  bool dateline = false, after_text = false;
  for (size_t i = from; i < m.texts.size() && seen < kMaxTextDates; ++i) {
    std::string iso = FindDateline(m.texts[i]);
    if (iso.empty()) {
      after_text = after_text || CountWords(m.texts[i]) > kMaxDatelineWords;
      continue;
    }
    if (headline != kNoHeadline) return iso;
    ++seen;
    if (first.empty()) {
      first = iso;
      dateline = (after_text || CountLetterWords(m.texts[i]) <= 1) &&
                 !DatelineOf(m.texts[i]).empty() && !IsLicence(m.texts[i]) &&
                 (i == 0 || !IsLicence(m.texts[i - 1]));
    }
    if (iso.compare(0, 10, first, 0, 10) != 0) return "";
  }
  return seen >= 2 || dateline ? first : "";
}

// In htmldate's order of trust: a full date in the URL (the day the site
// filed it under, in its own zone), JSON-LD and <meta> of the original
// publication, <time> marked published or beside the headline, the dateline
// under the headline, an element named for the date, any <time>; and only
// then the modification date.
std::string PickPublished(const PageMeta& m, size_t headline, std::string_view url) {
  std::string_view raw = m.json_ld_published;
  std::string iso = ParseDateValue(raw);
  for (const char* key : kPublishedMeta) {
    if (!iso.empty()) break;
    if (const std::string* v = m.Get(key)) iso = ParseDateValue(raw = *v);
  }
  // The URL's day is the site's own; a time stamp in UTC may be the next
  // or the day before, one with the page's offset is the day itself.
  if (std::string day = DateFromUrl(url); !day.empty() && !HasLocalOffset(raw))
    return day;
  if (!iso.empty()) {
    std::vector<std::string> others = {m.itemprop_published, m.json_ld_created};
    for (const auto& t : m.times) others.push_back(t.second);
    std::string local = LocalDayOf(raw, others);
    // A UTC stamp near midnight: the day the page shows by its headline is
    // the local one ("2021-11-04T23:00Z" under "05.11.2021").
    if (local.empty() && IsUtcStamp(raw) && headline != kNoHeadline) {
      std::string shown = DatelineNear(m, headline, kShownAfter, kDatelineBefore);
      if (DaysApart(shown, iso) == 1) local = shown.substr(0, 10);
    }
    return local.empty() ? iso : local;
  }
  iso = FirstDate({m.itemprop_published, m.json_ld_created});
  if (!iso.empty()) return iso;
  // The first <time> of `times` beside the headline: a related list's far
  // below it (la-bas.org: a teaser's <time pubdate>) is not the page's.
  auto time_beside = [&](const std::vector<std::pair<size_t, std::string>>& times) {
    std::string day;
    for (const auto& [pos, datetime] : times)
      if (headline != kNoHeadline && pos >= headline &&
          pos <= headline + kDatelineAfter && !(day = ParseDateValue(datetime)).empty())
        break;
    return day;
  };
  if (!(iso = time_beside(m.published_times)).empty()) return iso;
  if (!(iso = LabeledDate(m)).empty()) return iso;
  if (!(iso = time_beside(m.times)).empty()) return iso;
  for (size_t i = 0; i < m.published_times.size() && iso.empty(); ++i)
    iso = ParseDateValue(m.published_times[i].second);
  if (!iso.empty()) return iso;
  // Beside the headline, a written dateline. Far from it lie the site
  // clock, related lists and the licence footer.
  if (headline != kNoHeadline &&
      !(iso = DatelineNear(m, headline, kDatelineAfter, kDatelineBefore)).empty())
    return iso;
  for (const char* key : kUndatedMeta)
    if (const std::string* v = m.Get(key); v && !(iso = ParseDateValue(*v)).empty())
      return iso;
  if (!(iso = DateBoxDate(m, headline)).empty()) return iso;
  if (!m.times.empty()) iso = ParseDateValue(m.times[0].second);
  // A web app's own data ("publishedAt" in <script type="application/json">),
  // before a date merely written in the text.
  if (iso.empty()) iso = ParseDateValue(m.app_json_published);
  if (iso.empty()) iso = TextDate(m, headline);
  // Only the last change: better than none (a wiki's, a shop's page).
  if (iso.empty()) iso = ParseDateValue(m.json_ld_modified);
  for (const char* key : kModifiedMeta) {
    if (!iso.empty()) break;
    if (const std::string* v = m.Get(key)) iso = ParseDateValue(*v);
  }
  for (const auto& [at, title] : m.modified_boxes) {
    if (!iso.empty()) break;
    iso = ParseDateValue(title);
    if (iso.empty()) iso = DatelineNear(m, at, 1, 0);
  }
  return iso;
}

// Strips "By", "Von", "Tin, ảnh:", "Theo" ... from a byline and, if `cut`,
// what follows the name ("John Walk - January 10, 2020"). "Von" (German
// "by") is for the htmlbench set's German pages (see IsCaptionName).
std::string_view StripByline(std::string_view s, bool cut) {
  for (std::string_view p :
       {"Tin, ảnh:", "Tin và ảnh:", "Bài, ảnh:", "Bài và ảnh:", "Bài:", "Tin:", "Theo ",
        "By ", "by ", "Von ", "von ", "Por ", "por ", "Par ", "par ",
        "Author:", "Autor:", "Tác giả:"}) {
    if (s.substr(0, p.size()) == p) {
      s.remove_prefix(p.size());
      break;
    }
  }
  // "|" with any space ("Adolfo López |\u00a0El Sol de México").
  for (std::string_view stop : {" - ", "|", " – ", ",", " on "})
    if (cut) s = s.substr(0, s.find(stop));
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '.')) s.remove_suffix(1);
  return s;
}

// The first candidate that reads as a person: JSON-LD author, meta author
// tags, itemprop=author, byline elements, then a short last paragraph of the
// article ("Lê Tuyết", "Tin, ảnh: Minh Anh"), as Vietnamese sites sign.
std::string PickAuthor(const PageMeta& m, const std::vector<Block>& blocks,
                       const std::vector<std::string>& sites) {
  std::vector<std::string_view> candidates(m.json_ld_authors.begin(),
                                           m.json_ld_authors.end());
  for (const char* key : {"author", "article:author", "dc.creator", "parsely-author",
                          "sailthru.author", "byl", "cxenseparse:author"})
    if (const std::string* v = m.Get(key)) candidates.push_back(*v);
  candidates.push_back(m.itemprop_author);
  candidates.insert(candidates.end(), m.bylines.begin(), m.bylines.end());
  for (std::string_view c : candidates) {
    // "Par&nbsp;Matthieu Hy": a no-break space is a space here.
    std::string spaced(c);
    for (size_t i = 0; (i = spaced.find("\xc2\xa0", i)) != std::string::npos;)
      spaced.replace(i, 2, " ");
    std::string_view name = StripByline(spaced, /*cut=*/true);
    if (LooksLikePersonName(name, sites)) return std::string(name);
  }
  // The article's signature: the whole paragraph is the name; a footnote
  // "Clemens Pasda, Stichel, in ..." is not.
  int tail = 0;
  for (auto b = blocks.rbegin(); b != blocks.rend() && tail < 2; ++b) {
    if (b->kind == "caption") continue;
    ++tail;
    std::string_view name = StripByline(b->text, /*cut=*/false);
    if (LooksLikePersonName(name, sites)) return std::string(name);
  }
  return "";
}

}  // namespace

void ReadPageMeta(const GumboNode* root, std::string_view h1, CleanResult* out) {
  PageMeta meta;
  ScanPage(root, &meta);
  const std::string* og_url = meta.Get("og:url");
  out->url = !meta.canonical.empty() ? meta.canonical : og_url ? *og_url : "";
  std::string_view absolute =
      out->url.find("://") != std::string::npos || og_url == nullptr ? out->url : *og_url;
  const std::vector<std::string> sites = SiteNames(meta, absolute);
  int h1_index = -1;
  out->title = PickTitle(meta, h1, sites, &h1_index);
  const size_t headline =
      h1_index >= 0 ? meta.h1s[h1_index].first : HeadlineAt(meta, out->title);
  out->published = PickPublished(meta, headline, absolute);
  out->author = PickAuthor(meta, out->blocks, sites);
  if (const std::string* site = meta.Get("og:site_name")) out->site = *site;
  out->lang = meta.lang;
}

}  // namespace vnreform
