// The rule engine: the rules' RE2 patterns over the normalized text, one pass
// per scan group of rules rather than per rule, with letter classes narrowed
// for Vietnamese text; context guards, field conversion, then overlap
// resolution (higher priority, then the longer anchor, then the earlier start
// wins). The only file that includes RE2. Tested by tests/extract_test.cc and
// tests/rules_test.cc, and fuzzed against one pass per rule (extract_fuzz).

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "extract/extract_internal.h"

namespace vnreform {
namespace {

constexpr size_t kGuardWindow = 64;  // bytes of context a guard sees
// A scan group's union of patterns: its DFA states are cached up to this
// (RE2 splits it between the program and the forward and reverse DFAs).
// Real text stays far below it.
constexpr int64_t kScanGroupMemory = 32 << 20;
// Rules whose (narrowed) program is smaller than this share one scan group.
constexpr int kSmallProgram = 800;
// A rule with `needs` joins its prefix group (BuildLocators) when its
// prefix's program is this many times smaller than its own.
constexpr int kLocateRatio = 4;

struct Compiled {
  std::unique_ptr<RE2> not_before, not_after, only_after;
  // The pattern with \p{L}, \p{Lu} and \p{Ll} narrowed to Vietnamese
  // letters (NarrowLetters), for texts that have no other letter; null when
  // the pattern has none of them.
  std::unique_ptr<RE2> fast;
  // The pattern as written: compiled at load where there is no narrowed one,
  // else when a text first needs it (few texts do, and the exact programs
  // of large patterns are a large part of the start-up).
  struct Exact {
    std::string pattern;
    std::once_flag once;
    std::unique_ptr<RE2> re;
  };
  std::unique_ptr<Exact> exact = std::make_unique<Exact>();
  // The program for a text: `vietnamese`, it has no letter outside them.
  const RE2& Pattern(bool vietnamese) const;
  int anchor_group = 0;  // 0 = the whole match
  // A list rule (Rule::list, Rule::item): the list's group, the item's
  // pattern and, per named group of the item, (its index, the pattern's).
  int list_group = 0;
  std::unique_ptr<RE2> item;
  std::vector<std::pair<int, int>> item_groups;
  // Per field: the group index of each argument (-1: a constant).
  std::vector<std::vector<int>> field_groups;
};

// A rule's own pattern (its exact match, its groups) gets 16 MB for RE2's
// program and DFAs: a rule whose DFA outgrows it is slower (RE2 falls back
// to the NFA), never different, and the rule set's memory stays under
// scripts/memtest's ceiling with many large rules (the officials').
RE2::Options PatternOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(16 << 20);
  return o;
}

std::unique_ptr<RE2> Compile(const std::string& pattern) {
  return std::make_unique<RE2>(pattern, PatternOptions());
}

// The letters of Vietnamese and of ASCII, both cases (186): where a text has
// no other letter, \p{L} and these match the same characters of it, and so do
// \p{Lu} and \p{Ll} with their halves, case-insensitively too, as the set is
// closed under case mapping. RE2 compiles \p{L} to a UTF-8 automaton of
// hundreds of instructions, these to a few dozen: the DFA has smaller states
// and the submatch pass (BitState, whose bitmap is instructions x bytes) has
// less to walk. Checked against RE2's tables by tests/extract_test.cc.
constexpr std::string_view kVnUpper =
    "A-ZÀ-ÃÈ-ÊÌÍÒ-ÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ";
constexpr std::string_view kVnLower =
    "a-zà-ãè-êìíò-õùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
// Both, as the contents of a character class.
std::string VnLetters() { return std::string(kVnUpper) + std::string(kVnLower); }

// Copies pattern `p`, letting `edit` replace pieces of it: at each position
// it gets the rest of the pattern and whether that is inside a character
// class, and returns how many bytes it replaced (having appended their
// replacement to *out), or 0 to copy on. Escapes and classes ("[]...]",
// "[^]...]") are followed, so an edit never starts inside an escape.
template <typename Edit>
std::string EditPattern(const std::string& p, Edit edit) {
  std::string out;
  out.reserve(p.size());
  bool in_class = false;
  for (size_t i = 0; i < p.size();) {
    if (const size_t n = edit(std::string_view(p).substr(i), in_class, &out)) {
      i += n;
      continue;
    }
    const char ch = p[i++];
    out += ch;
    if (ch == '\\' && i < p.size()) {
      out += p[i++];
    } else if (in_class) {
      in_class = ch != ']';
    } else if (ch == '[') {
      in_class = true;
      if (i < p.size() && p[i] == '^') out += p[i++];
      if (i < p.size() && p[i] == ']') out += p[i++];
    }
  }
  return out;
}

// `p` with \p{L}, \p{Lu} and \p{Ll} replaced by the Vietnamese letters (in a
// character class or alone); "" when it has none of them.
std::string NarrowLetters(const std::string& p) {
  bool changed = false;
  const std::string letters = VnLetters();
  std::string out =
      EditPattern(p, [&](std::string_view rest, bool in_class, std::string* o) {
        for (auto [name, set] :
             {std::pair<std::string_view, std::string_view>{"\\p{L}", letters},
              {"\\p{Lu}", kVnUpper},
              {"\\p{Ll}", kVnLower}}) {
          if (!rest.starts_with(name)) continue;
          changed = true;
          *o += in_class ? std::string(set) : "[" + std::string(set) + "]";
          return name.size();
        }
        return size_t{0};
      });
  return changed ? out : "";
}

// Where a rule's pattern names a group, "(?P<x>" becomes "(": a scan
// group's union may not repeat a name.
std::string StripGroupNames(const std::string& p) {
  return EditPattern(p, [](std::string_view rest, bool in_class, std::string* o) {
    if (in_class || !rest.starts_with("(?P<")) return size_t{0};
    const size_t close = rest.find('>');
    if (close == std::string_view::npos) return size_t{0};
    *o += '(';
    return close + 1;
  });
}

// A scan group finds every position where one of its rules' matches starts,
// in one pass over the text instead of one pass per rule: `any`, the union of
// the patterns, gives the leftmost start at or after a position; `at`, a set
// of the same patterns anchored at the start, says which of them may match
// there. Both hold the patterns cut to their starts (StartsOnly), which
// start where the patterns do: a search ends where the cut match does (at a
// unit's first letter, not at the clause's end). Each rule is then
// matched anchored at that start, with the whole text as context, which
// yields exactly the match an unanchored scan of that rule alone reaches
// there. Which rules share a group changes only the speed:
// RE2's DFA for some unions has far more states than for their parts
// (rules/README.md, "Speed").
struct ScanGroup {
  std::unique_ptr<RE2> any;
  std::unique_ptr<RE2::Set> at;
  std::vector<int> rules;  // set index -> rule index

