// Loads rule files (TOML, via toml++) into a RuleSet: [defs] shared by every
// file and expanded into patterns as {{name}}, and [[rule]] tables. Every
// error names file:line. The only file that includes toml++.
// Tested by tests/extract_test.cc.
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "core/hash.h"
#include "extract/extract_internal.h"

namespace vnreform {
namespace {

namespace fs = std::filesystem;

struct Loader {
  std::map<std::string, std::string> defs;
  std::set<std::string> ids;
  RuleSet* out;
};

std::string Where(const std::string& file, const toml::node& n) {
  return file + ":" + std::to_string(n.source().begin.line);
}

Status Error(const std::string& where, const std::string& rule_id,
             const std::string& message) {
  return Status::Parse(where + ": " +
                       (rule_id.empty() ? "" : "rule \"" + rule_id + "\": ") + message);
}

// "{{num}}" -> "(?:<def>)", recursively; unknown names are errors.
Status Expand(const Loader& l, const std::string& in, int depth, std::string* out) {
  if (depth > 8) return Status::Parse("{{...}} definitions nest too deep");
  out->clear();
  size_t pos = 0;
  while (true) {
    size_t b = in.find("{{", pos);
    if (b == std::string::npos) break;
    size_t e = in.find("}}", b);
    if (e == std::string::npos) break;
    out->append(in, pos, b - pos);
    const std::string name = in.substr(b + 2, e - b - 2);
    auto it = l.defs.find(name);
    if (it == l.defs.end()) return Status::Parse("unknown definition {{" + name + "}}");
    std::string inner;
    VNREFORM_RETURN_IF_ERROR(Expand(l, it->second, depth + 1, &inner));
    *out += "(?:" + inner + ")";
    pos = e + 2;
  }
  out->append(in, pos, std::string::npos);
  return Status::Ok();
}

// "int(num)" -> converter "int", args {num}.
Status ParseProduction(const std::string& name, const std::string& text, FieldSpec* out) {
  const size_t open = text.find('('), close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open)
    return Status::Parse("field \"" + name + "\": expected converter(args), got \"" +
                         text + "\"");
  auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
  };
  out->name = name;
  out->converter = trim(text.substr(0, open));
  out->args.clear();
  std::stringstream args(text.substr(open + 1, close - open - 1));
  for (std::string a; std::getline(args, a, ',');) out->args.push_back(trim(a));
  if (out->args.size() == 1 && out->args[0].empty()) out->args.clear();
  std::string error;
  if (!KnownConverter(out->converter, out->args.size(), &error))
    return Status::Parse("field \"" + name + "\": " + error);
  return Status::Ok();
}

// An integer key: absent = `def`; false for a float, a string or a value
// beyond int (toml++'s value_or would convert those, a float out of range
// with undefined behaviour: found by the rules fuzzer).
template <typename View>
bool ReadInt(View v, int def, int* out) {
  if (!v) {
    *out = def;
    return true;
  }
  const auto* i = v.as_integer();
  if (i == nullptr || i->get() < std::numeric_limits<int>::min() ||
      i->get() > std::numeric_limits<int>::max())
    return false;
  *out = static_cast<int>(i->get());
  return true;
}

Field ValueOf(const std::string& name, const toml::node& n) {
  if (const auto* i = n.as_integer())
    return {name, std::to_string(i->get()), Field::kInt};
  if (const auto* d = n.as_floating_point()) {
    std::ostringstream s;
    s << d->get();
    return {name, s.str(), Field::kNumber};
  }
  if (auto s = n.value<std::string>()) return {name, *s, Field::kString};
  return {name, "", Field::kString};
}

Status ParseExample(const std::string& file, const std::string& id, const toml::node& n,
                    RuleExample* ex) {
  ex->line = static_cast<int>(n.source().begin.line);
  if (auto s = n.value<std::string>()) {
    ex->text = *s;
    return Status::Ok();
  }
  const toml::table* t = n.as_table();
  if (t == nullptr || !(*t)["text"].is_string())
    return Error(Where(file, n), id, "an example is a string or {text = ...}");
  ex->text = *(*t)["text"].value<std::string>();
  ex->match = (*t)["match"].value_or(std::string());
  if (const toml::table* f = (*t)["fields"].as_table())
    for (auto&& [k, v] : *f) ex->fields.push_back(ValueOf(std::string(k.str()), v));
  return Status::Ok();
}

