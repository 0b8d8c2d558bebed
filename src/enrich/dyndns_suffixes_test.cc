#include "enrich/dyndns_suffixes.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

TEST(DynDnsSuffixesTest, MatchesOnLabelBoundaries) {
  std::unique_ptr<DynDnsSuffixes> d;
  Status s =
      DynDnsSuffixes::FromText("# providers\nDuckDNS.org  # trailing comment\n\nno-ip.biz.\n", "dd.txt", &d);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(d->size(), 2u);
  EXPECT_TRUE(d->Matches("duckdns.org"));
  EXPECT_TRUE(d->Matches("a.b.duckdns.org"));
  EXPECT_TRUE(d->Matches("x.no-ip.biz"));
  EXPECT_FALSE(d->Matches("notduckdns.org"));
  EXPECT_FALSE(d->Matches("duckdns.org.evil.com"));
  EXPECT_FALSE(d->Matches("org"));
}

TEST(DynDnsSuffixesTest, RejectsBadEntriesWithLine) {
  std::unique_ptr<DynDnsSuffixes> d;
  Status s = DynDnsSuffixes::FromText("ok.com\nnot a domain\n10.0.0.1\n", "dd.txt", &d);
  EXPECT_EQ(s.message(),
            "dd.txt:2: not a domain name: \"not a domain\"\ndd.txt:3: not a domain name: \"10.0.0.1\"");
}

TEST(DynDnsSuffixesTest, BuiltinListCoversCommonProviders) {
  std::unique_ptr<DynDnsSuffixes> d;
  Status s = DynDnsSuffixes::Builtin(&d);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GE(d->size(), 40u);
  for (const char* host : {"x.dyndns.org", "x.no-ip.com", "x.duckdns.org", "x.ddns.net", "x.hopto.org",
                           "x.zapto.org", "x.mooo.com", "x.dynu.net", "x.dedyn.io"}) {
    EXPECT_TRUE(d->Matches(host)) << host;
  }
  EXPECT_FALSE(d->Matches("www.google.com"));
}

}  // namespace
}  // namespace recproc
