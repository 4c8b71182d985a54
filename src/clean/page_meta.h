// Internal to the clean stage: a page's metadata (title, publication date,
// author, site, canonical URL, language), read from gumbo's parsed tree.
// Kept apart from gumbo_clean.cc's main-text extraction so each can change
// on its own. gumbo.h stays out of headers: GumboNode is only forward-
// declared here; gumbo_clean.cc and page_meta.cc are the files including it.
// Thread-safe: no shared mutable state.
#ifndef VNREFORM_CLEAN_PAGE_META_H_
#define VNREFORM_CLEAN_PAGE_META_H_

#include <string_view>

#include "clean/clean.h"

struct GumboInternalNode;  // gumbo.h: typedef struct GumboInternalNode GumboNode

namespace vnreform {

// Fills out->title, published, author, site, url and lang from the page whose
// parsed root element is `root`. `h1` is the text of the title heading the
// main-text extraction chose ("" if none); out->blocks may already hold the
// main text. Leaves a field "" when the page does not say.
void ReadPageMeta(const GumboInternalNode* root, std::string_view h1, CleanResult* out);

}  // namespace vnreform

#endif  // VNREFORM_CLEAN_PAGE_META_H_
