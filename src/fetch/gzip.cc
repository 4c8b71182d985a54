// gzip files as data (a sitemap.xml.gz served as is, not a Content-Encoding,
// which libcurl decodes itself): GunzipBuffer with a size limit against gzip
// bombs, and GzipBuffer for tests. The only file that includes <zlib.h>.
// Tested by tests/fetch_test.cc.
#include <zlib.h>

#include <climits>
#include <memory>

#include "fetch/fetch.h"

namespace vnreform {
namespace {

struct InflateEnd {
  void operator()(z_stream* z) const { inflateEnd(z); }
};
struct DeflateEnd {
  void operator()(z_stream* z) const { deflateEnd(z); }
};

constexpr int kGzipWindow = 15 + 16;  // zlib: 15-bit window, gzip wrapper

std::string ZlibError(const char* what, int rc, const z_stream& z) {
  return std::string("gzip: ") + what + " (" + (z.msg != nullptr ? z.msg : zError(rc)) +
         ")";
}

}  // namespace

Status GunzipBuffer(std::string_view in, size_t max_out, std::string* out) {
  out->clear();
  if (in.size() >= UINT_MAX) return Status::InvalidArgument("gzip: input over 4 GiB");
  if (in.size() < 2 || static_cast<unsigned char>(in[0]) != 0x1f ||
      static_cast<unsigned char>(in[1]) != 0x8b)
    return Status::Parse("gzip: not gzip data (no 1f 8b magic)");
  z_stream z{};
  if (int rc = inflateInit2(&z, kGzipWindow); rc != Z_OK)
    return Status::Internal(ZlibError("inflateInit2 failed", rc, z));
  std::unique_ptr<z_stream, InflateEnd> guard(&z);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buf[64 * 1024];
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    const int rc = inflate(&z, Z_NO_FLUSH);
    const size_t got = sizeof(buf) - z.avail_out;
    if (out->size() + got > max_out) {
      out->clear();
      return Status::InvalidArgument("gzip: decompressed size over the limit of " +
                                     std::to_string(max_out) + " bytes");
    }
    out->append(buf, got);
    if (rc == Z_STREAM_END) {
      // Concatenated members (gzip -c a b) form one file; trailing zeros or
      // junk after the last member are ignored, as gunzip does with a warning.
      if (z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
        if (int r = inflateReset(&z); r != Z_OK)
          return Status::Internal(ZlibError("inflateReset failed", r, z));
        continue;
      }
      return Status::Ok();
    }
    if (rc == Z_OK) continue;
    out->clear();
    // With fresh output room, "no progress" means the input ran out.
    if (rc == Z_BUF_ERROR && z.avail_in == 0)
      return Status::Parse("gzip: truncated data (" + std::to_string(in.size()) +
                           " bytes)");
    if (rc == Z_MEM_ERROR) return Status::Internal(ZlibError("out of memory", rc, z));
    return Status::Parse(ZlibError("corrupt data", rc, z));
  }
}

Status GzipBuffer(std::string_view in, std::string* out) {
  out->clear();
  if (in.size() >= UINT_MAX) return Status::InvalidArgument("gzip: input over 4 GiB");
  z_stream z{};
  if (int rc = deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8,
                            Z_DEFAULT_STRATEGY);
      rc != Z_OK)
    return Status::Internal(ZlibError("deflateInit2 failed", rc, z));
  std::unique_ptr<z_stream, DeflateEnd> guard(&z);
  out->resize(deflateBound(&z, static_cast<uLong>(in.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out->data());
  z.avail_out = static_cast<uInt>(out->size());
  const int rc = deflate(&z, Z_FINISH);
  if (rc != Z_STREAM_END) {
    out->clear();
    return Status::Internal(ZlibError("deflate failed", rc, z));
  }
  out->resize(z.total_out);
  return Status::Ok();
}

}  // namespace vnreform
