#include "map/mapping_loader.h"

#include <gtest/gtest.h>

#include <string>
#include "test_paths.h"

namespace recproc {
namespace {

const std::string kData = std::string(RECPROC_SOURCE_DIR) + "/tests/data/mappings/";

class MappingLoaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ConfigErrors errors;
    schema_ = new Schema();
    ASSERT_TRUE(Schema::LoadBuiltin(&errors, schema_)) << errors.ToString();
  }
  static void TearDownTestSuite() { delete schema_; }

  // Reads inline YAML; returns the errors as text ("" when none).
  std::string Read(std::string_view yaml, std::vector<Mapping>* out = nullptr) {
    ConfigErrors errors;
    std::vector<Mapping> local;
    ReadMappings(ConfigNode::Parse(yaml, "m.yaml", &errors), *schema_, out ? out : &local);
    return errors.ToString();
  }

  static Schema* schema_;
};
Schema* MappingLoaderTest::schema_ = nullptr;

constexpr std::string_view kHeader =
    "uid: u1\nname: N\ninput: {vendor: V, product: P, event_id_pattern: _default_}\noutput: {record_type: "
    "Audit}\n";

TEST_F(MappingLoaderTest, TypoKeyIsRejectedAtItsPositionWithSuggestion) {
  ConfigErrors errors;
  std::vector<Mapping> out;
  EXPECT_FALSE(LoadMappings({kData + "typo.yaml"}, *schema_, &errors, &out));
  ASSERT_EQ(errors.size(), 1u) << errors.ToString();
  const ConfigError& e = errors.errors()[0];
  EXPECT_EQ(e.where.file, kData + "typo.yaml");
  EXPECT_EQ(e.where.line, 6);
  EXPECT_EQ(e.where.column, 32);
  EXPECT_NE(e.message.find("unknown key 'alternative_values' (did you mean 'alternate_values'?)"),
            std::string::npos)
      << e.message;
}

