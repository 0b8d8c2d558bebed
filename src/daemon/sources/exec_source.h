// The `exec` daemon type: any program that prints a JSON array of objects
// (the Cloud SOAR OIF daemon contract, reference/daemons.md §1, §3.2).
//
//   params:
//     command: [/usr/local/bin/fetch-alerts, --verbose]   # argv, no shell; required
//     API_URL: https://siem.example/api                   # every other param: an env var
//     API_TOKEN: ${env:SIEM_TOKEN}
//
// The child also gets RECPROC_CURSOR (the committed cursor: a string cursor
// as is, anything else as JSON; the initial cursor on the first run; empty
// when none), RECPROC_WINDOW_END (RFC 3339) and RECPROC_DAEMON. A non-zero
// exit is a failed cycle whose error is the first line of stderr. The new
// cursor comes from `cursor.field` over the output (the runner's job).
#ifndef RECPROC_DAEMON_SOURCES_EXEC_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_EXEC_SOURCE_H_

#include <memory>

#include "daemon/daemon_source.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateExecSource(const SourceSetup& setup);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_EXEC_SOURCE_H_
