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

#include <memory>
#include <string>
#include <vector>

#include "core/document.h"

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
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The bytes InputReader(paths) will read if nothing changes meanwhile: the
// sizes of the files it takes (compressed size for .zst), for an ETA.
// Unreadable paths count 0.
uint64_t InputBytes(const std::vector<std::string>& paths);

// Stable 64-bit content hash (FNV-1a) as 16 hex digits.
std::string ContentHash(std::string_view a, std::string_view b = {});

}  // namespace vnreform

#endif  // VNREFORM_INPUT_INPUT_H_
