// ThreatListWriter: keeps a threat-intel list file that the record pipeline
// loads as `lists.files: [{kind: threat, format: indicator_json, path: ...}]`
// (lists/indicator_loader.h), fed by the network daemon types.
//
// The file is NDJSON, one indicator object per line:
//   {"id","indicator","type","source","validFrom","validUntil","confidence",
//    "threatType","feed","fetchedAt"}
// where `type` is a STIX path the loader maps to a column ("ipv4-addr:value",
// "file:hashes.'SHA-256'") and feed/fetchedAt are provenance the loader
// ignores. Beside it, "<path>.meta.json" holds the file-level provenance:
// {feed, fetched_at, total, upserted, removed}.
//
// Update() merges a batch into the existing file: every entry whose `id` is
// in the batch (upserted or removed) is dropped, then the batch's entries are
// added, so a new version of an indicator replaces all values of the old one
// and re-applying the same batch is a no-op. That makes it safe to run before
// the daemon commits its cursor: a crash leads to the same batch being
// fetched and merged again. Both files are replaced atomically
// (io/atomic_file.h); readers see the old or the new list, never a mix.
#ifndef RECPROC_DAEMON_SOURCES_THREAT_LIST_WRITER_H_
#define RECPROC_DAEMON_SOURCES_THREAT_LIST_WRITER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/daemon_source.h"
#include "recproc/status.h"

namespace recproc {

struct ThreatIndicator {
  std::string id;                       // the feed's id of the indicator (STIX id, MISP attribute uuid)
  std::string indicator;                // the value: an IP/CIDR, a domain, a URL, a hash
  std::string type;                     // STIX path, see above
  std::string source;                   // feed name shown in listMatches
  std::string valid_from, valid_until;  // ISO 8601; "" = unknown / never expires
  std::string confidence;               // "" = unknown
  std::string threat_type;
};

struct ThreatListBatch {
  std::vector<ThreatIndicator> upserts;
  // Ids to drop with no replacement (revoked STIX indicators, deleted MISP
  // attributes). An id may also appear in upserts; upserts win.
  std::vector<std::string> removed_ids;
};

struct ThreatListProvenance {
  std::string feed;  // URL without credentials or query
  int64_t fetched_ms = 0;
};

struct ThreatListCounts {
  int64_t total = 0;     // entries in the file after the update
  int64_t upserted = 0;  // entries written from the batch
  int64_t removed = 0;   // old entries dropped (replaced or removed)
};

// Merges `batch` into the NDJSON list at `path` (created when missing) and
// rewrites "<path>.meta.json". An empty batch rewrites nothing unless the
// file does not exist yet, so the pipeline always finds a (maybe empty) list.
Status UpdateThreatList(const std::string& path, const ThreatListBatch& batch,
                        const ThreatListProvenance& provenance, ThreatListCounts* counts);

// The indicators of one STIX 2.1 indicator object: one per `=` comparison
// of a pattern in the subset lists/stix_loader.h supports, with `source`,
// validity, confidence and the first indicator_types entry copied. Returns
// false (and adds nothing) for a pattern outside that subset.
bool StixIndicatorToThreats(const nlohmann::json& indicator, const std::string& source,
                            std::vector<ThreatIndicator>* out);

// The indicators of one MISP attribute (`to_ids` is the caller's business):
// composite types ("ip-dst|port", "domain|ip", "filename|sha256") are split
// and each usable half becomes an entry; `event_info` becomes threatType.
// Returns false when no part has a list column.
bool MispAttributeToThreats(const nlohmann::json& attribute, const std::string& source,
                            const std::string& event_info, std::vector<ThreatIndicator>* out);

// Reads the optional `threat_list: {path, source}` param of the network
// types: *path is resolved against the YAML's directory ("" when absent),
// *source defaults to the daemon name. False after recording an error.
bool ParseThreatListParam(const SourceSetup& setup, std::string* path, std::string* source);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_THREAT_LIST_WRITER_H_
