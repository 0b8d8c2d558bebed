// ASCII white space, as the C locale's isspace() sees it (space, \t, \n,
// \v, \f, \r), inline and locale-free. One definition for the trimming that
// config values, list items, headers and mapping inputs need; a parser whose
// grammar names its own blank characters (key=value, CSV) keeps them.
#ifndef RECPROC_UTIL_ASCII_SPACE_H_
#define RECPROC_UTIL_ASCII_SPACE_H_

#include <string_view>

namespace recproc {

inline bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// s without leading and trailing ASCII white space (a view into s).
inline std::string_view TrimAsciiSpace(std::string_view s) {
  // Most texts have no blank at either end: two tests, no loop.
  if (s.empty() || (!IsAsciiSpace(s.front()) && !IsAsciiSpace(s.back()))) return s;
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace recproc

#endif  // RECPROC_UTIL_ASCII_SPACE_H_
