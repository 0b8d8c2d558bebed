// Per-format catch-all mappings (vendor "*", product "*", `_default_`): they
// fire for a message of their log format only when nothing for the message's
// own vendor/product did, and their records keep the message's names.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "map/mapper.h"
#include "map/mapping_loader.h"

namespace recproc {
namespace {

constexpr std::string_view kMappings = R"(
- uid: w-cef
  name: Any CEF
  input: {vendor: "*", product: "*", log_format: CEF, event_id_pattern: _default_}
  output: {record_type: Audit}
  field_mappings:
    srcDevice_ip: {value: src}
- uid: w-noformat
  name: Wildcard without a format never fires
  input: {vendor: "*", product: "*", event_id_pattern: _default_}
  output: {record_type: Audit}
  field_mappings:
    action: {value: act}
- uid: w-specific-pattern
  name: Wildcard with an event id pattern never fires
  input: {vendor: "*", product: "*", log_format: CEF, event_id_pattern: "100"}
  output: {record_type: Audit}
  field_mappings:
    action: {value: act}
- uid: acme-login
  name: Acme login
  input: {vendor: Acme, product: Gate, log_format: CEF, event_id_pattern: login}
  output: {record_type: Authentication}
  field_mappings:
    user_username: {value: suser}
)";

class MapperWildcardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigErrors errors;
    ASSERT_TRUE(Schema::LoadBuiltin(&errors, &schema_)) << errors.ToString();
    std::vector<Mapping> ms;
    ASSERT_TRUE(ReadMappings(ConfigNode::Parse(kMappings, "m.yaml", &errors), schema_, &ms))
        << errors.ToString();
    mapper_ = std::make_unique<Mapper>(std::move(ms), &schema_);
    stats_ = mapper_->NewStats();
    ctx_.arena = &arena_;
    ctx_.stats = &stats_;
  }
  ParsedMessage Msg(std::string_view vendor, std::string_view product, std::string_view event_id,
                    std::string_view format) {
    ParsedMessage m;
    m.vendor = vendor;
    m.product = product;
    m.event_id = event_id;
    m.log_format = format;
    m.fields.push_back(Field{"src", "10.1.2.3"});
    m.fields.push_back(Field{"act", "blocked"});
    return m;
  }
  std::string Attr(std::string_view name) {
    const Value* v = records_[0].Get(name);
    return v == nullptr ? "<absent>" : std::string(v->s);
  }
  size_t Map(const ParsedMessage& m) {
    reason_ = {};
    return mapper_->Map(m, ctx_, &records_, &reason_);
  }

  Schema schema_;
  std::unique_ptr<Mapper> mapper_;
  Arena arena_;
  MapStats stats_;
  MapContext ctx_;
  std::vector<Record> records_;
  std::string_view reason_;
};

TEST_F(MapperWildcardTest, UnknownCefVendorGetsTheCatchAllWithItsOwnNames) {
  ASSERT_EQ(Map(Msg("Initech", "Sentry", "100", "CEF")), 1u) << reason_;
  EXPECT_EQ(Attr("metadata_mapperUid"), "w-cef");
  EXPECT_EQ(Attr("metadata_vendor"), "Initech");
  EXPECT_EQ(Attr("metadata_product"), "Sentry");
  EXPECT_EQ(Attr("srcDevice_ip"), "10.1.2.3");
  EXPECT_EQ(Attr("action"), "<absent>");  // neither the format-less nor the patterned wildcard fired
}

TEST_F(MapperWildcardTest, ASpecificMappingWinsOverTheCatchAll) {
  ASSERT_EQ(Map(Msg("ACME", "gate", "login", "CEF")), 1u) << reason_;
  EXPECT_EQ(Attr("metadata_mapperUid"), "acme-login");
  // Known vendor, unknown event id: the catch-all rather than a failure.
  ASSERT_EQ(Map(Msg("Acme", "Gate", "logout", "CEF")), 1u) << reason_;
  EXPECT_EQ(Attr("metadata_mapperUid"), "w-cef");
  EXPECT_EQ(Attr("metadata_vendor"), "Acme");
}

TEST_F(MapperWildcardTest, OtherFormatsAndMissingFormatsAreNotCaught) {
  EXPECT_EQ(Map(Msg("Initech", "Sentry", "100", "LEEF")), 0u);
  EXPECT_EQ(reason_, "no mapping for vendor 'Initech' product 'Sentry'");
  EXPECT_EQ(Map(Msg("Initech", "Sentry", "100", "")), 0u);
}

}  // namespace
}  // namespace recproc
