// The run's clock: --now (ISO 8601 or epoch seconds/milliseconds) or the
// wall clock, read once at start so a whole run sees one "now". A time
// without a zone is UTC.
#ifndef RECPROC_CLI_CLOCK_H_
#define RECPROC_CLI_CLOCK_H_

#include <cstdint>
#include <string>

#include "recproc/status.h"

namespace recproc {

// Parses --now. Accepts "2026-01-02T03:04:05Z", with ".sss" and "+hh:mm"
// offsets, a date alone ("2026-01-02" = midnight UTC), or digits (seconds
// since the epoch; 13 digits or more: milliseconds). Empty: the wall clock.
Status ResolveNow(const std::string& text, int64_t* now_ms);

}  // namespace recproc

#endif  // RECPROC_CLI_CLOCK_H_
