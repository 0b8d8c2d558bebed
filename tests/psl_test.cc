// The Public Suffix List's official test vectors (publicsuffix/list
// tests/tests.txt, CC0) through our root-domain path: NormalizeHostName then
// PublicSuffixList::RegistrableDomain, against the list of the same commit.
// Read from ../shared/corpus; skipped when absent. Inputs and expectations
// are compared in punycode, the form recproc keeps hosts in.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "enrich/host_name.h"
#include "enrich/public_suffix.h"
#include "test_paths.h"

namespace recproc {
namespace {

const std::string kPsl = std::string(RECPROC_SHARED_DIR) + "/corpus/publicsuffix/";

std::string RootOf(const PublicSuffixList& psl, const std::string& input) {
  if (input == "null") return "null";
  Arena arena;
  NormalizedHost host;
  if (!NormalizeHostName(input, &arena, &host) || host.is_ip) return "null";
  std::string_view root = psl.RegistrableDomain(host.name);
  return root.empty() ? "null" : std::string(root);
}

std::string Ascii(const std::string& name) {
  if (name == "null") return name;
  Arena arena;
  NormalizedHost host;
  if (!NormalizeHostName(name, &arena, &host)) return "<invalid " + name + ">";
  return std::string(host.name);
}

TEST(PslConformanceTest, OfficialVectors) {
  if (!std::filesystem::exists(kPsl + "tests/tests.txt")) GTEST_SKIP() << "PSL corpus not found at " << kPsl;
  std::unique_ptr<PublicSuffixList> psl;
  Status s = PublicSuffixList::Load(kPsl + "public_suffix_list.dat", /*include_private=*/true, &psl);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::ifstream in(kPsl + "tests/tests.txt");
  std::string line;
  int total = 0, passed = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line.rfind("//", 0) == 0) continue;
    size_t space = line.find(' ');
    ASSERT_NE(space, std::string::npos) << line;
    std::string input = line.substr(0, space), expected = line.substr(space + 1);
    ++total;
    std::string got = RootOf(*psl, input);
    if (got == Ascii(expected)) {
      ++passed;
    } else {
      ADD_FAILURE() << input << ": expected " << expected << " (" << Ascii(expected) << "), got " << got;
    }
  }
  std::cout << "[ INFO     ] Public Suffix List vectors: " << passed << "/" << total << " pass\n";
  EXPECT_EQ(total, 78);
}

TEST(PslConformanceTest, IcannOnlyIgnoresPrivateSection) {
  if (!std::filesystem::exists(kPsl + "public_suffix_list.dat"))
    GTEST_SKIP() << "PSL corpus not found at " << kPsl;
  std::unique_ptr<PublicSuffixList> icann, any;
  ASSERT_TRUE(PublicSuffixList::Load(kPsl + "public_suffix_list.dat", false, &icann).ok());
  ASSERT_TRUE(PublicSuffixList::Load(kPsl + "public_suffix_list.dat", true, &any).ok());
  EXPECT_EQ(RootOf(*icann, "a.b.example.uk.com"), "uk.com");
  EXPECT_EQ(RootOf(*any, "a.b.example.uk.com"), "example.uk.com");
  EXPECT_EQ(RootOf(*icann, "evil.duckdns.org"), "duckdns.org");
  EXPECT_EQ(RootOf(*any, "evil.duckdns.org"), "evil.duckdns.org");
  EXPECT_EQ(RootOf(*icann, "www.test.k12.ak.us"), "test.k12.ak.us");
  EXPECT_EQ(RootOf(*icann, "a.b.co.uk"), "b.co.uk");
  EXPECT_EQ(icann->fingerprint().size, std::filesystem::file_size(kPsl + "public_suffix_list.dat"));
}

TEST(PslTest, DebianListLoadsAndBadFilesAreRejected) {
  std::unique_ptr<PublicSuffixList> psl;
  const std::string debian = "/usr/share/publicsuffix/public_suffix_list.dat";
  if (std::filesystem::exists(debian)) {
    ASSERT_TRUE(PublicSuffixList::Load(debian, true, &psl).ok());
    EXPECT_EQ(RootOf(*psl, "somehost.sumologic.com"), "sumologic.com");
  }
  Status s = PublicSuffixList::Load("/nonexistent/psl.dat", true, &psl);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find("/nonexistent/psl.dat"), std::string::npos);
  std::string empty = ::testing::TempDir() + "/" + std::to_string(getpid()) + "_empty_psl.dat";
  std::ofstream(empty) << "// nothing here\n";
  s = PublicSuffixList::Load(empty, true, &psl);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no public suffix rules"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace recproc
