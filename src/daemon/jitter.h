// Deterministic per-daemon jitter: like systemd's RandomizedDelaySec with
// FixedRandomDelay=true, but derived from the daemon name alone, so every host
// and every run agrees on it and tests can predict it.
#ifndef RECPROC_DAEMON_JITTER_H_
#define RECPROC_DAEMON_JITTER_H_

#include <cstdint>
#include <string_view>

namespace recproc {

// 64-bit FNV-1a of `name`: stable across platforms, builds and releases.
uint64_t StableNameHash(std::string_view name);

// The offset in [0, bound_ms) for daemon `name`, whole seconds so that a
// shown due time stays readable; 0 when bound_ms < 1000.
int64_t JitterOffsetMs(std::string_view name, int64_t bound_ms);

}  // namespace recproc

#endif  // RECPROC_DAEMON_JITTER_H_
