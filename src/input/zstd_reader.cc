// LineReader: reads a file line by line through fixed buffers, decompressing
// zstd with a ZSTD_DStream (the only file that includes <zstd.h>), plus
// ZstdCompressFile for tests. zstd errors become Status values.
// Tested by tests/input_test.cc.
#include "input/zstd_reader.h"

#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace vnreform {

namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

struct DStreamFree {
  void operator()(ZSTD_DStream* z) const { ZSTD_freeDStream(z); }
};
struct CCtxFree {
  void operator()(ZSTD_CCtx* z) const { ZSTD_freeCCtx(z); }
};

constexpr size_t kPlainBufferBytes = 256 << 10;

Status OpenFile(const std::string& path, const char* mode, FilePtr* out) {
  out->reset(std::fopen(path.c_str(), mode));
  if (*out) return Status::Ok();
  return Status::IOError(std::string("cannot ") + (mode[0] == 'r' ? "read" : "write") +
                         ": " + std::strerror(errno));
}

Status ZstdError(size_t code) {
  return Status::Parse(std::string("corrupt zstd data: ") + ZSTD_getErrorName(code));
}

}  // namespace

struct LineReader::Impl {
  FilePtr file;
  std::unique_ptr<ZSTD_DStream, DStreamFree> dstream;  // null: plain file
  std::vector<char> in_buf, out_buf;
  ZSTD_inBuffer in{nullptr, 0, 0};
  const char* data = nullptr;  // decoded bytes not yet split into lines
  size_t data_len = 0, data_pos = 0;
  uint64_t base = 0;  // the (decompressed) offset of data[0]
  bool eof = false;
  bool frame_open = false;  // a zstd frame has started and not ended
  uint64_t bytes_read = 0;
  size_t max_line_bytes = SIZE_MAX;

  Status ReadChunk();
  bool Refill(Status* error);
  bool RefillZstd(Status* error);
  void Append(const char* p, size_t n, std::string* line) const;
};

Status LineReader::Impl::ReadChunk() {
  size_t n = std::fread(in_buf.data(), 1, in_buf.size(), file.get());
  bytes_read += n;
  in = ZSTD_inBuffer{in_buf.data(), n, 0};
  if (n > 0) return Status::Ok();
  eof = true;
  if (std::ferror(file.get()))
    return Status::IOError(std::string("read error: ") + std::strerror(errno));
  return Status::Ok();
}

// Makes more decoded bytes available in [data, data + data_len). Returns
// false at the end of the input or on error.
bool LineReader::Impl::Refill(Status* error) {
  base += data_len;
  data_pos = data_len = 0;
  if (dstream) return RefillZstd(error);
  if (eof) return false;
  Status s = ReadChunk();
  if (!s.ok()) *error = s;
  data = in_buf.data();
  data_len = in.size;
  return data_len > 0;
}

bool LineReader::Impl::RefillZstd(Status* error) {
  while (true) {
    if (in.pos == in.size && !eof) {
      Status s = ReadChunk();
      if (!s.ok()) {
        *error = s;
        return false;
      }
    }
    bool no_input = in.pos == in.size && eof;
    if (no_input && !frame_open) return false;  // clean end
    ZSTD_outBuffer out{out_buf.data(), out_buf.size(), 0};
    size_t r = ZSTD_decompressStream(dstream.get(), &out, &in);
    if (ZSTD_isError(r)) {
      *error = ZstdError(r);
      return false;
    }
    frame_open = r != 0;
    data = out_buf.data();
    data_len = out.pos;
    if (data_len > 0) return true;
    if (no_input) {  // a frame is open, but nothing is left to finish it
      *error = Status::Parse("truncated zstd data");
      return false;
    }
  }
}

// Keeps at most max_line_bytes + 1 bytes of a line: enough to tell that it
// is too long without holding all of it.
void LineReader::Impl::Append(const char* p, size_t n, std::string* line) const {
  size_t cap = max_line_bytes == SIZE_MAX ? SIZE_MAX : max_line_bytes + 1;
  if (line->size() >= cap) return;
  line->append(p, std::min(n, cap - line->size()));
}

LineReader::LineReader() : impl_(new Impl) {}
LineReader::~LineReader() = default;

