// robots.txt (RFC 9309): the group for our agent, else "*"; Allow and
// Disallow with `*` and `$`, longest match wins; Crawl-delay. Pure string
// code; the crawler fetches and caches the file. Tested by tests/fetch_test.cc.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/strings.h"
#include "fetch/fetch.h"

namespace vnreform {
namespace {

std::string Trim(const std::string& s) { return TrimSpace(s); }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether `pattern` (with `*` wildcards and an optional final `$`) matches
// a prefix of `path` (or all of it with `$`).
bool Matches(const std::string& pattern, size_t pi, const std::string& path, size_t si) {
  for (; pi < pattern.size(); ++pi, ++si) {
    const char c = pattern[pi];
    if (c == '*') {
      for (size_t k = si; k <= path.size(); ++k)
        if (Matches(pattern, pi + 1, path, k)) return true;
      return false;
    }
    if (c == '$' && pi + 1 == pattern.size()) return si == path.size();
    if (si >= path.size() || path[si] != c) return false;
  }
  return true;
}

}  // namespace

Robots Robots::DisallowAll() {
  Robots r;
  r.rules_.push_back({false, "/"});
  return r;
}

Robots Robots::Parse(const std::string& body, const std::string& agent) {
  // Groups: consecutive user-agent lines, then their rules.
  struct Group {
    std::vector<std::string> agents;
    Robots robots;
  };
  std::vector<Group> groups;
  bool in_agents = false;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string::npos) nl = body.size();
    std::string line = body.substr(pos, nl - pos);
    pos = nl + 1;
    line = Trim(line.substr(0, line.find('#')));
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = Lower(Trim(line.substr(0, colon)));
    const std::string value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents || groups.empty()) groups.emplace_back();
      groups.back().agents.push_back(Lower(value));
      in_agents = true;
      continue;
    }
    if (groups.empty()) continue;
    in_agents = false;
    Robots& r = groups.back().robots;
    if (key == "allow" || key == "disallow") {
      if (!value.empty()) r.rules_.push_back({key == "allow", value});
    } else if (key == "crawl-delay") {
      r.crawl_delay_ = std::max(0.0, std::strtod(value.c_str(), nullptr));
    }
  }
  const std::string me = Lower(agent);
  const Group* star = nullptr;
  for (const Group& g : groups) {
    for (const std::string& a : g.agents) {
      if (!me.empty() && a == me) return g.robots;
      if (a == "*" && !star) star = &g;
    }
  }
  return star ? star->robots : Robots();
}

bool Robots::Allowed(const std::string& path_query) const {
  if (path_query == "/robots.txt") return true;
  int best = -1;
  bool allow = true;
  for (const Rule& r : rules_) {
    const int len = static_cast<int>(r.pattern.size());
    if (len < best || !Matches(r.pattern, 0, path_query, 0)) continue;
    if (len > best || r.allow) allow = r.allow;
    best = len;
  }
  return allow;
}

}  // namespace vnreform
