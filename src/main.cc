// recproc: hands argv to the command line layer.
#include "cli/cli.h"

int main(int argc, char** argv) { return recproc::RunCli(argc, argv); }
