// RFC 5424 syslog (the IETF format): header, structured data, MSG.
//
// Grammar (RFC 5424 §6):
//   SYSLOG-MSG  = PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID
//                 SP STRUCTURED-DATA [SP MSG]
//   VERSION     = NONZERO-DIGIT 0*2DIGIT
//   TIMESTAMP   = "-" / FULL-DATE "T" FULL-TIME   (RFC 3339, §6.2.3: upper-case T and Z,
//                 at most 6 fraction digits)
//   HOSTNAME    = "-" / 1*255PRINTUSASCII   APP-NAME 1*48   PROCID 1*128   MSGID 1*32
//   STRUCTURED-DATA = "-" / 1*SD-ELEMENT
//   SD-ELEMENT  = "[" SD-ID *(SP SD-PARAM) "]"  ; SD-ID, PARAM-NAME: 1*32 of PRINTUSASCII
//                 except '=', SP, ']', '"'
//   SD-PARAM    = PARAM-NAME "=" %d34 PARAM-VALUE %d34 ; '"', '\' and ']' escaped with '\'
//   MSG         = [BOM] UTF-8 text, or any octets; a leading BOM is stripped.
//
// Strict mode follows the grammar byte by byte and reports the first byte
// that cannot continue it, as go-syslog does (same positions, reported
// 1-based: go-syslog's 0-based "[col 7]" is our "column 8"). SD-IDs must be
// unique within a message; a backslash in a value may only escape '"', '\'
// or ']' (go-syslog's rule; RFC 5424 would keep other pairs as-is).
//
// Lenient mode (the default) accepts what real senders produce and notes
// each repair: header tokens of any non-space bytes and any length, repeated
// spaces, any ISO 8601 timestamp (read with ParseIso8601, the default zone
// when it has none), unescaped ']' or '"' in values when the value can
// still be delimited, backslashes before other characters kept as-is, and
// structured data that cannot be read at all kept as the start of MSG.
#include "parse/syslog5424.h"

#include <array>
#include <cstdio>
#include <string>

#include "util/civil_time.h"
#include "util/time_pattern.h"

