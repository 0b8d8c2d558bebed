#include "enrich/rank_list.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

TEST(RankListTest, FindsNormalizedDomainsAndKeepsBestRank) {
  std::unique_ptr<RankList> r;
  const std::string text = "1,google.com\r\n2,Facebook.COM.\n\n3,google.com\n40,bücher.example\n";
  Status s = RankList::FromText(text, "top.csv", &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r->size(), 3u);
  EXPECT_EQ(r->Find("google.com"), 1);
  EXPECT_EQ(r->Find("facebook.com"), 2);
  EXPECT_EQ(r->Find("xn--bcher-kva.example"), 40);
  EXPECT_EQ(r->Find("oogle.com"), std::nullopt);
  EXPECT_EQ(r->Find("www.google.com"), std::nullopt);
  EXPECT_EQ(r->fingerprint().size, text.size());
}

TEST(RankListTest, ErrorsNameLinesAndStopAfterTwenty) {
  std::unique_ptr<RankList> r;
  Status s = RankList::FromText("0,a.com\nx\n-1,b.com\n", "top.csv", &r);
  EXPECT_EQ(s.message(),
            "top.csv:1: rank must be a positive integer, found \"0\"\n"
            "top.csv:2: expected rank,domain, found \"x\"\n"
            "top.csv:3: rank must be a positive integer, found \"-1\"");
  std::string many;
  for (int i = 0; i < 25; ++i) many += "bad\n";
  s = RankList::FromText(many, "m.csv", &r);
  EXPECT_NE(s.message().find("m.csv:20: expected"), std::string::npos);
  EXPECT_EQ(s.message().find("m.csv:21:"), std::string::npos);
  EXPECT_NE(s.message().find("m.csv: 5 more errors"), std::string::npos);
}

TEST(RankListTest, FingerprintsDifferForDifferentContents) {
  std::unique_ptr<RankList> a, b;
  ASSERT_TRUE(RankList::FromText("1,a.com\n", "x", &a).ok());
  ASSERT_TRUE(RankList::FromText("1,b.com\n", "x", &b).ok());
  EXPECT_EQ(a->fingerprint().size, b->fingerprint().size);
  EXPECT_NE(a->fingerprint().fnv1a64, b->fingerprint().fnv1a64);
  // FNV-1a 64 of the empty input is the offset basis.
  EXPECT_EQ(FingerprintBytes("e", "").ToString(), "size=0 fnv1a64=cbf29ce484222325");
  EXPECT_EQ(FingerprintBytes("e", "a").ToString(), "size=1 fnv1a64=af63dc4c8601ec8c");
}

}  // namespace
}  // namespace recproc
