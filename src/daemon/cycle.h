// One daemon cycle (`recproc daemon run`), reference/daemons.md §7:
//
//   1. lock <name>.lock (overlap skip|wait); load state; recover a pending commit
//   2. due? (unless forced); fetch the window from the DaemonSource
//   3. map items to records; drop dedup hits; apply the rules (side effects run
//      here, each journalled in <name>.effects so a repeat after a crash skips it)
//   4. write the batch durably beside its final place (dir sink: fsynced temp
//      file); past 1000 dedup keys also the merged set to a keys temp file
//   5. phase 1: state.pending = {run_id, new cursor, paths, new dedup keys or
//      the keys temp file}
//   6. install the batch (rename; or append for a file sink); fsync the directory
//   7. phase 2: rename the keys temp file to <name>.keys; state.cursor = new
//      cursor, dedup merged, pending = null, stats; remove <name>.effects
//
// The cursor never moves on an error or timeout. A crash between any two
// steps is recovered at the next cycle's step 1: nothing is lost and no batch
// file is installed twice. For tests only, RECPROC_TEST_CRASH_AT=<step>
// _exit()s the process (status 99) at one of: fetched, before_phase1,
// after_phase1, after_install, after_keys_install (only with a keys
// sidecar), after_phase2.
#ifndef RECPROC_DAEMON_CYCLE_H_
#define RECPROC_DAEMON_CYCLE_H_

#include <cstdint>
#include <sys/types.h>

#include <cstdio>
#include <string>

#include "daemon/daemon_definition.h"
#include "daemon/state.h"

namespace recproc {

struct CycleOptions {
  int64_t now_ms = 0;     // the cycle's clock (--now, else the wall clock)
  bool force = false;     // manual start: ignore due-ness and `enabled`
  bool dry_run = false;   // fetch, map and print records; commit and write nothing
  std::string state_dir;  // REQUIRES: non-empty; created (0700) when missing
  std::FILE* out = stdout;  // stdout sink and --dry-run output
};

struct CycleResult {
  enum class Outcome { kNotDue, kDisabled, kOk, kPartial, kError, kTimeout, kBusy };
  Outcome outcome = Outcome::kNotDue;
  std::string message;  // why not due, the error, or a summary; secrets scrubbed
  RunRecord run;        // set for kOk/kPartial/kError/kTimeout
  std::vector<std::string> warnings;
};
const char* CycleOutcomeName(CycleResult::Outcome outcome);

// Paths of a daemon's files in `state_dir`.
std::string StatePath(const std::string& state_dir, const std::string& name);
std::string LockPath(const std::string& state_dir, const std::string& name);
std::string EffectsPath(const std::string& state_dir, const std::string& name);

// mkdir -p with `mode` for the directories it creates.
Status MakeDirectories(const std::string& dir, mode_t mode);

// Runs one cycle of `def`.
CycleResult RunCycle(const DaemonDefinition& def, const CycleOptions& options);

// Completes or rolls back state->pending (the recovery rules of §7) and
// saves the state. Called under the daemon's lock. `recovered` (may be null)
// says what happened: "", "committed" or "dropped".
Status RecoverPending(const std::string& state_path, DaemonState* state, std::string* recovered);

}  // namespace recproc

#endif  // RECPROC_DAEMON_CYCLE_H_
