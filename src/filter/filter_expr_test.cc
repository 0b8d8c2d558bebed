#include "filter/filter_expr.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

using nlohmann::json;

bool Eval(const std::string& expr, const json& record) {
  FilterExpr f;
  Status s = FilterExpr::Parse(expr, &f);
  EXPECT_TRUE(s.ok()) << expr << ": " << s.message();
  return f.Evaluate(record);
}

std::string ParseError(const std::string& expr) {
  FilterExpr f;
  return FilterExpr::Parse(expr, &f).message();
}

const json kRecord = json::parse(R"({
  "status": "open", "severity": 7, "port": "443", "revoked": false,
  "src": {"ip": "10.0.0.2"}, "tags": ["vip", "prod"], "url": "https://evil.example/a.exe",
  "flat.key": "x", "empty": ""})");

TEST(FilterExpr, Comparisons) {
  EXPECT_TRUE(Eval("status == \"open\"", kRecord));
  EXPECT_FALSE(Eval("status != 'open'", kRecord));
  EXPECT_TRUE(Eval("severity >= 7", kRecord));
  EXPECT_FALSE(Eval("severity > 7", kRecord));
  EXPECT_TRUE(Eval("severity < 7.5", kRecord));
  EXPECT_TRUE(Eval("port == 443", kRecord));  // numeric string vs number
  EXPECT_TRUE(Eval("port > 80", kRecord));
  EXPECT_TRUE(Eval("revoked == false", kRecord));
  EXPECT_FALSE(Eval("revoked == true", kRecord));
  EXPECT_TRUE(Eval("status > \"apple\"", kRecord));  // bytewise
}

TEST(FilterExpr, MissingFieldsAreNull) {
  EXPECT_FALSE(Eval("nope == \"x\"", kRecord));
  EXPECT_TRUE(Eval("nope != \"x\"", kRecord));
  EXPECT_TRUE(Eval("nope == null", kRecord));
  EXPECT_FALSE(Eval("nope < 3", kRecord));
  EXPECT_FALSE(Eval("nope >= 3", kRecord));
  EXPECT_FALSE(Eval("nope", kRecord));
  EXPECT_FALSE(Eval("empty", kRecord));
  EXPECT_TRUE(Eval("status", kRecord));
}

TEST(FilterExpr, InContainsMatches) {
  EXPECT_TRUE(Eval("src.ip in [\"10.0.0.1\", \"10.0.0.2\"]", kRecord));
  EXPECT_FALSE(Eval("src.ip in ['10.0.0.1']", kRecord));
  EXPECT_TRUE(Eval("severity in [1, 7]", kRecord));
  EXPECT_FALSE(Eval("severity in []", kRecord));
  EXPECT_TRUE(Eval("tags contains \"vip\"", kRecord));
  EXPECT_FALSE(Eval("tags contains \"dev\"", kRecord));
  EXPECT_TRUE(Eval("url contains \"evil\"", kRecord));
  EXPECT_TRUE(Eval("url matches \"^https?://[^/]+\\\\.example/\"", kRecord));
  EXPECT_FALSE(Eval("severity matches \"7\"", kRecord));  // only strings match
  EXPECT_TRUE(Eval("tags.1 == \"prod\"", kRecord));
  EXPECT_TRUE(Eval("flat.key == \"x\"", kRecord));  // a dotted key wins over nesting
}

TEST(FilterExpr, BooleanLogicAndPrecedence) {
  // and binds tighter than or.
  EXPECT_TRUE(Eval("status == \"closed\" and severity > 1 or revoked == false", kRecord));
  EXPECT_FALSE(Eval("status == \"closed\" and (severity > 1 or revoked == false)", kRecord));
  EXPECT_TRUE(Eval("not status == \"closed\"", kRecord));
  EXPECT_TRUE(Eval("!(severity < 3) && (tags contains 'vip' || false)", kRecord));
  EXPECT_FALSE(Eval("not not revoked", kRecord));
}

TEST(FilterExpr, ErrorsNameTheColumn) {
  EXPECT_EQ(ParseError("status == "), "column 11: expected a field or a value, found the end");
  EXPECT_EQ(ParseError("a == 1 b"), "column 8: expected 'and', 'or' or the end, found 'b'");
  EXPECT_EQ(ParseError("(a == 1"), "column 8: expected ')', found the end");
  EXPECT_EQ(ParseError("a in [1, b]"), "column 10: expected a literal (string, number, true, false, null), found 'b'");
  EXPECT_EQ(ParseError("a == \"open"), "column 6: unterminated string");
  EXPECT_EQ(ParseError("a = 1"), "column 3: unexpected character '='");
  EXPECT_EQ(ParseError("   "), "column 1: expected an expression, found the end");
  EXPECT_NE(ParseError("a matches \"(\"").find("column 11: invalid regular expression"), std::string::npos);
}

TEST(FilterExpr, EmptyExpressionMatchesAll) {
  FilterExpr f;
  EXPECT_TRUE(f.empty());
  EXPECT_TRUE(f.Evaluate(json::object()));
}

}  // namespace
}  // namespace recproc
