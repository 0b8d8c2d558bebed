// `recproc [run] [FILE|-]...`: the record pipeline over files or stdin.
#include <CLI/CLI.hpp>
#include <signal.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <thread>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/pipeline_setup.h"
#include "cli/progress.h"
#include "pipeline/pipeline.h"
#include "pipeline/runner.h"

namespace recproc {

namespace {

struct RunFlags {
  std::vector<std::string> inputs;
  std::string config;
  std::string output = "-";
  std::string failed;
  std::string stats;  // "", "text" or "json"
  bool stats_flag = false;
  std::string now;
  bool strict = false;
  unsigned threads = 0;
  std::string parser;
  bool quiet = false;  // no progress bar, no warnings
};

// The first SIGINT/SIGTERM asks the run to stop between batches (see
// RunRequest::stop_signal); a second one kills the process the default way,
// for a user who does not want to wait for the batches in flight.
volatile std::sig_atomic_t g_stop_signal = 0;

void OnStopSignal(int signo) {
  if (g_stop_signal != 0) {
    signal(signo, SIG_DFL);
    raise(signo);
    return;
  }
  g_stop_signal = signo;
}

void InstallStopHandlers() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a read blocked on a quiet pipe returns EINTR
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

int Run(const RunFlags& flags) {
  std::unique_ptr<Pipeline> pipeline;
  if (int code = SetUpPipeline(PipelineSetup{flags.config, flags.now, flags.parser}, &pipeline); code != kExitOk)
    return code;
  RunRequest request;
  request.inputs = flags.inputs;
  request.output = flags.output;
  request.failed_output = flags.failed;
  request.threads = flags.threads != 0 ? flags.threads : std::max(1u, std::thread::hardware_concurrency());
  request.stop_signal = &g_stop_signal;
  InstallStopHandlers();
  // Progress bar: only on a terminal, for files of known size, without --quiet.
  std::unique_ptr<ProgressBar> progress = ProgressBar::MaybeCreate(flags.inputs, flags.quiet);
  request.progress = progress.get();
  RunResult result = RunPipeline(*pipeline, request);
  std::string stats_mode = flags.stats.empty() && flags.stats_flag ? "text" : flags.stats;  // "" = none
  if (stats_mode == "json")
    std::fprintf(stderr, "%s\n", result.stats.ToJson().c_str());
  else if (stats_mode == "text")
    std::fputs(result.stats.ToText().c_str(), stderr);
  if (result.broken_pipe) return kExitOk;  // the reader has all it wanted (`| head`)
  if (result.interrupted != 0) {
    // Shell convention 128 + signal (130 SIGINT, 143 SIGTERM), so scripts
    // can tell an interrupted run from a failed one.
    std::fprintf(stderr, "recproc: interrupted by %s after %llu lines; %s\n",
                 result.interrupted == SIGINT ? "SIGINT" : "SIGTERM",
                 static_cast<unsigned long long>(result.stats.lines),
                 flags.output == "-" ? "records of the finished batches were written"
                                     : "the output file was not written");
    return 128 + result.interrupted;
  }
  if (!result.output_status.ok()) {
    std::fprintf(stderr, "recproc: %s\n", result.output_status.message().c_str());
    return kExitRuntime;
  }
  if (result.input_failed) return kExitRuntime;
  if (flags.strict && result.stats.failed_records > 0) {
    std::fprintf(stderr, "recproc: --strict: %llu message%s failed\n",
                 static_cast<unsigned long long>(result.stats.failed_records),
                 result.stats.failed_records == 1 ? "" : "s");
    return kExitRuntime;
  }
  return kExitOk;
}

}  // namespace

void RegisterRunCommand(CLI::App* app, CommandRunner* run) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* cmd = app->add_subcommand("run", "Process log files (plain or gzip) or stdin into records (default)");
  cmd->add_option("files", flags->inputs, "Input files; '-' or none reads stdin");
  cmd->add_option("-c,--config", flags->config,
                  "Root config file (default: $RECPROC_CONFIG, ./recproc.yaml, else the built-in default)");
  cmd->add_option("-o,--output", flags->output, "Write records here (default: stdout); written beside and renamed at the end");
  cmd->add_option("--failed", flags->failed, "Write FailedRecords to this file instead of with the records");
  cmd->add_flag("--stats", flags->stats_flag, "Print counts to stderr at the end (--stats=json for JSON)");
  // `--stats=json` arrives as --stats-format (see cli.cc): a plain --stats
  // must not swallow the next file name as its value.
  cmd->add_option("--stats-format", flags->stats, "Stats format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->group("");
  cmd->add_option("--now", flags->now, "Fix the clock (ISO 8601 or epoch seconds) for reproducible runs");
  cmd->add_option("--parser", flags->parser, "Parse every input with this parser profile (no detection)");
  cmd->add_flag("--strict", flags->strict, "Exit 1 when any message became a FailedRecord");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: the number of cores)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_flag("-q,--quiet", flags->quiet, "No progress bar and no warnings on stderr (errors still print)");
  cmd->footer(
      "Examples:\n"
      "  recproc fw.log.gz                     records on stdout, built-in config\n"
      "  zcat fw-*.log.gz | recproc -c site.yaml --failed failed.jsonl | jq .\n"
      "  recproc --now 2026-01-01T00:00:00Z --stats samples/*/*.log");
  *run = [flags] { return Run(*flags); };
}

}  // namespace recproc
