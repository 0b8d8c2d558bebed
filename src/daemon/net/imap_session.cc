// The IMAP session: libcurl with CURLOPT_CONNECT_ONLY does the connection,
// TLS and authentication; after that the session is a plain tagged
// command/response exchange (RFC 3501 §2.2) whose reader understands literals
// ("{n}\r\n" followed by n bytes, §4.3), so message bodies arrive intact.
#include "daemon/net/imap_session.h"

#include <curl/curl.h>
#include <poll.h>

#include <algorithm>
#include <charconv>
#include <chrono>

namespace recproc {
namespace {

// Far above any mail server's message size limit (typically 25-150 MB).
constexpr int64_t kMaxLiteralBytes = int64_t{512} << 20;

int64_t MonotonicMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The "{n}" or "{n+}" that ends a line announcing a literal; -1 when none.
int64_t LiteralSize(std::string_view line) {
  if (line.size() >= 2 && line.substr(line.size() - 2) == "\r\n") line.remove_suffix(2);
  if (line.empty() || line.back() != '}') return -1;
  size_t open = line.rfind('{');
  if (open == std::string_view::npos) return -1;
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
  int64_t n = -1;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return ec == std::errc() && p == digits.data() + digits.size() ? n : -1;
}

}  // namespace

ImapSession::~ImapSession() {
  if (curl_ != nullptr) {
    size_t sent = 0;
    std::string logout = "Z LOGOUT\r\n";
    curl_easy_send(static_cast<CURL*>(curl_), logout.data(), logout.size(), &sent);
    curl_easy_cleanup(static_cast<CURL*>(curl_));
  }
}

Status ImapSession::Open(const ImapSessionOptions& o) {
  deadline_ms_ = MonotonicMs() + (o.timeout_ms > 0 ? o.timeout_ms : 60000);
  CURL* c = curl_easy_init();
  if (c == nullptr) return Status::IoError("imap: cannot initialise libcurl");
  curl_ = c;
  curl_easy_setopt(c, CURLOPT_URL, o.url.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, o.username.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, o.password.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(deadline_ms_ - MonotonicMs()));
  if (o.require_tls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!o.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (rc != CURLE_OK) {
    std::string what = error[0] != 0 ? error : curl_easy_strerror(rc);
    if (rc == CURLE_OPERATION_TIMEDOUT)
      return Status::LimitExceeded("timeout connecting to " + o.url + ": " + what);
    return Status::IoError("imap: " + o.url + ": " + what);
  }
  return Status::Ok();
}

Status ImapSession::Fill() {
  CURL* c = static_cast<CURL*>(curl_);
  char chunk[65536];
  for (;;) {
    size_t got = 0;
    CURLcode rc = curl_easy_recv(c, chunk, sizeof chunk, &got);
    if (rc == CURLE_OK) {
      if (got == 0) return Status::IoError("imap: the server closed the connection");
      buffer_.append(chunk, got);
      bytes_received_ += static_cast<int64_t>(got);
      return Status::Ok();
    }
    if (rc != CURLE_AGAIN)
      return Status::IoError(std::string("imap: receive failed: ") + curl_easy_strerror(rc));
    int64_t left = deadline_ms_ - MonotonicMs();
    if (left <= 0) return Status::LimitExceeded("timeout waiting for the IMAP server");
    curl_socket_t fd = CURL_SOCKET_BAD;
    curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, &fd);
    pollfd p{fd, POLLIN, 0};
    poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1000)));
  }
}

Status ImapSession::ReadLine(std::string* line) {
  for (;;) {
    size_t nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      line->assign(buffer_, pos_, nl + 1 - pos_);
      pos_ = nl + 1;
      return Status::Ok();
    }
    if (pos_ > 0) {
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    if (Status s = Fill(); !s.ok()) return s;
  }
}

Status ImapSession::ReadExact(size_t n, std::string* out) {
  while (buffer_.size() - pos_ < n) {
    if (Status s = Fill(); !s.ok()) return s;
  }
  out->assign(buffer_, pos_, n);
  pos_ += n;
  return Status::Ok();
}

Status ImapSession::Run(std::string_view command, std::vector<ImapUntagged>* responses) {
  std::string tag = "R" + std::to_string(++tag_);
  std::string wire = tag + " " + std::string(command) + "\r\n";
  CURL* c = static_cast<CURL*>(curl_);
  size_t off = 0;
  while (off < wire.size()) {
    size_t sent = 0;
    CURLcode rc = curl_easy_send(c, wire.data() + off, wire.size() - off, &sent);
    if (rc == CURLE_AGAIN) {
      curl_socket_t fd = CURL_SOCKET_BAD;
      curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, &fd);
      pollfd p{fd, POLLOUT, 0};
      if (MonotonicMs() > deadline_ms_) return Status::LimitExceeded("timeout sending to the IMAP server");
      poll(&p, 1, 1000);
      continue;
    }
    if (rc != CURLE_OK) return Status::IoError(std::string("imap: send failed: ") + curl_easy_strerror(rc));
    off += sent;
  }
  std::string line;
  for (;;) {
    if (Status s = ReadLine(&line); !s.ok()) return s;
    if (line.rfind(tag + " ", 0) == 0) {
      std::string_view rest = std::string_view(line).substr(tag.size() + 1);
      while (!rest.empty() && (rest.back() == '\n' || rest.back() == '\r')) rest.remove_suffix(1);
      if (rest.substr(0, 2) == "OK") return Status::Ok();
      size_t space = command.find(' ');
      return Status::IoError("imap: " + std::string(command.substr(0, space)) +
                             " failed: " + std::string(rest));
    }
    if (line.rfind("* ", 0) != 0) continue;  // continuation requests are not used
    ImapUntagged r;
    std::string text = line.substr(2);
    for (;;) {
      int64_t n = LiteralSize(text);
      if (n < 0) break;
      // A literal is buffered whole; refuse absurd sizes rather than exhaust memory.
      if (n > kMaxLiteralBytes)
        return Status::LimitExceeded("imap: the server announced a " + std::to_string(n) +
                                     "-byte literal; the limit is " + std::to_string(kMaxLiteralBytes));
      std::string literal;
      if (Status s = ReadExact(static_cast<size_t>(n), &literal); !s.ok()) return s;
      r.literals.push_back(std::move(literal));
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      if (Status s = ReadLine(&line); !s.ok()) return s;
      text += line;  // the response goes on after the literal
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    r.text = std::move(text);
    if (responses != nullptr) responses->push_back(std::move(r));
  }
}

}  // namespace recproc
