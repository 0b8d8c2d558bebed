// One authenticated IMAP connection for a daemon cycle. libcurl opens it
// (imap:// or imaps://, STARTTLS when required, SASL or LOGIN), then commands
// travel over curl_easy_send/curl_easy_recv.
//
// Why not CURLOPT_CUSTOMREQUEST for everything: libcurl 7.88 forwards only
// response lines beginning with "* " to the write callback, so the literal
// that carries a message in "UID FETCH n BODY.PEEK[]" is dropped; and the
// URL form ";UID=n" sends BODY[], which sets \Seen (reference/daemons.md
// §8.4, checked against Dovecot 2.3.19).
#ifndef RECPROC_DAEMON_NET_IMAP_SESSION_H_
#define RECPROC_DAEMON_NET_IMAP_SESSION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/net/imap_protocol.h"
#include "recproc/status.h"

namespace recproc {

struct ImapSessionOptions {
  std::string url;  // imap://host[:port] or imaps://host[:port]; no path needed
  std::string username;
  std::string password;  // a secret: never put into a Status message
  // imap:// only: require STARTTLS. Default: false (the URL scheme decides).
  bool require_tls = false;
  std::string ca_file;         // Default: the system CA bundle
  int64_t timeout_ms = 60000;  // for the whole session; 0 = 60 s
};

class ImapSession {
 public:
  ImapSession() = default;
  ~ImapSession();
  ImapSession(const ImapSession&) = delete;
  ImapSession& operator=(const ImapSession&) = delete;

  // Connects and logs in. Errors name the server, never the password.
  Status Open(const ImapSessionOptions& options);

  // Sends `command` with a fresh tag and collects the untagged responses until
  // the tagged completion. A NO or BAD completion is an error carrying the
  // server's text. REQUIRES: Open() succeeded; `command` has no CRLF.
  Status Run(std::string_view command, std::vector<ImapUntagged>* responses);

  // Bytes received so far, for the cycle's statistics and max_bytes.
  int64_t bytes_received() const { return bytes_received_; }

 private:
  Status ReadLine(std::string* line);  // up to and including CRLF
  Status ReadExact(size_t n, std::string* out);
  Status Fill();  // appends what the socket has, waiting up to the deadline

  void* curl_ = nullptr;  // CURL*; kept opaque so that curl.h stays in the .cc
  std::string buffer_;
  size_t pos_ = 0;
  int tag_ = 0;
  int64_t deadline_ms_ = 0;  // monotonic
  int64_t bytes_received_ = 0;
};

}  // namespace recproc

#endif  // RECPROC_DAEMON_NET_IMAP_SESSION_H_
