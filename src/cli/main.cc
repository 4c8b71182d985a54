// vnreform's command line: a thin layer over the pipeline. One table names
// each command, its one-line description, its help, the flags it declares
// and the function that runs it; CLI11 parses those flags and writes every
// --help from the same declarations. This is the one file that includes
// CLI11. Exit codes: 0 ok, 1 some inputs failed, 2 usage or set-up error.
// Tested by tests/cli_test.sh.
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/export.h"
#include "facts/facts.h"
#include "fetch/fetch.h"
#include "json/json.h"
#include "normalize/normalize.h"
#include "pipeline/pipeline.h"
#include "pipeline/shard.h"
#include "store/frontier.h"
#include "store/store.h"

namespace vnreform {
namespace {

constexpr int kOk = 0, kInputsFailed = 1, kUsage = 2;
constexpr int kMaxCount = 1 << 20;  // for --threads and --batch

// What the command line says, filled by CLI11 for the one command given.
// Each command reads its part.
struct Flags {
  std::vector<std::string> args;  // positional: paths, a file or text, rule files
  std::string action;             // rules: test or list
  std::string text;               // explain, normalize: a file or a text
  std::string db, rules, out, type, format = "jsonl";
  bool quiet = false, verbose = false, progress = false, json = false;
  bool force = false;                    // merge: rebuild the facts anyway
  bool provenance = false, bom = false;  // export
  int sample = 0;                        // rules try
  std::string plan;                      // run --plan, merge --plan, plan --out
  int shard = -1;                        // run --shard
  int shards = 0;                        // plan --shards
  std::string missing;                   // plan --missing PLAN
  RunOptions run;
  ReextractOptions reextract;
  FetchFlags fetch;
  CleanFlags clean;
  ServeFlags serve;
  FactsFlags facts;
  const char* argv0 = "";
};

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
bool LoadRulesOrReport(const Flags& f, bool check, int threads,
                       std::unique_ptr<Extractor>* out) {
  const std::string path = FindRulesPath(f.rules, f.argv0);
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
  std::fprintf(
      stderr,
      "vnreform: %lld articles %s%s, %lld %s, %lld failed%s; %lld records%s%s%s;"
      " %lld errors, %lld warnings; %.1f MB in %.2f s\n",
      static_cast<long long>(r.summary.articles), done,
      r.same > 0 ? (" (" + std::to_string(r.same) + " to the records they had)").c_str()
                 : "",
      static_cast<long long>(r.summary.unchanged), skipped,
      static_cast<long long>(r.summary.failed),
      r.summary.listings > 0
          ? (", " + std::to_string(r.summary.listings) + " listing pages not stored")
                .c_str()
          : "",
      static_cast<long long>(r.summary.records), per_type.empty() ? "" : " (",
      per_type.c_str(), per_type.empty() ? "" : ")", static_cast<long long>(r.errors),
      static_cast<long long>(r.summary.warnings), r.mbytes, r.summary.seconds);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform %s: %s\n", command, s.ToString().c_str());
    return kUsage;
  }
  return r.errors > 0 ? kInputsFailed : kOk;
}

int CmdRun(Flags* f) {
  RunOptions& o = f->run;
  const bool quiet = f->quiet, verbose = f->verbose;
  o.progress = !quiet && (f->progress || isatty(STDERR_FILENO));
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
  // One shard of a plan (vnreform plan), or the inputs into --db.
  const bool sharded = !f->plan.empty();
  if (sharded != (f->shard >= 0) ||
      (sharded && (!o.inputs.empty() || !o.db_path.empty())) ||
      (!sharded && (o.inputs.empty() || o.db_path.empty()))) {
    std::fprintf(stderr,
                 "vnreform run: give PATH... --db FILE, or --plan FILE --shard I"
                 " (see 'vnreform run --help')\n");
    return kUsage;
  }
  Plan plan;
  if (sharded) {
    if (Status s = ReadPlan(f->plan, &plan); !s.ok()) {
      std::fprintf(stderr, "vnreform run: %s\n", s.ToString().c_str());
      return kUsage;
    }
    if (f->rules.empty()) f->rules = plan.rules_path;
  }
  // A shard's rules are the plan's (RunShard checks their version), whose
  // examples `plan` ran: N tasks need not run them again.
  std::unique_ptr<Extractor> extractor;
  if (!LoadRulesOrReport(*f, !sharded, o.threads, &extractor)) return kUsage;
  RunReport r;
  if (!sharded) {
    Status s = Run(o, *extractor, &r);
    return Summarize("run", "stored", "unchanged", s, r);
  }
  std::string part;
  Status s = RunShard(f->plan, plan, f->shard, o, *extractor, &r, &part);
  const int code = Summarize("run", "stored", "unchanged", s, r);
  if (s.ok())
    std::fprintf(stderr, "vnreform run: shard %d of %zu written to %s\n", f->shard,
                 plan.shards.size(), part.c_str());
  return code;
}

// plan --shards N --out FILE PATH..., or plan --missing FILE.
int CmdPlan(Flags* f) {
  if (!f->missing.empty()) {
    if (!f->args.empty() || f->shards > 0 || !f->plan.empty()) {
      std::fprintf(stderr, "vnreform plan: --missing takes only the plan\n");
      return kUsage;
    }
    Plan plan;
    Status s = ReadPlan(f->missing, &plan);
    if (!s.ok()) {
      std::fprintf(stderr, "vnreform plan: %s\n", s.ToString().c_str());
      return kUsage;
    }
    std::string list;
    for (const auto& [shard, why] : MissingShards(f->missing, plan)) {
      if (!f->quiet) std::fprintf(stderr, "shard %d: %s\n", shard, why.c_str());
      list += (list.empty() ? "" : ",") + std::to_string(shard);
    }
    if (!list.empty()) std::printf("%s\n", list.c_str());
    return kOk;
  }
  if (f->args.empty() || f->shards < 1 || f->plan.empty()) {
    std::fprintf(stderr,
                 "vnreform plan: give --shards N --out FILE PATH..., or --missing FILE"
                 " (see 'vnreform plan --help')\n");
    return kUsage;
  }
  // The rules, with their examples run once here for all the shards.
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Extractor> extractor;
  if (!LoadRulesOrReport(*f, true, 0, &extractor)) return kUsage;
  const double rules_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Plan plan;
  Status s = MakePlan(f->args, f->shards, extractor->rules(),
                      FindRulesPath(f->rules, f->argv0), &plan);
  if (s.ok()) s = WritePlan(f->plan, plan);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform plan: %s\n", s.ToString().c_str());
    return kUsage;
  }
  uint64_t units = 0, bytes = 0, largest = 0;
  for (const PlanShard& sh : plan.shards) {
    units += sh.units;
    bytes += sh.bytes;
    largest = std::max(largest, sh.bytes);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "vnreform plan: %s: %zu shards over %llu files and lines (%.1f MB), the"
               " largest %.1f MB; rules %s (examples checked in %.2f s); %.2f s\n",
               f->plan.c_str(), plan.shards.size(),
               static_cast<unsigned long long>(units), bytes / 1e6, largest / 1e6,
               plan.ruleset.c_str(), rules_seconds, seconds);
  return kOk;
}

