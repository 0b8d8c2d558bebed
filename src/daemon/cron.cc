// Vixie cron expressions (crontab(5), as in cronie), parsed by hand: Debian
// packages no C/C++ cron library (reference/daemons.md §9).
//
// Grammar accepted:
//   expr   := macro | field{5}            (fields separated by blanks)
//   macro  := @yearly | @annually | @monthly | @weekly | @daily | @midnight | @hourly
//   field  := item ("," item)*
//   item   := ("*" | atom | atom "-" atom) ["/" step]   (atom "/" step = atom-max/step)
//   atom   := number | name     (names: JAN-DEC in column 4, SUN-SAT in column 5,
//                                case-insensitive; 7 is Sunday too)
// Columns: minute 0-59, hour 0-23, day-of-month 1-31, month 1-12, day-of-week 0-7.
// Rejected with a message naming the column: @reboot, Quartz syntax (a seconds
// or year column, '?', 'L', 'W', '#'), reversed ranges, zero steps, and
// day/month combinations that never occur (e.g. "0 0 30 2 *").
//
// Day rule (Vixie): when both day-of-month and day-of-week are restricted, a
// day matches if EITHER matches; a column starting with '*' (including "*/2")
// is unrestricted, and then both must match.
//
// Time zones and DST (cronie's behaviour for shifts of an hour or two):
// - A fixed-time job (minute and hour both without '*', e.g. "30 2 * * *")
//   fires once per matching local wall time. A wall time skipped by a
//   spring-forward gap fires at the end of the gap (02:30 on the Berlin
//   spring-forward day runs at 03:00 CEST); a wall time that occurs twice on
//   the fall-back day fires at its first occurrence only.
// - A job with '*' in the minute or hour column ("*/15 * * * *", "0 * * * *")
//   is periodic: it fires at every real instant whose local time matches, so
//   skipped wall times do not fire and the repeated hour fires again.
// Zone rules come from date/tz over the OS tzdb (GCC 12 lacks
// std::chrono::zoned_time), so no TZ juggling or localtime_r is needed.
#include "daemon/cron.h"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <string>
#include <vector>

namespace recproc {
namespace {

struct Column {
  const char* name;
  int min;
  int max;
};
constexpr std::array<Column, 5> kColumns = {
    {{"minute", 0, 59}, {"hour", 0, 23}, {"day-of-month", 1, 31}, {"month", 1, 12}, {"day-of-week", 0, 7}}};
constexpr std::array<const char*, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<const char*, 7> kDayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status ColumnError(int col, std::string_view token, std::string_view why) {
  return Status::InvalidArgument("cron column " + std::to_string(col + 1) + " (" + kColumns[col].name +
                                 "): \"" + std::string(token) + "\": " + std::string(why));
}

// A number or a name of column `col`.
Status ParseAtom(int col, std::string_view item, std::string_view atom, int* value) {
  if (atom.empty()) return ColumnError(col, item, "empty value");
  bool digits = std::all_of(atom.begin(), atom.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    if (atom.size() > 4) return ColumnError(col, item, "number out of range");
    int v = std::stoi(std::string(atom));
    if (v < kColumns[col].min || v > kColumns[col].max) {
      return ColumnError(col, item,
                         "value " + std::to_string(v) + " outside " + std::to_string(kColumns[col].min) +
                             "-" + std::to_string(kColumns[col].max));
    }
    *value = v;
    return Status::Ok();
  }
  std::string lower = Lower(atom);
  if (col == 3 || col == 4) {
    const char* const* names = col == 3 ? kMonthNames.data() : kDayNames.data();
    int count = col == 3 ? 12 : 7;
    for (int i = 0; i < count; ++i) {
      if (lower == names[i]) {
        *value = col == 3 ? i + 1 : i;
        return Status::Ok();
      }
    }
  }
  // Quartz's day modifiers: "L", "LW", "15W", "5L", "L-3".
  char last = lower.back();
  if (lower[0] == 'l' || last == 'l' || last == 'w') {
    return ColumnError(col, item,
                       "'L'/'W' are Quartz extensions, not supported by Vixie cron; "
                       "list the days explicitly");
  }
  if (col == 3) return ColumnError(col, item, "expected 1-12 or a month name JAN-DEC");
  if (col == 4) return ColumnError(col, item, "expected 0-7 or a day name SUN-SAT");
  return ColumnError(col, item, "expected a number");
}

// Parses one column into a bit set; *star says whether it started with '*'.
Status ParseColumn(int col, std::string_view field, uint64_t* bits, bool* star) {
  *bits = 0;
  *star = !field.empty() && field[0] == '*';
  for (char c : field) {
    if (c == '?') return ColumnError(col, field, "'?' is a Quartz extension, not supported; use '*'");
    if (c == '#') {
      return ColumnError(col, field, "'#' (nth weekday) is a Quartz extension, not supported");
    }
  }
  size_t pos = 0;
  while (pos <= field.size()) {
    size_t comma = field.find(',', pos);
    if (comma == std::string_view::npos) comma = field.size();
    std::string_view item = field.substr(pos, comma - pos);
    if (item.empty()) return ColumnError(col, field, "empty list item");
    std::string_view range = item;
    int step = 1;
    if (size_t slash = item.find('/'); slash != std::string_view::npos) {
      range = item.substr(0, slash);
      std::string_view s = item.substr(slash + 1);
      if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), ::isdigit)) {
        return ColumnError(col, item, "step must be a positive number");
      }
      step = std::stoi(std::string(s));
      if (step == 0) return ColumnError(col, item, "step must be at least 1");
    }
    int lo = kColumns[col].min, hi = kColumns[col].max;
    if (range == "*") {
      if (col == 4) hi = 6;  // '*' must not add Sunday twice through 7
    } else if (size_t dash = range.find('-'); dash != std::string_view::npos) {
      if (Status s = ParseAtom(col, item, range.substr(0, dash), &lo); !s.ok()) return s;
      if (Status s = ParseAtom(col, item, range.substr(dash + 1), &hi); !s.ok()) return s;
      if (lo > hi) return ColumnError(col, item, "range start is after its end");
    } else {
      if (Status s = ParseAtom(col, item, range, &lo); !s.ok()) return s;
      // "a/n" is a-max/n, as most crons read it; a bare "a" is just a.
      if (range.size() == item.size()) hi = lo;
    }
    for (int v = lo; v <= hi; v += step) *bits |= uint64_t{1} << (col == 4 && v == 7 ? 0 : v);
    pos = comma + 1;
  }
  return Status::Ok();
}

