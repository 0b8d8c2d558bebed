// The run's clock, parsed with Howard Hinnant's date library.
#include "cli/clock.h"

#include <date/date.h>

#include <chrono>
#include <sstream>

namespace recproc {

Status ResolveNow(const std::string& text, int64_t* now_ms) {
  using namespace std::chrono;
  if (text.empty()) {
    *now_ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    return Status::Ok();
  }
  if (text.find_first_not_of("0123456789") == std::string::npos && text.size() < 19) {
    int64_t v = std::stoll(text);
    *now_ms = text.size() >= 13 ? v : v * 1000;
    return Status::Ok();
  }
  for (const char* fmt : {"%FT%T%Ez", "%FT%TZ", "%FT%T", "%F %T%Ez", "%F %TZ", "%F %T", "%F"}) {
    std::istringstream in(text);
    date::sys_time<milliseconds> tp;
    in >> date::parse(fmt, tp);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) {
      *now_ms = tp.time_since_epoch().count();
      return Status::Ok();
    }
  }
  return Status::InvalidArgument("--now: cannot read '" + text +
                                 "'; expected ISO 8601 (2026-01-02T03:04:05Z) or epoch seconds");
}

}  // namespace recproc
