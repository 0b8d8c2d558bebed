// The `misp_rest` daemon type: attributes changed since the cursor, from a
// MISP server's POST /attributes/restSearch (reference/daemons.md §8.1).
//
//   params:
//     url: https://misp.example.org      # the MISP base URL
//     api_key: ${env:MISP_KEY}           # required; sent as Authorization
//     page_size: 1000                    # limit=. Default: 1000
//     types: [ip-dst, domain]            # optional type filter
//     to_ids_only: true                  # "to_ids": 1. Default: true
//     published_only: false              # "published": 1. Default: false
//     threat_list: {path: misp.ndjson, source: misp_intel}   # optional
//     + the HTTP params of daemon/http_client.h
//
// MISP's `timestamp` filter selects attributes whose last edit is at or after
// the value, so edited attributes come back. Pages (1-based) are fetched
// until one holds fewer than page_size attributes; the returned timestamps
// are checked again here because some MISP versions ignore the filter
// (MISP/MISP#8843). Items are sorted by (timestamp, uuid).
// Cursor: {"timestamp": T, "seen": ["uuid|T", ...]}: the newest attribute
// edit time emitted and which attributes at exactly T were emitted, so the
// next cycle (which asks from T again) skips those and nothing at T is lost.
// The first cycle starts at cursor.initial (RFC 3339 or epoch seconds), else
// at 0 (everything).
#ifndef RECPROC_DAEMON_SOURCES_MISP_REST_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_MISP_REST_SOURCE_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/daemon_source.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateMispRestSource(const SourceSetup& setup);

// An attribute of a restSearch page keyed by (timestamp, uuid), the order
// items are emitted in.
using MispRestAttribute = std::pair<std::pair<int64_t, std::string>, nlohmann::json>;

// Decodes one restSearch response body ({"response": {"Attribute": [...]}}):
// *count = the attributes on the page (for the page_size test); those newer
// than the cursor (`from`, `seen` "uuid|T" at exactly `from`) are appended to
// *fresh, the others counted in *skipped_old. False when the body is not
// such an object.
bool DecodeMispRestPage(std::string_view body, int64_t from, const std::set<std::string>& seen,
                        std::vector<MispRestAttribute>* fresh, size_t* count, int64_t* skipped_old);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_MISP_REST_SOURCE_H_
