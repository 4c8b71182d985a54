// A small HTTP/1.1 server on 127.0.0.1 for tests: plain sockets, a thread
// that accepts and one thread per connection, one request per connection
// (Connection: close). Each path has a scripted handler that may misbehave
// on purpose: delays, stalls mid-body, errors. Never touches the network.
#ifndef VNREFORM_TESTS_SUPPORT_HTTP_SERVER_H_
#define VNREFORM_TESTS_SUPPORT_HTTP_SERVER_H_

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace vnreform {

struct HttpRequest {
  std::string method, path;                    // path with its query
  std::map<std::string, std::string> headers;  // names lower-cased
};

struct HttpReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int delay_ms = 0;  // before anything is sent
  int stall_ms = 0;  // after the headers and half the body
  HttpReply& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

class HttpServer {
 public:
  // hit: 1 for the first request to this path, 2 for the second...
  using Handler = std::function<HttpReply(const HttpRequest&, int hit)>;

  HttpServer();  // binds 127.0.0.1 on a free port and starts serving
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  bool ok() const { return listen_fd_ >= 0; }
  int port() const { return port_; }
  std::string Url(const std::string& path) const;

  void Route(const std::string& path, Handler handler);
  void Serve(const std::string& path, HttpReply reply);  // the same every time
  // Unrouted paths: this handler, else 404.
  void Fallback(Handler handler);

  int Hits(const std::string& path) const;
  std::vector<HttpRequest> Requests() const;

 private:
  void AcceptLoop();
  void Handle(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::map<std::string, Handler> routes_;
  Handler fallback_;
  std::map<std::string, int> hits_;
  std::vector<HttpRequest> requests_;
  std::atomic<int> conns_{0};  // connection threads running (detached)
  std::thread acceptor_;
};

}  // namespace vnreform

#endif  // VNREFORM_TESTS_SUPPORT_HTTP_SERVER_H_