int CmdMerge(Flags* f) {
  Plan plan;
  Status s = ReadPlan(f->plan, &plan);
  MergeReport r;
  if (s.ok()) s = MergeParts(f->plan, plan, f->db, &r);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform merge: %s\n", s.ToString().c_str());
    return kUsage;
  }
  std::string missing, refused;
  int merged = 0, already = 0;
  for (const MergeReport::Part& p : r.parts) {
    const std::string i = std::to_string(p.shard);
    switch (p.state) {
      case MergeReport::Part::kMerged:
        ++merged;
        break;
      case MergeReport::Part::kAlready:
        ++already;
        break;
      case MergeReport::Part::kMissing:
        missing += (missing.empty() ? "" : ",") + i;
        break;
      case MergeReport::Part::kRefused:
        refused += (refused.empty() ? "" : ",") + i;
        std::fprintf(stderr, "error: shard %d refused: %s\n", p.shard, p.why.c_str());
        break;
    }
    for (const std::string& key : p.merge.conflicts)
      std::fprintf(stderr,
                   "warning: shard %d: article \"%s\" is stored already with other"
                   " content; the first kept\n",
                   p.shard, key.c_str());
    if (f->verbose && p.state == MergeReport::Part::kMerged)
      std::fprintf(stderr, "shard %d: %lld articles, %lld records merged\n", p.shard,
                   static_cast<long long>(p.merge.articles),
                   static_cast<long long>(p.merge.records));
  }
  // The facts are derived from the records of all parts: rebuilt once the
  // parts are in (always the first time, so that a database of parts
  // merged before the facts existed gets them).
  if (merged > 0 || f->force) {
    FactsOptions fo;
    fo.reference_dir =
        (std::filesystem::path(f->rules.empty() ? plan.rules_path : f->rules) /
         "reference")
            .string();
    FactsSummary sum;
    s = RebuildFacts(f->db, fo, &sum);
    if (!s.ok()) {
      std::fprintf(stderr,
                   "vnreform merge: the parts are merged; rebuilding the facts: %s\n",
                   s.ToString().c_str());
      return kUsage;
    }
    int64_t facts = 0;
    for (const auto& [k, n] : sum.facts) facts += n;
    std::fprintf(
        stderr, "vnreform merge: facts rebuilt: %lld facts from %lld records in %.2f s\n",
        static_cast<long long>(facts), static_cast<long long>(sum.records), sum.seconds);
  }
  std::fprintf(stderr,
               "vnreform merge: %d of %zu parts merged, %d merged before; %lld articles,"
               " %lld records in %.2f s (%.0f articles/s)\n",
               merged, r.parts.size(), already, static_cast<long long>(r.articles),
               static_cast<long long>(r.records), r.seconds,
               r.seconds > 0 ? r.articles / r.seconds : 0.0);
  if (!missing.empty())
    std::fprintf(stderr,
                 "vnreform merge: missing shards %s: rerun them (sbatch --array=%s ...),"
                 " then merge again\n",
                 missing.c_str(), missing.c_str());
  if (!refused.empty())
    std::fprintf(stderr, "vnreform merge: refused shards %s (see above)\n",
                 refused.c_str());
  return missing.empty() && refused.empty() ? kOk : kInputsFailed;
}

int CmdReextract(Flags* f) {
  ReextractOptions& o = f->reextract;
  o.progress = !f->quiet && (f->progress || isatty(STDERR_FILENO));
  if (!f->quiet) {
    o.on_issue = [&](const std::string&, const Issue& i) {
      if (o.progress) std::fputs("\r\033[K", stderr);
      std::fprintf(stderr, "%s: %s\n", i.severity == Issue::kError ? "error" : "warning",
                   i.message.c_str());
    };
  }
  std::unique_ptr<Extractor> extractor;
  if (!LoadRulesOrReport(*f, true, o.threads, &extractor)) return kUsage;
  RunReport r;
  Status s = Reextract(o, *extractor, &r);
  return Summarize("reextract", "re-extracted", "untouched by the changed rules", s, r);
}

int CmdFetchFlags(Flags* f) { return CmdFetch(&f->fetch, f->argv0); }

int CmdCleanFlags(Flags* f) { return CmdClean(f->clean); }

int CmdServeFlags(Flags* f) { return CmdServe(f->serve); }
int CmdFactsFlags(Flags* f) { return CmdFacts(f->facts, f->argv0); }

// --type names a record type or the view that selects it (ratios: ratio).
// Sets *type to the record type; false, with the types listed, if unknown.
bool ResolveType(Store* store, std::string* type, Status* s) {
  std::map<std::string, std::string> types;  // type -> view
  *s = store->RecordTypes(&types);
  if (!s->ok() || type->empty() || types.count(*type)) return s->ok();
  for (const auto& [t, view] : types) {
    if (view == *type) {
      *type = t;
      return true;
    }
  }
  std::string list;
  for (const auto& [t, view] : types)
    list += (list.empty() ? "" : ", ") + t + (view.empty() ? "" : " (" + view + ")");
  std::fprintf(stderr, "vnreform export: unknown type '%s'; the types are: %s\n",
               type->c_str(), list.c_str());
  return false;
}

// Opens --db read-only for a command that only reads (Store::OpenForReading).
Status OpenForReading(const std::string& db, std::unique_ptr<Store>* store) {
  std::string note;
  Status s = Store::OpenForReading(db, store, &note);
  if (!note.empty()) std::fprintf(stderr, "note: %s\n", note.c_str());
  return s;
}

int CmdExport(Flags* f) {
  std::unique_ptr<Store> store;
  Status s = OpenForReading(f->db, &store);
  if (s.ok() && !ResolveType(store.get(), &f->type, &s)) return kUsage;
  std::ofstream file;
  if (s.ok() && !f->out.empty()) {
    file.open(f->out, std::ios::binary);
    if (!file) s = Status::IOError(f->out + ": cannot write");
  }
  std::ostream& out = f->out.empty() ? std::cout : static_cast<std::ostream&>(file);
  ExportOptions o;
  o.type = f->type;
  o.format = f->format == "csv" ? ExportFormat::kCsv : ExportFormat::kJsonl;
  o.provenance = f->provenance;
  o.bom = f->bom;
  if (s.ok()) s = ExportRecords(store.get(), o, &out);
  out.flush();
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform export: %s\n", s.ToString().c_str());
    return kUsage;
  }
  return kOk;
}

