// Subcommands: each file in cli/ registers one command on the CLI11 app and
// runs it. A command returns an ExitCode (cli/cli.h).
#ifndef RECPROC_CLI_COMMANDS_H_
#define RECPROC_CLI_COMMANDS_H_

#include <functional>

namespace CLI {
class App;
}

namespace recproc {

// Registers the command on `app`; *run is set to the function that runs it
// when the command is selected.
using CommandRunner = std::function<int()>;
void RegisterRunCommand(CLI::App* app, CommandRunner* run);
void RegisterVersionCommand(CLI::App* app, CommandRunner* run);
void RegisterExplainCommand(CLI::App* app, CommandRunner* run);
void RegisterTestCommand(CLI::App* app, CommandRunner* run);
void RegisterValidateCommand(CLI::App* app, CommandRunner* run);
void RegisterSchemaCommand(CLI::App* app, CommandRunner* run);
void RegisterDaemonCommand(CLI::App* app, CommandRunner* run);
void RegisterIncidentCommand(CLI::App* app, CommandRunner* run);
void RegisterListsCommand(CLI::App* app, CommandRunner* run);

}  // namespace recproc

#endif  // RECPROC_CLI_COMMANDS_H_