constexpr int kDaysInMonth[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
// Offsets span UTC-12 to UTC+14: a wall time maps within 26h of itself.
constexpr int64_t kMaxOffsetSpread = 26 * 3600;
// Nine years: the longest wait between fire times is 8 years (Feb 29 across 2100).
constexpr int kHorizonDays = 9 * 366;

int64_t SecondsOf(date::sys_seconds t) { return t.time_since_epoch().count(); }

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

// Walks local days and wall times for CronExpr (its friend).
class CronDay {
 public:
  // The instants a local wall time maps to, under the DST rules above.
  struct LocalResolution {
    int count = 0;
    int64_t at[2] = {0, 0};  // seconds since the epoch, ascending
  };

  // The zone's offset over a span of UTC seconds where local times are
  // unique; a day of margin on each side keeps it clear of any transition's
  // gap or overlap, so most wall times resolve without a tzdb lookup.
  struct ZoneCache {
    int64_t begin = 1;  // empty until the first lookup
    int64_t end = 0;
    int64_t offset = 0;
  };

  // The instant of wall time `local` if the cached span settles it, else kNever.
  static int64_t Cached(int64_t local, const date::time_zone* tz, const ZoneCache& cache) {
    if (tz == nullptr) return local;
    int64_t guess = local - cache.offset;
    return guess >= cache.begin && guess < cache.end ? guess : CronExpr::kNever;
  }

  // Starts the cache at the span around instant `sec`.
  static void Prime(int64_t sec, const date::time_zone* tz, ZoneCache* cache) {
    if (tz == nullptr) return;
    date::sys_info si = tz->get_info(date::sys_seconds{std::chrono::seconds(sec)});
    cache->begin = SecondsOf(si.begin) + 86400;
    cache->end = SecondsOf(si.end) - 86400;
    cache->offset = si.offset.count();
  }

  static LocalResolution Resolve(date::local_seconds lt, const date::time_zone* tz, bool fixed,
                                 ZoneCache* cache) {
    LocalResolution r;
    int64_t local = lt.time_since_epoch().count();
    if (tz == nullptr) {
      r.count = 1;
      r.at[0] = local;
      return r;
    }
    if (int64_t guess = local - cache->offset; guess >= cache->begin && guess < cache->end) {
      r.count = 1;
      r.at[0] = guess;
      return r;
    }
    date::local_info li = tz->get_info(lt);
    switch (li.result) {
      case date::local_info::unique:
        r.count = 1;
        r.at[0] = local - li.first.offset.count();
        cache->begin = SecondsOf(li.first.begin) + 86400;
        cache->end = SecondsOf(li.first.end) - 86400;
        cache->offset = li.first.offset.count();
        break;
      case date::local_info::nonexistent:
        if (fixed) {
          r.count = 1;
          r.at[0] = SecondsOf(li.first.end);
        }
        break;
      case date::local_info::ambiguous:
        r.count = fixed ? 1 : 2;
        r.at[0] = local - li.first.offset.count();
        r.at[1] = local - li.second.offset.count();
        break;
    }
    return r;
  }

  // Local day (days since 1970-01-01 in local time) containing `sec`.
  static int64_t LocalDay(int64_t sec, const date::time_zone* tz) {
    int64_t local = sec;
    if (tz != nullptr) {
      date::sys_seconds t{std::chrono::seconds(sec)};
      local += tz->get_info(t).offset.count();
    }
    return FloorDiv(local, 86400);
  }

  static bool DayMatches(const CronExpr& e, int64_t day) {
    date::local_days ld{date::days(day)};
    date::year_month_day ymd{ld};
    return e.DayMatches(static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                        date::weekday{ld}.c_encoding());
  }
};

bool CronExpr::DayMatches(unsigned month, unsigned dom, unsigned dow) const {
  if (!(months_ >> month & 1)) return false;
  bool dom_ok = doms_ >> dom & 1;
  bool dow_ok = dows_ >> dow & 1;
  if (dom_star_ || dow_star_) return dom_ok && dow_ok;
  return dom_ok || dow_ok;
}

Status CronExpr::Parse(std::string_view text, CronExpr* out) {
  std::string_view t = text;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  std::string expanded(t);
  if (!t.empty() && t[0] == '@') {
    std::string m = Lower(t);
    if (m == "@yearly" || m == "@annually") {
      expanded = "0 0 1 1 *";
    } else if (m == "@monthly") {
      expanded = "0 0 1 * *";
    } else if (m == "@weekly") {
      expanded = "0 0 * * 0";
    } else if (m == "@daily" || m == "@midnight") {
      expanded = "0 0 * * *";
    } else if (m == "@hourly") {
      expanded = "0 * * * *";
    } else if (m == "@reboot") {
      return Status::InvalidArgument(
          "cron: \"@reboot\" is not supported: a daemon cycle is started by the schedule, not at boot");
    } else {
      return Status::InvalidArgument("cron: unknown macro \"" + std::string(t) +
                                     "\"; expected @yearly, @annually, @monthly, @weekly, @daily, "
                                     "@midnight or @hourly");
    }
  }
  std::vector<std::string_view> fields;
  std::string_view rest = expanded;
  while (!rest.empty()) {
    size_t start = 0;
    while (start < rest.size() && std::isspace(static_cast<unsigned char>(rest[start]))) ++start;
    size_t end = start;
    while (end < rest.size() && !std::isspace(static_cast<unsigned char>(rest[end]))) ++end;
    if (end > start) fields.push_back(rest.substr(start, end - start));
    rest.remove_prefix(end);
  }
  if (fields.size() == 6 || fields.size() == 7) {
    return Status::InvalidArgument("cron: \"" + std::string(t) + "\" has " + std::to_string(fields.size()) +
                                   " fields: Quartz-style seconds/year columns are not supported; use 5 "
                                   "fields: minute hour day-of-month month day-of-week");
  }
  if (fields.size() != 5) {
    return Status::InvalidArgument("cron: \"" + std::string(t) + "\" has " + std::to_string(fields.size()) +
                                   " fields; expected 5: minute hour day-of-month month day-of-week");
  }
  CronExpr e;
  e.text_ = std::string(t);
  uint64_t bits[5];
  bool star[5];
  for (int col = 0; col < 5; ++col) {
    if (Status s = ParseColumn(col, fields[col], &bits[col], &star[col]); !s.ok()) return s;
  }
  e.minutes_ = bits[0];
  e.hours_ = static_cast<uint32_t>(bits[1]);
  e.doms_ = static_cast<uint32_t>(bits[2]);
  e.months_ = static_cast<uint16_t>(bits[3]);
  e.dows_ = static_cast<uint8_t>(bits[4]);
  e.dom_star_ = star[2];
  e.dow_star_ = star[4];
  e.fixed_time_ = !star[0] && !star[1];
  // With the AND rule in force, a day-of-month no selected month has never fires.
  if (e.dom_star_ || e.dow_star_) {
    bool possible = false;
    for (int m = 1; m <= 12 && !possible; ++m) {
      if (!(e.months_ >> m & 1)) continue;
      for (int d = 1; d <= kDaysInMonth[m]; ++d) possible |= (e.doms_ >> d & 1) != 0;
    }
    if (!possible) {
      return Status::InvalidArgument("cron: \"" + std::string(t) +
                                     "\" never fires: no selected month has the selected days of month");
    }
  }
  *out = std::move(e);
  return Status::Ok();
}

int64_t CronExpr::NextAfter(int64_t after_ms, const date::time_zone* tz) const {
  int64_t after = FloorDiv(after_ms, 1000);  // a fire at second s is > after_ms iff s > floor(after_ms/1000)
  CronDay::ZoneCache cache;
  CronDay::Prime(after, tz, &cache);
  auto first_in_day = [&](int64_t day) {
    int64_t best = kNever;
    date::local_seconds midnight{std::chrono::seconds(day * 86400)};
    for (int h = 0; h < 24; ++h) {
      if (!(hours_ >> h & 1)) continue;
      // Skip hours that certainly map to or before `after`: UTC offsets lie
      // within -12h..+14h, and inside a cached span the mapping is exact.
      int64_t first = day * 86400 + h * 3600, last = first + 3599;
      if (last + kMaxOffsetSpread <= after) continue;
      int64_t first_at = CronDay::Cached(first, tz, cache), last_at = CronDay::Cached(last, tz, cache);
      if (first_at != kNever && last_at != kNever && last_at <= after) continue;
      for (int m = 0; m < 60; ++m) {
        if (!(minutes_ >> m & 1)) continue;
        CronDay::LocalResolution r =
            CronDay::Resolve(midnight + std::chrono::minutes(h * 60 + m), tz, fixed_time_, &cache);
        if (r.count == 0) continue;
        // Earliest instants grow with the wall time, so nothing later can beat `best`.
        if (best != kNever && r.at[0] >= best) return best;
        for (int i = 0; i < r.count; ++i) {
          if (r.at[i] > after && (best == kNever || r.at[i] < best)) best = r.at[i];
        }
      }
    }
    return best;
  };
  int64_t first_day = CronDay::LocalDay(after, tz) - 1;  // a gap may push the previous day past midnight
  for (int64_t day = first_day; day < first_day + kHorizonDays; ++day) {
    if (!CronDay::DayMatches(*this, day)) continue;
    if (int64_t best = first_in_day(day); best != kNever) return best * 1000;
  }
  return kNever;
}

int64_t CronExpr::PrevAtOrBefore(int64_t at_ms, const date::time_zone* tz) const {
  int64_t at = FloorDiv(at_ms, 1000);
  CronDay::ZoneCache cache;
  CronDay::Prime(at, tz, &cache);
  auto last_in_day = [&](int64_t day) {
    int64_t best = kNever;
    date::local_seconds midnight{std::chrono::seconds(day * 86400)};
    for (int h = 23; h >= 0; --h) {
      if (!(hours_ >> h & 1)) continue;
      // Skip hours that certainly map after `at` (see NextAfter).
      int64_t first = day * 86400 + h * 3600, last = first + 3599;
      if (first - kMaxOffsetSpread > at) continue;
      int64_t first_at = CronDay::Cached(first, tz, cache), last_at = CronDay::Cached(last, tz, cache);
      if (first_at != kNever && last_at != kNever && first_at > at) continue;
      for (int m = 59; m >= 0; --m) {
        if (!(minutes_ >> m & 1)) continue;
        CronDay::LocalResolution r =
            CronDay::Resolve(midnight + std::chrono::minutes(h * 60 + m), tz, fixed_time_, &cache);
        if (r.count == 0) continue;
        // Latest instants shrink as the wall time goes back, so nothing earlier can beat `best`.
        if (best != kNever && r.at[r.count - 1] <= best) return best;
        for (int i = 0; i < r.count; ++i) {
          if (r.at[i] <= at && r.at[i] > best) best = r.at[i];
        }
      }
    }
    return best;
  };
  int64_t last_day = CronDay::LocalDay(at, tz) + 1;
  for (int64_t day = last_day; day > last_day - kHorizonDays; --day) {
    if (!CronDay::DayMatches(*this, day)) continue;
    if (int64_t best = last_in_day(day); best != kNever) return best * 1000;
  }
  return kNever;
}

}  // namespace recproc
