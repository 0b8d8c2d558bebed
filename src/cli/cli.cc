#include "cli/cli.h"
namespace recproc { int RunCli(int, char**) { return kExitOk; } }
