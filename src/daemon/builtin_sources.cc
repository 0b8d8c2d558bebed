// The daemon types compiled into recproc. Adding a type adds one line here.
#include "daemon/daemon_source.h"
#include "daemon/exec_source.h"
#include "daemon/file_tail_source.h"
#include "daemon/imap_source.h"
#include "daemon/list_feed_source.h"

namespace recproc {

void RegisterBuiltinDaemonSources(DaemonSourceRegistry* registry) {
  registry->Register("exec", CreateExecSource);
  registry->Register("file_tail", CreateFileTailSource);
  registry->Register("imap", CreateImapSource);
  registry->Register("list_feed", CreateListFeedSource);
}

}  // namespace recproc
