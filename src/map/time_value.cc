// Mapped time values: the `time` value type of a field mapping. The pattern is
// compiled into a token list at load time, so a message costs one left-to-right
// scan of its text. Patterns are Joda-style as the product stores them
// (reference/cloud-siem-pipeline.md §2.2, §6.2): `'T'` quotes a literal, S
// counts fraction digits, Z/X read an offset. Fraction digit counts are read
// leniently (1-9 digits whatever the S count), because vendors trim trailing
// zeros; everything else must match exactly.
#include "map/time_value.h"

#include <date/date.h>
#include <date/tz.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <exception>

namespace recproc {

namespace {

bool ReadDigits(std::string_view s, size_t* pos, size_t min, size_t max, int64_t* out) {
  size_t n = 0;
  int64_t v = 0;
  while (*pos + n < s.size() && n < max && std::isdigit(static_cast<unsigned char>(s[*pos + n]))) {
    v = v * 10 + (s[*pos + n] - '0');
    ++n;
  }
  if (n < min) return false;
  *pos += n;
  *out = v;
  return true;
}

// "Z", "+hh", "+hhmm", "+hh:mm" (and '-') at *pos.
bool ReadOffset(std::string_view s, size_t* pos, int64_t* seconds) {
  if (*pos >= s.size()) return false;
  char c = s[*pos];
  if (c == 'Z' || c == 'z') {
    ++*pos;
    *seconds = 0;
    return true;
  }
  if (c != '+' && c != '-') return false;
  ++*pos;
  int64_t h = 0, m = 0;
  if (!ReadDigits(s, pos, 2, 2, &h)) return false;
  if (*pos < s.size() && s[*pos] == ':') ++*pos;
  if (*pos < s.size() && std::isdigit(static_cast<unsigned char>(s[*pos])) && !ReadDigits(s, pos, 2, 2, &m))
    return false;
  if (h > 23 || m > 59) return false;
  *seconds = (c == '-' ? -1 : 1) * (h * 3600 + m * 60);
  return true;
}

bool ParseFixedZone(std::string_view z, int64_t* seconds) {
  if (z.empty() || z == "UTC" || z == "utc" || z == "Z" || z == "GMT") {
    *seconds = 0;
    return true;
  }
  size_t pos = 0;
  return ReadOffset(z, &pos, seconds) && pos == z.size();
}

}  // namespace

bool MappedTimeFormat::Compile(std::string_view format, std::string_view time_zone, std::string* error) {
  format_ = std::string(format);
  tokens_.clear();
  zone_ = nullptr;
  fixed_offset_s_ = 0;
  if (!ParseFixedZone(time_zone, &fixed_offset_s_)) {
    try {
      zone_ = date::locate_zone(std::string(time_zone));
    } catch (const std::exception&) {
      *error = "unknown time zone '" + std::string(time_zone) + "'";
      return false;
    }
  }
  if (format == "epoch" || format == "X1") {
    kind_ = Kind::kEpochSeconds;
    return true;
  }
  if (format == "epoch_ms" || format == "X1000") {
    kind_ = Kind::kEpochMillis;
    return true;
  }
  if (format == "epoch_float") {
    kind_ = Kind::kEpochFloat;
    return true;
  }
  kind_ = Kind::kPattern;
  if (format.empty()) {
    *error = "a time format is required (epoch, epoch_ms, epoch_float or a pattern)";
    return false;
  }
  bool seen[static_cast<int>(Tok::kLiteral) + 1] = {};
  for (size_t i = 0; i < format.size();) {
    char c = format[i];
    if (c == '\'') {
      size_t j = i + 1;
      if (j < format.size() && format[j] == '\'') {  // '' is a quote character
        tokens_.push_back({Tok::kLiteral, '\''});
        i = j + 1;
        continue;
      }
      for (; j < format.size() && format[j] != '\''; ++j) tokens_.push_back({Tok::kLiteral, format[j]});
      if (j == format.size()) {
        *error = "unterminated quote in time format '" + format_ + "'";
        return false;
      }
      i = j + 1;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      tokens_.push_back({Tok::kLiteral, c});
      ++i;
      continue;
    }
    size_t run = 1;
    while (i + run < format.size() && format[i + run] == c) ++run;
    Tok tok;
    bool ok = true;
    switch (c) {
      case 'y':
      case 'Y':  // week-year in Joda, but content uses it where calendar year is meant
        tok = Tok::kYear;
        ok = run >= 3;
        break;
      case 'M':
        tok = Tok::kMonth;
        ok = run <= 2;
        break;
      case 'd':
        tok = Tok::kDay;
        ok = run <= 2;
        break;
      case 'H':
        tok = Tok::kHour;
        ok = run <= 2;
        break;
      case 'm':
        tok = Tok::kMinute;
        ok = run <= 2;
        break;
      case 's':
        tok = Tok::kSecond;
        ok = run <= 2;
        break;
      case 'S':
        tok = Tok::kFraction;
        ok = run <= 9;
        break;
      case 'Z':
      case 'X':
        tok = Tok::kOffset;
        ok = run <= 3;
        break;
      default:
        ok = false;
        tok = Tok::kLiteral;
    }
    if (!ok) {
      *error =
          "time format '" + format_ + "': '" + std::string(run, c) +
          "' is not supported here (supported: epoch, epoch_ms, epoch_float, yyyy MM dd HH mm ss S Z X XXX "
          "and quoted literals)";
      return false;
    }
    int slot = static_cast<int>(tok);
    if (seen[slot]) {
      *error = "time format '" + format_ + "' names '" + std::string(1, c) + "' twice";
      return false;
    }
    seen[slot] = true;
    // The run length of one-letter fields picks 1-2 digits ('d') vs exactly 2 ('dd').
    tokens_.push_back({tok, static_cast<char>(run)});
    i += run;
  }
  if (!seen[static_cast<int>(Tok::kYear)] || !seen[static_cast<int>(Tok::kMonth)] ||
      !seen[static_cast<int>(Tok::kDay)]) {
    *error = "time format '" + format_ + "' needs a year, a month and a day";
    return false;
  }
  return true;
}

bool MappedTimeFormat::LocalToUtc(int64_t local_seconds, int64_t* utc_seconds) const {
  if (zone_ == nullptr) {
    *utc_seconds = local_seconds - fixed_offset_s_;
    return true;
  }
  auto tz = static_cast<const date::time_zone*>(zone_);
  // Wall times in a DST gap or overlap take the earlier instant, as syslog-ng does.
  auto sys = tz->to_sys(date::local_seconds(std::chrono::seconds(local_seconds)), date::choose::earliest);
  *utc_seconds = sys.time_since_epoch().count();
  return true;
}

bool MappedTimeFormat::Parse(std::string_view text, int64_t* ms) const {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return false;
  switch (kind_) {
    case Kind::kEpochSeconds:
    case Kind::kEpochMillis:
    case Kind::kEpochFloat: {
      double v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return false;
      double scaled = kind_ == Kind::kEpochMillis ? v : v * 1000.0;
      if (std::fabs(scaled) > 9.0e15) return false;  // beyond year 285,000: not a time
      *ms = static_cast<int64_t>(std::llround(kind_ == Kind::kEpochMillis ? std::trunc(scaled) : scaled));
      return true;
    }
    case Kind::kPattern:
      break;
  }
  int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, frac_ms = 0, offset = 0;
  bool has_offset = false;
  size_t pos = 0;
  for (const Token& t : tokens_) {
    size_t width = static_cast<size_t>(t.literal);
    bool ok = true;
    switch (t.tok) {
      case Tok::kLiteral:
        ok = pos < text.size() && text[pos] == t.literal;
        if (ok) ++pos;
        break;
      case Tok::kYear:
        ok = ReadDigits(text, &pos, 4, 4, &year);
        break;
      case Tok::kMonth:
        ok = ReadDigits(text, &pos, width == 1 ? 1 : 2, 2, &month);
        break;
      case Tok::kDay:
        ok = ReadDigits(text, &pos, width == 1 ? 1 : 2, 2, &day);
        break;
      case Tok::kHour:
        ok = ReadDigits(text, &pos, width == 1 ? 1 : 2, 2, &hour);
        break;
      case Tok::kMinute:
        ok = ReadDigits(text, &pos, width == 1 ? 1 : 2, 2, &minute);
        break;
      case Tok::kSecond:
        ok = ReadDigits(text, &pos, width == 1 ? 1 : 2, 2, &second);
        break;
      case Tok::kFraction: {
        size_t start = pos;
        int64_t v = 0;
        ok = ReadDigits(text, &pos, 1, 9, &v);
        if (ok) {
          size_t digits = pos - start;
          for (; digits > 3; --digits) v /= 10;
          for (; digits < 3; ++digits) v *= 10;
          frac_ms = v;
        }
        break;
      }
      case Tok::kOffset:
        ok = ReadOffset(text, &pos, &offset);
        has_offset = ok;
        break;
    }
    if (!ok) return false;
  }
  if (pos != text.size()) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  date::year_month_day ymd{date::year(static_cast<int>(year)), date::month(static_cast<unsigned>(month)),
                           date::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return false;
  int64_t days = date::sys_days(ymd).time_since_epoch().count();
  int64_t local = days * 86400 + hour * 3600 + minute * 60 + second;
  int64_t utc = 0;
  if (has_offset) {
    utc = local - offset;
  } else if (!LocalToUtc(local, &utc)) {
    return false;
  }
  *ms = utc * 1000 + frac_ms;
  return true;
}

bool ParseMappedTime(std::string_view text, std::string_view format, std::string_view time_zone,
                     int64_t* ms) {
  MappedTimeFormat f;
  std::string error;
  return f.Compile(format, time_zone, &error) && f.Parse(text, ms);
}

}  // namespace recproc
