// ParserProfile: conditions and hints. Conditions are checked with linear
// field lookups: messages have tens of fields and profiles a handful of
// conditions, and the checks stop at the first miss.
#include "parse/parser_profile.h"

#include <string>

namespace recproc {

bool FieldTemplate::Compile(const std::string& text, std::string* error) {
  parts_.clear();
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("{{", i);
    if (open == std::string::npos) {
      parts_.push_back({false, text.substr(i)});
      break;
    }
    if (open > i) parts_.push_back({false, text.substr(i, open - i)});
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) {
      *error = "unterminated '{{' in template '" + text + "'";
      return false;
    }
    std::string name = text.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    parts_.push_back({true, name});
    i = close + 2;
  }
  return true;
}

std::string_view FieldTemplate::Expand(const ParsedMessage& msg, Arena* arena) const {
  if (parts_.size() == 1 && !parts_[0].is_field) return parts_[0].text;
  if (parts_.size() == 1) {
    const Field* f = msg.Find(parts_[0].text);
    return f == nullptr || f->kind == ValueKind::kNull ? std::string_view() : f->value;
  }
  size_t total = 0;
  for (const Part& p : parts_) {
    if (!p.is_field) {
      total += p.text.size();
    } else if (const Field* f = msg.Find(p.text)) {
      total += f->value.size();
    }
  }
  char* buf = arena->Allocate(total);
  size_t pos = 0;
  for (const Part& p : parts_) {
    std::string_view piece = p.text;
    if (p.is_field) {
      const Field* f = msg.Find(p.text);
      piece = f == nullptr || f->kind == ValueKind::kNull ? std::string_view() : f->value;
    }
    for (char c : piece) buf[pos++] = c;
  }
  return std::string_view(buf, total);
}

namespace {

bool FormatAccepts(std::string_view format, const ParsedMessage& msg) {
  if (format.empty()) return true;
  std::string_view parser = msg.parser;
  if (format == "syslog") return parser.rfind("syslog", 0) == 0;
  if (format == "syslog3164" || format == "syslog5424") return parser.rfind(format, 0) == 0;
  // A body format matches bare or inside syslog ("syslog3164+kv").
  size_t plus = parser.find('+');
  std::string_view body = plus == std::string_view::npos ? parser : parser.substr(plus + 1);
  return body == format;
}

}  // namespace

bool ParserProfile::Matches(const ParsedMessage& msg) const {
  if (!FormatAccepts(format, msg)) return false;
  for (const std::string& f : when_fields)
    if (msg.Find(f) == nullptr) return false;
  if (!when_app_names.empty()) {
    const Field* app = msg.Find("syslog.appname");
    if (app == nullptr) return false;
    bool any = false;
    for (const std::string& name : when_app_names) any = any || app->value == name;
    if (!any) return false;
  }
  for (const std::string& kv : when_values) {
    size_t eq = kv.find('=');
    const Field* f = msg.Find(std::string_view(kv).substr(0, eq));
    if (f == nullptr || f->value != std::string_view(kv).substr(eq + 1)) return false;
  }
  return true;
}

namespace {

// The zone named by a zone field's value. Offsets and abbreviations are read
// without TimeZone::Lookup, which takes a lock: they are what FortiGate and
// most devices write, on every message.
bool ZoneFromField(std::string_view value, TimeZone* out) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return false;
  int seconds = 0;
  size_t used = 0;
  if (ParseUtcOffset(value, &seconds, &used) && used == value.size()) {
    *out = TimeZone::FixedOffset(seconds);
    return true;
  }
  if (LookupZoneAbbreviation(value, &seconds)) {
    *out = TimeZone::FixedOffset(seconds);
    return true;
  }
  // An unknown id costs TimeZone::Lookup an exception inside the tz library
  // and is not cached there; a device repeats its value on every message,
  // so remember the last miss per thread.
  thread_local std::string last_unknown;
  if (value == last_unknown) return false;
  if (TimeZone::Lookup(value, out).ok()) return true;
  last_unknown.assign(value);
  return false;
}

}  // namespace

bool ParserProfile::ApplyTime(std::string_view text, const TimeZone& default_zone, bool zone_from_message,
                              ParsedMessage* msg) const {
  int64_t ms = 0;
  bool zone_parsed = false;
  bool ok = false;
  if (time_formats.empty()) {
    ok = ParseIso8601(text, default_zone, &ms, &zone_parsed);
  } else {
    for (const TimePattern& p : time_formats) {
      if (p.Parse(text, default_zone, &ms, &zone_parsed)) {
        ok = true;
        break;
      }
    }
  }
  if (!ok) return false;
  msg->time_ms = ms;
  if (zone_parsed || zone_from_message) {
    msg->zone_source = ZoneSource::kParsed;
  } else {
    msg->zone_source = zone_configured ? ZoneSource::kConfigured : ZoneSource::kDefault;
  }
  return true;
}

void ParserProfile::Apply(ParsedMessage* msg, Arena* arena) const {
  if (!vendor.empty()) msg->vendor = vendor;
  if (!product.empty()) msg->product = product;
  if (!event_id.empty()) msg->event_id = event_id.Expand(*msg, arena);
  if (time_fields.empty() && time_join.empty()) return;
  TimeZone message_zone = zone;
  bool zone_from_message = false;
  if (!time_zone_field.empty()) {
    const Field* z = msg->Find(time_zone_field);
    zone_from_message = z != nullptr && z->kind != ValueKind::kNull && ZoneFromField(z->value, &message_zone);
  }
  for (const std::string& name : time_fields) {
    const Field* f = msg->Find(name);
    if (f == nullptr || f->kind == ValueKind::kNull) continue;
    if (ApplyTime(f->value, message_zone, zone_from_message, msg)) return;
  }
  if (time_join.empty()) return;
  // Joined on the stack: a time text longer than this is not a time.
  char buf[256];
  size_t len = 0;
  for (size_t i = 0; i < time_join.size(); ++i) {
    const Field* f = msg->Find(time_join[i]);
    if (f == nullptr || f->kind == ValueKind::kNull) return;
    std::string_view sep = i == 0 ? std::string_view() : std::string_view(time_separator);
    if (len + sep.size() + f->value.size() > sizeof(buf)) return;
    for (char c : sep) buf[len++] = c;
    for (char c : f->value) buf[len++] = c;
  }
  ApplyTime(std::string_view(buf, len), message_zone, zone_from_message, msg);
}

}  // namespace recproc
