// Conformance with Filebeat's decode_cef golden file (Elastic License 2.0: read
// from RECPROC_SHARED_DIR, never copied into this repository; skipped when
// absent). For each of the 15 lines, the CEF header and every extension value
// must agree. Beats names extensions by their full dictionary name
// (`src` -> `sourceAddress`) and nests dotted keys; recproc keeps keys as
// written, so the comparison translates through cef_keys.h and flattens the
// golden objects back to dotted keys.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "parse/cef.h"
#include "parse/cef_keys.h"
#include "test_paths.h"

namespace recproc {
namespace {

using nlohmann::json;

void Flatten(const json& j, const std::string& prefix, std::map<std::string, std::string>* out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object())
      Flatten(*it, key, out);
    else
      (*out)[key] = it->is_string() ? it->get<std::string>() : it->dump();
  }
}

TEST(BeatsCefConformance, ExtensionsAgreeWithGolden) {
  const std::string dir = std::string(RECPROC_SHARED_DIR) + "/corpus/elastic-beats-decode_cef";
  if (!std::filesystem::exists(dir + "/samples.log"))
    GTEST_SKIP() << "Beats decode_cef corpus not found at " << dir
                 << " (not redistributable; see corpus/README.md)";
  std::ifstream golden_in(dir + "/samples.log.golden.json");
  json golden = json::parse(golden_in);
  std::ifstream lines(dir + "/samples.log");
  std::string line;
  std::vector<std::string> inputs;
  while (std::getline(lines, line)) inputs.push_back(line);
  ASSERT_EQ(inputs.size(), golden.size());
  ASSERT_EQ(inputs.size(), 15u);

  auto parser = MakeCefParser(CefOptions{.strict = false, .collapse_custom_labels = false});
  Arena arena;
  ParseLimits limits;
  ParsedMessage msg;
  int agreeing_lines = 0, values = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    SCOPED_TRACE("line " + std::to_string(i + 1) + ": " + inputs[i]);
    msg.Clear();
    ParseContext ctx{&arena, &limits, 0};
    ASSERT_TRUE(parser->Parse(inputs[i], ctx, &msg).ok());
    const json& cef = golden[i]["cef"];
    bool line_ok = true;
    auto expect = [&](std::string_view key, const std::string& want) {
      const Field* f = msg.Find(key);
      bool ok = f != nullptr && f->value == want;
      EXPECT_TRUE(ok) << key << ": want '" << want << "' got '" << (f ? std::string(f->value) : "<missing>")
                      << "'";
      line_ok = line_ok && ok;
    };
    expect("cef.version", std::to_string(cef["version"].get<int>()));
    expect("cef.deviceVendor", cef["device"]["vendor"].get<std::string>());
    expect("cef.deviceProduct", cef["device"]["product"].get<std::string>());
    expect("cef.deviceVersion", cef["device"]["version"].get<std::string>());
    expect("cef.signatureId", cef["device"]["event_class_id"].get<std::string>());
    expect("cef.name", cef["name"].get<std::string>());
    expect("cef.severity", cef["severity"].get<std::string>());

    std::map<std::string, std::string> want;
    Flatten(cef["extensions"], "", &want);
    std::map<std::string, std::string> got;
    for (size_t f = 7; f < msg.fields.size(); ++f) {
      std::string key(msg.fields[f].key);
      std::string_view full = CefFullKeyName(key);
      if (!full.empty()) key = std::string(full);
      // Beats' own quirk: it names cn2 "DeviceCustomNumber2" (capital D).
      if (key == "deviceCustomNumber2" && want.count("DeviceCustomNumber2")) key = "DeviceCustomNumber2";
      got[key] = std::string(msg.fields[f].value);
    }
    EXPECT_EQ(got, want);
    line_ok = line_ok && got == want;
    values += static_cast<int>(want.size());
    agreeing_lines += line_ok;
  }
  std::cout << "beats decode_cef: " << agreeing_lines << "/" << inputs.size()
            << " lines agree (header and all " << values << " extension values)\n";
}

}  // namespace
}  // namespace recproc
