// `vnreform clean`: the main text (or metadata and blocks as JSON) of HTML
// pages, one page per worker thread at a time. The flags are declared in
// main.cc; decoding and cleaning are src/clean. Tested by tests/cli_test.sh
// and scripts/eval_htmlbench.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "cli/commands.h"
#include "core/parallel.h"
#include "json/json.h"
#include "normalize/decode.h"

namespace vnreform {
namespace {

constexpr int kOk = 0, kInputsFailed = 1, kUsage = 2;

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
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end;
         it.increment(ec)) {
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
  o.Add("file", path)
      .Add("kind", r.kind)
      .Add("title", r.title)
      .Add("published", r.published)
      .Add("author", r.author)
      .Add("site", r.site)
      .Add("url", r.url)
      .Add("lang", r.lang)
      .Add("charset", r.charset)
      .Add("text", r.Text())
      .AddRaw("blocks", blocks + "]");
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
  Status s = DecodeBytes(bytes, "", &html, &charset);
  CleanResult r;
  if (s.ok()) s = CleanHtml(CleanOptions(), html, &r);
  if (!s.ok()) return s;
  r.charset = charset;
  *out = json ? CleanJson(path, r) : r.Text();
  return Status::Ok();
}

}  // namespace

int CmdClean(const CleanFlags& f) {
  std::vector<std::string> files;
  if (!ListHtmlFiles(f.paths, &files)) return kInputsFailed;
  const std::string& out_dir = f.out_dir;
  std::error_code ec;
  if (!out_dir.empty() && !std::filesystem::create_directories(out_dir, ec) && ec)
    return std::fprintf(stderr, "vnreform clean: %s: %s\n", out_dir.c_str(),
                        ec.message().c_str()),
           kUsage;
  const bool json = f.json;
  // Each worker takes the next file and holds one page's tree at a time.
  // Without --out the outputs are kept and printed in input order.
  std::vector<std::string> outputs(out_dir.empty() ? files.size() : 0);
  std::vector<std::string> errors(files.size());
  ParallelFor(files.size(), ThreadCount(f.threads), [&](size_t i) {
    std::string text;
    Status s = CleanFile(files[i], json, &text);
    if (s.ok() && !out_dir.empty()) {
      const std::string name = std::filesystem::path(files[i]).stem().string();
      const std::string out_path = out_dir + "/" + name + (json ? ".json" : ".txt");
      std::ofstream file(out_path, std::ios::binary);
      file << text << '\n';
      if (!file) s = Status::IOError(out_path + ": cannot write");
    } else if (s.ok()) {
      outputs[i] = std::move(text);
    }
    if (!s.ok()) errors[i] = s.message();
  });
  int rc = kOk;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!errors[i].empty()) {
      std::fprintf(stderr, "vnreform clean: %s: %s\n", files[i].c_str(),
                   errors[i].c_str());
      rc = kInputsFailed;
    } else if (out_dir.empty()) {
      std::printf("%s\n", outputs[i].c_str());
    }
  }
  return rc;
}

}  // namespace vnreform
