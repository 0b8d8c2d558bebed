// DaemonState: everything a daemon needs to resume in its next process, kept
// in one JSON file per daemon (reference/daemons.md §4, §5, §7): the cursor,
// the two-phase pending commit, dedup keys, runtime overrides, run marks for
// the schedule, statistics and a ring of recent runs. Plus the derived health.
//
// Secrets: the state holds only what the runner puts into these fields. The
// daemon's `params` (credentials, URLs with tokens) are never stored; a cursor
// must be the source's own position (an id, a timestamp, an ETag), not a
// request that embeds credentials.
//
// Thread-safety: a plain value; one daemon cycle owns it under the daemon's
// FileLock.
#ifndef RECPROC_DAEMON_STATE_H_
#define RECPROC_DAEMON_STATE_H_

#include <cstdint>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/schedule.h"
#include "recproc/status.h"

namespace recproc {

// Seen keys with the time they stand for (record time, or the time first
// seen). Bounded two ways, as XSOAR prunes its found ids: Prune() drops keys
// older than `keep`, then the oldest ones beyond `max_keys` (re-inserting a
// key refreshes it, so the eviction is least-recently-seen first).
//
// Keys are stored as the state file will hold them: bytes that are not valid
// UTF-8 (a list or log line in Latin-1) become U+FFFD, so a key looks the
// same before and after a reload and Contains() matches what Insert() saw.
class DedupSet {
 public:
  bool Contains(std::string_view key) const;
  // Inserts or refreshes (keeps the later time).
  void Insert(std::string_view key, int64_t time_ms);
  // Insert() for keys arriving in ascending order (the keys file): constant
  // time per key then, still correct otherwise.
  void InsertSorted(std::string key, int64_t time_ms);
  // REQUIRES: keep_ms >= 0 (0 = no age bound), max_keys >= 0 (0 = no count bound).
  void Prune(int64_t now_ms, int64_t keep_ms, size_t max_keys);
  void Clear() { keys_.clear(); }
  size_t size() const { return keys_.size(); }
  const std::map<std::string, int64_t, std::less<>>& keys() const { return keys_; }

 private:
  std::map<std::string, int64_t, std::less<>> keys_;  // ordered, so the file is deterministic
};

// Phase 1 of the commit (reference §7): written before the output is
// installed, cleared in phase 2 once the cursor has moved.
struct PendingCommit {
  std::string run_id;
  nlohmann::json new_cursor;  // the cursor to install in phase 2
  std::string tmp_path;       // dir sink: the fsynced batch temp file; empty otherwise
  std::string final_path;     // dir sink: where tmp_path is renamed to
  std::string append_path;    // file sink: the appended file; empty otherwise
  uint64_t append_offset_before = 0;
  uint64_t append_bytes = 0;
  std::string append_sha256;                                    // hex digest of the appended bytes
  std::vector<std::pair<std::string, int64_t>> new_dedup_keys;  // merged in phase 2
  // When the merged dedup set goes to the keys sidecar: the fsynced file
  // holding all of it (old + new, pruned), renamed to <name>.keys in phase 2;
  // new_dedup_keys is empty then. Empty otherwise.
  std::string new_keys_file;
  std::optional<int64_t> slot_ms;  // the schedule slot this run stands for, if scheduled
};

// One entry of the run history ring.
struct RunRecord {
  std::string run_id;
  std::string trigger = "schedule";  // schedule | manual | reset
  int64_t started_ms = 0;
  int64_t finished_ms = 0;
  std::string outcome;  // ok | partial | error | timeout | skipped-busy | reset
  int64_t items_in = 0;
  int64_t dup = 0;
  int64_t filtered = 0;
  int64_t out = 0;
  int64_t pages = 0;
  int64_t missed_slots = 0;
  nlohmann::json cursor_before;
  nlohmann::json cursor_after;
  std::string error;  // empty when none
};

struct DaemonStats {
  int64_t runs_total = 0;  // ok + partial + error + timeout (not skipped-busy, not reset)
  int64_t runs_ok = 0;     // ok + partial
  int64_t runs_failed = 0;
  int64_t consecutive_failures = 0;
  int64_t items_in_total = 0;
  int64_t items_out_total = 0;  // records emitted
  std::optional<int64_t> last_success_ms;
  std::optional<int64_t> last_error_ms;
  std::string last_error;
  // Successful runs in a row whose source returned items but whose cursor did
  // not move (the elastic/integrations#11475 failure); reset when it moves.
  int64_t cursor_unchanged_runs = 0;
};

// Runtime overrides (`daemon enable|disable|reschedule`), stored as text so
// the file stays readable; at most one of every/cron is set.
struct StateOverrides {
  std::optional<bool> enabled;
  std::optional<std::string> every;
  std::optional<std::string> cron;

