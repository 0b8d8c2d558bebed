#include "normalize/csv_table.h"

#include <gtest/gtest.h>

#include <vector>

namespace recproc {
namespace {

using Cells = std::vector<std::string>;

TEST(CsvTableTest, HeaderRowsQuotingAndLineNumbers) {
  ConfigErrors errors;
  CsvTable t;
  ASSERT_TRUE(
      ParseCsvTable("\xEF\xBB\xBFid,name\r\n"
                    "1,alice\r\n"
                    "\n"
                    "\"2\",\"Smith, \"\"Bob\"\"\"\n"
                    "3,\"multi\nline\"\n"
                    "4,\n"
                    "5,last",
                    "t.csv", &t, &errors))
      << errors.ToString();
  EXPECT_EQ(t.header, (Cells{"id", "name"}));
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1", "alice"}));
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[1].cells, (Cells{"2", "Smith, \"Bob\""}));
  EXPECT_EQ(t.rows[1].line, 4);
  EXPECT_EQ(t.rows[2].cells, (Cells{"3", "multi\nline"}));
  EXPECT_EQ(t.rows[3].cells, (Cells{"4", ""}));
  EXPECT_EQ(t.rows[3].line, 7);
  EXPECT_EQ(t.rows[4].cells, (Cells{"5", "last"}));
  EXPECT_EQ(t.Column("name"), 1);
  EXPECT_EQ(t.Column("Name"), -1);
}

TEST(CsvTableTest, BadQuotingNamesLineAndColumn) {
  struct Case {
    const char* text;
    const char* where;
  } cases[] = {
      {"a,b\n1,x\"y\n", "t.csv:2:4"},         // quote inside a bare cell
      {"a,b\n1,\"x\"y\n", "t.csv:2:6"},       // text after the closing quote
      {"a,b\n1,2\n3,\"open\n", "t.csv:3:3"},  // never closed
  };
  for (const Case& c : cases) {
    ConfigErrors errors;
    CsvTable t;
    EXPECT_FALSE(ParseCsvTable(c.text, "t.csv", &t, &errors)) << c.text;
    ASSERT_EQ(errors.size(), 1u) << c.text;
    EXPECT_EQ(errors.errors()[0].where.ToString(), c.where) << errors.ToString();
    EXPECT_NE(errors.errors()[0].message.find("bad CSV quoting"), std::string::npos);
  }
}

TEST(CsvTableTest, EmptyFileHasNoHeader) {
  ConfigErrors errors;
  CsvTable t;
  EXPECT_FALSE(ParseCsvTable("\n\n", "t.csv", &t, &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors.errors()[0].message.find("header"), std::string::npos);
}

TEST(CsvTableTest, MissingFileIsReportedAtTheConfigEntry) {
  ConfigErrors errors;
  CsvTable t;
  SourcePosition where{"site.yaml", 7, 5};
  EXPECT_FALSE(LoadCsvTable("/nonexistent/dir/t.csv", where, &t, &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(
      errors.ToString(),
      "site.yaml:7:5: error: cannot read lookup table '/nonexistent/dir/t.csv': No such file or directory\n");
}

}  // namespace
}  // namespace recproc
