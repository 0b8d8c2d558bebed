// Fuzz target: the misp_feed decoders. The input is one JSON document given
// both as a feed manifest (with a cursor that knows some events) and as an
// event document ({"Event": {...}}), as a server may send either at either
// URL. Attributes go through MispAttributeItem and the threat-list batch.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "daemon/sources/misp_feed_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using nlohmann::json;
  json doc = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;
  json known = {{"5f1d3a3c-0000-4000-8000-000000000001", 1600000000}, {"x", "1700000000"}};
  std::vector<std::pair<int64_t, std::string>> changed;
  json next_events = json::object();
  recproc::MispManifestChanges(doc, known, &changed, &next_events);
  std::vector<json> items;
  recproc::ThreatListBatch batch;
  recproc::MispFeedEventItems(doc, -1, false, "misp", &items, &batch);
  recproc::MispFeedEventItems(doc, 1600000000, true, "misp", &items, &batch);
  size_t sink = changed.size() + next_events.dump().size() + batch.upserts.size() + batch.removed_ids.size();
  for (const json& item : items) sink += item.dump().size();
  volatile size_t keep = sink;
  (void)keep;
  return 0;
}
