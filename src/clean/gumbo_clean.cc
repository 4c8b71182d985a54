// The clean stage over gumbo-parser: strips invisible bytes, parses the page,
// has page_meta.cc read its metadata, cuts the visible text into
// blocks and keeps the main content: an <article>-like container, else the
// densest text region (a short extraction gives way to a wider container
// holding twice the text: WiderText). Boilerplate elements (nav, header, footer, aside,
// form; menu/share/comment/related-named) count only below the chosen container: a page
// wrapper named "for_sidebar" or a <header> left open does not drop the article. A page
// of headlines around little prose is a listing. Tested by tests/clean_test.cc.

#include <bitset>
#include <climits>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "clean/clean.h"
#include "clean/gumbo_tree.h"
#include "clean/html_text.h"
#include "clean/page_meta.h"

namespace vnreform {
namespace {

// Deeper elements are ignored: bounds the recursive walk's stack on hostile
// input (real pages stay far below this).
constexpr int kMaxDepth = 400;
// A content container (<article>, "detail-content") is trusted only when it
// holds at least this many bytes of non-link text.
constexpr size_t kMinCandidateText = 200;
// Blocks with fewer non-link bytes do not vote in the density score.
constexpr size_t kMinScoredBlock = 25;
// A link-heavy block this long is kept anyway (a paragraph full of links).
constexpr size_t kLongBlock = 200;
// Where the blocks between the title <h1> and the content container look
// like a teaser list, at most this many of them are kept (the lead, byline,
// date); otherwise all (a recipe's ingredients above its steps).
constexpr int kMaxLeadBlocks = 6;
// How much more a region inside a boilerplate-named element must score to be
// taken as the main content.
constexpr double kBoilerplatePenalty = 3;
// Listing pages: at least kListingHeadlines link blocks of kHeadlineLink
// bytes, and under kListingProse bytes of kProseBlock-byte blocks kept.
constexpr size_t kListingHeadlines = 15, kHeadlineLink = 25;
constexpr size_t kListingProse = 800, kProseBlock = 80;
// Nor when the kept blocks make kListingMaxLines lines or kListingMaxText
// bytes of text with fewer than one headline link per
// kListingLinesPerHeadline lines.
constexpr size_t kListingMaxLines = 12, kListingMaxText = 1500,
                 kListingLinesPerHeadline = 4;
// Widen stops at a parent that adds more than 1/kMaxWidenLinks link text
// or kMaxWidenHeadlines headline links (a teaser list), unless it also adds
// kProsePerHeadline bytes of prose for each (a long guide's "see also" lines).
constexpr size_t kMaxWidenLinks = 4, kMaxWidenHeadlines = 3, kProsePerHeadline = 500;
// A parent failing that but adding at most kMaxWidenAside bytes and no
// links (a step's label, a date) is looked past: a higher ancestor may
// still qualify, judged on what both add.
constexpr size_t kMaxWidenAside = 200;
// A heading, or another line, at most this long may introduce a dropped
// section (IntroducesDropped).
constexpr size_t kMaxIntroHeading = 100, kMaxIntroLine = 50;
// How deep below a heading's next siblings PhotoFollows looks for a photo.
constexpr int kMaxPhotoDepth = 4;
// A heading shorter than this ("Home", "Blog") is not taken for the
// article's title because the page's <title> holds it.
constexpr size_t kMinTitleHeading = 10, kMinTitleWords = 3;
// An extraction under kShortText bytes of article text is compared with a
// wider one (WiderText), taken when it gives kWiderGain times the text.
constexpr size_t kShortText = 1000, kWiderGain = 2;
// A table row with links keeps its place when 1/kMinRowText of its text
// or more is not a link (IsLinkedDataRow).
constexpr size_t kMinRowText = 5;

// kGumboDefaultOptions minus the recording of parse errors: we never read
// them, and gumbo copies its open-element stack into each one, so a page of
// many unclosed elements costs memory and time quadratic in their number.
const GumboOptions& ParseOptions() {
  static const GumboOptions options = [] {
    GumboOptions o = kGumboDefaultOptions;
    o.max_errors = 0;
    return o;
  }();
  return options;
}

struct OutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&ParseOptions(), output);
  }
};
using OutputPtr = std::unique_ptr<GumboOutput, OutputDeleter>;

OutputPtr Parse(std::string_view html) {
  const char* data = html.empty() ? "" : html.data();
  return OutputPtr(gumbo_parse_with_options(&ParseOptions(), data, html.size()));
}

// ---- gumbo helpers (gumbo_tree.h) -----------------------------------------

using gumbo_tree::Attr;
using gumbo_tree::Child;
using gumbo_tree::ForEachNode;
using gumbo_tree::IsElement;
using gumbo_tree::IsText;
using gumbo_tree::TagOf;

bool IsInside(const GumboNode* n, const GumboNode* ancestor) {
  for (; n != nullptr; n = n->parent)
    if (n == ancestor) return true;
  return false;
}

// ---- element vocabulary -----------------------------------------------------

using TagSet = std::bitset<GUMBO_TAG_LAST + 1>;

TagSet MakeTagSet(std::initializer_list<GumboTag> tags) {
  TagSet set;
  for (GumboTag t : tags) set.set(t);
  return set;
}

// Never text. <form> is not here: ASP.NET sites wrap the whole page in one;
// nor <noscript>, which is walked as boilerplate (see BlockWalker::Skip).
// <rt> and <rp> are ruby readings, set above the text they gloss.
const TagSet& SkippedTags() {
  static const TagSet set = MakeTagSet(
      {GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE,  GUMBO_TAG_TEMPLATE, GUMBO_TAG_SVG,
       GUMBO_TAG_MATH,   GUMBO_TAG_IFRAME, GUMBO_TAG_OBJECT,   GUMBO_TAG_EMBED,
       GUMBO_TAG_CANVAS, GUMBO_TAG_HEAD,   GUMBO_TAG_TITLE,    GUMBO_TAG_BUTTON,
       GUMBO_TAG_SELECT, GUMBO_TAG_INPUT,  GUMBO_TAG_TEXTAREA, GUMBO_TAG_AUDIO,
       GUMBO_TAG_VIDEO,  GUMBO_TAG_MAP,    GUMBO_TAG_FRAMESET, GUMBO_TAG_RT,
       GUMBO_TAG_RP});
  return set;
}

// Boilerplate containers, but walked: malformed pages leave a <header> open
// around the whole page, and ASP.NET sites wrap it in one <form>.
const TagSet& BoilerplateTags() {
  static const TagSet set =
      MakeTagSet({GUMBO_TAG_NAV, GUMBO_TAG_ASIDE, GUMBO_TAG_MENU, GUMBO_TAG_FORM,
                  GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER});
  return set;
}

// Concatenated into the surrounding block. Unknown (custom) tags too.
const TagSet& InlineTags() {
  static const TagSet set =
      MakeTagSet({GUMBO_TAG_A,     GUMBO_TAG_ABBR, GUMBO_TAG_ACRONYM, GUMBO_TAG_B,
                  GUMBO_TAG_BDI,   GUMBO_TAG_BDO,  GUMBO_TAG_BIG,     GUMBO_TAG_CITE,
                  GUMBO_TAG_CODE,  GUMBO_TAG_DATA, GUMBO_TAG_DEL,     GUMBO_TAG_DFN,
                  GUMBO_TAG_EM,    GUMBO_TAG_FONT, GUMBO_TAG_I,       GUMBO_TAG_IMG,
                  GUMBO_TAG_INS,   GUMBO_TAG_KBD,  GUMBO_TAG_LABEL,   GUMBO_TAG_MARK,
                  GUMBO_TAG_NOBR,  GUMBO_TAG_Q,    GUMBO_TAG_S,       GUMBO_TAG_SAMP,
                  GUMBO_TAG_SMALL, GUMBO_TAG_SPAN, GUMBO_TAG_STRIKE,  GUMBO_TAG_STRONG,
                  GUMBO_TAG_SUB,   GUMBO_TAG_SUP,  GUMBO_TAG_TIME,    GUMBO_TAG_TT,
                  GUMBO_TAG_U,     GUMBO_TAG_VAR,  GUMBO_TAG_WBR,     GUMBO_TAG_RUBY,
                  GUMBO_TAG_RB,    GUMBO_TAG_RTC,  GUMBO_TAG_UNKNOWN});
  return set;
}