int CmdStats(Flags* f) {
  std::unique_ptr<Store> store;
  StoreStats st;
  Status s = OpenForReading(f->db, &store);
  if (s.ok()) s = store->GetStats(&st);
  FetchStats fs;
  if (s.ok()) s = Frontier(store.get()).GetStats(&fs);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform stats: %s\n", s.ToString().c_str());
    return kUsage;
  }
  int64_t total = 0;
  for (const auto& [t, n] : st.records) total += n;
  if (f->json) {
    JsonObject records;
    for (const auto& [t, n] : st.records) records.AddInt(t, n);
    std::string runs;
    for (const RunInfo& r : st.run_log) {
      JsonObject run;
      run.AddInt("id", r.id)
          .Add("command", r.command)
          .Add("started", r.started)
          .AddInt("finished", r.finished)
          .AddInt("articles", r.summary.articles)
          .AddInt("unchanged", r.summary.unchanged)
          .AddInt("failed", r.summary.failed)
          .AddInt("listings", r.summary.listings)
          .AddInt("records", r.summary.records)
          .AddInt("errors", r.errors)
          .AddInt("warnings", r.summary.warnings);
      runs += (runs.empty() ? "" : ",") + run.Dump();
    }
    JsonObject o;
    o.AddInt("articles", st.articles)
        .AddRaw("records", records.Dump())
        .AddInt("records_total", total)
        .AddInt("reform_articles", st.relevant)
        .AddInt("errors", st.errors)
        .AddInt("warnings", st.warnings)
        .AddInt("listings", st.listings)
        .AddInt("runs", st.runs)
        .AddRaw("run_log", "[" + runs + "]")
        .AddInt("schema_version", st.schema_version)
        .AddInt("pages", fs.pages)
        .AddInt("pages_failed", fs.pages_failed)
        .AddInt("hosts", fs.hosts);
    std::printf("%s\n", o.Dump().c_str());
    return kOk;
  }
  std::printf("articles  %lld (reform %lld)\nrecords   %lld\n",
              static_cast<long long>(st.articles), static_cast<long long>(st.relevant),
              static_cast<long long>(total));
  for (const auto& [t, n] : st.records)
    std::printf("  %-10s %lld\n", t.c_str(), static_cast<long long>(n));
  std::printf("runs      %lld\nlatest run: %lld errors, %lld warnings",
              static_cast<long long>(st.runs), static_cast<long long>(st.errors),
              static_cast<long long>(st.warnings));
  if (st.listings > 0)
    std::printf(", %lld listing pages not stored", static_cast<long long>(st.listings));
  std::printf("\n");
  // The runs, newest first, each with its errors: a later clean run does
  // not hide the one that had them.
  if (!st.run_log.empty())
    std::printf(
        "\n  run  started               stored unchanged failed listing errors"
        "  command\n");
  for (const RunInfo& r : st.run_log)
    std::printf("%5lld  %-20s %7lld %9lld %6lld %7lld %6lld  %s%s\n",
                static_cast<long long>(r.id), r.started.c_str(),
                static_cast<long long>(r.summary.articles),
                static_cast<long long>(r.summary.unchanged),
                static_cast<long long>(r.summary.failed),
                static_cast<long long>(r.summary.listings),
                static_cast<long long>(r.errors), r.command.c_str(),
                r.finished ? "" : " (not finished)");
  if (st.runs > static_cast<int64_t>(st.run_log.size()))
    std::printf("  (the latest %zu; all in view run_log)\n", st.run_log.size());
  return kOk;
}

std::string RecordLine(const Record& r) {
  JsonObject o;
  o.Add("type", r.type).Add("text", r.text);
  for (const Field& field : r.fields) o.AddField(field);
  o.Add("rule", r.rule_id);
  return o.Dump();
}

// rules try FILE --db F: FILE's rules beside the others, over stored
// articles, against the rules in use; prints the differences, writes nothing.
int CmdRulesTry(Flags* f) {
  if (f->args.size() != 1 || f->db.empty()) {
    std::fprintf(stderr, "vnreform rules: try takes one FILE.toml and --db FILE\n");
    return kUsage;
  }
  const std::string& file = f->args[0];
  std::unique_ptr<Extractor> now, tried;
  if (!LoadRulesOrReport(*f, false, 0, &now)) return kUsage;
  RuleSet rules;
  Status s = RulesWithFile(FindRulesPath(f->rules, f->argv0), file, &rules);
  if (s.ok()) s = Extractor::Create(std::move(rules), &tried);
  std::vector<ExampleFailure> failures;
  if (s.ok()) failures = TestRuleExamples(*tried, {file}, 0);
  for (const ExampleFailure& e : failures) std::printf("%s\n", e.ToString().c_str());
  std::unique_ptr<Store> store;
  if (s.ok()) s = OpenForReading(f->db, &store);
  RuleTryReport r;
  if (s.ok()) s = TryRules(store.get(), *now, *tried, f->sample, 0, &r);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform rules try: %s\n", s.ToString().c_str());
    return kUsage;
  }
  size_t n[3] = {0, 0, 0};
  for (const RecordChange& c : r.changes) {
    ++n[c.kind];
    if (c.kind == RecordChange::kChanged)
      std::printf("~ %s: %s\n    now %s\n", c.article.c_str(),
                  RecordLine(c.before).c_str(), RecordLine(c.after).c_str());
    else
      std::printf(
          "%s %s: %s\n", c.kind == RecordChange::kAdded ? "+" : "-", c.article.c_str(),
          RecordLine(c.kind == RecordChange::kAdded ? c.after : c.before).c_str());
    std::printf("    in: %s\n", c.sentence.c_str());
  }
  std::printf(
      "rules try %s: %lld articles; %zu records added, %zu changed, %zu removed;"
      " %zu example failures; nothing written\n",
      file.c_str(), static_cast<long long>(r.articles), n[RecordChange::kAdded],
      n[RecordChange::kChanged], n[RecordChange::kRemoved], failures.size());
  return failures.empty() ? kOk : kInputsFailed;
}