Status ParseExamples(const std::string& file, const std::string& id, const toml::node* n,
                     std::vector<RuleExample>* out) {
  if (n == nullptr) return Status::Ok();
  const toml::array* a = n->as_array();
  if (a == nullptr) return Error(Where(file, *n), id, "examples must be an array");
  for (const toml::node& e : *a) {
    RuleExample ex;
    VNREFORM_RETURN_IF_ERROR(ParseExample(file, id, e, &ex));
    out->push_back(std::move(ex));
  }
  return Status::Ok();
}

const std::set<std::string>& KnownKeys() {
  static const std::set<std::string> kKeys = {
      "id",         "type",      "description",
      "pattern",    "priority",  "anchor",
      "not_before", "not_after", "max_line",
      "once",       "exclusive", "end_with",
      "merge",      "emit",      "needs",
      "fields",     "examples",  "counter_examples",
      "only_after", "list",      "item"};
  return kKeys;
}

Status ParseRule(Loader* l, const std::string& file, const toml::table& t, Rule* r) {
  r->file = file;
  r->line = static_cast<int>(t.source().begin.line);
  const std::string where = file + ":" + std::to_string(r->line);
  r->id = t["id"].value_or(std::string());
  if (r->id.empty()) return Error(where, "", "rule has no id");
  for (auto&& [k, v] : t)
    if (!KnownKeys().count(std::string(k.str())))
      return Error(Where(file, v), r->id, "unknown key \"" + std::string(k.str()) + "\"");
  if (!l->ids.insert(r->id).second) return Error(where, r->id, "id defined twice");
  r->type = t["type"].value_or(std::string());
  if (r->type.empty()) return Error(where, r->id, "rule has no type");
  r->description = t["description"].value_or(std::string());
  if (!ReadInt(t["priority"], 50, &r->priority))
    return Error(where, r->id, "priority: a whole number");
  r->anchor = t["anchor"].value_or(std::string());
  if (!ReadInt(t["max_line"], 0, &r->max_line))
    return Error(where, r->id, "max_line: a whole number");
  r->once = t["once"].value_or(false);
  r->exclusive = t["exclusive"].value_or(true);
  r->end_with = t["end_with"].value_or(std::string());
  r->merge = t["merge"].value_or(std::string());
  r->emit = t["emit"].value_or(true);
  if (const toml::node* n = t.get("needs")) {
    if (const toml::array* a = n->as_array()) {
      for (const toml::node& e : *a) {
        if (!e.is_string())
          return Error(Where(file, e), r->id, "needs: a list of record types");
        r->needs.push_back(e.value_or(std::string()));
      }
    } else if (n->is_string()) {
      r->needs.push_back(n->value_or(std::string()));
    } else {
      return Error(Where(file, *n), r->id, "needs: a record type or a list of them");
    }
  }
  const std::string raw = t["pattern"].value_or(std::string());
  if (raw.empty()) return Error(where, r->id, "rule has no pattern");
  Status s = Expand(*l, raw, 0, &r->pattern);
  if (s.ok()) s = Expand(*l, t["not_before"].value_or(std::string()), 0, &r->not_before);
  if (s.ok()) s = Expand(*l, t["not_after"].value_or(std::string()), 0, &r->not_after);
  if (s.ok()) s = Expand(*l, t["only_after"].value_or(std::string()), 0, &r->only_after);
  r->list = t["list"].value_or(std::string());
  if (s.ok()) s = Expand(*l, t["item"].value_or(std::string()), 0, &r->item);
  if (!s.ok()) return Error(where, r->id, s.message());
  if (r->list.empty() != r->item.empty())
    return Error(where, r->id, "list and item go together: a group and a pattern");
  if (const toml::table* f = t["fields"].as_table()) {
    // toml++ iterates keys sorted; records list fields as the author wrote them.
    std::vector<std::pair<toml::source_position, FieldSpec>> specs;
    for (auto&& [k, v] : *f) {
      FieldSpec spec;
      Status fs = ParseProduction(std::string(k.str()), v.value_or(std::string()), &spec);
      if (!fs.ok()) return Error(Where(file, v), r->id, fs.message());
      specs.emplace_back(k.source().begin, std::move(spec));
    }
    std::stable_sort(specs.begin(), specs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [pos, spec] : specs) r->fields.push_back(std::move(spec));
  }
  VNREFORM_RETURN_IF_ERROR(ParseExamples(file, r->id, t.get("examples"), &r->examples));
  return ParseExamples(file, r->id, t.get("counter_examples"), &r->counter_examples);
}