// In a <tr>, any of these means page layout rather than a data row.
const TagSet& LayoutTags() {
  static const TagSet set =
      MakeTagSet({GUMBO_TAG_TABLE, GUMBO_TAG_UL, GUMBO_TAG_OL, GUMBO_TAG_H1, GUMBO_TAG_H2,
                  GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_ARTICLE, GUMBO_TAG_SECTION});
  return set;
}

// What the id/class/itemprop of an element say about it.
enum class Naming { kPlain, kBoilerplate, kContent, kBoth };

// True if `s` holds only spaces: "&nbsp;" paragraphs used as spacers.
bool IsBlank(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "\xc2\xa0") == 0) {
      ++i;
    } else if (!IsSpace(s[i])) {
      return false;
    }
  }
  return true;
}

// Appends the lower-cased ASCII letters and digits of the text below `n`
// to *out, up to `max` of them.
void AppendAlnum(const GumboNode* n, size_t max, std::string* out) {
  if (IsText(n)) {
    for (char c : std::string_view(n->v.text.text))
      if (out->size() < max &&
          ((c >= '0' && c <= '9') || (Lower(c) >= 'a' && Lower(c) <= 'z')))
        out->push_back(Lower(c));
    return;
  }
  if (!IsElement(n)) return;
  for (unsigned i = 0; i < n->v.element.children.length && out->size() < max; ++i)
    AppendAlnum(Child(n, i), max, out);
}

bool IsHeadingTag(GumboTag tag) { return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6; }

// True if `id` is the slug of the heading that `n` is or opens, of at least
// kMinSlugWords words: "sharing-with-a-single-developer" over "Sharing with
// a single developer" (docutils, wikis and CMSs name sections after their
// headings). Such an id says what the section is about, not what part of
// the page it is: its words are not read as boilerplate names.
bool IsHeadingSlug(const GumboNode* n, std::string_view id) {
  constexpr size_t kMinSlugWords = 3;
  size_t words = 1;
  for (char c : id) words += c == '-' || c == '_' || c == ' ';
  if (words < kMinSlugWords) return false;
  const GumboNode* heading = IsHeadingTag(TagOf(n)) ? n : nullptr;
  for (unsigned i = 0; heading == nullptr && i < n->v.element.children.length; ++i) {
    const GumboNode* c = Child(n, i);
    if (IsText(c)) {
      if (!IsBlank(c->v.text.text)) return false;
    } else if (IsElement(c)) {
      if (!IsHeadingTag(TagOf(c))) return false;
      heading = c;
    }
  }
  if (heading == nullptr) return false;
  std::string slug, text;
  for (char c : id)
    if ((c >= '0' && c <= '9') || (Lower(c) >= 'a' && Lower(c) <= 'z'))
      slug.push_back(Lower(c));
  AppendAlnum(heading, slug.size() + 1, &text);
  return !slug.empty() && slug == text;
}

// IsContentName and IsBoilerplateName of a lower-cased "id class" string,
// remembered: a page repeats its class names on every item of a list and
// every page of a site, and each test looks for a hundred words in them.
// Per thread; forgotten when kMaxNameMemo strings are held.
std::pair<bool, bool> NameVerdict(const std::string& names) {
  constexpr size_t kMaxNameMemo = 8192;
  thread_local std::unordered_map<std::string, std::pair<bool, bool>> memo;
  if (auto it = memo.find(names); it != memo.end()) return it->second;
  if (memo.size() >= kMaxNameMemo) memo.clear();
  const std::pair<bool, bool> verdict(IsContentName(names), IsBoilerplateName(names));
  memo.emplace(names, verdict);
  return verdict;
}

Naming JudgeNames(const GumboNode* n, std::string* scratch) {
  bool body_prop = EqualsIgnoreCase(Attr(n, "itemprop"), "articleBody");
  std::string_view id = Attr(n, "id"), cls = Attr(n, "class");
  if (!id.empty() && IsHeadingSlug(n, id)) id = {};
  scratch->clear();
  if (id.empty() && cls.empty()) return body_prop ? Naming::kContent : Naming::kPlain;
  AppendLower(id, scratch);
  scratch->push_back(' ');
  AppendLower(cls, scratch);
  const auto [content_name, boilerplate] = NameVerdict(*scratch);
  const bool content = body_prop || content_name;
  if (content) return boilerplate ? Naming::kBoth : Naming::kContent;
  return boilerplate ? Naming::kBoilerplate : Naming::kPlain;
}

// True if the inline style declares `decl` ("display:none"), spaces ignored.
bool HasCss(std::string_view style, std::string_view decl) {
  std::string flat;
  for (char c : style)
    if (!IsSpace(c)) flat.push_back(Lower(c));
  return flat.find(decl) != std::string::npos;
}

bool IsHidden(const GumboNode* n) {
  if (gumbo_get_attribute(&n->v.element.attributes, "hidden") != nullptr) return true;
  std::string_view style = Attr(n, "style");
  return !style.empty() &&
         (HasCss(style, "display:none") || HasCss(style, "visibility:hidden"));
}

// ---- content candidates -----------------------------------------------------

// Content-named elements and <article>s, in document order. (The page's
// metadata is read by page_meta.cc.)
std::vector<const GumboNode*> FindCandidates(const GumboNode* root) {
  std::vector<const GumboNode*> candidates;
  std::string scratch;
  ForEachNode(root, [&](const GumboNode* n) {
    if (!IsElement(n)) return false;
    GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_TITLE || tag == GUMBO_TAG_META || tag == GUMBO_TAG_LINK ||
        tag == GUMBO_TAG_SCRIPT)
      return false;
    // Their class is page-wide ("hentry" on a post page's <body>).
    if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY) return true;
    Naming naming = JudgeNames(n, &scratch);
    if (naming == Naming::kContent ||
        (naming == Naming::kPlain && tag == GUMBO_TAG_ARTICLE))
      candidates.push_back(n);
    return true;
  });
  return candidates;
}

// ---- block extraction -------------------------------------------------------

enum class Kind { kParagraph, kHeading, kList, kTableRow, kCaption };

const char* KindName(Kind k) {
  static const char* const kNames[] = {"paragraph", "heading", "list", "table_row",
                                       "caption"};
  return kNames[static_cast<int>(k)];
}

// The kind of the text a block element holds itself. Plain containers (p,
// div) inherit a list item's, caption's or heading's kind. Text in a
// <figure> is its caption or credit, as is a caption-named heading.
Kind BlockKind(GumboTag tag, Kind parent, bool caption_class) {
  if (tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION ||
      tag == GUMBO_TAG_FIGURE || caption_class)
    return Kind::kCaption;
  if (tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6) return Kind::kHeading;
  if (tag == GUMBO_TAG_LI) return Kind::kList;
  if (tag == GUMBO_TAG_DT || tag == GUMBO_TAG_DD || parent == Kind::kTableRow)
    return Kind::kParagraph;
  return parent;
}

// A <tr> is a data row ("a | b | c") unless its cells hold page layout:
// text inside nested tables, lists or headings, or in more than three
// paragraphs/divs. (Text-less nested tables, e.g. sparkline charts, are fine.)
bool IsDataRow(const GumboNode* tr) {
  int blocks = 0;
  const GumboNode* last_block = nullptr;
  bool layout = false;
  ForEachNode(tr, [&](const GumboNode* n) {
    if (n->type != GUMBO_NODE_TEXT || layout) return !layout;
    const GumboNode* block = nullptr;
    for (const GumboNode* p = n->parent; p != tr && !layout; p = p->parent) {
      layout = LayoutTags()[TagOf(p)];
      GumboTag tag = TagOf(p);
      if (!block && (tag == GUMBO_TAG_P || tag == GUMBO_TAG_DIV)) block = p;
    }
    if (block != nullptr && block != last_block) ++blocks, last_block = block;
    layout = layout || blocks > 3;
    return !layout;
  });
  return !layout;
}

using NodeSet = std::unordered_set<const GumboNode*>;

struct RawBlock {
  Kind kind;
  std::string text;
  size_t link_bytes;
  const GumboNode* owner;  // the block element whose own text this is
};

