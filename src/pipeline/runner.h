// Runner: drives a Pipeline over input files. The calling thread reads
// batches, `threads` workers process them in parallel, and a writer thread
// emits their output strictly in input order, so the result is
// byte-identical whatever the thread count.
// Memory is bounded by the number of batches in flight, not by the input
// size.
#ifndef RECPROC_PIPELINE_RUNNER_H_
#define RECPROC_PIPELINE_RUNNER_H_

#include <csignal>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline/stats.h"

namespace recproc {

// Observes reading progress (a progress bar). Called on the reading thread
// once per batch, never per message; must not block.
class RunProgress {
 public:
  virtual ~RunProgress() = default;
  // `bytes` read so far over all inputs (compressed bytes for gzip), and
  // the lines read so far.
  virtual void Advance(uint64_t bytes, uint64_t lines) = 0;
  // The run is over (erase the bar).
  virtual void Finish() = 0;
};

struct RunRequest {
  std::vector<std::string> inputs;  // paths; "-" is stdin. Default: stdin.
  std::string output = "-";         // records; "-" is stdout
  std::string failed_output;        // FailedRecords; empty: with the records
  // Worker threads (reading and writing have threads of their own).
  // Default: 1 (the CLI passes the number of cores).
  unsigned threads = 1;
  // Messages per batch. Default: 2048.
  size_t batch_lines = 2048;
  // Set (to the signal number) by a SIGINT/SIGTERM handler. Checked between
  // batches: once non-zero the run reads no further input, finishes the
  // batches in flight, writes them to stdout, and does not install -o or
  // --failed files. Default: null (never interrupted).
  // REQUIRES: outlives the call.
  const volatile std::sig_atomic_t* stop_signal = nullptr;
  // Told about progress when set. Default: null (nothing reported).
  RunProgress* progress = nullptr;
};

struct RunResult {
  RunStats stats;
  bool input_failed = false;  // an input could not be opened or read to its end
  bool broken_pipe = false;   // the output reader went away; the run stopped early
  Status output_status;       // first output error
  int interrupted = 0;        // the signal that stopped the run early; 0 if none
};

RunResult RunPipeline(const Pipeline& pipeline, const RunRequest& request);

}  // namespace recproc

#endif  // RECPROC_PIPELINE_RUNNER_H_
