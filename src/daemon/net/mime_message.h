// An Internet message (RFC 5322) with its MIME structure (RFC 2045-2049)
// reduced to what a mailbox daemon reports: the main headers decoded to
// UTF-8, the text of its text/plain parts, and one entry per attachment.
#ifndef RECPROC_DAEMON_NET_MIME_MESSAGE_H_
#define RECPROC_DAEMON_NET_MIME_MESSAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "recproc/status.h"

namespace recproc {

struct MimeAttachment {
  std::string name;    // filename (Content-Disposition) or name (Content-Type); "" when neither
  std::string type;    // "application/pdf", lower case
  int64_t size = 0;    // decoded bytes (after base64/quoted-printable)
  std::string sha256;  // lower-case hex of the decoded bytes
};

struct MimeMessage {
  std::string from, to, cc, subject, message_id;  // decoded (RFC 2047) UTF-8; "" when absent
  std::string date;  // Date header as RFC 3339 UTC "2024-01-05T10:00:00Z"; "" when absent or invalid
  std::string text;  // text/plain parts that are not attachments, joined by "\n", UTF-8
  bool text_truncated = false;
  std::vector<MimeAttachment> attachments;
};

// Parses `raw` (the message as fetched, CRLF or LF line ends). Text beyond
// `max_text_bytes` is cut at a UTF-8 boundary and `text_truncated` set
// (0 = unlimited). Attachments are hashed whatever their size. A message
// without a header block still parses (its headers are empty).
Status ParseMimeMessage(std::string_view raw, int64_t max_text_bytes, MimeMessage* out);

}  // namespace recproc

#endif  // RECPROC_DAEMON_NET_MIME_MESSAGE_H_
