#include "enrich/host_name.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

std::string Norm(std::string_view host) {
  Arena arena;
  NormalizedHost h;
  if (!NormalizeHostName(host, &arena, &h)) return "<invalid>";
  return std::string(h.name) + (h.is_ip ? " (ip)" : "");
}

TEST(HostNameTest, PunycodeMatchesRfc3492AndPslVectors) {
  std::string out;
  for (auto [in, want] : std::initializer_list<std::pair<const char*, const char*>>{
           {"食狮", "85x722f"},
           {"公司", "55qx5d"},
           {"中国", "fiqs8s"},
           {"bücher", "bcher-kva"},
           {"münchen", "mnchen-3ya"},
           // RFC 3492 7.1 (B) Chinese (simplified)
           {"他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"},
           // RFC 3492 7.1 (L) 3<nen>B<gumi><kinpachi><sensei>
           {"3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"}}) {
    ASSERT_TRUE(PunycodeEncode(in, &out)) << in;
    EXPECT_EQ(out, want);
  }
  EXPECT_FALSE(PunycodeEncode("\xC3", &out));          // truncated
  EXPECT_FALSE(PunycodeEncode("\xC0\xAF", &out));      // overlong
  EXPECT_FALSE(PunycodeEncode("\xED\xA0\x80", &out));  // surrogate
}

TEST(HostNameTest, NormalizesCaseDotsIdnAndIps) {
  EXPECT_EQ(Norm("www.example.com"), "www.example.com");
  EXPECT_EQ(Norm("WWW.Example.COM."), "www.example.com");
  EXPECT_EQ(Norm("_dmarc.example.com"), "_dmarc.example.com");
  EXPECT_EQ(Norm("www.食狮.公司.cn"), "www.xn--85x722f.xn--55qx5d.cn");
  EXPECT_EQ(Norm("Bücher.Example"), "xn--bcher-kva.example");
  EXPECT_EQ(Norm("BÜCHER.example"), "xn--bcher-kva.example");
  EXPECT_EQ(Norm("10.1.2.3"), "10.1.2.3 (ip)");
  EXPECT_EQ(Norm("[2001:DB8::1]"), "2001:db8::1 (ip)");
  EXPECT_EQ(Norm("::1"), "::1 (ip)");
}

TEST(HostNameTest, RejectsWhatIsNotAHostName) {
  for (std::string_view bad : {"", ".", "a..b", ".example.com", "exa mple.com", "ex%41mple.com", "a/b",
                               "\xFF.com", "user@host", "-", "a.-.com", "_"}) {
    EXPECT_EQ(Norm(bad), "<invalid>") << bad;
  }
  EXPECT_EQ(Norm(std::string(63, 'a') + ".com"), std::string(63, 'a') + ".com");
  EXPECT_EQ(Norm(std::string(64, 'a') + ".com"), "<invalid>");
}

}  // namespace
}  // namespace recproc
