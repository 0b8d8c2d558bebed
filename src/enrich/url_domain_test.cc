#include "enrich/url_domain.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <fstream>

#include "util/entropy.h"

namespace recproc {
namespace {

// ctest runs tests of this file as concurrent processes: each writes its own files.
std::string TempPath(std::string_view name) {
  return testing::TempDir() + "/" + std::to_string(getpid()) + "_" + std::string(name);
}

// A small list in the PSL file format.
std::string MiniPsl() {
  std::string path = TempPath("url_domain_test_psl.dat");
  std::ofstream(path) << "// ===BEGIN ICANN DOMAINS===\ncom\norg\nnet\nuk\nco.uk\ncn\n公司.cn\n"
                         "// ===END ICANN DOMAINS===\n// ===BEGIN PRIVATE DOMAINS===\nduckdns.org\n"
                         "// ===END PRIVATE DOMAINS===\n";
  return path;
}

std::string Write(const std::string& name, std::string_view text) {
  std::string path = TempPath(name);
  std::ofstream(path) << text;
  return path;
}

constexpr std::string_view kRanks = "1,google.com\n2,www.example.co.uk\n7,example.co.uk\n";

std::unique_ptr<UrlDomainEnricher> Enricher(bool include_private = true) {
  UrlDomainOptions o;
  o.psl_file = MiniPsl();
  o.psl_include_private = include_private;
  o.rank_file = Write("url_domain_test_rank.csv", kRanks);
  std::unique_ptr<UrlDomainEnricher> e;
  Status s = UrlDomainEnricher::Open(o, &e);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return e;
}

TEST(UrlDomainTest, FullUrl) {
  auto e = Enricher();
  ASSERT_TRUE(e);
  Arena arena;
  UrlEnrichment u;
  ASSERT_TRUE(e->EnrichUrl("HTTPS://user@Mail.Google.COM.:443/mail/u/0/?tab=rm&ogbl#inbox", &arena, &u));
  EXPECT_EQ(u.protocol, "https");
  EXPECT_EQ(u.path, "/mail/u/0/");
  EXPECT_EQ(u.query_parameters, "tab=rm&ogbl");
  EXPECT_EQ(u.domain.fqdn, "mail.google.com");
  EXPECT_EQ(u.domain.root_domain, "google.com");
  EXPECT_EQ(u.domain.tld, "com");
  EXPECT_FALSE(u.domain.is_ip);
  ASSERT_TRUE(u.domain.entropy_fqdn && u.domain.entropy_root_domain);
  EXPECT_DOUBLE_EQ(*u.domain.entropy_fqdn, ShannonEntropy("mail.google.com"));
  EXPECT_NEAR(*u.domain.entropy_root_domain, 2.646439, 1e-6);
  EXPECT_EQ(u.domain.entropy_fqdn_json.view(), DoubleJson(ShannonEntropy("mail.google.com")).view());
  EXPECT_EQ(u.domain.entropy_root_domain_json.view(), DoubleJson(*u.domain.entropy_root_domain).view());
  EXPECT_EQ(u.domain.entropy_root_domain_json.view().substr(0, 6), "2.6464");
  ASSERT_TRUE(u.domain.rank);
  EXPECT_EQ(*u.domain.rank, 1);  // by root domain
  EXPECT_FALSE(u.domain.possible_dyndns);
}

TEST(UrlDomainTest, RankPrefersFqdnThenRootDomain) {
  auto e = Enricher();
  ASSERT_TRUE(e);
  Arena arena;
  DomainEnrichment d;
  ASSERT_TRUE(e->EnrichDomain("www.example.co.uk", &arena, &d));
  EXPECT_EQ(d.root_domain, "example.co.uk");
  EXPECT_EQ(d.tld, "uk");
  EXPECT_EQ(*d.rank, 2);
  ASSERT_TRUE(e->EnrichDomain("cdn.example.co.uk", &arena, &d));
  EXPECT_EQ(*d.rank, 7);
  ASSERT_TRUE(e->EnrichDomain("unlisted.org", &arena, &d));
  EXPECT_FALSE(d.rank);
}

TEST(UrlDomainTest, IpHostsHaveNoRootDomain) {
  auto e = Enricher();
  ASSERT_TRUE(e);
  Arena arena;
  UrlEnrichment u;
  ASSERT_TRUE(e->EnrichUrl("http://[2001:DB8::1]:8080/admin", &arena, &u));
  EXPECT_EQ(u.protocol, "http");
  EXPECT_EQ(u.domain.fqdn, "2001:db8::1");
  EXPECT_TRUE(u.domain.is_ip);
  EXPECT_TRUE(u.domain.root_domain.empty());
  EXPECT_TRUE(u.domain.tld.empty());
  EXPECT_FALSE(u.domain.entropy_fqdn);
  EXPECT_FALSE(u.domain.rank);
  ASSERT_TRUE(e->EnrichUrl("10.1.2.3/login.php", &arena, &u));
  EXPECT_EQ(u.protocol, "");
  EXPECT_EQ(u.domain.fqdn, "10.1.2.3");
  EXPECT_EQ(u.path, "/login.php");
}

TEST(UrlDomainTest, IdnHostsAreComparedInPunycode) {
  auto e = Enricher();
  ASSERT_TRUE(e);
  Arena arena;
  DomainEnrichment d;
  ASSERT_TRUE(e->EnrichDomain("WWW.食狮.公司.cn", &arena, &d));
  EXPECT_EQ(d.fqdn, "www.xn--85x722f.xn--55qx5d.cn");
  EXPECT_EQ(d.root_domain, "xn--85x722f.xn--55qx5d.cn");
  EXPECT_EQ(d.tld, "cn");
}

TEST(UrlDomainTest, DynDnsAndPrivateSuffixes) {
  Arena arena;
  DomainEnrichment d;
  auto with_private = Enricher(true);
  ASSERT_TRUE(with_private);
  ASSERT_TRUE(with_private->EnrichDomain("c2.DuckDNS.org.", &arena, &d));
  EXPECT_EQ(d.fqdn, "c2.duckdns.org");
  EXPECT_EQ(d.root_domain, "c2.duckdns.org");
  EXPECT_TRUE(d.possible_dyndns);
  ASSERT_TRUE(with_private->EnrichDomain("host.no-ip.biz", &arena, &d));
  EXPECT_TRUE(d.possible_dyndns);
  ASSERT_TRUE(with_private->EnrichDomain("notduckdns.org", &arena, &d));
  EXPECT_FALSE(d.possible_dyndns);
  auto icann = Enricher(false);
  ASSERT_TRUE(icann);
  ASSERT_TRUE(icann->EnrichDomain("c2.duckdns.org", &arena, &d));
  EXPECT_EQ(d.root_domain, "duckdns.org");
  EXPECT_TRUE(d.possible_dyndns);
}

TEST(UrlDomainTest, PublicSuffixAndSingleLabelHosts) {
  auto e = Enricher();
  ASSERT_TRUE(e);
  Arena arena;
  DomainEnrichment d;
  ASSERT_TRUE(e->EnrichDomain("co.uk", &arena, &d));
  EXPECT_TRUE(d.root_domain.empty());
  EXPECT_FALSE(d.entropy_root_domain);
  EXPECT_EQ(d.tld, "uk");
  ASSERT_TRUE(e->EnrichDomain("intranet", &arena, &d));
  EXPECT_EQ(d.fqdn, "intranet");
  EXPECT_TRUE(d.tld.empty());
  EXPECT_TRUE(d.root_domain.empty());
}

TEST(UrlDomainTest, GarbageIsRejectedAndCleared) {
  auto e = Enricher();
  ASSERT_TRUE(e);
  Arena arena;
  UrlEnrichment u;
  u.protocol = "stale";
  EXPECT_FALSE(e->EnrichUrl("-", &arena, &u));
  EXPECT_TRUE(u.protocol.empty());
  EXPECT_FALSE(e->EnrichUrl("http://exa mple.com/", &arena, &u));
  EXPECT_FALSE(e->EnrichUrl("/relative/path", &arena, &u));
  DomainEnrichment d;
  EXPECT_FALSE(e->EnrichDomain("", &arena, &d));
  EXPECT_FALSE(e->EnrichDomain("a..b", &arena, &d));
}

TEST(UrlDomainTest, ProvenanceAndLoadErrors) {
  auto e = Enricher();
  ASSERT_TRUE(e);
  std::vector<FileFingerprint> p = e->provenance();
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].path, MiniPsl());
  EXPECT_EQ(p[1].size, kRanks.size());
  EXPECT_EQ(p[2].path, "builtin:content/default/dyndns_suffixes.txt");

