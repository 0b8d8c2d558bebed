// TimePattern: Java/Joda DateTimeFormatter patterns compiled to a flat list
// of elements, then matched left to right against the text with no
// backtracking and no allocation. The accepted letters and the lenient
// choices are documented on the class in time_pattern.h; the zone
// abbreviation table below is the one place that gives abbreviations a
// meaning (abbreviations are ambiguous world-wide, so each entry is the
// reading a US/EU log most likely means).
#include "util/time_pattern.h"

#include <string>

namespace recproc {
namespace {

constexpr std::string_view kMonthNames[12] = {"january",   "february", "march",    "april",
                                              "may",       "june",     "july",     "august",
                                              "september", "october",  "november", "december"};
constexpr std::string_view kDayNames[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};

struct ZoneAbbreviation {
  std::string_view name;
  int offset_minutes;
};
// Fixed offsets for zone abbreviations. CST = US Central (not China), IST =
// India, BST = British Summer Time.
constexpr ZoneAbbreviation kZoneAbbreviations[] = {
    {"UTC", 0},    {"GMT", 0},    {"UT", 0},      {"Z", 0},       {"WET", 0},    {"WEST", 60},  {"BST", 60},
    {"IST", 330},  {"CET", 60},   {"CEST", 120},  {"MET", 60},    {"MEST", 120}, {"EET", 120},  {"EEST", 180},
    {"MSK", 180},  {"EST", -300}, {"EDT", -240},  {"CST", -360},  {"CDT", -300}, {"MST", -420}, {"MDT", -360},
    {"PST", -480}, {"PDT", -420}, {"AKST", -540}, {"AKDT", -480}, {"HST", -600}, {"AST", -240}, {"ADT", -180},
    {"NST", -210}, {"NDT", -150}, {"JST", 540},   {"KST", 540},   {"HKT", 480},  {"SGT", 480},  {"AWST", 480},
    {"ACST", 570}, {"ACDT", 630}, {"AEST", 600},  {"AEDT", 660},  {"NZST", 720}, {"NZDT", 780},
};

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool StartsWithIgnoreCase(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i)
    if (Lower(text[i]) != lower_prefix[i]) return false;
  return true;
}

// Reads min..max digits at *pos; advances *pos.
bool ReadNumber(std::string_view text, size_t* pos, int min, int max, int64_t* value) {
  int64_t v = 0;
  int n = 0;
  size_t i = *pos;
  while (n < max && i < text.size() && IsDigit(text[i])) {
    v = v * 10 + (text[i++] - '0');
    ++n;
  }
  if (n < min) return false;
  *pos = i;
  *value = v;
  return true;
}

// Matches a full name or its three-letter abbreviation; returns the index.
template <size_t N>
int ReadName(std::string_view text, size_t* pos, const std::string_view (&names)[N]) {
  std::string_view rest = text.substr(*pos);
  for (size_t i = 0; i < N; ++i) {
    if (StartsWithIgnoreCase(rest, names[i])) {
      *pos += names[i].size();
      return static_cast<int>(i);
    }
  }
  for (size_t i = 0; i < N; ++i) {
    if (StartsWithIgnoreCase(rest, names[i].substr(0, 3))) {
      *pos += 3;
      return static_cast<int>(i);
    }
  }
  return -1;
}

size_t ZoneIdLength(std::string_view text) {
  size_t n = 0;
  while (n < text.size() && (IsAlpha(text[n]) || IsDigit(text[n]) || text[n] == '/' || text[n] == '_' ||
                             text[n] == '-' || text[n] == '+'))
    ++n;
  return n;
}

}  // namespace

struct TimePattern::State {
  CivilTime t;
  int hour12 = -1;
  int pm = -1;  // -1: no a, 0: AM, 1: PM
  bool has_offset = false;
  int offset_s = 0;
  bool has_zone = false;
  TimeZone zone;
};

