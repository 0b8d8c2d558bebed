// MappedTimeFormat: the `format` + `time_zone` of a `value_type: time` field
// mapping, compiled once at load time and applied per message.
//
// The mapping stage's narrow adapter to the one time engine
// (util/time_pattern.h): every TimePattern form is accepted — Joda patterns
// (`yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, `MMM dd yyyy HH:mm:ss zzz`, ...) and the
// epoch forms (epoch, epoch_ms, epoch_us, epoch_ns, epoch_auto,
// epoch_float, X1, X1000, X1000000, X1000000000). A mapping cannot infer a
// missing year, so a pattern must have one.
//
// Thread-safety: immutable after Compile(); Parse() is const and allocation free.
#ifndef RECPROC_MAP_TIME_VALUE_H_
#define RECPROC_MAP_TIME_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "util/time_pattern.h"
#include "util/time_zone.h"

namespace recproc {

class MappedTimeFormat {
 public:
  // Compiles `format` for times in `time_zone` (used when the text carries no
  // zone): any name TimeZone::Lookup accepts — "UTC"/"Z", a fixed offset
  // "+07:00"/"-0500", an IANA name "Europe/Berlin". Default (empty): UTC.
  // On failure returns false with a message for the user in *error (the
  // message names the offending pattern letter and its position).
  bool Compile(std::string_view format, std::string_view time_zone, std::string* error);

  // Parses `text` (surrounding blanks ignored) into ms since the epoch.
  // False when it does not match.
  bool Parse(std::string_view text, int64_t* ms) const;

  const std::string& format() const { return pattern_.pattern(); }

 private:
  TimePattern pattern_;
  TimeZone zone_;  // Default: UTC
};

// One-shot form of the above (compiles on every call; for tools and tests).
bool ParseMappedTime(std::string_view text, std::string_view format, std::string_view time_zone, int64_t* ms);

}  // namespace recproc

#endif  // RECPROC_MAP_TIME_VALUE_H_
