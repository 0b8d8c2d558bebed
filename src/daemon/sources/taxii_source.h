// The `taxii21` daemon type: polls one TAXII 2.1 collection for new objects
// (reference/daemons.md §8.2).
//
//   params:
//     url: https://host/taxii2/      # discovery; its `default` (else first) API root is used
//     api_root: https://host/api1/   # instead of url: the API root itself
//     collection: <id or title>      # required
//     types: [indicator]             # match[type]; Default: all types
//     page_size: 100                 # limit=. Default: 100
//     threat_list: {path: intel.ndjson, source: taxii}  # optional, see threat_list_writer.h
//     + the HTTP params of daemon/http_client.h (username/password for Basic)
//
// Every request sends Accept: application/taxii+json;version=2.1. Paging
// follows the spec: `more` with `next` repeats with next=; `more` without
// `next` repeats with added_after = the page's X-TAXII-Date-Added-Last.
// Cursor: the last page's X-TAXII-Date-Added-Last, a server timestamp (never
// a `next` token, which expires); a page without that header keeps the old
// cursor. The first run starts at cursor.initial, else from the beginning.
// Items: the STIX objects as served, plus for indicators "iocs":
// [{"type": "<stix path>", "value": ...}] and "pattern_supported".
// With threat_list, indicators are merged into that file (revoked ones
// removed) before the cycle commits; --dry-run leaves it alone.
#ifndef RECPROC_DAEMON_SOURCES_TAXII_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_TAXII_SOURCE_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/daemon_source.h"
#include "daemon/sources/threat_list_writer.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateTaxiiSource(const SourceSetup& setup);

// Decodes one TAXII 2.1 envelope ({"more", "next", "objects": [...]}):
// appends its objects of the wanted `types` (all when empty) to *items,
// indicators annotated with iocs/pattern_supported and merged into *batch
// (revoked ones as removals). False when the envelope is not an object.
bool DecodeTaxiiEnvelope(nlohmann::json envelope, const std::vector<std::string>& types,
                         const std::string& list_source, std::vector<nlohmann::json>* items, bool* more,
                         std::string* next, ThreatListBatch* batch);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_TAXII_SOURCE_H_