Status TimePattern::Compile(std::string_view pattern, TimePattern* out) {
  TimePattern p;
  p.pattern_ = std::string(pattern);
  if (pattern == "epoch" || pattern == "epoch_float" || pattern == "X1") {
    p.epoch_ = Epoch::kSeconds;
    p.has_year_ = true;
    *out = std::move(p);
    return Status::Ok();
  }
  if (pattern == "epoch_ms" || pattern == "X1000") {
    p.epoch_ = Epoch::kMillis;
  } else if (pattern == "epoch_us" || pattern == "X1000000") {
    p.epoch_ = Epoch::kMicros;
  } else if (pattern == "epoch_ns" || pattern == "X1000000000") {
    p.epoch_ = Epoch::kNanos;
  } else if (pattern == "epoch_auto") {
    p.epoch_ = Epoch::kAuto;
  }
  if (p.epoch_ != Epoch::kNone) {
    p.has_year_ = true;
    *out = std::move(p);
    return Status::Ok();
  }
  if (pattern.empty()) return Status::InvalidArgument("empty time pattern");
  auto add_literal = [&p](std::string_view lit) {
    if (!p.elements_.empty() && p.elements_.back().kind == Kind::kLiteral) {
      p.elements_.back().lit_len += static_cast<uint16_t>(lit.size());
    } else {
      Element e{Kind::kLiteral};
      e.lit_begin = static_cast<uint16_t>(p.literals_.size());
      e.lit_len = static_cast<uint16_t>(lit.size());
      p.elements_.push_back(e);
    }
    p.literals_.append(lit);
  };
  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        add_literal("'");
        i += 2;
        continue;
      }
      size_t j = i + 1;
      std::string lit;
      for (;;) {
        if (j >= pattern.size())
          return Status::InvalidArgument("unterminated quote at position " + std::to_string(i + 1) +
                                         " in time pattern '" + std::string(pattern) + "'");
        if (pattern[j] == '\'') {
          if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
            lit.push_back('\'');
            j += 2;
            continue;
          }
          break;
        }
        lit.push_back(pattern[j++]);
      }
      if (!lit.empty()) add_literal(lit);
      i = j + 1;
      continue;
    }
    if (!IsAlpha(c)) {
      add_literal(pattern.substr(i, 1));
      ++i;
      continue;
    }
    size_t n = 1;
    while (i + n < pattern.size() && pattern[i + n] == c) ++n;
    Element e{Kind::kLiteral};
    e.count = static_cast<uint8_t>(n > 255 ? 255 : n);
    switch (c) {
      case 'y':
      case 'Y':
      case 'u':
        e.kind = n == 2 ? Kind::kYear2 : Kind::kYear;
        p.has_year_ = true;
        break;
      case 'M':
      case 'L':
        e.kind = n >= 3 ? Kind::kMonthName : Kind::kMonth;
        break;
      case 'd':
        e.kind = Kind::kDay;
        break;
      case 'H':
        e.kind = Kind::kHour24;
        break;
      case 'h':
        e.kind = Kind::kHour12;
        break;
      case 'a':
        e.kind = Kind::kAmPm;
        break;
      case 'm':
        e.kind = Kind::kMinute;
        break;
      case 's':
        e.kind = Kind::kSecond;
        break;
      case 'S':
        if (n > 9)
          return Status::InvalidArgument("more than 9 'S' in time pattern '" + std::string(pattern) + "'");
        e.kind = Kind::kFraction;
        break;
      case 'E':
        e.kind = Kind::kDayName;
        break;
      case 'Z':
        e.kind = n == 3 ? Kind::kOffsetOrId : Kind::kOffset;
        break;
      case 'X':
      case 'x':
        e.kind = Kind::kOffset;
        break;
      case 'z':
        e.kind = Kind::kZoneName;
        break;
      case 'V':
        e.kind = Kind::kZoneId;
        break;
      default:
        return Status::InvalidArgument("unsupported letter '" + std::string(1, c) + "' at position " +
                                       std::to_string(i + 1) + " in time pattern '" + std::string(pattern) +
                                       "' (quote literal text: 'T')");
    }
    p.elements_.push_back(e);
    i += n;
  }
  for (size_t k = 0; k + 1 < p.elements_.size(); ++k) {
    if (IsNumeric(p.elements_[k].kind) && IsNumeric(p.elements_[k + 1].kind)) {
      p.elements_[k].fixed = true;
      p.elements_[k + 1].fixed = true;
    }
  }
  *out = std::move(p);
  return Status::Ok();
}