Status ParseLink(const std::string& file, const toml::node& n, LinkSpec* l) {
  const toml::table* t = n.as_table();
  const std::string where = Where(file, n);
  if (t == nullptr) return Error(where, "", "[[link]] must be a table");
  static const std::set<std::string> kKeys = {"type",  "field", "from",    "value",
                                              "where", "scope", "max_gap", "rules"};
  for (auto&& [k, v] : *t)
    if (!kKeys.count(std::string(k.str())))
      return Error(Where(file, v), "",
                   "[[link]]: unknown key \"" + std::string(k.str()) + "\"");
  l->file = file;
  l->line = static_cast<int>(n.source().begin.line);
  l->type = (*t)["type"].value_or(std::string());
  l->field = (*t)["field"].value_or(std::string());
  l->from = (*t)["from"].value_or(std::string());
  l->value = (*t)["value"].value_or(std::string());
  l->where = (*t)["where"].value_or(std::string("before"));
  l->scope = (*t)["scope"].value_or(std::string("sentence"));
  if (!ReadInt((*t)["max_gap"], 0, &l->max_gap))
    return Error(where, "", "[[link]]: max_gap: a whole number");
  if (const toml::node* rules = t->get("rules")) {
    const toml::array* a = rules->as_array();
    if (a == nullptr) return Error(where, "", "[[link]]: rules: a list of rule ids");
    for (const toml::node& e : *a) {
      if (!e.is_string()) return Error(where, "", "[[link]]: rules: a list of rule ids");
      l->rules.push_back(e.value_or(std::string()));
    }
  }
  if (l->type.empty() || l->field.empty() || l->from.empty() || l->value.empty())
    return Error(where, "", "[[link]] needs type, field, from and value");
  if (l->where != "before" && l->where != "after")
    return Error(where, "", "[[link]]: where is \"before\" or \"after\"");
  if (l->scope != "clause" && l->scope != "sentence" && l->scope != "paragraph" &&
      l->scope != "article")
    return Error(where, "",
                 "[[link]]: scope is \"clause\", \"sentence\", \"paragraph\" or "
                 "\"article\"");
  return Status::Ok();
}