  UrlDomainOptions o;
  o.psl_file = MiniPsl();
  o.rank_file = Write("url_domain_test_badrank.csv", "1,google.com\nrank,domain\n3,exa mple.com\n");
  std::unique_ptr<UrlDomainEnricher> bad;
  Status s = UrlDomainEnricher::Open(o, &bad);
  EXPECT_EQ(s.message(), o.rank_file + ":2: rank must be a positive integer, found \"rank\"\n" + o.rank_file +
                             ":3: not a domain name: \"exa mple.com\"");
  o.rank_file.clear();
  o.dyndns_file = TempPath("missing-dyndns.txt");
  EXPECT_EQ(UrlDomainEnricher::Open(o, &bad).code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace recproc

namespace recproc {
namespace {

TEST(UrlDomainTest, StoredCopyOutlivesTheArenaAndInput) {
  auto e = Enricher();
  ASSERT_TRUE(e);
  StoredUrlEnrichment stored;
  {
    Arena arena;
    std::string url = "HTTP://WWW.Google.com/search?q=x";
    UrlEnrichment u;
    ASSERT_TRUE(e->EnrichUrl(url, &arena, &u));
    stored.Assign(u);
    url.assign(url.size(), '#');
  }
  const UrlEnrichment& s = stored.get();
  EXPECT_EQ(s.protocol, "http");
  EXPECT_EQ(s.path, "/search");
  EXPECT_EQ(s.query_parameters, "q=x");
  EXPECT_EQ(s.domain.fqdn, "www.google.com");
  EXPECT_EQ(s.domain.root_domain, "google.com");
  EXPECT_EQ(s.domain.tld, "com");
  EXPECT_EQ(*s.domain.rank, 1);
  EXPECT_EQ(s.domain.entropy_fqdn_json.view(), DoubleJson(ShannonEntropy("www.google.com")).view());

  Arena arena;
  UrlEnrichment ip;
  ASSERT_TRUE(e->EnrichUrl("http://10.0.0.1/", &arena, &ip));
  stored.Assign(ip);
  EXPECT_EQ(stored.get().domain.fqdn, "10.0.0.1");
  EXPECT_TRUE(stored.get().domain.root_domain.empty());
  EXPECT_TRUE(stored.get().domain.tld.empty());
}

}  // namespace
}  // namespace recproc
