// Expiry time parsing: a hand-written ISO 8601 scanner (a profile of
// ISO 8601 / RFC 3339 §5.6 that also takes a space separator and a zone
// without a colon), so list loading does not depend on the record time
// engine's pattern machinery. Grammar in expiry_time.h.
#include "lists/expiry_time.h"

#include <cstdio>

#include "util/ascii_space.h"
#include "util/civil_time.h"

namespace recproc {
namespace {

// Reads exactly n digits at text[*pos].
bool Digits(std::string_view text, size_t* pos, int n, int* out) {
  if (*pos + n > text.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

// Parses the zone suffix at text[*pos..] into an offset east of UTC.
bool Zone(std::string_view text, size_t* pos, int* offset_minutes) {
  *offset_minutes = 0;
  if (*pos == text.size()) return true;
  char c = text[*pos];
  if (c == 'Z' || c == 'z') {
    ++*pos;
    return true;
  }
  if (c != '+' && c != '-') return false;
  ++*pos;
  int hh = 0, mm = 0;
  if (!Digits(text, pos, 2, &hh)) return false;
  if (*pos < text.size()) {
    if (text[*pos] == ':') ++*pos;
    if (!Digits(text, pos, 2, &mm)) return false;
  }
  if (hh > 23 || mm > 59) return false;
  *offset_minutes = (c == '-' ? -1 : 1) * (hh * 60 + mm);
  return true;
}

}  // namespace

bool ParseExpiryTime(std::string_view text, int64_t* ms) {
  text = TrimAsciiSpace(text);
  CivilTime t;
  size_t pos = 0;
  if (!Digits(text, &pos, 4, &t.year) || !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &t.month) ||
      !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &t.day))
    return false;
  int offset_minutes = 0;
  if (pos < text.size()) {
    char sep = text[pos++];
    if (sep != 'T' && sep != 't' && sep != ' ') return false;
    if (!Digits(text, &pos, 2, &t.hour) || !Expect(text, &pos, ':') || !Digits(text, &pos, 2, &t.minute))
      return false;
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!Digits(text, &pos, 2, &t.second)) return false;
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        size_t start = pos;
        int64_t scale = 100000000;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
          t.nanos += static_cast<int>((text[pos] - '0') * scale);
          scale /= 10;
          ++pos;
        }
        if (pos == start) return false;
      }
    }
    if (!Zone(text, &pos, &offset_minutes)) return false;
  }
  if (pos != text.size() || !IsValidCivil(t)) return false;
  *ms = CivilToLocalMs(t) - static_cast<int64_t>(offset_minutes) * 60000;
  return true;
}

void FormatExpiryTime(int64_t ms, std::string* out) {
  int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  int64_t rem = ms - days * 86400000;
  // Civil-from-days (proleptic Gregorian, era-based).
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
                        static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                        static_cast<long long>(rem / 3600000), static_cast<long long>(rem / 60000 % 60),
                        static_cast<long long>(rem / 1000 % 60), static_cast<long long>(rem % 1000));
  out->append(buf, n);
}

}  // namespace recproc
