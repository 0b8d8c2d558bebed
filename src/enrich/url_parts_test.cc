#include "enrich/url_parts.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

UrlParts Parse(std::string_view url) {
  UrlParts p;
  EXPECT_TRUE(ParseUrl(url, &p)) << url;
  return p;
}

TEST(UrlPartsTest, FullUrl) {
  UrlParts p = Parse("HTTPS://user:pw@Www.Example.com:8443/a/b%20c.php?x=1&y=%41#frag");
  EXPECT_EQ(p.scheme, "HTTPS");
  EXPECT_EQ(p.userinfo, "user:pw");
  EXPECT_EQ(p.host, "Www.Example.com");
  EXPECT_EQ(p.port, "8443");
  EXPECT_EQ(p.path, "/a/b%20c.php");
  EXPECT_EQ(p.query, "x=1&y=%41");
  EXPECT_EQ(p.fragment, "frag");
}

TEST(UrlPartsTest, WithoutSchemeOrPath) {
  UrlParts p = Parse("www.example.com/index.html");
  EXPECT_EQ(p.scheme, "");
  EXPECT_EQ(p.host, "www.example.com");
  EXPECT_EQ(p.path, "/index.html");
  p = Parse("example.com");
  EXPECT_EQ(p.host, "example.com");
  EXPECT_EQ(p.path, "");
  p = Parse("example.com:8080");
  EXPECT_EQ(p.host, "example.com");
  EXPECT_EQ(p.port, "8080");
  p = Parse("//cdn.example.net/lib.js");
  EXPECT_EQ(p.host, "cdn.example.net");
  EXPECT_EQ(p.path, "/lib.js");
  p = Parse("http://example.com?q=1");
  EXPECT_EQ(p.host, "example.com");
  EXPECT_EQ(p.path, "");
  EXPECT_EQ(p.query, "q=1");
  p = Parse("  http://example.com/  \n");
  EXPECT_EQ(p.path, "/");
}

TEST(UrlPartsTest, IpHosts) {
  UrlParts p = Parse("http://[::1]:8080/x");
  EXPECT_EQ(p.host, "::1");
  EXPECT_EQ(p.port, "8080");
  p = Parse("[2001:db8::5]/y");
  EXPECT_EQ(p.host, "2001:db8::5");
  p = Parse("2001:db8::5");
  EXPECT_EQ(p.host, "2001:db8::5");
  EXPECT_EQ(p.port, "");
  p = Parse("http://10.0.0.1:80/");
  EXPECT_EQ(p.host, "10.0.0.1");
  EXPECT_EQ(p.port, "80");
}

TEST(UrlPartsTest, AtSignInPathIsNotUserinfo) {
  UrlParts p = Parse("http://example.com/users/@alice");
  EXPECT_EQ(p.host, "example.com");
  EXPECT_EQ(p.userinfo, "");
  EXPECT_EQ(p.path, "/users/@alice");
  p = Parse("https://evil.example@good.example.org/");
  EXPECT_EQ(p.host, "good.example.org");
}

TEST(UrlPartsTest, RejectsUrlsWithoutAUsableHost) {
  UrlParts p;
  for (std::string_view bad : {"", "http://", "/just/a/path", "http://[::1/x", "http://h:99999/",
                               "http://h:8o/", "http://[::1]x/", "?q=1"}) {
    EXPECT_FALSE(ParseUrl(bad, &p)) << bad;
  }
}

}  // namespace
}  // namespace recproc