int CmdRules(Flags* f) {
  if (f->action == "try") return CmdRulesTry(f);
  std::unique_ptr<Extractor> ex;
  if (!LoadRulesOrReport(*f, false, 1, &ex)) return kUsage;
  if (f->action == "list") {
    for (const Rule& r : ex->rules().rules)
      std::printf("%-28s %-10s %4d  %s:%d\n", r.id.c_str(), r.type.c_str(), r.priority,
                  r.file.c_str(), r.line);
    return kOk;
  }
  // The rules run: those of the files named (all without). A file that
  // does not exist or defines none of the set's rules is an error, not a
  // pass with nothing tested.
  auto in_file = [](const Rule& r, const std::string& file) {
    std::error_code ec;
    return file == r.file || std::filesystem::equivalent(file, r.file, ec);
  };
  size_t n_examples = 0, n_rules = 0;
  for (const std::string& file : f->args) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      std::fprintf(stderr, "vnreform rules: %s: no such file\n", file.c_str());
      return kUsage;
    }
    bool any = false;
    for (const Rule& r : ex->rules().rules) any = any || in_file(r, file);
    if (!any) {
      std::fprintf(stderr,
                   "vnreform rules: %s: not a rule file of %s (give its directory"
                   " with --rules)\n",
                   file.c_str(), FindRulesPath(f->rules, f->argv0).c_str());
      return kUsage;
    }
  }
  for (const Rule& r : ex->rules().rules) {
    bool run = f->args.empty();
    for (const std::string& file : f->args) run = run || in_file(r, file);
    if (!run) continue;
    ++n_rules;
    n_examples += r.examples.size() + r.counter_examples.size();
  }
  const std::vector<ExampleFailure> failures = TestRuleExamples(*ex, f->args, 0);
  for (const ExampleFailure& e : failures) std::printf("%s\n", e.ToString().c_str());
  std::printf("rules %s: %zu rules, %zu examples; %zu failed\n",
              ex->rules().version.c_str(), n_rules, n_examples, failures.size());
  return failures.empty() ? kOk : kInputsFailed;
}

int CmdExplain(Flags* f) {
  std::unique_ptr<Extractor> ex;
  if (!LoadRulesOrReport(*f, false, 1, &ex)) return kUsage;
  const std::string& arg = f->text;
  bool is_file = false;
  Document d;
  d.body = ReadFileOrText(arg, &is_file);
  d.source = is_file ? arg : "(text)";
  const std::string ext = std::filesystem::path(arg).extension().string();
  d.is_html = is_file && (ext == ".html" || ext == ".htm");
  std::vector<Candidate> cands;
  Process(*ex, &d, &cands);
  if (!d.ok()) {
    std::fprintf(stderr, "vnreform explain: %s\n", d.status.message().c_str());
    return kInputsFailed;
  }
  // Offsets in code points of the normalized text, as the database keeps
  // them: chars[b] is the code point at byte b.
  std::vector<uint32_t> chars(d.norm.size() + 1);
  for (size_t b = 0, n = 0; b <= d.norm.size(); ++b) {
    chars[b] = static_cast<uint32_t>(n);
    if (b < d.norm.size() && (static_cast<unsigned char>(d.norm[b]) & 0xC0) != 0x80) ++n;
  }
  std::printf("== normalized text (%u characters, %d invalid UTF-8 repaired)\n%s\n\n",
              chars.back(), d.invalid_utf8, d.norm.c_str());
  std::printf("== candidates (%zu; offsets in characters)\n", cands.size());
  for (const Candidate& c : cands) {
    const Rule& r = ex->rules().rules[c.rule];
    std::printf("%s [%u,%u) %-22s %-9s \"%s\": %s\n", c.won ? "+" : "-", chars[c.begin],
                chars[c.end], r.id.c_str(), r.type.c_str(),
                d.norm.substr(c.begin, c.end - c.begin).c_str(), c.why.c_str());
  }
  // The records as run stores them and export writes them: stored in a
  // database in memory and exported from it.
  d.key = is_file ? std::filesystem::path(arg).filename().string() : "(text)";
  std::unique_ptr<Store> mem;
  int64_t run_id = 0;
  std::ostringstream records;
  Status s = Store::Open(":memory:", &mem);
  if (s.ok()) s = mem->BeginRun("explain", ex->rules().version, &run_id);
  if (s.ok()) s = mem->PutArticle(run_id, ex->rules().version, d);
  if (s.ok()) s = ExportRecords(mem.get(), ExportOptions(), &records);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform explain: %s\n", s.ToString().c_str());
    return kUsage;
  }
  std::printf("\n== records (%zu, as run stores them)\n%s", d.records.size(),
              records.str().c_str());
  return kOk;
}

int CmdNormalize(Flags* f) {
  bool is_file;
  NormalizeResult r;
  NormalizeText(ReadFileOrText(f->text, &is_file), &r);
  std::printf("%s\n", r.text.c_str());
  if (r.invalid_utf8)
    std::fprintf(stderr, "%d invalid UTF-8 sequence(s) replaced by U+FFFD\n",
                 r.invalid_utf8);
  return kOk;
}

// ---- The flags each command declares (and --help shows) ----

CLI::Option* AddDb(CLI::App* app, std::string* db, const char* what) {
  return app->add_option("--db", *db, what)->type_name("FILE")->required();
}

void AddRules(CLI::App* app, Flags* f) {
  app->add_option("--rules", f->rules, "rule files (default: the project's rules/)")
      ->type_name("DIR");
}

void AddThreads(CLI::App* app, int* threads, int max, const char* what) {
  app->add_option("--threads", *threads, what)->type_name("N")->check(CLI::Range(0, max));
}

void AddBatch(CLI::App* app, int* batch) {
  app->add_option("--batch", *batch, "articles per transaction")
      ->type_name("N")
      ->check(CLI::Range(1, kMaxCount))
      ->capture_default_str();
}

void AddProgress(CLI::App* app, Flags* f) {
  app->add_flag("--progress", f->progress,
                "the progress line even when stderr is not a terminal");
}

// A flag given in seconds for an option kept in milliseconds.
void AddSeconds(CLI::App* app, const char* name, long* ms, double max, const char* what) {
  char shown[32];
  std::snprintf(shown, sizeof shown, "%g", *ms / 1000.0);
  app->add_option_function<double>(
         name, [ms](double s) { *ms = static_cast<long>(s * 1000); }, what)
      ->type_name("S")
      ->check(CLI::Range(0.001, max))
      ->default_str(shown);
}

void DeclareRun(CLI::App* app, Flags* f) {
  RunOptions& o = f->run;
  app->add_option("PATH", o.inputs, "files and directories");
  app->add_option("--db", o.db_path, "database to create or update")->type_name("FILE");
  app->add_option("--plan", f->plan,
                  "instead of PATH and --db: run one shard of this plan\n"
                  "(vnreform plan) into part-I-of-N.db beside it")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  app->add_option("--shard", f->shard, "with --plan: the shard to run, from 0")
      ->type_name("I")
      ->check(CLI::Range(0, kMaxCount));
  AddRules(app, f);
  AddThreads(app, &o.threads, kMaxCount,
             "cores to use (default: all); 1 runs every stage in turn\n"
             "in one thread, N > 1 a reader, N workers and a writer");
  AddBatch(app, &o.batch);
  app->add_flag("--force", o.force, "reprocess unchanged articles too");
  AddProgress(app, f);
  CLI::Option* quiet = app->add_flag(
      "--quiet", f->quiet, "only the summary: no progress line, no errors as they come");
  app->add_flag("--verbose", f->verbose,
                "also each file as it starts and ends (with its counts)\n"
                "and each warning as it comes")
      ->excludes(quiet);
}

