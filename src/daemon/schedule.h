// Schedule: when a daemon cycle is due (reference/daemons.md §3.3 and §9).
// Time-frame rules (days, hours, zone) each carry `every: <duration>` or
// `cron: <expr>`; the first rule whose window contains "now" applies. Missed
// slots collapse into one catch-up run; a deterministic per-daemon jitter
// delays every slot; runtime overrides (enable/disable, reschedule) win over
// the YAML. Everything is a function of an explicit `now`: no wall clock.
//
// Thread-safety: a built Schedule is immutable; const methods are safe from
// any thread.
#ifndef RECPROC_DAEMON_SCHEDULE_H_
#define RECPROC_DAEMON_SCHEDULE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/cron.h"
#include "recproc/status.h"

namespace recproc {

// "15m", "1h30m", "90s", "2d", "1w": one or more <digits><unit> groups with
// units s, m, h, d, w; "0s" is zero. Errors name the text and say what was
// expected.
Status ParseDuration(std::string_view text, int64_t* ms);
// The inverse for display and state: 5400000 -> "1h30m", 0 -> "0s".
std::string FormatDuration(int64_t ms);

// A weekly window of local time. Hours [start, end) in minutes of the day;
// start > end wraps past midnight and belongs to the day it started on
// ("fri" + "22:00-06:00" includes Saturday 03:00).
struct TimeWindow {
  uint8_t days = 0x7f;   // bit d: weekday d, 0 = Sunday. Default: every day.
  int start_minute = 0;  // Default: the whole day.
  int end_minute = 24 * 60;

  bool Contains(unsigned weekday, int minute_of_day) const;
};
// "mon-fri", "sat,sun", "fri-mon" (wraps), "*"; names case-insensitive.
Status ParseDays(std::string_view text, uint8_t* days);
// "07:00-19:00", "22:00-06:00", "00:00-24:00". Start and end must differ.
Status ParseHours(std::string_view text, TimeWindow* window);

struct ScheduleRule {
  std::string name;                  // for messages and `status`; may be empty
  std::optional<TimeWindow> window;  // nullopt: always applies (the fallback rule)
  int64_t every_ms = 0;              // > 0 for an interval rule
  std::optional<CronExpr> cron;      // set for a cron rule (then every_ms == 0)
};
// Rules from their YAML text, with the error naming the value.
Status MakeEveryRule(std::string_view duration, ScheduleRule* rule);
Status MakeCronRule(std::string_view expr, ScheduleRule* rule);

struct Overlap {
  enum class Kind { kSkip, kWait };
  Kind kind = Kind::kSkip;  // Default: skip, like Cloud SOAR daemons.
  int64_t wait_ms = 0;      // kWait: how long to wait for the lock
};
// "skip" | "wait:<duration>".
Status ParseOverlap(std::string_view text, Overlap* out);

struct CatchUp {
  enum class Kind { kOnce, kSkip };
  Kind kind = Kind::kOnce;      // Default: once (anacron / systemd Persistent=true).
  int64_t max_lateness_ms = 0;  // kSkip: slots due longer ago than this do not run
};
// "once" | "skip:<duration>".
Status ParseCatchUp(std::string_view text, CatchUp* out);

struct ScheduleOptions {
  // "UTC" (no DST) | "local" (the machine's zone as date::current_zone() finds
  // it, normally /etc/localtime) | an IANA name such as "Europe/Berlin".
  std::string timezone = "UTC";
  std::vector<ScheduleRule> rules;
  int64_t min_interval_ms = 0;  // politeness floor between starts. Default: none.
  int64_t jitter_ms = 0;        // slots are delayed by a fixed offset in [0, jitter). Default: 0.
  Overlap overlap;              // carried for the runner
  CatchUp catch_up;
  int64_t timeout_ms = 10 * 60 * 1000;  // cycle deadline, carried for the runner. Default: 10m.
  bool enabled = true;                  // the YAML's top-level `enabled`
};

// What the last scheduled run left in the state file.
struct RunMarks {
  std::optional<int64_t> last_slot_ms;     // nominal slot of the last scheduled run
  std::optional<int64_t> last_started_ms;  // when any run (scheduled or forced) last started
};

// Runtime overrides from the state file; set fields win over the YAML.
struct ScheduleOverride {
  std::optional<bool> enabled;
  std::optional<ScheduleRule> rule;  // reschedule --every/--cron: replaces all rules, no window
};

struct DueResult {
  enum class Reason {
    kDue,
    kDisabled,        // enabled is false (YAML or override)
    kOutsideWindows,  // no rule's window contains now
    kNotYet,          // the next slot has not come
    kMinInterval,     // started less than min_interval ago
    kTooLate,         // catch_up skip: the latest slot is older than max_lateness
  };
  bool due = false;
  Reason reason = Reason::kNotYet;
  // The nominal slot this run stands for (store it as last_slot after the run);
  // set when due or kTooLate/kMinInterval.
  int64_t slot_ms = 0;
  // Slots after last_slot and before slot_ms that were never run; they are
  // caught up by this one run. Saturates at kMaxCountedSlots.
  int64_t missed_slots = 0;
  std::string rule_name;  // the rule that applied; "override" for a reschedule
};

const char* DueReasonName(DueResult::Reason reason);

class Schedule {
 public:
  static constexpr int64_t kMaxCountedSlots = 100000;
  static constexpr int64_t kNever = CronExpr::kNever;

