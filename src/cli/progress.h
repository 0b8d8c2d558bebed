// ProgressBar: a one-line progress bar with rate and ETA on stderr, for long
// runs over files. Shown only when it can be right and is wanted: stderr is a
// terminal, every input is a regular file (so the total size is known), and
// --quiet is off; otherwise MaybeCreate() gives null and nothing is printed,
// so pipes and log files never see control characters.
#ifndef RECPROC_CLI_PROGRESS_H_
#define RECPROC_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/runner.h"

namespace recproc {

class ProgressBar final : public RunProgress {
 public:
  // A bar for these inputs, or null when none should be shown (see above).
  static std::unique_ptr<ProgressBar> MaybeCreate(const std::vector<std::string>& inputs, bool quiet);

  // Draws on `out` (REQUIRES: non-null, outlives the bar) for `total_bytes`.
  ProgressBar(FILE* out, uint64_t total_bytes);

  void Advance(uint64_t bytes, uint64_t lines) override;
  void Finish() override;

  // The bar's text for a state, without terminal control characters:
  // "[#####.....]  42%  1.2M lines  35.0 MB/s  ETA 0:12". Exposed for tests.
  static std::string Render(uint64_t bytes, uint64_t total, uint64_t lines, double seconds);

 private:
  FILE* out_;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace recproc

#endif  // RECPROC_CLI_PROGRESS_H_
