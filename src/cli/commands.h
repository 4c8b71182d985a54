// Subcommands that live in their own files under src/cli/; main.cc
// dispatches to them. Each returns the process exit code (0 ok, 1 some
// inputs failed, 2 usage or set-up error).
#ifndef VNREFORM_CLI_COMMANDS_H_
#define VNREFORM_CLI_COMMANDS_H_

namespace vnreform {

// vnreform fetch: crawl URL lists, sitemaps and feeds into the database
// (fetch_command.cc). argv holds the arguments after "fetch".
int CmdFetch(int argc, char** argv, const char* argv0);

}  // namespace vnreform

#endif  // VNREFORM_CLI_COMMANDS_H_
