// The daemon types compiled into recproc. Adding a type adds one line here.
#include "daemon/daemon_source.h"
#include "daemon/exec_source.h"
#include "daemon/file_tail_source.h"
#include "daemon/incident_query_source.h"
#include "daemon/list_feed_source.h"
#include "daemon/sql_poll_source.h"

namespace recproc {

void RegisterBuiltinDaemonSources(DaemonSourceRegistry* registry) {
  registry->Register("exec", CreateExecSource);
  registry->Register("file_tail", CreateFileTailSource);
  registry->Register("incident_query", CreateIncidentQuerySource);
  registry->Register("list_feed", CreateListFeedSource);
  registry->Register("sql_poll", CreateSqlPollSource);
}

}  // namespace recproc
