// The input stage: walks files and directories and yields one Document per
// article, streaming (memory does not grow with the input's size).
//   .txt            UTF-8 text, one article; key = path relative to the root
//   .html .htm      one page (is_html); key = path relative to the root
//   .jsonl          one article a line: id, url, title, published, text|html;
//   .jsonl.zst      key = id, else url. zstd is wrapped in zstd_reader.cc only.
// A file or line that cannot be read becomes a Document with a failed status
// (and `source` naming file and line), never an abort. Other extensions are
// skipped silently when found in a directory, reported when named directly.
// Not thread-safe: one reader per thread.
#ifndef VNREFORM_INPUT_INPUT_H_
#define VNREFORM_INPUT_INPUT_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/plan.h"

namespace vnreform {

struct InputOptions {
  // Largest single input (file or JSONL line) taken; bigger ones fail with a
  // clear message naming the file (and line). It bounds what one document
  // can cost: cleaning a page takes about 9 times its size in memory, and
  // normalizing and extracting about 20 times the text (see kMaxTextBytes in
  // pipeline.h). Default: 16 MiB.
  size_t max_article_bytes = 16u << 20;
};

class InputReader {
 public:
  // `paths`: files and directories, walked recursively in sorted order so
  // that runs are reproducible.
  InputReader(std::vector<std::string> paths, InputOptions options = {});
  // Reads exactly `pieces` (a shard of a plan, core/plan.h): each file, or
  // JSONL line range, under the key and source InputReader(paths) gives it.
  InputReader(std::vector<InputPiece> pieces, InputOptions options = {});
  ~InputReader();
  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;

  // Fills *doc with the next article (doc is reset first). Returns false at
  // the end. A bad input yields a Document whose status is not ok.
  bool Next(Document* doc);

  // Input bytes consumed so far (compressed bytes for .zst), for progress.
  uint64_t bytes_read() const;

  // The file the last document came from ("" before the first).
  const std::string& current_file() const;

 private:
  friend Status ListInputs(const std::vector<std::string>& paths,
                           std::vector<InputPiece>* out);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The bytes InputReader(paths) will read if nothing changes meanwhile: the
// sizes of the files it takes (compressed size for .zst), for an ETA.
// Unreadable paths count 0.
uint64_t InputBytes(const std::vector<std::string>& paths);

// The files InputReader(paths) reads, in its order, each as a whole-file
// piece with its key, size on disk and weight (bytes, not yet set for JSONL
// files: ScanLines). Fails on the first path or directory it cannot read.
Status ListInputs(const std::vector<std::string>& paths, std::vector<InputPiece>* out);

// Whether a piece's file is JSONL (then read by lines), and compressed.
bool IsJsonl(const std::string& path, bool* zstd);

// Calls fn(line_no, offset, bytes) for each line of a JSONL(.zst) file:
// its number (from 1), its (decompressed) byte offset, and its length with
// its '\n'. Memory stays small whatever the lines' length.
Status ScanLines(const std::string& path, bool zstd,
                 const std::function<void(uint64_t, uint64_t, uint64_t)>& fn);

// Stable 64-bit content hash (FNV-1a) as 16 hex digits.
std::string ContentHash(std::string_view a, std::string_view b = {});

}  // namespace vnreform

#endif  // VNREFORM_INPUT_INPUT_H_
