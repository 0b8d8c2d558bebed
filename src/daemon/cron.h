// CronExpr: a 5-field Vixie cron expression (crontab(5)) and its fire times
// in a given time zone. See cron.cc for the grammar and the DST rules.
//
// Thread-safety: immutable after Parse(); const methods may be called from
// any thread.
#ifndef RECPROC_DAEMON_CRON_H_
#define RECPROC_DAEMON_CRON_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "recproc/status.h"

namespace date {
class time_zone;
}

namespace recproc {

class CronExpr {
 public:
  // Returned by NextAfter/PrevAtOrBefore when no fire time exists within the
  // search horizon (about nine years, longer than any Feb-29 gap).
  static constexpr int64_t kNever = INT64_MIN;

  CronExpr() = default;

  // Parses `text` (5 fields or an @macro). On error *out is unchanged and the
  // message names the offending column and token.
  static Status Parse(std::string_view text, CronExpr* out);

  // The first fire time strictly after `after_ms` (ms since the epoch; fire
  // times are whole minutes), or kNever. tz == nullptr means UTC.
  // REQUIRES: the expression was produced by Parse().
  int64_t NextAfter(int64_t after_ms, const date::time_zone* tz) const;
  // The last fire time at or before `at_ms`, or kNever.
  int64_t PrevAtOrBefore(int64_t at_ms, const date::time_zone* tz) const;

  // The text as given to Parse() (macros kept as written).
  const std::string& text() const { return text_; }
  // True when both minute and hour are fixed (neither field starts with '*');
  // such a job runs once per matching local wall time across DST changes.
  bool fixed_time() const { return fixed_time_; }

 private:
  friend class CronDay;  // cron.cc helper walking one local day
  bool DayMatches(unsigned month, unsigned dom, unsigned dow) const;

  std::string text_;
  uint64_t minutes_ = 0;  // bit m: minute m
  uint32_t hours_ = 0;    // bit h: hour h
  uint32_t doms_ = 0;     // bit d: day of month d (1-31)
  uint16_t months_ = 0;   // bit m: month m (1-12)
  uint8_t dows_ = 0;      // bit d: weekday d (0 = Sunday)
  bool dom_star_ = true;  // field started with '*': unrestricted for the OR rule
  bool dow_star_ = true;
  bool fixed_time_ = false;
};

}  // namespace recproc

#endif  // RECPROC_DAEMON_CRON_H_
