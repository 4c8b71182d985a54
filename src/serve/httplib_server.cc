// The HTTP side of vnreform serve (serve.h) over cpp-httplib, the one file
// that includes it: every request goes to Site::Handle through the
// pre-routing handler, whatever its method (Site answers 405 for all but
// GET and HEAD). SIGINT and SIGTERM stop the server from a watcher thread
// (sigwait), not from a signal handler. Tested by tests/serve_http_test.sh.
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "serve/serve.h"

namespace vnreform {

Status Serve(Site* site, const ServeOptions& o,
             const std::function<void(const std::string& url)>& listening) {
  httplib::Server server;
  server.new_task_queue = [n = o.threads] { return new httplib::ThreadPool(n); };
  server.set_payload_max_length(64 * 1024);
  server.set_read_timeout(10);
  server.set_write_timeout(30);
  server.set_pre_routing_handler(
      [&](const httplib::Request& req, httplib::Response& res) {
        Request r;
        r.method = req.method;
        r.path = req.path;
        for (const auto& [k, v] : req.params) r.params.emplace_back(k, v);
        Response out = site->Handle(r);
        res.status = out.status;
        for (const auto& [k, v] : out.headers) res.set_header(k, v);
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:; style-src 'self'");
        if (out.status == 405) res.set_header("Connection", "close");
        res.set_content(out.body, out.content_type);
        if (o.log)
          std::fprintf(stderr, "%s %s %d %zu\n", req.method.c_str(), req.target.c_str(),
                       out.status, out.body.size());
        return httplib::Server::HandlerResponse::Handled;
      });
  const int port = o.port == 0 ? server.bind_to_any_port(o.host)
                               : (server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0)
    return Status::IOError("cannot listen on " + o.host + ":" + std::to_string(o.port));
  // SIGINT/SIGTERM go to the watcher alone: block them before any thread starts.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::atomic<bool> signalled{false};
  std::thread watcher([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    server.stop();
  });
  const std::string host =
      o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  listening("http://" + host + ":" + std::to_string(port) + "/");
  const bool ok = server.listen_after_bind();
  if (!ok && server.is_running()) server.stop();
  // Wake the watcher if the server stopped by itself.
  if (!signalled) pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (!ok && !signalled)
    return Status::IOError("the server stopped: cannot accept connections");
  return Status::Ok();
}

}  // namespace vnreform
