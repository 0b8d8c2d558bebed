#include "map/mapper.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <string>

#include "map/mapping_loader.h"

namespace recproc {
namespace {

struct KV {
  std::string_view key;
  std::string_view value;
  ValueKind kind = ValueKind::kString;
};

ParsedMessage Msg(std::string_view vendor, std::string_view product, std::string_view event_id,
                  std::initializer_list<KV> fields) {
  ParsedMessage m;
  m.vendor = vendor;
  m.product = product;
  m.event_id = event_id;
  m.log_format = "JSON";
  m.parser = "json";
  for (const KV& kv : fields) m.fields.push_back(Field{kv.key, kv.value, kv.kind});
  return m;
}

class MapperTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ConfigErrors errors;
    schema_ = new Schema();
    ASSERT_TRUE(Schema::LoadBuiltin(&errors, schema_)) << errors.ToString();
  }
  static void TearDownTestSuite() { delete schema_; }

  void Build(std::string_view yaml) {
    ConfigErrors errors;
    std::vector<Mapping> ms;
    ASSERT_TRUE(ReadMappings(ConfigNode::Parse(yaml, "m.yaml", &errors), *schema_, &ms)) << errors.ToString();
    mapper_ = std::make_unique<Mapper>(std::move(ms), schema_);
    stats_ = mapper_->NewStats();
    ctx_.arena = &arena_;
    ctx_.stats = &stats_;
  }
  // Builds a one-mapping mapper for vendor V, product P, any event id, with
  // the given field_mappings body.
  void BuildFields(std::string_view field_mappings) {
    Build(
        "uid: u1\nname: Test\ninput: {vendor: V, product: P, event_id_pattern: _default_}\n"
        "output: {record_type: Audit}\nfield_mappings:\n" +
        std::string(field_mappings));
  }
  size_t Map(const ParsedMessage& msg) {
    reason_ = {};
    return mapper_->Map(msg, ctx_, &records_, &reason_);
  }
  // The single record's attribute as text ("<absent>" when not set).
  std::string Attr(std::string_view name, size_t record = 0) {
    const Value* v = records_[record].Get(name);
    if (v == nullptr) return "<absent>";
    switch (v->kind) {
      case Value::Kind::kInt:
        return std::to_string(v->i);
      case Value::Kind::kBool:
        return v->b ? "true" : "false";
      case Value::Kind::kDouble:
        return std::to_string(v->d);
      default:
        return std::string(v->s);
    }
  }
  std::string One(const ParsedMessage& msg, std::string_view attr) {
    EXPECT_EQ(Map(msg), 1u) << reason_;
    return Attr(attr);
  }

  static Schema* schema_;
  std::unique_ptr<Mapper> mapper_;
  Arena arena_;
  MapStats stats_;
  MapContext ctx_;
  std::vector<Record> records_;
  std::string_view reason_;
};
Schema* MapperTest::schema_ = nullptr;

TEST_F(MapperTest, StandardTriesAlternatesOnlyForMissingNullOrSkipped) {
  BuildFields("  action: {value: a, alternate_values: [b, c], default_value: dflt}\n");
  EXPECT_EQ(One(Msg("V", "P", "", {{"a", "A"}, {"b", "B"}}), "action"), "A");
  EXPECT_EQ(One(Msg("V", "P", "", {{"b", "B"}, {"c", "C"}}), "action"), "B");
  EXPECT_EQ(One(Msg("V", "P", "", {{"a", "null", ValueKind::kNull}, {"c", "C"}}), "action"), "C");
  EXPECT_EQ(One(Msg("V", "P", "", {{"a", " - "}, {"b", "B"}}), "action"), "B");  // skipped (default ",", "-")
  EXPECT_EQ(One(Msg("V", "P", "", {{"a", ""}, {"b", "B"}}), "action"), "");  // empty does not fall through
  EXPECT_EQ(One(Msg("V", "P", "", {{"x", "X"}}), "action"), "dflt");
}

TEST_F(MapperTest, ConstantWritesTheLiteral) {
  BuildFields("  cloud_provider: {value: AWS, value_type: constant}\n");
  EXPECT_EQ(One(Msg("V", "P", "", {}), "cloud_provider"), "AWS");
}

