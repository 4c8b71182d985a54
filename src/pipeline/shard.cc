// Plans, shard runs and merges (shard.h): the plan cuts the inputs' files
// and JSONL lines into shards by weight; a shard is one Run() over its
// pieces into a temporary database that is sealed and renamed into place;
// a merge takes the parts in shard order through Store::MergePart.
#include "pipeline/shard.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "input/input.h"
#include "json/json.h"

namespace vnreform {

namespace fs = std::filesystem;

namespace {

// Writes `path` whole or not at all, and fsyncs it and its directory.
Status FsyncPath(const std::string& path, bool directory) {
  const int fd = open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  const int rc = fsync(fd);
  const int err = errno;
  close(fd);
  if (rc != 0) return Status::IOError(path + ": cannot fsync: " + std::strerror(err));
  return Status::Ok();
}

std::string DirOf(const std::string& path) {
  fs::path dir = fs::path(path).parent_path();
  return dir.empty() ? "." : dir.string();
}

// Renames `tmp` to `path` after fsyncing it, then fsyncs the directory.
Status Publish(const std::string& tmp, const std::string& path) {
  VNREFORM_RETURN_IF_ERROR(FsyncPath(tmp, false));
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IOError(path + ": cannot rename " + tmp +
                           " to it: " + std::strerror(errno));
  return FsyncPath(DirOf(path), true);
}

// A temporary name beside `path`, unique to this host and process.
std::string TempPath(const std::string& path) {
  char host[256] = "host";
  gethostname(host, sizeof host - 1);
  const fs::path p(path);
  return (p.parent_path() / ("." + p.filename().string() + "." + host + "." +
                             std::to_string(getpid()) + ".tmp"))
      .string();
}

void RemoveDatabase(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(path + suffix, ec);
}

// Adds the lines [first, end) of JSONL piece `file` starting at `offset` to
// shard `shard`, or the whole file when that is all of it.
void AddLines(const InputPiece& file, uint64_t first, uint64_t end, uint64_t offset,
              uint64_t bytes, uint64_t lines, PlanShard* shard) {
  InputPiece p = file;
  p.bytes = bytes;
  if (first > 1 || end <= lines) {
    p.first_line = first;
    p.end_line = end;
    p.offset = offset;
  }
  shard->pieces.push_back(std::move(p));
  shard->bytes += bytes;
  shard->units += end - first;
}

}  // namespace

Status MakePlan(const std::vector<std::string>& inputs, int shards, const RuleSet& rules,
                const std::string& rules_path, Plan* out) {
  *out = Plan();
  if (shards < 1)
    return Status::InvalidArgument("the number of shards must be at least 1");
  std::vector<InputPiece> files;
  VNREFORM_RETURN_IF_ERROR(ListInputs(inputs, &files));
  // First pass: the weight of each file (a JSONL file's decompressed bytes).
  uint64_t total = 0;
  for (InputPiece& f : files) {
    bool zstd = false;
    if (IsJsonl(f.path, &zstd) && zstd) {
      f.bytes = 0;
      VNREFORM_RETURN_IF_ERROR(
          ScanLines(f.path, true, [&](uint64_t, uint64_t, uint64_t n) { f.bytes += n; }));
    }
    total += f.bytes;
  }
  // Second pass: each unit (a file, a line) goes to the shard its middle
  // byte falls in, so shards are contiguous and of about total/N bytes.
  out->shards.resize(static_cast<size_t>(shards));
  uint64_t before = 0;  // the weight of the units before this one
  auto shard_of = [&](uint64_t weight) {
    if (total == 0) return 0;
    const long double middle = before + weight / 2.0L;
    return std::min(shards - 1, static_cast<int>(middle * shards / total));
  };
  for (const InputPiece& f : files) {
    bool zstd = false;
    if (!IsJsonl(f.path, &zstd)) {
      PlanShard& s = out->shards[shard_of(f.bytes)];
      s.pieces.push_back(f);
      s.bytes += f.bytes;
      ++s.units;
      before += f.bytes;
      continue;
    }
    // The lines: a range per shard they fall in.
    int cur = -1;
    uint64_t first = 1, offset = 0, bytes = 0, lines = 0;
    struct Range {
      int shard;
      uint64_t first, end, offset, bytes;
    };
    std::vector<Range> ranges;
    VNREFORM_RETURN_IF_ERROR(
        ScanLines(f.path, zstd, [&](uint64_t n, uint64_t at, uint64_t w) {
          const int s = shard_of(w);
          if (s != cur) {
            if (cur >= 0) ranges.push_back({cur, first, n, offset, bytes});
            cur = s;
            first = n;
            offset = at;
            bytes = 0;
          }
          bytes += w;
          before += w;
          lines = n;
        }));
    if (cur >= 0) ranges.push_back({cur, first, lines + 1, offset, bytes});
    for (const Range& r : ranges)
      AddLines(f, r.first, r.end, r.offset, r.bytes, lines, &out->shards[r.shard]);
  }
  out->schema_version = Store::SchemaVersion();
  out->ruleset = rules.version;
  std::error_code ec;
  out->rules_path = fs::absolute(rules_path, ec).lexically_normal().string();
  for (const RuleSource& src : rules.sources)
    out->rule_files.emplace_back(src.name, ContentHash(src.text));
  out->inputs = inputs;
  out->dir = fs::current_path(ec).string();
  out->id = "p-" + ContentHash(PlanToJson(*out, false)).substr(0, 12);
  return Status::Ok();
}

Status WritePlan(const std::string& path, const Plan& plan) {
  const std::string tmp = TempPath(path);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << PlanToJson(plan);
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Status::IOError(path + ": cannot write");
    }
  }
  Status s = Publish(tmp, path);
  if (!s.ok()) {
    std::error_code ec;
    fs::remove(tmp, ec);
  }
  return s;
}

