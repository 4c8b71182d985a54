// vnreform's command line: a thin layer over the pipeline that parses flags,
// prints help and summaries, and turns Status into messages and exit codes
// (0 ok, 1 some inputs failed, 2 usage or set-up error).
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <cstdio>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "clean/clean.h"
#include "cli/commands.h"
#include "fetch/fetch.h"
#include "json/json.h"
#include "normalize/normalize.h"
#include "pipeline/pipeline.h"
#include "store/frontier.h"
#include "store/store.h"

namespace vnreform {
namespace {

constexpr int kOk = 0, kInputsFailed = 1, kUsage = 2;

const char kMainHelp[] =
    "vnreform: mine Vietnamese administrative-reform articles into SQLite.\n"
    "\n"
    "usage: vnreform COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run       run the pipeline over files and directories into a database\n"
    "  fetch     crawl URL lists, sitemaps and feeds into a database\n"
    "  reextract rerun the extract stage over a database after the rules changed\n"
    "  export    write the records of a database as JSONL or CSV\n"
    "  stats     counts of articles, records per type and errors\n"
    "  rules     check the rule files: 'rules test', 'rules list'\n"
    "  explain   show how the rules read one text or file\n"
    "  clean     print the main text of HTML pages\n"
    "  normalize print the normalized form of a text or file\n"
    "\n"
    "'vnreform COMMAND --help' describes a command. Exit codes: 0 ok,\n"
    "1 some inputs failed (the rest were stored), 2 usage or set-up error.\n";

struct CommandHelp {
  const char* usage;
  const char* text;
};

const std::map<std::string, CommandHelp>& Helps() {
  static const std::map<std::string, CommandHelp> kHelps = {
      {"run",
       {"vnreform run PATH... --db FILE [--rules DIR] [--threads N] [--force]"
        " [--quiet | --verbose]",
        "Reads .txt, .html/.htm, .jsonl and .jsonl.zst files (directories are\n"
        "walked recursively), cleans HTML, normalizes, extracts records with\n"
        "the rules and stores everything in the SQLite database FILE.\n"
        "A rerun skips articles whose content and rules are unchanged; a run\n"
        "that was killed resumes where its last batch was committed.\n"
        "  --db FILE      database to create or update (required)\n"
        "  --rules DIR    rule files (default: the project's rules/)\n"
        "  --threads N    cores to use (default: all); 1 runs every stage in turn\n"
        "                 in one thread, N > 1 a reader, N workers and a writer\n"
        "  --batch N      articles per transaction (default: 256)\n"
        "  --force        reprocess unchanged articles too\n"
        "  --progress     the progress line even when stderr is not a terminal\n"
        "  --quiet        only the summary: no progress line, no errors as they come\n"
        "  --verbose      also each file as it starts and ends (with its counts)\n"
        "                 and each warning as it comes\n"
        "Output (stderr): on a terminal a progress line (articles, MB read,\n"
        "articles/s, MB/s, and % done with an ETA from the inputs' size; for\n"
        ".zst the compressed bytes), each failed input as it comes, and a\n"
        "summary. Every error and warning is also kept in the database (view\n"
        "last_run_issues).\n"
        "Limits: a file or JSONL line over 16 MiB, or an article text over\n"
        "10 MiB, is refused with an error naming it; the run goes on.\n"}},
      {"fetch",
       {"vnreform fetch (--urls FILE | --sitemap URL | --feed URL | --resume)... --db FILE"
        " [--contact EMAIL_OR_URL] [options]",
        "Fetches pages politely (robots.txt, per-host limits and delays, retries\n"
        "with backoff, Retry-After) and runs each HTML page through the pipeline.\n"
        "Every response is stored (zstd) before it is processed; the frontier is\n"
        "in the database, so a killed fetch resumes with --resume. URLs are\n"
        "canonicalised (tracking parameters dropped) and fetched once.\n"
        "  --urls FILE          one URL a line ('#' comments); repeatable\n"
        "  --sitemap URL        a sitemap or sitemap index; repeatable\n"
        "  --feed URL           an RSS or Atom feed; repeatable\n"
        "  --resume             go on with the stored frontier\n"
        "  --refetch            fetch given URLs again (If-None-Match/If-Modified-Since)\n"
        "  --contact TEXT       e-mail or URL put in the User-Agent ($VNREFORM_CONTACT)\n"
        "  --concurrency N      transfers at once (default: 50)\n"
        "  --per-host N         connections per host (default: 2)\n"
        "  --delay S            seconds between requests to one host (default: 1;\n"
        "                       a larger robots.txt Crawl-delay wins)\n"
        "  --retries N          for timeouts, 5xx and 429 (default: 3)\n"
        "  --backoff S          first retry delay, doubling, jittered (default: 1)\n"
        "  --timeout S          per transfer (default: 60); --connect-timeout S (10)\n"
        "  --max-body BYTES     larger bodies fail (default: 16777216)\n"
        "  --max-redirects N    (default: 5)\n"
        "  --ignore-robots      do not fetch or obey robots.txt (own sites only)\n"
        "  --threads N, --rules DIR, --quiet, --progress   as for 'run'\n"
        "Ctrl-C stops cleanly; transfers in flight stay queued.\n"}},
      {"reextract",
       {"vnreform reextract --db FILE [--rules DIR] [--threads N] [--force] [--quiet]",
        "Reruns only the extract stage, from the stored normalized text, for the\n"
        "articles whose records were made with other rules, and replaces their\n"
        "records. Every run stores its rule files in the database; reextract\n"
        "compares them with DIR and redoes only the articles where a changed,\n"
        "added or removed rule matches (old or new form); where only a rule's\n"
        "pattern changed, only those where its old and new matches differ. The\n"
        "others keep their records, as do redone ones that come out the same;\n"
        "table current_rules says they are current. Changed [[link]]s, a changed\n"
        "rule with merge, or rules in a new order, redo all.\n"
        "  --db FILE      database to update (required)\n"
        "  --rules DIR    rule files (default: the project's rules/)\n"
        "  --threads N    worker threads (default: all cores)\n"
        "  --batch N      articles per transaction (default: 256)\n"
        "  --force        re-extract articles made with these rules too\n"
        "  --quiet        no progress line and no per-article messages\n"}},
      {"export",
       {"vnreform export --db FILE [--format jsonl|csv] [--type TYPE] [--out FILE]",
        "Writes every record (or those of one TYPE) in a stable order, one JSON\n"
        "object a line in the shape of the record contract, or CSV with one\n"
        "column per field.\n"
        "  --format F     jsonl (default) or csv\n"
        "  --type T       only records of type T (ratio, percent, date, ...)\n"
        "  --out FILE     write to FILE instead of standard output\n"}},
      {"stats",
       {"vnreform stats --db FILE [--json]",
        "Prints the number of articles, records per type, and the errors and\n"
        "warnings of the latest run.\n"
        "  --json         as one JSON object\n"}},
      {"rules",
       {"vnreform rules test [FILE...] [--rules DIR] | vnreform rules list [--rules DIR]",
        "test: loads the rule set and runs the examples of every rule (or of\n"
        "the rules in FILE...): each example must yield a record of its rule\n"
        "with the given fields, no counter-example may. Failures print as\n"
        "file:line: rule \"id\": message; exit 1 if any.\n"
        "list: one line per rule: id, type, priority, file:line.\n"}},
      {"explain",
       {"vnreform explain FILE_OR_TEXT [--rules DIR]",
        "Shows the normalized text, every candidate match with its rule, which\n"
        "one won each overlap and why, and the final records.\n"}},
      {"clean",
       {"vnreform clean PATH... [--json] [--out DIR] [--threads N]",
        "Prints the main text of each HTML page (directories are walked for\n"
        ".html/.htm files), one block a line, or its metadata and blocks as\n"
        "JSON. The page is decoded to UTF-8 first (BOM, <meta charset>, else\n"
        "detection). A listing or home page has kind \"listing\" and no text.\n"
        "  --json         one JSON object a page: kind, title, published,\n"
        "                 author, site, url, lang, charset, text, blocks\n"
        "  --out DIR      write DIR/<name>.txt (.json with --json) per page,\n"
        "                 name = file name without .html, instead of stdout\n"
        "  --threads N    worker threads (default: all cores)\n"}},
      {"normalize",
       {"vnreform normalize FILE_OR_TEXT",
        "Prints the normalized text (NFC, folded look-alikes, spaces and tone\n"
        "placement) and how many invalid UTF-8 sequences were repaired.\n"}},
  };
  return kHelps;
}

// Parsed flags: --name value / --name; the rest are positional.
struct Args {
  std::map<std::string, std::string> flags;
  std::vector<std::string> positional;
  bool Has(const std::string& f) const { return flags.count(f) > 0; }
  std::string Get(const std::string& f, const std::string& def = "") const {
    auto it = flags.find(f);
    return it == flags.end() ? def : it->second;
  }
};

int Usage(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "vnreform %s: %s\nusage: %s\n(see 'vnreform %s --help')\n",
               command.c_str(), message.c_str(), Helps().at(command).usage, command.c_str());
  return kUsage;
}

// Returns false (after printing why) on an unknown flag or a missing value.
bool ParseArgs(const std::string& command, int argc, char** argv,
               const std::set<std::string>& with_value,
               const std::set<std::string>& switches, Args* out) {
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      out->positional.push_back(a);
      continue;
    }
    std::string value;
    const size_t eq = a.find('=');
    if (eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
    }
    const std::string name = a.substr(2);
    if (with_value.count(name)) {
      if (eq == std::string::npos) {
        if (i + 1 >= argc) {
          Usage(command, "--" + name + " needs a value");
          return false;
        }
        value = argv[++i];
      }
      out->flags[name] = value;
    } else if (switches.count(name)) {
      out->flags[name] = "1";
    } else {
      Usage(command, "unknown option " + a);
      return false;
    }
  }
  return true;
}