TEST_F(MapperTest, LookupIsCaseSensitiveByDefault) {
  BuildFields(
      "  severity: {value: s, lookup: {High: H, Low: L}}\n"  // lookup table alone means lookup
      "  action: {value: s, value_type: lookup, lookup: {High: H}, case_sensitive: 'no', default_value: "
      "other}\n");
  ASSERT_EQ(Map(Msg("V", "P", "", {{"s", "High"}})), 1u);
  EXPECT_EQ(Attr("severity"), "H");
  EXPECT_EQ(Attr("action"), "H");
  ASSERT_EQ(Map(Msg("V", "P", "", {{"s", "HIGH"}})), 1u);
  EXPECT_EQ(Attr("severity"), "<absent>");
  EXPECT_EQ(Attr("action"), "H");
  ASSERT_EQ(Map(Msg("V", "P", "", {{"s", "medium"}})), 1u);
  EXPECT_EQ(Attr("action"), "other");
  ASSERT_EQ(Map(Msg("V", "P", "", {})), 1u);
  EXPECT_EQ(Attr("action"), "other");
}

TEST_F(MapperTest, SplitCountsFromEitherEnd) {
  BuildFields(
      "  user_username: {value: u, value_type: split, split_delimiter: '@', split_index: 0}\n"
      "  user_authDomain: {value: u, value_type: split, split_delimiter: '@', split_index: -1}\n"
      "  user_role: {value: p, value_type: split, split_delimiter: '::', split_index: 2}\n"
      "  user_userId: {value: u, value_type: split, split_delimiter: '@', split_index: 5, default_value: "
      "none}\n");
  ASSERT_EQ(Map(Msg("V", "P", "", {{"u", "bob@corp@example.com"}, {"p", "a::b::c::d"}})), 1u);
  EXPECT_EQ(Attr("user_username"), "bob");
  EXPECT_EQ(Attr("user_authDomain"), "example.com");
  EXPECT_EQ(Attr("user_role"), "c");
  EXPECT_EQ(Attr("user_userId"), "none");  // out of range is missing, then the default
  ASSERT_EQ(Map(Msg("V", "P", "", {{"u", "alice"}, {"p", "a::b"}})), 1u);
  EXPECT_EQ(Attr("user_username"), "alice");
  EXPECT_EQ(Attr("user_authDomain"), "alice");
  EXPECT_EQ(Attr("user_role"), "<absent>");
}

TEST_F(MapperTest, FormatFillsSlotsInOrderAndNeedsEveryParameter) {
  BuildFields(
      "  http_url: {value: 'https://%s%s (100%%)', value_type: format, format_parameters: [host, path]}\n");
  EXPECT_EQ(One(Msg("V", "P", "", {{"path", "/x"}, {"host", "h.example"}}), "http_url"),
            "https://h.example/x (100%)");
  EXPECT_EQ(One(Msg("V", "P", "", {{"host", "h.example"}}), "http_url"), "<absent>");
}

TEST_F(MapperTest, TimeFillsTimestampOrALongAttribute) {
  BuildFields(
      "  timestamp: {value: t, value_type: time, format: \"yyyy-MM-dd'T'HH:mm:ss\", time_zone: '+01:00'}\n"
      "  bytesIn: {value: e, value_type: time, format: epoch}\n");
  ASSERT_EQ(Map(Msg("V", "P", "", {{"t", "2014-07-16T16:49:27"}, {"e", "10"}})), 1u);
  EXPECT_EQ(records_[0].timestamp_ms(), 1405525767000);
  EXPECT_EQ(records_[0].Get("timestamp"), nullptr);  // the envelope, not an attribute
  EXPECT_EQ(Attr("bytesIn"), "10000");
  // A time that does not parse is dropped and counted; the message time stays.
  ParsedMessage m = Msg("V", "P", "", {{"t", "yesterday"}});
  m.time_ms = 42;
  ASSERT_EQ(Map(m), 1u);
  EXPECT_EQ(records_[0].timestamp_ms(), 42);
  EXPECT_EQ(stats_.dropped_by_attribute[schema_->Find("timestamp")->index], 1u);
  // Neither mapped nor parsed: 0, for the pipeline to fill with receipt time.
  ASSERT_EQ(Map(Msg("V", "P", "", {})), 1u);
  EXPECT_EQ(records_[0].timestamp_ms(), 0);
}

