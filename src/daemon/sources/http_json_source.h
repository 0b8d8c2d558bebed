// The `http_json` daemon type: a generic JSON API poller for sources with no
// dedicated type (reference/daemons.md §3).
//
//   params:
//     url: https://api.example.org/v1/alerts   # required
//     method: GET                               # GET | POST. Default: GET
//     body: '{"severity": "high"}'              # request body for POST
//     items_path: data.alerts                   # dotted path to the item array;
//                                               # Default: the body itself (an array)
//     since_param: since                        # query parameter given the cursor
//     until_param: until                        # query parameter given the window end
//     next_path: links.next                     # where the next page is named
//     next_param: page_token                    # the next value is a token for this
//                                               # parameter; Default: it is a URL
//     + the HTTP params of daemon/http_client.h
//
// The cursor is the runner's: `cursor.field` picks it from the items (the
// max over the batch); this type only passes the committed value (or
// cursor.initial) as `since_param`. With `until_param` the server is asked
// for the closed window [since, now - settle), so a cycle without items may
// still advance a time cursor to the window end.
#ifndef RECPROC_DAEMON_SOURCES_HTTP_JSON_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_HTTP_JSON_SOURCE_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/daemon_source.h"
#include "recproc/status.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateHttpJsonSource(const SourceSetup& setup);

// One decoded response page.
struct HttpJsonPage {
  std::vector<nlohmann::json> items;
  // The value at next_path as text (a URL or a token); nullopt when absent,
  // null, false/true or "": the last page.
  std::optional<std::string> next;
};

// Decodes one response body: the array at the dotted `items_path` (the body
// itself when empty; null counts as no items) and the next-page value at
// `next_path`. Corruption when the body is not JSON or holds no array there.
Status DecodeHttpJsonPage(std::string_view body, const std::string& items_path, const std::string& next_path,
                          HttpJsonPage* page);

// Resolves a next link against the request URL: absolute, "/path", "?query"
// or relative to the last path segment.
std::string ResolveNextUrl(const std::string& base, const std::string& next);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_HTTP_JSON_SOURCE_H_