// [types.NAME] tables: what the document-level steps do with NAME records.
Status ParseTypes(const std::string& file, const toml::table& types,
                  std::vector<TypeDecl>* out) {
  static const std::set<std::string> kKeys = {
      "role",      "field",  "field_2025", "metadata_rule", "drop_without",
      "drop_with", "key",    "key_fields", "refers",        "year",
      "year_from", "refine", "refine_from"};
  static const std::map<std::string, TypeDecl::Role> kRoles = {
      {"publication_date", TypeDecl::kPublicationDate},
      {"locality", TypeDecl::kLocality},
      {"furniture", TypeDecl::kFurniture},
      {"identity", TypeDecl::kIdentity}};
  for (auto&& [name, node] : types) {
    const std::string where = Where(file, node);
    const toml::table* t = node.as_table();
    if (t == nullptr)
      return Error(where, "", "[types." + std::string(name.str()) + "] must be a table");
    for (auto&& [k, v] : *t)
      if (!kKeys.count(std::string(k.str())))
        return Error(Where(file, v), "",
                     "[types]: unknown key \"" + std::string(k.str()) + "\"");
    TypeDecl d;
    d.type = std::string(name.str());
    if (std::any_of(out->begin(), out->end(),
                    [&](const TypeDecl& o) { return o.type == d.type; }))
      return Error(where, "", "[types." + d.type + "] declared twice");
    const std::string role = (*t)["role"].value_or(std::string());
    if (!role.empty()) {
      auto r = kRoles.find(role);
      if (r == kRoles.end())
        return Error(
            where, "",
            "[types." + d.type +
                "]: role is \"publication_date\", \"locality\", \"furniture\" or "
                "\"identity\"");
      d.role = r->second;
      if (std::any_of(out->begin(), out->end(),
                      [&](const TypeDecl& o) { return o.role == d.role; }))
        return Error(where, "",
                     "[types." + d.type + "]: another type has role \"" + role + "\"");
    }
    d.field = (*t)["field"].value_or(std::string());
    d.field_2025 = (*t)["field_2025"].value_or(std::string());
    d.metadata_rule = (*t)["metadata_rule"].value_or(std::string());
    d.drop_without = (*t)["drop_without"].value_or(std::string());
    d.key = (*t)["key"].value_or(std::string());
    d.refers = (*t)["refers"].value_or(std::string());
    d.year = (*t)["year"].value_or(std::string());
    d.date = (*t)["year_from"].value_or(std::string());
    d.refine = (*t)["refine"].value_or(std::string());
    d.refine_from = (*t)["refine_from"].value_or(std::string());
    if (const toml::node* kf = t->get("key_fields")) {
      const toml::array* a = kf->as_array();
      if (a == nullptr)
        return Error(Where(file, *kf), "", "[types]: key_fields is a list of strings");
      for (const toml::node& e : *a) {
        if (!e.is_string())
          return Error(Where(file, e), "", "[types]: key_fields is a list of strings");
        d.key_fields.push_back(*e.value<std::string>());
      }
    }
    if (d.role == TypeDecl::kIdentity &&
        (d.field.empty() || d.key.empty() || d.key_fields.empty()))
      return Error(
          where, "",
          "[types." + d.type + "]: role \"identity\" needs field, key and key_fields");
    d.drop_with = (*t)["drop_with"].value_or(std::string());
    if ((d.role == TypeDecl::kPublicationDate || d.role == TypeDecl::kLocality) &&
        d.field.empty())
      return Error(where, "",
                   "[types." + d.type + "]: role \"" + role + "\" needs field");
    if (d.role == TypeDecl::kPublicationDate && d.metadata_rule.empty())
      return Error(where, "",
                   "[types." + d.type + "]: role \"" + role + "\" needs metadata_rule");
    out->push_back(std::move(d));
  }
  return Status::Ok();
}

// The [lexicon] table: word lists (arrays of strings) and words with a
// number (tables), each read by one converter or step.
Status ParseLexicons(const std::string& file, const toml::table& t, Lexicons* out) {
  auto words = [&](const toml::node& n, auto* set) {
    const toml::array* a = n.as_array();
    if (a == nullptr) return false;
    for (const toml::node& e : *a) {
      if (!e.is_string()) return false;
      set->insert(set->end(), *e.value<std::string>());
    }
    return true;
  };
  auto numbers = [&](const toml::node& n, auto* map) {
    const toml::table* m = n.as_table();
    if (m == nullptr) return false;
    for (auto&& [k, v] : *m) {
      if (!v.is_number()) return false;
      using Value = typename std::decay_t<decltype(*map)>::mapped_type;
      (*map)[std::string(k.str())] = *v.template value<Value>();
    }
    return true;
  };
  for (auto&& [k, v] : t) {
    const std::string name(k.str());
    bool ok;
    if (name == "scale")
      ok = numbers(v, &out->scale);
    else if (name == "quarter")
      ok = numbers(v, &out->quarter);
    else if (name == "day_word")
      ok = numbers(v, &out->day_word);
    else if (name == "month_word")
      ok = numbers(v, &out->month_word);
    else if (name == "negative")
      ok = words(v, &out->negative);
    else if (name == "phrase_stop")
      ok = words(v, &out->phrase_stop);
    else if (name == "phrase_list")
      ok = words(v, &out->phrase_list);
    else if (name == "phrase_head")
      ok = words(v, &out->phrase_head);
    else if (name == "phrase_word")
      ok = words(v, &out->phrase_word);
    else if (name == "year_cue")
      ok = words(v, &out->year_cue);
    else if (name == "year_target")
      ok = words(v, &out->year_target);
    else if (name == "year_edition")
      ok = words(v, &out->year_edition);
    else
      return Error(Where(file, v), "",
                   "[lexicon]: unknown list \"" + name +
                       "\" (known: scale, quarter, day_word, month_word, negative, "
                       "phrase_stop, phrase_list, phrase_head, phrase_word, year_cue, "
                       "year_target, "
                       "year_edition)");
    if (!ok)
      return Error(Where(file, v), "",
                   "[lexicon] " + name +
                       (name == "scale" || name == "quarter" || name == "day_word" ||
                                name == "month_word"
                            ? ": a table of words and numbers"
                            : ": a list of strings"));
  }
  return Status::Ok();
}