TEST_F(MappingLoaderTest, TargetsMustBeKnownAndMappable) {
  std::string err = Read(std::string(kHeader) +
                         "field_mappings:\n"
                         "  srcDevice_hostnme: {value: h}\n"
                         "  srcDevice_ip_countryCode: {value: cc}\n"
                         "  metadata_vendor: {value: v}\n");
  EXPECT_NE(
      err.find(
          "m.yaml:6:22: error: unknown attribute 'srcDevice_hostnme' (did you mean 'srcDevice_hostname'?)"),
      std::string::npos)
      << err;
  EXPECT_NE(err.find("attribute 'srcDevice_ip_countryCode' is filled by recproc and cannot be mapped"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("attribute 'metadata_vendor' is filled by recproc"), std::string::npos) << err;
}

TEST_F(MappingLoaderTest, RecordTypeMustBeAMappableType) {
  EXPECT_NE(Read("name: N\ninput: {vendor: V, product: P, event_id_pattern: x}\noutput: {record_type: "
                 "Authentcation}\n")
                .find("unknown record type 'Authentcation' (did you mean 'Authentication'?)"),
            std::string::npos);
  EXPECT_NE(Read("name: N\ninput: {vendor: V, product: P, event_id_pattern: x}\noutput: {record_type: "
                 "FailedRecord}\n")
                .find("made by recproc itself"),
            std::string::npos);
  EXPECT_NE(Read("name: N\ninput: {vendor: V, event_id_pattern: x}\noutput: {record_type: Audit}\n")
                .find("missing required key 'product'"),
            std::string::npos);
}

TEST_F(MappingLoaderTest, EachValueTypeNeedsItsOptions) {
  std::string err = Read(std::string(kHeader) +
                         "field_mappings:\n"
                         "  user_username: {value: u, value_type: split}\n"
                         "  description: {value: '%s-%s', value_type: format, format_parameters: [a]}\n"
                         "  action: {value: a, value_type: lokup}\n"
                         "  user_email: {value: t, value_type: time, format: epoch}\n"
                         "  bytesIn: {value: t, value_type: time, format: 'MMM dd'}\n"
                         "  severity: {value: s, value_type: lookup}\n"
                         "  errorCode: {value: e, format: epoch}\n");
  EXPECT_NE(err.find("split mapping 'user_username' needs a non-empty 'split_delimiter'"), std::string::npos)
      << err;
  EXPECT_NE(err.find("split mapping 'user_username' needs 'split_index'"), std::string::npos) << err;
  EXPECT_NE(err.find("the template has 2 %s slot(s) but 1 format_parameters"), std::string::npos) << err;
  EXPECT_NE(err.find("unknown value type 'lokup' (did you mean 'lookup'?)"), std::string::npos) << err;
  EXPECT_NE(err.find("the target must be a long attribute"), std::string::npos) << err;
  EXPECT_NE(err.find("time format 'MMM dd' has no year"), std::string::npos) << err;
  EXPECT_NE(err.find("lookup mapping 'severity' needs a 'lookup' table"), std::string::npos) << err;
  EXPECT_NE(err.find("apply only to time mappings"), std::string::npos) << err;
}

TEST_F(MappingLoaderTest, EventIdPatternKinds) {
  EXPECT_FALSE(IsRegexEventIdPattern("ConsoleLogin"));
  EXPECT_FALSE(IsRegexEventIdPattern("Security-4625"));
  EXPECT_TRUE(IsRegexEventIdPattern("login_success|login_fail"));
  EXPECT_TRUE(IsRegexEventIdPattern("box_Fire.*"));
  EXPECT_TRUE(IsRegexEventIdPattern("user.session.start"));  // '.' is a regex dot; it still matches itself

  std::vector<Mapping> ms;
  ASSERT_EQ(
      Read(
          "- {name: A, input: {vendor: V, product: P, event_id_pattern: _default_}, output: {record_type: "
          "Audit}}\n"
          "- {name: B, input: {vendor: V, product: P, event_id_pattern: '*'}, output: {record_type: Audit}}\n"
          "- {name: C, input: {vendor: V, product: P, event_id_pattern: 'a|b'}, output: {record_type: "
          "Audit}}\n"
          "- {name: D, input: {vendor: V, product: P, event_id_pattern: '4625'}, output: {record_type: "
          "Audit}}\n",
          &ms),
      "");
  ASSERT_EQ(ms.size(), 4u);
  EXPECT_EQ(ms[0].inputs[0].match, EventIdMatch::kDefault);
  EXPECT_EQ(ms[1].inputs[0].match, EventIdMatch::kDefault);
  EXPECT_EQ(ms[2].inputs[0].match, EventIdMatch::kRegex);
  EXPECT_NE(ms[2].inputs[0].regex, nullptr);
  EXPECT_EQ(ms[3].inputs[0].match, EventIdMatch::kConstant);
  EXPECT_EQ(ms[0].uid, "A");                                              // uid defaults to the name
  EXPECT_EQ(ms[0].skipped_values, (std::vector<std::string>{",", "-"}));  // the product's default

  std::string err = Read(
      "name: N\ninput: {vendor: V, product: P, event_id_pattern: 'a(b'}\noutput: {record_type: Audit}\n");
  EXPECT_NE(err.find("m.yaml:2:50: error: invalid event id pattern 'a(b'"), std::string::npos) << err;
}

TEST_F(MappingLoaderTest, SnakeAndCamelLayoutsLoadTheSameMapping) {
  ConfigErrors errors;
  std::vector<Mapping> snake, camel;
  ASSERT_TRUE(LoadMappings({kData + "vpn_snake.yaml"}, *schema_, &errors, &snake)) << errors.ToString();
  ASSERT_TRUE(LoadMappings({kData + "vpn_camel.json"}, *schema_, &errors, &camel)) << errors.ToString();
  ASSERT_EQ(snake.size(), 1u);
  ASSERT_EQ(camel.size(), 1u);
  const Mapping& s = snake[0];
  const Mapping& c = camel[0];
  EXPECT_EQ(s.uid, "1f0e2d3c-0000-4000-8000-000000000001");
  EXPECT_EQ(s.uid, c.uid);
  EXPECT_EQ(s.name, c.name);
  EXPECT_EQ(s.enabled, c.enabled);
  EXPECT_TRUE(s.relates_entities);
  EXPECT_EQ(s.relates_entities, c.relates_entities);
  EXPECT_EQ(s.record_type, c.record_type);
  EXPECT_EQ(s.product_guid, c.product_guid);
  EXPECT_EQ(s.skipped_values, c.skipped_values);
  ASSERT_EQ(s.inputs.size(), 2u);
  ASSERT_EQ(c.inputs.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(s.inputs[i].vendor, c.inputs[i].vendor);
    EXPECT_EQ(s.inputs[i].product, c.inputs[i].product);
    EXPECT_EQ(s.inputs[i].log_format, c.inputs[i].log_format);
    EXPECT_EQ(s.inputs[i].event_id_pattern, c.inputs[i].event_id_pattern);
    EXPECT_EQ(s.inputs[i].match, c.inputs[i].match);
  }
  ASSERT_EQ(s.fields.size(), 8u);
  ASSERT_EQ(c.fields.size(), 8u);
  for (size_t i = 0; i < s.fields.size(); ++i) {
    const FieldMapping& a = s.fields[i];
    const FieldMapping& b = c.fields[i];
    SCOPED_TRACE(a.target->name);
    EXPECT_EQ(a.target, b.target);
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.value, b.value);
    EXPECT_EQ(a.alternate_values, b.alternate_values);
    EXPECT_EQ(a.has_default, b.has_default);
    EXPECT_EQ(a.default_value, b.default_value);
    EXPECT_EQ(a.lookup, b.lookup);
    EXPECT_EQ(a.case_sensitive, b.case_sensitive);
    EXPECT_EQ(a.split_delimiter, b.split_delimiter);
    EXPECT_EQ(a.split_index, b.split_index);
    EXPECT_EQ(a.format_parameters, b.format_parameters);
    EXPECT_EQ(a.time.format(), b.time.format());
    EXPECT_EQ(a.field_join, b.field_join);
    EXPECT_EQ(a.join_delimiter, b.join_delimiter);
    EXPECT_EQ(a.skipped_values, b.skipped_values);
  }
  EXPECT_EQ(s.fields[4].type, ValueType::kLookup);
  EXPECT_FALSE(s.fields[4].case_sensitive);
  EXPECT_EQ(s.used_keys.keys(), c.used_keys.keys());
  EXPECT_EQ(s.used_keys.keys(), (std::vector<std::string>{"account", "client.ip", "gateway", "ip", "mail", "result",
                                                   "session", "ts"}));
}

