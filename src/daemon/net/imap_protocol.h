// IMAP4rev1 (RFC 3501) command text and response parsing for the `imap`
// daemon type: pure functions over strings, so the protocol details (quoting,
// the search grammar, the `n:*` trap) are tested without a server.
#ifndef RECPROC_DAEMON_NET_IMAP_PROTOCOL_H_
#define RECPROC_DAEMON_NET_IMAP_PROTOCOL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recproc {

// Search criteria beyond the UID range (RFC 3501 §6.4.4). Empty = not used.
struct ImapCriteria {
  std::string from;     // FROM: case-insensitive substring of the From header
  std::string subject;  // SUBJECT: case-insensitive substring
  std::string since;    // SINCE: "YYYY-MM-DD"; the server compares the internal date by day only
  bool unseen = false;  // UNSEEN: \Seen not set
};

// One untagged response ("* ..." without the "* "), with the literals it
// carried ({n} blocks) in order; `text` holds "{n}" where each literal stood.
struct ImapUntagged {
  std::string text;
  std::vector<std::string> literals;
};

// `s` as an IMAP quoted string. REQUIRES: IsImapQuotable(s).
std::string ImapQuote(std::string_view s);
// False for CR, LF, NUL and non-ASCII bytes, which a quoted string cannot
// carry (they would need a literal and CHARSET).
bool IsImapQuotable(std::string_view s);

// "2024-01-05" -> "5-Jan-2024" (RFC 3501 date); nullopt when malformed.
std::optional<std::string> ImapDateFromIso(std::string_view iso);

// "UID SEARCH UID <after+1>:* [FROM ..] [SUBJECT ..] [SINCE ..] [UNSEEN]".
// REQUIRES: the criteria strings are quotable.
std::string BuildUidSearch(uint32_t after_uid, const ImapCriteria& criteria);

// The numbers of "SEARCH n n ..." responses that are > `after_uid`, ascending
// and unique. The filter matters: `UID n:*` always matches the highest UID of
// the mailbox even when it is below n (RFC 3501 §6.4.8, "*" is the largest
// UID in use), so a server answers "SEARCH 3" to "UID SEARCH UID 10:*".
std::vector<uint32_t> ParseUidSearch(const std::vector<ImapUntagged>& responses, uint32_t after_uid);

// Response codes of SELECT/EXAMINE: "OK [UIDVALIDITY n]" and "OK [UIDNEXT n]".
struct ImapMailboxStatus {
  uint32_t uidvalidity = 0;
  uint32_t uidnext = 0;  // 0 when the server sent none
  uint32_t exists = 0;
};
bool ParseMailboxStatus(const std::vector<ImapUntagged>& responses, ImapMailboxStatus* out);

// From a "n FETCH (UID u INTERNALDATE "..." FLAGS (...) RFC822.SIZE s BODY[] {n})"
// response: the pieces the daemon reports. `body` is the first literal.
struct ImapFetched {
  uint32_t uid = 0;
  std::string internal_date;  // as sent: "05-Jan-2024 10:00:00 +0000"
  std::vector<std::string> flags;
  std::string body;
};
bool ParseFetch(const ImapUntagged& response, ImapFetched* out);

// "05-Jan-2024 10:00:00 +0100" -> ms since the epoch (UTC); nullopt if malformed.
std::optional<int64_t> ParseImapDateTime(std::string_view text);

}  // namespace recproc

#endif  // RECPROC_DAEMON_NET_IMAP_PROTOCOL_H_
