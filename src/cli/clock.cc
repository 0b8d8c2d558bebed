// The run's clock: --now read with the time engine's ISO 8601 parser.
#include "cli/clock.h"

#include <chrono>

#include "util/time_pattern.h"
#include "util/time_zone.h"

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
  if (ParseIso8601(text, TimeZone(), now_ms)) return Status::Ok();
  return Status::InvalidArgument("--now: cannot read '" + text +
                                 "'; expected ISO 8601 (2026-01-02T03:04:05Z) or epoch seconds");
}

}  // namespace recproc
