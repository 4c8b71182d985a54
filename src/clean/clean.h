// The clean stage: HTML bytes -> the visible main text of the page, one block
// (heading, paragraph, list item, table row, caption) a line, plus metadata.
// Wraps gumbo-parser; <gumbo.h> is included only by gumbo_clean.cc (main
// text), page_meta.cc (metadata) and their internal gumbo_tree.h.
// Thread-safe: no shared state; each call builds and frees its own tree.
#ifndef VNREFORM_CLEAN_CLEAN_H_
#define VNREFORM_CLEAN_CLEAN_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace vnreform {

struct CleanOptions {
  // Drop blocks whose text is mostly link text (menus, "Tin liên quan").
  // Default: true.
  bool drop_link_blocks = true;
};

struct Block {
  std::string kind;  // "heading", "paragraph", "list", "table_row", "caption"
  std::string text;
  // A heading right over a photo (a how-to's step, a gallery's picture): it
  // titles the photo, whatever text follows.
  bool over_photo = false;
};

// Metadata and text read from one page.
struct CleanResult {
  // "article", or "listing" for a home/section page of teasers. A listing
  // keeps the blocks that stood out (a teaser, a summary): `clean` shows
  // them, so a page taken for a listing by mistake is not left empty, and
  // Clean() stores none of it.
  std::string kind = "article";
  std::string title;      // og:title, else the first <h1>, else <title>
  std::string published;  // ISO 8601 from meta/JSON-LD/<time>, "" if none
  std::string author;
  std::string site;     // og:site_name
  std::string url;      // canonical / og:url
  std::string lang;     // <html lang>
  std::string charset;  // set by the caller that decoded the bytes (normalize/decode.h)
  std::vector<Block> blocks;
  // The blocks' texts joined with '\n': the article text the later stages
  // read. Short figure captions and credits ("Ảnh: TTXVN") are left out
  // unless `captions`: they label or credit a photo. A caption of a
  // sentence or more (80 bytes) stays: a photo story's text is in them.
  std::string Text(bool captions = false) const;
};

// Parses `html` (UTF-8) and extracts the main text and metadata.
// Never fails on malformed HTML (gumbo recovers); returns a non-OK status only
// for input it cannot take at all (e.g. larger than gumbo's 4 GiB limit).
Status CleanHtml(const CleanOptions& options, std::string_view html, CleanResult* out);

// The stage as the pipeline calls it: reads doc->body (HTML), sets doc->text,
// doc->author / doc->site / doc->language, and doc->title / doc->published /
// doc->url where the input had none.
Status Clean(const CleanOptions& options, Document* doc);

// For benchmarks: parses `html` with gumbo and frees the tree; returns the
// number of nodes, so the work cannot be optimised away.
size_t GumboParseOnly(std::string_view html);

}  // namespace vnreform

#endif  // VNREFORM_CLEAN_CLEAN_H_
