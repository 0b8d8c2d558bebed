// CivilTime: a calendar date and wall-clock time with no zone attached, and
// the proleptic Gregorian arithmetic that turns it into a day count. Parsers
// fill a CivilTime field by field; a TimeZone then resolves it to an instant.
#ifndef RECPROC_UTIL_CIVIL_TIME_H_
#define RECPROC_UTIL_CIVIL_TIME_H_

#include <cstdint>

namespace recproc {

struct CivilTime {
  int year = 1970;
  int month = 1;   // 1..12
  int day = 1;     // 1..DaysInMonth(year, month)
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59
  int nanos = 0;   // 0..999,999,999
};

constexpr bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Returns 0 for a month outside 1..12.
int DaysInMonth(int64_t year, int month);

// Days since 1970-01-01 of a proleptic Gregorian date. REQUIRES: a valid date.
int64_t DaysFromCivil(int64_t year, int month, int day);

// True when every field is in range (Feb 29 only in leap years, no hour 24,
// no leap second).
bool IsValidCivil(const CivilTime& t);

// Milliseconds since the epoch of `t` read as if it were UTC (the "local
// epoch" a TimeZone then shifts by its offset). Sub-millisecond digits are
// truncated, as Java's Instant.toEpochMilli does.
int64_t CivilToLocalMs(const CivilTime& t);

}  // namespace recproc

#endif  // RECPROC_UTIL_CIVIL_TIME_H_
