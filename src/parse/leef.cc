// LEEF parser, after IBM's "Log Event Extended Format (LEEF)" guide (1.0 and
// 2.0 header layouts, predefined attributes). Grammar:
//
//   message  = [junk] "LEEF:" version "|" vendor "|" product "|" pversion "|" eventid "|" [delim "|"] attrs
//   version  = "1.0" / "2.0"                      ; lenient: any "1*DIGIT[.DIGIT]"
//   delim    = CHAR / ("x" / "0x") 2HEXDIG        ; 2.0 only; Default TAB
//   attrs    = [attr *(D attr)]                    ; D = delim, TAB for 1.0
//   attr     = key "=" value                       ; value: any text but D, kept as written
//
// Real 2.0 senders (Trend Micro Deep Security, as in Apache Metron's samples)
// often omit the delimiter field. The field after EventID is read as a
// delimiter only when it is one character or a hex code; otherwise the
// attributes start there and the delimiter is TAB.
//
// devTime is the event time: read with devTimeFormat (a Java date pattern)
// when the message has one, else with the guide's default
// `MMM dd yyyy HH:mm:ss` (optionally `.SSS` and a zone abbreviation); a time
// without a zone is UTC.
#include "parse/leef.h"

#include <string>
#include <vector>

#include "util/time_pattern.h"