// True if the <a> is a link: not an anchor without href, nor a link to a
// place in the page ("#section-2": a table of contents, a footnote mark),
// which readability discounts too. A bare "#" or a "javascript:" handle
// stays one: those are buttons (share, print, "more").
bool IsLink(const GumboNode* a) {
  std::string_view href = Attr(a, "href");
  while (!href.empty() && IsSpace(href.front())) href.remove_prefix(1);
  return href.empty() || href.front() != '#' || href.size() == 1;
}

// ARIA roles of page parts that are not the text: menus, navigation,
// complementary boxes, alerts and dialogs (those readability drops too).
bool IsBoilerplateRole(std::string_view role) {
  constexpr std::string_view kRoles[] = {
      "menu", "menubar", "navigation", "complementary", "alert", "alertdialog", "dialog"};
  for (std::string_view r : kRoles)
    if (EqualsIgnoreCase(role, r)) return true;
  return false;
}

// Walks the body once and cuts its visible text into blocks.
class BlockWalker {
 public:
  explicit BlockWalker(const GumboNode* body) : owner_(body) {}

  std::vector<RawBlock> Run(const GumboNode* body) {
    WalkChildren(body, 0);
    Flush();
    return std::move(blocks_);
  }
  // Elements named like boilerplate ("sidebar", "comments"), aria-hidden
  // or with a boilerplate role (IsBoilerplateRole).
  // Their text is walked but only kept when the main content lies inside
  // them: a wrapper "for_sidebar" may hold the article.
  NodeSet TakeBoilerplate() { return std::move(boilerplate_); }

 private:
  bool Skip(const GumboNode* n);
  void WalkChildren(const GumboNode* n, int depth);
  void WalkElement(const GumboNode* n, int depth);
  void WalkBlock(const GumboNode* n, int depth, bool caption_class);
  void WalkRow(const GumboNode* tr, int depth);
  void AppendText(std::string_view s);
  void Break();
  void Flush();

  NodeSet boilerplate_;
  std::string buf_, names_, decoded_;
  size_t link_bytes_ = 0;
  bool pending_space_ = false, pending_cell_ = false;
  bool at_tag_ = false;  // an inline tag opened or closed since the last text
  int link_depth_ = 0, landmark_depth_ = 0, pre_depth_ = 0, row_depth_ = 0;
  Kind kind_ = Kind::kParagraph;
  const GumboNode* owner_;
  std::vector<RawBlock> blocks_;
};

bool BlockWalker::Skip(const GumboNode* n) {
  GumboTag tag = n->v.element.tag;
  if (SkippedTags()[tag] || IsHidden(n)) return true;
  Naming naming = JudgeNames(n, &names_);  // names_ also serves WalkElement
  // Many Vietnamese sites put the title <h1> in the <article>'s <header>.
  bool landmark_part =
      (tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER) && landmark_depth_ > 0;
  // A <cite class="citation"> is an entry of a list of references (a
  // wiki's), not a "citation" box telling how to cite the page.
  const bool reference =
      tag == GUMBO_TAG_CITE && names_.find("citation") != std::string::npos;
  bool named = (naming == Naming::kBoilerplate && !reference) ||
               EqualsIgnoreCase(Attr(n, "aria-hidden"), "true") ||
               IsBoilerplateRole(Attr(n, "role"));
  // Inline text joins its block's, so an inline element can only be dropped.
  if (named && InlineTags()[tag]) return true;
  // <noscript> holds "enable JavaScript" notices, but on some pages the
  // article itself (or the whole body, after a stray unclosed tag in it).
  if ((BoilerplateTags()[tag] && !landmark_part) || tag == GUMBO_TAG_NOSCRIPT ||
      (named && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_MAIN))
    boilerplate_.insert(n);
  return false;
}

void BlockWalker::WalkChildren(const GumboNode* n, int depth) {
  for (unsigned i = 0; i < n->v.element.children.length; ++i) {
    const GumboNode* c = Child(n, i);
    if (IsText(c)) {
      std::string_view text = c->v.text.text;
      AppendText(DecodeEscapedTwice(text, &decoded_) ? decoded_ : text);
    } else if (c->type == GUMBO_NODE_ELEMENT && depth < kMaxDepth) {
      WalkElement(c, depth + 1);
    }
  }
}

void BlockWalker::WalkElement(const GumboNode* n, int depth) {
  names_.clear();
  if (Skip(n)) return;
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_BR) {
    Break();
  } else if (InlineTags()[tag]) {
    const bool link = tag == GUMBO_TAG_A && IsLink(n);
    link_depth_ += link;
    at_tag_ = true;
    WalkChildren(n, depth);
    at_tag_ = true;
    link_depth_ -= link;
  } else if (tag == GUMBO_TAG_TR && row_depth_ == 0 && IsDataRow(n)) {
    WalkRow(n, depth);
  } else {
    WalkBlock(n, depth, IsCaptionName(names_));
  }
}

void BlockWalker::WalkBlock(const GumboNode* n, int depth, bool caption_class) {
  if (row_depth_ > 0) {  // inside a data cell blocks only separate words
    Break();
    WalkChildren(n, depth);
    Break();
    return;
  }
  Flush();
  const Kind saved_kind = kind_;
  const GumboNode* saved_owner = owner_;
  GumboTag tag = n->v.element.tag;
  kind_ = BlockKind(tag, kind_, caption_class);
  owner_ = n;
  int landmark = tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN;
  landmark_depth_ += landmark;
  pre_depth_ += tag == GUMBO_TAG_PRE;
  WalkChildren(n, depth);
  Flush();
  landmark_depth_ -= landmark;
  pre_depth_ -= tag == GUMBO_TAG_PRE;
  kind_ = saved_kind;
  owner_ = saved_owner;
}

void BlockWalker::WalkRow(const GumboNode* tr, int depth) {
  Flush();
  const Kind saved_kind = kind_;
  const GumboNode* saved_owner = owner_;
  kind_ = Kind::kTableRow;
  owner_ = tr;
  ++row_depth_;
  for (unsigned i = 0; i < tr->v.element.children.length; ++i) {
    const GumboNode* cell = Child(tr, i);
    if (!IsElement(cell) || Skip(cell)) continue;
    pending_cell_ = true;
    WalkChildren(cell, depth + 1);
  }
  --row_depth_;
  Flush();
  kind_ = saved_kind;
  owner_ = saved_owner;
}

void BlockWalker::AppendText(std::string_view s) {
  for (size_t nl; pre_depth_ > 0 && row_depth_ == 0 &&
                  (nl = s.find('\n')) != std::string_view::npos;) {
    AppendText(s.substr(0, nl));  // <pre>: one block a line
    Flush();
    s.remove_prefix(nl + 1);
  }
  size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  if (i == s.size()) {
    pending_space_ = pending_space_ || !buf_.empty();
    return;
  }
  if (pending_cell_ && !buf_.empty()) {
    buf_.append(" | ");
    pending_space_ = false;
  }
  pending_cell_ = false;
  pending_space_ = pending_space_ || (i > 0 && !buf_.empty()) ||
                   (at_tag_ && pre_depth_ == 0 && NeedsSpaceAtTag(buf_, s));
  at_tag_ = false;
  size_t added = AppendCollapsed(s.substr(i), &buf_, &pending_space_);
  if (link_depth_ > 0) link_bytes_ += added;
}

void BlockWalker::Break() {
  if (row_depth_ == 0) {
    Flush();
  } else {
    pending_space_ = pending_space_ || !buf_.empty();
  }
}

void BlockWalker::Flush() {
  pending_space_ = pending_cell_ = false;
  if (IsBlank(buf_)) {
    buf_.clear();
    link_bytes_ = 0;
    return;
  }
  blocks_.push_back(RawBlock{kind_, std::move(buf_), link_bytes_, owner_});
  buf_.clear();
  buf_.reserve(256);
  link_bytes_ = 0;
}

// A dateline is a line of at most kMaxDateline bytes among the first
// kMaxDatelineBlock blocks (see DropDateline), not a sentence of more than
// kMaxDatelineWords words.
constexpr size_t kMaxDateline = 80, kMaxDatelineBlock = 6, kMaxDatelineWords = 6;

// Site notices (DropSiteNotices): among the last kNoticeBlocks blocks, at
// most kMaxNotice bytes long.
constexpr size_t kNoticeBlocks = 4, kMaxNotice = 400;
// The article ends with its last paragraph, list item or table row of this
// many bytes (DropTailHeadings).
constexpr size_t kProseTail = 100;

