// Fuzz target: the list_feed snapshot parser. The first byte picks the
// format and options (csv with a header row, csv with configured columns and
// key, text, ndjson with a key, ";" comments); the rest is the snapshot.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "daemon/sources/list_feed_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  recproc::ListFeedFormat format;
  switch (data[0] % 6) {
    case 0: break;
    case 1: format.key = "dst_ip"; break;
    case 2: format.columns = {"first_seen", "dst_ip", "port"}; format.key = "dst_ip"; break;
    case 3: format.format = "text"; break;
    case 4: format.format = "ndjson"; format.key = "cidr"; break;
    case 5: format.format = "text"; format.comment = ";"; break;
  }
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::map<std::string, nlohmann::json> rows;
  size_t sink = 0;
  if (recproc::ParseListFeedSnapshot(text, format, "feed.csv", &rows).ok())
    for (const auto& [key, row] : rows) sink += key.size() + row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size();
  volatile size_t keep = sink;
  (void)keep;
  return 0;
}
