// Internal to src/fetch: an absolute URL split by libcurl's URL API
// (curl_url), for url.cc. Implemented in curl_fetch.cc, the one file that
// includes libcurl. Thread-safe: a curl_url handle per call.
#ifndef VNREFORM_FETCH_CURL_URL_H_
#define VNREFORM_FETCH_CURL_URL_H_

#include <string>

#include "core/status.h"

namespace vnreform {

struct UrlParts {
  std::string scheme;    // lower case
  std::string userinfo;  // "user:password@" as written; "" if none
  std::string host;      // as written (curl keeps its case); IPv6 in []
  std::string port;      // decimal; "" if none or the scheme's default
  std::string path;      // dot segments removed; at least "/"
  std::string query;     // after '?', "" if none; the fragment is dropped
};

// Splits absolute `url`. Spaces are allowed (links are pasted with them);
// control bytes are not. Returns kInvalidArgument with curl's reason
// ("Bad hostname", "Port number was not a decimal number between 0 and
// 65535"...) when curl refuses it. Host names stay as written: curl 7.88
// converts IDN to punycode (CURLU_PUNYCODE) only under a UTF-8 locale,
// which would make the result depend on the process's locale.
Status ParseUrlParts(const std::string& url, UrlParts* out);

}  // namespace vnreform

#endif  // VNREFORM_FETCH_CURL_URL_H_
