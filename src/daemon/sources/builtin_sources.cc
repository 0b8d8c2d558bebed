// The daemon types compiled into recproc. Adding a type adds one line here.
#include "daemon/daemon_source.h"
#include "daemon/sources/exec_source.h"
#include "daemon/sources/file_tail_source.h"
#include "daemon/sources/http_json_source.h"
#include "daemon/sources/http_list_feed.h"
#include "daemon/sources/imap_source.h"
#include "daemon/sources/incident_query_source.h"
#include "daemon/sources/list_feed_source.h"
#include "daemon/sources/misp_feed_source.h"
#include "daemon/sources/misp_rest_source.h"
#include "daemon/sources/sql_poll_source.h"
#include "daemon/sources/taxii_source.h"

namespace recproc {

void RegisterBuiltinDaemonSources(DaemonSourceRegistry* registry) {
  registry->Register("exec", CreateExecSource);
  registry->Register("file_tail", CreateFileTailSource);
  registry->Register("http_json", CreateHttpJsonSource);
  registry->Register("imap", CreateImapSource);
  registry->Register("incident_query", CreateIncidentQuerySource);
  registry->Register("list_feed", CreateListFeedSource);
  registry->Register("list_feed_http", CreateHttpListFeedSource);
  registry->Register("misp_feed", CreateMispFeedSource);
  registry->Register("misp_rest", CreateMispRestSource);
  registry->Register("sql_poll", CreateSqlPollSource);
  registry->Register("taxii21", CreateTaxiiSource);
}

}  // namespace recproc
