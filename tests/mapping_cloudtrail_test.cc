// Conformance of the built-in CloudTrail mappings with the Elastic AWS
// integration's expected documents (../shared/corpus/elastic-integrations/
// aws_cloudtrail, read in place: its licence forbids copying it here). Each
// input line is flattened as the JSON parser would, mapped with the hints the
// CloudTrail parser config gives (vendor "Amazon AWS", product "CloudTrail",
// event id "{{eventName}}"), and the record is compared field by field with
// the ECS document through the correspondence table of corpus/README.md plus
// the CloudTrail fields both sides carry.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "map/mapper.h"
#include "map/mapping_loader.h"
#include "map/time_value.h"
#include "mapping_support.h"
#include "test_paths.h"

namespace recproc {
namespace {

const std::string kDir = std::string(RECPROC_SHARED_DIR) + "/corpus/elastic-integrations/aws_cloudtrail/";

// ECS path -> record attribute.
struct Correspondence {
  const char* ecs;
  const char* attr;
};
constexpr Correspondence kTable[] = {
    // corpus/README.md
    {"source.ip", "srcDevice_ip"},
    {"user.name", "user_username"},
    {"event.action", "action"},
    {"event.code", "metadata_deviceEventId"},
    {"host.hostname", "device_hostname"},
    // CloudTrail fields present on both sides
    {"@timestamp", "timestamp"},
    {"event.id", "sourceUid"},
    {"event.outcome", "success"},
    {"event.provider", "cloud_service"},
    {"cloud.region", "cloud_region"},
    {"cloud.account.id", "accountId"},
    {"user.id", "user_userId"},
    {"user_agent.original", "http_userAgent"},
    {"aws.cloudtrail.error_message", "errorText"},
    {"aws.cloudtrail.console_login.additional_eventdata.mfa_used", "mfa"},
};

const nlohmann::json* At(const nlohmann::json& doc, const std::string& dotted) {
  const nlohmann::json* cur = &doc;
  std::stringstream ss(dotted);
  std::string part;
  while (std::getline(ss, part, '.')) {
    if (!cur->is_object() || !cur->contains(part)) return nullptr;
    cur = &(*cur)[part];
  }
  return cur;
}

// The record's attribute in the ECS document's spelling.
bool RecordValue(const Record& r, const std::string& attr, std::string* out) {
  if (attr == "timestamp") {
    if (r.timestamp_ms() == 0) return false;
    *out = std::to_string(r.timestamp_ms());
    return true;
  }
  const Value* v = r.Get(attr);
  if (v == nullptr) return false;
  if (attr == "success") {
    *out = v->b ? "success" : "failure";
    return true;
  }
  *out = v->kind == Value::Kind::kBool ? (v->b ? "true" : "false") : std::string(v->s);
  return true;
}

std::string ExpectedValue(const std::string& ecs, const nlohmann::json& v) {
  if (ecs == "@timestamp") {
    int64_t ms = 0;
    if (!ParseMappedTime(v.get<std::string>(), "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "", &ms)) return "<bad time>";
    return std::to_string(ms);
  }
  return v.is_string() ? v.get<std::string>() : v.dump();
}

TEST(MappingCloudTrailConformance, AgreesWithElasticExpectedDocuments) {
  std::ifstream log(kDir + "test-console-login-json.log");
  std::ifstream expected_file(kDir + "test-console-login-json.log-expected.json");
  if (!log || !expected_file) GTEST_SKIP() << "corpus not found at " << kDir << " (../shared absent)";

  ConfigErrors errors;
  Schema schema;
  ASSERT_TRUE(Schema::LoadBuiltin(&errors, &schema)) << errors.ToString();
  std::vector<Mapping> ms;
  ASSERT_TRUE(LoadMappings({"builtin:content/default/mappings/aws_cloudtrail.yaml"}, schema, &errors, &ms))
      << errors.ToString();
  Mapper mapper(std::move(ms), &schema);
  Arena arena;
  MapStats stats = mapper.NewStats();
  MapContext ctx;
  ctx.arena = &arena;
  ctx.stats = &stats;

  nlohmann::json expected = nlohmann::json::parse(expected_file)["expected"];
  std::map<std::string, std::pair<int, int>> per_field;  // attr -> (agree, compared)
  std::string line;
  size_t n = 0;
  while (std::getline(log, line)) {
    if (line.empty()) continue;
    ASSERT_LT(n, expected.size());
    const nlohmann::json& want = expected[n++];
    nlohmann::json doc = nlohmann::json::parse(line);
    FlatJson flat;
    ParsedMessage msg;
    msg.vendor = "Amazon AWS";
    msg.product = "CloudTrail";
    msg.log_format = "JSON";
    std::string event_id = doc.value("eventName", "");
    msg.event_id = event_id;
    flat.Flatten(doc, &msg);
    std::vector<Record> records;
    std::string_view reason;
    ASSERT_EQ(mapper.Map(msg, ctx, &records, &reason), 1u) << reason;
    const Record& r = records[0];
    // ECS event.category authentication <-> our record type.
    const nlohmann::json* category = At(want, "event.category");
    ASSERT_NE(category, nullptr);
    EXPECT_EQ((*category)[0], "authentication");
    EXPECT_EQ(r.object_type(), "Authentication");

    for (const Correspondence& c : kTable) {
      const nlohmann::json* v = At(want, c.ecs);
      if (v == nullptr) continue;  // the ECS document does not carry it
      std::string want_text = ExpectedValue(c.ecs, *v);
      std::string got;
      bool present = RecordValue(r, c.attr, &got);
      auto& [agree, compared] = per_field[c.attr];
      ++compared;
      if (present && got == want_text) {
        ++agree;
      } else {
        ADD_FAILURE() << "line " << n << ": " << c.ecs << " = '" << want_text << "' but " << c.attr << " = "
                      << (present ? "'" + got + "'" : std::string("<absent>"));
      }
    }
  }
  EXPECT_EQ(n, expected.size());
  int agree_total = 0, compared_total = 0;
  for (const auto& [attr, counts] : per_field) {
    std::cout << "[ cloudtrail ] " << attr << ": " << counts.first << "/" << counts.second << " agree\n";
    agree_total += counts.first;
    compared_total += counts.second;
  }
  std::cout << "[ cloudtrail ] total: " << agree_total << "/" << compared_total << " field values agree over "
            << n << " events\n";
  EXPECT_GT(compared_total, 30);
}

}  // namespace
}  // namespace recproc
