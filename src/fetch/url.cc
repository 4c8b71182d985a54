// URL canonicalisation (so a page is fetched and stored once) and the small
// header-value parsers the crawler needs (charset, Retry-After). Pure
// string code. Tested by tests/fetch_test.cc.
#include <algorithm>
#include <cctype>
#include <ctime>
#include <string_view>

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
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      const unsigned char v = static_cast<unsigned char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
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

// RFC 3986 section 5.2.4, on an absolute path.
std::string RemoveDotSegments(const std::string& path) {
  std::vector<std::string> parts;
  size_t i = 1;
  bool trailing_slash = false;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    const std::string seg = path.substr(i, j - i);
    trailing_slash = j == path.size() && (seg == "." || seg == "..");
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (seg != ".") {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += "/" + p;
  if (out.empty() || trailing_slash) out += "/";
  return out;
}

bool IsTrackingParam(std::string_view name) {
  static const char* const kNames[] = {"fbclid", "gclid", "dclid", "msclkid", "yclid",
                                       "mc_cid", "mc_eid", "_ga", "igshid", "gbraid",
                                       "wbraid"};
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

Status CanonicalUrl(const std::string& raw, std::string* out) {
  size_t b = 0, e = raw.size();
  while (b < e && std::isspace(static_cast<unsigned char>(raw[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(raw[e - 1]))) --e;
  std::string url = raw.substr(b, e - b);
  const size_t colon = url.find("://");
  if (colon == std::string::npos) return Status::InvalidArgument("not an absolute URL: " + url);
  const std::string scheme = Lower(url.substr(0, colon));
  if (scheme != "http" && scheme != "https")
    return Status::InvalidArgument("not an http(s) URL: " + url);
  url = url.substr(0, url.find('#'));
  const size_t auth_begin = colon + 3;
  size_t auth_end = url.find_first_of("/?", auth_begin);
  if (auth_end == std::string::npos) auth_end = url.size();
  std::string authority = url.substr(auth_begin, auth_end - auth_begin);
  std::string userinfo;
  if (const size_t at = authority.rfind('@'); at != std::string::npos) {
    userinfo = authority.substr(0, at + 1);
    authority = authority.substr(at + 1);
  }
  std::string host = authority, port;
  const size_t port_colon = authority.rfind(':');
  if (port_colon != std::string::npos && authority.find(']', port_colon) == std::string::npos) {
    host = authority.substr(0, port_colon);
    port = authority.substr(port_colon + 1);
    if (!std::all_of(port.begin(), port.end(), [](char c) { return std::isdigit(c); }))
      return Status::InvalidArgument("bad port in " + url);
    port.erase(0, std::min(port.find_first_not_of('0'), port.size()));
  }
  host = Lower(host);
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return Status::InvalidArgument("no host in " + url);
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443") ||
      (port.empty() && port_colon != std::string::npos))
    port.clear();
  std::string rest = url.substr(auth_end);
  std::string path = rest.substr(0, rest.find('?'));
  const size_t q = rest.find('?');
  std::string query = q == std::string::npos ? "" : CleanQuery(rest.substr(q + 1));
  if (path.empty()) path = "/";
  path = RemoveDotSegments(NormalizeEscapes(path));
  *out = scheme + "://" + userinfo + host + (port.empty() ? "" : ":" + port) + path +
         (query.empty() ? "" : "?" + query);
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
  if (const size_t at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
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
