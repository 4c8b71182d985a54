// URL canonicalisation (so a page is fetched and stored once), over
// libcurl's URL API (curl_url.h), and the small header-value parsers the
// crawler needs (charset, Retry-After). Tested by tests/fetch_test.cc.
#include <algorithm>
#include <cctype>
#include <ctime>
#include <string_view>

#include "fetch/curl_url.h"
#include "fetch/fetch.h"

namespace vnreform {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// Upper-cases %xx escapes, decodes the unreserved ones and escapes bytes
// that may not appear raw (spaces, controls, non-ASCII).
std::string NormalizeEscapes(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
        HexValue(s[i + 2]) >= 0) {
      const unsigned char v =
          static_cast<unsigned char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      if (Unreserved(v)) {
        out += static_cast<char>(v);
      } else {
        out += '%';
        out += kHex[v >> 4];
        out += kHex[v & 15];
      }
      i += 2;
    } else if (c <= 0x20 || c >= 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Control bytes as %XX: curl refuses them raw, and the canonical form
// escapes them anyway (NormalizeEscapes).
std::string EscapeControls(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

// True if absolute `path` has a "." or ".." segment.
bool HasDotSegment(std::string_view path) {
  for (size_t i = 1; i <= path.size();) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    const std::string_view seg = path.substr(i, j - i);
    if (seg == "." || seg == "..") return true;
    i = j + 1;
  }
  return false;
}

bool IsTrackingParam(std::string_view name) {
  static const char* const kNames[] = {"fbclid", "gclid",  "dclid",  "msclkid",
                                       "yclid",  "mc_cid", "mc_eid", "_ga",
                                       "igshid", "gbraid", "wbraid"};
  const std::string n = Lower(std::string(name));
  if (n.rfind("utm_", 0) == 0) return true;
  return std::find(std::begin(kNames), std::end(kNames), n) != std::end(kNames);
}

std::string CleanQuery(std::string_view query) {
  std::string out;
  size_t i = 0;
  while (i <= query.size()) {
    size_t j = query.find('&', i);
    if (j == std::string_view::npos) j = query.size();
    const std::string_view param = query.substr(i, j - i);
    const std::string_view name = param.substr(0, param.find('='));
    if (!param.empty() && !IsTrackingParam(name)) {
      if (!out.empty()) out += '&';
      out += NormalizeEscapes(param);
    }
    i = j + 1;
  }
  return out;
}

}  // namespace

// libcurl's URL API parses (ParseUrlParts: scheme case, default port, dot
// segments, fragment); the rest is this project's canonical form.
Status CanonicalUrl(const std::string& raw, std::string* out) {
  size_t b = 0, e = raw.size();
  while (b < e && std::isspace(static_cast<unsigned char>(raw[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(raw[e - 1]))) --e;
  const std::string url = raw.substr(b, e - b);
  const size_t colon = url.find("://");
  if (colon == std::string::npos)
    return Status::InvalidArgument("not an absolute URL: " + url);
  const std::string scheme = Lower(url.substr(0, colon));
  if (scheme != "http" && scheme != "https")
    return Status::InvalidArgument("not an http(s) URL: " + url);
  UrlParts p;
  VNREFORM_RETURN_IF_ERROR(ParseUrlParts(EscapeControls(url), &p));
  std::string host = Lower(p.host);
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return Status::InvalidArgument("no host in " + url);
  std::string path = NormalizeEscapes(p.path);
  // Decoding %2E may make dot segments curl took for names: once more.
  if (UrlParts again;
      HasDotSegment(path) && ParseUrlParts("http://h" + path, &again).ok())
    path = again.path;
  const std::string query = CleanQuery(p.query);
  *out = p.scheme + "://" + p.userinfo + host + (p.port.empty() ? "" : ":" + p.port) +
         path + (query.empty() ? "" : "?" + query);
  return Status::Ok();
}

std::string UrlOrigin(const std::string& canonical) {
  const size_t colon = canonical.find("://");
  if (colon == std::string::npos) return "";
  const size_t end = canonical.find_first_of("/?", colon + 3);
  return canonical.substr(0, end);
}

std::string UrlHost(const std::string& canonical) {
  std::string origin = UrlOrigin(canonical);
  const size_t colon = origin.find("://");
  if (colon == std::string::npos) return "";
  std::string host = origin.substr(colon + 3);
  if (const size_t at = host.rfind('@'); at != std::string::npos)
    host = host.substr(at + 1);
  return host;
}

std::string UrlPathQuery(const std::string& canonical) {
  const std::string origin = UrlOrigin(canonical);
  const std::string rest = canonical.substr(origin.size());
  return rest.empty() ? "/" : rest;
}

std::string CharsetOf(const std::string& content_type) {
  const std::string lower = Lower(content_type);
  size_t p = lower.find("charset=");
  if (p == std::string::npos) return "";
  p += 8;
  std::string v;
  for (; p < lower.size() && lower[p] != ';' && lower[p] != ' '; ++p)
    if (lower[p] != '"' && lower[p] != '\'') v += lower[p];
  return v;
}

double ParseRetryAfter(const std::string& value, double now_unix) {
  std::string v = value;
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.erase(0, 1);
  if (v.empty()) return -1;
  if (std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(c); }))
    return v.size() > 9 ? 1e9 : std::stod(v);
  std::tm tm{};
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
  if (!strptime(v.c_str(), "%a, %d %b %Y %H:%M:%S", &tm)) return -1;
  const double when = static_cast<double>(timegm(&tm));
  return std::max(0.0, when - now_unix);
}

}  // namespace vnreform
