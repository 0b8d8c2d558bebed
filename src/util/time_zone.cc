// TimeZone: adapter over date/tz, the only file that talks to the tzdb. The
// library reports unknown zones by throwing; that happens only inside
// Lookup (load time) and is turned into a Status here. Resolution of local
// times uses time_zone::get_info, whose local_info already distinguishes
// unique, nonexistent (gap) and ambiguous (overlap) local times.
#include "util/time_zone.h"

#include <date/tz.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace recproc {
namespace {

constexpr int kMaxOffsetSeconds = 18 * 3600;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x += 'a' - 'A';
    if (y >= 'A' && y <= 'Z') y += 'a' - 'A';
    if (x != y) return false;
  }
  return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

TimeZone TimeZone::FromIana(const date::time_zone* tz) {
  TimeZone zone;
  zone.tz_ = tz;
  return zone;
}

TimeZone TimeZone::FixedOffset(int seconds) {
  TimeZone zone;
  zone.fixed_offset_s_ = seconds;
  return zone;
}

std::string_view TimeZone::name() const { return tz_ ? tz_->name() : std::string_view(); }

int64_t TimeZone::LocalToUtcMs(const CivilTime& t) const { return LocalMsToUtcMs(CivilToLocalMs(t)); }

int64_t TimeZone::LocalMsToUtcMs(int64_t local_ms) const {
  if (tz_ == nullptr) return local_ms - int64_t{fixed_offset_s_} * 1000;
  const date::local_seconds local{std::chrono::seconds{FloorDiv(local_ms, 1000)}};
  const date::local_info info = tz_->get_info(local);
  // unique: first is the only offset. nonexistent: first is the offset before
  // the gap, so subtracting it moves the time forward by the gap (java.time).
  // ambiguous: first is the offset before the transition = the earlier instant.
  return local_ms - static_cast<int64_t>(info.first.offset.count()) * 1000;
}

int TimeZone::OffsetSeconds(int64_t utc_ms) const {
  if (tz_ == nullptr) return fixed_offset_s_;
  const date::sys_seconds utc{std::chrono::seconds{FloorDiv(utc_ms, 1000)}};
  return static_cast<int>(tz_->get_info(utc).offset.count());
}

bool ParseUtcOffset(std::string_view text, int* seconds, size_t* consumed) {
  if (text.empty()) return false;
  if (text[0] == 'Z' || text[0] == 'z') {
    *seconds = 0;
    *consumed = 1;
    return true;
  }
  if (text[0] != '+' && text[0] != '-') return false;
  const int sign = text[0] == '-' ? -1 : 1;
  size_t i = 1;
  size_t hour_digits = 0;
  int hours = 0;
  while (i < text.size() && IsDigit(text[i]) && hour_digits < 2) {
    hours = hours * 10 + (text[i++] - '0');
    ++hour_digits;
  }
  if (hour_digits == 0) return false;
  int minutes = 0;
  if (hour_digits == 2) {
    size_t j = i;
    if (j < text.size() && text[j] == ':') ++j;
    if (j + 1 < text.size() && IsDigit(text[j]) && IsDigit(text[j + 1])) {
      minutes = (text[j] - '0') * 10 + (text[j + 1] - '0');
      i = j + 2;
    } else if (j != i) {
      return false;  // "+07:" with no minutes
    }
  }
  if (minutes > 59) return false;
  const int total = hours * 3600 + minutes * 60;
  if (total > kMaxOffsetSeconds) return false;
  *seconds = sign * total;
  *consumed = i;
  return true;
}

Status LookupUncached(std::string_view name, TimeZone* out) {
  if (name.empty()) return Status::InvalidArgument("empty time zone name");
  for (std::string_view utc : {"UTC", "Z", "GMT", "UT", "Zulu"}) {
    if (EqualsIgnoreCase(name, utc)) {
      *out = TimeZone();
      return Status::Ok();
    }
  }
  std::string_view rest = name;
  for (std::string_view prefix : {"UTC", "GMT"}) {
    if (rest.size() > prefix.size() && EqualsIgnoreCase(rest.substr(0, prefix.size()), prefix) &&
        (rest[prefix.size()] == '+' || rest[prefix.size()] == '-')) {
      rest.remove_prefix(prefix.size());
    }
  }
  if (rest[0] == '+' || rest[0] == '-') {
    int seconds = 0;
    size_t used = 0;
    if (!ParseUtcOffset(rest, &seconds, &used) || used != rest.size()) {
      return Status::InvalidArgument("invalid UTC offset '" + std::string(name) +
                                     "': expected +HH, +HHMM or +HH:MM within +-18:00");
    }
    *out = TimeZone::FixedOffset(seconds);
    return Status::Ok();
  }
  try {
    const date::time_zone* tz =
        EqualsIgnoreCase(name, "local") ? date::current_zone() : date::locate_zone(name);
    *out = TimeZone::FromIana(tz);
    return Status::Ok();
  } catch (const std::exception&) {
    return Status::NotFound("unknown time zone '" + std::string(name) +
                            "': expected an IANA id (Europe/Berlin), UTC, or an offset (+07:00)");
  }
}

Status TimeZone::Lookup(std::string_view name, TimeZone* out) {
  static std::mutex mu;
  static std::map<std::string, TimeZone, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) {
    *out = it->second;
    return Status::Ok();
  }
  Status s = LookupUncached(name, out);
  if (s.ok()) cache.emplace(std::string(name), *out);
  return s;
}

int64_t ResolveYearless(const CivilTime& t, const TimeZone& zone, int64_t now_ms) {
  constexpr int64_t kDayMs = 86'400'000;
  // The year of now in UTC, and whether next year can hold the answer: the
  // zone shifts the year by at most a day, so next year's date is taken
  // only within a day and 18 hours (the widest offset) of New Year.
  // Remembered per thread: a run resolves every line against one now.
  struct NowYear {
    int64_t now_ms = INT64_MIN;
    int64_t year = 0;
    bool next_year_possible = true;
  };
  thread_local NowYear memo;
  if (memo.now_ms != now_ms) {
    const int64_t now_days = FloorDiv(now_ms, kDayMs);
    int64_t y = 1970 + now_days / 365;
    while (DaysFromCivil(y, 1, 1) > now_days) --y;
    while (DaysFromCivil(y + 1, 1, 1) <= now_days) ++y;
    memo.now_ms = now_ms;
    memo.year = y;
    memo.next_year_possible = now_ms + kDayMs + 18 * 3'600'000 >= DaysFromCivil(y + 1, 1, 1) * kDayMs;
  }
  const int64_t y = memo.year;
  for (int64_t year = memo.next_year_possible ? y + 1 : y; year >= y - 8; --year) {
    CivilTime c = t;
    c.year = static_cast<int>(year);
    if (!IsValidCivil(c)) continue;
    const int64_t ms = zone.LocalToUtcMs(c);
    if (ms <= now_ms + kDayMs) return ms;
  }
  return INT64_MIN;
}

}  // namespace recproc
