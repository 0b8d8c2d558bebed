#include "parse/access_log.h"

#include <gtest/gtest.h>

#include <string>

namespace recproc {
namespace {

class AccessLogTest : public ::testing::Test {
 protected:
  Status Run(std::string_view text, AccessLogOptions o = {}) {
    msg.Clear();
    ParseContext ctx{&arena, &limits, 0};
    return MakeAccessLogParser(o)->Parse(text, ctx, &msg);
  }
  std::string Get(std::string_view key) {
    const Field* f = msg.Find(key);
    return f ? std::string(f->value) : "<missing>";
  }
  Arena arena;
  ParseLimits limits;
  ParsedMessage msg;
};

TEST_F(AccessLogTest, Common) {
  ASSERT_TRUE(
      Run(R"(127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326)").ok());
  EXPECT_EQ(Get("client.ip"), "127.0.0.1");
  EXPECT_EQ(Get("ident"), "-");
  EXPECT_EQ(Get("user"), "frank");
  EXPECT_EQ(Get("time"), "10/Oct/2000:13:55:36 -0700");
  EXPECT_EQ(Get("method"), "GET");
  EXPECT_EQ(Get("url"), "/apache_pb.gif");
  EXPECT_EQ(Get("protocol"), "HTTP/1.0");
  EXPECT_EQ(Get("status"), "200");
  EXPECT_EQ(Get("bytes"), "2326");
  EXPECT_EQ(msg.Find("referer"), nullptr);
  EXPECT_EQ(msg.Find("vhost"), nullptr);
  EXPECT_EQ(msg.parser, "access_log");
}

TEST_F(AccessLogTest, CombinedWithEscapedQuotes) {
  ASSERT_TRUE(Run(R"(10.0.0.9 - - [01/Feb/2024:00:00:01 +0000] "GET /a?q=\"x\" HTTP/1.1" 304 - )"
                  R"x("http://example.com/" "Mozilla/5.0 (X11; Linux)")x")
                  .ok());
  EXPECT_EQ(Get("url"), R"(/a?q="x")");
  EXPECT_EQ(Get("bytes"), "-");
  EXPECT_EQ(Get("referer"), "http://example.com/");
  EXPECT_EQ(Get("user_agent"), "Mozilla/5.0 (X11; Linux)");
  EXPECT_EQ(msg.Find("xff"), nullptr);
}

TEST_F(AccessLogTest, VhostCombinedAndXff) {
  ASSERT_TRUE(
      Run(R"(www.example.com:443 10.0.0.9 - - [01/Feb/2024:00:00:01 +0000] "POST /login HTTP/2.0" 401 12 "-" "curl/8")")
          .ok());
  EXPECT_EQ(Get("vhost"), "www.example.com:443");
  EXPECT_EQ(Get("client.ip"), "10.0.0.9");
  EXPECT_EQ(Get("method"), "POST");
  ASSERT_TRUE(
      Run(R"(10.0.0.9 - - [01/Feb/2024:00:00:01 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8" "203.0.113.7, 10.1.1.1")")
          .ok());
  EXPECT_EQ(Get("xff"), "203.0.113.7, 10.1.1.1");
  ASSERT_TRUE(
      Run(R"(::1 - - [01/Feb/2024:00:00:01 +0000] "-" 408 - "-" "-" X-Forwarded-For="10.0.0.2,10.0.0.1")")
          .ok());
  EXPECT_EQ(Get("client.ip"), "::1");
  EXPECT_EQ(Get("request"), "-");
  EXPECT_EQ(Get("xff"), "10.0.0.2,10.0.0.1");
  EXPECT_TRUE(msg.notes.empty());
}

TEST_F(AccessLogTest, MalformedRequestKeptRaw) {
  ASSERT_TRUE(Run(R"(10.0.0.9 - - [01/Feb/2024:00:00:01 +0000] "\x16\x03\x01" 400 0)").ok());
  EXPECT_EQ(Get("request"), R"(\x16\x03\x01)");
  EXPECT_EQ(msg.Find("method"), nullptr);
}

TEST_F(AccessLogTest, RejectsOtherShapes) {
  EXPECT_FALSE(Run("127.0.0.1 - frank 10/Oct/2000").ok());
  EXPECT_FALSE(Run(R"(127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 20 1)").ok());
  EXPECT_FALSE(Run(R"(127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 x)").ok());
  const char* tail =
      R"(127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1 "-" "ua" "xff" 0.002)";
  EXPECT_TRUE(Run(tail).ok());
  EXPECT_EQ(msg.notes.size(), 1u);
  AccessLogOptions strict;
  strict.strict = true;
  Status s = Run(tail, strict);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("byte 82"), std::string::npos) << s.message();
}

TEST(LooksLikeAccessLogTest, Shape) {
  EXPECT_TRUE(LooksLikeAccessLog(R"(1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1)"));
  EXPECT_FALSE(LooksLikeAccessLog("date=2019-05-10 time=1"));
}

}  // namespace
}  // namespace recproc