  Schedule() = default;

  // Validates `options` (at least one rule, positive intervals, a known zone)
  // and fixes the jitter offset from `daemon_name`.
  static Status Build(std::string_view daemon_name, ScheduleOptions options, Schedule* out);

  // Whether a scheduled cycle is due at now_ms.
  //  every: due when now >= last_slot + every + jitter; slots stay on the grid
  //         last_slot + k*every, so late starts do not accumulate drift. No
  //         last_slot: due at once (slot = now - jitter).
  //  cron:  slot = latest fire time <= now - jitter; due when it is after last_slot
  //         (or there is no last_slot).
  DueResult Due(int64_t now_ms, const RunMarks& marks, const ScheduleOverride& ov) const;

  // The first instant > after_ms at which Due() holds, assuming nothing runs
  // in between; kNever if none within the search bound (e.g. disabled).
  int64_t NextDue(int64_t after_ms, const RunMarks& marks, const ScheduleOverride& ov) const;

  // The next n due times from now (now itself first if due), simulating a run
  // at each; for `daemon validate` and `daemon list`.
  std::vector<int64_t> NextDueTimes(int64_t now_ms, int n, RunMarks marks, const ScheduleOverride& ov) const;

  // The spacing of slots of the rule that applies at at_ms (every, or the gap
  // between the cron's next two fires); 0 when no rule applies.
  int64_t PeriodAt(int64_t at_ms, const ScheduleOverride& ov) const;

  bool Enabled(const ScheduleOverride& ov) const { return ov.enabled.value_or(options_.enabled); }
  int64_t jitter_offset_ms() const { return jitter_offset_ms_; }
  const ScheduleOptions& options() const { return options_; }
  // nullptr means UTC. Lifetime: the process (date's tz database).
  const date::time_zone* zone() const { return zone_; }

 private:
  const ScheduleRule* RuleAt(int64_t now_ms, const ScheduleOverride& ov) const;
  // The latest nominal slot of `rule` at or before now_ms - jitter, or kNever.
  int64_t LatestSlot(const ScheduleRule& rule, int64_t now_ms, const RunMarks& marks) const;
  int64_t CountSlotsBetween(const ScheduleRule& rule, int64_t from_ms, int64_t to_ms) const;

  ScheduleOptions options_;
  const date::time_zone* zone_ = nullptr;
  int64_t jitter_offset_ms_ = 0;
};

}  // namespace recproc

#endif  // RECPROC_DAEMON_SCHEDULE_H_
