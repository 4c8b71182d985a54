// Subcommands that live in their own files under src/cli/. main.cc parses
// their flags (it is the one file that includes CLI11) and hands them over
// already checked. Each returns the process exit code (0 ok, 1 some inputs
// failed, 2 usage or set-up error).
#ifndef VNREFORM_CLI_COMMANDS_H_
#define VNREFORM_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "pipeline/fetch_pipeline.h"
#include "serve/serve.h"

namespace vnreform {

// `vnreform fetch`'s flags, as parsed and range-checked.
struct FetchFlags {
  CrawlOptions crawl;  // seeds (sitemaps, feeds), limits, db_path, threads
  std::vector<std::string> url_files;  // --urls: one URL a line, '#' comments
  std::string contact;                 // --contact, else $VNREFORM_CONTACT
  std::string rules;                   // --rules ("": FindRulesPath's default)
  bool resume = false;                 // go on with the stored frontier (no seeds needed)
  bool quiet = false;
  bool progress = false;  // the progress line even when stderr is not a terminal
};

// vnreform fetch: crawl URL lists, sitemaps and feeds into the database
// (fetch_command.cc).
int CmdFetch(FetchFlags* flags, const char* argv0);

// `vnreform clean`'s flags, as parsed and range-checked.
struct CleanFlags {
  std::vector<std::string> paths;  // HTML files and directories
  std::string out_dir;             // --out: a file per page there ("": stdout)
  int threads = 0;                 // Default: 0 = all cores.
  bool json = false;               // metadata and blocks as JSON
};

// vnreform clean: print the main text of HTML pages (clean_command.cc).
int CmdClean(const CleanFlags& flags);

// `vnreform serve`'s flags, as parsed and range-checked.
struct ServeFlags {
  std::string db;
  ServeOptions serve;  // host, port, threads, log
  SiteOptions site;    // row and time limits
};

// vnreform serve: the read-only web page over a database (serve_command.cc).
int CmdServe(const ServeFlags& flags);

// `vnreform facts`'s flags.
struct FactsFlags {
  std::string db;                  // --db
  std::string rules;               // --rules: the reference data is its reference/ folder
  std::string reference;           // --reference: another folder of reference files
  std::string index;               // --index: print this index's rank series (no rebuild)
  std::string level = "province";  // --level
  std::string format = "table";    // --format: table, csv or jsonl
  std::string out;                 // --out: write the series there
  bool json = false;               // --json: the rebuild's summary as JSON
  bool no_search = false;          // --no-search: leave the search index as it is
};

// vnreform facts: rebuild the facts layer, or print a series (facts_command.cc).
int CmdFacts(const FactsFlags& flags, const char* argv0);

}  // namespace vnreform

#endif  // VNREFORM_CLI_COMMANDS_H_
