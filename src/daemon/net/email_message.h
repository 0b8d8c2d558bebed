// EmailMessage: an outgoing RFC 5322 message for the notify.email rule
// action, rendered with CRLF line ends. Header values are made safe here:
// CR and LF in a subject or address (a templated field can carry them) are
// replaced by spaces so a record cannot inject headers, and a non-ASCII
// subject becomes RFC 2047 "B" encoded-words. An ASCII body with lines of at
// most 998 bytes goes as 7bit; anything else as base64 (RFC 2045), since
// curl does not negotiate 8BITMIME. Dot-stuffing is the SMTP client's job.
#ifndef RECPROC_DAEMON_NET_EMAIL_MESSAGE_H_
#define RECPROC_DAEMON_NET_EMAIL_MESSAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace recproc {

struct EmailMessage {
  std::string from;             // "addr@host" or "Name <addr@host>"
  std::vector<std::string> to;  // REQUIRES: at least one of to/cc non-empty
  std::vector<std::string> cc;
  std::string subject;          // UTF-8
  std::string body;             // UTF-8 text; LF or CRLF line ends
  std::string message_id;       // without the angle brackets: "<hex>@recproc"
  int64_t date_ms = 0;          // the Date header (UTC)
};

// The full message text: Date, From, To, Cc (when set), Subject, Message-ID,
// MIME-Version, Content-Type (text/plain; charset=UTF-8),
// Content-Transfer-Encoding, a blank line and the body, all CRLF.
std::string RenderEmail(const EmailMessage& message);

// `text` as a header value: itself when printable ASCII, else RFC 2047
// encoded-words (=?UTF-8?B?...?=, at most 75 bytes each, split on UTF-8
// character boundaries) joined by folding whitespace.
std::string EncodeHeaderText(std::string_view text);

// The addr-spec of a mailbox: "Name <a@b>" -> "a@b", "a@b" -> "a@b".
std::string MailboxAddress(std::string_view mailbox);

// "Thu, 01 Jan 2026 00:10:00 +0000" (RFC 5322 §3.3).
std::string Rfc5322Date(int64_t ms);

}  // namespace recproc

#endif  // RECPROC_DAEMON_NET_EMAIL_MESSAGE_H_