TEST_F(MapperTest, FieldJoinThenAlternatesThenDefault) {
  BuildFields(
      "  sessionId: {field_join: [a, b, c], join_delimiter: '/', alternate_values: [x, y], default_value: "
      "D}\n");
  EXPECT_EQ(One(Msg("V", "P", "", {{"a", "1"}, {"b", "2"}, {"c", "3"}, {"x", "X"}, {"y", "Y"}}), "sessionId"),
            "1/2/3");
  EXPECT_EQ(One(Msg("V", "P", "", {{"a", "1"}, {"c", "3"}, {"x", "X"}, {"y", "Y"}}), "sessionId"), "X/Y");
  EXPECT_EQ(One(Msg("V", "P", "", {{"a", "1"}, {"x", "X"}}), "sessionId"), "D");
}

TEST_F(MapperTest, FieldAndMappingSkippedValuesCountAsMissing) {
  Build(
      "name: T\ninput: {vendor: V, product: P, event_id_pattern: _default_}\noutput: {record_type: Audit}\n"
      "skipped_values: [n/a]\n"
      "field_mappings:\n"
      "  srcDevice_ip: {value: ip, alternate_values: [ip2], skipped_values: ['0.0.0.0']}\n"
      "  action: {value: a}\n");
  ASSERT_EQ(Map(Msg("V", "P", "", {{"ip", "0.0.0.0"}, {"ip2", "10.0.0.1"}, {"a", "n/a"}})), 1u);
  EXPECT_EQ(Attr("srcDevice_ip"), "10.0.0.1");
  EXPECT_EQ(Attr("action"), "<absent>");
  // A mapping's own skipped_values replace the default ones.
  ASSERT_EQ(Map(Msg("V", "P", "", {{"a", "-"}})), 1u);
  EXPECT_EQ(Attr("action"), "-");
}

TEST_F(MapperTest, CoercionFailuresAreDroppedAndCounted) {
  BuildFields(
      "  dstPort: {value: port}\n"
      "  normalizedAction: {value: act}\n"
      "  normalizedSeverity: {value: sev}\n"
      "  success: {value: ok}\n"
      "  action: {value: act}\n");
  ASSERT_EQ(Map(Msg("V", "P", "", {{"port", "http"}, {"act", "Logon"}, {"sev", "7"}, {"ok", "YES"}})), 1u);
  EXPECT_EQ(Attr("dstPort"), "<absent>");
  EXPECT_EQ(Attr("normalizedAction"), "logon");
  EXPECT_EQ(Attr("normalizedSeverity"), "7");
  EXPECT_EQ(Attr("normalizedSeverity_description"), "high");
  EXPECT_EQ(Attr("success"), "true");
  EXPECT_EQ(Attr("action"), "Logon");
  ASSERT_EQ(Map(Msg("V", "P", "", {{"port", "3000000000"}, {"act", "login"}, {"sev", "12"}})), 1u);
  EXPECT_EQ(Attr("dstPort"), "<absent>");
  EXPECT_EQ(Attr("normalizedAction"), "<absent>");
  EXPECT_EQ(Attr("normalizedSeverity"), "<absent>");
  EXPECT_EQ(Attr("normalizedSeverity_description"), "<absent>");
  EXPECT_EQ(Attr("action"), "login");  // the rest of the record survives
  EXPECT_EQ(stats_.dropped_by_attribute[schema_->Find("dstPort")->index], 2u);
  EXPECT_EQ(stats_.dropped_by_attribute[schema_->Find("normalizedAction")->index], 1u);
  EXPECT_EQ(stats_.dropped_by_attribute[schema_->Find("normalizedSeverity")->index], 1u);
  EXPECT_EQ(stats_.dropped_values, 4u);
  EXPECT_EQ(stats_.enumeration_rejects, 2u);
}

constexpr std::string_view kSelection = R"(
- {uid: s1, name: Logins, input: {vendor: Acme, product: Gate, event_id_pattern: 'login_(ok|fail)'},
   output: {record_type: Authentication}}
- {uid: s2, name: Login ok, input: {vendor: Acme, product: Gate, event_id_pattern: login_ok},
   output: {record_type: Audit, vendor: Acme Corp, product: Gate Pro}}
- {uid: s3, name: Catch all, input: {vendor: Acme, product: Gate, event_id_pattern: _default_},
   output: {record_type: Audit}}
- {uid: s4, name: CSV only, input: {vendor: Acme, product: Gate, log_format: CSV, event_id_pattern: '7'},
   output: {record_type: Network}}
