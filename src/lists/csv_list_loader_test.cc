#include "lists/csv_list_loader.h"

#include <gtest/gtest.h>

#include "lists/csv_records.h"

namespace recproc {
namespace {

TEST(CsvRecords, QuotingAcrossLinesAndLineNumbers) {
  CsvRecords r("a,\"b,c\",\"d\"\"e\"\r\n\n\"multi\nline\",x\nlast", CsvOptions{});
  std::vector<std::string> f;
  std::string err;
  ASSERT_EQ(r.Next(&f, &err), CsvRecords::Result::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b,c", "d\"e"}));
  EXPECT_EQ(r.line(), 1);
  ASSERT_EQ(r.Next(&f, &err), CsvRecords::Result::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"multi\nline", "x"}));
  EXPECT_EQ(r.line(), 3);
  ASSERT_EQ(r.Next(&f, &err), CsvRecords::Result::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"last"}));
  EXPECT_EQ(r.line(), 5);
  EXPECT_EQ(r.Next(&f, &err), CsvRecords::Result::kEnd);
}

TEST(ValueCsv, AnyColumnOrderQuotedCommasExpiryAndActive) {
  ListItems out;
  ConfigErrors errors;
  EXPECT_TRUE(
      LoadValueCsv("description,Active,expires,value\n"
                   "\"Qualys, external\",true,2020-08-17 01:18:00,5.6.0.0/16\n"
                   ",FALSE,,evil.example\n"
                   "plain,,,10.1.2.3\n",
                   "l.csv", &out, &errors))
      << errors.ToString();
  ASSERT_EQ(out.items.size(), 3u);
  EXPECT_EQ(out.Text(out.items[0].value), "5.6.0.0/16");
  EXPECT_EQ(out.Text(out.items[0].description), "Qualys, external");
  EXPECT_EQ(out.items[0].expiration_ms, 1597627080000);
  EXPECT_TRUE(out.items[0].active);
  EXPECT_EQ(out.items[0].line, 2u);
  EXPECT_FALSE(out.items[1].active);
  EXPECT_EQ(out.items[1].expiration_ms, kNoExpiry);
  EXPECT_EQ(out.Text(out.items[2].description), "plain");
}

TEST(ValueCsv, BadRowsReportedWithLineAndSkipped) {
  ListItems out;
  ConfigErrors errors;
  EXPECT_FALSE(
      LoadValueCsv("value,expires,active\n"
                   "1.2.3.4,,\n"
                   "\"broken\"x,,\n"
                   "5.6.7.8,next week,\n"
                   "9.9.9.9,,maybe\n"
                   ",,\n"
                   "8.8.8.8,,\n",
                   "l.csv", &out, &errors));
  ASSERT_EQ(errors.size(), 4u) << errors.ToString();
  EXPECT_EQ(errors.errors()[0].where.ToString(), "l.csv:3:1");
  EXPECT_NE(errors.errors()[0].message.find("broken quoting"), std::string::npos);
  EXPECT_EQ(errors.errors()[1].where.line, 4);
  EXPECT_EQ(errors.errors()[2].where.line, 5);
  EXPECT_EQ(errors.errors()[3].where.line, 6);
  ASSERT_EQ(out.items.size(), 2u);
  EXPECT_EQ(out.Text(out.items[1].value), "8.8.8.8");
}

TEST(ValueCsv, HeaderWithoutValueAndUnterminatedQuote) {
  ListItems out;
  ConfigErrors errors;
  EXPECT_FALSE(LoadValueCsv("ip,description\n1.2.3.4,x\n", "a.csv", &out, &errors));
  EXPECT_EQ(errors.errors().at(0).message, "the header must name a 'value' column");
  ConfigErrors errors2;
  EXPECT_FALSE(LoadValueCsv("value\n1.2.3.4\n\"open\n", "b.csv", &out, &errors2));
  EXPECT_EQ(errors2.errors().at(0).where.line, 3);
  ListItems empty;
  ConfigErrors errors3;
  EXPECT_TRUE(LoadValueCsv("", "empty.csv", &empty, &errors3));
  EXPECT_TRUE(empty.items.empty());
}

TEST(NamedColumnCsv, FeodoLayoutAndThreatFoxSpaces) {
  ListItems out;
  ConfigErrors errors;
  EXPECT_TRUE(
      LoadNamedColumnCsv("# banner\r\n#\r\n\"first_seen_utc\",\"dst_ip\",\"malware\"\r\n"
                         "\"2021-01-17 07:30:05\",\"67.213.75.205\",\"Dridex\"\r\n",
                         "f.csv", {"dst_ip", "malware"}, &out, &errors))
      << errors.ToString();
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_EQ(out.Text(out.items[0].value), "67.213.75.205");
  EXPECT_EQ(out.Text(out.items[0].description), "Dridex");
  EXPECT_EQ(out.items[0].line, 4u);

  ListItems tf;
  EXPECT_TRUE(
      LoadNamedColumnCsv("# comment\n# \"first_seen_utc\", \"ioc_value\", \"ioc_type\"\n"
                         "\"2024-01-01\", \"evil.example\", \"domain\"\n",
                         "tf.csv", {"ioc_value", ""}, &tf, &errors))
      << errors.ToString();
  ASSERT_EQ(tf.items.size(), 1u);
  EXPECT_EQ(tf.Text(tf.items[0].value), "evil.example");

  ListItems none;
  EXPECT_FALSE(LoadNamedColumnCsv("a,b\n1,2\n", "n.csv", {"dst_ip", ""}, &none, &errors));
}

}  // namespace
}  // namespace recproc
