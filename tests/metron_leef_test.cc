// Conformance with Apache Metron's LEEF 2.0 raw/parsed pairs
// (tests/vectors/apache-metron-leef, Apache-2.0). These Trend Micro Deep
// Security lines omit the 2.0 delimiter field and separate attributes by TAB.
//
// Metron renames a few keys (DeviceVendor, DeviceProduct, DeviceVersion,
// DeviceEvent for the header; ip_src_addr for src) and adds run artefacts
// (guid, timestamp, original_string, source.type), which are mapped or
// ignored. One known difference: where a TAB-delimited value itself holds
// ` key=` (`sev=6 cn1=241 cn1Label=Host ID`), Metron cuts the value before
// the inner `=` ("6 cn1") and drops the rest; LEEF separates attributes only
// by the delimiter, so recproc keeps the whole value. Those values are
// checked to start with Metron's text followed by '='.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "parse/leef.h"
#include "test_paths.h"

namespace recproc {
namespace {

using nlohmann::json;

TEST(MetronLeefConformance, RawParsedPairs) {
  const std::string dir = std::string(RECPROC_SOURCE_DIR) + "/tests/vectors/apache-metron-leef";
  std::ifstream raw(dir + "/leefOutput"), parsed(dir + "/leefParsed");
  ASSERT_TRUE(raw && parsed) << "missing vectors in " << dir;
  const std::map<std::string, std::string> renamed = {{"DeviceVendor", "leef.vendor"},
                                                      {"DeviceProduct", "leef.product"},
                                                      {"DeviceVersion", "leef.productVersion"},
                                                      {"DeviceEvent", "leef.eventId"},
                                                      {"ip_src_addr", "src"}};
  const std::set<std::string> artefacts = {"guid", "timestamp", "original_string", "source.type"};
  auto parser = MakeLeefParser(LeefOptions{.strict = true});
  Arena arena;
  ParseLimits limits;
  ParsedMessage msg;
  std::string line, expected_line;
  int lines = 0, equal = 0, truncated_by_metron = 0;
  while (std::getline(raw, line) && std::getline(parsed, expected_line)) {
    ++lines;
    SCOPED_TRACE("line " + std::to_string(lines));
    json expected = json::parse(expected_line);
    msg.Clear();
    ParseContext ctx{&arena, &limits, 0};
    ASSERT_TRUE(parser->Parse(line, ctx, &msg).ok());
    EXPECT_EQ(msg.vendor, "Trend Micro");
    EXPECT_EQ(msg.event_id, expected["DeviceEvent"].get<std::string>());
    std::set<std::string> compared;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (artefacts.count(it.key())) continue;
      std::string key = renamed.count(it.key()) ? renamed.at(it.key()) : it.key();
      compared.insert(key);
      const std::string want = it->get<std::string>();
      const Field* f = msg.Find(key);
      ASSERT_NE(f, nullptr) << key;
      if (f->value == want) {
        ++equal;
      } else {
        EXPECT_TRUE(f->value.starts_with(want + "="))
            << key << ": metron '" << want << "' recproc '" << f->value << "'";
        ++truncated_by_metron;
      }
    }
    // Nothing recproc emits is unknown to Metron, except what sits behind a
    // value Metron truncated (none here) and the header's leef.version.
    for (const Field& f : msg.fields)
      EXPECT_TRUE(compared.count(std::string(f.key)) || f.key == "leef.version") << "extra key " << f.key;
  }
  EXPECT_EQ(lines, 4);
  std::cout << "metron leef: " << lines << " lines; " << equal << " values equal, " << truncated_by_metron
            << " longer in recproc where Metron cut a value at an inner '='\n";
}

}  // namespace
}  // namespace recproc
