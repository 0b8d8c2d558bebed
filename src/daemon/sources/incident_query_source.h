// The `incident_query` daemon type: analyses of recproc's own incident store
// (incident/incident_store.h), one kind per daemon (reference/daemons.md §3.2).
//
//   params:
//     store: incidents.db        # Required. File (relative to the YAML) or postgres:// URL
//     kind: stale                # Required. stale | report | reopened
//     hours: 24                  # stale: open and nobody on it for this long. Default: 24
//     window: 24h                # report, reopened: how far back the first run looks
//                                # (report: always [now - window, now)). Default: 24h
//     directory: reports/        # report: also write <name>-<time>.json and .md here. Default: none
//
// stale: one item per incident that is `open`, has no assignee and has not
//   changed status for `hours`; each (incident, status-change time) is emitted
//   once: the cursor {"notified": [...]} keeps the keys of incidents still stale.
// report: one item for the incidents closed in the window: count, average
//   lifespan (created -> closed), average duration of each phase (a phase
//   still running at the close ends there), average number of investigators.
// reopened: one item per closed -> open/in_progress change in
//   [cursor, now - settle); the cursor is the window end (RFC 3339).
#ifndef RECPROC_DAEMON_SOURCES_INCIDENT_QUERY_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_INCIDENT_QUERY_SOURCE_H_

#include <memory>

#include "daemon/daemon_source.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateIncidentQuerySource(const SourceSetup& setup);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_INCIDENT_QUERY_SOURCE_H_