bool WantsHelp(int argc, char** argv) {
  for (int i = 0; i < argc; ++i)
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) return true;
  return false;
}

void PrintHelp(const std::string& command) {
  const CommandHelp& h = Helps().at(command);
  std::printf("usage: %s\n\n%s", h.usage, h.text);
}

bool ParseInt(const std::string& s, int* out) {
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < 0 || v > 1 << 20) return false;
  *out = static_cast<int>(v);
  return true;
}

std::string CommandLine(int argc, char** argv) {
  std::string s = "vnreform";
  for (int i = 0; i < argc; ++i) s += std::string(" ") + argv[i];
  return s;
}

std::string ReadFileOrText(const std::string& arg, bool* is_file) {
  std::error_code ec;
  *is_file = std::filesystem::is_regular_file(arg, ec);
  if (!*is_file) return arg;
  std::ifstream in(arg, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `threads` run the rules' examples (0: all cores).
bool LoadRulesOrReport(const Args& args, const char* argv0, bool check, int threads,
                       std::unique_ptr<Extractor>* out) {
  const std::string path = FindRulesPath(args.Get("rules"), argv0);
  std::vector<std::string> problems;
  Status s = LoadExtractor(path, check, threads, out, &problems);
  if (s.ok()) return true;
  for (const std::string& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
  std::fprintf(stderr, "vnreform: cannot use the rules in %s: %s\n", path.c_str(),
               s.message().c_str());
  return false;
}

// Prints the one-line summary of a run or reextract ("N articles <done>,
// M <skipped>, ...") and returns the exit code.
int Summarize(const char* command, const char* done, const char* skipped, const Status& s,
              const RunReport& r) {
  std::string per_type;
  for (const auto& [type, n] : r.records)
    per_type += (per_type.empty() ? "" : ", ") + type + " " + std::to_string(n);
  std::fprintf(stderr,
               "vnreform: %lld articles %s%s, %lld %s, %lld failed; %lld records%s%s%s;"
               " %lld errors, %lld warnings; %.1f MB in %.2f s\n",
               static_cast<long long>(r.summary.articles), done,
               r.same > 0 ? (" (" + std::to_string(r.same) + " to the records they had)").c_str()
                          : "",
               static_cast<long long>(r.summary.unchanged), skipped,
               static_cast<long long>(r.summary.failed),
               static_cast<long long>(r.summary.records), per_type.empty() ? "" : " (",
               per_type.c_str(), per_type.empty() ? "" : ")", static_cast<long long>(r.errors),
               static_cast<long long>(r.summary.warnings), r.mbytes, r.summary.seconds);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform %s: %s\n", command, s.ToString().c_str());
    return kUsage;
  }
  return r.errors > 0 ? kInputsFailed : kOk;
}

int CmdRun(int argc, char** argv, const char* argv0) {
  Args args;
  if (!ParseArgs("run", argc, argv, {"db", "rules", "threads", "batch"},
                 {"force", "quiet", "verbose", "progress"}, &args))
    return kUsage;
  if (args.Has("quiet") && args.Has("verbose"))
    return Usage("run", "--quiet and --verbose contradict each other");
  if (args.positional.empty()) return Usage("run", "no input files or directories");
  if (!args.Has("db")) return Usage("run", "--db FILE is required");
  RunOptions o;
  o.inputs = args.positional;
  o.db_path = args.Get("db");
  o.command_line = CommandLine(argc, argv);
  o.force = args.Has("force");
  if (args.Has("threads") && !ParseInt(args.Get("threads"), &o.threads))
    return Usage("run", "--threads takes a whole number");
  if (args.Has("batch") && (!ParseInt(args.Get("batch"), &o.batch) || o.batch == 0))
    return Usage("run", "--batch takes a positive whole number");
  const bool quiet = args.Has("quiet"), verbose = args.Has("verbose");
  o.progress = !quiet && (args.Has("progress") || isatty(STDERR_FILENO));
  // A message goes above the progress line, which the next update redraws.
  auto print = [&](const std::string& line) {
    std::fprintf(stderr, "%s%s\n", o.progress ? "\r\033[K" : "", line.c_str());
  };
  if (!quiet) {
    o.on_issue = [&](const std::string&, const Issue& i) {  // messages name their input
      if (i.severity == Issue::kError)
        print("error: " + i.message);
      else if (verbose)
        print("warning: " + i.message);
    };
  }
  if (verbose) {
    o.on_file = [&](const FileEvent& e) {
      if (!e.done) return print("file " + e.path + ": started");
      print("file " + e.path + ": done, " + std::to_string(e.articles) + " stored, " +
            std::to_string(e.unchanged) + " unchanged, " + std::to_string(e.failed) +
            " failed, " + std::to_string(e.records) + " records");
    };
  }
  std::unique_ptr<Extractor> extractor;
  if (!LoadRulesOrReport(args, argv0, true, o.threads, &extractor)) return kUsage;
  RunReport r;
  Status s = Run(o, *extractor, &r);
  return Summarize("run", "stored", "unchanged", s, r);
}

int CmdReextract(int argc, char** argv, const char* argv0) {
  Args args;
  if (!ParseArgs("reextract", argc, argv, {"db", "rules", "threads", "batch"},
                 {"force", "quiet", "progress"}, &args))
    return kUsage;
  if (!args.positional.empty())
    return Usage("reextract", "unexpected argument " + args.positional[0]);
  if (!args.Has("db")) return Usage("reextract", "--db FILE is required");
  if (!std::filesystem::exists(args.Get("db")))
    return Usage("reextract", "no database " + args.Get("db"));
  ReextractOptions o;
  o.db_path = args.Get("db");
  o.command_line = CommandLine(argc, argv);
  o.force = args.Has("force");
  if (args.Has("threads") && !ParseInt(args.Get("threads"), &o.threads))
    return Usage("reextract", "--threads takes a whole number");
  if (args.Has("batch") && (!ParseInt(args.Get("batch"), &o.batch) || o.batch == 0))
    return Usage("reextract", "--batch takes a positive whole number");
  const bool quiet = args.Has("quiet");
  o.progress = !quiet && (args.Has("progress") || isatty(STDERR_FILENO));
  if (!quiet) {
    o.on_issue = [&](const std::string&, const Issue& i) {
      if (o.progress) std::fputs("\r\033[K", stderr);
      std::fprintf(stderr, "%s: %s\n", i.severity == Issue::kError ? "error" : "warning",
                   i.message.c_str());
    };
  }
  std::unique_ptr<Extractor> extractor;
  if (!LoadRulesOrReport(args, argv0, true, o.threads, &extractor)) return kUsage;
  RunReport r;
  Status s = Reextract(o, *extractor, &r);
  return Summarize("reextract", "re-extracted", "untouched by the changed rules", s, r);
}

std::string CsvQuote(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string RecordJson(const StoredRecord& r) {
  JsonObject o;
  o.Add("article", r.article).Add("type", r.type).Add("text", r.text);
  for (const Field& f : r.fields) o.AddField(f);
  o.AddInt("start", r.start).AddInt("end", r.end).Add("rule", r.rule_id);
  return o.Dump();
}

int CmdExport(int argc, char** argv) {
  Args args;
  if (!ParseArgs("export", argc, argv, {"db", "format", "type", "out"}, {}, &args))
    return kUsage;
  if (!args.positional.empty()) return Usage("export", "unexpected " + args.positional[0]);
  if (!args.Has("db")) return Usage("export", "--db FILE is required");
  const std::string format = args.Get("format", "jsonl");
  if (format != "jsonl" && format != "csv")
    return Usage("export", "--format is jsonl or csv, not " + format);
  if (!std::filesystem::exists(args.Get("db")))
    return std::fprintf(stderr, "vnreform export: %s: no such database\n",
                        args.Get("db").c_str()), kUsage;
  std::unique_ptr<Store> store;
  Status s = Store::Open(args.Get("db"), &store);
  std::ofstream file;
  if (s.ok() && args.Has("out")) {
    file.open(args.Get("out"), std::ios::binary);
    if (!file) s = Status::IOError(args.Get("out") + ": cannot write");
  }
  std::ostream& out = args.Has("out") ? static_cast<std::ostream&>(file) : std::cout;
  const std::string type = args.Get("type");
  if (s.ok() && format == "jsonl") {
    s = store->ForEachRecord(type, [&](const StoredRecord& r) { out << RecordJson(r) << '\n'; });
  } else if (s.ok()) {
    std::vector<std::string> names;  // field columns: first seen order
    s = store->ForEachRecord(type, [&](const StoredRecord& r) {
      for (const Field& f : r.fields)
        if (std::find(names.begin(), names.end(), f.name) == names.end())
          names.push_back(f.name);
    });
    out << "article,type,text";
    for (const std::string& n : names) out << ',' << CsvQuote(n);
    out << ",start,end,rule\n";
    if (s.ok()) {
      s = store->ForEachRecord(type, [&](const StoredRecord& r) {
        out << CsvQuote(r.article) << ',' << r.type << ',' << CsvQuote(r.text);
        Record tmp;
        tmp.fields = r.fields;
        for (const std::string& n : names) out << ',' << CsvQuote(tmp.Get(n));
        out << ',' << r.start << ',' << r.end << ',' << CsvQuote(r.rule_id) << '\n';
      });
    }
  }
  out.flush();
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform export: %s\n", s.ToString().c_str());
    return kUsage;
  }
  return kOk;
}

int CmdStats(int argc, char** argv) {
  Args args;
  if (!ParseArgs("stats", argc, argv, {"db"}, {"json"}, &args)) return kUsage;
  if (!args.Has("db")) return Usage("stats", "--db FILE is required");
  if (!std::filesystem::exists(args.Get("db")))
    return std::fprintf(stderr, "vnreform stats: %s: no such database\n",
                        args.Get("db").c_str()), kUsage;
  std::unique_ptr<Store> store;
  StoreStats st;
  Status s = Store::Open(args.Get("db"), &store);
  if (s.ok()) s = store->GetStats(&st);
  FetchStats fs;
  if (s.ok()) s = Frontier(store.get()).GetStats(&fs);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform stats: %s\n", s.ToString().c_str());
    return kUsage;
  }
  int64_t total = 0;
  for (const auto& [t, n] : st.records) total += n;
  if (args.Has("json")) {
    JsonObject records;
    for (const auto& [t, n] : st.records) records.AddInt(t, n);
    JsonObject o;
    o.AddInt("articles", st.articles).AddRaw("records", records.Dump())
        .AddInt("records_total", total).AddInt("errors", st.errors)
        .AddInt("warnings", st.warnings).AddInt("runs", st.runs)
        .AddInt("schema_version", st.schema_version).AddInt("pages", fs.pages)
        .AddInt("pages_failed", fs.pages_failed).AddInt("hosts", fs.hosts);
    std::printf("%s\n", o.Dump().c_str());
    return kOk;
  }
  std::printf("articles  %lld\nrecords   %lld\n", static_cast<long long>(st.articles),
              static_cast<long long>(total));
  for (const auto& [t, n] : st.records)
    std::printf("  %-10s %lld\n", t.c_str(), static_cast<long long>(n));
  std::printf("runs      %lld\nlatest run: %lld errors, %lld warnings\n",
              static_cast<long long>(st.runs), static_cast<long long>(st.errors),
              static_cast<long long>(st.warnings));
  return kOk;
}

int CmdRules(int argc, char** argv, const char* argv0) {
  Args args;
  if (!ParseArgs("rules", argc, argv, {"rules"}, {}, &args)) return kUsage;
  if (args.positional.empty()) return Usage("rules", "say 'rules test' or 'rules list'");
  const std::string sub = args.positional[0];
  std::vector<std::string> files(args.positional.begin() + 1, args.positional.end());
  std::unique_ptr<Extractor> ex;
  if (!LoadRulesOrReport(args, argv0, false, 1, &ex)) return kUsage;
  if (sub == "list") {
    for (const Rule& r : ex->rules().rules)
      std::printf("%-28s %-10s %4d  %s:%d\n", r.id.c_str(), r.type.c_str(), r.priority,
                  r.file.c_str(), r.line);
    return kOk;
  }
  if (sub != "test") return Usage("rules", "unknown subcommand " + sub);
  size_t n_examples = 0, n_rules = 0;
  for (const Rule& r : ex->rules().rules) {
    ++n_rules;
    n_examples += r.examples.size() + r.counter_examples.size();
  }
  const std::vector<ExampleFailure> failures = TestRuleExamples(*ex, files, 0);
  for (const ExampleFailure& f : failures) std::printf("%s\n", f.ToString().c_str());
  std::printf("rules %s: %zu rules, %zu examples; %zu failed\n",
              ex->rules().version.c_str(), n_rules, n_examples, failures.size());
  return failures.empty() ? kOk : kInputsFailed;
}

int CmdExplain(int argc, char** argv, const char* argv0) {
  Args args;
  if (!ParseArgs("explain", argc, argv, {"rules"}, {}, &args)) return kUsage;
  if (args.positional.size() != 1) return Usage("explain", "give one file or text");
  std::unique_ptr<Extractor> ex;
  if (!LoadRulesOrReport(args, argv0, false, 1, &ex)) return kUsage;
  bool is_file = false;
  Document d;
  d.body = ReadFileOrText(args.positional[0], &is_file);
  d.source = is_file ? args.positional[0] : "(text)";
  const std::string ext = std::filesystem::path(args.positional[0]).extension().string();
  d.is_html = is_file && (ext == ".html" || ext == ".htm");
  Process(*ex, &d);  // clean + normalize, and extraction we redo with candidates
  if (!d.ok()) {
    std::fprintf(stderr, "vnreform explain: %s\n", d.status.message().c_str());
    return kInputsFailed;
  }
  std::vector<Candidate> cands;
  ex->Explain(&d, &cands);
  std::printf("== normalized text (%zu bytes, %d invalid UTF-8 repaired)\n%s\n\n",
              d.norm.size(), d.invalid_utf8, d.norm.c_str());
  std::printf("== candidates (%zu)\n", cands.size());
  for (const Candidate& c : cands) {
    const Rule& r = ex->rules().rules[c.rule];
    std::printf("%s [%u,%u) %-22s %-9s \"%s\": %s\n", c.won ? "+" : "-", c.begin, c.end,
                r.id.c_str(), r.type.c_str(), d.norm.substr(c.begin, c.end - c.begin).c_str(),
                c.why.c_str());
  }
  std::printf("\n== records (%zu)\n", d.records.size());
  for (const Record& rec : d.records) {
    JsonObject o;
    o.Add("type", rec.type).Add("text", rec.text);
    for (const Field& f : rec.fields) o.AddField(f);
    o.Add("rule", rec.rule_id);
    std::printf("%s\n", o.Dump().c_str());
  }
  return kOk;
}

int CmdNormalize(int argc, char** argv) {
  Args args;
  if (!ParseArgs("normalize", argc, argv, {}, {}, &args)) return kUsage;
  if (args.positional.size() != 1) return Usage("normalize", "give one file or text");
  bool is_file;
  NormalizeResult r;
  NormalizeText(ReadFileOrText(args.positional[0], &is_file), &r);
  std::printf("%s\n", r.text.c_str());
  if (r.invalid_utf8)
    std::fprintf(stderr, "%d invalid UTF-8 sequence(s) replaced by U+FFFD\n", r.invalid_utf8);
  return kOk;
}

// The .html/.htm files among `paths`, directories walked recursively, in
// sorted order; false (after printing why) if a path does not exist.
bool ListHtmlFiles(const std::vector<std::string>& paths, std::vector<std::string>* out) {
  namespace fs = std::filesystem;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      out->push_back(p);
      continue;
    }
    if (!fs::is_directory(p, ec)) {
      std::fprintf(stderr, "vnreform clean: %s: no such file or directory\n", p.c_str());
      return false;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string ext = it->path().extension().string();
      if (it->is_regular_file(ec) && (ext == ".html" || ext == ".htm"))
        found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out->insert(out->end(), found.begin(), found.end());
  }
  return true;
}