// The [relevance] table: threshold, max_count and terms (RE2 pattern =
// weight). One per rule set.
Status ParseRelevance(const std::string& file, const toml::node& n, Relevance* out) {
  const toml::table* t = n.as_table();
  if (t == nullptr) return Error(Where(file, n), "", "[relevance] must be a table");
  if (!out->terms.empty()) return Error(Where(file, n), "", "[relevance] defined twice");
  for (auto&& [k, v] : *t) {
    const std::string key(k.str());
    if (key == "threshold" && v.is_number()) {
      out->threshold = *v.value<double>();
    } else if (key == "max_count" && v.is_integer() && *v.value<int64_t>() > 0) {
      out->max_count = static_cast<int>(*v.value<int64_t>());
    } else if (key == "terms" && v.is_table()) {
      for (auto&& [pattern, w] : *v.as_table()) {
        if (!w.is_number())
          return Error(Where(file, w), "", "[relevance.terms]: a weight is a number");
        out->terms.emplace_back(std::string(pattern.str()), *w.value<double>());
      }
    } else {
      return Error(Where(file, v), "",
                   "[relevance]: \"" + key +
                       "\" is not threshold (a number), max_count (a positive "
                       "integer) or terms (a table of patterns and weights)");
    }
  }
  if (out->terms.empty()) return Error(Where(file, n), "", "[relevance]: no terms");
  return Status::Ok();
}

Status ReadFile(const std::string& file, std::string* bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot read rule file");
  std::stringstream ss;
  ss << in.rdbuf();
  *bytes = ss.str();
  return Status::Ok();
}

Status ParseFile(const std::string& file, const std::string& bytes, toml::table* out) {
  try {
    *out = toml::parse(bytes, file);
  } catch (const toml::parse_error& e) {
    return Status::Parse(file + ":" + std::to_string(e.source().begin.line) + ":" +
                         std::to_string(e.source().begin.column) + ": " +
                         std::string(e.description()));
  }
  return Status::Ok();
}

Status RuleFiles(const std::string& path, std::vector<std::string>* files) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    files->push_back(path);
    return Status::Ok();
  }
  if (!fs::is_directory(path, ec))
    return Status::NotFound(path + ": no such rule file or directory");
  for (const auto& e : fs::recursive_directory_iterator(path, ec))
    if (e.is_regular_file() && e.path().extension() == ".toml")
      files->push_back(e.path().string());
  if (ec) return Status::IOError(path + ": " + ec.message());
  std::sort(files->begin(), files->end());
  if (files->empty()) return Status::NotFound(path + ": no *.toml rule files");
  return Status::Ok();
}

}  // namespace