bool TimePattern::IsNumeric(Kind k) {
  switch (k) {
    case Kind::kYear:
    case Kind::kYear2:
    case Kind::kMonth:
    case Kind::kDay:
    case Kind::kHour24:
    case Kind::kHour12:
    case Kind::kMinute:
    case Kind::kSecond:
    case Kind::kFraction:
      return true;
    default:
      return false;
  }
}

bool TimePattern::ParseElement(const Element& e, std::string_view text, size_t* pos, State* st) const {
  const int width = e.count < 2 ? 2 : e.count;
  const int min_digits = e.fixed ? width : 1;
  const int max_digits = e.fixed ? width : 2;
  int64_t v = 0;
  switch (e.kind) {
    case Kind::kLiteral: {
      std::string_view lit(literals_.data() + e.lit_begin, e.lit_len);
      for (char c : lit) {
        if (*pos >= text.size() || text[*pos] != c) return false;
        ++*pos;
        if (c == ' ')
          while (*pos < text.size() && text[*pos] == ' ') ++*pos;
      }
      return true;
    }
    case Kind::kYear:
      if (!ReadNumber(text, pos, e.count == 1 && !e.fixed ? 1 : 4, 4, &v)) return false;
      st->t.year = static_cast<int>(v);
      return true;
    case Kind::kYear2:
      if (!ReadNumber(text, pos, 2, 2, &v)) return false;
      st->t.year = static_cast<int>(v < 70 ? 2000 + v : 1900 + v);
      return true;
    case Kind::kMonth:
      if (!ReadNumber(text, pos, min_digits, max_digits, &v)) return false;
      st->t.month = static_cast<int>(v);
      return true;
    case Kind::kMonthName: {
      int m = ReadName(text, pos, kMonthNames);
      if (m < 0) return false;
      st->t.month = m + 1;
      return true;
    }
    case Kind::kDay:
      if (!ReadNumber(text, pos, min_digits, max_digits, &v)) return false;
      st->t.day = static_cast<int>(v);
      return true;
    case Kind::kHour24:
      if (!ReadNumber(text, pos, min_digits, max_digits, &v)) return false;
      st->t.hour = static_cast<int>(v);
      return true;
    case Kind::kHour12:
      if (!ReadNumber(text, pos, min_digits, max_digits, &v) || v < 1 || v > 12) return false;
      st->hour12 = static_cast<int>(v);
      return true;
    case Kind::kAmPm:
      if (StartsWithIgnoreCase(text.substr(*pos), "am")) {
        st->pm = 0;
      } else if (StartsWithIgnoreCase(text.substr(*pos), "pm")) {
        st->pm = 1;
      } else {
        return false;
      }
      *pos += 2;
      return true;
    case Kind::kMinute:
      if (!ReadNumber(text, pos, min_digits, max_digits, &v)) return false;
      st->t.minute = static_cast<int>(v);
      return true;
    case Kind::kSecond:
      if (!ReadNumber(text, pos, min_digits, max_digits, &v)) return false;
      st->t.second = static_cast<int>(v);
      return true;
    case Kind::kFraction: {
      const size_t start = *pos;
      if (!ReadNumber(text, pos, e.fixed ? e.count : 1, e.fixed ? e.count : 9, &v)) return false;
      for (size_t n = *pos - start; n < 9; ++n) v *= 10;
      st->t.nanos = static_cast<int>(v);
      return true;
    }
    case Kind::kDayName:
      return ReadName(text, pos, kDayNames) >= 0;
    case Kind::kOffset:
    case Kind::kOffsetOrId:
    case Kind::kZoneName:
    case Kind::kZoneId: {
      std::string_view rest = text.substr(*pos);
      int seconds = 0;
      size_t used = 0;
      if (e.kind != Kind::kZoneId && ParseUtcOffset(rest, &seconds, &used) &&
          (used == rest.size() || !IsAlpha(rest[used]))) {
        st->has_offset = true;
        st->offset_s = seconds;
        *pos += used;
        return true;
      }
      if (e.kind == Kind::kOffset) return false;
      const size_t len = ZoneIdLength(rest);
      if (len == 0) return false;
      const std::string_view id = rest.substr(0, len);
      if (e.kind == Kind::kZoneName && LookupZoneAbbreviation(id, &st->offset_s)) {
        st->has_offset = true;
        *pos += len;
        return true;
      }
      if (!TimeZone::Lookup(id, &st->zone).ok()) return false;
      st->has_zone = true;
      *pos += len;
      return true;
    }
  }
  return false;
}

