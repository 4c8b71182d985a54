// Sharded runs: a plan cuts the inputs of one `run` into N shards of about
// equal size; each shard runs on its own (a Slurm array task, a plain
// process) into one part database, published atomically; a merge puts the
// parts into one database equal to what one `run` over the inputs writes.
// A shard is "(plan, i, N) -> part-i-of-N.db": any engine that can start N
// processes can run it. Tested by tests/pipeline_test.cc and
// tests/shard_test.sh.
#ifndef VNREFORM_PIPELINE_SHARD_H_
#define VNREFORM_PIPELINE_SHARD_H_

#include <string>
#include <vector>

#include "core/plan.h"
#include "extract/rule_set.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace vnreform {

// Lists `inputs` as `run` reads them, weighs each file by its bytes and
// each line of a JSONL(.zst) file by its (decompressed) bytes, and cuts
// that sequence into `shards` contiguous shards of about equal weight, at
// file and line boundaries (a shard may be empty). Records the rule set
// (version, each file's content hash), the schema version and the
// directory relative paths start from. Deterministic: the same inputs,
// rules and shard count give the same plan and id.
Status MakePlan(const std::vector<std::string>& inputs, int shards, const RuleSet& rules,
                const std::string& rules_path, Plan* out);

// plan.json, written atomically (a temporary file, fsync, rename), and read
// back.
Status WritePlan(const std::string& path, const Plan& plan);
Status ReadPlan(const std::string& path, Plan* out);

// part-I-of-N.db in the directory of plan.json.
std::string PartPath(const std::string& plan_path, int shard, int shards);

// Runs shard `shard` of `plan` (read from plan_path) with `options`'
// threads, batch and callbacks (inputs and db_path are the plan's) and
// publishes its part atomically: written under a temporary name in the
// same directory, sealed (Store::SealPart), fsynced, renamed, the directory
// fsynced. A run that fails or is killed leaves no part; a rerun replaces
// it. Refuses a plan made for another schema version, rules of another
// version than the plan's, and inputs whose size changed since the plan.
Status RunShard(const std::string& plan_path, const Plan& plan, int shard,
                RunOptions options, const Extractor& extractor, RunReport* report,
                std::string* part_path);

// Whether part `path` is a finished part of shard `shard` of `plan` with
// this binary's schema: "" if so (and *info), else why not.
std::string CheckPart(const std::string& path, const Plan& plan, int shard,
                      PartInfo* info);

// The shards of `plan` with no valid part, each with why.
std::vector<std::pair<int, std::string>> MissingShards(const std::string& plan_path,
                                                       const Plan& plan);

struct MergeReport {
  struct Part {
    int shard = 0;
    enum State { kMerged, kAlready, kMissing, kRefused } state = kMissing;
    std::string why;  // kMissing, kRefused
    PartMerge merge;  // kMerged, kAlready
  };
  std::vector<Part> parts;            // by shard
  int64_t articles = 0, records = 0;  // taken by this merge
  double seconds = 0;
};

// Merges every valid part of `plan` into `db_path`, in shard order, one
// transaction a part (Store::MergePart); parts merged before are skipped.
// A missing part or one refused (another plan, schema or rule set) is
// reported and the others are merged. Fails when db_path cannot be used or
// holds parts made with other rules.
Status MergeParts(const std::string& plan_path, const Plan& plan,
                  const std::string& db_path, MergeReport* report);

}  // namespace vnreform

#endif  // VNREFORM_PIPELINE_SHARD_H_
