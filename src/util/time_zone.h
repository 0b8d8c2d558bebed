// TimeZone: the zone a local (civil) time is read in. Either an IANA zone
// from the OS tzdb (via Howard Hinnant's date/tz) or a fixed UTC offset.
//
// DST resolution follows java.time's ZonedDateTime.ofLocal, which is what
// the mappings we load were written against:
//  - a local time in a spring-forward gap does not exist; it is shifted
//    forward by the length of the gap (Berlin 2024-03-31 02:30 -> 03:30 CEST);
//  - a local time in a fall-back overlap exists twice; the earlier instant
//    (the offset in force before the transition) is taken
//    (Berlin 2024-10-27 02:30 -> 02:30 CEST = 00:30 UTC).
//
// Thread-safety: a TimeZone is an immutable value after construction; copies
// share the tzdb entry, which lives for the whole process.
#ifndef RECPROC_UTIL_TIME_ZONE_H_
#define RECPROC_UTIL_TIME_ZONE_H_

#include <cstdint>
#include <string_view>

#include "recproc/status.h"
#include "util/civil_time.h"

namespace date {
class time_zone;
}

namespace recproc {

class TimeZone {
 public:
  // Default: UTC.
  TimeZone() = default;

  // Resolves a zone name: IANA ids (`Europe/Berlin`, `Etc/GMT+5`), `UTC`,
  // `Z`, `GMT`, `UT` (case-insensitive), `local` (the machine's zone), and
  // fixed offsets `+07:00`, `-0500`, `+7`, `+07`, optionally prefixed with
  // `UTC`/`GMT` (`GMT+01:00`). Offsets beyond +-18:00 are rejected, as in
  // java.time. Results are cached (mutex-guarded); meant for load time but
  // safe from any thread.
  static Status Lookup(std::string_view name, TimeZone* out);

  // A fixed offset east of UTC. REQUIRES: |seconds| <= 18 h.
  static TimeZone FixedOffset(int seconds);

  // UTC instant (ms) of a local civil time in this zone, DST resolved as
  // described above. REQUIRES: IsValidCivil(t).
  int64_t LocalToUtcMs(const CivilTime& t) const;
  // The same for a "local epoch" (civil time read as UTC, in ms).
  int64_t LocalMsToUtcMs(int64_t local_ms) const;

  // Offset from UTC, in seconds, in force at the instant utc_ms.
  int OffsetSeconds(int64_t utc_ms) const;

  bool is_fixed() const { return tz_ == nullptr; }
  // The IANA id, or "" for a fixed offset (see fixed_offset_seconds()).
  std::string_view name() const;
  int fixed_offset_seconds() const { return fixed_offset_s_; }

  friend bool operator==(const TimeZone& a, const TimeZone& b) {
    return a.tz_ == b.tz_ && a.fixed_offset_s_ == b.fixed_offset_s_;
  }

 private:
  static TimeZone FromIana(const date::time_zone* tz);
  friend Status LookupUncached(std::string_view name, TimeZone* out);

  const date::time_zone* tz_ = nullptr;  // null: fixed offset
  int fixed_offset_s_ = 0;
};

// Parses a numeric UTC offset at the start of `text`: `+HH`, `+H`, `+HHMM`,
// `+HH:MM` (also with `-`), or the letter `Z`/`z` (zero). Stores the offset in
// seconds and the bytes consumed. Returns false when no offset starts there
// or it exceeds +-18:00 or has minutes > 59.
bool ParseUtcOffset(std::string_view text, int* seconds, size_t* consumed);

// Year inference for timestamps without a year (RFC 3164 `Mmm dd hh:mm:ss`):
// the latest year that puts `t` (month, day, time; t.year is ignored) no
// more than one day after now_ms in `zone`. So Dec 31 23:59 read on Jan 1 is
// last year; a time two months "ahead" is last year; Jan 1 00:10 read on
// Dec 31 23:50 (a slightly fast sender clock) is next year. Feb 29 goes to
// the nearest past leap year. Returns INT64_MIN when no year in the nine
// years up to now makes the date valid.
int64_t ResolveYearless(const CivilTime& t, const TimeZone& zone, int64_t now_ms);

}  // namespace recproc

#endif  // RECPROC_UTIL_TIME_ZONE_H_
