// Running a program for a daemon (the `exec` type and the `exec` rule
// action): argv without a shell, extra environment variables, stdin text,
// stdout/stderr captured, and a deadline after which the child is killed.
#ifndef RECPROC_DAEMON_SUBPROCESS_H_
#define RECPROC_DAEMON_SUBPROCESS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "recproc/status.h"

namespace recproc {

struct SubprocessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH when it has no '/') with a clean
// environment: PATH=/usr/local/bin:/usr/bin:/bin plus `env` (which may set
// PATH itself); nothing of recproc's own environment is passed on. `input` is
// written to its stdin. After timeout_ms of real time (<= 0: no limit) the
// child's process group is killed and a kLimitExceeded status starting with
// "timeout" is returned. A non-zero exit is NOT an error here: the caller
// reads result->exit_code. Output beyond max_output bytes is an error.
// REQUIRES: !argv.empty().
Status RunSubprocess(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& env,
                     const std::string& input, int64_t timeout_ms, SubprocessResult* result,
                     size_t max_output = 256u << 20);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SUBPROCESS_H_