Status ReadPlan(const std::string& path, Plan* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot read: " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  Status s = PlanFromJson(ss.str(), out);
  if (!s.ok()) return Status(s.code(), path + ": " + s.message());
  return Status::Ok();
}

std::string PartPath(const std::string& plan_path, int shard, int shards) {
  return (fs::path(DirOf(plan_path)) /
          ("part-" + std::to_string(shard) + "-of-" + std::to_string(shards) + ".db"))
      .string();
}

Status RunShard(const std::string& plan_path, const Plan& plan, int shard, RunOptions o,
                const Extractor& extractor, RunReport* report, std::string* part_path) {
  const int n = static_cast<int>(plan.shards.size());
  if (shard < 0 || shard >= n)
    return Status::InvalidArgument("shard " + std::to_string(shard) + " is not in " +
                                   plan_path + " (shards 0 to " + std::to_string(n - 1) +
                                   ")");
  if (plan.schema_version != Store::SchemaVersion())
    return Status::InvalidArgument(
        plan_path + " was made for schema version " +
        std::to_string(plan.schema_version) + ", this binary writes " +
        std::to_string(Store::SchemaVersion()) + ": make a new plan with this binary");
  if (extractor.rules().version != plan.ruleset)
    return Status::InvalidArgument(plan_path + " was made with rules " + plan.ruleset +
                                   "; the rules loaded are " + extractor.rules().version +
                                   ": give the plan's rules with --rules (" +
                                   plan.rules_path + ") or make a new plan");
  std::error_code ec;
  *part_path = fs::absolute(PartPath(plan_path, shard, n), ec).string();
  // Relative input paths start where the plan was made; the sources the
  // articles record are then what one `run` there records.
  const fs::path cwd = fs::current_path(ec);
  if (!plan.dir.empty()) {
    fs::current_path(plan.dir, ec);
    if (ec)
      return Status::IOError(plan_path + ": cannot enter the plan's directory " +
                             plan.dir + ": " + ec.message());
  }
  Status s;
  for (const InputPiece& p : plan.shards[shard].pieces) {
    const uintmax_t size = fs::file_size(p.path, ec);
    if (ec) {
      s = Status::NotFound(p.path + ": cannot read: " + ec.message());
      break;
    }
    if (size != p.file_size) {
      s = Status::InvalidArgument(p.path + " has " + std::to_string(size) + " bytes, " +
                                  std::to_string(p.file_size) +
                                  " when the plan was made: make a new plan");
      break;
    }
  }
  const std::string tmp = TempPath(*part_path);
  if (s.ok()) {
    RemoveDatabase(tmp);
    o.db_path = tmp;
    o.inputs.clear();
    o.pieces = plan.shards[shard].pieces;
    o.force = false;
    s = Run(o, extractor, report);
  }
  if (!plan.dir.empty()) fs::current_path(cwd, ec);
  if (s.ok()) {
    std::unique_ptr<Store> store;
    PartInfo info;
    info.plan = plan.id;
    info.shard = shard;
    info.shards = n;
    info.ruleset = plan.ruleset;
    s = Store::Open(tmp, &store);
    if (s.ok()) s = store->SealPart(&info);
    store.reset();
  }
  if (s.ok()) s = Publish(tmp, *part_path);
  if (!s.ok()) RemoveDatabase(tmp);
  return s;
}

