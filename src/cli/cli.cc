// The command line: builds the CLI11 app from the subcommand files, makes
// `run` the default command, and maps parse errors to exit code 2. Only
// commands that work are registered.
#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <signal.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace recproc {

int RunCli(int argc, char** argv) {
  // A closed output pipe is reported by write() as EPIPE and handled there.
  signal(SIGPIPE, SIG_IGN);
  CLI::App app{"recproc: turn raw security logs into normalized, enriched records (JSON lines)", "recproc"};
  app.set_version_flag("-V,--version", std::string("recproc ") + RECPROC_VERSION);
  app.require_subcommand(0, 1);
  app.footer("Run 'recproc COMMAND --help' for a command's options. Without a command, 'run' is assumed.");

  struct Entry {
    std::string name;
    CommandRunner run;
  };
  std::vector<Entry> entries;
  auto add = [&](const char* name, void (*reg)(CLI::App*, CommandRunner*)) {
    entries.push_back(Entry{name, {}});
    reg(&app, &entries.back().run);
  };
  entries.reserve(16);
  add("run", RegisterRunCommand);
  add("version", RegisterVersionCommand);
  add("explain", RegisterExplainCommand);
  add("test", RegisterTestCommand);
  add("validate", RegisterValidateCommand);
  add("schema", RegisterSchemaCommand);
  add("daemon", RegisterDaemonCommand);
  add("incident", RegisterIncidentCommand);
  add("lists", RegisterListsCommand);

  // `recproc FILE...` and `recproc --stats FILE` mean `recproc run ...`.
  std::vector<std::string> args(argv + 1, argv + argc);
  std::set<std::string> names;
  for (const Entry& e : entries) names.insert(e.name);
  names.insert("help");
  bool top_level_flag = !args.empty() && (args[0] == "-h" || args[0] == "--help" || args[0] == "-V" ||
                                          args[0] == "--version");
  if (args.empty() || (!top_level_flag && names.count(args[0]) == 0)) args.insert(args.begin(), "run");
  if (!args.empty() && args[0] == "help") args[0] = "--help";
  for (std::string& a : args)
    if (a.rfind("--stats=", 0) == 0) a = "--stats-format=" + a.substr(8);
  std::reverse(args.begin(), args.end());
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  for (const Entry& e : entries)
    if (app.got_subcommand(e.name)) return e.run();
  return kExitOk;
}

}  // namespace recproc
