// Grok-style named sub-patterns for regex parsers: `%{IPV4:src}` stands for an
// IPv4 address captured as field `src`, `%{INT}` for an integer not captured.
// The library is written for RE2 (no back-references, no look-around), so
// every expansion stays linear-time.
#ifndef RECPROC_PARSE_GROK_PATTERNS_H_
#define RECPROC_PARSE_GROK_PATTERNS_H_

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "recproc/status.h"

namespace recproc {

struct GrokPattern {
  std::string_view name;
  std::string_view regex;  // may itself use %{NAME}
};

// The built-in library, sorted by name. Lifetime: static. Includes IP, IPV4,
// IPV6, IPORHOST, HOSTNAME, USER, USERNAME, EMAILADDRESS, INT, POSINT,
// NONNEGINT, NUMBER, BASE16NUM, WORD, NOTSPACE, SPACE, DATA, GREEDYDATA,
// QUOTEDSTRING, MAC, MAC48, URI, URIPROTO, URIHOST, URIPATH, URIPARAM, PATH,
// UNIXPATH, WINPATH, MONTH, MONTHNUM, MONTHDAY, DAY, YEAR, HOUR, MINUTE,
// SECOND, TIME, ISO8601_TIMEZONE, TIMESTAMP_ISO8601, SYSLOGTIMESTAMP,
// HTTPDATE, DURATION, KERNEL_TIMESTAMP, LOGLEVEL.
std::span<const GrokPattern> GrokPatternLibrary();

// One `%{NAME:field}` of a pattern, in order of appearance.
struct GrokCapture {
  std::string group;  // the RE2 group name generated for it (`grok1`, `grok2`, ...)
  std::string field;  // output field name; may hold characters RE2 names may not (`.`, `$`)
};

// Expands every `%{NAME}` and `%{NAME:field}` of `pattern` into RE2 syntax.
// Named captures become RE2 groups named grok1, grok2, ...; *captures says
// which group holds which field (RE2 group names are limited to
// [A-Za-z0-9_], field names are not).
// Java-style named groups `(?<name>...)` are rewritten to RE2's `(?P<name>...)`.
// `extra` adds or overrides patterns (user definitions); may be null.
// Fails on an unknown name, a malformed `%{`, or a definition cycle.
Status ExpandGrok(std::string_view pattern, const std::map<std::string, std::string, std::less<>>* extra,
                  std::string* regex, std::vector<GrokCapture>* captures);

}  // namespace recproc

#endif  // RECPROC_PARSE_GROK_PATTERNS_H_