  // `narrow`: the rules' patterns as NarrowLetters makes them, for texts with
  // Vietnamese letters only; the union holds them cut to their starts
  // (StartsOnly).
  bool Build(const std::vector<Rule>& all, const std::vector<int>& members, bool narrow) {
    std::vector<std::string> cut;
    for (int i : members) {
      std::string p = narrow ? NarrowLetters(all[i].pattern) : "";
      if (p.empty()) p = all[i].pattern;
      cut.push_back(StartsOnly(StripGroupNames(p)));
    }
    return Build(members, cut);
  }

  // The same from the patterns as the union is to hold them (`cut`, per
  // member): each must match wherever its rule may start.
  bool Build(const std::vector<int>& members, const std::vector<std::string>& cut) {
    std::string alternation;
    RE2::Options o = PatternOptions();
    o.set_max_mem(kScanGroupMemory);
    at = std::make_unique<RE2::Set>(o, RE2::ANCHOR_START);
    for (size_t k = 0; k < members.size(); ++k) {
      const std::string& p = cut[k];
      if (p.empty() || at->Add(p, nullptr) < 0) return false;
      alternation += (alternation.empty() ? "(?:" : "|(?:") + p + ")";
      rules.push_back(members[k]);
    }
    if (rules.empty() || !at->Compile()) return false;
    any = std::make_unique<RE2>(alternation, o);
    return any->ok();
  }

  // The leftmost start of a match of any rule at or after `pos`; false: none.
  bool Next(std::string_view text, size_t pos, size_t* start) const {
    re2::StringPiece m;
    if (!any->Match(re2::StringPiece(text.data(), text.size()), pos, text.size(),
                    RE2::UNANCHORED, &m, 1))
      return false;
    *start = static_cast<size_t>(m.data() - text.data());
    return true;
  }

