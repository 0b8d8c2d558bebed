// A small HTTP/1.1 server for the network daemon tests: loopback only, a
// random free port, one std::thread accepting connections one at a time, and
// routes scripted by the test. A route's handler sees the parsed request and
// returns the response, so a test can count calls and answer 429 with
// Retry-After, 503, 304 for a matching If-None-Match, paging headers, a body
// cut short (Content-Length larger than what is sent) or a stall.
//
// Header-only because the test binary is built from tests/*_test.cc alone.
// Every response carries "Connection: close": simpler than keep-alive and it
// exercises the client's reconnects.
#ifndef RECPROC_TESTS_HTTP_TEST_SERVER_H_
#define RECPROC_TESTS_HTTP_TEST_SERVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace recproc::testing {

struct TestRequest {
  std::string method, target, path;            // target = path + "?" + query
  std::map<std::string, std::string> query;    // decoded; a repeated key keeps the last value
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

struct TestResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Send only this many body bytes, then close (Content-Length stays the
  // full size). -1 = send everything.
  long truncate_at = -1;
  // Wait this long before answering (for timeouts).
  int stall_ms = 0;
};

class HttpTestServer {
 public:
  using Handler = std::function<TestResponse(const TestRequest&)>;

  HttpTestServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || listen(fd_, 16) != 0) {
      close(fd_);
      fd_ = -1;
      return;
    }
    socklen_t len = sizeof(addr);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~HttpTestServer() {
    Stop();
    if (fd_ >= 0) close(fd_);
  }
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  // Answers no more requests; returns once no handler runs. An object whose
  // state routes read calls it before that state goes away.
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  bool ok() const { return fd_ >= 0; }
  int port() const { return port_; }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Routes by exact path (query ignored); later registrations replace.
  void Route(const std::string& path, Handler handler) {
    std::lock_guard<std::mutex> lock(mu_);
    routes_[path] = std::move(handler);
  }
  // A fixed 200 response with `content_type`.
  void Serve(const std::string& path, std::string body,
             const std::string& content_type = "application/json") {
    Route(path, [body, content_type](const TestRequest&) {
      TestResponse r;
      r.body = body;
      r.headers.emplace_back("Content-Type", content_type);
      return r;
    });
  }
  std::vector<TestRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  int Count(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    int n = 0;
    for (const TestRequest& r : requests_) n += r.path == path;
    return n;
  }
  void ClearRequests() {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.clear();
  }
  // Runs `change` while no handler runs. State that handlers read and the
  // test changes once the server is up goes through here when the client is
  // another process (a run of the recproc binary): its requests order the
  // change before the handler only through the kernel, which
  // ThreadSanitizer does not see (an in-process client's socket calls it
  // does).
  void Locked(const std::function<void()>& change) {
    std::lock_guard<std::mutex> lock(handler_mu_);
    change();
  }

 private:
  static std::string Decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
        i += 2;
      } else {
        out.push_back(s[i] == '+' ? ' ' : s[i]);
      }
    }
    return out;
  }

  void Loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      Handle(c);
      close(c);
    }
  }

  // Reads until the headers and Content-Length body are in; false on EOF,
  // a 10 s silence or shutdown.
  bool ReadRequest(int c, TestRequest* req) {
    std::string data;
    size_t header_end = std::string::npos, need = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    char buf[8192];
    for (;;) {
      if (header_end != std::string::npos && data.size() >= header_end + 4 + need) break;
      pollfd p{c, POLLIN, 0};
      if (stop_ || std::chrono::steady_clock::now() > deadline) return false;
      if (poll(&p, 1, 50) <= 0) continue;
      ssize_t n = read(c, buf, sizeof(buf));
      if (n <= 0) return false;
      data.append(buf, static_cast<size_t>(n));
      if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != std::string::npos) {
        size_t line_end = data.find("\r\n");
        std::string line = data.substr(0, line_end);
        size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
        req->method = line.substr(0, sp1);
        req->target = line.substr(sp1 + 1, sp2 - sp1 - 1);
        size_t pos = line_end + 2;
        while (pos < header_end) {
          size_t end = data.find("\r\n", pos);
          std::string h = data.substr(pos, end - pos);
          pos = end + 2;
          size_t colon = h.find(':');
          if (colon == std::string::npos) continue;
          std::string name = h.substr(0, colon);
          for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          size_t v = h.find_first_not_of(' ', colon + 1);
          req->headers[name] = v == std::string::npos ? "" : h.substr(v);
        }
        if (req->headers.count("content-length")) need = std::stoul(req->headers["content-length"]);
      }
    }
    req->body = data.substr(header_end + 4, need);
    size_t q = req->target.find('?');
    req->path = Decode(req->target.substr(0, q));
    if (q != std::string::npos) {
      std::string query = req->target.substr(q + 1);
      size_t pos = 0;
      while (pos <= query.size()) {
        size_t amp = query.find('&', pos);
        if (amp == std::string::npos) amp = query.size();
        std::string kv = query.substr(pos, amp - pos);
        size_t eq = kv.find('=');
        if (!kv.empty())
          req->query[Decode(kv.substr(0, eq))] = eq == std::string::npos ? "" : Decode(kv.substr(eq + 1));
        pos = amp + 1;
      }
    }
    return true;
  }

  void Handle(int c) {
    TestRequest req;
    if (!ReadRequest(c, &req)) return;
    Handler handler;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(req);
      auto it = routes_.find(req.path);
      if (it != routes_.end()) handler = it->second;
    }
    TestResponse resp;
    if (handler) {
      std::lock_guard<std::mutex> lock(handler_mu_);
      resp = handler(req);
    } else {
      resp.status = 404;
      resp.body = "no route for " + req.path;
    }
    for (int waited = 0; waited < resp.stall_ms && !stop_; waited += 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::string head = "HTTP/1.1 " + std::to_string(resp.status) + " X\r\n";
    for (const auto& [k, v] : resp.headers) head += k + ": " + v + "\r\n";
    bool no_body = resp.status == 304 || resp.status == 204 || req.method == "HEAD";
    if (!no_body) head += "Content-Length: " + std::to_string(resp.body.size()) + "\r\n";
    head += "Connection: close\r\n\r\n";
    std::string out = head;
    if (!no_body)
      out += resp.truncate_at >= 0 ? resp.body.substr(0, static_cast<size_t>(resp.truncate_at)) : resp.body;
    size_t sent = 0;
    while (sent < out.size()) {
      ssize_t n = send(c, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    shutdown(c, SHUT_WR);
    // Drain so the close does not turn into a reset before the client read it.
    char buf[1024];
    pollfd p{c, POLLIN, 0};
    while (poll(&p, 1, 100) > 0 && read(c, buf, sizeof(buf)) > 0) {
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::mutex handler_mu_;  // held while a handler runs (see Locked())
  std::map<std::string, Handler> routes_;
  std::vector<TestRequest> requests_;
};

}  // namespace recproc::testing

#endif  // RECPROC_TESTS_HTTP_TEST_SERVER_H_
