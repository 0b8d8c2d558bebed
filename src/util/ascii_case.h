// ASCII case folding for names. Only A–Z are folded: non-ASCII bytes (UTF-8
// sequences) pass through unchanged, which is what SIEMs do for usernames
// and hostnames, keeps the operation byte-length-preserving (so it never
// allocates more than the input) and never splits or corrupts a UTF-8
// sequence. `Ä` therefore stays `Ä` while `BOB` becomes `bob`.
#ifndef RECPROC_UTIL_ASCII_CASE_H_
#define RECPROC_UTIL_ASCII_CASE_H_

#include <cstring>
#include <string_view>

#include "util/arena.h"

namespace recproc {

inline char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool HasUpperAscii(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

inline bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ToLowerAscii(a[i]) != ToLowerAscii(b[i])) return false;
  return true;
}

// Writes the lowercase of s to dst (which holds at least s.size() bytes).
inline void LowercaseAsciiTo(std::string_view s, char* dst) {
  for (size_t i = 0; i < s.size(); ++i) dst[i] = ToLowerAscii(s[i]);
}

// s itself when it has no uppercase letter, else a lowercased copy in the
// arena (valid until the arena's Reset()).
inline std::string_view LowercaseAscii(std::string_view s, Arena* arena) {
  if (!HasUpperAscii(s)) return s;
  char* p = arena->Allocate(s.size());
  LowercaseAsciiTo(s, p);
  return std::string_view(p, s.size());
}

}  // namespace recproc

#endif  // RECPROC_UTIL_ASCII_CASE_H_