  // The rules (indices) that may match at `start`: a superset, as the set
  // sees no text before `start` ("^" and "\b" hold there).
  void At(std::string_view text, size_t start, std::vector<int>* out) const {
    out->clear();
    std::vector<int> found;
    RE2::Set::ErrorInfo error;
    at->Match(re2::StringPiece(text.data() + start, text.size() - start), &found, &error);
    if (found.empty() || error.kind != RE2::Set::kNoError) {
      // Out of memory, or a "\B" that the missing context hid: try them all.
      out->assign(rules.begin(), rules.end());
      return;
    }
    for (int k : found) out->push_back(rules[k]);
  }
};

const RE2& Compiled::Pattern(bool vietnamese) const {
  if (vietnamese && fast) return *fast;
  std::call_once(exact->once, [&] {
    if (!exact->re) exact->re = Compile(exact->pattern);
  });
  // The narrowed program compiled, so the exact one can only fail on RE2's
  // memory limit: the narrowed one then serves.
  return exact->re->ok() || !fast ? *exact->re : *fast;
}

Status CompileRule(const Rule& r, const Maps& maps, Compiled* c) {
  const std::string where =
      r.file + ":" + std::to_string(r.line) + ": rule \"" + r.id + "\": ";
  c->exact->pattern = r.pattern;
  if (const std::string narrow = NarrowLetters(r.pattern); !narrow.empty()) {
    c->fast = Compile(narrow);
    if (!c->fast->ok()) c->fast.reset();  // the exact pattern serves every text
  }
  if (!c->fast) {
    c->exact->re = Compile(r.pattern);
    if (!c->exact->re->ok())
      return Status::Parse(where + "pattern: " + c->exact->re->error());
  }
  const RE2& re = c->fast ? *c->fast : *c->exact->re;
  if (!r.not_before.empty()) {
    c->not_before = Compile("(?:" + r.not_before + ")\\z");
    if (!c->not_before->ok())
      return Status::Parse(where + "not_before: " + c->not_before->error());
  }
  if (!r.only_after.empty()) {
    c->only_after = Compile("(?:" + r.only_after + ")\\z");
    if (!c->only_after->ok())
      return Status::Parse(where + "only_after: " + c->only_after->error());
  }
  if (!r.not_after.empty()) {
    c->not_after = Compile(r.not_after);
    if (!c->not_after->ok())
      return Status::Parse(where + "not_after: " + c->not_after->error());
  }
  const std::map<std::string, int>& names = re.NamedCapturingGroups();
  auto group = [&](const std::string& name, int* out) {
    auto it = names.find(name);
    if (it == names.end()) return false;
    *out = it->second;
    return true;
  };
  if (!r.anchor.empty() && !group(r.anchor, &c->anchor_group))
    return Status::Parse(where + "anchor: no group (?P<" + r.anchor + ">...)");
  if (!r.item.empty()) {
    if (!group(r.list, &c->list_group))
      return Status::Parse(where + "list: no group (?P<" + r.list + ">...)");
    c->item = Compile(r.item);
    if (!c->item->ok()) return Status::Parse(where + "item: " + c->item->error());
    for (const auto& [name, i] : c->item->NamedCapturingGroups()) {
      int to = 0;
      if (!group(name, &to))
        return Status::Parse(where + "item: group \"" + name +
                             "\" is no group of the pattern");
      c->item_groups.emplace_back(i, to);
    }
  }
  for (const FieldSpec& f : r.fields) {
    const bool table =
        f.converter == "map" || f.converter == "lookup" || f.converter == "int_or_map";
    if (table && !maps.count(f.args.back()))
      return Status::Parse(where + "field \"" + f.name + "\": no [maps." + f.args.back() +
                           "]");
    std::vector<int> idx;
    const bool constant = f.converter.rfind("const", 0) == 0;
    for (size_t k = 0; k < f.args.size(); ++k) {
      const std::string& a = f.args[k];
      int g = -1;
      if (table && k + 1 == f.args.size()) {  // the table's name
        idx.push_back(-1);
        continue;
      }
      if (!constant && !group(a, &g))
        return Status::Parse(where + "field \"" + f.name + "\": no group (?P<" + a +
                             ">...) in the pattern");
      idx.push_back(g);
    }
    c->field_groups.push_back(std::move(idx));
  }
  return Status::Ok();
}

// Moves `i` back to the start of a UTF-8 character.
size_t CharStart(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<uint8_t>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// Where a rule's next match may start after one at [b, e): its end, or past
// one character when it is empty (a scan of the rule alone, see Accept).
size_t AfterMatch(std::string_view s, size_t b, size_t e) {
  if (e > b) return e;
  ++e;
  while (e < s.size() && (static_cast<uint8_t>(s[e]) & 0xC0) == 0x80) ++e;
  return e;
}

// Line number (0-based) of byte `pos`, given the sorted newline offsets.
int LineOf(const std::vector<uint32_t>& newlines, uint32_t pos) {
  return static_cast<int>(std::lower_bound(newlines.begin(), newlines.end(), pos) -
                          newlines.begin());
}

}  // namespace

std::vector<std::vector<int>> ScanGroupMembers(const RuleSet& set,
                                               const std::vector<int>& program_size,
                                               int small_program) {
  // A union of every pattern makes RE2's DFA build far more states than its
  // parts do: one pass over it cost more than one pass per rule. Small
  // patterns (digits, short cue words) are grouped by their rule file, which
  // keeps a group's union to one subject (dates, ratios, places); those
  // with lexicons or long loops (names, titles, provinces, a long byline)
  // by type. One group of all 59 small rules of 102 ran the text pass
  // 1.7 times slower than a group per file, as one union of all of them
  // did before (git log has the timings).
  std::map<std::string, size_t> by_key;
  std::vector<std::vector<int>> members;
  for (size_t i = 0; i < set.rules.size(); ++i) {
    const Rule& r = set.rules[i];
    if (!r.needs.empty()) continue;
    const bool small = program_size[i] < small_program;
    auto [it, fresh] =
        by_key.emplace(small ? "file " + r.file : "type " + r.type, members.size());
    if (fresh) members.emplace_back();
    members[it->second].push_back(static_cast<int>(i));
  }
  return members;
}

struct Extractor::Impl {
  RuleSet rules;
  std::unique_ptr<RelevanceScorer> relevance;  // null: no [relevance]
  std::vector<Compiled> compiled;
  bool needs_lines = false;
  // Every rule without `needs` is in one group (none: each scans alone),
  // with the narrowed patterns (NarrowLetters) when narrowing is on, for
  // texts with Vietnamese letters only: the others (few articles) scan
  // rule by rule with the exact patterns, cheaper than a second set of
  // groups to compile. Null where RE2 refused the union: each scans alone.
  struct Group {
    std::vector<int> members;
    std::unique_ptr<ScanGroup> scan;
  };
  std::vector<Group> groups;
  // Rules with `needs`, grouped by it where their prefixes are far smaller
  // programs than their patterns (BuildLocators): a group is searched, by
  // the prefixes, when its needed types showed up. in_needs_group: per
  // rule, whether it is in one (else it runs alone, MatchRule).
  std::vector<Group> needs_groups;
  std::vector<bool> in_needs_group;
  std::unique_ptr<RE2> foreign_letter;  // a letter outside VnLetters()
  std::set<std::string> emits;          // ids of rules whose records are kept
  std::vector<bool> furniture;          // per rule: its type has role "furniture"