// ---- main content choice ----------------------------------------------------

// A boilerplate-named element counts against a node only when it lies below
// it: for the node itself and its ancestors' point of view differ.
// True if no element of `bp` lies on the path from `n` up to `top`, `top`
// excluded. REQUIRES: top is n or an ancestor of n.
bool CleanPath(const GumboNode* n, const GumboNode* top, const NodeSet& bp) {
  for (; n != top && n != nullptr; n = n->parent)
    if (bp.count(n)) return false;
  return true;
}

// Mostly link text, and short: a menu entry or a headline, not text.
bool IsLinkBlock(const RawBlock& b) {
  return b.text.size() <= kLongBlock && b.link_bytes * 2 > b.text.size();
}

// A sentence or more of running text: a paragraph or list item, not a
// heading, a caption, a table row of figures or a link.
bool IsProse(const RawBlock& b) {
  return (b.kind == Kind::kParagraph || b.kind == Kind::kList) &&
         b.text.size() >= kProseBlock && b.link_bytes * 4 < b.text.size();
}

// True if a kept block reads as the article's text (CleanResult::Text):
// all but captions; of those, a sentence-long one that is not a credit
// line is (a gallery's or a photo story's text is often set as captions).
bool IsArticleText(const Block& b) {
  return b.kind != "caption" ||
         (b.text.size() >= kProseBlock && !IsCreditLine(b.text) && !EndsInCredit(b.text));
}

struct NodeStats {
  size_t text = 0, link = 0;  // bytes of the blocks below, bar boilerplate
  size_t prose = 0;           // bytes of those that are prose (IsProse)
  size_t headlines = 0;       // how many of them are headline links
  double score = 0;           // readability-style votes of nearby paragraphs
  size_t Own() const { return text - link; }
};
using StatsMap = std::unordered_map<const GumboNode*, NodeStats>;

// Each block adds its non-link length to its parent's score and half of it
// to its grandparent's (as readability does with <p>s). A node counts only
// the blocks not hidden from it by a boilerplate element in between.
// A heading in a list item titles a teaser card ("<li><h3>Title</h3><p>
// Summary. Read more...</p></li>"): it counts as a headline, as a
// headline link does, though the card's link is elsewhere.
bool IsCardHeading(const RawBlock& b) {
  if (b.kind != Kind::kHeading || b.text.size() < kHeadlineLink) return false;
  const GumboNode* n = b.owner->parent;
  for (int up = 0; up < 2 && n != nullptr; ++up, n = n->parent)
    if (TagOf(n) == GUMBO_TAG_LI) return true;
  return false;
}

StatsMap ComputeStats(const std::vector<RawBlock>& blocks, const NodeSet& bp) {
  StatsMap stats;
  for (const RawBlock& b : blocks) {
    const GumboNode* n = b.owner;
    const size_t prose = IsProse(b) ? b.text.size() : 0;
    const bool headline =
        (IsLinkBlock(b) && b.text.size() >= kHeadlineLink) || IsCardHeading(b);
    for (bool clean = true; n != nullptr && clean; n = n->parent) {
      stats[n].text += b.text.size();
      stats[n].link += b.link_bytes;
      stats[n].prose += prose;
      stats[n].headlines += headline;
      clean = bp.count(n) == 0;
    }
    size_t own = b.text.size() - b.link_bytes;
    const GumboNode* parent = b.owner->parent;
    if (b.kind == Kind::kHeading || own < kMinScoredBlock || !parent) continue;
    if (bp.count(b.owner)) continue;
    stats[parent].score += static_cast<double>(own);
    if (parent->parent && !bp.count(parent))
      stats[parent->parent].score += static_cast<double>(own) / 2;
  }
  return stats;
}

// The candidate with the most non-link text, unless that is short or an
// unrelated candidate comes close (a listing page of <article> cards).
const GumboNode* BestCandidate(const std::vector<const GumboNode*>& candidates,
                               const StatsMap& stats) {
  auto own = [&](const GumboNode* n) {
    auto it = stats.find(n);
    return it == stats.end() ? size_t{0} : it->second.Own();
  };
  const GumboNode* best = nullptr;
  for (const GumboNode* c : candidates)
    if (best == nullptr || own(c) > own(best)) best = c;
  if (best == nullptr || own(best) < kMinCandidateText) return nullptr;
  for (const GumboNode* c : candidates) {
    bool related = IsInside(c, best) || IsInside(best, c);
    if (!related && own(c) * 2 > own(best)) return nullptr;
  }
  return best;
}

// The highest-scoring parent or grandparent of a block, its score scaled by
// (1 - link density); one inside a boilerplate element (comments, a
// sidebar) must score kBoilerplatePenalty times more to win. Only blocks'
// parents and grandparents have scores; visiting them in block order (not
// the map's) makes ties resolve the same way on every run.
const GumboNode* DensestNode(const std::vector<RawBlock>& blocks, const StatsMap& stats,
                             const NodeSet& bp) {
  const GumboNode* best = nullptr;
  double best_score = 0;
  for (const RawBlock& b : blocks) {
    const GumboNode* n = b.owner->parent;
    for (int up = 0; up < 2 && n != nullptr; ++up, n = n->parent) {
      auto it = stats.find(n);
      if (it == stats.end() || it->second.text == 0) continue;
      const NodeStats& s = it->second;
      double score = s.score * static_cast<double>(s.Own()) / static_cast<double>(s.text);
      if (score > best_score && !CleanPath(n, nullptr, bp)) score /= kBoilerplatePenalty;
      if (score > best_score) best = n, best_score = score;
    }
  }
  return best;
}

// The main content is often cut into sibling sections (a guide's frames,
// a recipe's accordions, one <article> a paragraph): from the chosen node,
// goes up while what the parent adds is mostly prose and few links. A
// parent that adds a menu, a teaser list or a footer stops it.
// It never takes in `apart` (the box NearTitle moved away from).
const GumboNode* Widen(const GumboNode* node, const StatsMap& stats, const NodeSet& bp,
                       const GumboNode* apart = nullptr) {
  auto get = [&](const GumboNode* n) {
    auto it = stats.find(n);
    return it == stats.end() ? NodeStats() : it->second;
  };
  for (const GumboNode* p = node->parent; p != nullptr; p = p->parent) {
    GumboTag tag = TagOf(p);
    if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || bp.count(p) ||
        (apart != nullptr && IsInside(apart, p)))
      break;
    const NodeStats inner = get(node), outer = get(p);
    const size_t text = outer.text - inner.text, link = outer.link - inner.link;
    const size_t prose = outer.prose - inner.prose;
    const size_t headlines = outer.headlines - inner.headlines;
    const bool teasers =
        headlines >= kMaxWidenHeadlines && headlines * kProsePerHeadline > prose;
    if (text > 0 && (prose * 2 < text || link * kMaxWidenLinks > text || teasers)) {
      // A wrapper that adds only a label or a date: look past it.
      if (text <= kMaxWidenAside && link == 0) continue;
      break;
    }
    node = p;
  }
  return node;
}

// The index of the page's title <h1>: the first inside the container, else
// the longest; -1 if none.
int TitleHeading(const std::vector<RawBlock>& blocks, const GumboNode* container) {
  int longest = -1;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (TagOf(blocks[i].owner) != GUMBO_TAG_H1) continue;
    if (IsInside(blocks[i].owner, container)) return static_cast<int>(i);
    if (longest < 0 || blocks[i].text.size() > blocks[longest].text.size())
      longest = static_cast<int>(i);
  }
  return longest;
}

// `s` lower-cased into *out, a no-break space read as a space: a heading
// keeps a widow off its last line with one ("From Worst To&nbsp;Worst-Est")
// where the page's <title> has a plain space.
void AppendTitleKey(std::string_view s, std::string* out) {
  for (size_t at; (at = s.find("\xc2\xa0")) != std::string_view::npos;
       s.remove_prefix(at + 2)) {
    AppendLower(s.substr(0, at), out);
    out->push_back(' ');
  }
  AppendLower(s, out);
}

