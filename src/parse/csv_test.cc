#include "parse/csv.h"

#include <gtest/gtest.h>

#include <string>

#include "parse/parser_test_fixture.h"

namespace recproc {
namespace {

class CsvTest : public ParserFixture<CsvOptions, MakeCsvParser> {};

TEST_F(CsvTest, NamedColumnsExtrasByIndexAndEmptyFields) {
  CsvOptions o;
  o.columns = {"time", "src", "dst"};
  ASSERT_TRUE(Run(o, "2024-01-01,10.0.0.1,,allow,").ok());
  ASSERT_EQ(msg.fields.size(), 5u);
  EXPECT_EQ(Get("time"), "2024-01-01");
  EXPECT_EQ(Get("src"), "10.0.0.1");
  EXPECT_EQ(Get("dst"), "");
  EXPECT_EQ(Get("4"), "allow");
  EXPECT_EQ(Get("5"), "");
  EXPECT_EQ(msg.log_format, "CSV");
}

TEST_F(CsvTest, QuotingWithDoubledQuotesAndDelimiters) {
  ASSERT_TRUE(Run({}, R"(a,"b,c","say ""hi""","")").ok());
  ASSERT_EQ(msg.fields.size(), 4u);
  EXPECT_EQ(Get("1"), "a");
  EXPECT_EQ(Get("2"), "b,c");
  EXPECT_EQ(Get("3"), R"(say "hi")");
  EXPECT_EQ(Get("4"), "");
}

TEST_F(CsvTest, OtherDelimiterAndTrim) {
  CsvOptions o;
  o.delimiter = '|';
  o.trim_whitespace = true;
  ASSERT_TRUE(Run(o, " a | \"b c\" |c").ok());
  EXPECT_EQ(Get("1"), "a");
  EXPECT_EQ(Get("2"), "b c");
  EXPECT_EQ(Get("3"), "c");
}

TEST_F(CsvTest, StrictAndLenientMalformedQuotes) {
  CsvOptions strict;
  strict.strict = true;
  Status s = Run(strict, R"(a,"b"x,c)");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("byte 6"), std::string::npos) << s.message();
  EXPECT_FALSE(Run(strict, R"(a,"open)").ok());
  EXPECT_FALSE(Run(strict, R"(a,b"c)").ok());
  ASSERT_TRUE(Run({}, R"(a,"b"x,c)").ok());
  EXPECT_EQ(Get("2"), R"("b"x)");
  EXPECT_EQ(Get("3"), "c");
}

TEST_F(CsvTest, HeaderLineNamesColumns) {
  std::vector<std::string> cols;
  ASSERT_TRUE(CsvHeaderColumns(R"(time,"source ip",action)", {}, &cols).ok());
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_EQ(cols[1], "source ip");
  EXPECT_FALSE(CsvHeaderColumns("a,,b", {}, &cols).ok());
}

TEST_F(CsvTest, FieldLimit) {
  limits.max_fields = 2;
  EXPECT_EQ(Run({}, "a,b,c").code(), Status::Code::kLimitExceeded);
}

TEST(LooksLikeCsvTest, Shape) {
  EXPECT_TRUE(LooksLikeCsv("1,2024/01/01,TRAFFIC,end"));
  EXPECT_FALSE(LooksLikeCsv("{\"a\":1,\"b\":2,\"c\":3}"));
  EXPECT_FALSE(LooksLikeCsv("a,b"));
  EXPECT_TRUE(LooksLikeCsv("a|b|c", '|'));
}

}  // namespace
}  // namespace recproc