- {uid: s5, name: Off, enabled: false, input: {vendor: Acme, product: Gate, event_id_pattern: login_ok},
   output: {record_type: Audit}}
- {uid: s6, name: Two inputs, input: [{vendor: Other, product: X, event_id_pattern: 'e.*'},
                                      {vendor: Other, product: X, event_id_pattern: e1}],
   output: {record_type: Email}}
)";

TEST_F(MapperTest, EveryMatchingMappingFiresInLoadOrder) {
  Build(kSelection);
  ASSERT_EQ(Map(Msg("Acme", "Gate", "login_ok", {})), 2u);
  EXPECT_EQ(records_[0].object_type(), "Authentication");
  EXPECT_EQ(Attr("metadata_mapperUid", 0), "s1");
  EXPECT_EQ(records_[1].object_type(), "Audit");
  EXPECT_EQ(Attr("metadata_mapperUid", 1), "s2");
  EXPECT_EQ(Attr("metadata_vendor", 1), "Acme Corp");  // output names win
  EXPECT_EQ(Attr("metadata_product", 1), "Gate Pro");
  EXPECT_EQ(Attr("metadata_vendor", 0), "Acme");  // else the input's
  EXPECT_EQ(stats_.records, 2u);
}

TEST_F(MapperTest, RegexIsAFullMatchAndVendorProductIgnoreCase) {
  Build(kSelection);
  ASSERT_EQ(Map(Msg("ACME", "gate", "login_fail", {})), 1u);
  EXPECT_EQ(Attr("metadata_mapperUid"), "s1");
  ASSERT_EQ(Map(Msg("Acme", "Gate", "login_failure", {})), 1u);  // not a full match: the default fires
  EXPECT_EQ(Attr("metadata_mapperUid"), "s3");
}

TEST_F(MapperTest, DefaultFiresOnlyWhenNothingSpecificMatched) {
  Build(kSelection);
  ASSERT_EQ(Map(Msg("Acme", "Gate", "logout", {})), 1u);
  EXPECT_EQ(Attr("metadata_mapperUid"), "s3");
  EXPECT_EQ(Attr("metadata_mapperName"), "Catch all");
  // The CSV-only mapping does not see JSON; the default does.
  ASSERT_EQ(Map(Msg("Acme", "Gate", "7", {})), 1u);
  EXPECT_EQ(Attr("metadata_mapperUid"), "s3");
  ParsedMessage csv = Msg("Acme", "Gate", "7", {});
  csv.log_format = "csv";
  ASSERT_EQ(Map(csv), 1u);
  EXPECT_EQ(Attr("metadata_mapperUid"), "s4");
}

TEST_F(MapperTest, AMappingWithSeveralMatchingInputsFiresOnce) {
  Build(kSelection);
  ASSERT_EQ(Map(Msg("Other", "X", "e1", {})), 1u);
  EXPECT_EQ(Attr("metadata_mapperUid"), "s6");
}

TEST_F(MapperTest, NoMatchSaysWhichHintsWereLookedUp) {
  Build(kSelection);
  EXPECT_EQ(Map(Msg("Other", "X", "zzz", {})), 0u);
  EXPECT_EQ(reason_, "no mapping for vendor 'Other' product 'X' log format 'JSON' event id 'zzz'");
  EXPECT_EQ(Map(Msg("Nobody", "Y", "1", {})), 0u);
  EXPECT_EQ(reason_, "no mapping for vendor 'Nobody' product 'Y'");
  EXPECT_EQ(Map(Msg("", "", "", {})), 0u);
  EXPECT_EQ(reason_, "no mapping: the parser gave no vendor/product hints");
  EXPECT_EQ(stats_.unmapped_messages, 3u);
  EXPECT_EQ(stats_.messages, 3u);
}

