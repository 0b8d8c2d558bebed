// Mapped time values: the `time` value type of a field mapping. Patterns are
// Joda-style as the product stores them (reference/cloud-siem-pipeline.md
// §2.2, §6.2) and are compiled by the same engine the parser profiles use, so
// a format means the same thing in a parser and in a mapping. The only
// mapping-specific rules live here: a missing or empty format is an error
// rather than ISO 8601, and a pattern needs a year (no `--now` to infer one).
#include "map/time_value.h"

namespace recproc {

bool MappedTimeFormat::Compile(std::string_view format, std::string_view time_zone, std::string* error) {
  if (format.empty()) {
    *error =
        "a time format is required (epoch, epoch_ms, epoch_us, epoch_ns, epoch_auto, epoch_float or a "
        "pattern such as yyyy-MM-dd'T'HH:mm:ss.SSSXXX)";
    return false;
  }
  TimeZone zone;
  if (!time_zone.empty()) {
    Status s = TimeZone::Lookup(time_zone, &zone);
    if (!s.ok()) {
      *error = s.message();
      return false;
    }
  }
  TimePattern pattern;
  Status s = TimePattern::Compile(format, &pattern);
  if (!s.ok()) {
    *error = s.message();
    return false;
  }
  if (!pattern.has_year()) {
    *error = "time format '" + std::string(format) +
             "' has no year (y, yy or yyyy): a mapping cannot infer one; use a parser profile time instead";
    return false;
  }
  pattern_ = std::move(pattern);
  zone_ = zone;
  return true;
}

bool MappedTimeFormat::Parse(std::string_view text, int64_t* ms) const {
  // Field values keep the blanks a vendor padded them with; patterns do not
  // mention them.
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return false;
  bool zone_parsed = false;
  return pattern_.Parse(text, zone_, ms, &zone_parsed);
}

bool ParseMappedTime(std::string_view text, std::string_view format, std::string_view time_zone,
                     int64_t* ms) {
  MappedTimeFormat f;
  std::string error;
  return f.Compile(format, time_zone, &error) && f.Parse(text, ms);
}

}  // namespace recproc
