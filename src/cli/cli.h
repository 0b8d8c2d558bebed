// The command line: parses argv with CLI11, dispatches to one subcommand,
// and maps every outcome to an exit code (SPEC §3).
#ifndef RECPROC_CLI_CLI_H_
#define RECPROC_CLI_CLI_H_

namespace recproc {

// Exit codes, in one place.
enum ExitCode : int {
  kExitOk = 0,
  kExitRuntime = 1,  // I/O failure, or --strict and some records failed.
  kExitUsage = 2,    // bad command line or configuration.
  kExitBusy = 75,    // a daemon is already running (EX_TEMPFAIL).
};

int RunCli(int argc, char** argv);

}  // namespace recproc

#endif  // RECPROC_CLI_CLI_H_
