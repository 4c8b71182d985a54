// Loopback HTTP server for tests (see http_server.h).
#include "support/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>

namespace vnreform {
namespace {

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

bool SendAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t k = ::send(fd, p, n, MSG_NOSIGNAL);
    if (k <= 0) return false;
    p += k;
    n -= static_cast<size_t>(k);
  }
  return true;
}

}  // namespace

HttpServer::HttpServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) return;
  const int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 512) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
    return;
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

HttpServer::~HttpServer() {
  stop_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  while (conns_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

std::string HttpServer::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void HttpServer::Route(const std::string& path, Handler handler) {
  std::lock_guard<std::mutex> l(mu_);
  routes_[path] = std::move(handler);
}

void HttpServer::Serve(const std::string& path, HttpReply reply) {
  Route(path, [reply](const HttpRequest&, int) { return reply; });
}

void HttpServer::Fallback(Handler handler) {
  std::lock_guard<std::mutex> l(mu_);
  fallback_ = std::move(handler);
}

int HttpServer::Hits(const std::string& path) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = hits_.find(path);
  return it == hits_.end() ? 0 : it->second;
}

std::vector<HttpRequest> HttpServer::Requests() const {
  std::lock_guard<std::mutex> l(mu_);
  return requests_;
}

void HttpServer::AcceptLoop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++conns_;
    std::thread([this, fd] {
      Handle(fd);
      --conns_;
    }).detach();
  }
}

void HttpServer::Handle(int fd) {
  std::string in;
  char buf[8192];
  size_t head_end;
  while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    if (stop_ || ::poll(&p, 1, 50) < 0) return (void)::close(fd);
    if (!(p.revents & POLLIN)) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return (void)::close(fd);
    in.append(buf, static_cast<size_t>(n));
  }
  HttpRequest req;
  size_t line_end = in.find("\r\n");
  const std::string first = in.substr(0, line_end);
  const size_t sp1 = first.find(' '), sp2 = first.rfind(' ');
  req.method = first.substr(0, sp1);
  req.path = first.substr(sp1 + 1, sp2 - sp1 - 1);
  for (size_t pos = line_end + 2; pos < head_end;) {
    const size_t e = in.find("\r\n", pos);
    const std::string line = in.substr(pos, e - pos);
    pos = e + 2;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
  }
  Handler h;
  int hit;
  {
    std::lock_guard<std::mutex> l(mu_);
    const std::string route = req.path.substr(0, req.path.find('?'));
    auto it = routes_.find(route);
    if (it != routes_.end())
      h = it->second;
    else
      h = fallback_;
    hit = ++hits_[route];
    requests_.push_back(req);
  }
  HttpReply reply;
  if (h)
    reply = h(req, hit);
  else
    reply.status = 404, reply.body = "not found";
  auto sleep = [&](int ms) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stop_ && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  };
  sleep(reply.delay_ms);
  std::string head =
      "HTTP/1.1 " + std::to_string(reply.status) + " " + Reason(reply.status) +
      "\r\nConnection: close\r\nContent-Length: " + std::to_string(reply.body.size()) +
      "\r\n";
  bool has_type = false;
  for (const auto& [k, v] : reply.headers) {
    head += k + ": " + v + "\r\n";
    has_type = has_type || k == "Content-Type";
  }
  if (!has_type) head += "Content-Type: text/html; charset=utf-8\r\n";
  head += "\r\n";
  const bool body = req.method != "HEAD" && reply.status != 304;
  const size_t half = reply.stall_ms > 0 ? reply.body.size() / 2 : reply.body.size();
  if (SendAll(fd, head.data(), head.size()) && body &&
      SendAll(fd, reply.body.data(), half)) {
    sleep(reply.stall_ms);
    if (!stop_) SendAll(fd, reply.body.data() + half, reply.body.size() - half);
  }
  ::shutdown(fd, SHUT_WR);
  // Drain until the client closes, so it sees the whole reply.
  for (int i = 0; i < 40; ++i) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 25) > 0 && ::recv(fd, buf, sizeof buf, 0) <= 0) break;
  }
  ::close(fd);
}

}  // namespace vnreform
