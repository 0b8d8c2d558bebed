// The built-in mappings (content/default/mappings) load cleanly against the
// built-in schema and make the records their comments promise.
#include <gtest/gtest.h>

#include <memory>

#include "map/mapper.h"
#include "map/mapping_loader.h"
#include "mapping_support.h"

namespace recproc {
namespace {

class BuiltinMappingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigErrors errors;
    ASSERT_TRUE(Schema::LoadBuiltin(&errors, &schema_)) << errors.ToString();
    std::vector<Mapping> ms;
    ASSERT_TRUE(LoadMappings({"builtin:content/default/mappings"}, schema_, &errors, &ms))
        << errors.ToString();
    mapper_ = std::make_unique<Mapper>(std::move(ms), &schema_);
    stats_ = mapper_->NewStats();
    ctx_.arena = &arena_;
    ctx_.stats = &stats_;
  }
  size_t Map(std::string_view vendor, std::string_view product, std::string_view event_id, const char* json) {
    msg_.Clear();
    msg_.vendor = vendor;
    msg_.product = product;
    msg_.event_id = event_id;
    msg_.log_format = "JSON";
    flat_ = std::make_unique<FlatJson>();
    flat_->Flatten(nlohmann::json::parse(json), &msg_);
    return mapper_->Map(msg_, ctx_, &records_, &reason_);
  }
  std::string S(std::string_view attr, size_t i = 0) {
    const Value* v = records_[i].Get(attr);
    if (v == nullptr) return "<absent>";
    if (v->kind == Value::Kind::kBool) return v->b ? "true" : "false";
    if (v->kind == Value::Kind::kInt) return std::to_string(v->i);
    return std::string(v->s);
  }

  Schema schema_;
  std::unique_ptr<Mapper> mapper_;
  Arena arena_;
  MapStats stats_;
  MapContext ctx_;
  ParsedMessage msg_;
  std::unique_ptr<FlatJson> flat_;
  std::vector<Record> records_;
  std::string_view reason_;
};

TEST_F(BuiltinMappingsTest, AllLoadInFileOrder) {
  // Files load sorted by name, mappings in file order: the first of
  // aws_cloudtrail.yaml comes first, and each file's mappings stay together
  // in their written order.
  const std::vector<Mapping>& ms = mapper_->mappings();
  auto index_of = [&ms](std::string_view name) {
    for (size_t i = 0; i < ms.size(); ++i)
      if (ms[i].name == name) return static_cast<long>(i);
    return -1L;
  };
  ASSERT_GE(ms.size(), 8u);
  EXPECT_EQ(ms[0].name, "AWS CloudTrail Console Login");
  long json = index_of("Generic JSON Catch All");
  long kv = index_of("Generic key=value catch-all");
  long syslog = index_of("Generic syslog catch-all");
  long okta = index_of("Okta System Log Catch All");
  ASSERT_GE(json, 0);
  EXPECT_EQ(kv, json + 1);  // generic_json.yaml, then generic_text.yaml
  EXPECT_EQ(syslog, kv + 1);
  EXPECT_GT(okta, syslog);
}

TEST_F(BuiltinMappingsTest, CloudTrailAssumeRoleAndCatchAll) {
  ASSERT_EQ(Map("Amazon AWS", "CloudTrail", "AssumeRoleWithSAML", R"({
    "eventTime": "2021-03-01T10:00:00Z", "eventSource": "sts.amazonaws.com", "eventName": "AssumeRoleWithSAML",
    "awsRegion": "eu-west-1", "sourceIPAddress": "203.0.113.9",
    "userIdentity": {"type": "SAMLUser", "principalId": "p1", "userName": "alice"},
    "requestParameters": {"roleArn": "arn:aws:iam::1:role/Admin", "roleSessionName": "alice-session"}})"),
            1u)
      << reason_;
  EXPECT_EQ(records_[0].object_type(), "AuthenticationPrivilegeEscalation");
  EXPECT_EQ(records_[0].timestamp_ms(), 1614592800000);
  EXPECT_EQ(S("user_username"), "alice");
  EXPECT_EQ(S("targetUser_username"), "alice-session");
  EXPECT_EQ(S("targetUser_role"), "arn:aws:iam::1:role/Admin");
  EXPECT_EQ(S("metadata_vendor"), "Amazon AWS");

  ASSERT_EQ(Map("Amazon AWS", "CloudTrail", "CreateBucket", R"({
    "eventTime": "2021-03-01T10:00:00Z", "eventSource": "s3.amazonaws.com", "eventName": "CreateBucket",
    "userIdentity": {"type": "AWSService", "invokedBy": "backup.amazonaws.com"},
    "resources": [{"type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::b1"}]})"),
            1u);
  EXPECT_EQ(records_[0].object_type(), "Audit");
  EXPECT_EQ(S("metadata_mapperName"), "AWS CloudTrail Catch All");
  EXPECT_EQ(S("user_username"), "backup.amazonaws.com");
  EXPECT_EQ(S("resource"), "arn:aws:s3:::b1");
  EXPECT_EQ(S("resourceType"), "AWS::S3::Bucket");
  EXPECT_EQ(S("cloud_service"), "s3.amazonaws.com");
}

TEST_F(BuiltinMappingsTest, OktaSessionStartIsAnAuthentication) {
  constexpr const char* kEvent = R"({
    "uuid": "u-1", "published": "2017-09-06T18:08:22.379Z", "eventType": "user.session.start",
    "severity": "WARN", "displayMessage": "User login to Okta",
    "actor": {"id": "00u1", "alternateId": "bob@example.com", "displayName": "Bob"},
    "client": {"ipAddress": "198.51.100.7", "userAgent": {"rawUserAgent": "curl/8"}},
    "outcome": {"result": "FAILURE", "reason": "INVALID_CREDENTIALS"},
    "authenticationContext": {"externalSessionId": "s-9"}})";
  ASSERT_EQ(Map("Okta", "Okta", "user.session.start", kEvent), 1u) << reason_;
  EXPECT_EQ(records_[0].object_type(), "Authentication");
  EXPECT_EQ(records_[0].timestamp_ms(), 1504721302379);
  EXPECT_EQ(S("user_username"), "bob@example.com");
  EXPECT_EQ(S("srcDevice_ip"), "198.51.100.7");
  EXPECT_EQ(S("success"), "false");
  EXPECT_EQ(S("normalizedAction"), "logon");
  EXPECT_EQ(S("normalizedSeverity"), "4");
  EXPECT_EQ(S("normalizedSeverity_description"), "medium");
  EXPECT_EQ(S("sessionId"), "s-9");

  ASSERT_EQ(Map("Okta", "Okta", "user.account.lock", kEvent), 1u);
  EXPECT_EQ(records_[0].object_type(), "Audit");
  EXPECT_EQ(S("metadata_mapperName"), "Okta System Log Catch All");
}

TEST_F(BuiltinMappingsTest, GenericJsonCatchAll) {
  ASSERT_EQ(
      Map("Generic", "JSON", "", R"({"user": {"name": "carol"}, "src_ip": "192.0.2.1", "dst_port": "443",
                                          "message": "hello", "level": "info"})"),
      1u);
  EXPECT_EQ(records_[0].object_type(), "Audit");
  EXPECT_EQ(S("user_username"), "carol");
  EXPECT_EQ(S("srcDevice_ip"), "192.0.2.1");
  EXPECT_EQ(S("dstPort"), "443");
  EXPECT_EQ(S("description"), "hello");
  EXPECT_EQ(S("severity"), "info");
  EXPECT_EQ(S("metadata_vendor"), "Generic");
}

}  // namespace
}  // namespace recproc
