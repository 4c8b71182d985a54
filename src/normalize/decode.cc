// The decode step (decode.h) and SniffCharset: the charset a page declares
// in its head (<meta charset>, <meta http-equiv="Content-Type"
// content="...; charset=X">, or an XML declaration), read from the raw bytes
// before decoding. Pure; the ICU part is in icu_normalize.cc.
// Tested by tests/clean_test.cc.
#include "normalize/decode.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace vnreform {
namespace {

char LowerChar(char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

// Position of `needle` (lower-case) in `s` from `from`, ignoring ASCII case.
size_t FindNoCase(std::string_view s, std::string_view needle, size_t from) {
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && LowerChar(s[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// The value after "charset=" in `s` (quotes and spaces allowed around it).
std::string CharsetAfter(std::string_view s, size_t at) {
  size_t i = at + 7;  // "charset"
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i >= s.size() || s[i] != '=') return "";
  ++i;
  while (i < s.size() && (s[i] == ' ' || s[i] == '"' || s[i] == '\'')) ++i;
  size_t j = i;
  while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '-' ||
                          s[j] == '_' || s[j] == ':' || s[j] == '.'))
    ++j;
  return std::string(s.substr(i, j - i));
}

}  // namespace

std::string SniffCharset(std::string_view html) {
  // The head ends at <body>; scripts and comments in it may be long, so the
  // whole head is read (browsers stop at 1 KB; saved pages often put a
  // charset after a long comment or script).
  size_t end = FindNoCase(html, "<body", 0);
  if (end == std::string_view::npos) end = std::min<size_t>(html.size(), 64 << 10);
  std::string_view head = html.substr(0, end);
  if (head.substr(0, 5) == "<?xml") {
    size_t e = FindNoCase(head, "encoding", 0), close = head.find("?>");
    if (e != std::string_view::npos && e < close) {
      std::string v = CharsetAfter(head, e + 1);  // "encoding" is 8 letters
      if (!v.empty()) return v;
    }
  }
  for (size_t m = FindNoCase(head, "<meta", 0); m != std::string_view::npos;
       m = FindNoCase(head, "<meta", m + 5)) {
    size_t close = head.find('>', m);
    std::string_view tag =
        head.substr(m, close == std::string_view::npos ? close : close - m);
    size_t c = FindNoCase(tag, "charset", 0);
    if (c == std::string_view::npos) continue;
    std::string v = CharsetAfter(tag, c);
    if (!v.empty()) return v;
  }
  return "";
}

std::string NotText(std::string_view bytes) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xff' && bytes[1] == '\xfe') ||
                            (bytes[0] == '\xfe' && bytes[1] == '\xff')))
    return "";  // UTF-16: its NULs are text
  size_t controls = 0;
  for (unsigned char c : bytes) {
    if (c == 0) return "NUL bytes";
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
      ++controls;
  }
  if (controls > 0 && controls * 100 > bytes.size())
    return std::to_string(controls) + " control characters in " +
           std::to_string(bytes.size()) + " bytes";
  return "";
}

Status DecodeBytes(std::string_view bytes, const std::string& http_charset,
                   std::string* out, std::string* charset_used) {
  return DecodeToUtf8(bytes, http_charset.empty() ? SniffCharset(bytes) : http_charset,
                      out, charset_used);
}

Status Decode(Document* doc) {
  std::string html, used;
  VNREFORM_RETURN_IF_ERROR(DecodeBytes(doc->body, doc->charset, &html, &used));
  doc->body.swap(html);
  return Status::Ok();
}

}  // namespace vnreform