// The text of the page's <title>, lower-cased, whitespace collapsed.
std::string PageTitle(const GumboNode* root) {
  std::string title;
  ForEachNode(root, [&](const GumboNode* n) {
    if (!title.empty() || !IsElement(n)) return false;
    GumboTag tag = n->v.element.tag;
    if (tag != GUMBO_TAG_TITLE) return tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_HEAD;
    for (unsigned i = 0; i < n->v.element.children.length; ++i)
      if (IsText(Child(n, i))) AppendTitleKey(Child(n, i)->v.text.text, &title);
    return false;
  });
  return Collapse(title);
}

// The heading that titles the article: the longest <h1>-<h3> (of at least
// kMinTitleHeading bytes) before the container's first long block (a date
// line may open the container, above the post's <h2>), whose text the page's <title>
// holds ("Post title | Blog name"); a blog's name in an <h1> above the post loses to the
// post's <h2>. Else TitleHeading's. Sets *titled when the heading found names the
// article: <title> holds it and it has kMinTitleWords words, more than a site's or a
// section's name.
int ArticleHeading(const std::vector<RawBlock>& blocks, const GumboNode* container,
                   std::string_view page_title, bool* titled) {
  int best = -1;
  std::string lower;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const bool inside = IsInside(blocks[i].owner, container);
    const GumboTag tag = TagOf(blocks[i].owner);
    if (tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H3 &&
        blocks[i].text.size() >= kMinTitleHeading &&
        (best < 0 || blocks[i].text.size() > blocks[best].text.size())) {
      lower.clear();
      AppendTitleKey(blocks[i].text, &lower);
      if (page_title.find(lower) != std::string_view::npos) best = static_cast<int>(i);
    }
    // Up to the container's first long block (a date line may come first).
    if (inside && best >= 0 && blocks[i].text.size() >= kProseBlock) break;
  }
  size_t words = 0;
  for (size_t i = 0; best >= 0 && i < blocks[best].text.size(); ++i)
    words += i == 0 || blocks[best].text[i - 1] == ' ';
  *titled = words >= kMinTitleWords;
  return best >= 0 ? best : TitleHeading(blocks, container);
}

// The heading the page's <title> names (the longest <h1>-<h3> of at least
// kMinTitleHeading bytes and kMinTitleWords words whose text the <title>
// holds), outside boilerplate elements; -1 if none.
int TitledHeading(const std::vector<RawBlock>& blocks, std::string_view page_title,
                  const NodeSet& bp) {
  int best = -1;
  std::string lower;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const RawBlock& b = blocks[i];
    const GumboTag tag = TagOf(b.owner);
    if (tag < GUMBO_TAG_H1 || tag > GUMBO_TAG_H3 || b.text.size() < kMinTitleHeading ||
        (best >= 0 && b.text.size() <= blocks[best].text.size()))
      continue;
    size_t words = 1;
    for (char c : b.text) words += c == ' ';
    if (words < kMinTitleWords || !CleanPath(b.owner, nullptr, bp)) continue;
    lower.clear();
    AppendTitleKey(b.text, &lower);
    if (page_title.find(lower) != std::string_view::npos) best = static_cast<int>(i);
  }
  return best;
}

// The page's meta description (name="description", else og:description),
// lower-cased, whitespace collapsed, a trailing ellipsis cut off.
std::string PageDescription(const GumboNode* root) {
  std::string plain, og;
  ForEachNode(root, [&](const GumboNode* n) {
    if (!IsElement(n)) return false;
    GumboTag tag = n->v.element.tag;
    if (tag != GUMBO_TAG_META) return tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_HEAD;
    std::string* into = EqualsIgnoreCase(Attr(n, "name"), "description") ? &plain
                        : EqualsIgnoreCase(Attr(n, "property"), "og:description")
                            ? &og
                            : nullptr;
    if (into != nullptr && into->empty()) AppendLower(Attr(n, "content"), into);
    return false;
  });
  std::string d = Collapse(plain.empty() ? og : plain);
  for (std::string_view dots : {"...", "\xe2\x80\xa6"})
    if (d.size() >= dots.size() &&
        d.compare(d.size() - dots.size(), dots.size(), dots) == 0)
      d.resize(d.size() - dots.size());
  while (!d.empty() && IsSpace(d.back())) d.pop_back();
  return d;
}

// The first block, outside boilerplate elements, that the page's meta
// description repeats: the description (at least kProseBlock bytes) begins
// the text of the block and those after it with the same owner (lines cut
// by <br>). A blog's short post often is that one paragraph under a photo.
// -1 if none.
int DescribedBlock(const std::vector<RawBlock>& blocks, std::string_view description,
                   const NodeSet& bp) {
  if (description.size() < kProseBlock) return -1;
  std::string joined;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0 && blocks[i - 1].owner == blocks[i].owner) continue;
    joined.clear();
    for (size_t j = i; j < blocks.size() && blocks[j].owner == blocks[i].owner &&
                       joined.size() < description.size();
         ++j) {
      if (!joined.empty()) joined.push_back(' ');
      AppendLower(blocks[j].text, &joined);
    }
    if (joined.compare(0, description.size(), description) == 0 &&
        CleanPath(blocks[i].owner, nullptr, bp))
      return static_cast<int>(i);
  }
  return -1;
}

const GumboNode* CommonAncestor(const GumboNode* a, const GumboNode* b) {
  for (; a != nullptr; a = a->parent)
    if (IsInside(b, a)) return a;
  return nullptr;
}

// A short post beside a longer box (an "about" or profile box, a
// featured teaser) loses the density vote on length alone, but the page's
// Whether block `b` lies apart from the densest node: outside it, and before
// it or in another column of the body (their common ancestor, set in
// *common, is <body> or <html>). False for no block (b < 0).
bool ApartFromDensest(const std::vector<RawBlock>& blocks, int b,
                      const GumboNode* densest, const GumboNode** common) {
  if (b < 0 || IsInside(blocks[b].owner, densest)) return false;
  *common = CommonAncestor(blocks[b].owner, densest);
  size_t first = 0;  // the densest node's first block
  while (first < blocks.size() && !IsInside(blocks[first].owner, densest)) ++first;
  const GumboTag top = TagOf(*common);
  return top == GUMBO_TAG_BODY || top == GUMBO_TAG_HTML ||
         first <= static_cast<size_t>(b);
}

// <title> names the post's heading (TitledHeading). When the densest node
// lies apart from that heading (before it, or in another column of the
// body), the text around the heading is the article: the nearest ancestor
// of the heading holding a scored block more, if its text is at least
// 1/kTitledShare of the densest node's, or whatever its length when the
// densest node lies in a boilerplate element (a sidebar's long "About me"
// box beside a post of a few short lines).
const GumboNode* NearTitle(const std::vector<RawBlock>& blocks, int titled,
                           const GumboNode* densest, const StatsMap& stats,
                           const NodeSet& bp) {
  constexpr size_t kTitledShare = 4;
  const GumboNode* common = nullptr;
  if (!ApartFromDensest(blocks, titled, densest, &common)) return densest;
  auto own = [&](const GumboNode* n) {
    auto it = stats.find(n);
    return it == stats.end() ? size_t{0} : it->second.Own();
  };
  const size_t heading = blocks[titled].text.size() - blocks[titled].link_bytes;
  for (const GumboNode* n = blocks[titled].owner->parent; n != nullptr && n != common;
       n = n->parent) {
    if (bp.count(n)) return densest;
    if (own(n) < heading + kMinScoredBlock) continue;
    return own(n) * kTitledShare >= own(densest) || !CleanPath(densest, nullptr, bp)
               ? n
               : densest;
  }
  return densest;
}

// Like NearTitle, for the block the meta description repeats
// (DescribedBlock): when the densest node lies apart from it (before it, or
// in another column of the body), the article is the innermost content
// candidate holding it ("entry-content" too short for BestCandidate: a
// photo post's one paragraph beside a longer disclaimer or "about" box).
// The description names the page's own text, so no share of the densest
// node's text is asked for; a lead above the body (the densest node after
// it in the same column) or a block in no candidate leaves the densest node.
const GumboNode* NearDescribed(const std::vector<RawBlock>& blocks, int described,
                               const GumboNode* densest,
                               const std::vector<const GumboNode*>& candidates) {
  const GumboNode* common = nullptr;
  if (!ApartFromDensest(blocks, described, densest, &common)) return densest;
  const GumboNode* inner = nullptr;  // the innermost candidate holding it
  for (const GumboNode* c : candidates)
    if (IsInside(blocks[described].owner, c) && (inner == nullptr || IsInside(c, inner)))
      inner = c;
  return inner != nullptr && !IsInside(densest, inner) ? inner : densest;
}

