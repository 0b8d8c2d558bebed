// SmtpClient: hands one rendered message to an SMTP server through libcurl
// (smtp:// with optional or required STARTTLS, or smtps://). curl does the
// SMTP dialogue, AUTH and dot-stuffing; TLS peer and host verification stay
// on, with `ca_file` for a private CA.
#ifndef RECPROC_DAEMON_NET_SMTP_CLIENT_H_
#define RECPROC_DAEMON_NET_SMTP_CLIENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "recproc/status.h"

namespace recproc {

struct SmtpOptions {
  enum class StartTls { kTry, kRequire, kNone };
  std::string url;  // smtp://host[:port] | smtps://host[:port]; REQUIRES: non-empty
  std::string username, password;  // Default: "" (no AUTH)
  StartTls starttls = StartTls::kTry;  // ignored for smtps:// (TLS from the start)
  std::string ca_file;                 // Default: "" (the system CA store)
  int64_t timeout_ms = 30000;          // the whole transaction; Default: 30s
};

// Parses "try" | "require" | "none".
Status ParseStartTls(const std::string& text, SmtpOptions::StartTls* out);

// The URL without user info, path or query ("smtp://host:port"): what error
// messages may show.
std::string RedactedSmtpUrl(const std::string& url);

// Sends `message` (RFC 5322 text, CRLF line ends) from `envelope_from` to
// every address in `recipients`. An error names the server by
// RedactedSmtpUrl() and curl's reason (e.g. "Couldn't connect to server"),
// never the credentials.
Status SendMail(const SmtpOptions& options, const std::string& envelope_from,
                const std::vector<std::string>& recipients, const std::string& message);

}  // namespace recproc

#endif  // RECPROC_DAEMON_NET_SMTP_CLIENT_H_
