// Jitter spreads daemons that share a schedule ("0 * * * *" on fifty feeds)
// over a bounded window without any randomness: the same name always maps to
// the same offset, so a daemon's due times are reproducible with --now.
// FNV-1a is used because it is tiny and fully specified; std::hash is not
// guaranteed to be stable across library versions.
#include "daemon/jitter.h"

namespace recproc {

uint64_t StableNameHash(std::string_view name) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : name) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

int64_t JitterOffsetMs(std::string_view name, int64_t bound_ms) {
  int64_t seconds = bound_ms / 1000;
  if (seconds <= 0) return 0;
  return static_cast<int64_t>(StableNameHash(name) % static_cast<uint64_t>(seconds)) * 1000;
}

}  // namespace recproc
