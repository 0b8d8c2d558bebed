// ParserProfile: a named parser configuration (the `parsers:` section): a
// format with its options, and the mapping hints it gives — vendor, product,
// an event-id template such as `{{Channel}}-{{EventID}}`, the time field(s)
// with their formats and zone. A profile applies to a message either because
// a source names it (file glob, --parser) or, during auto-detection, because
// its `when` conditions hold (fields present, syslog app name).
//
// Built once at load; immutable and shared by all workers.
#ifndef RECPROC_PARSE_PARSER_PROFILE_H_
#define RECPROC_PARSE_PARSER_PROFILE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_node.h"
#include "parse/parser.h"
#include "util/time_pattern.h"
#include "util/time_zone.h"

namespace recproc {

// `{{field}}` slots filled from parsed fields; other text is literal. A
// missing field expands to nothing.
class FieldTemplate {
 public:
  // Returns false (with *error) on an unterminated slot.
  bool Compile(const std::string& text, std::string* error);
  bool empty() const { return parts_.empty(); }
  // Expands into ctx.arena; a template without slots returns its text as is.
  std::string_view Expand(const ParsedMessage& msg, Arena* arena) const;

 private:
  struct Part {
    bool is_field;
    std::string text;  // literal text or field name
  };
  std::vector<Part> parts_;
};

struct ParserProfile {
  std::string name;
  // json, kv, cef, leef, csv, winxml, access_log, syslog (3164 or 5424 by
  // shape), syslog3164, syslog5424. Empty: any format (hints only).
  std::string format;
  const Parser* parser = nullptr;  // null when format is empty
  // format "syslog" only: the RFC 5424 parser, chosen by shape over `parser`.
  const Parser* parser5424 = nullptr;

  // During detection, re-parse a matching message with `parser` (it has its
  // own body format or options) and apply only if that succeeds.
  bool reparse = false;

  // Auto-detection conditions; a profile without any never auto-applies.
  std::vector<std::string> when_fields;     // every one present
  std::vector<std::string> when_app_names;  // syslog.appname is one of them
  std::vector<std::string> when_values;     // "field=value" pairs, all equal

  // Hints. Empty: keep what the parser found.
  std::string vendor;
  std::string product;
  FieldTemplate event_id;
  // Time: each of time_fields alone, in order, then time_join; the first
  // present and parseable value wins. Each value is tried with every format.
  std::vector<std::string> time_fields;
  // Fields that together make one time text (FortiGate `date` + `time`),
  // joined with time_separator; used only when all are present.
  std::vector<std::string> time_join;
  std::string time_separator = " ";       // Default: one space
  std::vector<TimePattern> time_formats;  // tried in order; empty: ISO 8601
  TimeZone zone;                          // for times without a zone. Default: UTC
  bool zone_configured = false;
  // A field naming the zone of times that carry none (FortiGate tz="-0500"):
  // an offset, a zone abbreviation (time_pattern.h) or an IANA id. It wins
  // over `zone`; a missing or unknown value falls back to `zone`.
  std::string time_zone_field;

  SourcePosition where;

  bool has_conditions() const {
    return !when_fields.empty() || !when_app_names.empty() || !when_values.empty();
  }
  // True when the message, parsed by `parser_name` with `log_format`, meets
  // this profile's format and `when` conditions.
  bool Matches(const ParsedMessage& msg) const;
  // Sets the hints on msg (vendor, product, event id, time). A time that
  // none of the time sources yields leaves msg's time as the parser set it.
  void Apply(ParsedMessage* msg, Arena* arena) const;

 private:
  // Parses one time text with the formats; sets msg's time on success.
  bool ApplyTime(std::string_view text, const TimeZone& default_zone, bool zone_from_message,
                 ParsedMessage* msg) const;
};

}  // namespace recproc

#endif  // RECPROC_PARSE_PARSER_PROFILE_H_
