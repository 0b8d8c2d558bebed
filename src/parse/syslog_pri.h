// What the two syslog header parsers (RFC 3164, RFC 5424) share: their
// options, the PRI part `<N>` (RFC 5424 §6.2.1, RFC 3164 §4.1.1), the
// header fields it yields, and the hand-off of the MSG part to a body parser.
#ifndef RECPROC_PARSE_SYSLOG_PRI_H_
#define RECPROC_PARSE_SYSLOG_PRI_H_

#include <string>
#include <string_view>

#include "parse/message.h"
#include "parse/parser.h"
#include "util/time_zone.h"

namespace recproc {

// A new option that changes how a header is read belongs in
// SameHeaderOptions() below as well.
struct SyslogOptions {
  // Reject invalid input with a Status naming the 1-based byte column of the
  // error and what was expected. Default: false (lenient: keep what can be
  // kept and add a note for what was skipped or repaired).
  bool strict = false;
  // Zone for timestamps without one (every RFC 3164 `Mmm dd hh:mm:ss`).
  // Default: UTC.
  TimeZone default_zone;
  // True when default_zone came from the source's configuration; the message
  // then reports ZoneSource::kConfigured instead of kDefault. Default: false.
  bool zone_configured = false;
  // Parses the MSG part (kv, CEF, LEEF, JSON, ...). Default: null, MSG is
  // kept as text in syslog.message only. REQUIRES: outlives the parser.
  const Parser* body_parser = nullptr;
  // A body the body parser rejects fails the whole message (instead of being
  // kept as text with a note). Default: false. Set for profiles whose body
  // format is how they recognise their messages (a regex per event).
  bool body_required = false;
};

// Parses `<PRIVAL>` at the start of text: 1-3 digits, 0..191. With
// `strict`, leading zeros are refused as RFC 5424 §6.2.1 requires ("<0>" is
// fine, "<013>" is not). On success stores the value and the bytes consumed
// (including both brackets); on failure returns false with *error_pos at the
// offending byte (0 when there is no `<`).
bool ParseSyslogPri(std::string_view text, bool strict, int* pri, size_t* consumed, size_t* error_pos);

// "0".."999" as static text, for number fields that must not allocate.
// REQUIRES: 0 <= n <= 999.
std::string_view SmallNumberText(int n);

// Appends syslog.priority, syslog.facility and syslog.severity.
void AddPriFields(int pri, ParsedMessage* out);

// The parser name for metadata_parser: `base` alone, or `base+<body name>`.
std::string SyslogParserName(std::string_view base, const Parser* body_parser);

// Runs options.body_parser (when set) over msg, appending its fields to out.
// Its hints (vendor, product, event id, log format) and its event time win;
// on failure its partial fields and hints are dropped and a note is added
// (in ctx.arena) - the message itself does not fail, unless
// options.body_required (then the error is returned). Sets log_format to
// "Syslog" unless the body set one, and parser to `parser_name`.
// REQUIRES: parser_name outlives the message (it is the parser's own string).
Status ParseSyslogBody(const SyslogOptions& options, std::string_view msg, std::string_view parser_name,
                       ParseContext& ctx, ParsedMessage* out);

// Whether two option sets read a syslog header alike: every option but the
// body's. Two parsers of one kind with such options split any text into the
// same header and MSG part.
inline bool SameHeaderOptions(const SyslogOptions& a, const SyslogOptions& b) {
  return a.strict == b.strict && a.default_zone == b.default_zone && a.zone_configured == b.zone_configured;
}

// The body parser options require (see Parser::RequiredBodyOfTwin), or
// nullptr when a body may be left as text.
inline const Parser* RequiredBody(const SyslogOptions& options) {
  return options.body_required ? options.body_parser : nullptr;
}

// The zone source of a header timestamp without a zone.
inline ZoneSource DefaultZoneSource(const SyslogOptions& options) {
  return options.zone_configured ? ZoneSource::kConfigured : ZoneSource::kDefault;
}

// Copies `a` + `b` into the arena (note text, composed field names).
std::string_view ArenaConcat(Arena* arena, std::string_view a, std::string_view b, std::string_view c = {});

}  // namespace recproc

#endif  // RECPROC_PARSE_SYSLOG_PRI_H_
