// StartsOnly: a pattern cut to where its matches start. A scan group needs
// only that (re2_extract.cc): where the leftmost match of any of its rules
// starts, and which rules match there. Cut, a rule whose pattern ends in a
// phrase running to the end of the clause stops the group's passes
// at its first letter instead. Tested by tests/extract_test.cc and fuzzed
// by the starts target (a pattern against its cut) and, through the scan
// groups, by the extract target.
//
// The parser follows just enough of RE2's syntax to split a pattern into
// alternatives and pieces (an atom and its repetition); where it meets
// anything else (\Q...\E, say) the pattern is kept whole.

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract_internal.h"

namespace vnreform {
namespace {

constexpr size_t kBad = std::string_view::npos;

// One piece of a sequence: an atom, [begin, atom_end), and its repetition,
// [atom_end, end).
struct Piece {
  enum Kind { kAtom, kGroup, kAssertion, kFlags };
  Kind kind = kAtom;
  size_t begin = 0, atom_end = 0, end = 0;
  size_t inner_begin = 0, inner_end = 0;  // a group's alternation
  bool repeated = false;
  int min = 1;  // fewest repetitions
};

// Deeper nesting is refused (RE2 refuses over 1,000 levels).
constexpr int kMaxDepth = 1000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// Whether `c` is one of `chars`.
bool OneOf(const char* chars, char c) {
  return c != '\0' && std::strchr(chars, c) != nullptr;
}

// End of the UTF-8 character at p[i].
size_t CharEnd(std::string_view p, size_t i) {
  ++i;
  while (i < p.size() && (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80) ++i;
  return i;
}

// End of the escape at p[i] == '\\'.
size_t EscapeEnd(std::string_view p, size_t i) {
  if (i + 1 >= p.size()) return kBad;
  const char c = p[i + 1];
  if (c == 'p' || c == 'P' || c == 'x') {
    if (i + 2 < p.size() && p[i + 2] == '{') {
      const size_t close = p.find('}', i + 3);
      return close == kBad ? kBad : close + 1;
    }
    const size_t end = i + (c == 'x' ? 4 : 3);  // \x41, \pL
    return end <= p.size() ? end : kBad;
  }
  if (c == 'Q' || c == 'E') return kBad;  // quoting: not followed here
  if (c >= '0' && c <= '7') {             // octal, up to three digits
    size_t j = i + 1;
    while (j < p.size() && j < i + 4 && p[j] >= '0' && p[j] <= '7') ++j;
    return j;
  }
  return CharEnd(p, i + 1);
}

// End of the character class at p[i] == '['.
size_t ClassEnd(std::string_view p, size_t i) {
  size_t j = i + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;  // a leading ']' is literal
  while (j < p.size()) {
    if (p[j] == ']') return j + 1;
    if (p[j] == '\\') {
      j = EscapeEnd(p, j);
      if (j == kBad) return kBad;
    } else if (p.substr(j).starts_with("[:")) {
      const size_t close = p.find(":]", j + 2);
      if (close == kBad) return kBad;
      j = close + 2;
    } else {
      ++j;
    }
  }
  return kBad;
}

// The repetition at p[j] (*, +, ?, {n}, {n,}, {n,m}, each maybe lazy): its
// end, with *min set; j when there is none ("{" not followed by one is a
// literal).
size_t RepeatEnd(std::string_view p, size_t j, int* min) {
  if (j >= p.size()) return j;
  size_t k;
  if (p[j] == '*' || p[j] == '?' || p[j] == '+') {
    *min = p[j] == '+' ? 1 : 0;
    k = j + 1;
  } else if (p[j] == '{') {
    size_t q = j + 1;
    int n = 0;
    while (q < p.size() && IsDigit(p[q]) && n < 100000) n = n * 10 + (p[q++] - '0');
    if (q == j + 1) return j;
    if (q < p.size() && p[q] == ',') {
      ++q;
      while (q < p.size() && IsDigit(p[q])) ++q;
    }
    if (q >= p.size() || p[q] != '}') return j;
    *min = n;
    k = q + 1;
  } else {
    return j;
  }
  if (k < p.size() && p[k] == '?') ++k;  // lazy
  return k;
}

size_t ParseAlternation(std::string_view p, size_t i, int depth);

// Parses the sequence at p[i] up to '|', ')' or the end into *out; returns
// where it ends, kBad where the syntax is not followed. `depth`: the groups
// it is in.
size_t ParseSequence(std::string_view p, size_t i, std::vector<Piece>* out,
                     int depth = 0) {
  if (depth > kMaxDepth) return kBad;
  while (i < p.size() && p[i] != '|' && p[i] != ')') {
    Piece pc;
    pc.begin = i;
    const char c = p[i];
    if (c == '(') {
      size_t inner = i + 1;
      if (inner < p.size() && p[inner] == '?') {
        if (p.substr(inner).starts_with("?P<")) {  // (?P<name>...)
          const size_t close = p.find('>', inner);
          if (close == kBad) return kBad;
          inner = close + 1;
        } else {  // (?flags:...) or (?flags)
          size_t k = inner + 1;
          while (k < p.size() && OneOf("imsU-", p[k])) ++k;
          if (k >= p.size() || (p[k] != ':' && p[k] != ')')) return kBad;
          if (p[k] == ')') {
            pc.kind = Piece::kFlags;
            pc.atom_end = pc.end = k + 1;
            out->push_back(pc);
            i = k + 1;
            continue;
          }
          inner = k + 1;
        }
      }
      const size_t close = ParseAlternation(p, inner, depth + 1);
      if (close == kBad || close >= p.size() || p[close] != ')') return kBad;
      pc.kind = Piece::kGroup;
      pc.inner_begin = inner;
      pc.inner_end = close;
      pc.atom_end = close + 1;
    } else if (c == '[') {
      pc.atom_end = ClassEnd(p, i);
    } else if (c == '\\') {
      pc.atom_end = EscapeEnd(p, i);
      if (i + 1 < p.size() && OneOf("bBAz", p[i + 1])) pc.kind = Piece::kAssertion;
    } else if (c == '^' || c == '$') {
      pc.kind = Piece::kAssertion;
      pc.atom_end = i + 1;
    } else if (c == '*' || c == '+' || c == '?') {
      return kBad;  // a repetition of nothing
    } else {
      pc.atom_end = CharEnd(p, i);
    }
    if (pc.atom_end == kBad) return kBad;
    pc.end = RepeatEnd(p, pc.atom_end, &pc.min);
    pc.repeated = pc.end != pc.atom_end;
    out->push_back(pc);
    i = pc.end;
  }
  return i;
}

// Parses the alternation at p[i] up to an unmatched ')' or the end.
size_t ParseAlternation(std::string_view p, size_t i, int depth) {
  for (std::vector<Piece> pieces;; ++i) {
    pieces.clear();
    i = ParseSequence(p, i, &pieces, depth);
    if (i == kBad || i >= p.size() || p[i] != '|') return i;
  }
}

bool AlternationNullable(std::string_view p, size_t begin, size_t end);

// Whether the piece matches the empty string wherever it is: assertions
// (\b, ^) do not count, as they hold only in places.
bool Nullable(std::string_view p, const Piece& pc) {
  if (pc.repeated && pc.min == 0) return true;
  if (pc.kind == Piece::kFlags) return true;
  return pc.kind == Piece::kGroup && AlternationNullable(p, pc.inner_begin, pc.inner_end);
}

bool AlternationNullable(std::string_view p, size_t begin, size_t end) {
  for (size_t i = begin;; ++i) {
    std::vector<Piece> pieces;
    i = ParseSequence(p, i, &pieces);
    bool all = true;
    for (const Piece& pc : pieces) all = all && Nullable(p, pc);
    if (all) return true;
    if (i >= end || p[i] != '|') return false;
  }
}

std::string CutAlternation(std::string_view p, size_t begin, size_t end);

// A piece that ends its sequence, cut: X, X+ and X{1,m} start where X does,
// and X where its alternation cut does. X{2,} needs X twice: kept whole.
std::string CutPiece(std::string_view p, const Piece& pc) {
  if (pc.repeated && pc.min != 1)
    return std::string(p.substr(pc.begin, pc.end - pc.begin));
  if (pc.kind != Piece::kGroup)
    return std::string(p.substr(pc.begin, pc.atom_end - pc.begin));
  return std::string(p.substr(pc.begin, pc.inner_begin - pc.begin)) +
         CutAlternation(p, pc.inner_begin, pc.inner_end) + ")";
}

// Each alternative of p[begin, end) without the pieces at its end that can
// match nothing, and its last piece cut.
std::string CutAlternation(std::string_view p, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin;; ++i) {
    std::vector<Piece> pieces;
    const size_t stop = ParseSequence(p, i, &pieces);
    size_t keep = pieces.size();
    while (keep > 0 && Nullable(p, pieces[keep - 1])) --keep;
    if (keep > 0) {
      const Piece& last = pieces[keep - 1];
      out.append(p.substr(i, last.begin - i));
      out += CutPiece(p, last);
    }
    if (stop >= end || p[stop] != '|') return out;
    out += '|';
    i = stop;
  }
}

// How much of a pattern PrefixOnly keeps: atoms that must match something
// (a character, a class), the size past which a prefix stops growing, and
// the size of an optional group kept whole rather than split.
constexpr int kPrefixAtoms = 8;
constexpr size_t kPrefixMaxSize = 4096;
constexpr size_t kPrefixSmallGroup = 64;

// The pieces of one alternative (any positions of the pattern: a group's
// alternative, then what follows the group).
using Pieces = std::vector<Piece>;

// A prefix of a sequence of pieces.
struct Prefix {
  std::string text;
  bool whole = true;     // every piece kept whole: more may follow it
  bool nullable = true;  // it may match the empty string
  int need = 0;          // atoms still wanted (when whole)
};

Prefix PrefixSequence(std::string_view p, const Pieces& seq, size_t from, int need);

// The prefix of group `pc` (seq[k]) and what follows it in `seq`: each
// alternative's prefix, followed, where that is whole and the group is
// not repeated, by the prefix of the rest of `seq`; an optional group also
// has the rest of `seq` alone. A prefix may stop anywhere: one grown too
// large stops there.
Prefix PrefixGroup(std::string_view p, const Pieces& seq, size_t k, int need) {
  const Piece& pc = seq[k];
  const bool optional = pc.repeated && pc.min == 0;
  // X? may be followed by the rest; X*, X+ and X{n,m} by X again.
  const bool once = !pc.repeated || (pc.end == pc.atom_end + 1 && p[pc.atom_end] == '?');
  const std::string open(p.substr(pc.begin, pc.inner_begin - pc.begin));
  Prefix out;
  out.whole = false;
  out.nullable = false;
  std::string alts;
  auto add = [&](const std::string& text, bool nullable) {
    alts += (alts.empty() ? "" : "|") + text;
    out.nullable |= nullable;
  };
  for (size_t i = pc.inner_begin;; ++i) {
    Pieces alt;
    const size_t stop = ParseSequence(p, i, &alt);
    Prefix a = PrefixSequence(p, alt, 0, need);
    std::string text = open + a.text + ")";
    bool nullable = a.nullable;
    if (a.whole && once && alts.size() + text.size() < kPrefixMaxSize) {
      const Prefix rest = PrefixSequence(p, seq, k + 1, a.nullable ? need : a.need);
      text += rest.text;
      nullable = nullable && rest.nullable;
    }
    add(text, nullable);
    if (stop >= pc.inner_end || p[stop] != '|') break;
    i = stop;
  }
  if (optional) {
    const Prefix rest = PrefixSequence(p, seq, k + 1, need);
    add(rest.text, rest.nullable);
  }
  out.text = "(?:" + alts + ")";
  return out;
}

// A prefix of seq[from, end): its pieces, whole, until `need` atoms that
// must match something are in it, the last piece cut to its own prefix (a
// group: PrefixGroup). Optional pieces and assertions are kept whole, but a
// large optional group is split (the rest of the sequence either follows it
// or stands alone).
Prefix PrefixSequence(std::string_view p, const Pieces& seq, size_t from, int need) {
  Prefix out;
  out.need = need;
  for (size_t k = from; k < seq.size() && out.need > 0; ++k) {
    const Piece& pc = seq[k];
    const bool small = pc.end - pc.begin <= kPrefixSmallGroup;
    if (pc.kind == Piece::kAssertion ||
        (Nullable(p, pc) && (pc.kind != Piece::kGroup || small))) {
      out.text.append(p.substr(pc.begin, pc.end - pc.begin));
      continue;
    }
    if (pc.kind != Piece::kGroup || (small && !Nullable(p, pc) && !pc.repeated)) {
      out.text.append(p.substr(pc.begin, pc.end - pc.begin));
      out.nullable = false;
      --out.need;
      continue;
    }
    Prefix g = PrefixGroup(p, seq, k, out.need);
    out.text += g.text;
    out.whole = false;
    out.nullable = out.nullable && g.nullable;
    return out;
  }
  if (out.need <= 0) out.whole = false;
  return out;
}

}  // namespace

std::string StartsOnly(const std::string& pattern) {
  // Parsed whole first: the cutting below assumes the syntax is followed.
  if (ParseAlternation(pattern, 0, 0) != pattern.size()) return pattern;
  return CutAlternation(pattern, 0, pattern.size());
}

std::string PrefixOnly(const std::string& pattern) {
  if (ParseAlternation(pattern, 0, 0) != pattern.size()) return "";
  std::string out;
  for (size_t i = 0;; ++i) {
    Pieces alt;
    const size_t stop = ParseSequence(pattern, i, &alt);
    const Prefix a = PrefixSequence(pattern, alt, 0, kPrefixAtoms);
    if (a.nullable) return "";
    out += a.text;
    if (stop >= pattern.size() || pattern[stop] != '|') return out;
    out += '|';
    i = stop;
  }
}

}  // namespace vnreform
