#include "normalize/entity_lookup_table.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

LookupTableOptions Options(const char* key, const char* sub) {
  LookupTableOptions o;
  o.type = LookupTableType::kHostId;
  o.path = "hosts.csv";
  o.lookup_column = key;
  o.substitution_column = sub;
  return o;
}

std::unique_ptr<EntityLookupTable> FromText(const char* text, const LookupTableOptions& o,
                                            ConfigErrors* errors) {
  CsvTable csv;
  if (!ParseCsvTable(text, "hosts.csv", &csv, errors)) return nullptr;
  return EntityLookupTable::FromCsv(o, csv, errors);
}

TEST(EntityLookupTableTest, ColumnsChosenByName) {
  ConfigErrors errors;
  auto t = FromText(
      "owner,hostname,id\n"
      "ops,testk-122.testlabs.local,d8ece0f8-10a4\n"
      "dev,build-1,AB12\n"
      "x,,empty-sub\n"
      "y,ignored,\n",
      Options("id", "hostname"), &errors);
  ASSERT_NE(t, nullptr) << errors.ToString();
  EXPECT_EQ(t->size(), 2u);
  ASSERT_NE(t->Find("d8ece0f8-10a4"), nullptr);
  EXPECT_EQ(*t->Find("d8ece0f8-10a4"), "testk-122.testlabs.local");
  EXPECT_EQ(*t->Find("AB12"), "build-1");
  EXPECT_EQ(t->Find("ab12"), nullptr);  // exact match
  EXPECT_EQ(t->Find("empty-sub"), nullptr);
  EXPECT_EQ(t->Find(""), nullptr);
  EXPECT_EQ(t->type(), LookupTableType::kHostId);
}

TEST(EntityLookupTableTest, MissingColumnsReportedAtTheHeader) {
  ConfigErrors errors;
  EXPECT_EQ(FromText("id,host\n1,a\n", Options("uuid", "hostname"), &errors), nullptr);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors.errors()[0].where.ToString(), "hosts.csv:1:1");
  EXPECT_EQ(errors.errors()[0].message,
            "lookup column 'uuid' is not in the header; the columns are 'id', 'host'");
  EXPECT_EQ(errors.errors()[1].message,
            "substitution column 'hostname' is not in the header; the columns are 'id', 'host'");
}

TEST(EntityLookupTableTest, ShortRowAndConflictingDuplicateNameTheirLines) {
  ConfigErrors errors;
  EXPECT_EQ(FromText("id,host\n1,a\n2\n1,a\n1,b\n", Options("id", "host"), &errors), nullptr);
  ASSERT_EQ(errors.size(), 2u) << errors.ToString();
  EXPECT_EQ(errors.ToString(),
            "hosts.csv:3:1: error: expected at least 2 columns, found 1\n"
            "hosts.csv:5:1: error: key '1' is already mapped to 'a' on line 2\n");
}

}  // namespace
}  // namespace recproc
