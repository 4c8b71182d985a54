// Line reading for the input stage: a file read line by line, plain or
// zstd-compressed (any number of frames). zstd_reader.cc is the only file
// that includes <zstd.h>. Memory is bounded: two fixed buffers plus the
// current line, itself capped at max_line_bytes + 1 bytes.
// Internal to src/input; not thread-safe.
#ifndef VNREFORM_INPUT_ZSTD_READER_H_
#define VNREFORM_INPUT_ZSTD_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace vnreform {

class LineReader {
 public:
  LineReader();
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Opens `path`, decompressing it when `zstd`. A line longer than
  // `max_line_bytes` is returned cut to max_line_bytes + 1 bytes (the rest
  // of it is skipped), so the caller can tell by its size. Reading starts
  // at byte `offset` of the (decompressed) data: a plain file seeks there,
  // a zstd one is decoded up to it. The error names no file: callers add
  // it. REQUIRES: called once.
  Status Open(const std::string& path, bool zstd, size_t max_line_bytes = SIZE_MAX,
              uint64_t offset = 0);

  // Stores the next line, without its '\n', in *line. Returns false at the
  // end, and also on error with *error set (corrupt or truncated zstd data,
  // a read error); otherwise *error is left alone. A last line without '\n'
  // is still a line.
  bool ReadLine(std::string* line, Status* error);

  // Bytes read from the file so far (compressed bytes for zstd).
  uint64_t bytes_read() const;
  // The (decompressed) byte offset of the next line: after ReadLine, that
  // line's start plus its length and its '\n', even when it was cut.
  uint64_t offset() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Compresses file `in` to `out` as one zstd frame (at `level`). For tests
// and tools; the pipeline only reads.
Status ZstdCompressFile(const std::string& in, const std::string& out, int level = 3);

// One zstd frame holding `in`, in *out (replaced).
Status ZstdCompress(std::string_view in, std::string* out, int level = 3);
// Decodes one or more frames into *out (replaced); fails on corrupt data or
// when the result would exceed `max_bytes`.
Status ZstdDecompress(std::string_view in, std::string* out, size_t max_bytes = SIZE_MAX);

}  // namespace vnreform

#endif  // VNREFORM_INPUT_ZSTD_READER_H_