  void Collect(const Document& doc, std::vector<Candidate>* out) const;
  void BuildGroups(const RuleSet& set);
  void BuildLocators(const RuleSet& set);
  void Locate(const ScanGroup& group, bool vietnamese, std::string_view text,
              const std::vector<uint32_t>& newlines, std::vector<Candidate>* out) const;
  void MatchRule(size_t ri, bool vietnamese, std::string_view text,
                 const std::vector<uint32_t>& newlines,
                 std::vector<Candidate>* out) const;
  // Turns rule ri's match `g` (g[0] the whole match) into a candidate; returns
  // where the rule's next match may start.
  size_t Accept(size_t ri, const std::vector<re2::StringPiece>& g, std::string_view text,
                const std::vector<uint32_t>& newlines, std::vector<Candidate>* out) const;
  // Accept for one match, or for one item of a list rule's match.
  void AcceptMatch(size_t ri, const std::vector<re2::StringPiece>& g,
                   std::string_view text, const std::vector<uint32_t>& newlines,
                   std::vector<Candidate>* out) const;
  bool Guarded(const Compiled& c, std::string_view text, size_t b, size_t e,
               std::string* why) const;
  void Resolve(std::vector<Candidate>* cands) const;
  void Merge(Document* doc) const;
};

namespace {

std::vector<std::string> SplitParts(const std::string& s) {
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t comma = s.find(", ", pos);
    if (comma == std::string::npos) comma = s.size();
    if (comma > pos) parts.push_back(s.substr(pos, comma - pos));
    pos = comma + 2;
  }
  return parts;
}

// Whether part `a` is `b` or says less than it ("Thủ tướng" of "Thủ tướng
// Chính phủ").
bool Covers(const std::string& b, const std::string& a) {
  return b == a ||
         (b.size() > a.size() && b.compare(0, a.size(), a) == 0 && b[a.size()] == ' ');
}

// Joins the comma-separated parts of `more` into `*into`: a part another
// already covers is dropped, and a longer part replaces what it covers.
void JoinParts(std::string* into, const std::string& more) {
  std::vector<std::string> parts = SplitParts(*into);
  for (const std::string& p : SplitParts(more)) {
    if (std::any_of(parts.begin(), parts.end(),
                    [&](const std::string& q) { return Covers(q, p); }))
      continue;
    std::erase_if(parts, [&](const std::string& q) { return Covers(p, q); });
    parts.push_back(p);
  }
  into->clear();
  for (const std::string& p : parts) *into += (into->empty() ? "" : ", ") + p;
}

}  // namespace

void Extractor::Impl::Merge(Document* doc) const {
  std::map<std::string, std::string> merge_field;  // type -> field
  for (const Rule& r : rules.rules)
    if (!r.merge.empty()) merge_field[r.type] = r.merge;
  if (merge_field.empty()) return;
  std::map<std::pair<std::string, std::string>, size_t> first;  // (type, key)
  std::vector<Record> out;
  for (Record& r : doc->records) {
    auto mf = merge_field.find(r.type);
    if (mf == merge_field.end() || r.Get(mf->second).empty()) {
      out.push_back(std::move(r));
      continue;
    }
    auto [it, fresh] =
        first.emplace(std::make_pair(r.type, r.Get(mf->second)), out.size());
    if (fresh) {
      out.push_back(std::move(r));
      continue;
    }
    Record& into = out[it->second];
    for (const Field& f : r.fields) {
      if (f.name == mf->second) continue;
      std::string v = into.Get(f.name);
      JoinParts(&v, f.value);
      into.Set(f.name, v, f.kind);
    }
  }
  doc->records = std::move(out);
}

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;
const RuleSet& Extractor::rules() const { return impl_->rules; }

Status Extractor::Create(RuleSet rules, std::unique_ptr<Extractor>* out) {
  return Create(std::move(rules), ExtractorOptions(), out);
}

Status Extractor::Create(RuleSet rules, const ExtractorOptions& options,
                         std::unique_ptr<Extractor>* out) {
  auto impl = std::make_unique<Impl>();
  impl->compiled.resize(rules.rules.size());
  std::set<std::string> types;
  for (const Rule& r : rules.rules) types.insert(r.type);
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    const Rule& r = rules.rules[i];
    VNREFORM_RETURN_IF_ERROR(CompileRule(r, rules.maps, &impl->compiled[i]));
    if (r.emit) impl->emits.insert(r.id);
    impl->needs_lines |= r.max_line > 0;
    for (const std::string& t : r.needs)
      if (!types.count(t))
        return Status::Parse(r.file + ":" + std::to_string(r.line) + ": rule \"" + r.id +
                             "\": needs \"" + t + "\": no rule has that type");
  }
  // A declaration left behind by a renamed type would silently do nothing.
  for (const TypeDecl& d : rules.types)
    if (!types.count(d.type))
      return Status::Parse("[types." + d.type + "]: no rule has that type");
  for (const Rule& r : rules.rules)
    impl->furniture.push_back(
        std::any_of(rules.types.begin(), rules.types.end(), [&](const TypeDecl& d) {
          return d.type == r.type && d.role == TypeDecl::kFurniture;
        }));
  if (options.narrow_letters) {
    impl->foreign_letter = Compile("[^\\P{L}" + VnLetters() + "]");
    if (!impl->foreign_letter->ok()) impl->foreign_letter.reset();  // exact patterns only
  }
  if (!rules.relevance.terms.empty())
    VNREFORM_RETURN_IF_ERROR(RelevanceScorer::Create(rules.relevance, &impl->relevance));
  impl->in_needs_group.assign(rules.rules.size(), false);
  if (options.scan_groups) {
    impl->BuildGroups(rules);
    impl->BuildLocators(rules);
  }
  impl->rules = std::move(rules);
  out->reset(new Extractor(std::move(impl)));
  return Status::Ok();
}

