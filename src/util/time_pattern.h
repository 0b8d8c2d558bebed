// TimePattern: a timestamp format compiled once from a Java/Joda
// DateTimeFormatter pattern (as log mappings and parsers write them) or from
// one of the epoch forms, then used to parse many values without allocating.
#ifndef RECPROC_UTIL_TIME_PATTERN_H_
#define RECPROC_UTIL_TIME_PATTERN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "recproc/status.h"
#include "util/time_zone.h"

namespace recproc {

// Pattern letters (Java/Joda meaning; parsing is lenient where noted):
//   y yyyy u   year, 4 digits (y alone: 1-4 digits). Y YYYY (week-year) are
//              read as yyyy: real mapping content writes YYYY meaning yyyy.
//   yy         two-digit year: 00-69 -> 2000-2069, 70-99 -> 1970-1999.
//   M MM       month 1-12;  MMM MMMM L..: English month name, full or
//              three-letter, case-insensitive, for any count >= 3.
//   d dd       day of month; H HH hour 0-23; h hh hour 1-12 (needs `a`);
//   m mm s ss  minute, second.  a: AM/PM, case-insensitive.
//   S..S       fraction of a second: 1-9 digits accepted whatever the count
//              (".5" is 500 ms), as Java's lenient parsing does; only ms are
//              kept (truncated).
//   E EEE EEEE day name, full or three-letter; parsed and ignored.
//   Z ZZ X XX XXX x..  UTC offset: `Z`, `+HH`, `+HHMM`, `+HH:MM`.
//   ZZZ        offset as above or an IANA id (Joda's zone id).
//   z zzz zzzz zone abbreviation (table in time_pattern.cc; US CST is
//              -06:00, IST is India +05:30), or an offset, or an IANA id.
//   VV         IANA zone id (`Europe/Berlin`).
//   'text'     literal; '' is a single quote. Any other non-letter is a
//              literal; a literal space matches one or more spaces, so
//              "MMM dd" reads syslog's space-padded "Oct  1".
// Numeric fields read 1-2 digits (1-9 for fractions) when the next element is
// not numeric; when two numeric fields are adjacent ("yyyyMMdd") each reads
// exactly its count of digits (at least 2). Trailing whitespace is allowed;
// anything else left over fails the parse. Out-of-range values (Feb 30,
// hour 24/25, minute 60, Feb 29 outside leap years) fail the parse.
//
// Special forms instead of a pattern: `epoch` and `X1` (seconds, optional
// fraction), `epoch_float` (the same), `epoch_ms` and `X1000` (milliseconds),
// `epoch_us` and `X1000000` (microseconds), `epoch_ns` and `X1000000000`
// (nanoseconds), and `epoch_auto`, whose unit follows the integer's
// magnitude: < 1e11 seconds, < 1e14 ms, < 1e17 us, else ns (10, 13, 16 and
// 19 digits for today's dates; any date 1973-03-03 .. 5138 is read right).
// Times keep milliseconds: finer digits (and a fraction after a ms/us/ns
// integer) are truncated, never rounded. An integer part has at most 19
// digits. epoch_us, epoch_ns and epoch_auto reject negative values and
// values after 9999-12-31; epoch and epoch_ms accept a sign.
// An epoch value is absolute: zone_parsed is set.
//
// Thread-safety: immutable after Compile; Parse is const and allocation-free.
class TimePattern {
 public:
  TimePattern() = default;

  // Compiles `pattern`; on error *out is unchanged and the message names the
  // offending letter and its 1-based position.
  static Status Compile(std::string_view pattern, TimePattern* out);

  // Parses `text` into ms since the epoch. The zone is the one in the text,
  // else default_zone (*zone_parsed says which). Returns false when the text
  // does not match. A pattern with no year yields a time in 1970; callers
  // needing year inference check has_year().
  bool Parse(std::string_view text, const TimeZone& default_zone, int64_t* ms_out, bool* zone_parsed) const;

  bool has_year() const { return has_year_; }
  const std::string& pattern() const { return pattern_; }

 private:
  enum class Kind : uint8_t {
    kLiteral,
    kYear,
    kYear2,
    kMonth,
    kMonthName,
    kDay,
    kHour24,
    kHour12,
    kAmPm,
    kMinute,
    kSecond,
    kFraction,
    kDayName,
    kOffset,
    kOffsetOrId,
    kZoneName,
    kZoneId,
  };
  enum class Epoch : uint8_t { kNone, kSeconds, kMillis, kMicros, kNanos, kAuto };
  struct Element {
    Kind kind;
    uint8_t count = 0;       // letter count
    bool fixed = false;      // adjacent to another numeric element: exact width
    uint16_t lit_begin = 0;  // kLiteral: range in literals_
    uint16_t lit_len = 0;
  };
  struct State;

  static bool IsNumeric(Kind k);
  static Epoch EpochUnitOf(uint64_t value);

  bool ParseEpoch(std::string_view text, int64_t* ms) const;

  bool ParseElement(const Element& e, std::string_view text, size_t* pos, State* st) const;

  std::string pattern_;
  std::vector<Element> elements_;
  std::string literals_;
  Epoch epoch_ = Epoch::kNone;
  bool has_year_ = false;
};

// The fixed offset of a zone abbreviation from the table used by `z`
// (case-sensitive: "EDT", "CEST", "UTC"). False when it is not in the table.
bool LookupZoneAbbreviation(std::string_view abbreviation, int* offset_seconds);

// Parses "any ISO 8601 form" used in logs: `YYYY-MM-DD`, optionally followed
// by `T`, `t` or a space and `hh:mm`, `hh:mm:ss`, `hh:mm:ss.f` (1-9 fraction
// digits, `.` or `,`), optionally followed (space allowed) by `Z`, `z`,
// `+hh`, `+hhmm`, `+hh:mm` or `UTC`/`GMT`. No zone -> default_zone; date only
// -> local midnight. Trailing whitespace is allowed. Allocation-free.
// *zone_parsed (optional) says whether the text carried a zone.
bool ParseIso8601(std::string_view text, const TimeZone& default_zone, int64_t* ms,
                  bool* zone_parsed = nullptr);

}  // namespace recproc

#endif  // RECPROC_UTIL_TIME_PATTERN_H_
