// Grok pattern library and expansion. The definitions are RE2 syntax written
// for this project: non-capturing groups only (captures come from
// `%{NAME:field}`), bounded repetition where a format bounds it (IPv4 octets,
// IPv6 groups, MAC octets), so that a pattern rejects what the format forbids
// rather than matching a prefix of it.
#include "parse/grok_patterns.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace recproc {
namespace {

// IPv6 per RFC 4291 §2.2: eight groups, one "::" standing for one or more
// zero groups, optionally an IPv4 address as the last 32 bits. Alternatives
// ending in an IPv4 tail come first so that the longest form wins when the
// pattern is not anchored at the end.
#define H "[0-9A-Fa-f]{1,4}"
#define V4 "%{IPV4}"
constexpr std::string_view kIpv6 =
    "(?:(?:" H ":){6}" V4 "|::(?:" H ":){0,5}" V4 "|(?:" H ":){1}:(?:" H ":){0,4}" V4 "|(?:" H ":){2}:(?:" H
    ":){0,3}" V4 "|(?:" H ":){3}:(?:" H ":){0,2}" V4 "|(?:" H ":){4}:(?:" H ":)?" V4 "|(?:" H ":){5}:" V4
    "|(?:" H ":){7}" H "|(?:" H ":){1}(?::" H "){1,6}|(?:" H ":){2}(?::" H "){1,5}|(?:" H ":){3}(?::" H
    "){1,4}|(?:" H ":){4}(?::" H "){1,3}|(?:" H ":){5}(?::" H "){1,2}|(?:" H ":){6}:" H "|(?:" H
    ":){1,7}:|::(?:" H "(?::" H "){0,6})?)";
#undef H
#undef V4

constexpr GrokPattern kPatterns[] = {
    {"BASE16NUM", "[+-]?(?:0[xX])?[0-9A-Fa-f]+"},
    {"DATA", ".*?"},
    {"DAY",
     "(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)"},
    {"DURATION", "[0-9]+:[0-5][0-9]:[0-5][0-9]"},
    {"EMAILADDRESS", "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@%{HOSTNAME}"},
    {"GREEDYDATA", ".*"},
    {"HOSTNAME",
     "[0-9A-Za-z](?:[0-9A-Za-z-]{0,61}[0-9A-Za-z])?(?:\\.[0-9A-Za-z](?:[0-9A-Za-z-]{0,61}[0-9A-Za-z])?)*\\."
     "?"},
    {"HOUR", "(?:2[0-3]|[01]?[0-9])"},
    {"HTTPDATE", "%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} [+-][0-9]{4}"},
    {"INT", "[+-]?[0-9]+"},
    {"IP", "(?:%{IPV6}|%{IPV4})"},
    {"IPORHOST", "(?:%{IP}|%{HOSTNAME})"},
    {"IPV4",
     "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]"
     ")"},
    {"IPV6", kIpv6},
    {"ISO8601_TIMEZONE", "(?:Z|[+-]%{HOUR}(?::?%{MINUTE})?)"},
    {"KERNEL_TIMESTAMP", "\\[[0-9]{5,12}\\.[0-9]{6}\\]"},
    {"LOGLEVEL",
     "(?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo(?:rmation)?|INFO(?:RMATION)?|"
     "[Ww]arn(?:ing)?|WARN(?:ING)?|[Ee]rr(?:or)?|ERR(?:OR)?|[Cc]rit(?:ical)?|CRIT(?:ICAL)?|[Ff]atal|FATAL|"
     "[Ss]evere|SEVERE|[Ee]merg(?:ency)?|EMERG(?:ENCY)?)"},
    {"MAC", "(?:%{MAC48}|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4})"},
    {"MAC48", "(?:[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5})"},
    {"MINUTE", "[0-5][0-9]"},
    {"MONTH",
     "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
     "Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"},
    {"MONTHDAY", "(?:3[01]|[12][0-9]|0?[1-9])"},
    {"MONTHNUM", "(?:1[0-2]|0?[1-9])"},
    {"NONNEGINT", "[0-9]+"},
    {"NOTSPACE", "\\S+"},
    {"NUMBER", "[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)"},
    {"PATH", "(?:%{UNIXPATH}|%{WINPATH})"},
    {"POSINT", "[1-9][0-9]*"},
    {"QUOTEDSTRING", "(?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')"},
    {"SECOND", "(?:60|[0-5]?[0-9])(?:[.,][0-9]+)?"},
    {"SPACE", "\\s*"},
    {"SYSLOGTIMESTAMP", "%{MONTH} +%{MONTHDAY} %{TIME}"},
    {"TIME", "%{HOUR}:%{MINUTE}(?::%{SECOND})?"},
    {"TIMESTAMP_ISO8601",
     "%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?"},
    {"UNIXPATH", "(?:/[^/\\s?#]*)+"},
    {"URI", "%{URIPROTO}://(?:%{USER}(?::[^@\\s]*)?@)?%{URIHOST}?(?:%{URIPATH}%{URIPARAM}?)?"},
    {"URIHOST", "%{IPORHOST}(?::%{POSINT})?"},
    {"URIPARAM", "\\?[^\\s#]*"},
    {"URIPATH", "(?:/[A-Za-z0-9$.+!*'(){},~:;=@%&_\\-]*)+"},
    {"URIPROTO", "[A-Za-z][A-Za-z0-9+.\\-]*"},
    {"USER", "%{USERNAME}"},
    {"USERNAME", "[A-Za-z0-9._\\-]+"},
    {"WINPATH", "(?:[A-Za-z]:|\\\\)(?:\\\\[^\\\\?*\\s]*)+"},
    {"WORD", "\\b\\w+\\b"},
    {"YEAR", "[0-9]{2}(?:[0-9]{2})?"},
};

constexpr int kMaxNesting = 16;

std::string_view Lookup(std::string_view name, const std::map<std::string, std::string, std::less<>>* extra) {
  if (extra) {
    auto it = extra->find(name);
    if (it != extra->end()) return it->second;
  }
  auto it = std::lower_bound(std::begin(kPatterns), std::end(kPatterns), name,
                             [](const GrokPattern& p, std::string_view n) { return p.name < n; });
  if (it == std::end(kPatterns) || it->name != name) return {};
  return it->regex;
}

// Appends regex text, rewriting Java/PCRE named groups `(?<name>` into RE2's
// `(?P<name>` (this RE2 accepts only the latter; mappings exported from the
// product use both).
void AppendRegex(std::string_view text, std::string* out) {
  size_t pos = 0;
  while (true) {
    size_t g = text.find("(?<", pos);
    const bool named = g != std::string_view::npos && g + 3 < text.size() &&
                       (std::isalpha(static_cast<unsigned char>(text[g + 3])) || text[g + 3] == '_') &&
                       (g == 0 || text[g - 1] != '\\');
    if (g == std::string_view::npos) {
      out->append(text.substr(pos));
      return;
    }
    out->append(text.substr(pos, g + 2 - pos));
    if (named) out->push_back('P');
    pos = g + 2;
  }
}

Status Expand(std::string_view pattern, const std::map<std::string, std::string, std::less<>>* extra,
              int depth, std::string* regex, std::vector<GrokCapture>* captures) {
  if (depth > kMaxNesting)
    return Status::InvalidArgument("grok: patterns nest deeper than " + std::to_string(kMaxNesting) +
                                   " (a definition refers to itself?)");
  size_t pos = 0;
  while (pos < pattern.size()) {
    size_t open = pattern.find("%{", pos);
    if (open == std::string_view::npos) {
      AppendRegex(pattern.substr(pos), regex);
      break;
    }
    // A backslash-escaped '%' is literal.
    if (open > 0 && pattern[open - 1] == '\\') {
      AppendRegex(pattern.substr(pos, open + 2 - pos), regex);
      pos = open + 2;
      continue;
    }
    AppendRegex(pattern.substr(pos, open - pos), regex);
    size_t close = pattern.find('}', open);
    if (close == std::string_view::npos)
      return Status::InvalidArgument("grok: unterminated '%{' at byte " + std::to_string(open + 1));
    std::string_view inner = pattern.substr(open + 2, close - open - 2);
    std::string_view name = inner.substr(0, inner.find(':'));
    std::string_view field = name.size() < inner.size() ? inner.substr(name.size() + 1) : std::string_view();
    std::string_view def = Lookup(name, extra);
    if (def.empty())
      return Status::InvalidArgument("grok: unknown pattern '" + std::string(name) + "' at byte " +
                                     std::to_string(open + 1));
    if (!field.empty()) {
      captures->push_back(GrokCapture{"grok" + std::to_string(captures->size() + 1), std::string(field)});
      regex->append("(?P<" + captures->back().group + ">");
    } else {
      regex->append("(?:");
    }
    if (Status s = Expand(def, extra, depth + 1, regex, captures); !s.ok()) return s;
    regex->push_back(')');
    pos = close + 1;
  }
  return Status::Ok();
}

}  // namespace

std::span<const GrokPattern> GrokPatternLibrary() { return kPatterns; }

Status ExpandGrok(std::string_view pattern, const std::map<std::string, std::string, std::less<>>* extra,
                  std::string* regex, std::vector<GrokCapture>* captures) {
  regex->clear();
  captures->clear();
  return Expand(pattern, extra, 0, regex, captures);
}

}  // namespace recproc
