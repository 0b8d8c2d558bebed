// RFC 3164 ("BSD") syslog: the informal format of most network devices.
//
// Grammar accepted (RFC 3164 §4.1 plus the variants seen in real logs):
//   MSG3164   = [PRI] *SP HEADER [RELAYED] [TAG ":" [SP]] CONTENT
//   PRI       = "<" 1*3DIGIT ">"                    ; 0..191, optional in lenient mode
//   HEADER    = TIMESTAMP SP [HOSTNAME SP [":" SP]]       ; Cisco "device-id" adds the lone ":"
//   TIMESTAMP = ["*" / "."] Mmm SP (SP DIGIT / 1*2DIGIT) SP [YYYY SP] hh:mm:ss ["." 1*9DIGIT]
//               [SP ZONE-ABBREVIATION] [":"]      ; EDT, CET, UTC... (LookupZoneAbbreviation)
//             / ISO-8601 token (2024-01-05T08:52:35.123+01:00, see ParseIso8601)
//   RELAYED   = "Message forwarded from " HOSTNAME ":" SP          ; AIX/Solaris relays
//             / [PRI] TIMESTAMP SP [HOSTNAME SP]                  ; a relay's header before the original's
//   TAG       = 1*48(ALNUM / "_" / "-" / "." / "/" / "(" / ")" / "@") ["[" PID "]"]
// The month is case-insensitive; Cisco's leading "*"/"." (clock not
// synchronised) is skipped; a trailing ":" after the timestamp (Cisco) is
// tolerated.
//
// Hostname heuristic: RFC 3164 makes HOSTNAME mandatory, but senders that
// log locally often omit it ("Oct 11 22:14:15 sshd[42]: ..."). The token
// after the timestamp is the hostname when it looks like one (letters,
// digits, '.', '-', '_', ':' - so names, IPv4 and IPv6 - not ending in ':'
// and not holding '[') and more text follows it; a token shaped like a tag
// ("sshd[42]:", "su:") means there is no hostname. So "10.0.0.99 Use the
// BFG!" has host 10.0.0.99 and no tag, as go-syslog reads it.
//
// TAG heuristic: RFC 3164 §4.1.3 says the TAG is alphanumeric, ended by a
// non-alphanumeric character (in practice "[pid]:" or ":"). We accept the
// usual punctuation of program names but require the ':' followed by a space
// or the end, so a Cisco mnemonic ("%ASA-6-302014: ...") or a URL stays in
// the message, which is where Cisco's own format and Metron put it.
//
// Year inference: the BSD timestamp has no year; the latest year that puts
// the time no more than a day after ctx.now_ms is taken (ResolveYearless).
// Strict mode requires PRI, a valid timestamp and a hostname.
#include "parse/syslog3164.h"

#include <string>

#include "util/civil_time.h"
#include "util/time_pattern.h"