std::string CleanJson(const std::string& path, const CleanResult& r) {
  std::string blocks = "[";
  for (const Block& b : r.blocks) {
    JsonObject o;
    o.Add("kind", b.kind).Add("text", b.text);
    blocks += (blocks.size() > 1 ? "," : "") + o.Dump();
  }
  JsonObject o;
  o.Add("file", path).Add("kind", r.kind).Add("title", r.title)
      .Add("published", r.published).Add("author", r.author).Add("site", r.site)
      .Add("url", r.url).Add("lang", r.lang).Add("charset", r.charset)
      .Add("text", r.Text()).AddRaw("blocks", blocks + "]");
  return o.Dump();
}

// Reads, decodes and cleans one page; returns what to print (or write to
// --out) for it, or a non-OK status.
Status CleanFile(const std::string& path, bool json, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) return Status::IOError("cannot read");
  const std::string bytes = ss.str();
  std::string html, charset;
  Status s = DecodeToUtf8(bytes, SniffCharset(bytes), &html, &charset);
  CleanResult r;
  if (s.ok()) s = CleanHtml(CleanOptions(), html, &r);
  if (!s.ok()) return s;
  r.charset = charset;
  *out = json ? CleanJson(path, r) : r.Text();
  return Status::Ok();
}

int CmdClean(int argc, char** argv) {
  Args args;
  if (!ParseArgs("clean", argc, argv, {"out", "threads"}, {"json"}, &args)) return kUsage;
  if (args.positional.empty()) return Usage("clean", "give HTML files or directories");
  int threads = 0;
  if (args.Has("threads") && !ParseInt(args.Get("threads"), &threads))
    return Usage("clean", "--threads takes a whole number");
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::string> files;
  if (!ListHtmlFiles(args.positional, &files)) return kInputsFailed;
  const std::string out_dir = args.Get("out");
  std::error_code ec;
  if (!out_dir.empty() && !std::filesystem::create_directories(out_dir, ec) && ec)
    return std::fprintf(stderr, "vnreform clean: %s: %s\n", out_dir.c_str(),
                        ec.message().c_str()), kUsage;
  const bool json = args.Has("json");
  // Each worker takes the next file and holds one page's tree at a time.
  // Without --out the outputs are kept and printed in input order.
  std::vector<std::string> outputs(out_dir.empty() ? files.size() : 0);
  std::vector<std::string> errors(files.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < files.size();) {
      std::string text;
      Status s = CleanFile(files[i], json, &text);
      if (s.ok() && !out_dir.empty()) {
        const std::string name = std::filesystem::path(files[i]).stem().string();
        const std::string out_path = out_dir + "/" + name + (json ? ".json" : ".txt");
        std::ofstream f(out_path, std::ios::binary);
        f << text << '\n';
        if (!f) s = Status::IOError(out_path + ": cannot write");
      } else if (s.ok()) {
        outputs[i] = std::move(text);
      }
      if (!s.ok()) errors[i] = s.message();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min<int>(threads, static_cast<int>(files.size())); ++t)
    pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  int rc = kOk;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!errors[i].empty()) {
      std::fprintf(stderr, "vnreform clean: %s: %s\n", files[i].c_str(), errors[i].c_str());
      rc = kInputsFailed;
    } else if (out_dir.empty()) {
      std::printf("%s\n", outputs[i].c_str());
    }
  }
  return rc;
}

