// The `misp_feed` daemon type: a MISP feed directory served over HTTP(S)
// (manifest.json + one <event uuid>.json per event, as PyMISP's to_feed
// writes it; reference/daemons.md §8.1).
//
//   params:
//     url: https://feeds.example.org/misp/   # the directory holding manifest.json
//     to_ids_only: true                      # emit only IDS attributes. Default: false
//     threat_list: {path: misp.ndjson, source: misp_intel}   # optional
//     + the HTTP params of daemon/http_client.h
//
// Each cycle fetches the manifest and GETs only events whose manifest
// timestamp is newer than the one stored for them, oldest first. Of an event
// seen before, only attributes edited since (attribute timestamp newer than
// the stored event timestamp) are emitted, so edits come out once each.
// Cursor: {"events": {"<uuid>": <timestamp>}} for the events in the manifest.
// With limits.max_items/max_pages, whole events are processed until the
// limit and the cursor covers only those.
// Items: one per attribute of Event.Attribute[] and Event.Object[].Attribute[]
// (MispAttributeItem below).
#ifndef RECPROC_DAEMON_SOURCES_MISP_FEED_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_MISP_FEED_SOURCE_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "daemon/daemon_source.h"
#include "daemon/sources/threat_list_writer.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateMispFeedSource(const SourceSetup& setup);

// A MISP number that API output writes as a string ("1513893921") or not.
int64_t MispInt(const nlohmann::json& value);

// The daemon item for one attribute: uuid, type, category, value, to_ids,
// deleted, timestamp (number), comment, tags (names), object_name (when it
// sits in an Object), iocs ([{type, value}] as in the threat list), and the
// event's uuid, info, date, timestamp, threat_level_id, analysis and org
// (Orgc.name) as event_* keys. `event` may be null (restSearch output
// carries a partial Event inside the attribute).
nlohmann::json MispAttributeItem(const nlohmann::json& attribute, const nlohmann::json* event,
                                 const std::string& object_name, const std::string& source);

// Adds the attribute to the threat-list batch: IDS attributes that are not
// deleted and have a usable type become upserts, all others removals (an
// attribute whose IDS flag was cleared leaves the list).
void AddMispAttributeToBatch(const nlohmann::json& attribute, const std::string& source,
                             const std::string& event_info, ThreatListBatch* batch);

// From a feed manifest ({"<uuid>": {"timestamp": T, ...}}) and the cursor's
// `known` event map: the events newer than known, oldest first, and the
// cursor's event map before any of them is fetched (*next_events). A
// manifest that is not an object yields nothing.
void MispManifestChanges(const nlohmann::json& manifest, const nlohmann::json& known,
                         std::vector<std::pair<int64_t, std::string>>* changed, nlohmann::json* next_events);

// One feed event document ({"Event": {...}}): attributes edited after
// `since` (-1: all) go into *batch and, unless `to_ids_only` drops them, as
// items into *items. False when there is no "Event" object.
bool MispFeedEventItems(const nlohmann::json& doc, int64_t since, bool to_ids_only, const std::string& source,
                        std::vector<nlohmann::json>* items, ThreatListBatch* batch);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_MISP_FEED_SOURCE_H_