void Extractor::Impl::BuildLocators(const RuleSet& set) {
  // Rules with the same `needs`, each whose prefix is a far smaller program
  // than its pattern: in one group, searched by their prefixes.
  // The narrowed patterns where texts are told apart (foreign_letter), as
  // in a scan group (ScanGroup::Build): Locate then serves those texts only.
  std::map<std::vector<std::string>, size_t> by_needs;
  std::vector<std::vector<std::string>> prefixes;
  for (size_t i = 0; i < set.rules.size(); ++i) {
    if (set.rules[i].needs.empty()) continue;  // in a scan group
    const Compiled& c = compiled[i];
    const RE2& re = c.Pattern(true);
    std::string prefix = PrefixOnly(StripGroupNames(
        foreign_letter != nullptr && c.fast ? c.fast->pattern() : set.rules[i].pattern));
    if (prefix.empty()) continue;
    const RE2 locate(prefix, PatternOptions());
    if (!locate.ok() || locate.ProgramSize() * kLocateRatio > re.ProgramSize()) continue;
    auto [it, fresh] = by_needs.emplace(set.rules[i].needs, needs_groups.size());
    if (fresh) {
      needs_groups.emplace_back();
      prefixes.emplace_back();
    }
    needs_groups[it->second].members.push_back(static_cast<int>(i));
    prefixes[it->second].push_back(std::move(prefix));
  }
  for (size_t k = 0; k < needs_groups.size(); ++k) {
    Group& g = needs_groups[k];
    g.scan = std::make_unique<ScanGroup>();
    if (!g.scan->Build(g.members, prefixes[k])) g.scan.reset();
    if (g.scan)
      for (int ri : g.members) in_needs_group[ri] = true;
  }
}

void Extractor::Impl::BuildGroups(const RuleSet& set) {
  std::vector<int> sizes;
  for (const Compiled& c : compiled) sizes.push_back(c.Pattern(true).ProgramSize());
  const bool narrow = foreign_letter != nullptr;
  for (std::vector<int>& m : ScanGroupMembers(set, sizes, kSmallProgram)) {
    Group g;
    g.members = std::move(m);
    g.scan = std::make_unique<ScanGroup>();
    if (!g.scan->Build(set.rules, g.members, narrow)) g.scan.reset();
    groups.push_back(std::move(g));
  }
}

bool Extractor::Impl::Guarded(const Compiled& c, std::string_view text, size_t b,
                              size_t e, std::string* why) const {
  const size_t from = CharStart(text, b > kGuardWindow ? b - kGuardWindow : 0);
  if (c.not_before && RE2::PartialMatch(text.substr(from, b - from), *c.not_before)) {
    *why = "dropped: not_before matched";
    return true;
  }
  if (c.only_after && !RE2::PartialMatch(text.substr(from, b - from), *c.only_after)) {
    *why = "dropped: only_after did not match";
    return true;
  }
  if (c.not_after) {
    const size_t len = CharStart(text, std::min(text.size(), e + kGuardWindow)) - e;
    re2::StringPiece after(text.data() + e, len);
    if (c.not_after->Match(after, 0, after.size(), RE2::ANCHOR_START, nullptr, 0)) {
      *why = "dropped: not_after matched";
      return true;
    }
  }
  return false;
}

size_t Extractor::Impl::Accept(size_t ri, const std::vector<re2::StringPiece>& g,
                               std::string_view text,
                               const std::vector<uint32_t>& newlines,
                               std::vector<Candidate>* out) const {
  const Compiled& c = compiled[ri];
  const size_t b = g[0].data() - text.data();
  const size_t next = AfterMatch(text, b, b + g[0].size());
  if (!c.item) {
    AcceptMatch(ri, g, text, newlines, out);
    return next;
  }
  // A list rule: a candidate per item of the list group, searched in that
  // group's text alone, its groups standing for the pattern's of their names;
  // its span ends with the item (one record per span: the store's key).
  const re2::StringPiece list = g[c.list_group];
  const std::string_view items(list.data(), list.size());
  std::vector<re2::StringPiece> sub(c.item->NumberOfCapturingGroups() + 1), gi;
  bool any = false;
  for (size_t pos = 0; list.data() && pos <= items.size() &&
                       c.item->Match(list, pos, list.size(), RE2::UNANCHORED, sub.data(),
                                     static_cast<int>(sub.size()));) {
    gi = g;
    for (const auto& [from, to] : c.item_groups) gi[to] = sub[from];
    AcceptMatch(ri, gi, text, newlines, out);
    out->back().end = static_cast<uint32_t>(sub[0].data() + sub[0].size() - text.data());
    any = true;
    const size_t ib = sub[0].data() - list.data();
    pos = AfterMatch(items, ib, ib + sub[0].size());
  }
  if (!any) {  // explain shows the match, dropped
    AcceptMatch(ri, g, text, newlines, out);
    if (out->back().why.empty()) out->back().why = "dropped: no item in its list";
  }
  return next;
}