// Which blocks to keep: the container's, plus the title <h1> and what lies
// between it and the container in the same column (lead, byline, date);
// never those under a boilerplate element inside the container or column.
std::vector<bool> ChooseBlocks(const std::vector<RawBlock>& blocks,
                               const GumboNode* container, int title, const NodeSet& bp) {
  std::vector<bool> keep(blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i)
    keep[i] =
        IsInside(blocks[i].owner, container) && CleanPath(blocks[i].owner, container, bp);
  if (title < 0 || keep[title]) return keep;
  keep[title] = true;
  const GumboNode* column = CommonAncestor(blocks[title].owner, container);
  if (TagOf(column) == GUMBO_TAG_BODY || TagOf(column) == GUMBO_TAG_HTML) return keep;
  int end = title + 1;  // the container's first block
  while (end < static_cast<int>(blocks.size()) && !keep[end]) ++end;
  if (end == static_cast<int>(blocks.size())) return keep;  // title after it
  // All of them, unless headline links with little prose make them a
  // teaser list (a section page's): then only the first few.
  size_t headlines = 0, prose = 0;
  for (int i = title + 1; i < end; ++i) {
    if (!IsInside(blocks[i].owner, column) || !CleanPath(blocks[i].owner, column, bp))
      continue;
    headlines += IsLinkBlock(blocks[i]) && blocks[i].text.size() >= kHeadlineLink;
    prose += IsProse(blocks[i]) ? blocks[i].text.size() : 0;
  }
  const bool teasers =
      headlines >= kMaxWidenHeadlines && headlines * kProsePerHeadline > prose;
  const int last = teasers ? title + kMaxLeadBlocks : end;
  for (int i = title + 1; i < end && i <= last; ++i)
    keep[i] = IsInside(blocks[i].owner, column) && CleanPath(blocks[i].owner, column, bp);
  return keep;
}

// True if `n` is or holds an image or a video, not inside a link (a
// share button's icon, a teaser's thumbnail).
bool HoldsPhoto(const GumboNode* n, int depth) {
  if (!IsElement(n) || depth > kMaxPhotoDepth) return false;
  switch (TagOf(n)) {
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_FIGURE:
      return true;
    case GUMBO_TAG_A:
      return false;
    default:
      break;
  }
  for (unsigned i = 0; i < n->v.element.children.length; ++i)
    if (HoldsPhoto(Child(n, i), depth + 1)) return true;
  return false;
}

// True if an element after `n`, among its siblings, holds a photo: the
// heading `n` titles it (a how-to's last step, a gallery's last picture).
bool PhotoFollows(const GumboNode* n) {
  const GumboNode* parent = n->parent;
  if (parent == nullptr || !IsElement(parent)) return false;
  const GumboVector& siblings = parent->v.element.children;
  for (unsigned i = n->index_within_parent + 1; i < siblings.length; ++i)
    if (HoldsPhoto(static_cast<const GumboNode*>(siblings.data[i]), 0)) return true;
  return false;
}

// A short heading or line ("Related", "Mehr zum Thema", "Tags:") right
// before a dropped block of the container: it introduces a related box, a
// share bar or a "Lesen Sie auch" list set into the text, whatever
// follows that (found by position, no word list: the German examples come
// from htmlbench pages). Last in the container, a heading introduces nothing.
bool IntroducesDropped(const std::vector<RawBlock>& blocks, const std::vector<bool>& keep,
                       const GumboNode* container, size_t i) {
  const RawBlock& b = blocks[i];
  if (b.text.size() > (b.kind == Kind::kHeading ? kMaxIntroHeading : kMaxIntroLine))
    return false;
  // A line that ends a sentence is text ("It's a thing of beauty.", "Let
  // us know what you think!" before a share bar), not an introduction.
  if (b.kind != Kind::kHeading && (b.text.back() == '.' || b.text.back() == '!'))
    return false;
  size_t j = i + 1;
  while (j < blocks.size() && !IsInside(blocks[j].owner, container)) ++j;
  // Last in the container: a heading over nothing, or a related list
  // that follows outside it; not one over a photo.
  if (j == blocks.size()) return b.kind == Kind::kHeading && !PhotoFollows(b.owner);
  return !keep[j];
}

// True inside a <pre>: a line of a listing or a plain-text document
// (an RFC's header of links, a URL in a code sample) is text, linked or not.
bool InPre(const GumboNode* n) {
  for (; n != nullptr; n = n->parent)
    if (TagOf(n) == GUMBO_TAG_PRE) return true;
  return false;
}

// A data row whose cells are not all links ("Capital | Wellington",
// "Official languages | English") is a fact of a table or an infobox, not
// a menu; a row of links alone ("Previous post | Next post") is one.
bool IsLinkedDataRow(const RawBlock& b) {
  return b.kind == Kind::kTableRow &&
         b.link_bytes * kMinRowText < b.text.size() * (kMinRowText - 1);
}

// A link-heavy block that reads as a sentence keeps its place: it ends in
// a full stop, has kMinSentenceWords words or more, and 1/kMinSentenceText
// of its text or more is not a link ("We released the <a>Cloud TCO
// Calculator for Web Applications</a>." in a week's review). A headline
// link, "Read also: <a>...?</a>" or "Previous post" ends otherwise. So
// does a list item, but one with that much text besides its link is an
// entry of a reading list ("<a>“Title”</a> by Jane Doe and John Roe"), not
// a menu's or a teaser list's.
bool IsLinkedSentence(const RawBlock& b) {
  constexpr size_t kMinSentenceWords = 6, kMinSentenceText = 4;
  std::string_view t = b.text;
  while (!t.empty() &&
         (t.back() == ' ' || t.back() == '"' || t.back() == ')' || t.back() == '\''))
    t.remove_suffix(1);
  if (t.empty() || (t.back() != '.' && b.kind != Kind::kList)) return false;
  size_t words = 1;
  for (char c : t) words += c == ' ';
  return words >= kMinSentenceWords &&
         (b.text.size() - b.link_bytes) * kMinSentenceText >= b.text.size();
}

// A teaser card set in the article's box (a "Recently published" list):
// a list item titled by a heading that is a headline link. Its summary,
// byline and date go with the dropped link.
void DropTeaserCards(const std::vector<RawBlock>& blocks, int title,
                     std::vector<bool>* keep) {
  constexpr int kCardDepth = 4;  // how far above a block its card's <li> may be
  NodeSet cards;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].kind != Kind::kHeading || !IsLinkBlock(blocks[i]) ||
        static_cast<int>(i) == title)
      continue;
    const GumboNode* n = blocks[i].owner->parent;
    for (int up = 0; up < 2 && n != nullptr; ++up, n = n->parent)
      if (TagOf(n) == GUMBO_TAG_LI) {
        cards.insert(n);
        break;
      }
  }
  if (cards.empty()) return;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!(*keep)[i] || static_cast<int>(i) == title) continue;
    const GumboNode* n = blocks[i].owner;
    for (int up = 0; up < kCardDepth && n != nullptr; ++up, n = n->parent)
      if (cards.count(n)) {
        (*keep)[i] = false;
        break;
      }
  }
}