TEST_F(MappingLoaderTest, CamelLayoutRejectsUnknownKeysToo) {
  std::string err = Read(R"({"name": "N", "recordType": "Audit",
  "structuredInputs": [{"vendor": "V", "product": "P", "eventIdPattern": "x", "logformat": "JSON"}],
  "fields": [{"name": "action", "value": "a", "alternate_values": ["b"]}]})");
  EXPECT_NE(err.find("unknown key 'logformat' (did you mean 'logFormat'?)"), std::string::npos) << err;
  EXPECT_NE(err.find("unknown key 'alternate_values' (did you mean 'alternateValues'?)"), std::string::npos)
      << err;
}

TEST_F(MappingLoaderTest, DirectoryLoadsMappingFilesInNameOrder) {
  ConfigErrors errors;
  std::vector<Mapping> out;
  ASSERT_TRUE(LoadMappings({kData + "dir"}, *schema_, &errors, &out)) << errors.ToString();
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].uid, "a-1");
  EXPECT_EQ(out[1].uid, "b-1");
  EXPECT_EQ(out[2].uid, "b-2");
}

TEST_F(MappingLoaderTest, DuplicateUidsAndMissingFilesAreErrors) {
  ConfigErrors errors;
  std::vector<Mapping> out;
  EXPECT_FALSE(LoadMappings({kData + "dir", kData + "dir/a_first.yaml", kData + "nope.yaml"}, *schema_,
                            &errors, &out));
  std::string err = errors.ToString();
  EXPECT_NE(err.find("mapping uid 'a-1' is already used at " + kData + "dir/a_first.yaml:1:1"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("nope.yaml: error: cannot read file"), std::string::npos) << err;
}

TEST_F(MappingLoaderTest, TwiceMappedAttributeIsAnError) {
  std::string err = Read(R"({"name": "N", "recordType": "Audit",
  "structuredInputs": [{"vendor": "V", "product": "P", "eventIdPattern": "x"}],
  "fields": [{"name": "action", "value": "a"}, {"name": "action", "value": "b"}]})");
  EXPECT_NE(err.find("maps 'action' twice"), std::string::npos) << err;
}

}  // namespace
}  // namespace recproc