void Extractor::Impl::AcceptMatch(size_t ri, const std::vector<re2::StringPiece>& g,
                                  std::string_view text,
                                  const std::vector<uint32_t>& newlines,
                                  std::vector<Candidate>* out) const {
  const Rule& rule = rules.rules[ri];
  const Compiled& c = compiled[ri];
  const size_t b = g[0].data() - text.data(), e = b + g[0].size();
  Candidate cand;
  cand.rule = static_cast<int>(ri);
  cand.begin = static_cast<uint32_t>(b);
  cand.end = static_cast<uint32_t>(e);
  const re2::StringPiece& a = g[c.anchor_group];
  cand.anchor_begin =
      a.data() ? static_cast<uint32_t>(a.data() - text.data()) : cand.begin;
  cand.anchor_end =
      a.data() ? cand.anchor_begin + static_cast<uint32_t>(a.size()) : cand.end;
  if (rule.max_line > 0 && LineOf(newlines, cand.begin) >= rule.max_line) {
    cand.why = "dropped: starts after line " + std::to_string(rule.max_line);
  } else if (!Guarded(c, text, b, e, &cand.why)) {
    std::vector<std::string> args;
    for (size_t fi = 0; fi < rule.fields.size() && cand.why.empty(); ++fi) {
      const FieldSpec& spec = rule.fields[fi];
      args.clear();
      for (size_t k = 0; k < spec.args.size(); ++k) {
        const int gi = c.field_groups[fi][k];
        args.push_back(gi < 0 ? spec.args[k]
                              : std::string(g[gi].data() ? g[gi] : re2::StringPiece()));
      }
      // A field whose optional groups all missed is left out (a map's
      // table name is no group).
      bool absent = !c.field_groups[fi].empty() && c.field_groups[fi][0] >= 0;
      for (size_t k = 0; absent && k < args.size(); ++k)
        absent = c.field_groups[fi][k] < 0 || args[k].empty();
      if (absent) continue;
      Field f;
      if (ConvertField(spec, args, &f, &rules)) {
        const int g0 = c.field_groups[fi].empty() ? -1 : c.field_groups[fi][0];
        if (spec.name == rule.end_with && g0 >= 0 && g[g0].data() &&
            std::string_view(g[g0].data(), g[g0].size()).starts_with(f.value))
          cand.end = static_cast<uint32_t>(g[g0].data() - text.data() + f.value.size());
        cand.fields.push_back(std::move(f));
      } else if (spec.converter != "lookup") {  // lookup(): no entry, no field
        cand.why =
            "dropped: " + spec.converter + "() rejected field \"" + spec.name + "\"";
      }
    }
  }
  out->push_back(std::move(cand));
}

void Extractor::Impl::MatchRule(size_t ri, bool vietnamese, std::string_view text,
                                const std::vector<uint32_t>& newlines,
                                std::vector<Candidate>* out) const {
  const RE2& re = compiled[ri].Pattern(vietnamese);
  std::vector<re2::StringPiece> g(re.NumberOfCapturingGroups() + 1);
  size_t pos = 0;
  while (pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, g.data(),
                                        static_cast<int>(g.size())))
    pos = Accept(ri, g, text, newlines, out);
}

void Extractor::Impl::Locate(const ScanGroup& group, bool vietnamese,
                             std::string_view text, const std::vector<uint32_t>& newlines,
                             std::vector<Candidate>* out) const {
  // Per rule: where its next match may start, as in a scan of it alone.
  std::vector<size_t> next(compiled.size(), 0);
  std::vector<int> here;
  std::vector<re2::StringPiece> g;
  size_t start = 0;
  for (size_t pos = 0; pos <= text.size() && group.Next(text, pos, &start);) {
    group.At(text, start, &here);
    for (int ri : here) {
      if (start < next[ri]) continue;
      const RE2& re = compiled[ri].Pattern(vietnamese);
      g.assign(re.NumberOfCapturingGroups() + 1, re2::StringPiece());
      if (re.Match(text, start, text.size(), RE2::ANCHOR_START, g.data(),
                   static_cast<int>(g.size())))
        next[ri] = Accept(ri, g, text, newlines, out);
    }
    pos = AfterMatch(text, start, start);
  }
}

void Extractor::Impl::Collect(const Document& doc, std::vector<Candidate>* out) const {
  const std::string_view text = doc.norm;
  std::vector<uint32_t> newlines;
  if (needs_lines)
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') newlines.push_back(static_cast<uint32_t>(i));
  // Most texts have no letter outside Vietnamese: the narrowed patterns
  // then find exactly what the exact ones would, faster.
  const bool vietnamese =
      foreign_letter != nullptr &&
      !foreign_letter->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(),
                             RE2::UNANCHORED, nullptr, 0);
  // Rules without `needs` first; then those whose needed types showed up.
  bool deferred = false;
  for (size_t ri = 0; ri < compiled.size(); ++ri) {
    if (!rules.rules[ri].needs.empty())
      deferred = true;
    else if (groups.empty())
      MatchRule(ri, vietnamese, text, newlines, out);
  }
  for (const Group& g : groups) {
    if (g.scan != nullptr && (vietnamese || foreign_letter == nullptr)) {
      Locate(*g.scan, vietnamese, text, newlines, out);
    } else {
      for (int ri : g.members) MatchRule(ri, vietnamese, text, newlines, out);
    }
  }
  if (deferred) {
    std::set<std::string_view> live;
    for (const Candidate& c : *out)
      if (c.why.empty()) live.insert(rules.rules[c.rule].type);
    auto wanted = [&](int ri) {
      const std::vector<std::string>& needs = rules.rules[ri].needs;
      return std::any_of(needs.begin(), needs.end(),
                         [&](const std::string& t) { return live.count(t) > 0; });
    };
    for (size_t ri = 0; ri < compiled.size(); ++ri)
      if (!rules.rules[ri].needs.empty() && !in_needs_group[ri] && wanted(ri))
        MatchRule(ri, vietnamese, text, newlines, out);
    for (const Group& g : needs_groups) {
      if (g.scan == nullptr || !wanted(g.members[0])) continue;  // one `needs` for all
      if (vietnamese || foreign_letter == nullptr) {
        Locate(*g.scan, vietnamese, text, newlines, out);
      } else {
        for (int ri : g.members) MatchRule(ri, vietnamese, text, newlines, out);
      }
    }
  }
  // Back in rule order (each rule's in text order), as overlaps break ties by it.
  std::stable_sort(out->begin(), out->end(), [](const Candidate& a, const Candidate& b) {
    return a.rule < b.rule;
  });
}