void DeclarePlan(CLI::App* app, Flags* f) {
  app->add_option("PATH", f->args, "files and directories, as for run");
  app->add_option("--shards", f->shards, "number of shards")
      ->type_name("N")
      ->check(CLI::Range(1, kMaxCount));
  app->add_option("--out", f->plan, "the plan to write (its parts go beside it)")
      ->type_name("FILE");
  AddRules(app, f);
  app->add_option("--missing", f->missing,
                  "print the shards of this plan with no valid part\n"
                  "(comma-separated, for sbatch --array) instead")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  app->add_flag("--quiet", f->quiet, "--missing: not why each one is missing");
}

void DeclareMerge(CLI::App* app, Flags* f) {
  app->add_option("--plan", f->plan, "the plan whose parts to merge")
      ->type_name("FILE")
      ->required()
      ->check(CLI::ExistingFile);
  AddDb(app, &f->db, "database to merge into (created if needed)");
  app->add_option("--rules", f->rules,
                  "rules whose reference/ the facts are rebuilt with\n"
                  "(default: the plan's rules)")
      ->type_name("DIR");
  app->add_flag("--force", f->force, "rebuild the facts even when no part was new");
  app->add_flag("--verbose", f->verbose, "also each part's counts");
}

void DeclareFetch(CLI::App* app, Flags* f) {
  FetchFlags& ff = f->fetch;
  CrawlOptions& o = ff.crawl;
  const char* seeds = "Seeds (repeatable; at least one, or --resume)";
  app->add_option("--urls", ff.url_files, "one URL a line ('#' comments)")
      ->type_name("FILE")
      ->allow_extra_args(false)
      ->group(seeds);
  app->add_option("--sitemap", o.sitemaps, "a sitemap or sitemap index")
      ->type_name("URL")
      ->allow_extra_args(false)
      ->group(seeds);
  app->add_option("--feed", o.feeds, "an RSS or Atom feed")
      ->type_name("URL")
      ->allow_extra_args(false)
      ->group(seeds);
  app->add_flag("--resume", ff.resume, "go on with the stored frontier")->group(seeds);
  AddDb(app, &o.db_path, "database to create or update");
  app->add_flag("--refetch", o.refetch,
                "fetch given URLs again (If-None-Match/If-Modified-Since)");
  app->add_option("--contact", ff.contact, "e-mail or URL put in the User-Agent")
      ->type_name("TEXT")
      ->envname("VNREFORM_CONTACT");
  app->add_option("--concurrency", o.fetch.max_transfers, "transfers at once")
      ->type_name("N")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app->add_option("--per-host", o.fetch.max_host_connections, "connections per host")
      ->type_name("N")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  app->add_option("--delay", o.host_delay,
                  "seconds between requests to one host\n"
                  "(a larger robots.txt Crawl-delay wins)")
      ->type_name("S")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  app->add_option("--retries", o.max_retries, "for timeouts, 5xx and 429")
      ->type_name("N")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  app->add_option("--backoff", o.backoff, "first retry delay, doubling, jittered")
      ->type_name("S")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  AddSeconds(app, "--timeout", &o.fetch.timeout_ms, 86400, "per transfer");
  AddSeconds(app, "--connect-timeout", &o.fetch.connect_timeout_ms, 3600,
             "to connect, per transfer");
  app->add_option_function<double>(
         "--max-body",
         [&o](double v) { o.fetch.max_body_bytes = static_cast<size_t>(v); },
         "larger bodies fail")
      ->type_name("BYTES")
      ->check(CLI::Range(1.0, 1e10))
      ->default_str(std::to_string(o.fetch.max_body_bytes));
  app->add_option("--max-redirects", o.fetch.max_redirects, "redirects followed")
      ->type_name("N")
      ->check(CLI::Range(0L, 50L))
      ->capture_default_str();
  app->add_flag_callback(
      "--ignore-robots", [&o] { o.obey_robots = false; },
      "do not fetch or obey robots.txt (own sites only)");
  AddThreads(app, &o.threads, 1024, "processing threads (default: all cores)");
  app->add_option("--rules", ff.rules, "rule files (default: the project's rules/)")
      ->type_name("DIR");
  app->add_flag("--quiet", ff.quiet, "no progress line and no errors as they come");
  app->add_flag("--progress", ff.progress,
                "the progress line even when stderr is not a terminal");
}

void DeclareReextract(CLI::App* app, Flags* f) {
  ReextractOptions& o = f->reextract;
  AddDb(app, &o.db_path, "database to update")->check(CLI::ExistingFile);
  AddRules(app, f);
  AddThreads(app, &o.threads, kMaxCount, "worker threads (default: all cores)");
  AddBatch(app, &o.batch);
  app->add_flag("--force", o.force, "re-extract articles made with these rules too");
  AddProgress(app, f);
  app->add_flag("--quiet", f->quiet, "no progress line and no per-article messages");
}

void DeclareExport(CLI::App* app, Flags* f) {
  AddDb(app, &f->db, "database to read")->check(CLI::ExistingFile);
  app->add_option("--format", f->format, "jsonl or csv")
      ->type_name("F")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  app->add_option("--type", f->type,
                  "only records of type T (ratio, percent, date, ...)\n"
                  "or of its view (ratios, percents, dates, ...)")
      ->type_name("T");
  app->add_option("--out", f->out, "write to FILE instead of standard output")
      ->type_name("FILE");
  app->add_flag("--provenance", f->provenance,
                "jsonl: also each record's article_url, article_title,\n"
                "article_published, article_locality and sentence (csv\n"
                "always has them)");
  app->add_flag("--bom", f->bom, "start with a UTF-8 BOM (for spreadsheets)");
}

void DeclareStats(CLI::App* app, Flags* f) {
  AddDb(app, &f->db, "database to read")->check(CLI::ExistingFile);
  app->add_flag("--json", f->json, "as one JSON object");
}