void SelectBlocks(const std::vector<RawBlock>& blocks, const GumboNode* container,
                  std::string_view page_title, const NodeSet& bp, bool drop_links,
                  std::vector<Block>* out, bool* titled) {
  int title = ArticleHeading(blocks, container, page_title, titled);
  std::vector<bool> keep = ChooseBlocks(blocks, container, title, bp);
  for (size_t i = 0; i < blocks.size(); ++i)
    if (keep[i] && drop_links && static_cast<int>(i) != title && IsLinkBlock(blocks[i]) &&
        !InPre(blocks[i].owner) && !IsLinkedDataRow(blocks[i]) &&
        !IsLinkedSentence(blocks[i]))
      keep[i] = false;
  DropTeaserCards(blocks, title, &keep);
  // Above the title <h1>, short lines are a kicker, a section name, a
  // breadcrumb or a dateline, not text; up to the first longer block, for
  // a "title" below text is a heading further down, or in the footer.
  for (int i = title - 1; i >= 0; --i) {
    if (!keep[i]) continue;
    if (blocks[i].text.size() >= kProseBlock) break;
    keep[i] = false;
  }
  // The readers' comments end the article where a container takes them in
  // (a blog's post and its comments share a column): cut at their heading
  // ("12 Comments", "Leave a Reply", "TrackBack"; kept or not) once some
  // text is kept, never above the article's title (a "Post a comment"
  // link up top).
  size_t text_before = 0, end = blocks.size();
  for (size_t i = title < 0 ? 0 : static_cast<size_t>(title) + 1;
       i < blocks.size() && end == blocks.size(); ++i) {
    const RawBlock& b = blocks[i];
    // A dropped heading of the container counts too: an <h2 id="comments">
    // is named as boilerplate, the plain <div>s of comments under it are not.
    if (!keep[i] && (b.kind != Kind::kHeading || !IsInside(b.owner, container))) continue;
    if (text_before >= kProseBlock &&
        (b.kind == Kind::kHeading || b.text.size() <= kMaxIntroLine) &&
        IsCommentsHeading(b.text))
      end = i;
    if (b.kind != Kind::kHeading && keep[i]) text_before += b.text.size();
  }
  // A heading above the first kept text is the article's title or its dek,
  // not the introduction of a dropped box (the byline under it, named
  // "meta", is dropped).
  bool text_seen = false;
  for (size_t i = 0; i < end; ++i) {
    const bool leads = !text_seen && blocks[i].kind == Kind::kHeading;
    if (keep[i] && blocks[i].kind != Kind::kHeading) text_seen = true;
    if (keep[i] && (static_cast<int>(i) == title || leads ||
                    !IntroducesDropped(blocks, keep, container, i)))
      out->push_back(Block{
          KindName(blocks[i].kind == Kind::kParagraph && IsCreditLine(blocks[i].text)
                       ? Kind::kCaption
                       : blocks[i].kind),
          blocks[i].text,
          blocks[i].kind == Kind::kHeading && PhotoFollows(blocks[i].owner)});
  }
}

const GumboNode* FindBody(const GumboNode* root) {
  for (unsigned i = 0; i < root->v.element.children.length; ++i)
    if (TagOf(Child(root, i)) == GUMBO_TAG_BODY) return Child(root, i);
  return root;
}

// A home or section page: many headline links around little prose. Its
// blocks are a teaser or an "about" box, not an article. Pages with a
// publication date are articles however they look, and so is a text of
// many lines or kListingMaxText bytes (a poem, a preformatted RFC) without
// a headline link every few lines (`container_headlines`): a teaser is a
// few short paragraphs, a list of teasers alternates links and summaries.
bool LooksLikeListing(const std::vector<RawBlock>& all, const std::vector<Block>& kept,
                      size_t container_headlines) {
  size_t prose = 0, headlines = 0, body_text = 0, lines = 0, text = 0;
  for (const Block& b : kept) {
    if (b.kind == "heading" || !IsArticleText(b)) continue;
    ++lines;
    text += b.text.size();
    if (b.text.size() >= kProseBlock) prose += b.text.size();
  }
  if ((lines >= kListingMaxLines || text >= kListingMaxText) &&
      container_headlines * kListingLinesPerHeadline < lines)
    return false;
  for (const RawBlock& b : all) {
    body_text += b.text.size() - b.link_bytes;
    headlines += IsLinkBlock(b) && b.text.size() >= kHeadlineLink;
  }
  return headlines >= kListingHeadlines && prose < kListingProse && prose * 8 < body_text;
}

// Bytes of article text (CleanResult::Text's, headings aside) in `blocks`.
size_t ArticleBytes(const std::vector<Block>& blocks) {
  size_t n = 0;
  for (const Block& b : blocks)
    if (b.kind != "heading" && IsArticleText(b)) n += b.text.size();
  return n;
}

// The nearest ancestor of `container` below <body> holding kWiderGain times
// `kept` bytes of non-link text, at most 1/kMaxWidenLinks of it links; none
// past a boilerplate element, a teaser list or `apart` (nullptr then).
const GumboNode* WiderContainer(const GumboNode* container, const StatsMap& stats,
                                const NodeSet& bp, const GumboNode* apart, size_t kept) {
  for (const GumboNode* p = container->parent; p != nullptr; p = p->parent) {
    const GumboTag tag = TagOf(p);
    if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || bp.count(p) ||
        (apart != nullptr && IsInside(apart, p)))
      return nullptr;
    auto it = stats.find(p);
    if (it == stats.end()) continue;
    const NodeStats& s = it->second;
    if (s.headlines >= kMaxWidenHeadlines && s.headlines * kProsePerHeadline > s.prose)
      return nullptr;
    if (s.link * kMaxWidenLinks <= s.text && s.Own() >= kWiderGain * kept) return p;
  }
  return nullptr;
}

// A safety net in the way of trafilatura's comparison with a baseline
// extraction: Widen stops at a parent adding mostly short lines (a product
// page's feature blurbs, a how-to's steps beside its intro), and the text
// kept is then a fraction of the article. When it is short (kShortText),
// the blocks of the wider container (WiderContainer) replace it if they
// give kWiderGain times as much article text. As Widen, it never takes in
// `apart` (the box NearTitle moved away from).
void WiderText(const CleanOptions& options, const std::vector<RawBlock>& blocks,
               const StatsMap& stats, const NodeSet& bp, const GumboNode* apart,
               std::string_view page_title, const GumboNode** container, CleanResult* out,
               bool* titled) {
  const size_t kept = ArticleBytes(out->blocks);
  if (kept >= kShortText) return;
  const GumboNode* wider = WiderContainer(*container, stats, bp, apart, kept);
  if (wider == nullptr) return;
  std::vector<Block> alt;
  bool alt_titled = false;
  SelectBlocks(blocks, wider, page_title, bp, options.drop_link_blocks, &alt,
               &alt_titled);
  if (ArticleBytes(alt) < kWiderGain * kept) return;
  out->blocks = std::move(alt);
  *titled = alt_titled;
  *container = wider;
}

// True if `n` lies in a boilerplate element named for comments ("comment",
// "commentlist", "dsq-comment").
bool InComments(const GumboNode* n, const NodeSet& bp) {
  std::string names;
  for (; n != nullptr; n = n->parent) {
    if (!bp.count(n)) continue;
    names.clear();
    AppendLower(Attr(n, "id"), &names);
    names.push_back(' ');
    AppendLower(Attr(n, "class"), &names);
    if (names.find("comment") != std::string::npos) return true;
  }
  return false;
}

// A photo post or a one-line post has less text than one of its readers'
// comments, which then wins the density vote despite the boilerplate
// penalty. When the densest node lies in the comments (InComments) and the
// heading <title> names (TitledHeading) lies outside it, the article is
// the box holding both, the post's box and its comments (those, named as
// boilerplate, are dropped by ChooseBlocks); if that box is <body>, the
// heading's own branch of it. Else `densest`.
const GumboNode* AboveComments(const std::vector<RawBlock>& blocks, int titled,
                               const GumboNode* densest, const NodeSet& bp) {
  if (titled < 0 || IsInside(blocks[titled].owner, densest) || !InComments(densest, bp))
    return densest;
  const GumboNode* common = CommonAncestor(blocks[titled].owner, densest);
  const GumboTag tag = TagOf(common);
  if (tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML) return common;
  const GumboNode* top = blocks[titled].owner;
  while (top->parent != nullptr && top->parent != common) top = top->parent;
  return top;
}