namespace recproc {
namespace {

// devTime without devTimeFormat: the guide's default, with the fraction and
// zone its examples add.
constexpr std::string_view kDefaultDevTimeFormats[] = {"MMM dd yyyy HH:mm:ss", "MMM dd yyyy HH:mm:ss.SSS",
                                                       "MMM dd yyyy HH:mm:ss zzz",
                                                       "MMM dd yyyy HH:mm:ss.SSS zzz"};

// Reads devTime with devTimeFormat (or the defaults) into out->time_ms; a
// value that does not match leaves the time unset, with a note. A sender
// repeats one devTimeFormat on every line, so each thread keeps the last one
// compiled: steady state compiles and allocates nothing.
void ReadDevTime(std::string_view dev_time, std::string_view format, ParsedMessage* out) {
  int64_t ms = 0;
  bool zone_parsed = false;
  bool ok = false;
  if (!format.empty()) {
    thread_local std::string last_format;
    thread_local TimePattern last_pattern;
    thread_local bool last_ok = false;
    if (format != last_format) {
      last_format.assign(format);
      last_ok = TimePattern::Compile(format, &last_pattern).ok();
    }
    if (!last_ok) {
      out->notes.push_back("leef: devTimeFormat is not a time pattern; devTime not read");
      return;
    }
    ok = last_pattern.Parse(dev_time, TimeZone(), &ms, &zone_parsed);
  } else {
    static const std::vector<TimePattern>* defaults = [] {
      auto* v = new std::vector<TimePattern>;
      for (std::string_view f : kDefaultDevTimeFormats) {
        TimePattern p;
        if (TimePattern::Compile(f, &p).ok()) v->push_back(std::move(p));
      }
      return v;
    }();
    for (const TimePattern& p : *defaults)
      if ((ok = p.Parse(dev_time, TimeZone(), &ms, &zone_parsed))) break;
  }
  if (!ok) {
    out->notes.push_back("leef: devTime does not match its format; not read");
    return;
  }
  out->time_ms = ms;
  out->zone_source = zone_parsed ? ZoneSource::kParsed : ZoneSource::kDefault;
}

Status AtColumn(std::string_view what, size_t pos) {
  return Status::InvalidArgument("leef: " + std::string(what) + " at byte " + std::to_string(pos + 1));
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes a 2.0 delimiter spec; returns false when `spec` is not one.
bool DecodeDelimiter(std::string_view spec, char* out) {
  if (spec.size() == 1) {
    *out = spec[0];
    return true;
  }
  if (spec.starts_with("0x") || spec.starts_with("0X"))
    spec.remove_prefix(2);
  else if (spec.starts_with("x") || spec.starts_with("X"))
    spec.remove_prefix(1);
  else
    return false;
  if (spec.empty() || spec.size() > 2) return false;
  int v = 0;
  for (char c : spec) {
    int d = HexDigit(c);
    if (d < 0) return false;
    v = v * 16 + d;
  }
  if (v == 0) return false;
  *out = static_cast<char>(v);
  return true;
}

class LeefParser final : public Parser {
 public:
  explicit LeefParser(LeefOptions o) : o_(o) {}
  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override;
  std::string_view name() const override { return "leef"; }

 private:
  Status Emit(ParseContext& ctx, ParsedMessage* out, std::string_view key, std::string_view value) const {
    if (out->fields.size() >= ctx.limits->max_fields)
      return Status::LimitExceeded("leef: more than " + std::to_string(ctx.limits->max_fields) + " fields");
    if (value.size() > ctx.limits->max_value_bytes || key.size() > ctx.limits->max_value_bytes)
      return Status::LimitExceeded("leef: value of '" + std::string(key.substr(0, 64)) + "' longer than " +
                                   std::to_string(ctx.limits->max_value_bytes) + " bytes");
    out->fields.push_back(Field{key, value, ValueKind::kString});
    return Status::Ok();
  }
  LeefOptions o_;
};

Status LeefParser::Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const {
  static constexpr std::string_view kKeys[5] = {"leef.version", "leef.vendor", "leef.product",
                                                "leef.productVersion", "leef.eventId"};
  out->log_format = "LEEF";
  out->parser = "leef";
  size_t pos = text.find("LEEF:");
  if (pos == std::string_view::npos || (pos != 0 && o_.strict)) return AtColumn("expected 'LEEF:'", 0);
  if (pos != 0) out->notes.push_back("leef: skipped text before 'LEEF:'");
  pos += 5;
  std::string_view header[5];
  for (int f = 0; f < 5; ++f) {
    size_t bar = text.find('|', pos);
    if (bar == std::string_view::npos)
      return AtColumn("expected '|' after " + std::string(kKeys[f].substr(5)), text.size());
    header[f] = text.substr(pos, bar - pos);
    pos = bar + 1;
  }
  const std::string_view version = header[0];
  const bool v2 = version.starts_with("2");
  bool version_ok = !version.empty() && version[0] >= '1' && version[0] <= '9';
  if (o_.strict) version_ok = version == "1.0" || version == "2.0";
  if (!version_ok) return AtColumn("unsupported LEEF version '" + std::string(version) + "'", 5);
  for (int f = 0; f < 5; ++f)
    if (Status s = Emit(ctx, out, kKeys[f], header[f]); !s.ok()) return s;
  out->vendor = header[1];
  out->product = header[2];
  out->event_id = header[4];

  char delim = '\t';
  if (v2) {
    size_t bar = text.find('|', pos);
    if (bar != std::string_view::npos) {
      std::string_view spec = text.substr(pos, bar - pos);
      if (DecodeDelimiter(spec, &delim)) {
        if (Status s = Emit(ctx, out, "leef.delimiter", spec); !s.ok()) return s;
        pos = bar + 1;
      } else if (spec.empty()) {
        pos = bar + 1;  // empty delimiter field: TAB
      }
    }
  }
  const size_t first_attr = out->fields.size();
  while (pos < text.size()) {
    size_t end = text.find(delim, pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view attr = text.substr(pos, end - pos);
    if (!attr.empty()) {
      size_t eq = attr.find('=');
      if (eq == std::string_view::npos || eq == 0) {
        if (o_.strict) return AtColumn("expected key=value", pos);
        out->notes.push_back("leef: skipped an attribute without key=value");
      } else if (Status s = Emit(ctx, out, attr.substr(0, eq), attr.substr(eq + 1)); !s.ok()) {
        return s;
      }
    }
    pos = end + 1;
  }
  std::string_view dev_time, dev_time_format;
  for (size_t i = first_attr; i < out->fields.size(); ++i) {
    if (out->fields[i].key == "devTime") dev_time = out->fields[i].value;
    if (out->fields[i].key == "devTimeFormat") dev_time_format = out->fields[i].value;
  }
  if (!dev_time.empty()) ReadDevTime(dev_time, dev_time_format, out);
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Parser> MakeLeefParser(LeefOptions options) { return std::make_unique<LeefParser>(options); }

bool LooksLikeLeef(std::string_view text) {
  size_t pos = text.substr(0, 256).find("LEEF:");
  return pos != std::string_view::npos && pos + 5 < text.size() && text[pos + 5] >= '0' &&
         text[pos + 5] <= '9';
}

}  // namespace recproc
