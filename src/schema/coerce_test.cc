#include "schema/coerce.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

class CoerceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigErrors errors;
    ASSERT_TRUE(Schema::LoadBuiltin(&errors, &schema_)) << errors.ToString();
  }
  bool C(std::string_view attr, std::string_view text, Value* v, CoerceError* err = nullptr) {
    const AttributeDef* a = schema_.Find(attr);
    EXPECT_NE(a, nullptr) << attr;
    return Coerce(*a, text, &arena_, v, err);
  }
  Schema schema_;
  Arena arena_;
};

TEST_F(CoerceTest, Integers) {
  Value v;
  ASSERT_TRUE(C("dstPort", " 443 ", &v));
  EXPECT_EQ(v.kind, Value::Kind::kInt);
  EXPECT_EQ(v.i, 443);
  ASSERT_TRUE(C("dstPort", "+8", &v));
  EXPECT_EQ(v.i, 8);
  ASSERT_TRUE(C("pid", "-2147483648", &v));
  EXPECT_EQ(v.i, -2147483648LL);
  CoerceError err;
  EXPECT_FALSE(C("pid", "2147483648", &v, &err));  // int is 32 bits
  EXPECT_EQ(err, CoerceError::kOutOfRange);
  ASSERT_TRUE(C("bytesIn", "2147483648", &v));  // long is 64
  EXPECT_EQ(v.i, 2147483648LL);
  EXPECT_FALSE(C("bytesIn", "99999999999999999999", &v, &err));
  EXPECT_EQ(err, CoerceError::kOutOfRange);
  EXPECT_FALSE(C("dstPort", "80/tcp", &v, &err));
  EXPECT_EQ(err, CoerceError::kBadSyntax);
  EXPECT_FALSE(C("dstPort", "", &v));
  EXPECT_FALSE(C("dstPort", "4.5", &v));
}

TEST_F(CoerceTest, FloatsAndDoubles) {
  Value v;
  ASSERT_TRUE(C("srcDevice_ip_latitude", "58.4167", &v));
  EXPECT_EQ(v.kind, Value::Kind::kDouble);
  EXPECT_DOUBLE_EQ(v.d, 58.4167);
  ASSERT_TRUE(C("http_url_entropyFqdn", "1e3", &v));
  EXPECT_DOUBLE_EQ(v.d, 1000.0);
  CoerceError err;
  EXPECT_FALSE(C("srcDevice_ip_latitude", "1e39", &v, &err));  // beyond float
  EXPECT_EQ(err, CoerceError::kOutOfRange);
  EXPECT_TRUE(C("http_url_entropyFqdn", "1e39", &v));
  EXPECT_FALSE(C("http_url_entropyFqdn", "nan", &v));
  EXPECT_FALSE(C("http_url_entropyFqdn", "inf", &v));
  EXPECT_FALSE(C("http_url_entropyFqdn", "abc", &v));
}

TEST_F(CoerceTest, Booleans) {
  Value v;
  for (std::string_view t : {"true", "TRUE", "Yes", "1"}) {
    ASSERT_TRUE(C("success", t, &v)) << t;
    EXPECT_EQ(v.kind, Value::Kind::kBool);
    EXPECT_TRUE(v.b) << t;
  }
  for (std::string_view f : {"false", "False", "NO", "0"}) {
    ASSERT_TRUE(C("mfa", f, &v)) << f;
    EXPECT_FALSE(v.b) << f;
  }
  EXPECT_FALSE(C("mfa", "maybe", &v));
  EXPECT_FALSE(C("mfa", "2", &v));
}

TEST_F(CoerceTest, EnumerationsTakeOnlyTheirValues) {
  Value v;
  ASSERT_TRUE(C("normalizedAction", "LOGON", &v));
  EXPECT_EQ(v.kind, Value::Kind::kString);
  EXPECT_EQ(v.s, "logon");  // the schema's spelling
  CoerceError err;
  EXPECT_FALSE(C("normalizedAction", "login", &v, &err));
  EXPECT_EQ(err, CoerceError::kNotInEnumeration);
  ASSERT_TRUE(C("normalizedCause", "incorrect password", &v));
  EXPECT_FALSE(C("normalizedCause", "bad luck", &v));
  ASSERT_TRUE(C("normalizedSeverity", "10", &v));
  EXPECT_EQ(v.i, 10);
  EXPECT_FALSE(C("normalizedSeverity", "11", &v, &err));
  EXPECT_EQ(err, CoerceError::kNotInEnumeration);
  EXPECT_FALSE(C("normalizedSeverity", "-1", &v));
  EXPECT_FALSE(C("normalizedSeverity", "high", &v, &err));
  EXPECT_EQ(err, CoerceError::kBadSyntax);
}

TEST_F(CoerceTest, StringsListsAndMaps) {
  Value v;
  ASSERT_TRUE(C("action", "  ConsoleLogin ", &v));
  EXPECT_EQ(v.s, "  ConsoleLogin ");  // strings are kept as they are
  ASSERT_TRUE(C("listMatches", "a", &v));
  EXPECT_EQ(v.kind, Value::Kind::kStringList);
  EXPECT_EQ(v.s, "a");
  CoerceError err;
  EXPECT_FALSE(C("http_requestHeaders", "a=b", &v, &err));
  EXPECT_EQ(err, CoerceError::kNotCoercible);
}

}  // namespace
}  // namespace recproc
