// Internal to the clean stage: gumbo's API and small helpers over its tree,
// shared by gumbo_clean.cc and page_meta.cc, which walk the tree. The only
// file that includes gumbo.h (scripts/check_includes).
#ifndef VNREFORM_CLEAN_GUMBO_TREE_H_
#define VNREFORM_CLEAN_GUMBO_TREE_H_

#include <gumbo.h>

#include <string_view>
#include <vector>

namespace vnreform {
namespace gumbo_tree {

inline bool IsElement(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}
inline bool IsText(const GumboNode* n) {
  return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
         n->type == GUMBO_NODE_CDATA;
}
inline GumboTag TagOf(const GumboNode* n) {
  return IsElement(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
}
inline const GumboNode* Child(const GumboNode* n, unsigned i) {
  return static_cast<const GumboNode*>(n->v.element.children.data[i]);
}
inline std::string_view Attr(const GumboNode* n, const char* name) {
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

}  // namespace gumbo_tree
}  // namespace vnreform

#endif  // VNREFORM_CLEAN_GUMBO_TREE_H_
