// The reference data: rules/reference/*.tsv read into Reference::Impl, names
// folded for matching, units resolved by alias and date, and the ref_*
// tables written.
#include "facts/reference.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/hash.h"
#include "store/store.h"

namespace vnreform {
namespace {

// Decodes one UTF-8 code point at s[*i] and advances *i (bad bytes: U+FFFD).
char32_t NextCodePoint(std::string_view s, size_t* i) {
  const unsigned char c = s[*i];
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || *i + n > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? c : c & (0x7F >> n);
  for (int k = 1; k < n; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += n;
  return cp;
}

const std::unordered_map<char32_t, char>& FoldTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<char32_t, char>;
    const std::pair<char, std::string_view> rows[] = {
        {'a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
        {'e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"},
        {'i', "ìíỉĩịÌÍỈĨỊ"},
        {'o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
        {'u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"},
        {'y', "ỳýỷỹỵỲÝỶỸỴ"},
        {'d', "đĐÐð"}};
    for (const auto& [base, letters] : rows)
      for (size_t i = 0; i < letters.size();) (*t)[NextCodePoint(letters, &i)] = base;
    return t;
  }();
  return *table;
}

bool ValidOn(const std::string& from, const std::string& to, const std::string& day) {
  return (from.empty() || from <= day) && (to.empty() || day <= to);
}

// A TSV file: '#' lines are comments, the first other line the header.
class Tsv {
 public:
  Status Open(const std::filesystem::path& path, std::string* bytes) {
    path_ = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path_ + ": cannot read");
    std::stringstream ss;
    ss << in.rdbuf();
    *bytes = ss.str();
    std::istringstream lines(*bytes);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cells;
      size_t start = 0;
      for (size_t tab; (tab = line.find('\t', start)) != std::string::npos;
           start = tab + 1)
        cells.push_back(line.substr(start, tab - start));
      cells.push_back(line.substr(start));
      if (header_.empty()) {
        for (size_t i = 0; i < cells.size(); ++i) header_[cells[i]] = i;
      } else {
        rows_.push_back(std::move(cells));
        lines_.push_back(n);
      }
    }
    return Status::Ok();
  }
  // Column `name` of row `r` ("" when the row is short).
  Status Require(const std::vector<std::string>& columns) const {
    for (const std::string& c : columns)
      if (!header_.count(c)) return Status::Parse(path_ + ":1: no column '" + c + "'");
    return Status::Ok();
  }
  const std::string& Get(size_t r, const std::string& name) const {
    static const std::string kEmpty;
    auto it = header_.find(name);
    if (it == header_.end() || it->second >= rows_[r].size()) return kEmpty;
    return rows_[r][it->second];
  }
  size_t size() const { return rows_.size(); }
  std::string Where(size_t r) const { return path_ + ":" + std::to_string(lines_[r]); }

 private:
  std::string path_;
  std::map<std::string, size_t> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

// Leading words that a unit's name may carry or drop, folded.
constexpr std::string_view kUnitPrefixes[] = {
    "uybannhandan", "ubnd", "thanhphotructhuoctrunguong", "thanhpho", "tinh",
    "tp",           "thudo"};

}  // namespace

std::string FoldName(std::string_view s, bool spaces) {
  std::string out;
  const auto& table = FoldTable();
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = NextCodePoint(s, &i);
    char c = ' ';
    if (cp < 0x80) {
      c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) c = ' ';
    } else if (cp >= 0x300 && cp <= 0x36F) {
      continue;  // a combining mark (text not in NFC): the letter stays
    } else if (auto it = table.find(cp); it != table.end()) {
      c = it->second;
    }
    if (c == ' ' && (!spaces || out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Reference::Reference(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reference::~Reference() = default;

bool Reference::Impl::ResolveFolded(const std::string& folded, const std::string& day_in,
                                    UnitMatch* out) const {
  auto it = alias_by_folded.find(folded);
  if (it == alias_by_folded.end()) return false;
  if (day_in.empty()) {
    // No date: the unit the name names now, else the one it named last.
    std::set<std::string> current, any;
    std::string last_end, last;
    for (size_t i : it->second) {
      const RefAlias& a = aliases[i];
      any.insert(a.code);
      if (a.valid_to.empty()) current.insert(a.code);
      if (!a.valid_to.empty() && a.valid_to >= last_end)
        last_end = a.valid_to, last = a.code;
    }
    const bool now = !current.empty();
    out->code = now ? *current.begin() : last;
    out->method = any.size() == 1 ? "alias" : "alias_undated";
    out->score = any.size() == 1 ? 1.0 : 0.7;
    return !out->code.empty();
  }
  const std::string& day = day_in;
  std::set<std::string> valid, later, earlier;
  for (size_t i : it->second) {
    const RefAlias& a = aliases[i];
    if (ValidOn(a.valid_from, a.valid_to, day))
      valid.insert(a.code);
    else if (!a.valid_to.empty() && a.valid_to < day)
      earlier.insert(a.code);
    else
      later.insert(a.code);
  }
  if (!valid.empty()) {
    out->code = *valid.begin();
    out->method = valid.size() == 1 ? "alias" : "alias_ambiguous";
    out->score = valid.size() == 1 ? 1.0 : 0.5;
    return true;
  }
  std::set<std::string> next;
  for (const std::string& code : earlier) {
    auto [b, e] = successors.equal_range(code);
    for (auto s = b; s != e; ++s)
      if (s->second.first <= day) next.insert(s->second.second);
  }
  if (!next.empty()) {
    out->code = *next.begin();
    out->method = next.size() == 1 ? "alias_successor" : "alias_successor_ambiguous";
    out->score = next.size() == 1 ? 0.9 : 0.4;
    return true;
  }
  const std::set<std::string>& any = !later.empty() ? later : earlier;
  if (any.empty()) return false;
  out->code = *any.begin();
  out->method = "alias_out_of_validity";
  out->score = 0.5;
  return true;
}

std::string Reference::Impl::Indicator(const std::string& folded_spaced) const {
  for (const RefIndicator& i : indicators)
    if (folded_spaced.compare(0, i.folded.size(), i.folded) == 0 &&
        (folded_spaced.size() == i.folded.size() ||
         folded_spaced[i.folded.size()] == ' '))
      return i.code;
  return "";
}

bool Reference::ResolveUnit(std::string_view name, const std::string& day,
                            UnitMatch* out) const {
  std::string f = FoldName(name);
  for (int round = 0; round < 3 && !f.empty(); ++round) {
    if (impl_->ResolveFolded(f, day, out)) return true;
    bool cut = false;
    for (std::string_view p : kUnitPrefixes) {
      if (f.size() > p.size() && f.compare(0, p.size(), p) == 0) {
        f.erase(0, p.size());
        cut = true;
        break;
      }
    }
    if (!cut) break;
  }
  return false;
}

bool Reference::ResolveIndex(std::string_view name, std::string* code,
                             bool* needs_context) const {
  std::string f = FoldName(name);
  auto it = impl_->index_alias_by_folded.find(f);
  if (it == impl_->index_alias_by_folded.end()) {
    // "Chỉ số PAR INDEX 2023", "PCI 2024": without a trailing year and
    // a leading "chỉ số" / "bảng xếp hạng".
    while (!f.empty() && f.back() >= '0' && f.back() <= '9') f.pop_back();
    for (std::string_view p : {"bangxephang", "chiso", "bo"})
      if (f.size() > p.size() && f.compare(0, p.size(), p) == 0 &&
          !impl_->index_alias_by_folded.count(f))
        f.erase(0, p.size());
    it = impl_->index_alias_by_folded.find(f);
    if (it == impl_->index_alias_by_folded.end()) return false;
  }
  const RefIndexAlias& a = impl_->index_aliases[it->second];
  *code = a.index_code;
  *needs_context = a.needs_context;
  return true;
}

Status Reference::Load(const std::string& dir, std::unique_ptr<Reference>* out) {
  namespace fs = std::filesystem;
  auto impl = std::make_unique<Impl>();
  Fnv64 hash;
  std::map<std::string, std::string> bytes;  // file -> contents, sorted
  auto open = [&](const char* name, Tsv* t, const std::vector<std::string>& cols) {
    std::string b;
    Status s = t->Open(fs::path(dir) / name, &b);
    if (s.ok()) s = t->Require(cols);
    if (s.ok()) {
      bytes[name] = std::move(b);
      impl->files.push_back(name);
    }
    return s;
  };

  Tsv units, names, aliases, succession, indices, editions, index_aliases, indicators;
  VNREFORM_RETURN_IF_ERROR(
      open("units.tsv", &units, {"code", "kind", "name", "short_name"}));
  for (size_t r = 0; r < units.size(); ++r) {
    RefUnit u{units.Get(r, "code"),     units.Get(r, "kind"),
              units.Get(r, "name"),     units.Get(r, "short_name"),
              units.Get(r, "type"),     units.Get(r, "valid_from"),
              units.Get(r, "valid_to"), units.Get(r, "parent_code"),
              units.Get(r, "note")};
    if (u.code.empty() || u.name.empty())
      return Status::Parse(units.Where(r) + ": a unit needs a code and a name");
    if (impl->unit_by_code.count(u.code))
      return Status::Parse(units.Where(r) + ": unit " + u.code + " listed twice");
    impl->unit_by_code[u.code] = impl->units.size();
    impl->units.push_back(std::move(u));
  }
  auto add_alias = [&](const std::string& alias, const std::string& code,
                       const std::string& from, const std::string& to,
                       const std::string& source) {
    RefAlias a{FoldName(alias), code, alias, from, to, source};
    if (a.folded.empty()) return;
    for (size_t i : impl->alias_by_folded[a.folded]) {  // one row per key
      const RefAlias& b = impl->aliases[i];
      if (b.code == a.code && b.valid_from == a.valid_from) return;
    }
    const std::string spaced = FoldName(alias, true);
    impl->max_alias_words =
        std::max(impl->max_alias_words,
                 static_cast<size_t>(std::count(spaced.begin(), spaced.end(), ' ') + 1));
    impl->alias_by_folded[a.folded].push_back(impl->aliases.size());
    impl->aliases.push_back(std::move(a));
  };
  VNREFORM_RETURN_IF_ERROR(
      open("unit_names.tsv", &names, {"code", "name", "short_name"}));
  for (size_t r = 0; r < names.size(); ++r) {
    RefUnitName n{names.Get(r, "code"), names.Get(r, "name"), names.Get(r, "short_name"),
                  names.Get(r, "valid_from"), names.Get(r, "valid_to")};
    if (!impl->Unit(n.code))
      return Status::Parse(names.Where(r) + ": unknown unit code '" + n.code + "'");
    add_alias(n.name, n.code, n.valid_from, n.valid_to, "unit_names.tsv");
    add_alias(n.short_name, n.code, n.valid_from, n.valid_to, "unit_names.tsv");
    impl->names.push_back(std::move(n));
  }
  VNREFORM_RETURN_IF_ERROR(open("unit_aliases.tsv", &aliases, {"alias", "code"}));
  for (size_t r = 0; r < aliases.size(); ++r) {
    const std::string& code = aliases.Get(r, "code");
    if (!impl->Unit(code))
      return Status::Parse(aliases.Where(r) + ": unknown unit code '" + code + "'");
    add_alias(aliases.Get(r, "alias"), code, aliases.Get(r, "valid_from"),
              aliases.Get(r, "valid_to"), "unit_aliases.tsv");
  }
  VNREFORM_RETURN_IF_ERROR(
      open("succession.tsv", &succession, {"old_code", "new_code", "effective"}));
  for (size_t r = 0; r < succession.size(); ++r) {
    const std::string &o = succession.Get(r, "old_code"),
                      &n = succession.Get(r, "new_code"),
                      &e = succession.Get(r, "effective");
    if (!impl->Unit(o) || !impl->Unit(n))
      return Status::Parse(succession.Where(r) + ": unknown unit code");
    impl->successors.emplace(o, std::make_pair(e, n));
    impl->succession_rows.emplace_back(o, n);
    impl->succession_effective.push_back(e);
  }
  VNREFORM_RETURN_IF_ERROR(open("indices.tsv", &indices, {"code", "name", "vi_name"}));
  std::set<std::string> index_codes;
  for (size_t r = 0; r < indices.size(); ++r) {
    RefIndex i{indices.Get(r, "code"),       indices.Get(r, "name"),
               indices.Get(r, "vi_name"),    indices.Get(r, "publisher"),
               indices.Get(r, "scale_kind"), indices.Get(r, "scale_max"),
               indices.Get(r, "note")};
    index_codes.insert(i.code);
    impl->indices.push_back(std::move(i));
  }
  VNREFORM_RETURN_IF_ERROR(
      open("index_editions.tsv", &editions, {"index_code", "level", "data_year"}));
  for (size_t r = 0; r < editions.size(); ++r) {
    RefEdition e;
    e.index_code = editions.Get(r, "index_code");
    e.level = editions.Get(r, "level");
    if (!index_codes.count(e.index_code))
      return Status::Parse(editions.Where(r) + ": unknown index '" + e.index_code + "'");
    if (e.level != "province" && e.level != "ministry")
      return Status::Parse(editions.Where(r) + ": level must be province or ministry");
    try {
      e.data_year = std::stoi(editions.Get(r, "data_year"));
    } catch (...) {
      return Status::Parse(editions.Where(r) + ": data_year is not a year");
    }
    e.published_on = editions.Get(r, "published_on");
    e.n_units = editions.Get(r, "n_units");
    e.unit_set = editions.Get(r, "unit_set");
    e.top_n = editions.Get(r, "top_n");
    e.scale_max = editions.Get(r, "scale_max");
    e.note = editions.Get(r, "note");
    const std::string key =
        e.index_code + "|" + e.level + "|" + std::to_string(e.data_year);
    if (impl->edition_by_key.count(key))
      return Status::Parse(editions.Where(r) + ": edition " + key + " listed twice");
    impl->edition_by_key[key] = impl->editions.size();
    impl->editions.push_back(std::move(e));
  }
  VNREFORM_RETURN_IF_ERROR(open("index_aliases.tsv", &index_aliases,
                                {"alias", "index_code", "needs_context"}));
  for (size_t r = 0; r < index_aliases.size(); ++r) {
    RefIndexAlias a{FoldName(index_aliases.Get(r, "alias")),
                    index_aliases.Get(r, "index_code"), index_aliases.Get(r, "alias"),
                    index_aliases.Get(r, "needs_context") == "1"};
    if (!index_codes.count(a.index_code))
      return Status::Parse(index_aliases.Where(r) + ": unknown index '" + a.index_code +
                           "'");
    if (a.folded.empty() || impl->index_alias_by_folded.count(a.folded)) continue;
    impl->index_alias_by_folded[a.folded] = impl->index_aliases.size();
    impl->index_aliases.push_back(std::move(a));
  }
  for (const RefIndex& i : impl->indices) {  // the code and name are aliases too
    for (const std::string& n : {i.code, i.name, i.vi_name}) {
      std::string f = FoldName(n);
      if (f.empty() || impl->index_alias_by_folded.count(f)) continue;
      impl->index_alias_by_folded[f] = impl->index_aliases.size();
      impl->index_aliases.push_back({f, i.code, n, false});
    }
  }
  VNREFORM_RETURN_IF_ERROR(
      open("indicators.tsv", &indicators, {"prefix", "code", "name"}));
  for (size_t r = 0; r < indicators.size(); ++r)
    impl->indicators.push_back({FoldName(indicators.Get(r, "prefix"), true),
                                indicators.Get(r, "code"), indicators.Get(r, "name")});
  std::stable_sort(impl->indicators.begin(), impl->indicators.end(),
                   [](const RefIndicator& a, const RefIndicator& b) {
                     return a.folded.size() > b.folded.size();
                   });
  for (const auto& [name, b] : bytes) hash.Add(name).Add("\n").Add(b);
  impl->version = hash.Hex();
  out->reset(new Reference(std::move(impl)));
  return Status::Ok();
}

namespace {

SqlValue TextOrNull(const std::string& s) { return s.empty() ? SqlValue() : SqlValue(s); }
SqlValue NumberOrNull(const std::string& s) {
  if (s.empty()) return SqlValue();
  try {
    size_t used = 0;
    double d = std::stod(s, &used);
    if (used == s.size()) return d;
  } catch (...) {
  }
  return SqlValue();
}

}  // namespace

Status WriteReference(const Reference& reference, Store* store) {
  const Reference::Impl& ref = reference.impl();
  VNREFORM_RETURN_IF_ERROR(store->ExecSql(
      "DELETE FROM ref_meta; DELETE FROM ref_units; DELETE FROM ref_unit_names;"
      " DELETE FROM ref_unit_aliases; DELETE FROM ref_unit_succession;"
      " DELETE FROM ref_indices; DELETE FROM ref_index_editions;"
      " DELETE FROM ref_index_aliases; DELETE FROM ref_indicators;"));
  std::string files;
  for (const std::string& f : ref.files) files += (files.empty() ? "" : ",") + f;
  for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"data_version", ref.version}, {"files", files}})
    VNREFORM_RETURN_IF_ERROR(
        store->QuerySql("INSERT INTO ref_meta(key, value) VALUES(?1, ?2)", {k, v}));
  for (const RefUnit& u : ref.units)
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT INTO ref_units(code, kind, name, short_name, type, valid_from, valid_to,"
        " parent_code, note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        {u.code, u.kind, u.name, u.short_name, TextOrNull(u.type),
         TextOrNull(u.valid_from), TextOrNull(u.valid_to), TextOrNull(u.parent_code),
         TextOrNull(u.note)}));
  for (const RefUnitName& n : ref.names)
    VNREFORM_RETURN_IF_ERROR(
        store->QuerySql("INSERT OR IGNORE INTO ref_unit_names(code, name, short_name, "
                        "valid_from, valid_to)"
                        " VALUES(?1, ?2, ?3, ?4, ?5)",
                        {n.code, n.name, n.short_name, TextOrNull(n.valid_from),
                         TextOrNull(n.valid_to)}));
  for (const RefAlias& a : ref.aliases)
    VNREFORM_RETURN_IF_ERROR(
        store->QuerySql("INSERT OR IGNORE INTO ref_unit_aliases(folded, code, alias, "
                        "valid_from, valid_to,"
                        " source) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                        {a.folded, a.code, a.alias, TextOrNull(a.valid_from),
                         TextOrNull(a.valid_to), a.source}));
  for (size_t i = 0; i < ref.succession_rows.size(); ++i)
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT OR IGNORE INTO ref_unit_succession(old_code, new_code, effective)"
        " VALUES(?1, ?2, ?3)",
        {ref.succession_rows[i].first, ref.succession_rows[i].second,
         ref.succession_effective[i]}));
  for (const RefIndex& i : ref.indices)
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT INTO ref_indices(code, name, vi_name, publisher, scale_kind, scale_max, "
        "note)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        {i.code, i.name, i.vi_name, TextOrNull(i.publisher), TextOrNull(i.scale_kind),
         NumberOrNull(i.scale_max), TextOrNull(i.note)}));
  for (const RefEdition& e : ref.editions)
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT INTO ref_index_editions(index_code, level, data_year, published_on, "
        "n_units,"
        " unit_set, top_n, scale_max, note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        {e.index_code, e.level, static_cast<int64_t>(e.data_year),
         TextOrNull(e.published_on), NumberOrNull(e.n_units), TextOrNull(e.unit_set),
         NumberOrNull(e.top_n), NumberOrNull(e.scale_max), TextOrNull(e.note)}));
  for (const RefIndexAlias& a : ref.index_aliases)
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT OR IGNORE INTO ref_index_aliases(folded, index_code, alias, "
        "needs_context)"
        " VALUES(?1, ?2, ?3, ?4)",
        {a.folded, a.index_code, a.alias, static_cast<int64_t>(a.needs_context)}));
  for (const RefIndicator& i : ref.indicators)
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT OR IGNORE INTO ref_indicators(folded, code, name) VALUES(?1, ?2, ?3)",
        {i.folded, i.code, i.name}));
  return Status::Ok();
}

}  // namespace vnreform