void Extractor::Impl::Resolve(std::vector<Candidate>* cands) const {
  std::vector<Candidate*> order;
  for (Candidate& c : *cands)
    if (c.why.empty()) order.push_back(&c);
  auto prio = [&](const Candidate* c) { return rules.rules[c->rule].priority; };
  std::stable_sort(order.begin(), order.end(),
                   [&](const Candidate* a, const Candidate* b) {
                     if (prio(a) != prio(b)) return prio(a) > prio(b);
                     const uint32_t la = a->anchor_end - a->anchor_begin,
                                    lb = b->anchor_end - b->anchor_begin;
                     if (la != lb) return la > lb;
                     return a->begin < b->begin;
                   });
  std::map<uint32_t, const Candidate*> taken;  // anchor begin -> winner
  std::set<int> once_done;
  for (Candidate* c : order) {
    if (!rules.rules[c->rule].exclusive) {
      c->won = true;
      c->why = "won (not exclusive)";
      continue;
    }
    auto it = taken.lower_bound(c->anchor_end);
    const Candidate* clash = nullptr;
    if (it != taken.begin()) {
      --it;
      if (it->second->anchor_end > c->anchor_begin) clash = it->second;
    }
    const Rule& mine = rules.rules[c->rule];
    if (clash != nullptr && !mine.merge.empty() &&
        rules.rules[clash->rule].type == mine.type &&
        clash->anchor_begin == c->anchor_begin && clash->anchor_end == c->anchor_end) {
      c->won = true;  // the same mention read by two rules: merged later
      c->why = "won (merged with rule \"" + rules.rules[clash->rule].id + "\")";
      continue;
    }
    if (clash != nullptr) {
      const Rule& w = rules.rules[clash->rule];
      c->why = "lost to rule \"" + w.id + "\" (priority " + std::to_string(w.priority) +
               " vs " + std::to_string(prio(c)) + ")";
      continue;
    }
    c->won = true;
    c->why = "won";
    taken[c->anchor_begin] = c;
  }
  // `once` rules keep their first record in the text.
  std::vector<Candidate*> by_pos;
  for (Candidate& c : *cands)
    if (c.won) by_pos.push_back(&c);
  std::sort(by_pos.begin(), by_pos.end(),
            [](const Candidate* a, const Candidate* b) { return a->begin < b->begin; });
  for (Candidate* c : by_pos) {
    if (!rules.rules[c->rule].once) continue;
    if (!once_done.insert(c->rule).second) {
      c->won = false;
      c->why = "dropped: rule fires once per article";
    }
  }
}

namespace {

// Once the links have run, records of a type declaring `drop_without` that
// still lack that field (a rank whose entity no link found), and those of a
// type declaring `drop_with` that a link gave that field (a rank in a
// sentence about football), are dropped.
void DropWithout(const std::vector<TypeDecl>& types, Document* doc) {
  for (const TypeDecl& t : types) {
    if (t.drop_without.empty() && t.drop_with.empty()) continue;
    std::erase_if(doc->records, [&](const Record& r) {
      return r.type == t.type && ((!t.drop_without.empty() && !r.Has(t.drop_without)) ||
                                  (!t.drop_with.empty() && r.Has(t.drop_with)));
    });
  }
}

}  // namespace

void Extractor::Explain(Document* doc, std::vector<Candidate>* candidates) const {
  candidates->clear();
  impl_->Collect(*doc, candidates);
  impl_->Resolve(candidates);
  doc->records.clear();
  for (const Candidate& c : *candidates) {
    const Rule& r = impl_->rules.rules[c.rule];
    if (!c.won || impl_->furniture[c.rule]) continue;
    Record rec;
    rec.type = r.type;
    rec.rule_id = r.id;
    rec.begin = c.begin;
    rec.end = c.end;
    rec.text = doc->norm.substr(c.begin, c.end - c.begin);
    rec.fields = c.fields;
    doc->records.push_back(std::move(rec));
  }
  std::stable_sort(doc->records.begin(), doc->records.end(),
                   [](const Record& a, const Record& b) {
                     return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
                   });
  impl_->Merge(doc);
  InferFromContext(impl_->rules, doc);
  ApplyLinks(impl_->rules.links, doc);
  ApplyIdentity(impl_->rules, doc);
  if (impl_->relevance) impl_->relevance->Score(doc);
  std::erase_if(doc->records, [&](const Record& r) {
    return !r.from_metadata && !impl_->emits.count(r.rule_id);
  });
  DropWithout(impl_->rules.types, doc);
  const std::vector<uint32_t>& starts = doc->sentence_starts;
  for (Record& r : doc->records) {
    auto it = std::upper_bound(starts.begin(), starts.end(), r.begin);
    r.sentence_begin = it == starts.begin() ? 0 : *(it - 1);
    r.sentence_end = it == starts.end() ? static_cast<uint32_t>(doc->norm.size()) : *it;
  }
}

void Extractor::Extract(Document* doc) const {
  std::vector<Candidate> candidates;
  Explain(doc, &candidates);
}

