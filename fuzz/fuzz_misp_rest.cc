// Fuzz target: the misp_rest page decoder (POST /attributes/restSearch
// response body) with a cursor at a fixed time, then every fresh attribute
// through MispAttributeItem and the threat-list batch, as Fetch does.
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/sources/misp_feed_source.h"
#include "daemon/sources/misp_rest_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  std::set<std::string> seen = {"5f1d3a3c-0000-4000-8000-000000000001|1600000000"};
  std::vector<recproc::MispRestAttribute> fresh;
  size_t count = 0;
  int64_t skipped = 0;
  size_t sink = 0;
  if (recproc::DecodeMispRestPage(body, 1600000000, seen, &fresh, &count, &skipped)) {
    recproc::ThreatListBatch batch;
    for (const auto& [key, attribute] : fresh) {
      recproc::AddMispAttributeToBatch(attribute, "misp", "", &batch);
      sink += recproc::MispAttributeItem(attribute, nullptr, "", "misp").dump().size();
    }
    sink += batch.upserts.size() + batch.removed_ids.size();
  }
  volatile size_t keep = sink + count + static_cast<size_t>(skipped);
  (void)keep;
  return 0;
}