namespace recproc {
namespace {

enum class Err : uint8_t {
  kPriBrackets,
  kPri,
  kVersion,
  kTimestamp,
  kDayRange,
  kHostname,
  kAppname,
  kProcid,
  kMsgid,
  kSd,
  kSdId,
  kSdParam,
  kSdEscape,
  kSdDuplicate,
  kSeparator,
};

const char* ErrText(Err e) {
  switch (e) {
    case Err::kPriBrackets:
      return "expecting a priority value within angle brackets";
    case Err::kPri:
      return "expecting a priority value in the range 1-191 or equal to 0";
    case Err::kVersion:
      return "expecting a version value in the range 1-999";
    case Err::kTimestamp:
      return "expecting a RFC3339MICRO timestamp or a nil value";
    case Err::kDayRange:
      return "day out of range in the timestamp";
    case Err::kHostname:
      return "expecting a hostname (from 1 to max 255 US-ASCII characters) or a nil value";
    case Err::kAppname:
      return "expecting an app-name (from 1 to max 48 US-ASCII characters) or a nil value";
    case Err::kProcid:
      return "expecting a procid (from 1 to max 128 US-ASCII characters) or a nil value";
    case Err::kMsgid:
      return "expecting a msgid (from 1 to max 32 US-ASCII characters) or a nil value";
    case Err::kSd:
      return "expecting a structured data section containing one or more elements (`[id( key=\"value\")*]+`) "
             "or a nil value";
    case Err::kSdId:
      return "expecting a structured data element id (from 1 to max 32 US-ASCII characters; except `=`, ` `, "
             "`]`, and `\"`)";
    case Err::kSdParam:
      return "expecting a structured data parameter (`key=\"value\"`, key from 1 to max 32 US-ASCII "
             "characters except `=`, ` `, `]`, `\"`; value with `]`, `\"` and `\\` escaped)";
    case Err::kSdEscape:
      return "expecting chars `]`, `\"`, and `\\` to be escaped within param value";
    case Err::kSdDuplicate:
      return "duplicate structured data element id";
    case Err::kSeparator:
      return "expecting a space";
  }
  return "parse error";
}

bool IsPrintUsAscii(char c) { return c >= 33 && c <= 126; }
bool IsSdName(char c) { return IsPrintUsAscii(c) && c != '=' && c != ']' && c != '"'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr size_t kMaxSdElementsChecked = 64;  // duplicate-ID check window

class Syslog5424Parser final : public Parser {
 public:
  explicit Syslog5424Parser(SyslogOptions options)
      : options_(std::move(options)), name_(SyslogParserName("syslog5424", options_.body_parser)) {}
  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override;
  std::string_view name() const override { return name_; }
  const Parser* RequiredBodyOfTwin(const Parser& other) const override {
    const auto* twin = dynamic_cast<const Syslog5424Parser*>(&other);
    return twin != nullptr && SameHeaderOptions(options_, twin->options_) ? RequiredBody(options_) : nullptr;
  }

 private:
  SyslogOptions options_;
  std::string name_;
};

// One parse: the cursor, the error, and the output.
struct Scan {
  std::string_view text;
  size_t pos = 0;
  bool strict = false;
  ParseContext* ctx = nullptr;
  ParsedMessage* out = nullptr;
  Err err = Err::kSeparator;
  size_t err_pos = 0;
  // Set when structured data exceeds a ParseLimits bound: that fails the
  // message even in lenient mode (the limits protect memory, not syntax).
  Status limit;

  bool Fail(Err e, size_t p) {
    err = e;
    err_pos = p;
    return false;
  }
  bool At(char c) const { return pos < text.size() && text[pos] == c; }
  // Adds a lenient-mode note naming the 1-based column of byte `at`.
  void Note(std::string_view what, size_t at) {
    char column[24];
    const int n = std::snprintf(column, sizeof column, "%zu", at + 1);
    out->notes.push_back(ArenaConcat(ctx->arena, what, " at column ", std::string_view(column, n)));
  }
  void Note(std::string_view what) { Note(what, pos); }
  void Add(std::string_view key, std::string_view value, ValueKind kind = ValueKind::kString) {
    out->fields.push_back({key, value, kind});
  }
};

// One digit within [lo, hi]; advances.
bool Digit(Scan& s, char lo, char hi, int* acc) {
  if (s.pos >= s.text.size() || s.text[s.pos] < lo || s.text[s.pos] > hi)
    return s.Fail(Err::kTimestamp, s.pos);
  *acc = *acc * 10 + (s.text[s.pos++] - '0');
  return true;
}

bool Literal(Scan& s, char c) {
  if (!s.At(c)) return s.Fail(Err::kTimestamp, s.pos);
  ++s.pos;
  return true;
}

// Two-digit hour 00-23: the second digit's range depends on the first.
bool Hour(Scan& s, int* h) {
  if (!Digit(s, '0', '2', h)) return false;
  return Digit(s, '0', *h == 2 ? '3' : '9', h);
}

bool SexagesimalPair(Scan& s, int* v) { return Digit(s, '0', '5', v) && Digit(s, '0', '9', v); }

// Strict RFC 3339 as RFC 5424 §6.2.3 restricts it; stores the UTC instant.
bool ScanRfc3339(Scan& s, int64_t* ms) {
  CivilTime t;
  int offset_h = 0, offset_m = 0, sign = 0;
  t.year = 0;
  for (int i = 0; i < 4; ++i)
    if (!Digit(s, '0', '9', &t.year)) return false;
  t.month = 0;
  if (!Literal(s, '-') || !Digit(s, '0', '1', &t.month) ||
      !Digit(s, t.month == 0 ? '1' : '0', t.month == 0 ? '9' : '2', &t.month))
    return false;
  t.day = 0;
  if (!Literal(s, '-') || !Digit(s, '0', '3', &t.day)) return false;
  const char lo = t.day == 0 ? '1' : '0', hi = t.day == 3 ? '1' : '9';
  if (!Digit(s, lo, hi, &t.day) || !Literal(s, 'T') || !Hour(s, &t.hour) || !Literal(s, ':') ||
      !SexagesimalPair(s, &t.minute) || !Literal(s, ':') || !SexagesimalPair(s, &t.second))
    return false;
  if (s.At('.')) {
    ++s.pos;
    int digits = 0, frac = 0;
    while (s.pos < s.text.size() && IsDigit(s.text[s.pos])) {
      if (digits == 6) return s.Fail(Err::kTimestamp, s.pos);
      frac = frac * 10 + (s.text[s.pos++] - '0');
      ++digits;
    }
    if (digits == 0) return s.Fail(Err::kTimestamp, s.pos);
    for (int d = digits; d < 9; ++d) frac *= 10;
    t.nanos = frac;
  }
  if (s.At('Z')) {
    ++s.pos;
  } else if (s.At('+') || s.At('-')) {
    sign = s.text[s.pos++] == '-' ? -1 : 1;
    if (!Hour(s, &offset_h) || !Literal(s, ':') || !SexagesimalPair(s, &offset_m)) return false;
  } else {
    return s.Fail(Err::kTimestamp, s.pos);
  }
  if (!IsValidCivil(t)) return s.Fail(Err::kDayRange, s.pos);
  *ms = CivilToLocalMs(t) - sign * (offset_h * 3600 + offset_m * 60) * int64_t{1000};
  return true;
}

// The SP after a header field; lenient mode also skips repeated spaces.
bool Separator(Scan& s) {
  if (!s.At(' ')) return s.Fail(Err::kSeparator, s.pos);
  ++s.pos;
  if (!s.strict && s.At(' ')) {
    s.Note("repeated spaces between header fields skipped");
    while (s.At(' ')) ++s.pos;
  }
  return true;
}

// TIMESTAMP SP. Adds syslog.timestamp and the message time.
bool ScanTimestamp(Scan& s, const SyslogOptions& options) {
  const size_t start = s.pos;
  if (s.At('-')) {
    ++s.pos;
  } else {
    int64_t ms = 0;
    if (ScanRfc3339(s, &ms)) {
      s.out->time_ms = ms;
      s.out->zone_source = ZoneSource::kParsed;
    } else {
      if (s.strict) return false;
      size_t end = s.text.find(' ', start);
      if (end == std::string_view::npos) end = s.text.size();
      s.pos = end;
      bool zone_parsed = false;
      if (ParseIso8601(s.text.substr(start, end - start), options.default_zone, &ms, &zone_parsed)) {
        s.out->time_ms = ms;
        s.out->zone_source = zone_parsed ? ZoneSource::kParsed : DefaultZoneSource(options);
        s.Note("timestamp is not RFC 3339 as RFC 5424 requires; read as ISO 8601");
      } else {
        s.Note("timestamp not understood; message has no event time");
      }
    }
    s.Add("syslog.timestamp", s.text.substr(start, s.pos - start));
  }
  return Separator(s);
}

// A header token (HOSTNAME, APP-NAME, PROCID, MSGID) and the SP after it.
// "-" (NILVALUE) adds no field.
bool ScanToken(Scan& s, size_t max_len, Err err, std::string_view key) {
  const size_t start = s.pos;
  if (s.strict) {
    while (s.pos < s.text.size() && IsPrintUsAscii(s.text[s.pos])) {
      if (s.pos - start == max_len) return s.Fail(err, s.pos);
      ++s.pos;
    }
    if (s.pos == start || !s.At(' ')) return s.Fail(err, s.pos);
  } else {
    while (s.pos < s.text.size() && s.text[s.pos] != ' ') ++s.pos;
    if (s.pos == start) return s.Fail(err, s.pos);
    if (s.pos - start > max_len) s.Note("over-long header field kept");
    if (!s.At(' ')) return s.Fail(err, s.pos);
  }
  const std::string_view token = s.text.substr(start, s.pos - start);
  if (token != "-") s.Add(key, token);
  return Separator(s);
}

// Lenient: an unescaped quote closes a value only where the grammar can go
// on: before ']', the end, or SP PARAM-NAME "=".
bool QuoteClosesValue(std::string_view text, size_t quote) {
  size_t i = quote + 1;
  if (i >= text.size() || text[i] == ']') return true;
  if (text[i] != ' ') return false;
  const size_t name_start = ++i;
  while (i < text.size() && IsSdName(text[i])) ++i;
  return i > name_start && i < text.size() && text[i] == '=';
}

// PARAM-VALUE after the opening quote; leaves pos after the closing quote.
bool ScanParamValue(Scan& s, std::string_view* value) {
  const size_t start = s.pos;
  bool escaped = false;
  for (;;) {
    if (s.pos >= s.text.size()) return s.Fail(Err::kSdParam, s.pos);
    const char c = s.text[s.pos];
    if (c == '"') {
      if (s.strict || QuoteClosesValue(s.text, s.pos)) break;
    } else if (c == ']') {
      if (s.strict) return s.Fail(Err::kSdEscape, s.pos);
    } else if (c == '\\') {
      const char next = s.pos + 1 < s.text.size() ? s.text[s.pos + 1] : '\0';
      if (next == '"' || next == '\\' || next == ']') {
        escaped = true;
        s.pos += 2;
        continue;
      }
      if (s.strict) return s.Fail(Err::kSdEscape, s.pos + 1);
    }
    ++s.pos;
  }
  std::string_view raw = s.text.substr(start, s.pos - start);
  ++s.pos;
  if (escaped) {
    char* p = s.ctx->arena->Allocate(raw.size());
    size_t n = 0;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size() &&
          (raw[i + 1] == '"' || raw[i + 1] == '\\' || raw[i + 1] == ']'))
        ++i;
      p[n++] = raw[i];
    }
    raw = std::string_view(p, n);
  }
  *value = raw;
  return true;
}

// A name of 1..32 SD-NAME characters (SD-ID or PARAM-NAME).
bool ScanSdName(Scan& s, Err err, std::string_view* name) {
  const size_t start = s.pos;
  while (s.pos < s.text.size() && IsSdName(s.text[s.pos]) && s.text[s.pos] != ' ') {
    if (s.pos - start == 32 && s.strict) return s.Fail(err, s.pos);
    ++s.pos;
  }
  if (s.pos == start) return s.Fail(err, s.pos);
  *name = s.text.substr(start, s.pos - start);
  return true;
}

bool ScanStructuredData(Scan& s) {
  if (s.At('-')) {
    ++s.pos;
    return true;
  }
  if (!s.At('[')) return s.Fail(Err::kSd, s.pos);
  std::array<std::string_view, kMaxSdElementsChecked> ids;
  size_t n_ids = 0;
  while (s.At('[')) {
    ++s.pos;
    std::string_view id;
    if (!ScanSdName(s, Err::kSdId, &id)) return false;
    for (size_t i = 0; i < n_ids; ++i)
      if (ids[i] == id) return s.Fail(Err::kSdDuplicate, s.pos);
    if (n_ids < ids.size()) ids[n_ids++] = id;
    const std::string_view prefix = ArenaConcat(s.ctx->arena, "syslog.sd.", id, ".");
    for (;;) {
      if (s.At(']')) {
        ++s.pos;
        break;
      }
      if (!s.At(' ')) return s.Fail(Err::kSdParam, s.pos);
      ++s.pos;
      std::string_view name, value;
      if (!ScanSdName(s, Err::kSdParam, &name)) return false;
      if (!s.At('=')) return s.Fail(Err::kSdParam, s.pos);
      ++s.pos;
      if (!s.At('"')) return s.Fail(Err::kSdParam, s.pos);
      ++s.pos;
      if (!ScanParamValue(s, &value)) return false;
      if (!s.At(' ') && !s.At(']')) return s.Fail(Err::kSdParam, s.pos);
      if (s.out->fields.size() >= s.ctx->limits->max_fields) {
        s.limit = Status::LimitExceeded("syslog5424: more than " + std::to_string(s.ctx->limits->max_fields) +
                                        " fields");
        return s.Fail(Err::kSdParam, s.pos);
      }
      if (value.size() > s.ctx->limits->max_value_bytes) {
        s.limit = Status::LimitExceeded("syslog5424: value of '" + std::string(name) + "' longer than " +
                                        std::to_string(s.ctx->limits->max_value_bytes) + " bytes");
        return s.Fail(Err::kSdParam, s.pos);
      }
      s.Add(ArenaConcat(s.ctx->arena, prefix, name), value);
    }
  }
  return true;
}

Status Syslog5424Parser::Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const {
  Scan s;
  s.text = text;
  s.strict = options_.strict;
  s.ctx = &ctx;
  s.out = out;
  auto error = [&s]() {
    return Status::InvalidArgument(std::string("syslog5424: ") + ErrText(s.err) + " at column " +
                                   std::to_string(s.err_pos + 1));
  };
  // PRI and VERSION say whether this is RFC 5424 at all: never repaired.
  int pri = 0;
  size_t used = 0, err_pos = 0;
  if (!ParseSyslogPri(text, true, &pri, &used, &err_pos)) {
    s.Fail(err_pos == 0 ? Err::kPriBrackets : Err::kPri, err_pos);
    return error();
  }
  s.pos = used;
  AddPriFields(pri, out);
  const size_t version_start = s.pos;
  int version = 0;
  if (!Digit(s, '1', '9', &version)) return s.Fail(Err::kVersion, s.pos), error();
  while (s.pos < text.size() && IsDigit(text[s.pos])) {
    if (s.pos - version_start == 3) return s.Fail(Err::kVersion, s.pos), error();
    version = version * 10 + (text[s.pos++] - '0');
  }
  if (!s.At(' ')) return s.Fail(Err::kSeparator, s.pos), error();
  ++s.pos;
  s.Add("syslog.version", SmallNumberText(version), ValueKind::kNumber);

  if (!ScanTimestamp(s, options_) || !ScanToken(s, 255, Err::kHostname, "syslog.hostname") ||
      !ScanToken(s, 48, Err::kAppname, "syslog.appname") ||
      !ScanToken(s, 128, Err::kProcid, "syslog.procid") || !ScanToken(s, 32, Err::kMsgid, "syslog.msgid"))
    return error();

  const size_t sd_start = s.pos;
  const size_t fields_before_sd = out->fields.size();
  std::string_view msg;
  bool has_msg = false;
  if (ScanStructuredData(s)) {
    if (s.pos < text.size()) {
      if (!s.At(' ')) {
        if (s.strict) return s.Fail(Err::kSeparator, s.pos), error();
        s.Note("no space between structured data and MSG");
        --s.pos;
      }
      msg = text.substr(s.pos + 1);
      has_msg = true;
    }
  } else {
    if (!s.limit.ok()) return s.limit;
    if (s.strict) return error();
    out->TruncateFields(fields_before_sd);
    s.Note(ErrText(s.err), s.err_pos);
    s.Note("structured data kept as MSG text", sd_start);
    msg = text.substr(sd_start);
    has_msg = true;
  }
  if (msg.substr(0, kBom.size()) == kBom) msg.remove_prefix(kBom.size());
  if (has_msg && !msg.empty()) s.Add("syslog.message", msg);
  if (has_msg && !msg.empty()) {
    if (Status body = ParseSyslogBody(options_, msg, name_, ctx, out); !body.ok()) return body;
  } else {
    out->log_format = "Syslog";
    out->parser = name_;
  }
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Parser> MakeSyslog5424Parser(SyslogOptions options) {
  return std::make_unique<Syslog5424Parser>(std::move(options));
}

}  // namespace recproc
