// A shard plan: the inputs of one `run` cut into N shards of about equal
// size, so that N processes (a Slurm job array, GNU parallel, Kubernetes
// indexed jobs) each run one shard into one part database, and `merge`
// puts the parts together into what one `run` over the inputs would have
// written. Made by MakePlan (pipeline/shard.h), read and written as JSON by
// json/json.h, read by InputReader (input/input.h).
#ifndef VNREFORM_CORE_PLAN_H_
#define VNREFORM_CORE_PLAN_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace vnreform {

// A file, or a range of lines of a JSONL(.zst) file, as `run` reads it.
struct InputPiece {
  std::string path;        // as `run` names it: the root joined with the relative path
  std::string key;         // the file's key (for a JSONL file, that of its failed lines)
  uint64_t file_size = 0;  // bytes on disk when planned (`run` checks it)
  uint64_t bytes = 0;      // its weight: file bytes, or the lines' (decompressed) bytes
  // JSONL: the lines [first_line, end_line), counted from 1, and the
  // (decompressed) byte offset of first_line. 0, 0: the whole file.
  uint64_t first_line = 0, end_line = 0;
  uint64_t offset = 0;
};

struct PlanShard {
  std::vector<InputPiece> pieces;  // in the order `run` reads the inputs
  uint64_t bytes = 0;              // sum of the pieces' bytes
  uint64_t units = 0;              // files and JSONL lines (articles, about)
};

struct Plan {
  std::string id;          // a hash of everything below: names the plan's parts
  int schema_version = 0;  // of the binary that made it; parts must have it
  std::string ruleset;     // rule-set version the shards must run with
  std::string rules_path;  // where the rules were loaded from (absolute)
  std::vector<std::pair<std::string, std::string>> rule_files;  // name, content hash
  std::vector<std::string> inputs;                              // as given
  std::string dir;  // the directory `plan` ran in: relative paths start there
  std::vector<PlanShard> shards;
};

}  // namespace vnreform

#endif  // VNREFORM_CORE_PLAN_H_
