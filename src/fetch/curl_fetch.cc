// Fetcher over the libcurl multi interface: many transfers at once, HTTP/2
// where offered, compressed bodies decoded, bounded redirects, time and
// size limits; and ParseUrlParts (curl_url.h) over its URL API. The only
// file that includes <curl/curl.h>; curl errors become Status values here.
// Tested by tests/fetch_test.cc (loopback, and the canonical URL cases).
#include <curl/curl.h>

#include <cctype>
#include <ctime>
#include <map>

#include "fetch/curl_url.h"
#include "fetch/fetch.h"

namespace vnreform {
namespace {

struct EasyCleanup {
  void operator()(CURL* e) const { curl_easy_cleanup(e); }
};
struct MultiCleanup {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Easy = std::unique_ptr<CURL, EasyCleanup>;
using Multi = std::unique_ptr<CURLM, MultiCleanup>;
using Slist = std::unique_ptr<curl_slist, SlistFree>;
struct UrlCleanup {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using Url = std::unique_ptr<CURLU, UrlCleanup>;

// One part of `u` into *out ("" when the URL has none).
CURLUcode GetPart(CURLU* u, CURLUPart part, unsigned flags, std::string* out) {
  char* s = nullptr;
  const CURLUcode rc = curl_url_get(u, part, &s, flags);
  out->assign(rc == CURLUE_OK && s != nullptr ? s : "");
  curl_free(s);
  return rc;
}

struct Transfer {
  FetchResponse response;
  Easy easy;
  Slist headers;
  size_t max_body = 0;
  bool too_big = false;
  char error[CURL_ERROR_SIZE] = {0};
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  Transfer* t = static_cast<Transfer*>(user);
  const size_t bytes = size * n;
  if (t->response.body.size() + bytes > t->max_body) {
    t->too_big = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response.body.append(data, bytes);
  return bytes;
}

// Keeps the header lines of the last response only (redirects and 100
// Continue come before it).
size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  Transfer* t = static_cast<Transfer*>(user);
  const size_t bytes = size * n;
  if (bytes >= 5 && std::string(data, 5) == "HTTP/") t->response.headers.clear();
  t->response.headers.append(data, bytes);
  return bytes;
}

std::string HeaderValue(const std::string& headers, const std::string& name) {
  size_t pos = 0;
  while (pos < headers.size()) {
    size_t nl = headers.find('\n', pos);
    if (nl == std::string::npos) nl = headers.size();
    const std::string line = headers.substr(pos, nl - pos);
    pos = nl + 1;
    const size_t colon = line.find(':');
    if (colon != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < colon && same; ++i)
      same = std::tolower(static_cast<unsigned char>(line[i])) == name[i];
    if (!same) continue;
    size_t b = colon + 1, e = line.size();
    while (b < e && (line[b] == ' ' || line[b] == '\t')) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(line[e - 1]))) --e;
    return line.substr(b, e - b);
  }
  return "";
}

bool Transient(CURLcode c) {
  switch (c) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

class CurlFetcher : public Fetcher {
 public:
  CurlFetcher(const FetchOptions& o, Multi multi) : o_(o), multi_(std::move(multi)) {}
  ~CurlFetcher() override {
    for (auto& [easy, t] : active_) curl_multi_remove_handle(multi_.get(), easy);
  }

  void Add(FetchRequest req) override {
    auto t = std::make_unique<Transfer>();
    t->response.id = req.id;
    t->response.url = req.url;
    t->max_body = o_.max_body_bytes;
    t->easy.reset(curl_easy_init());
    CURL* e = t->easy.get();
    if (!e) {
      t->response.error = Status::Internal("curl_easy_init failed");
      failed_.push_back(std::move(t->response));
      return;
    }
    curl_easy_setopt(e, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, o_.max_redirects);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // all curl decodes
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o_.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o_.timeout_ms);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o_.low_speed_bytes);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o_.low_speed_seconds);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(o_.max_body_bytes));
    curl_easy_setopt(e, CURLOPT_USERAGENT, o_.user_agent.c_str());
    curl_slist* h = nullptr;
    if (!req.etag.empty())
      h = curl_slist_append(h, ("If-None-Match: " + req.etag).c_str());
    if (!req.last_modified.empty())
      h = curl_slist_append(h, ("If-Modified-Since: " + req.last_modified).c_str());
    t->headers.reset(h);
    if (h) curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
    const CURLMcode mc = curl_multi_add_handle(multi_.get(), e);
    if (mc != CURLM_OK) {
      t->response.error =
          Status::Internal(std::string("curl: ") + curl_multi_strerror(mc));
      failed_.push_back(std::move(t->response));
      return;
    }
    active_.emplace(e, std::move(t));
  }

  Status Poll(int wait_ms, std::vector<FetchResponse>* out) override {
    for (FetchResponse& r : failed_) out->push_back(std::move(r));
    failed_.clear();
    int running = 0;
    CURLMcode mc = curl_multi_perform(multi_.get(), &running);
    if (mc == CURLM_OK && running > 0 && wait_ms > 0)
      mc = curl_multi_poll(multi_.get(), nullptr, 0, wait_ms, nullptr);
    if (mc == CURLM_OK) mc = curl_multi_perform(multi_.get(), &running);
    if (mc != CURLM_OK)
      return Status::Internal(std::string("curl: ") + curl_multi_strerror(mc));
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* e = msg->easy_handle;
      auto it = active_.find(e);
      if (it == active_.end()) continue;
      Finish(it->second.get(), msg->data.result);
      curl_multi_remove_handle(multi_.get(), e);
      out->push_back(std::move(it->second->response));
      active_.erase(it);
    }
    return Status::Ok();
  }

  size_t active() const override { return active_.size(); }

 private:
  void Finish(Transfer* t, CURLcode rc) {
    FetchResponse& r = t->response;
    CURL* e = t->easy.get();
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    char* final_url = nullptr;
    curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &final_url);
    r.http_status = code;
    r.final_url = final_url ? final_url : r.url;
    if (rc != CURLE_OK) {
      std::string what = t->error[0] ? t->error : curl_easy_strerror(rc);
      if (t->too_big || rc == CURLE_FILESIZE_EXCEEDED)
        what = "body larger than " + std::to_string(o_.max_body_bytes) + " bytes";
      r.error = Status::Network(r.url + ": " + what);
      r.transient = Transient(rc);
      r.body.clear();
      return;
    }
    r.content_type = HeaderValue(r.headers, "content-type");
    r.charset = CharsetOf(r.content_type);
    r.etag = HeaderValue(r.headers, "etag");
    r.last_modified = HeaderValue(r.headers, "last-modified");
    const std::string ra = HeaderValue(r.headers, "retry-after");
    if (!ra.empty())
      r.retry_after = ParseRetryAfter(ra, static_cast<double>(std::time(nullptr)));
  }

  FetchOptions o_;
  Multi multi_;
  std::map<CURL*, std::unique_ptr<Transfer>> active_;
  std::vector<FetchResponse> failed_;
};

}  // namespace