Status LineReader::Open(const std::string& path, bool zstd, size_t max_line_bytes,
                        uint64_t offset) {
  Impl& m = *impl_;
  m.max_line_bytes = max_line_bytes;
  VNREFORM_RETURN_IF_ERROR(OpenFile(path, "rb", &m.file));
  if (!zstd) {
    m.in_buf.resize(kPlainBufferBytes);
    if (offset > 0 && fseeko(m.file.get(), static_cast<off_t>(offset), SEEK_SET) != 0)
      return Status::IOError(std::string("cannot seek: ") + std::strerror(errno));
    m.base = offset;
    return Status::Ok();
  }
  m.dstream.reset(ZSTD_createDStream());
  if (!m.dstream) return Status::Internal("cannot create a zstd stream");
  size_t r = ZSTD_initDStream(m.dstream.get());
  if (ZSTD_isError(r)) return ZstdError(r);
  m.in_buf.resize(ZSTD_DStreamInSize());
  m.out_buf.resize(ZSTD_DStreamOutSize());
  // zstd frames cannot be entered in the middle: decode up to `offset`.
  while (m.base + m.data_pos < offset) {
    if (m.data_pos == m.data_len) {
      Status s;
      if (!m.Refill(&s)) return s.ok() ? Status::Parse("data ends before the offset") : s;
    }
    m.data_pos += static_cast<size_t>(
        std::min<uint64_t>(m.data_len - m.data_pos, offset - m.base - m.data_pos));
  }
  return Status::Ok();
}

bool LineReader::ReadLine(std::string* line, Status* error) {
  Impl& m = *impl_;
  line->clear();
  bool any = false;  // bytes of a line seen, perhaps only its '\n'
  while (true) {
    if (m.data_pos == m.data_len) {
      Status s;
      if (!m.Refill(&s)) {
        if (!s.ok()) *error = s;
        return s.ok() && any;
      }
    }
    const char* start = m.data + m.data_pos;
    size_t avail = m.data_len - m.data_pos;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', avail));
    size_t take = nl ? static_cast<size_t>(nl - start) : avail;
    m.Append(start, take, line);
    m.data_pos += take + (nl ? 1 : 0);
    any = true;
    if (nl) return true;
  }
}

uint64_t LineReader::bytes_read() const { return impl_->bytes_read; }

uint64_t LineReader::offset() const { return impl_->base + impl_->data_pos; }

Status ZstdCompressFile(const std::string& in, const std::string& out, int level) {
  FilePtr src, dst;
  VNREFORM_RETURN_IF_ERROR(OpenFile(in, "rb", &src));
  VNREFORM_RETURN_IF_ERROR(OpenFile(out, "wb", &dst));
  std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx(ZSTD_createCCtx());
  if (!cctx) return Status::Internal("cannot create a zstd context");
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
  std::vector<char> ibuf(ZSTD_CStreamInSize()), obuf(ZSTD_CStreamOutSize());
  bool last = false;
  while (!last) {
    size_t n = std::fread(ibuf.data(), 1, ibuf.size(), src.get());
    if (std::ferror(src.get())) return Status::IOError("read error");
    last = n < ibuf.size();
    ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
    ZSTD_inBuffer input{ibuf.data(), n, 0};
    bool done = false;
    while (!done) {
      ZSTD_outBuffer output{obuf.data(), obuf.size(), 0};
      size_t r = ZSTD_compressStream2(cctx.get(), &output, &input, mode);
      if (ZSTD_isError(r)) return ZstdError(r);
      if (std::fwrite(obuf.data(), 1, output.pos, dst.get()) != output.pos)
        return Status::IOError("write error");
      done = last ? r == 0 : input.pos == input.size;
    }
  }
  if (std::fclose(dst.release()) != 0) return Status::IOError("write error");
  return Status::Ok();
}

Status ZstdCompress(std::string_view in, std::string* out, int level) {
  out->resize(ZSTD_compressBound(in.size()));
  const size_t n = ZSTD_compress(out->data(), out->size(), in.data(), in.size(), level);
  if (ZSTD_isError(n)) return ZstdError(n);
  out->resize(n);
  return Status::Ok();
}

Status ZstdDecompress(std::string_view in, std::string* out, size_t max_bytes) {
  out->clear();
  if (in.empty()) return Status::Ok();
  std::unique_ptr<ZSTD_DStream, DStreamFree> ds(ZSTD_createDStream());
  if (!ds) return Status::Internal("cannot create a zstd stream");
  std::vector<char> buf(ZSTD_DStreamOutSize());
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  size_t r = 1;
  while (input.pos < input.size || r != 0) {
    ZSTD_outBuffer output{buf.data(), buf.size(), 0};
    r = ZSTD_decompressStream(ds.get(), &output, &input);
    if (ZSTD_isError(r)) return ZstdError(r);
    if (out->size() + output.pos > max_bytes)
      return Status::Parse("zstd data larger than " + std::to_string(max_bytes) +
                           " bytes");
    out->append(buf.data(), output.pos);
    if (output.pos == 0 && input.pos == input.size && r != 0)
      return Status::Parse("truncated zstd data");
  }
  return Status::Ok();
}

}  // namespace vnreform