namespace recproc {
namespace {

constexpr std::string_view kMonths[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::string_view kForwarded = "Message forwarded from ";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// A header timestamp, as found in the text.
struct Timestamp {
  std::string_view text;
  int64_t ms = kNoTime;
  bool zone_parsed = false;
  bool valid_date = true;
};

size_t SkipSpaces(std::string_view text, size_t pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  return pos;
}

bool ReadDigits(std::string_view text, size_t* pos, int n, int* value) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (*pos >= text.size() || !IsDigit(text[*pos])) return false;
    v = v * 10 + (text[(*pos)++] - '0');
  }
  *value = v;
  return true;
}

// `Mmm dd [yyyy] hh:mm:ss[.ffffff]`; on success *pos is after it.
bool ScanBsdTimestamp(std::string_view text, size_t* pos, CivilTime* t, bool* has_year) {
  size_t i = *pos;
  if (i + 3 > text.size()) return false;
  int month = -1;
  for (int m = 0; m < 12; ++m) {
    if (Lower(text[i]) == kMonths[m][0] && Lower(text[i + 1]) == kMonths[m][1] &&
        Lower(text[i + 2]) == kMonths[m][2]) {
      month = m + 1;
      break;
    }
  }
  if (month < 0) return false;
  i += 3;
  if (i >= text.size() || text[i] != ' ') return false;
  ++i;
  if (i < text.size() && text[i] == ' ') ++i;  // "Oct  1"
  int day = 0;
  if (i >= text.size() || !IsDigit(text[i])) return false;
  day = text[i++] - '0';
  if (i < text.size() && IsDigit(text[i])) day = day * 10 + (text[i++] - '0');
  if (i >= text.size() || text[i] != ' ') return false;
  ++i;
  *has_year = false;
  int year = 0;
  if (i + 4 < text.size() && IsDigit(text[i + 3]) && text[i + 4] == ' ') {
    if (!ReadDigits(text, &i, 4, &year)) return false;
    ++i;
    *has_year = true;
  }
  int h = 0, m = 0, s = 0;
  if (!ReadDigits(text, &i, 2, &h) || i >= text.size() || text[i++] != ':' || !ReadDigits(text, &i, 2, &m) ||
      i >= text.size() || text[i++] != ':' || !ReadDigits(text, &i, 2, &s))
    return false;
  int nanos = 0;
  if (i + 1 < text.size() && text[i] == '.' && IsDigit(text[i + 1])) {
    ++i;
    int digits = 0;
    while (i < text.size() && IsDigit(text[i])) {
      if (digits < 9) nanos = nanos * 10 + (text[i] - '0'), ++digits;
      ++i;
    }
    for (; digits < 9; ++digits) nanos *= 10;
  }
  if (i < text.size() && text[i] != ' ' && text[i] != ':') return false;
  *t = CivilTime{year, month, day, h, m, s, nanos};
  *pos = i;
  return true;
}

// The UTC time of a BSD timestamp t, in `zone`, its year inferred from
// now_ms when it has none; kNoTime, with *valid_date false, for an
// impossible date.
int64_t ResolveBsd(CivilTime t, bool has_year, const TimeZone& zone, int64_t now_ms, bool* valid_date) {
  if (has_year) {
    *valid_date = IsValidCivil(t);
    return *valid_date ? zone.LocalToUtcMs(t) : kNoTime;
  }
  t.year = 2000;  // leap year: only the month/day/time ranges are checked here
  *valid_date = IsValidCivil(t);
  const int64_t ms = *valid_date ? ResolveYearless(t, zone, now_ms) : kNoTime;
  return ms == INT64_MIN ? kNoTime : ms;
}

// Milliseconds of t into its minute. REQUIRES: t's second and nanos in
// range.
int64_t MsIntoMinute(const CivilTime& t) {
  return t.second * 1000 + static_cast<uint32_t>(t.nanos) / 1'000'000u;
}

// ResolveBsd through a memo of the last minute resolved, per thread: the
// lines of a source mostly share their minute with the line before, and
// resolving one (the date's validity, the year from now, the zone's offset)
// costs hundreds of instructions. A minute is remembered only when its
// seconds 0 and 59 resolve 59 s apart: the same year and one zone offset
// over the whole minute, so every second of it is its start plus the
// seconds.
int64_t ResolveBsdMemo(const CivilTime& t, bool has_year, const TimeZone& zone, int64_t now_ms,
                       bool* valid_date) {
  struct Minute {
    bool valid = false;
    bool has_year = false;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
    TimeZone zone;
    int64_t now_ms = 0;
    int64_t start_ms = 0;  // UTC ms at second 0
  };
  thread_local Minute memo;
  if (memo.valid && t.minute == memo.minute && t.hour == memo.hour && t.day == memo.day &&
      t.month == memo.month && has_year == memo.has_year && (!has_year || t.year == memo.year) &&
      now_ms == memo.now_ms && zone == memo.zone && t.second >= 0 && t.second <= 59 && t.nanos >= 0 &&
      t.nanos <= 999'999'999) {
    *valid_date = true;
    return memo.start_ms + MsIntoMinute(t);
  }
  const int64_t ms = ResolveBsd(t, has_year, zone, now_ms, valid_date);
  if (ms == kNoTime) return ms;
  CivilTime edge = t;
  edge.second = 0;
  edge.nanos = 0;
  bool edge_valid = false;
  const int64_t start = ResolveBsd(edge, has_year, zone, now_ms, &edge_valid);
  edge.second = 59;
  const int64_t end = ResolveBsd(edge, has_year, zone, now_ms, &edge_valid);
  memo.valid = start != kNoTime && end != kNoTime && end - start == 59'000 &&
               ms == start + MsIntoMinute(t);
  if (memo.valid) {
    memo.has_year = has_year;
    memo.year = t.year;
    memo.month = t.month;
    memo.day = t.day;
    memo.hour = t.hour;
    memo.minute = t.minute;
    memo.zone = zone;
    memo.now_ms = now_ms;
    memo.start_ms = start;
  }
  return ms;
}

// A BSD or ISO 8601 timestamp at *pos. Returns false (pos unchanged) when
// none starts there.
bool ScanTimestamp(std::string_view text, size_t* pos, const SyslogOptions& options, int64_t now_ms,
                   Timestamp* ts) {
  size_t start = *pos;
  if (start < text.size() && (text[start] == '*' || text[start] == '.')) ++start;
  size_t i = start;
  CivilTime t;
  bool has_year = false;
  if (ScanBsdTimestamp(text, &i, &t, &has_year)) {
    // Cisco devices may name the zone: "Apr 15 2014 09:34:34 EDT: %ASA-...".
    TimeZone zone = options.default_zone;
    ts->zone_parsed = false;
    size_t z = i + 1;
    while (z < text.size() && z - i <= 5 && text[z] >= 'A' && text[z] <= 'Z') ++z;
    int offset = 0;
    if (i < text.size() && text[i] == ' ' && z - i >= 3 &&
        (z == text.size() || text[z] == ' ' || text[z] == ':') &&
        LookupZoneAbbreviation(text.substr(i + 1, z - i - 1), &offset)) {
      zone = TimeZone::FixedOffset(offset);
      ts->zone_parsed = true;
      i = z;
    }
    ts->text = text.substr(start, i - start);
    ts->ms = ResolveBsdMemo(t, has_year, zone, now_ms, &ts->valid_date);
    if (i < text.size() && text[i] == ':') ++i;
    *pos = i;
    return true;
  }
  // ISO 8601 as one token: YYYY-MM-DD...
  if (start + 5 <= text.size() && IsDigit(text[start]) && IsDigit(text[start + 3]) &&
      text[start + 4] == '-') {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view token = text.substr(start, end - start);
    int64_t ms = 0;
    bool zone_parsed = false;
    if (!ParseIso8601(token, options.default_zone, &ms, &zone_parsed)) return false;
    ts->text = token;
    ts->ms = ms;
    ts->zone_parsed = zone_parsed;
    ts->valid_date = true;
    *pos = end;
    return true;
  }
  return false;
}

// The token at pos, up to a space or the end.
std::string_view TokenAt(std::string_view text, size_t pos) {
  size_t end = text.find(' ', pos);
  if (end == std::string_view::npos) end = text.size();
  return text.substr(pos, end - pos);
}

bool LooksLikeHost(std::string_view token) {
  if (token.empty() || token.size() > 255 || token.back() == ':') return false;
  if (!IsAlnum(token[0]) && token[0] != ':') return false;
  for (char c : token)
    if (!IsAlnum(c) && c != '.' && c != '-' && c != '_' && c != ':') return false;
  return true;
}

bool IsTagChar(char c) {
  return IsAlnum(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || c == '@';
}

// TAG ["[" PID "]"] ":" (SP / end) at pos. On success sets tag, pid and the
// position of the content.
bool ScanTag(std::string_view text, size_t pos, std::string_view* tag, std::string_view* pid,
             size_t* content) {
  size_t i = pos;
  if (i >= text.size() || !(IsAlnum(text[i]) || text[i] == '_' || text[i] == '/')) return false;
  while (i < text.size() && IsTagChar(text[i]) && i - pos < 48) ++i;
  const std::string_view t = text.substr(pos, i - pos);
  std::string_view p;
  if (i < text.size() && text[i] == '[') {
    const size_t pid_start = ++i;
    while (i < text.size() && text[i] != ']' && text[i] != ' ' && i - pid_start < 128) ++i;
    if (i >= text.size() || text[i] != ']' || i == pid_start) return false;
    p = text.substr(pid_start, i - pid_start);
    ++i;
  }
  if (i >= text.size() || text[i] != ':') return false;
  ++i;
  if (i < text.size() && text[i] != ' ') return false;
  if (i < text.size()) ++i;
  *tag = t;
  *pid = p;
  *content = i;
  return true;
}

class Syslog3164Parser final : public Parser {
 public:
  explicit Syslog3164Parser(SyslogOptions options)
      : options_(std::move(options)), name_(SyslogParserName("syslog3164", options_.body_parser)) {}
  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override;
  std::string_view name() const override { return name_; }
  const Parser* RequiredBodyOfTwin(const Parser& other) const override {
    const auto* twin = dynamic_cast<const Syslog3164Parser*>(&other);
    return twin != nullptr && SameHeaderOptions(options_, twin->options_) ? RequiredBody(options_) : nullptr;
  }

 private:
  Status Error(const char* expected, size_t pos) const {
    return Status::InvalidArgument(std::string("syslog3164: expecting ") + expected + " at column " +
                                   std::to_string(pos + 1));
  }
  // HOSTNAME SP if the token at *pos is one (see the heuristic above).
  static std::string_view ScanHostname(std::string_view text, size_t* pos) {
    const std::string_view token = TokenAt(text, *pos);
    if (!LooksLikeHost(token) || *pos + token.size() >= text.size()) return {};
    *pos = SkipSpaces(text, *pos + token.size());
    return token;
  }

  SyslogOptions options_;
  std::string name_;
};

Status Syslog3164Parser::Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const {
  const bool strict = options_.strict;
  size_t pos = 0;
  int pri = -1;
  if (!text.empty() && text[0] == '<') {
    size_t used = 0, err_pos = 0;
    if (!ParseSyslogPri(text, false, &pri, &used, &err_pos))
      return Error("a priority value in the range 0-191 within angle brackets", err_pos);
    pos = used;
  } else if (strict) {
    return Error("a priority value within angle brackets", 0);
  }
  pos = SkipSpaces(text, pos);

  Timestamp ts;
  const size_t ts_pos = pos;
  if (!ScanTimestamp(text, &pos, options_, ctx.now_ms, &ts)) {
    // Without PRI and timestamp this is not syslog at all.
    if (strict || pri < 0) return Error("a timestamp (Mmm dd hh:mm:ss or ISO 8601)", ts_pos);
    out->notes.push_back("syslog3164: no timestamp in the header");
  } else if (!ts.valid_date && strict) {
    return Error("a valid date and time in the timestamp", ts_pos);
  }
  pos = SkipSpaces(text, pos);

  std::string_view host, relay_host;
  Timestamp relay_ts;
  if (text.substr(pos, kForwarded.size()) == kForwarded) {
    const size_t host_start = pos + kForwarded.size();
    const size_t colon = text.find(':', host_start);
    if (colon != std::string_view::npos && LooksLikeHost(text.substr(host_start, colon - host_start))) {
      host = text.substr(host_start, colon - host_start);
      pos = SkipSpaces(text, colon + 1);
    }
  } else {
    host = ScanHostname(text, &pos);
    // A relay that puts its own header before the original one: the inner
    // header describes the event, the outer one is kept as syslog.relay.*.
    size_t inner = pos;
    int inner_pri = -1;
    if (inner < text.size() && text[inner] == '<') {
      size_t used = 0, err_pos = 0;
      if (ParseSyslogPri(text.substr(inner), false, &inner_pri, &used, &err_pos)) inner += used;
    }
    Timestamp inner_ts;
    if (!host.empty() && ScanTimestamp(text, &inner, options_, ctx.now_ms, &inner_ts)) {
      relay_host = host;
      relay_ts = ts;
      ts = inner_ts;
      if (inner_pri >= 0) pri = inner_pri;
      pos = SkipSpaces(text, inner);
      host = ScanHostname(text, &pos);
    }
  }
  if (host.empty() && strict) return Error("a hostname", pos);
  // Cisco ASA with "logging device-id": "INT-FW01 : %ASA-6-106100: ...".
  if (!host.empty() && pos < text.size() && text[pos] == ':' &&
      (pos + 1 == text.size() || text[pos + 1] == ' '))
    pos = SkipSpaces(text, pos + 1);

  std::string_view tag, pid;
  size_t content = pos;
  if (!ScanTag(text, pos, &tag, &pid, &content)) content = pos;

  if (pri >= 0) AddPriFields(pri, out);
  if (!ts.text.empty()) out->fields.push_back({"syslog.timestamp", ts.text});
  if (!host.empty()) out->fields.push_back({"syslog.hostname", host});
  if (!tag.empty()) out->fields.push_back({"syslog.appname", tag});
  if (!pid.empty()) out->fields.push_back({"syslog.procid", pid});
  if (!relay_host.empty()) {
    out->fields.push_back({"syslog.relay.hostname", relay_host});
    if (!relay_ts.text.empty()) out->fields.push_back({"syslog.relay.timestamp", relay_ts.text});
  }
  const std::string_view msg = text.substr(content);
  out->fields.push_back({"syslog.message", msg});
  if (ts.ms != kNoTime) {
    out->time_ms = ts.ms;
    out->zone_source = ts.zone_parsed ? ZoneSource::kParsed : DefaultZoneSource(options_);
  } else if (!ts.text.empty()) {
    out->notes.push_back("syslog3164: timestamp is not a valid date; message has no event time");
  }
  return ParseSyslogBody(options_, msg, name_, ctx, out);
}

}  // namespace

std::unique_ptr<Parser> MakeSyslog3164Parser(SyslogOptions options) {
  return std::make_unique<Syslog3164Parser>(std::move(options));
}

}  // namespace recproc