void DeclareFacts(CLI::App* app, Flags* f) {
  FactsFlags& ff = f->facts;
  AddDb(app, &ff.db, "database to rebuild the facts of (or read, with --index)")
      ->check(CLI::ExistingFile);
  app->add_option("--rules", ff.rules,
                  "rule folder whose reference/ holds the reference data\n"
                  "(default: the project's rules/)")
      ->type_name("DIR");
  app->add_option("--reference", ff.reference,
                  "the reference files' folder itself (default: RULES/reference)")
      ->type_name("DIR");
  app->add_option("--index", ff.index,
                  "print the rank series of this index (PAR_INDEX, SIPAS, PAPI,\n"
                  "PCI, DTI ... or an alias) instead of rebuilding")
      ->type_name("I");
  app->add_option("--level", ff.level, "with --index: province or ministry")
      ->type_name("L")
      ->check(CLI::IsMember({"province", "ministry"}))
      ->capture_default_str();
  app->add_option("--format", ff.format, "with --index: table, csv or jsonl")
      ->type_name("F")
      ->check(CLI::IsMember({"table", "csv", "jsonl"}))
      ->capture_default_str();
  app->add_option("--out", ff.out,
                  "with --index: write to FILE instead of standard output")
      ->type_name("FILE");
  app->add_flag("--json", ff.json, "the rebuild's summary as one JSON object");
  app->add_flag("--no-search", ff.no_search,
                "rebuild the facts only, not the search index of `serve`\n"
                "(it takes minutes on 200,000 articles; serve builds one in\n"
                "memory where the database has none)");
}

void DeclareRules(CLI::App* app, Flags* f) {
  app->add_option("ACTION", f->action, "test, list or try")
      ->required()
      ->check(CLI::IsMember({"test", "list", "try"}));
  app->add_option("FILE", f->args,
                  "test: only the rules defined in these files;\n"
                  "try: the new or edited rule file to preview");
  AddRules(app, f);
  app->add_option("--db", f->db, "try: the database whose articles it reads")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  app->add_option("--sample", f->sample, "try: only the first N articles (default: all)")
      ->type_name("N")
      ->check(CLI::Range(0, kMaxCount * 1024));
}

void DeclareExplain(CLI::App* app, Flags* f) {
  app->add_option("FILE_OR_TEXT", f->text,
                  "a file (.html/.htm is cleaned first) or a text")
      ->required();
  AddRules(app, f);
}

void DeclareClean(CLI::App* app, Flags* f) {
  app->add_option("PATH", f->clean.paths, "HTML files and directories")->required();
  app->add_flag("--json", f->clean.json,
                "one JSON object a page: kind, title, published,\n"
                "author, site, url, lang, charset, text, blocks");
  app->add_option("--out", f->clean.out_dir,
                  "write DIR/<name>.txt (.json with --json) per page,\n"
                  "name = file name without .html, instead of stdout")
      ->type_name("DIR");
  AddThreads(app, &f->clean.threads, kMaxCount, "worker threads (default: all cores)");
}

void DeclareServe(CLI::App* app, Flags* f) {
  ServeFlags& sf = f->serve;
  AddDb(app, &sf.db, "database to show (opened read-only)")->check(CLI::ExistingFile);
  app->add_option("--port", sf.serve.port, "TCP port; 0 = any free port (printed)")
      ->type_name("N")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app->add_option("--host", sf.serve.host,
                  "address to listen on (0.0.0.0 shows the page to the network)")
      ->type_name("ADDR")
      ->capture_default_str();
  app->add_option("--threads", sf.serve.threads, "connections served at once")
      ->type_name("N")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app->add_option("--max-rows", sf.site.max_limit, "rows a page shows at most (?limit)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  AddSeconds(app, "--query-timeout", &sf.site.query_ms, 600,
             "time a page's query may take");
  app->add_flag("--log", sf.serve.log, "one line per request on stderr");
}

void DeclareNormalize(CLI::App* app, Flags* f) {
  app->add_option("FILE_OR_TEXT", f->text, "a file or a text")->required();
}

// The command table, as Ninja's tools: dispatch, the `vnreform --help`
// listing and each command's help come from it.
struct Command {
  const char* name;
  const char* desc;  // one line
  const char* help;  // what the command does, printed below its flags
  void (*declare)(CLI::App*, Flags*);
  int (*run)(Flags*);
};

