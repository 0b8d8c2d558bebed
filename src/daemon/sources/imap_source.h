// The `imap` daemon type: new messages of one IMAP mailbox, one item each
// (reference/daemons.md §3.2, §8.4).
//
//   params:
//     url: imaps://mail.example.com     # imap://host[:port] or imaps://host[:port]; required
//     username: soc-intake              # required
//     password: ${env:IMAP_PASSWORD}    # required; a secret
//     mailbox: INBOX                    # Default: INBOX
//     starttls: true                    # imap:// only: refuse to log in without STARTTLS. Default: false
//     ca_file: /etc/ssl/corp-ca.pem     # Default: the system CA bundle
//     from: alerts@vendor.example       # search criteria, ANDed; each Default: unused
//     subject: "[ALERT]"
//     since: 2024-01-01                 # internal date, day granularity (server-side)
//     unseen: true                      # only messages without \Seen
//     mark_seen: false                  # set \Seen on what was fetched. Default: false
//     max_text_bytes: 65536             # text kept per message; 0 = all. Default: 65536
//
// Cursor: {"uidvalidity": V, "last_uid": U}. A cycle EXAMINEs the mailbox,
// runs "UID SEARCH UID U+1:* <criteria>", keeps only UIDs > U (the server
// always answers the highest UID for "n:*", even when it is below n), and
// fetches each with BODY.PEEK[] in ascending order. Without a limit the new
// cursor is the highest UID the mailbox had, so messages that did not match
// the criteria are not searched again.
//
// UIDVALIDITY change (the mailbox was recreated or renumbered, RFC 3501
// §2.3.1.1): every stored UID is void, so the cycle starts over from UID 1
// and warns; set `dedup: {key: "{message_id}"}` to drop messages already
// emitted under the old numbering.
//
// \Seen: BODY.PEEK[] on a mailbox opened with EXAMINE (read-only) leaves
// flags untouched, so by default the mailbox looks unread to its human
// readers. `mark_seen: true` opens it with SELECT and stores \Seen on each
// fetched message during the fetch, i.e. before the runner has made the
// output durable; a failed cycle still re-fetches them (the cursor is by
// UID), except with `unseen: true`, which would then skip them forever, so
// that combination is refused at load time.
//
// Items: {uid, uidvalidity, mailbox, internal_date (RFC 3339), flags[],
// size, from, to, cc, subject, date, message_id, text, text_truncated,
// attachments: [{name, type, size, sha256}]}.
#ifndef RECPROC_DAEMON_SOURCES_IMAP_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_IMAP_SOURCE_H_

#include <memory>

#include "daemon/daemon_source.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateImapSource(const SourceSetup& setup);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_IMAP_SOURCE_H_