// A rule whose pattern alone changed: see SameMatches.
struct SameMatches::Impl {
  std::unique_ptr<RE2> a, b;
  std::vector<std::pair<int, int>> groups;  // (group in a, in b); 0 first
};

SameMatches::~SameMatches() = default;

bool SameMatches::Create(const std::string& before, const std::string& after,
                         std::unique_ptr<SameMatches>* out) {
  auto impl = std::make_unique<Impl>();
  impl->a = Compile(before);
  impl->b = Compile(after);
  if (!impl->a->ok() || !impl->b->ok()) return false;
  const std::map<std::string, int>& na = impl->a->NamedCapturingGroups();
  const std::map<std::string, int>& nb = impl->b->NamedCapturingGroups();
  if (na.size() != nb.size()) return false;
  impl->groups.push_back({0, 0});
  for (const auto& [name, i] : na) {
    auto j = nb.find(name);
    if (j == nb.end()) return false;
    impl->groups.push_back({i, j->second});
  }
  out->reset(new SameMatches());
  (*out)->impl_ = std::move(impl);
  return true;
}

bool SameMatches::Same(std::string_view norm) const {
  const RE2& a = *impl_->a;
  const RE2& b = *impl_->b;
  const re2::StringPiece text(norm.data(), norm.size());
  std::vector<re2::StringPiece> ga(a.NumberOfCapturingGroups() + 1),
      gb(b.NumberOfCapturingGroups() + 1);
  for (size_t pos = 0; pos <= text.size();) {
    const bool ma = a.Match(text, pos, text.size(), RE2::UNANCHORED, ga.data(),
                            static_cast<int>(ga.size()));
    const bool mb = b.Match(text, pos, text.size(), RE2::UNANCHORED, gb.data(),
                            static_cast<int>(gb.size()));
    if (ma != mb) return false;
    if (!ma) return true;
    for (const auto& [i, j] : impl_->groups)
      if (ga[i].data() != gb[j].data() || ga[i].size() != gb[j].size()) return false;
    const size_t begin = static_cast<size_t>(ga[0].data() - norm.data());
    pos = AfterMatch(norm, begin, begin + ga[0].size());
  }
  return true;
}

struct PatternCounter::Impl {
  std::unique_ptr<RE2> re;
};

PatternCounter::~PatternCounter() = default;

bool PatternCounter::Create(const std::string& pattern,
                            std::unique_ptr<PatternCounter>* out, std::string* error) {
  auto c = std::unique_ptr<PatternCounter>(new PatternCounter());
  c->impl_ = std::make_unique<Impl>();
  c->impl_->re = Compile(pattern);
  if (!c->impl_->re->ok()) {
    *error = c->impl_->re->error();
    return false;
  }
  *out = std::move(c);
  return true;
}

size_t PatternCounter::Count(std::string_view text, size_t max) const {
  size_t n = 0, pos = 0;
  re2::StringPiece m;
  while (n < max && pos <= text.size() &&
         impl_->re->Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    ++n;
    pos = AfterMatch(text, m.data() - text.data(), m.data() - text.data() + m.size());
  }
  return n;
}

struct AnyPattern::Impl {
  std::vector<std::unique_ptr<RE2>> res;
};

AnyPattern::~AnyPattern() = default;

bool AnyPattern::Create(const std::set<std::string>& patterns,
                        std::unique_ptr<AnyPattern>* out) {
  out->reset(new AnyPattern());
  (*out)->impl_ = std::make_unique<Impl>();
  std::vector<std::unique_ptr<RE2>>& res = (*out)->impl_->res;
  bool ok = true;
  std::string small;
  for (const std::string& p : patterns) {
    std::unique_ptr<RE2> re = Compile(p);
    ok &= re->ok();
    if (re->ok() && re->ProgramSize() < kSmallProgram)
      small += (small.empty() ? "(?:" : "|(?:") + StripGroupNames(p) + ")";
    else
      res.push_back(std::move(re));
  }
  if (!small.empty()) {
    res.push_back(Compile(small));
    ok &= res.back()->ok();
  }
  return ok;
}

bool AnyPattern::Matches(std::string_view norm) const {
  const re2::StringPiece text(norm.data(), norm.size());
  for (const std::unique_ptr<RE2>& re : impl_->res)
    if (re->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) return true;
  return false;
}

size_t Re2ScanCount(std::string_view text, const std::string& pattern) {
  const std::unique_ptr<RE2> re = Compile(pattern);
  if (!re->ok()) return 0;
  const re2::StringPiece all(text.data(), text.size());
  re2::StringPiece m;
  size_t count = 0;
  for (size_t pos = 0; pos <= all.size();) {
    if (!re->Match(all, pos, all.size(), RE2::UNANCHORED, &m, 1)) break;
    ++count;
    const size_t end = static_cast<size_t>(m.data() - all.data()) + m.size();
    pos = m.empty() ? end + 1 : end;
  }
  return count;
}

bool MatchStarts(std::string_view text, const std::string& pattern,
                 std::vector<size_t>* starts) {
  starts->clear();
  const std::unique_ptr<RE2> re = Compile(pattern);
  if (!re->ok()) return false;
  const re2::StringPiece all(text.data(), text.size());
  for (size_t pos = 0; pos <= all.size(); pos = AfterMatch(text, pos, pos))
    if (re->Match(all, pos, all.size(), RE2::ANCHOR_START, nullptr, 0))
      starts->push_back(pos);
  return true;
}

}  // namespace vnreform