TEST_F(MapperTest, SetsEnvelopeAndMetadata) {
  Build(R"(uid: m-1
name: Meta
input: {vendor: V, product: P, event_id_pattern: E}
output: {record_type: Network, product_guid: g-1}
field_mappings:
  normalizedSeverity: {value: '3', value_type: constant}
)");
  ParsedMessage m = Msg("V", "P", "E", {{"k", "v"}});
  m.time_ms = 1000;
  ASSERT_EQ(Map(m), 1u);
  const Record& r = records_[0];
  EXPECT_EQ(r.object_type(), "Network");
  EXPECT_EQ(r.timestamp_ms(), 1000);
  EXPECT_EQ(Attr("metadata_vendor"), "V");
  EXPECT_EQ(Attr("metadata_product"), "P");
  EXPECT_EQ(Attr("metadata_productGuid"), "g-1");
  EXPECT_EQ(Attr("metadata_deviceEventId"), "E");
  EXPECT_EQ(Attr("metadata_mapperName"), "Meta");
  EXPECT_EQ(Attr("metadata_mapperUid"), "m-1");
  EXPECT_EQ(Attr("metadata_parser"), "json");
  EXPECT_EQ(Attr("metadata_schemaVersion"), "3");
  EXPECT_EQ(Attr("normalizedSeverity_description"), "low");
  EXPECT_EQ(r.fields(), &m.fields);
}

TEST_F(MapperTest, UnmappedOutputKeepsOnlyFieldsNoMappingRead) {
  Build(R"(name: U
input: {vendor: V, product: P, event_id_pattern: _default_}
output: {record_type: Audit, fields: unmapped}
field_mappings:
  action: {value: a, alternate_values: [b]}
  description: {value: '%s', value_type: format, format_parameters: [c]}
)");
  ParsedMessage m = Msg("V", "P", "", {{"a", "1"}, {"x", "2"}, {"c", "3"}, {"y", "4"}});
  ASSERT_EQ(Map(m), 1u);
  const std::vector<Field>* f = records_[0].fields();
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->size(), 2u);
  EXPECT_EQ((*f)[0].key, "x");
  EXPECT_EQ((*f)[1].key, "y");
  // A second message in the same batch gets its own list.
  ParsedMessage m2 = Msg("V", "P", "", {{"z", "5"}});
  std::string_view reason;
  ASSERT_EQ(mapper_->Map(m2, ctx_, &records_, 1, &reason), 1u);
  ASSERT_EQ(records_.size(), 2u);
  EXPECT_EQ(records_[1].fields()->size(), 1u);
  EXPECT_EQ(records_[0].fields()->size(), 2u);
  ctx_.ResetBatch();
  EXPECT_EQ(ctx_.field_lists_used, 0u);
}

TEST_F(MapperTest, RecordsAreReusedWithoutStaleAttributes) {
  BuildFields("  action: {value: a}\n");
  ASSERT_EQ(Map(Msg("V", "P", "", {{"a", "first"}})), 1u);
  EXPECT_EQ(Attr("action"), "first");
  ASSERT_EQ(Map(Msg("V", "P", "", {})), 1u);
  EXPECT_EQ(Attr("action"), "<absent>");
  EXPECT_EQ(records_.size(), 1u);
}

}  // namespace
}  // namespace recproc

namespace recproc {
namespace {

// The candidate range is remembered per context for the last vendor/product:
// messages that alternate between vendors, change case, or name no mapping
// still get their own candidates, and a second mapper on the same context
// looks up its own.
TEST_F(MapperTest, RememberedCandidateRangeFollowsTheHints) {
  Build(kSelection);
  for (int round = 0; round < 3; ++round) {
    ASSERT_EQ(Map(Msg("Acme", "Gate", "login_fail", {})), 1u) << round;
    EXPECT_EQ(Attr("metadata_mapperUid"), "s1");
    ASSERT_EQ(Map(Msg("Other", "X", "e1", {})), 1u) << round;
    EXPECT_EQ(Attr("metadata_mapperUid"), "s6");
    ASSERT_EQ(Map(Msg("ACME", "GATE", "zzz", {})), 1u) << round;
    EXPECT_EQ(Attr("metadata_mapperUid"), "s3");
    EXPECT_EQ(Map(Msg("Acme", "Gat", "login_ok", {})), 0u) << round;
    EXPECT_EQ(reason_, "no mapping for vendor 'Acme' product 'Gat'");
    EXPECT_EQ(Map(Msg("Other", "X", "zzz", {})), 0u) << round;
  }
  // Another mapper, the same context: its own entries.
  Build(
      "uid: o1\nname: Other\ninput: {vendor: Acme, product: Gate, event_id_pattern: _default_}\n"
      "output: {record_type: Network}\n");
  ASSERT_EQ(Map(Msg("Acme", "Gate", "login_fail", {})), 1u);
  EXPECT_EQ(Attr("metadata_mapperUid"), "o1");
}

}  // namespace
}  // namespace recproc
