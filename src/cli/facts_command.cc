// vnreform facts: rebuilds the facts layer (src/facts/facts.h) and prints
// its summary, or prints one index's rank series.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "extract/extract.h"
#include "facts/facts.h"
#include "json/json.h"
#include "serve/search.h"
#include "store/store.h"

namespace vnreform {
namespace {

constexpr int kOk = 0, kUsage = 2;

int PrintSeries(const FactsFlags& f) {
  std::unique_ptr<Store> store;
  std::string note;
  Status s = Store::OpenForReading(f.db, &store, &note);
  if (!note.empty()) std::fprintf(stderr, "note: %s\n", note.c_str());
  std::ofstream file;
  if (s.ok() && !f.out.empty()) {
    file.open(f.out, std::ios::binary);
    if (!file) s = Status::IOError(f.out + ": cannot write");
  }
  std::ostream& out = f.out.empty() ? std::cout : static_cast<std::ostream&>(file);
  SeriesOptions o;
  o.index = f.index;
  o.level = f.level;
  o.format = f.format == "csv"     ? SeriesFormat::kCsv
             : f.format == "jsonl" ? SeriesFormat::kJsonl
                                   : SeriesFormat::kTable;
  if (s.ok()) s = WriteRankSeries(store.get(), o, &out);
  out.flush();
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform facts: %s\n", s.ToString().c_str());
    return kUsage;
  }
  return kOk;
}

}  // namespace

int CmdFacts(const FactsFlags& f, const char* argv0) {
  if (!f.index.empty()) return PrintSeries(f);
  FactsOptions o;
  o.reference_dir =
      f.reference.empty()
          ? (std::filesystem::path(FindRulesPath(f.rules, argv0)) / "reference").string()
          : f.reference;
  FactsSummary sum;
  Status s = RebuildFacts(f.db, o, &sum);
  // Then the search index of vnreform serve (schemas/014_search.sql), over
  // the same articles and records.
  SearchBuildStats search;
  std::unique_ptr<Store> store;
  if (s.ok() && !f.no_search) s = Store::Open(f.db, &store);
  if (s.ok() && !f.no_search) s = BuildSearchIndex(store.get(), store.get(), &search);
  store.reset();
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform facts: %s\n", s.ToString().c_str());
    return kUsage;
  }
  int64_t total = 0;
  for (const auto& [k, n] : sum.facts) total += n;
  if (f.json) {
    JsonObject facts, status;
    for (const auto& [k, n] : sum.facts) facts.AddInt(k, n);
    for (const auto& [k, n] : sum.status) status.AddInt(k, n);
    JsonObject j;
    j.Add("data_version", sum.data_version)
        .AddInt("records", sum.records)
        .AddInt("links", sum.links)
        .AddInt("unresolved", sum.unresolved)
        .AddInt("facts_total", total)
        .AddRaw("facts", facts.Dump())
        .AddRaw("status", status.Dump())
        .AddInt("checks", sum.checks)
        .AddInt("failed_checks", sum.failed_checks)
        .AddInt("overrides", sum.overrides)
        .AddNumber("search_index_seconds", search.seconds);
    std::printf("%s\n", j.Dump().c_str());
    return kOk;
  }
  std::string kinds, statuses;
  for (const auto& [k, n] : sum.facts)
    kinds += (kinds.empty() ? "" : ", ") + k + " " + std::to_string(n);
  for (const auto& [k, n] : sum.status)
    statuses += (statuses.empty() ? "" : ", ") + k + " " + std::to_string(n);
  std::fprintf(
      stderr,
      "vnreform facts: %lld records, %lld links (%lld unresolved); %lld facts (%s);"
      " status: %s; %lld checks, %lld failed (view failed_checks); %lld overrides"
      " applied; reference %s; %.2f s\n",
      static_cast<long long>(sum.records), static_cast<long long>(sum.links),
      static_cast<long long>(sum.unresolved), static_cast<long long>(total),
      kinds.c_str(), statuses.empty() ? "-" : statuses.c_str(),
      static_cast<long long>(sum.checks), static_cast<long long>(sum.failed_checks),
      static_cast<long long>(sum.overrides), sum.data_version.c_str(), sum.seconds);
  if (f.no_search)
    std::fprintf(stderr, "vnreform facts: search index left as it was (--no-search)\n");
  else if (search.skipped)
    std::fprintf(stderr,
                 "vnreform facts: search index current (same articles and records)\n");
  else
    std::fprintf(
        stderr,
        "vnreform facts: search index of %lld articles and %lld records, %.2f s\n",
        static_cast<long long>(search.articles), static_cast<long long>(search.records),
        search.seconds);
  return kOk;
}

}  // namespace vnreform
