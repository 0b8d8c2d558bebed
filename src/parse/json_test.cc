#include "parse/json.h"

#include <gtest/gtest.h>

#include <string>

#include "parse/parser_test_fixture.h"

namespace recproc {
namespace {

class JsonTest : public ParserFixture<const JsonOptions&, MakeJsonParser> {
 protected:
  ValueKind KindOf(std::string_view key) {
    const Field* f = msg.Find(key);
    EXPECT_NE(f, nullptr) << key;
    return f ? f->kind : ValueKind::kNull;
  }
};

TEST_F(JsonTest, FlattensObjectsAndArraysWithOneBasedIndexes) {
  ASSERT_TRUE(Run({}, R"({"a":{"b":"x","c":[{"d":1},{"d":2}]},"e":[],"f":{},"g":null,"h":true})").ok());
  EXPECT_EQ(Get("a.b"), "x");
  EXPECT_EQ(Get("a.c.1.d"), "1");
  EXPECT_EQ(Get("a.c.2.d"), "2");
  EXPECT_EQ(Get("e"), "[]");
  EXPECT_EQ(Get("f"), "{}");
  EXPECT_EQ(Get("g"), "null");
  EXPECT_EQ(KindOf("g"), ValueKind::kNull);
  EXPECT_EQ(Get("h"), "true");
  EXPECT_EQ(KindOf("h"), ValueKind::kBool);
  EXPECT_EQ(msg.parser, "json");
}

TEST_F(JsonTest, NumbersKeepTheirText) {
  ASSERT_TRUE(Run({}, R"({"a":1.10,"b":-0,"c":1E+3,"s":"12","d":18446744073709551615})").ok());
  EXPECT_EQ(Get("a"), "1.10");
  EXPECT_EQ(Get("b"), "-0");
  EXPECT_EQ(Get("c"), "1E+3");
  EXPECT_EQ(Get("d"), "18446744073709551615");
  EXPECT_EQ(KindOf("a"), ValueKind::kNumber);
  EXPECT_EQ(KindOf("s"), ValueKind::kString);
}

// Regression: a number beyond 64 bits made simdjson fail the whole line.
TEST_F(JsonTest, NumbersBeyond64BitsParseAsWritten) {
  ASSERT_TRUE(Run({}, R"({"id":123456789012345678901234567890,"big":1e400,"neg":-1e400,)"
                      R"("n":{"x":"a\"1e999","y":[18446744073709551616,-9223372036854775809]},"ok":7})")
                  .ok());
  EXPECT_EQ(Get("id"), "123456789012345678901234567890");
  EXPECT_EQ(KindOf("id"), ValueKind::kNumber);
  EXPECT_EQ(Get("big"), "1e400");
  EXPECT_EQ(KindOf("big"), ValueKind::kNumber);
  EXPECT_EQ(Get("neg"), "-1e400");
  EXPECT_EQ(Get("n.x"), "a\"1e999");  // number-like text in a string is left alone
  EXPECT_EQ(Get("n.y.1"), "18446744073709551616");
  EXPECT_EQ(Get("n.y.2"), "-9223372036854775809");
  EXPECT_EQ(Get("ok"), "7");
  EXPECT_EQ(msg.fields.size(), 7u);
}

TEST_F(JsonTest, MalformedNumbersStillFail) {
  for (std::string_view text : {R"({"a":01})", R"({"a":1.})", R"({"a":-})", R"({"a":1e})",
                                R"({"a":123456789012345678901234567890,"b":01})"}) {
    Status s = Run({}, text);
    EXPECT_FALSE(s.ok()) << text;
    EXPECT_NE(s.message().find("invalid JSON"), std::string::npos) << text << ": " << s.message();
  }
}

TEST_F(JsonTest, LimitsGiveAReason) {
  limits.max_fields = 2;
  Status s = Run({}, R"({"a":1,"b":2,"c":3})");
  EXPECT_EQ(s.message(), "more than 2 fields");
  limits = ParseLimits();
  limits.max_depth = 2;
  EXPECT_TRUE(Run({}, R"({"a":{"b":1}})").ok());
  s = Run({}, R"({"a":{"b":{"c":1}}})");
  EXPECT_EQ(s.message(), "JSON nested deeper than 2");
  limits = ParseLimits();
  limits.max_value_bytes = 3;
  s = Run({}, R"({"key":"abcd"})");
  EXPECT_EQ(s.message(), "value of 'key' longer than 3 bytes");
  s = Run({}, R"({"a":{"bc":"x"}})");  // the flattened key "a.bc" is 4 bytes
  EXPECT_EQ(s.message(), "key 'a.bc...' longer than 3 bytes");
}

TEST_F(JsonTest, Options) {
  JsonOptions o;
  o.flatten_single_lists = true;
  o.drop_nulls = true;
  ASSERT_TRUE(Run(o, R"({"a":["x"],"b":null,"c":["y","z"]})").ok());
  EXPECT_EQ(Get("a"), "x");
  EXPECT_EQ(Get("b"), "<missing>");
  EXPECT_EQ(Get("c.2"), "z");
}

TEST_F(JsonTest, NotAnObject) {
  EXPECT_FALSE(Run({}, "[1,2]").ok());
  EXPECT_FALSE(Run({}, R"({"a":1} x)").ok());
}

}  // namespace
}  // namespace recproc