const Command kCommands[] = {
    {"run", "run the pipeline over files and directories into a database",
     "Reads .txt, .html/.htm, .jsonl and .jsonl.zst files (directories are\n"
     "walked recursively), cleans HTML, normalizes, extracts records with\n"
     "the rules and stores everything in the SQLite database FILE.\n"
     "A rerun skips articles whose content and rules are unchanged; a run\n"
     "that was killed resumes where its last batch was committed.\n"
     "Output (stderr): on a terminal a progress line (articles, MB read,\n"
     "articles/s, MB/s, and % done with an ETA from the inputs' size; for\n"
     ".zst the compressed bytes), each failed input as it comes, and a\n"
     "summary. Every error and warning is also kept in the database (view\n"
     "last_run_issues).\n"
     "Limits: a file or JSONL line over 16 MiB, or an article text over\n"
     "10 MiB, is refused with an error naming it; the run goes on.\n"
     "--plan P --shard I runs shard I of plan P (vnreform plan) instead and\n"
     "writes part-I-of-N.db beside P atomically: a temporary file, fsynced\n"
     "and renamed, so a failed or killed shard leaves no part and a rerun\n"
     "replaces it. It refuses rules or a schema other than the plan's.",
     DeclareRun, CmdRun},
    {"plan", "cut the inputs of a run into shards for a cluster",
     "Lists the inputs as run reads them and cuts them into N shards of about\n"
     "equal size, at file boundaries and between the lines of JSONL(.zst)\n"
     "files, into the plan FILE (JSON): each shard's files and line ranges,\n"
     "the inputs' sizes, the rule set's version and its files' hashes, the\n"
     "schema version. The same inputs, rules and N give the same plan. The\n"
     "rules' examples are run here, once: shards only check the version.\n"
     "Each shard then runs on its own, e.g. as a Slurm array task:\n"
     "  vnreform run --plan FILE --shard I    (writes part-I-of-N.db)\n"
     "and 'vnreform merge --plan FILE --db F' puts the parts together.\n"
     "--missing FILE prints the shards with no valid part yet, to rerun.",
     DeclarePlan, CmdPlan},
    {"merge", "merge the parts of a plan's shards into one database",
     "Merges each finished part of the plan (part-I-of-N.db beside it) into\n"
     "the database F, one transaction a part, in shard order: every article\n"
     "not stored yet with its records, ids renumbered through the article\n"
     "key, and the parts' run logs. The result equals one run over the same\n"
     "inputs. Idempotent: the parts merged are recorded (table shard_parts)\n"
     "and a part merged before is skipped. A part of another plan, schema or\n"
     "rule set is refused; missing parts are named (the others are merged):\n"
     "rerun them and merge again. Then the facts are rebuilt from all the\n"
     "records (as 'vnreform facts' does), when a part was new.\n"
     "Exit 1 if any part is missing or refused.",
     DeclareMerge, CmdMerge},
    {"fetch", "crawl URL lists, sitemaps and feeds into a database",
     "Fetches pages politely (robots.txt, per-host limits and delays, retries\n"
     "with backoff, Retry-After) and runs each HTML page through the pipeline.\n"
     "Every response is stored (zstd) before it is processed; the frontier is\n"
     "in the database, so a killed fetch resumes with --resume. URLs are\n"
     "canonicalised (tracking parameters dropped) and fetched once.\n"
     "Ctrl-C stops cleanly; transfers in flight stay queued.",
     DeclareFetch, CmdFetchFlags},
    {"reextract", "rerun the extract stage over a database after the rules changed",
     "Reruns only the extract stage, from the stored normalized text, for the\n"
     "articles whose records were made with other rules, and replaces their\n"
     "records. Every run stores its rule files in the database; reextract\n"
     "compares them with DIR and redoes only the articles where a changed,\n"
     "added or removed rule matches (old or new form); where only a rule's\n"
     "pattern changed, only those where its old and new matches differ. The\n"
     "others keep their records, as do redone ones that come out the same;\n"
     "table current_rules says they are current. Changed [[link]]s, a changed\n"
     "rule with merge, or rules in a new order, redo all.",
     DeclareReextract, CmdReextract},
    {"export", "write the records of a database as JSONL or CSV",
     "Writes every record (or those of one TYPE) in a stable order, one JSON\n"
     "object a line in the shape of the record contract, or CSV (RFC 4180)\n"
     "with the columns article, type, text, one per field the type's rules\n"
     "declare (the same whatever the records hold), start, end, rule, and\n"
     "the provenance: article_url, article_title, article_published,\n"
     "article_locality, sentence.",
     DeclareExport, CmdExport},
    {"stats", "counts of articles, records per type and errors",
     "Prints the number of articles, records per type, and the errors and\n"
     "warnings of the latest run.",
     DeclareStats, CmdStats},
    {"facts", "rebuild the facts consolidated across articles, or print a series",
     "Rebuilds the facts layer of the database from its records, in one\n"
     "transaction: loads the reference data (units by GSO code, indices and\n"
     "editions, aliases: RULES/reference/*.tsv), links every ranking, ratio,\n"
     "official and legal reference to the entities it names (record_links),\n"
     "and consolidates one fact per natural key with its candidate values,\n"
     "their support (mentions, articles, sites, independent stories) and a\n"
     "status (agreed, majority, conflict, single); runs the checks between\n"
     "facts (view failed_checks) and applies the researchers' overrides\n"
     "(table fact_overrides, kept across rebuilds and reextract). The same\n"
     "records give the same tables. Views: rank_series,\n"
     "task_completion_series, office_holders, legal_citations_by_year,\n"
     "fact_evidence (README, \"Facts\").\n"
     "With --index: prints that index's rank series (one row per edition\n"
     "and unit) as a table, CSV or JSONL, from the last rebuild.",
     DeclareFacts, CmdFactsFlags},
    {"rules", "check the rule files: 'rules test', 'rules list', 'rules try'",
     "test: loads the rule set and runs the examples of every rule (or of\n"
     "the rules in FILE...): each example must yield a record of its rule\n"
     "with the given fields, no counter-example may. Failures print as\n"
     "file:line: rule \"id\": message; exit 1 if any.\n"
     "list: one line per rule: id, type, priority, file:line.\n"
     "try FILE.toml --db F [--sample N]: previews a new or edited rule file\n"
     "on the stored articles before it changes anything: runs the rules with\n"
     "FILE in place of the file of the same name (or added) and the rules as\n"
     "they are, and prints each record it would add (+), change (~) or\n"
     "remove (-), with its sentence. Reads only; exit 1 if FILE's examples\n"
     "fail. Then 'rules test', then 'reextract' (rules/README.md).",
     DeclareRules, CmdRules},
    {"explain", "show how the rules read one text or file",
     "Shows the normalized text, every candidate match with its rule, which\n"
     "one won each overlap and why, and the final records exactly as run\n"
     "stores them and export writes them. Offsets count characters (code\n"
     "points) of the normalized text, as in the database.",
     DeclareExplain, CmdExplain},
    {"clean", "print the main text of HTML pages",
     "Prints the main text of each HTML page (directories are walked for\n"
     ".html/.htm files), one block a line, or its metadata and blocks as\n"
     "JSON. The page is decoded to UTF-8 first (BOM, <meta charset>, else\n"
     "detection). A listing or home page has kind \"listing\"; its text is\n"
     "what stood out (teasers), which 'run' does not store.",
     DeclareClean, CmdCleanFlags},
    {"serve", "a local, read-only web page over a database's facts",
     "Serves pages over the database on http://127.0.0.1:PORT/ (loopback\n"
     "only unless --host says otherwise): search with Vietnamese folding\n"
     "(\"noi\" finds \"Nội\"; a word with diacritics matches exactly) and\n"
     "facets by year, province, index and site; each article with its\n"
     "records highlighted; each record with its sentence and source URL;\n"
     "with the facts tables, each index (units by edition, rank charts),\n"
     "unit, person, document and fact. Every page also as .json and .csv\n"
     "(UTF-8 BOM), with the database's data version. The database is opened\n"
     "read-only and never written; without a search index (vnreform facts\n"
     "builds one) one is built in memory at start. Only GET and HEAD are\n"
     "answered; each query stops after --query-timeout and --max-rows.\n"
     "Ctrl-C stops it.",
     DeclareServe, CmdServeFlags},
    {"normalize", "print the normalized form of a text or file",
     "Prints the normalized text (NFC, folded look-alikes, spaces and tone\n"
     "placement) and how many invalid UTF-8 sequences were repaired.",
     DeclareNormalize, CmdNormalize},
};

#ifndef VNREFORM_VERSION
#define VNREFORM_VERSION "unknown"
#endif

// --version: the binary's, the schema's it writes, and the rule set's the
// default --rules would load.
int PrintVersion(const char* argv0) {
  std::printf("vnreform %s\nschema %d\n", VNREFORM_VERSION, Store::SchemaVersion());
  const std::string path = FindRulesPath("", argv0);
  RuleSet rules;
  if (Status s = LoadRules(path, &rules); s.ok())
    std::printf("rules %s (%s, %zu rules)\n", rules.version.c_str(), path.c_str(),
                rules.rules.size());
  else
    std::printf("rules none: %s\n", s.ToString().c_str());
  return kOk;
}

