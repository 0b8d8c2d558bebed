#include "util/csv_line.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

std::vector<std::string> Split(std::string_view line) {
  std::vector<std::string> f;
  std::string error;
  EXPECT_TRUE(SplitCsvLine(line, &f, &error)) << error;
  return f;
}

TEST(CsvLineTest, SplitsPlainAndQuotedFields) {
  EXPECT_EQ(Split("a,b,c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Split("10.0.0.0/8,\"Lab, building 2\",true"),
            (std::vector<std::string>{"10.0.0.0/8", "Lab, building 2", "true"}));
  EXPECT_EQ(Split("\"say \"\"hi\"\"\",x"), (std::vector<std::string>{"say \"hi\"", "x"}));
  EXPECT_EQ(Split("a,,c,"), (std::vector<std::string>{"a", "", "c", ""}));
  EXPECT_EQ(Split(""), (std::vector<std::string>{""}));
  EXPECT_EQ(Split("1,google.com\r"), (std::vector<std::string>{"1", "google.com"}));
  EXPECT_EQ(Split("\"\",x"), (std::vector<std::string>{"", "x"}));
}

TEST(CsvLineTest, ReportsBadQuoting) {
  std::vector<std::string> f;
  std::string error;
  EXPECT_FALSE(SplitCsvLine("a,\"open", &f, &error));
  EXPECT_EQ(error, "unclosed quote starting at column 3");
  EXPECT_FALSE(SplitCsvLine("\"a\"b,c", &f, &error));
  EXPECT_EQ(error, "unexpected text after closing quote at column 4");
}

}  // namespace
}  // namespace recproc
