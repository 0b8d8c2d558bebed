// The `sql_poll` daemon type: new rows of a SQLite file or a PostgreSQL
// table, read with a composite (ts, id) cursor (reference/daemons.md §8.5).
//
//   params:
//     driver: sqlite                 # sqlite | postgres. Required
//     path: data/events.db           # sqlite: the file (relative to the YAML)
//     dsn: "host=... dbname=..."     # postgres: a libpq connection string or URL (may be ${env:..})
//     query: |                       # Required. Bound parameters only, never spliced:
//       SELECT id, ts, host, msg FROM events
//        WHERE (ts > :cursor_ts OR (ts = :cursor_ts AND id > :cursor_id))
//          AND ts <= :window_end
//        ORDER BY ts, id LIMIT :limit
//     cursor_columns: {ts: ts, id: id}   # result columns of the cursor. Default: {ts: ts, id: id}
//     ts_format: epoch_ms            # epoch_s | epoch_ms | text (RFC 3339 / timestamptz). Default: epoch_ms
//     page_size: 1000                # :limit of one query. Default: 1000
//     database_time: false           # window end = the database's clock (minus settle). Default: false
//
// The query must order by (ts, id) ascending: the cursor after a page is its
// last row. Rows sharing a timestamp are neither lost nor repeated because the
// cursor carries the id too. `cursor.settle` in the YAML holds back rows
// newer than now - settle: a transaction committing late, but within settle,
// is still read by a later cycle. Paging repeats the query until a page comes
// back shorter than :limit, `limits.max_items` or `limits.max_pages` is hit
// (then the run is partial and the next cycle resumes after the last row).
//
// Parameters: :cursor_ts / :cursor_id are the committed cursor's values, as
// the database returned them; on the first run :cursor_ts is cursor.initial
// (in ts_format) or the lowest value of the format, and :cursor_id is NULL,
// so the first run reads rows strictly after the start. :window_end is in
// ts_format; :limit is an integer.
//
// Items: the row objects (column -> number | string | null).
// Cursor: {"ts": <value>, "id": <value>}; `daemon reset` clears it.
#ifndef RECPROC_DAEMON_SOURCES_SQL_POLL_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_SQL_POLL_SOURCE_H_

#include <memory>

#include "daemon/daemon_source.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateSqlPollSource(const SourceSetup& setup);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_SQL_POLL_SOURCE_H_
