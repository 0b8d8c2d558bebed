// The daemon schedule model of reference/daemons.md §3.3. `recproc daemon run`
// is started by cron every minute and asks Due(now); only a due cycle runs.
//
// Slots. Every run stands for a nominal slot time, stored as last_slot:
//  - interval rules put slots on the grid last_slot + k*every, so a run that
//    starts late (cron granularity, a busy lock, downtime) does not push later
//    slots back; the first run anchors the grid;
//  - cron rules use the cron's fire times (DST rules in cron.cc).
// Any number of slots missed since last_slot gives ONE run for the latest
// slot (catch_up: once, like anacron and systemd Persistent=true); the count
// of skipped slots is reported. catch_up: skip:<d> drops a slot once it is
// more than d late.
// Jitter shifts every slot by a fixed per-daemon offset (jitter.h): the slot
// time stays nominal, only the moment it becomes due moves.
// Time frames: the first rule whose window contains now (local time in the
// schedule's zone) applies; when none does, nothing is due.
#include "daemon/schedule.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>
#include <utility>

#include "daemon/jitter.h"
#include "util/ascii_space.h"

namespace recproc {
namespace {

constexpr int64_t kMinute = 60 * 1000;
constexpr int64_t kDay = 24 * 60 * kMinute;
constexpr std::string_view kDayNames[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Local milliseconds (UTC ms + the zone's offset at that instant).
int64_t ToLocalMs(int64_t utc_ms, const date::time_zone* tz) {
  if (tz == nullptr) return utc_ms;
  date::sys_seconds t{std::chrono::seconds(FloorDiv(utc_ms, 1000))};
  return utc_ms + tz->get_info(t).offset.count() * 1000;
}

// The first instant > after_ms whose local time is `minute` of local day `day`
// (a wall time skipped by DST maps to the end of the gap), or kNever.
int64_t LocalMinuteAfter(int64_t day, int minute, int64_t after_ms, const date::time_zone* tz) {
  int64_t local_s = day * 86400 + minute * 60;
  if (tz == nullptr) return local_s * 1000 > after_ms ? local_s * 1000 : Schedule::kNever;
  date::local_info li = tz->get_info(date::local_seconds{std::chrono::seconds(local_s)});
  int64_t candidates[2];
  int n = 0;
  switch (li.result) {
    case date::local_info::unique:
      candidates[n++] = (local_s - li.first.offset.count()) * 1000;
      break;
    case date::local_info::nonexistent:
      candidates[n++] = li.first.end.time_since_epoch().count() * 1000;
      break;
    case date::local_info::ambiguous:
      candidates[n++] = (local_s - li.first.offset.count()) * 1000;
      candidates[n++] = (local_s - li.second.offset.count()) * 1000;
      break;
  }
  for (int i = 0; i < n; ++i) {
    if (candidates[i] > after_ms) return candidates[i];
  }
  return Schedule::kNever;
}

Status ParseDayName(std::string_view text, std::string_view token, int* day) {
  std::string lower = Lower(TrimAsciiSpace(token));
  for (int i = 0; i < 7; ++i) {
    if (lower == kDayNames[i]) {
      *day = i;
      return Status::Ok();
    }
  }
  return Status::InvalidArgument("days \"" + std::string(text) + "\": unknown day \"" + std::string(token) +
                                 "\"; expected mon, tue, wed, thu, fri, sat or sun");
}

Status ParseClock(std::string_view text, std::string_view part, int* minute) {
  part = TrimAsciiSpace(part);
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (part.size() == 5 && digit(part[0]) && digit(part[1]) && part[2] == ':' && digit(part[3]) &&
      digit(part[4])) {
    int h = (part[0] - '0') * 10 + (part[1] - '0');
    int m = (part[3] - '0') * 10 + (part[4] - '0');
    if ((h < 24 && m < 60) || (h == 24 && m == 0)) {
      *minute = h * 60 + m;
      return Status::Ok();
    }
  }
  return Status::InvalidArgument("hours \"" + std::string(text) + "\": \"" + std::string(part) +
                                 "\" is not a time; expected HH:MM between 00:00 and 24:00");
}

}  // namespace

Status ParseDuration(std::string_view text, int64_t* ms) {
  std::string_view t = TrimAsciiSpace(text);
  auto error = [&](std::string_view why) {
    return Status::InvalidArgument("duration \"" + std::string(text) + "\": " + std::string(why) +
                                   "; expected e.g. 30s, 15m, 1h30m, 2d");
  };
  if (t.empty()) return error("empty");
  int64_t total = 0;
  int last_rank = 99;
  size_t i = 0;
  while (i < t.size()) {
    size_t start = i;
    int64_t n = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      n = n * 10 + (t[i] - '0');
      if (n > 1000000000) return error("number too large");
      ++i;
    }
    if (i == start) return error("expected a number at \"" + std::string(t.substr(i)) + "\"");
    if (i == t.size()) return error("missing unit after " + std::string(t.substr(start)));
    int64_t unit;
    int rank;
    switch (t[i]) {
      case 's':
        unit = 1000, rank = 0;
        break;
      case 'm':
        unit = kMinute, rank = 1;
        break;
      case 'h':
        unit = 60 * kMinute, rank = 2;
        break;
      case 'd':
        unit = kDay, rank = 3;
        break;
      case 'w':
        unit = 7 * kDay, rank = 4;
        break;
      default:
        return error("unknown unit '" + std::string(1, t[i]) + "' (units: s, m, h, d, w)");
    }
    if (rank >= last_rank) return error("units must go from largest to smallest, each once");
    last_rank = rank;
    total += n * unit;
    ++i;
  }
  *ms = total;
  return Status::Ok();
}

std::string FormatDuration(int64_t ms) {
  if (ms <= 0) return "0s";
  static constexpr std::pair<int64_t, char> kUnits[] = {
      {7 * kDay, 'w'}, {kDay, 'd'}, {60 * kMinute, 'h'}, {kMinute, 'm'}, {1000, 's'}};
  std::string out;
  for (auto [unit, name] : kUnits) {
    if (ms >= unit) {
      out += std::to_string(ms / unit) + name;
      ms %= unit;
    }
  }
  return out.empty() ? "0s" : out;
}

bool TimeWindow::Contains(unsigned weekday, int minute_of_day) const {
  auto day_ok = [&](unsigned d) { return (days >> (d % 7) & 1) != 0; };
  if (start_minute < end_minute) {
    return day_ok(weekday) && minute_of_day >= start_minute && minute_of_day < end_minute;
  }
  // Wrapped window: the part after midnight belongs to the previous day.
  if (minute_of_day >= start_minute) return day_ok(weekday);
  if (minute_of_day < end_minute) return day_ok(weekday + 6);
  return false;
}

Status ParseDays(std::string_view text, uint8_t* days) {
  std::string_view t = TrimAsciiSpace(text);
  if (t == "*") {
    *days = 0x7f;
    return Status::Ok();
  }
  if (t.empty()) return Status::InvalidArgument("days: empty; expected e.g. mon-fri or sat,sun");
  uint8_t mask = 0;
  size_t pos = 0;
  while (pos <= t.size()) {
    size_t comma = t.find(',', pos);
    if (comma == std::string_view::npos) comma = t.size();
    std::string_view item = t.substr(pos, comma - pos);
    int lo, hi;
    if (size_t dash = item.find('-'); dash != std::string_view::npos) {
      if (Status s = ParseDayName(t, item.substr(0, dash), &lo); !s.ok()) return s;
      if (Status s = ParseDayName(t, item.substr(dash + 1), &hi); !s.ok()) return s;
    } else {
      if (Status s = ParseDayName(t, item, &lo); !s.ok()) return s;
      hi = lo;
    }
    for (int d = lo;; d = (d + 1) % 7) {  // "fri-mon" wraps over the weekend
      mask |= static_cast<uint8_t>(1u << d);
      if (d == hi) break;
    }
    pos = comma + 1;
  }
  *days = mask;
  return Status::Ok();
}

Status ParseHours(std::string_view text, TimeWindow* window) {
  std::string_view t = TrimAsciiSpace(text);
  size_t dash = t.find('-');
  if (dash == std::string_view::npos) {
    return Status::InvalidArgument("hours \"" + std::string(text) + "\": expected HH:MM-HH:MM");
  }
  int start, end;
  if (Status s = ParseClock(text, t.substr(0, dash), &start); !s.ok()) return s;
  if (Status s = ParseClock(text, t.substr(dash + 1), &end); !s.ok()) return s;
  if (start == end || start == 24 * 60) {
    return Status::InvalidArgument("hours \"" + std::string(text) +
                                   "\": empty window; use 00:00-24:00 for the whole day");
  }
  window->start_minute = start;
  window->end_minute = end;
  return Status::Ok();
}

Status MakeEveryRule(std::string_view duration, ScheduleRule* rule) {
  int64_t ms = 0;
  if (Status s = ParseDuration(duration, &ms); !s.ok()) return s;
  if (ms < 1000)
    return Status::InvalidArgument("every: \"" + std::string(duration) + "\" must be at least 1s");
  rule->every_ms = ms;
  rule->cron.reset();
  return Status::Ok();
}

Status MakeCronRule(std::string_view expr, ScheduleRule* rule) {
  CronExpr cron;
  if (Status s = CronExpr::Parse(expr, &cron); !s.ok()) return s;
  rule->cron = std::move(cron);
  rule->every_ms = 0;
  return Status::Ok();
}

Status ParseOverlap(std::string_view text, Overlap* out) {
  std::string_view t = TrimAsciiSpace(text);
  if (t == "skip") {
    *out = Overlap{};
    return Status::Ok();
  }
  if (t.substr(0, 5) == "wait:") {
    int64_t ms = 0;
    if (Status s = ParseDuration(t.substr(5), &ms); !s.ok()) return s;
    *out = Overlap{Overlap::Kind::kWait, ms};
    return Status::Ok();
  }
  return Status::InvalidArgument("overlap \"" + std::string(text) + "\": expected skip or wait:<duration>");
}

Status ParseCatchUp(std::string_view text, CatchUp* out) {
  std::string_view t = TrimAsciiSpace(text);
  if (t == "once") {
    *out = CatchUp{};
    return Status::Ok();
  }
  if (t.substr(0, 5) == "skip:") {
    int64_t ms = 0;
    if (Status s = ParseDuration(t.substr(5), &ms); !s.ok()) return s;
    *out = CatchUp{CatchUp::Kind::kSkip, ms};
    return Status::Ok();
  }
  return Status::InvalidArgument("catch_up \"" + std::string(text) + "\": expected once or skip:<duration>");
}

const char* DueReasonName(DueResult::Reason reason) {
  switch (reason) {
    case DueResult::Reason::kDue:
      return "due";
    case DueResult::Reason::kDisabled:
      return "disabled";
    case DueResult::Reason::kOutsideWindows:
      return "outside-windows";
    case DueResult::Reason::kNotYet:
      return "not-due";
    case DueResult::Reason::kMinInterval:
      return "min-interval";
    case DueResult::Reason::kTooLate:
      return "too-late";
  }
  return "unknown";
}

Status Schedule::Build(std::string_view daemon_name, ScheduleOptions options, Schedule* out) {
  if (options.rules.empty()) return Status::InvalidArgument("schedule: at least one rule is required");
  for (size_t i = 0; i < options.rules.size(); ++i) {
    const ScheduleRule& r = options.rules[i];
    std::string label =
        "schedule rule " + std::to_string(i + 1) + (r.name.empty() ? "" : " (" + r.name + ")");
    if ((r.every_ms > 0) == r.cron.has_value()) {
      return Status::InvalidArgument(label + ": needs exactly one of every or cron");
    }
    if (r.every_ms < 0) return Status::InvalidArgument(label + ": every must be positive");
  }
  if (options.jitter_ms < 0 || options.min_interval_ms < 0 || options.timeout_ms < 0) {
    return Status::InvalidArgument("schedule: jitter, min_interval and timeout must not be negative");
  }
  const date::time_zone* zone = nullptr;
  if (options.timezone != "UTC" && options.timezone != "Etc/UTC") {
    // date's lookups throw; this is the one place they are called.
    try {
      zone = options.timezone == "local" ? date::current_zone() : date::locate_zone(options.timezone);
    } catch (const std::exception& e) {
      return Status::InvalidArgument("schedule timezone \"" + options.timezone +
                                     "\": unknown time zone (expected UTC, local or an IANA name such as "
                                     "Europe/Berlin): " +
                                     e.what());
    }
  }
  Schedule s;
  s.jitter_offset_ms_ = JitterOffsetMs(daemon_name, options.jitter_ms);
  s.options_ = std::move(options);
  s.zone_ = zone;
  *out = std::move(s);
  return Status::Ok();
}

const ScheduleRule* Schedule::RuleAt(int64_t now_ms, const ScheduleOverride& ov) const {
  if (ov.rule.has_value()) return &*ov.rule;
  int64_t local = ToLocalMs(now_ms, zone_);
  int64_t day = FloorDiv(local, kDay);
  unsigned weekday = static_cast<unsigned>(((day % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  int minute = static_cast<int>((local - day * kDay) / kMinute);
  for (const ScheduleRule& r : options_.rules) {
    if (!r.window.has_value() || r.window->Contains(weekday, minute)) return &r;
  }
  return nullptr;
}

int64_t Schedule::LatestSlot(const ScheduleRule& rule, int64_t now_ms, const RunMarks& marks) const {
  int64_t shifted = now_ms - jitter_offset_ms_;
  if (rule.cron.has_value()) return rule.cron->PrevAtOrBefore(shifted, zone_);
  if (!marks.last_slot_ms.has_value()) return shifted;
  int64_t k = FloorDiv(shifted - *marks.last_slot_ms, rule.every_ms);
  return k >= 1 ? *marks.last_slot_ms + k * rule.every_ms : kNever;
}

int64_t Schedule::CountSlotsBetween(const ScheduleRule& rule, int64_t from_ms, int64_t to_ms) const {
  if (to_ms <= from_ms) return 0;
  if (!rule.cron.has_value()) {
    return std::min(std::max<int64_t>((to_ms - from_ms - 1) / rule.every_ms, 0), kMaxCountedSlots);
  }
  int64_t n = 0;
  for (int64_t t = rule.cron->NextAfter(from_ms, zone_); t != kNever && t < to_ms && n < kMaxCountedSlots;
       t = rule.cron->NextAfter(t, zone_)) {
    ++n;
  }
  return n;
}

DueResult Schedule::Due(int64_t now_ms, const RunMarks& marks, const ScheduleOverride& ov) const {
  DueResult r;
  if (!Enabled(ov)) {
    r.reason = DueResult::Reason::kDisabled;
    return r;
  }
  const ScheduleRule* rule = RuleAt(now_ms, ov);
  if (rule == nullptr) {
    r.reason = DueResult::Reason::kOutsideWindows;
    return r;
  }
  r.rule_name = ov.rule.has_value() ? "override" : rule->name;
  int64_t slot = LatestSlot(*rule, now_ms, marks);
  if (slot == kNever || (marks.last_slot_ms.has_value() && slot <= *marks.last_slot_ms)) {
    r.reason = DueResult::Reason::kNotYet;
    return r;
  }
  r.slot_ms = slot;
  if (marks.last_slot_ms.has_value()) r.missed_slots = CountSlotsBetween(*rule, *marks.last_slot_ms, slot);
  if (options_.catch_up.kind == CatchUp::Kind::kSkip &&
      now_ms - (slot + jitter_offset_ms_) > options_.catch_up.max_lateness_ms) {
    r.reason = DueResult::Reason::kTooLate;
    return r;
  }
  if (marks.last_started_ms.has_value() && now_ms < *marks.last_started_ms + options_.min_interval_ms) {
    r.reason = DueResult::Reason::kMinInterval;
    return r;
  }
  r.due = true;
  r.reason = DueResult::Reason::kDue;
  return r;
}

int64_t Schedule::NextDue(int64_t after_ms, const RunMarks& marks, const ScheduleOverride& ov) const {
  if (!Enabled(ov)) return kNever;
  if (Due(after_ms, marks, ov).due) return after_ms + 1;
  // Due() can only change value at these instants: slot times (+ jitter),
  // window edges and the min_interval end. Visit them in order.
  std::vector<const ScheduleRule*> rules;
  if (ov.rule.has_value()) {
    rules.push_back(&*ov.rule);
  } else {
    for (const ScheduleRule& r : options_.rules) rules.push_back(&r);
  }
  const int64_t horizon = after_ms + 10 * 366 * kDay;
  int64_t t = after_ms;
  for (int iter = 0; iter < 200000 && t < horizon; ++iter) {
    int64_t next = kNever;
    auto consider = [&](int64_t c) {
      if (c != kNever && c > t && (next == kNever || c < next)) next = c;
    };
    for (const ScheduleRule* r : rules) {
      if (r->cron.has_value()) {
        int64_t base = t - jitter_offset_ms_;
        if (marks.last_slot_ms.has_value()) base = std::max(base, *marks.last_slot_ms);
        int64_t f = r->cron->NextAfter(base, zone_);
        if (f != kNever) consider(f + jitter_offset_ms_);
      } else if (marks.last_slot_ms.has_value()) {
        int64_t k =
            std::max<int64_t>(FloorDiv(t - jitter_offset_ms_ - *marks.last_slot_ms, r->every_ms) + 1, 1);
        consider(*marks.last_slot_ms + k * r->every_ms + jitter_offset_ms_);
      }
      if (r->window.has_value()) {
        // The next window edge is at the latest the coming local midnight.
        int64_t day = FloorDiv(ToLocalMs(t, zone_), kDay);
        for (int64_t d = day; d <= day + 1; ++d) {
          for (int m : {0, r->window->start_minute, r->window->end_minute}) {
            if (m < 24 * 60) consider(LocalMinuteAfter(d, m, t, zone_));
          }
        }
      }
    }
    if (marks.last_started_ms.has_value()) consider(*marks.last_started_ms + options_.min_interval_ms);
    if (next == kNever) return kNever;
    if (Due(next, marks, ov).due) return next;
    t = next;
  }
  return kNever;
}

std::vector<int64_t> Schedule::NextDueTimes(int64_t now_ms, int n, RunMarks marks,
                                            const ScheduleOverride& ov) const {
  std::vector<int64_t> out;
  int64_t t = Due(now_ms, marks, ov).due ? now_ms : NextDue(now_ms, marks, ov);
  while (static_cast<int>(out.size()) < n && t != kNever) {
    out.push_back(t);
    DueResult r = Due(t, marks, ov);
    marks.last_slot_ms = r.slot_ms;
    marks.last_started_ms = t;
    t = NextDue(t, marks, ov);
  }
  return out;
}

int64_t Schedule::PeriodAt(int64_t at_ms, const ScheduleOverride& ov) const {
  const ScheduleRule* rule = RuleAt(at_ms, ov);
  if (rule == nullptr) return 0;
  if (!rule->cron.has_value()) return rule->every_ms;
  int64_t f1 = rule->cron->NextAfter(at_ms - 1, zone_);
  int64_t f2 = f1 == kNever ? kNever : rule->cron->NextAfter(f1, zone_);
  return f2 == kNever ? 0 : f2 - f1;
}

}  // namespace recproc
