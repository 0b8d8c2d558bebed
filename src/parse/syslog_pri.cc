// PRI parsing and the header/body hand-off shared by the RFC 3164 and
// RFC 5424 parsers.
//
// Grammar (RFC 5424 §6.2.1; RFC 3164 §4.1.1 is the same without the
// leading-zero rule):  PRI = "<" PRIVAL ">" ; PRIVAL = 1*3DIGIT, 0..191.
// The strict scanner consumes digits only while the value can still be a
// valid PRIVAL, so the error position is the first byte that cannot be,
// which is where go-syslog reports it too ("<192>" fails at the '2').
#include "parse/syslog_pri.h"

#include <cstring>

namespace recproc {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool ParseSyslogPri(std::string_view text, bool strict, int* pri, size_t* consumed, size_t* error_pos) {
  if (text.empty() || text[0] != '<') {
    *error_pos = 0;
    return false;
  }
  size_t i = 1;
  int value = 0;
  while (i < text.size() && IsDigit(text[i]) && i < 4) {
    const int next = value * 10 + (text[i] - '0');
    // A leading zero ends a strict PRIVAL ("<0>" only); a value over 191 ends any.
    if ((strict && i > 1 && value == 0) || next > 191) break;
    value = next;
    ++i;
  }
  if (i == 1 || i >= text.size() || text[i] != '>') {
    *error_pos = i;
    return false;
  }
  *pri = value;
  *consumed = i + 1;
  return true;
}

namespace {

// "0".."999", built at compile time: PRI fields are written for every
// syslog message, so the lookup has no first-use guard or length scan.
struct SmallNumbers {
  char text[1000][3];
  constexpr SmallNumbers() : text() {
    for (int i = 0; i < 1000; ++i) {
      int len = i < 10 ? 1 : i < 100 ? 2 : 3;
      for (int v = i, d = len - 1; d >= 0; --d, v /= 10) text[i][d] = static_cast<char>('0' + v % 10);
    }
  }
};
constexpr SmallNumbers kSmallNumbers;

}  // namespace

std::string_view SmallNumberText(int n) {
  return std::string_view(kSmallNumbers.text[n], n < 10 ? 1 : n < 100 ? 2 : 3);
}

void AddPriFields(int pri, ParsedMessage* out) {
  out->fields.push_back({"syslog.priority", SmallNumberText(pri), ValueKind::kNumber});
  out->fields.push_back({"syslog.facility", SmallNumberText(pri / 8), ValueKind::kNumber});
  out->fields.push_back({"syslog.severity", SmallNumberText(pri % 8), ValueKind::kNumber});
}

std::string SyslogParserName(std::string_view base, const Parser* body_parser) {
  std::string name(base);
  if (body_parser != nullptr) {
    name += '+';
    name += body_parser->name();
  }
  return name;
}

std::string_view ArenaConcat(Arena* arena, std::string_view a, std::string_view b, std::string_view c) {
  char* p = arena->Allocate(a.size() + b.size() + c.size());
  // An empty view may have a null data(), which memcpy must not see.
  if (!a.empty()) std::memcpy(p, a.data(), a.size());
  if (!b.empty()) std::memcpy(p + a.size(), b.data(), b.size());
  if (!c.empty()) std::memcpy(p + a.size() + b.size(), c.data(), c.size());
  return std::string_view(p, a.size() + b.size() + c.size());
}

Status ParseSyslogBody(const SyslogOptions& options, std::string_view msg, std::string_view parser_name,
                       ParseContext& ctx, ParsedMessage* out) {
  if (options.body_parser != nullptr) {
    const size_t fields_before = out->fields.size();
    const int64_t header_time = out->time_ms;
    const ZoneSource header_zone = out->zone_source;
    out->time_ms = kNoTime;
    Status s = options.body_parser->Parse(msg, ctx, out);
    if (!s.ok() && options.body_required)
      return Status::InvalidArgument(std::string("syslog body: ") + std::string(options.body_parser->name()) +
                                     ": " + s.message());
    if (!s.ok()) {
      out->TruncateFields(fields_before);
      out->vendor = out->product = out->event_id = out->log_format = std::string_view();
      out->notes.push_back(ArenaConcat(ctx.arena, "syslog body kept as text: ", options.body_parser->name(),
                                       ArenaConcat(ctx.arena, ": ", s.message())));
    }
    if (!s.ok() || out->time_ms == kNoTime) {
      out->time_ms = header_time;
      out->zone_source = header_zone;
    }
  }
  if (out->log_format.empty()) out->log_format = "Syslog";
  out->parser = parser_name;
  return Status::Ok();
}

}  // namespace recproc
