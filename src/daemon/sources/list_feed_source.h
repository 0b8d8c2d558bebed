// The `list_feed` daemon type: a snapshot list (URLhaus/Feodo CSV, a text
// list of IPs, Spamhaus DROP NDJSON) read from a local file that another job
// downloads; each cycle emits what was added and removed since the last
// committed snapshot (reference/daemons.md §8.3).
//
//   params:
//     path: feeds/ipblocklist.csv   # required
//     format: csv                   # csv | text | ndjson. Default: csv
//     comment_prefix: "#"           # Default: "#" ("; " lists use ";")
//     key: dst_ip                   # csv: column name; ndjson: field. Default: the first column
//     columns: [first_seen, dst_ip] # csv: names when the file has no "# a,b,c" header comment
//
// CSV columns are named from the last comment line that looks like a header
// ("# id,dateadded,url,..."), not by position, because feeds drop columns.
// Text lines are "<key> [; comment]". NDJSON objects without the key field
// (Spamhaus' trailing metadata line) are skipped.
//
// Items: {"change": "added"|"removed", "key": ..., <columns>...}.
// Cursor: {"sha256": <file digest>, "snapshot": "<name>.snapshot.<digest16>"};
// the snapshot sidecar in the state dir holds the sorted keys of that file.
// It is written under a new name before the cursor names it, so a crash
// before the commit leaves the old cursor pointing at the old, intact file.
#ifndef RECPROC_DAEMON_SOURCES_LIST_FEED_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_LIST_FEED_SOURCE_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/daemon_source.h"
#include "recproc/status.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateListFeedSource(const SourceSetup& setup);

// How a snapshot is read: the params format / comment_prefix / key / columns.
struct ListFeedFormat {
  std::string format = "csv";  // csv | text | ndjson
  std::string comment = "#";   // "" = no comment lines
  std::string key;             // csv: column name; ndjson: field (required). Default: the first column
  std::vector<std::string> columns;
};

// Parses one snapshot into key -> {"change": "added", "key": ..., <columns>}.
// A later row with the same key replaces the earlier one. `path` only names
// the file in errors (Corruption for a bad NDJSON line, InvalidArgument for a
// key column missing from the header).
Status ParseListFeedSnapshot(const std::string& text, const ListFeedFormat& format, const std::string& path,
                             std::map<std::string, nlohmann::json>* rows);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_LIST_FEED_SOURCE_H_
