// Fuzz target: the TAXII 2.1 envelope decoder ({"more", "next", "objects"}),
// once for all types and once filtered to indicators; indicators go through
// the STIX pattern reader and the threat-list batch.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/sources/taxii_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using nlohmann::json;
  json envelope = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (envelope.is_discarded()) return 0;
  size_t sink = 0;
  for (const std::vector<std::string>& types : {std::vector<std::string>{}, std::vector<std::string>{"indicator"}}) {
    std::vector<json> items;
    bool more = false;
    std::string next;
    recproc::ThreatListBatch batch;
    recproc::DecodeTaxiiEnvelope(envelope, types, "taxii", &items, &more, &next, &batch);
    for (const json& item : items) sink += item.dump().size();
    sink += next.size() + batch.upserts.size() + batch.removed_ids.size() + (more ? 1 : 0);
  }
  volatile size_t keep = sink;
  (void)keep;
  return 0;
}
