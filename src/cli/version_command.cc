// `recproc version`: the version and the libraries it was built with.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/cli.h"
#include "cli/commands.h"

namespace recproc {

void RegisterVersionCommand(CLI::App* app, CommandRunner* run) {
  app->add_subcommand("version", "Print the version");
  *run = [] {
    std::printf("recproc %s\n", RECPROC_VERSION);
    return kExitOk;
  };
}

}  // namespace recproc