namespace {

// `files` name the sources in messages; sources[i].text is files[i]'s text.
Status LoadFrom(std::vector<std::string> files, std::vector<RuleSource> sources,
                RuleSet* out) {
  *out = RuleSet();
  out->files = std::move(files);
  out->sources = std::move(sources);
  Loader l{{}, {}, out};
  std::vector<toml::table> tables(out->files.size());
  Fnv64 hash;
  for (size_t i = 0; i < out->files.size(); ++i) {
    const RuleSource& src = out->sources[i];
    VNREFORM_RETURN_IF_ERROR(ParseFile(out->files[i], src.text, &tables[i]));
    // The NUL ends the name, so "a.toml" + "bc" and "a.tomlb" + "c" differ.
    hash.Add(src.name).Add(std::string_view("\0", 1)).Add(src.text);
    if (const toml::table* d = tables[i]["defs"].as_table()) {
      for (auto&& [k, v] : *d) {
        if (!v.is_string())
          return Error(Where(out->files[i], v), "", "a definition is a string");
        if (!l.defs.emplace(std::string(k.str()), *v.value<std::string>()).second)
          return Error(Where(out->files[i], v), "",
                       "definition \"" + std::string(k.str()) + "\" defined twice");
      }
    }
  }
  for (size_t i = 0; i < out->files.size(); ++i) {
    const toml::table* maps = tables[i]["maps"].as_table();
    if (maps == nullptr) continue;
    for (auto&& [name, table] : *maps) {
      if (!table.is_table())
        return Error(Where(out->files[i], table), "",
                     "[maps." + std::string(name.str()) + "] must be a table");
      auto& m = out->maps[std::string(name.str())];
      for (auto&& [k, v] : *table.as_table()) {
        if (!v.is_string())
          return Error(Where(out->files[i], v), "", "a map value is a string");
        m[std::string(k.str())] = *v.value<std::string>();
      }
    }
  }
  for (size_t i = 0; i < out->files.size(); ++i) {
    const std::string& file = out->files[i];
    for (auto&& [k, v] : tables[i])
      if (k.str() != "rule" && k.str() != "defs" && k.str() != "link" &&
          k.str() != "maps" && k.str() != "types" && k.str() != "lexicon" &&
          k.str() != "relevance")
        return Error(Where(file, v), "",
                     "unknown top-level key \"" + std::string(k.str()) +
                         "\" (expected [defs], [maps.X], [types.X], "
                         "[lexicon], [relevance], [[rule]] or [[link]])");
    if (const toml::node* types = tables[i].get("types")) {
      if (!types->is_table())
        return Error(Where(file, *types), "", "[types] must be a table");
      VNREFORM_RETURN_IF_ERROR(ParseTypes(file, *types->as_table(), &out->types));
    }
    if (const toml::node* lex = tables[i].get("lexicon")) {
      if (!lex->is_table())
        return Error(Where(file, *lex), "", "[lexicon] must be a table");
      VNREFORM_RETURN_IF_ERROR(ParseLexicons(file, *lex->as_table(), &out->lexicons));
    }
    if (const toml::node* rel = tables[i].get("relevance"))
      VNREFORM_RETURN_IF_ERROR(ParseRelevance(file, *rel, &out->relevance));
    if (const toml::array* links = tables[i]["link"].as_array()) {
      for (const toml::node& n : *links) {
        LinkSpec l;
        VNREFORM_RETURN_IF_ERROR(ParseLink(file, n, &l));
        out->links.push_back(std::move(l));
      }
    }
    const toml::array* rules = tables[i]["rule"].as_array();
    if (rules == nullptr) continue;
    for (const toml::node& n : *rules) {
      if (!n.is_table()) return Error(Where(file, n), "", "[[rule]] must be a table");
      Rule r;
      VNREFORM_RETURN_IF_ERROR(ParseRule(&l, file, *n.as_table(), &r));
      out->rules.push_back(std::move(r));
    }
  }
  out->version = "r-" + hash.Hex().substr(0, 12);
  return Status::Ok();
}

}  // namespace

Status LoadRules(const std::string& path, RuleSet* out) {
  *out = RuleSet();
  std::vector<std::string> files;
  VNREFORM_RETURN_IF_ERROR(RuleFiles(path, &files));
  std::vector<RuleSource> sources(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    sources[i].name = fs::path(files[i]).filename().string();
    VNREFORM_RETURN_IF_ERROR(ReadFile(files[i], &sources[i].text));
  }
  return LoadFrom(std::move(files), std::move(sources), out);
}

Status LoadRulesFromSources(const std::vector<RuleSource>& sources, RuleSet* out) {
  std::vector<std::string> files;
  for (const RuleSource& src : sources) files.push_back(src.name);
  return LoadFrom(std::move(files), sources, out);
}

}  // namespace vnreform