// Text for roff: a leading '.' or '\'' would be a request, '\\' an escape.
std::string Roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
    line_start = c == '\n';
  }
  return out;
}

// The man page: the same help text as --help, each command's in a section.
std::string ManPage(CLI::App& app) {
  std::string out = ".TH VNREFORM 1 \"\" \"vnreform " VNREFORM_VERSION
                    "\" \"User Commands\"\n"
                    ".SH NAME\nvnreform \\- " +
                    Roff(app.get_description()) + "\n.SH SYNOPSIS\n.nf\n" +
                    Roff(app.help()) + ".fi\n.SH COMMANDS\n";
  for (const Command& c : kCommands) {
    CLI::App* sub = app.get_subcommand(c.name);
    out +=
        ".SS " + std::string(c.name) + "\n.nf\n" + Roff(sub->help("vnreform")) + ".fi\n";
  }
  return out;
}

// Bash completion from the command table: the commands, then each one's
// flags; files and directories for the rest.
std::string BashCompletion(CLI::App& app) {
  std::string out =
      "# bash completion for vnreform, generated by 'vnreform help --completion'\n"
      "_vnreform() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]} words\n"
      "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
      "    words=\"help --help --version";
  for (const Command& c : kCommands) out += std::string(" ") + c.name;
  out += "\"\n  else\n    case $cmd in\n";
  for (const Command& c : kCommands) {
    out += "      " + std::string(c.name) + ") words=\"--help";
    for (const CLI::Option* o : app.get_subcommand(c.name)->get_options())
      for (const std::string& name : o->get_lnames()) out += " --" + name;
    if (!std::strcmp(c.name, "rules")) out += " test list try";
    out += "\" ;;\n";
  }
  out += "      help) words=\"--man --completion";
  for (const Command& c : kCommands) out += std::string(" ") + c.name;
  out +=
      "\" ;;\n    esac\n  fi\n"
      "  if [[ $cur == -* || $COMP_CWORD -eq 1 ]]; then\n"
      "    mapfile -t COMPREPLY < <(compgen -W \"$words\" -- \"$cur\")\n"
      "  else\n"
      "    mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
      "  fi\n"
      "}\n"
      "complete -o filenames -F _vnreform vnreform\n";
  return out;
}

// `vnreform help [COMMAND | --man | --completion]`.
int Help(CLI::App& app, int argc, char** argv) {
  if (argc < 3) {
    std::fputs(app.help().c_str(), stdout);
    return kOk;
  }
  const std::string what = argv[2];
  if (what == "--man") {
    std::fputs(ManPage(app).c_str(), stdout);
    return kOk;
  }
  if (what == "--completion") {
    std::fputs(BashCompletion(app).c_str(), stdout);
    return kOk;
  }
  for (const Command& c : kCommands) {
    if (what == c.name) {
      std::fputs(app.get_subcommand(c.name)->help("vnreform").c_str(), stdout);
      return kOk;
    }
  }
  std::fprintf(stderr, "vnreform help: unknown topic '%s'\n\n%s", what.c_str(),
               app.help().c_str());
  return kUsage;
}

// A usage error in `sub`: what is wrong, its usage line and where help is.
int UsageError(const CLI::Formatter& format, const CLI::App& sub,
               const std::string& message) {
  const std::string name = "vnreform " + sub.get_name();
  std::fprintf(stderr, "%s: %s\n%s(see '%s --help')\n", name.c_str(), message.c_str(),
               format.make_usage(&sub, name).c_str(), name.c_str());
  return kUsage;
}

int Main(int argc, char** argv) {
  CLI::App app("vnreform: mine Vietnamese administrative-reform articles into SQLite.",
               "vnreform");
  app.footer(
      "'vnreform COMMAND --help' (or 'vnreform help COMMAND') describes a\n"
      "command; 'vnreform --version' gives the binary's, schema's and rule\n"
      "set's versions; 'vnreform help --man' is this help as a man page.\n"
      "Exit codes: 0 ok, 1 some inputs failed (the rest were stored), 2 usage\n"
      "or set-up error.");
  app.require_subcommand(1);
  auto format = std::make_shared<CLI::Formatter>();
  format->label("Usage", "usage");  // tests/cli_test.sh greps "^usage: vnreform CMD"
  format->label("SUBCOMMAND", "COMMAND");
  app.formatter(format);
  // As before CLI11: a flag given twice takes its last value.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  Flags f;
  f.argv0 = argv[0];
  for (const Command& c : kCommands) {
    CLI::App* sub = app.add_subcommand(c.name, c.desc);
    sub->group("Commands");
    sub->footer(c.help);
    sub->allow_extras();  // reported below, naming the command
    c.declare(sub, &f);
  }
  if (argc >= 2 && !std::strcmp(argv[1], "help")) return Help(app, argc, argv);
  if (argc == 2 && !std::strcmp(argv[1], "--version")) return PrintVersion(argv[0]);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);  // the command's, if one was given
    return kOk;
  } catch (const CLI::ParseError& e) {
    if (!app.get_subcommands().empty())
      return UsageError(*format, *app.get_subcommands()[0], e.what());
    if (argc < 2) {
      std::fputs(app.help().c_str(), stderr);
    } else {
      std::fprintf(stderr, "vnreform: unknown %s '%s'\n\n%s",
                   argv[1][0] == '-' ? "option" : "command", argv[1], app.help().c_str());
    }
    return kUsage;
  }
  CLI::App* sub = app.get_subcommands()[0];
  for (const std::string& extra : sub->remaining()) {
    if (extra == "--") continue;  // CLI11 passes it on; what follows is positional
    return UsageError(
        *format, *sub,
        (extra[0] == '-' ? "unknown option " : "unexpected argument ") + extra);
  }
  std::string command_line = "vnreform";  // recorded in the run log
  for (int i = 1; i < argc; ++i) command_line += std::string(" ") + argv[i];
  f.run.command_line = f.reextract.command_line = f.fetch.crawl.command_line =
      command_line;
  for (const Command& c : kCommands)
    if (sub->get_name() == c.name) return c.run(&f);
  return kUsage;  // not reached: CLI11 accepts only the commands above
}

}  // namespace
}  // namespace vnreform

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // glibc raises its mmap threshold up to 32 MiB after a large block is
  // freed; later large blocks (a 10 MB article's text, norm and offsets)
  // then come from per-thread heaps that keep their peak. A fixed threshold
  // gives every block over 1 MiB back when freed (scripts/memtest).
  // Fixing the mmap threshold also fixes the trim threshold at 128 KiB: the
  // heaps were then trimmed after nearly every batch, and each trim of a
  // multi-threaded process costs TLB shootdowns on every core, so the trim
  // threshold is set too. Small blocks stay; up to 64 MiB is kept.
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
