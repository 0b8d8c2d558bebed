// Expiry times of list items and indicators: ISO 8601 text to epoch
// milliseconds and back. Lists arrive with every variant in use: the
// "2020-08-17 01:18:00" of list CSV imports, "2020-08-17T01:18:00" of the
// list API and RFC 3339 with a zone from indicator feeds.
#ifndef RECPROC_LISTS_EXPIRY_TIME_H_
#define RECPROC_LISTS_EXPIRY_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace recproc {

// Accepted (surrounding whitespace ignored):
//   YYYY-MM-DD
//   YYYY-MM-DD('T'|'t'|' ')HH:MM[:SS[(.|,)fraction]][zone]
//   zone = 'Z' | 'z' | ('+'|'-')HH[[:]MM]
// No zone means UTC. Fraction digits past milliseconds are truncated. A date
// or time out of range (Feb 30, hour 24, leap second) is rejected. Returns
// false and leaves *ms untouched on anything else.
bool ParseExpiryTime(std::string_view text, int64_t* ms);

// "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC) appended to *out.
void FormatExpiryTime(int64_t ms, std::string* out);

}  // namespace recproc

#endif  // RECPROC_LISTS_EXPIRY_TIME_H_
