// Fuzz target: the cron expression parser, and the next/previous fire time
// search on whatever it accepts (bounded by its horizon, so never a hang).
#include <string_view>

#include "daemon/cron.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  recproc::CronExpr expr;
  if (!recproc::CronExpr::Parse(std::string_view(reinterpret_cast<const char*>(data), size), &expr).ok()) return 0;
  int64_t next = expr.NextAfter(1767225600000, nullptr);
  int64_t prev = expr.PrevAtOrBefore(1767225600000, nullptr);
  if (next != recproc::CronExpr::kNever && next <= 1767225600000) __builtin_trap();
  if (prev != recproc::CronExpr::kNever && prev > 1767225600000) __builtin_trap();
  return 0;
}