namespace {

// Latest instant an epoch form accepts: 9999-12-31T23:59:59.999Z. A larger
// value is a unit mistake (ns read as us, ...), not a time.
constexpr int64_t kMaxEpochMs = 253402300799999;

// An epoch value as written: [sign] digits [. digits], spaces around.
struct EpochText {
  bool negative = false;
  uint64_t whole = 0;
  int64_t frac_ms = 0;  // first three fraction digits, truncated
};

bool ReadEpochText(std::string_view text, EpochText* out) {
  size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) out->negative = text[i++] == '-';
  const size_t start = i;
  // 19 digits always fit in uint64_t; more is out of range for every unit.
  while (i < text.size() && IsDigit(text[i])) {
    if (i - start == 19) return false;
    out->whole = out->whole * 10 + static_cast<uint64_t>(text[i++] - '0');
  }
  if (i == start) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    int digits = 0;
    while (i < text.size() && IsDigit(text[i])) {
      if (digits < 3) out->frac_ms = out->frac_ms * 10 + (text[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return false;
    for (; digits < 3; ++digits) out->frac_ms *= 10;
  }
  while (i < text.size() && text[i] == ' ') ++i;
  return i == text.size();
}

}  // namespace

// The unit epoch_auto reads an integer in, from its magnitude: below 1e11
// seconds (up to year 5138), below 1e14 milliseconds, below 1e17
// microseconds, else nanoseconds. So a 10-digit value is s, 13 digits ms,
// 16 digits us and 19 digits ns, for any date from 1973 to 5138; ms values
// before 1973-03-03 would be read as seconds.
TimePattern::Epoch TimePattern::EpochUnitOf(uint64_t value) {
  if (value < 100000000000ULL) return Epoch::kSeconds;
  if (value < 100000000000000ULL) return Epoch::kMillis;
  if (value < 100000000000000000ULL) return Epoch::kMicros;
  return Epoch::kNanos;
}

bool TimePattern::ParseEpoch(std::string_view text, int64_t* ms) const {
  EpochText e;
  if (!ReadEpochText(text, &e)) return false;
  Epoch unit = epoch_;
  if (unit == Epoch::kAuto) unit = EpochUnitOf(e.whole);
  int64_t v = 0;
  switch (unit) {
    case Epoch::kSeconds:
      if (e.whole >= 1000000000000000ULL) return false;  // 15 digits at most, as before
      v = static_cast<int64_t>(e.whole) * 1000 + e.frac_ms;
      break;
    case Epoch::kMillis:
      // The sub-millisecond fraction is dropped.
      if (e.whole >= 1000000000000000000ULL) return false;
      v = static_cast<int64_t>(e.whole);
      break;
    case Epoch::kMicros:
      v = static_cast<int64_t>(e.whole / 1000);
      break;
    case Epoch::kNanos:
      v = static_cast<int64_t>(e.whole / 1000000);
      break;
    case Epoch::kNone:
    case Epoch::kAuto:
      return false;
  }
  // The sub-second forms came with the range checks; the original s/ms forms
  // keep reading pre-1970 values as they always did.
  const bool checked = epoch_ == Epoch::kMicros || epoch_ == Epoch::kNanos || epoch_ == Epoch::kAuto;
  if (checked && (e.negative || v > kMaxEpochMs)) return false;
  *ms = e.negative ? -v : v;
  return true;
}

namespace {

bool OnlySpaces(std::string_view text, size_t pos) {
  for (; pos < text.size(); ++pos)
    if (text[pos] != ' ' && text[pos] != '\t') return false;
  return true;
}

}  // namespace

bool LookupZoneAbbreviation(std::string_view abbreviation, int* offset_seconds) {
  for (const ZoneAbbreviation& z : kZoneAbbreviations) {
    if (z.name == abbreviation) {
      *offset_seconds = z.offset_minutes * 60;
      return true;
    }
  }
  return false;
}

bool TimePattern::Parse(std::string_view text, const TimeZone& default_zone, int64_t* ms_out,
                        bool* zone_parsed) const {
  if (epoch_ != Epoch::kNone) {
    if (!ParseEpoch(text, ms_out)) return false;
    *zone_parsed = true;
    return true;
  }
  if (elements_.empty()) return false;
  State st;
  size_t pos = 0;
  for (const Element& e : elements_)
    if (!ParseElement(e, text, &pos, &st)) return false;
  if (!OnlySpaces(text, pos)) return false;
  if (st.hour12 >= 0) {
    st.t.hour = st.hour12 % 12 + (st.pm == 1 ? 12 : 0);
  }
  if (!IsValidCivil(st.t)) return false;
  if (st.has_offset) {
    *ms_out = CivilToLocalMs(st.t) - int64_t{st.offset_s} * 1000;
  } else if (st.has_zone) {
    *ms_out = st.zone.LocalToUtcMs(st.t);
  } else {
    *ms_out = default_zone.LocalToUtcMs(st.t);
  }
  *zone_parsed = st.has_offset || st.has_zone;
  return true;
}

bool ParseIso8601(std::string_view text, const TimeZone& default_zone, int64_t* ms, bool* zone_parsed) {
  CivilTime t;
  size_t i = 0;
  int64_t v = 0;
  auto expect = [&](char c) {
    if (i < text.size() && text[i] == c) {
      ++i;
      return true;
    }
    return false;
  };
  if (!ReadNumber(text, &i, 4, 4, &v)) return false;
  t.year = static_cast<int>(v);
  if (!expect('-') || !ReadNumber(text, &i, 2, 2, &v)) return false;
  t.month = static_cast<int>(v);
  if (!expect('-') || !ReadNumber(text, &i, 2, 2, &v)) return false;
  t.day = static_cast<int>(v);
  bool has_zone = false;
  int offset_s = 0;
  if (i < text.size() && (text[i] == 'T' || text[i] == 't' || text[i] == ' ') && i + 1 < text.size() &&
      IsDigit(text[i + 1])) {
    ++i;
    if (!ReadNumber(text, &i, 2, 2, &v)) return false;
    t.hour = static_cast<int>(v);
    if (!expect(':') || !ReadNumber(text, &i, 2, 2, &v)) return false;
    t.minute = static_cast<int>(v);
    if (expect(':')) {
      if (!ReadNumber(text, &i, 2, 2, &v)) return false;
      t.second = static_cast<int>(v);
      if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
        ++i;
        const size_t start = i;
        if (!ReadNumber(text, &i, 1, 9, &v)) return false;
        for (size_t n = i - start; n < 9; ++n) v *= 10;
        t.nanos = static_cast<int>(v);
        while (i < text.size() && IsDigit(text[i])) ++i;  // beyond ns: ignored
      }
    }
    size_t z = i;
    while (z < text.size() && text[z] == ' ') ++z;
    std::string_view rest = text.substr(z);
    size_t used = 0;
    if (ParseUtcOffset(rest, &offset_s, &used)) {
      has_zone = true;
      i = z + used;
    } else if (StartsWithIgnoreCase(rest, "utc") || StartsWithIgnoreCase(rest, "gmt")) {
      has_zone = true;
      i = z + 3;
      if (ParseUtcOffset(text.substr(i), &offset_s, &used) && text[i] != 'Z' && text[i] != 'z') i += used;
    }
  }
  if (!OnlySpaces(text, i)) return false;
  if (!IsValidCivil(t)) return false;
  *ms = has_zone ? CivilToLocalMs(t) - int64_t{offset_s} * 1000 : default_zone.LocalToUtcMs(t);
  if (zone_parsed) *zone_parsed = has_zone;
  return true;
}

}  // namespace recproc
