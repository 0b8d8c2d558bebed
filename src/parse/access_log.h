// Web server access logs in the NCSA family: Apache/nginx `common`,
// `combined`, Apache `vhost_combined` (a leading `host:port`), and nginx's
// combined with `"$http_x_forwarded_for"` appended.
#ifndef RECPROC_PARSE_ACCESS_LOG_H_
#define RECPROC_PARSE_ACCESS_LOG_H_

#include <memory>
#include <string_view>

#include "parse/parser.h"

namespace recproc {

struct AccessLogOptions {
  // Strict: text after the last recognised field fails the message. Lenient
  // (Default: false): it is ignored with a note, so custom formats that
  // append more fields still parse.
  bool strict = false;
};

// Builds the access log parser (log_format "Text", parser "access_log"); the
// variant is recognised per line. Fields, each present only when the line has
// it, values as written ("-" stays "-"; mappings skip it):
//   vhost       `%v:%p` of vhost_combined, as written (`www.example.com:443`)
//   client.ip   `%h` (an address, or a name when HostnameLookups is on)
//   ident user  `%l %u`
//   time        `%t` without the brackets (`10/Oct/2000:13:55:36 -0700`); the
//               mapping stage parses it
//   request     `%r` as written, with `\"` and `\\` decoded; then
//   method url protocol   its three parts when it has three
//   status bytes          `%>s %b`
//   referer user_agent    the two quoted fields of combined
//   xff                   a third quoted field, bare or as `X-Forwarded-For="..."`
std::unique_ptr<Parser> MakeAccessLogParser(AccessLogOptions options = {});

// True when the line has a `[dd/Mon/yyyy:` timestamp among its first tokens
// followed by a quoted request. No parse.
bool LooksLikeAccessLog(std::string_view text);

}  // namespace recproc

#endif  // RECPROC_PARSE_ACCESS_LOG_H_