  // Parses the stored schedule override into the schedule's form.
  Status ToScheduleOverride(ScheduleOverride* out) const;
};

class DaemonState {
 public:
  static constexpr int kSchemaVersion = 1;
  static constexpr size_t kHistorySize = 50;
  // More dedup keys than this live in the `<name>.keys` sidecar
  // (dedup_keys_file.h) instead of the state file.
  static constexpr size_t kInlineDedupMax = 1000;

  std::string daemon;       // must match the daemon's name on load
  std::string config_hash;  // "sha256:<hex>" of the normalised YAML; set by the runner
  nlohmann::json cursor;    // opaque; null = start from the YAML's cursor.initial
  std::optional<PendingCommit> pending;
  RunMarks marks;
  DedupSet dedup;
  // "<name>.keys" when `dedup` is kept in that sidecar beside the state file
  // (LoadState reads it, the cycle writes it); empty when the keys are inline.
  std::string dedup_file;
  int64_t dedup_keep_ms = 0;  // the YAML's dedup.keep, shown in the file; 0 = none
  StateOverrides overrides;
  DaemonStats stats;
  std::deque<RunRecord> history;  // oldest first, at most kHistorySize
  // The key count the state file gave for the sidecar (LoadState checks the
  // sidecar against it); not written: Serialize() uses dedup.size().
  int64_t dedup_file_count = 0;

  // Appends `run` to the ring and updates stats (see DaemonStats for what
  // counts); sets marks.last_started_ms for real runs. Does not touch
  // marks.last_slot_ms: only scheduled runs move it, the caller knows which.
  void RecordRun(const RunRecord& run);

  // `daemon reset`: cursor back to `initial` (null = the YAML's), pending
  // dropped, dedup cleared unless keep_dedup, a "reset" history entry. Stats,
  // overrides and marks are kept.
  void Reset(const nlohmann::json& initial, bool keep_dedup, int64_t now_ms);

  // The file text: stable key order, times as RFC 3339 UTC with milliseconds.
  std::string Serialize() const;
  // Parses a file's text. `path` is used in messages only. Unknown keys, wrong
  // types, another daemon's name and a newer schema are kCorruption errors.
  static Status Parse(std::string_view text, const std::string& path, std::string_view expected_daemon,
                      DaemonState* out);
};

// Reads the state of `daemon` from `path`, and its dedup keys sidecar when the
// state names one (same directory). A missing file gives a fresh state
// (daemon set, everything else empty) and OK; a corrupt one an error naming
// the path and the problem. It is never reset silently: the operator decides
// (`daemon reset` or fixing the file). A sidecar whose key count differs from
// the state's is corrupt, unless a pending commit explains it (a crash
// between installing a new keys file and the state naming it).
Status LoadState(const std::string& path, std::string_view daemon, DaemonState* out);
// Writes the state atomically (temp + fsync + rename + dir fsync), mode 0600.
// The sidecar is written by the cycle, not here; but when the state keeps its
// keys inline (dedup_file empty) a `<daemon>.keys` left beside it is removed
// after the write, so `daemon reset` and a set that shrank leave no stale file.
Status SaveState(const std::string& path, const DaemonState& state);
// "<name>.keys"
std::string DedupKeysFileName(std::string_view daemon);

// Health, first match wins:
//  DISABLED   the effective enabled (override, else YAML) is false;
//  NEVER_RUN  no run has been recorded (runs_total == 0);
//  FAILING    consecutive_failures >= failing_after (default 3);
//  STUCK      cursor_unchanged_runs >= stuck_after (default 5): the source
//             kept returning data but the cursor did not move;
//  LATE       the first due time d after the last success (or, without any
//             success, after the last start) lies more than one period plus
//             the timeout before now: now > d + period(d) + timeout. For
//             `every: P` that is "no success within 2*P + timeout";
//  OK         otherwise.
enum class Health { kOk, kLate, kFailing, kStuck, kDisabled, kNeverRun };
const char* HealthName(Health h);  // "OK", "LATE", ...

struct HealthThresholds {
  int64_t failing_after = 3;
  int64_t stuck_after = 5;
};

struct HealthReport {
  Health health = Health::kOk;
  std::string reason;  // one sentence for `daemon status`
};

HealthReport ComputeHealth(const DaemonState& state, const Schedule& schedule, int64_t now_ms,
                           const HealthThresholds& thresholds = {});

// RFC 3339 UTC with milliseconds ("2026-11-22T12:15:00.000Z") and back.
std::string FormatTimeMs(int64_t ms);
bool ParseTimeMs(std::string_view text, int64_t* ms);

}  // namespace recproc

#endif  // RECPROC_DAEMON_STATE_H_