Status FetchGlobalInit() {
  const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (rc != CURLE_OK)
    return Status::Internal(std::string("curl_global_init: ") + curl_easy_strerror(rc));
  return Status::Ok();
}

Status NewCurlFetcher(const FetchOptions& options, std::unique_ptr<Fetcher>* out) {
  Multi multi(curl_multi_init());
  if (!multi) return Status::Internal("curl_multi_init failed");
  CURLM* m = multi.get();
  curl_multi_setopt(m, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(options.max_transfers));
  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(options.max_host_connections));
  FetchOptions o = options;
  if (o.user_agent.empty()) o.user_agent = "vnreform/0.1";
  out->reset(new CurlFetcher(o, std::move(multi)));
  return Status::Ok();
}

Status ParseUrlParts(const std::string& url, UrlParts* out) {
  *out = UrlParts();
  Url u(curl_url());
  if (!u) return Status::Internal("curl_url failed");
  CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, url.c_str(), CURLU_ALLOW_SPACE);
  if (rc != CURLUE_OK)
    return Status::InvalidArgument(std::string(curl_url_strerror(rc)) + ": " + url);
  std::string user, password;
  GetPart(u.get(), CURLUPART_SCHEME, 0, &out->scheme);
  GetPart(u.get(), CURLUPART_USER, 0, &user);
  const bool has_password =
      GetPart(u.get(), CURLUPART_PASSWORD, 0, &password) == CURLUE_OK;
  if (!user.empty() || has_password)
    out->userinfo = user + (has_password ? ":" + password : "") + "@";
  GetPart(u.get(), CURLUPART_HOST, 0, &out->host);
  GetPart(u.get(), CURLUPART_PORT, CURLU_NO_DEFAULT_PORT, &out->port);
  GetPart(u.get(), CURLUPART_PATH, 0, &out->path);
  GetPart(u.get(), CURLUPART_QUERY, 0, &out->query);
  if (out->path.empty()) out->path = "/";
  return Status::Ok();
}

}  // namespace vnreform