int Main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    std::fputs(kMainHelp, argc < 2 ? stderr : stdout);
    return argc < 2 ? kUsage : kOk;
  }
  const std::string cmd = argv[1];
  if (!Helps().count(cmd)) {
    std::fprintf(stderr, "vnreform: unknown command '%s'\n\n%s", cmd.c_str(), kMainHelp);
    return kUsage;
  }
  if (WantsHelp(argc - 2, argv + 2)) {
    PrintHelp(cmd);
    return kOk;
  }
  if (cmd == "run") return CmdRun(argc - 2, argv + 2, argv[0]);
  if (cmd == "fetch") return CmdFetch(argc - 2, argv + 2, argv[0]);
  if (cmd == "reextract") return CmdReextract(argc - 2, argv + 2, argv[0]);
  if (cmd == "export") return CmdExport(argc - 2, argv + 2);
  if (cmd == "stats") return CmdStats(argc - 2, argv + 2);
  if (cmd == "rules") return CmdRules(argc - 2, argv + 2, argv[0]);
  if (cmd == "explain") return CmdExplain(argc - 2, argv + 2, argv[0]);
  if (cmd == "clean") return CmdClean(argc - 2, argv + 2);
  return CmdNormalize(argc - 2, argv + 2);
}

}  // namespace
}  // namespace vnreform

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // glibc raises its mmap threshold up to 32 MiB after a large block is
  // freed; later large blocks (a 10 MB article's text, norm and offsets)
  // then come from per-thread heaps that keep their peak. A fixed threshold
  // gives every block over 1 MiB back when freed: four 10 MB JSONL rows
  // peaked at 344 MB RSS before, 236 MB after (issue 6).
  // Fixing the mmap threshold also fixes the trim threshold at 128 KiB: the
  // heaps were then trimmed after nearly every batch, and each trim of a
  // multi-threaded process costs TLB shootdowns on every core (sys time 0.3
  // -> 3.8 s on 20,000 articles). Small blocks stay; up to 64 MiB is kept.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
  if (vnreform::Status s = vnreform::FetchGlobalInit(); !s.ok()) {
    std::fprintf(stderr, "vnreform: %s\n", s.ToString().c_str());
    return 2;
  }
  try {
    return vnreform::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vnreform: internal error: %s\n", e.what());
    return 2;
  }
}
