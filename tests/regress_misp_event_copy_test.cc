// Regression (fuzz_misp_feed, slow-unit-09b9470d...: the real MISP event of
// the seed corpus took 11 s): MispAttributeItem bound `const json& ev` to a
// conditional whose other branch was the prvalue json::object(), so the
// whole event was copied once per attribute, quadratic in the event's size
// (98 objects: 4.8 s, 196 objects: 16 s in the fuzz build). An event with
// 20,000 object attributes, as large MISP events have, now decodes in linear
// time; before the fix this test ran into the ctest timeout.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon/sources/misp_feed_source.h"

namespace recproc {
namespace {

using nlohmann::json;

TEST(RegressMispEventCopy, LargeEventDecodesEveryObjectAttributeWithTheEventFields) {
  json objects = json::array();
  for (int i = 0; i < 10000; ++i) {
    json attrs = json::array();
    for (int k = 0; k < 2; ++k)
      attrs.push_back({{"uuid", "a-" + std::to_string(i) + "-" + std::to_string(k)},
                       {"type", "ip-dst"},
                       {"category", "Network activity"},
                       {"value", "198.51." + std::to_string(i % 256) + "." + std::to_string(k + 1)},
                       {"to_ids", true},
                       {"timestamp", std::to_string(1700000000 + i)}});
    objects.push_back({{"name", "ip-port"}, {"Attribute", attrs}});
  }
  json doc = {{"Event",
               {{"uuid", "5a3c2fcd-8328-42bb-a95e-4f4402de0b81"},
                {"info", "big event"},
                {"timestamp", "1700099999"},
                {"Orgc", {{"name", "CIRCL"}}},
                {"Object", objects}}}};
  std::vector<json> items;
  ThreatListBatch batch;
  ASSERT_TRUE(MispFeedEventItems(doc, -1, false, "misp", &items, &batch));
  ASSERT_EQ(items.size(), 20000u);
  EXPECT_EQ(items[0]["uuid"], "a-0-0");
  EXPECT_EQ(items[19999]["uuid"], "a-9999-1");
  EXPECT_EQ(items[19999]["value"], "198.51.15.2");
  EXPECT_EQ(items[19999]["object_name"], "ip-port");
  EXPECT_EQ(items[19999]["event_info"], "big event");
  EXPECT_EQ(items[19999]["event_org"], "CIRCL");
  EXPECT_EQ(items[19999]["event_timestamp"], 1700099999);
  EXPECT_EQ(batch.upserts.size(), 20000u);
  // Only attributes edited after `since` are taken.
  items.clear();
  ThreatListBatch later;
  ASSERT_TRUE(MispFeedEventItems(doc, 1700009997, true, "misp", &items, &later));
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["uuid"], "a-9998-0");
}

}  // namespace
}  // namespace recproc
