// The `list_feed_http` daemon type: the `list_feed` snapshot diff
// (daemon/list_feed_source.h: added/removed items, snapshot sidecar) over a
// list downloaded by HTTP(S) each cycle instead of a local file
// (reference/daemons.md §8.3).
//
//   params:
//     url: https://feodotracker.abuse.ch/downloads/ipblocklist.csv   # required
//     format / comment_prefix / key / columns: as list_feed
//     + the HTTP params of daemon/http_client.h
//
// Requests are conditional: the ETag and Last-Modified of the last committed
// download go out as If-None-Match / If-Modified-Since, and a 304 ends the
// cycle with nothing emitted and the cursor unchanged. A 200 whose body has
// the digest of the committed snapshot emits nothing either (servers without
// validators). The body is kept as "<name>.download" in the state dir (a
// temporary file with --dry-run) and handed to the list_feed parser.
// Cursor: {"etag", "last_modified", "list": <list_feed cursor>}.
#ifndef RECPROC_DAEMON_SOURCES_HTTP_LIST_FEED_H_
#define RECPROC_DAEMON_SOURCES_HTTP_LIST_FEED_H_

#include <memory>

#include "daemon/daemon_source.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateHttpListFeedSource(const SourceSetup& setup);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_HTTP_LIST_FEED_H_