std::string CheckPart(const std::string& path, const Plan& plan, int shard,
                      PartInfo* info) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return "no " + fs::path(path).filename().string();
  int version = 0;
  bool found = false;
  Status s = Store::ReadPart(path, &version, info, &found);
  if (!s.ok()) return s.message();
  if (version != Store::SchemaVersion())
    return path + ": schema version " + std::to_string(version) + ", this binary's is " +
           std::to_string(Store::SchemaVersion()) + ": rerun the shard with this binary";
  if (!found) return path + ": not a finished part (no shard_parts row)";
  if (info->plan != plan.id)
    return path + ": a part of plan " + info->plan + ", not of " + plan.id;
  if (info->shard != shard || info->shards != static_cast<int>(plan.shards.size()))
    return path + ": part " + std::to_string(info->shard) + " of " +
           std::to_string(info->shards) + ", not " + std::to_string(shard) + " of " +
           std::to_string(plan.shards.size());
  if (info->ruleset != plan.ruleset)
    return path + ": made with rules " + info->ruleset + ", the plan's are " +
           plan.ruleset + ": rerun the shard";
  return "";
}

std::vector<std::pair<int, std::string>> MissingShards(const std::string& plan_path,
                                                       const Plan& plan) {
  std::vector<std::pair<int, std::string>> out;
  const int n = static_cast<int>(plan.shards.size());
  for (int i = 0; i < n; ++i) {
    PartInfo info;
    std::string why = CheckPart(PartPath(plan_path, i, n), plan, i, &info);
    if (!why.empty()) out.emplace_back(i, std::move(why));
  }
  return out;
}

Status MergeParts(const std::string& plan_path, const Plan& plan,
                  const std::string& db_path, MergeReport* report) {
  *report = MergeReport();
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Store> store;
  VNREFORM_RETURN_IF_ERROR(Store::Open(db_path, &store));
  std::vector<PartInfo> merged;
  VNREFORM_RETURN_IF_ERROR(store->MergedParts(&merged));
  for (const PartInfo& p : merged) {
    if (p.ruleset != plan.ruleset)
      return Status::InvalidArgument(
          db_path + " holds parts made with rules " + p.ruleset + " (plan " + p.plan +
          "); " + plan_path + "'s are " + plan.ruleset +
          ": merge into a new database, or reextract it first");
  }
  const int n = static_cast<int>(plan.shards.size());
  for (int i = 0; i < n; ++i) {
    MergeReport::Part part;
    part.shard = i;
    const std::string path = PartPath(plan_path, i, n);
    PartInfo info;
    part.why = CheckPart(path, plan, i, &info);
    std::error_code ec;
    if (!part.why.empty()) {
      part.state = fs::exists(path, ec) ? MergeReport::Part::kRefused
                                        : MergeReport::Part::kMissing;
    } else {
      VNREFORM_RETURN_IF_ERROR(store->MergePart(path, info, &part.merge));
      part.state =
          part.merge.already ? MergeReport::Part::kAlready : MergeReport::Part::kMerged;
      report->articles += part.merge.articles;
      report->records += part.merge.records;
    }
    report->parts.push_back(std::move(part));
  }
  report->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace vnreform