// Fills out->blocks with the main content; returns the title <h1>'s text.
// Sets *listing when the page looks like a listing (see LooksLikeListing),
// no content container (<article>, "entry-content") stood out and no
// heading that the <title> names leads the text (ArticleHeading: a
// listing's <title> names the site or the section): a short
// post or a recipe next to a long sidebar of headlines is still an article.
std::string ExtractMainText(const CleanOptions& options,
                            const std::vector<const GumboNode*>& candidates,
                            const GumboNode* body, std::string_view page_title,
                            std::string_view description, CleanResult* out,
                            bool* listing) {
  BlockWalker walker(body);
  std::vector<RawBlock> blocks = walker.Run(body);
  if (blocks.empty()) return "";
  const NodeSet bp = walker.TakeBoilerplate();
  StatsMap stats = ComputeStats(blocks, bp);
  const GumboNode* named = BestCandidate(candidates, stats);
  const GumboNode* container = named;
  const GumboNode* densest = nullptr;
  if (container == nullptr) {
    densest = DensestNode(blocks, stats, bp);
    container = densest;
    if (densest != nullptr)
      container =
          NearTitle(blocks, TitledHeading(blocks, page_title, bp), densest, stats, bp);
    if (densest != nullptr && container == densest)
      container = NearDescribed(blocks, DescribedBlock(blocks, description, bp), densest,
                                candidates);
  }
  if (densest != nullptr && container == densest)
    container = AboveComments(blocks, TitledHeading(blocks, page_title, bp), densest, bp);
  const GumboNode* apart = container != densest ? densest : nullptr;
  // A content-named container (BestCandidate: an <article>, "entry-content")
  // is the article as it stands; widening it took in the page wrapper's
  // widgets (a video box's title and blurb beside a review). Only the
  // densest node, which may be one of the article's sections, is widened.
  if (container == nullptr)
    container = body;
  else if (container != named)
    container = Widen(container, stats, bp, apart);
  bool titled = false;
  SelectBlocks(blocks, container, page_title, bp, options.drop_link_blocks, &out->blocks,
               &titled);
  if (out->blocks.empty() && container != body)
    SelectBlocks(blocks, body, page_title, bp, options.drop_link_blocks, &out->blocks,
                 &titled);
  if (container != body)
    WiderText(options, blocks, stats, bp, apart, page_title, &container, out, &titled);
  // Class names can mislead ("page-with-sidebar" on the page wrapper).
  if (out->blocks.empty())
    SelectBlocks(blocks, body, page_title, NodeSet(), options.drop_link_blocks,
                 &out->blocks, &titled);
  // A page whose only text is linked (paragraphs inside one <a>) has that
  // for its text: nothing is not a better answer.
  if (out->blocks.empty())
    SelectBlocks(blocks, body, page_title, NodeSet(), false, &out->blocks, &titled);
  int title = TitleHeading(blocks, container);
  auto in_container = stats.find(container);
  *listing =
      named == nullptr && !titled &&
      LooksLikeListing(blocks, out->blocks,
                       in_container == stats.end() ? 0 : in_container->second.headlines);

  return title < 0 ? "" : blocks[title].text;
}

// The visible dateline ("Thứ năm, 29/02/2024 09:17") once out->published
// holds its date: a short line among the first blocks that gives the
// publication day. A later line with another date is text ("Hạn nộp:
// 15/03/2024").
// True if `text` reads as running text: it ends a sentence and has more
// words than a dateline ("Am 5. November 2021 wird sie 100 Jahre alt.").
bool IsSentences(std::string_view text) {
  size_t words = 1;
  for (char c : text) words += c == ' ';
  return text.back() == '.' && words > kMaxDatelineWords;
}

void DropDateline(CleanResult* out) {
  if (out->published.size() < 10) return;
  const std::string_view day = std::string_view(out->published).substr(0, 10);
  auto& blocks = out->blocks;
  for (size_t i = 0; i < blocks.size() && i < kMaxDatelineBlock; ++i) {
    const std::string& text = blocks[i].text;
    // The body has begun: a date line under it closes the text (a post's
    // signature) and stays.
    if (blocks[i].kind != "heading" && text.size() > kMaxDateline && IsSentences(text))
      break;
    if (blocks[i].kind == "heading" || text.size() > kMaxDateline || IsSentences(text))
      continue;
    if (std::string_view(FindDateline(text)).substr(0, 10) == day) {
      blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

// The page's own notices after the article: copyright lines and calls to
// subscribe, follow or support the site (IsSiteNotice) among the last
// kNoticeBlocks blocks, up to kMaxNotice bytes each.
void DropSiteNotices(std::vector<Block>* blocks) {
  size_t text_blocks = 0;
  for (const Block& b : *blocks)
    text_blocks += b.kind != "caption" && b.kind != "heading";
  size_t seen = 0;
  for (size_t i = blocks->size(); i > 0 && seen < kNoticeBlocks; --i) {
    const Block& b = (*blocks)[i - 1];
    if (b.kind == "caption") continue;
    ++seen;
    // The only text a post has may hold a "©" (its photo's credit).
    const bool text = b.kind != "heading";
    if (b.text.size() <= kMaxNotice && (!text || text_blocks > 1) && IsSiteNotice(b.text))
      text_blocks -= text,
          blocks->erase(blocks->begin() + static_cast<std::ptrdiff_t>(i - 1));
  }
}

// Headings after the article's last paragraph, list item or table row of
// kProseTail bytes or more introduce no text unless a line under them ends a
// sentence (a product page's features, a how-to's last steps) or they
// title a photo (Block::over_photo): a "Mehr zum
// Thema", "Über den Autor", "Vous aimerez aussi" over nothing, over short
// teaser titles or over a box whose links are gone (IntroducesDropped's
// case, the box outside the container).
void DropTailHeadings(std::vector<Block>* blocks) {
  size_t last = blocks->size();
  for (size_t i = blocks->size(); i > 0 && last == blocks->size(); --i) {
    const Block& b = (*blocks)[i - 1];
    if ((b.kind == "paragraph" || b.kind == "list" || b.kind == "table_row") &&
        b.text.size() >= kProseTail)
      last = i - 1;
  }
  if (last == blocks->size()) return;
  for (size_t i = blocks->size() - 1; i > last; --i) {
    if ((*blocks)[i].kind != "heading" || (*blocks)[i].over_photo) continue;
    bool sentence = false;  // a section of short sentences (a product's features)
    for (size_t j = i + 1; j < blocks->size() && (*blocks)[j].kind != "heading"; ++j) {
      const std::string& t = (*blocks)[j].text;
      const char end = t.empty() ? ' ' : t.back();
      sentence = sentence || end == '.' || end == '!' || end == '?';
    }
    if (sentence) continue;
    blocks->erase(blocks->begin() + static_cast<std::ptrdiff_t>(i));
  }
}

}  // namespace

std::string CleanResult::Text(bool captions) const {
  size_t size = 0;
  for (const Block& b : blocks) size += b.text.size() + 1;
  std::string text;
  text.reserve(size);
  for (const Block& b : blocks) {
    if (!captions && !IsArticleText(b)) continue;
    if (!text.empty()) text.push_back('\n');
    text.append(b.text);
  }
  return text;
}

Status CleanHtml(const CleanOptions& options, std::string_view html, CleanResult* out) {
  *out = CleanResult();
  if (html.size() >= UINT_MAX) {
    return Status::InvalidArgument("clean: page of " + std::to_string(html.size()) +
                                   " bytes is over gumbo's 4 GiB limit");
  }
  std::string visible;
  StripInvisible(html, &visible);
  OutputPtr output = Parse(visible);
  if (output == nullptr || output->root == nullptr)
    return Status::Internal("clean: gumbo returned no tree");
  bool listing = false;
  std::string h1 = ExtractMainText(options, FindCandidates(output->root),
                                   FindBody(output->root), PageTitle(output->root),
                                   PageDescription(output->root), out, &listing);
  ReadPageMeta(output->root, h1, out);
  DropDateline(out);
  DropSiteNotices(&out->blocks);
  DropTailHeadings(&out->blocks);
  if (listing && out->published.empty()) out->kind = "listing";
  return Status::Ok();
}

Status Clean(const CleanOptions& options, Document* doc) {
  if (!doc->is_html) {  // .txt inputs: the body already is the text
    doc->text = doc->body;
    return Status::Ok();
  }
  CleanResult result;
  VNREFORM_RETURN_IF_ERROR(CleanHtml(options, doc->body, &result));
  doc->listing = result.kind == "listing";
  if (!doc->listing) doc->text = result.Text();
  if (doc->title.empty()) doc->title = std::move(result.title);
  if (doc->published.empty()) doc->published = std::move(result.published);
  if (doc->url.empty()) doc->url = std::move(result.url);
  doc->author = std::move(result.author);
  doc->site = std::move(result.site);
  doc->language = std::move(result.lang);
  return Status::Ok();
}

size_t GumboParseOnly(std::string_view html) {
  OutputPtr output = Parse(html);
  if (output == nullptr) return 0;
  size_t count = 0;
  ForEachNode(output->document, [&](const GumboNode*) { return ++count > 0; });
  return count;
}

}  // namespace vnreform
