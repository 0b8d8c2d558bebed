// The daemon types compiled into recproc. Adding a type adds one line here.
#include "daemon/daemon_source.h"

namespace recproc {

void RegisterBuiltinDaemonSources(DaemonSourceRegistry* registry) { (void)registry; }

}  // namespace recproc
