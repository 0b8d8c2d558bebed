#include "parse/regex_parser.h"

#include <gtest/gtest.h>

#include <string>

namespace recproc {
namespace {

class RegexParserTest : public ::testing::Test {
 protected:
  Status Build(const RegexParserOptions& o) { return MakeRegexParser(o, &parser); }
  Status Run(std::string_view text) {
    msg.Clear();
    ParseContext ctx{&arena, &limits, 0};
    return parser->Parse(text, ctx, &msg);
  }
  std::string Get(std::string_view key) {
    const Field* f = msg.Find(key);
    return f ? std::string(f->value) : "<missing>";
  }
  std::unique_ptr<Parser> parser;
  Arena arena;
  ParseLimits limits;
  ParsedMessage msg;
};

TEST_F(RegexParserTest, GrokAndNamedGroupsAnchoredAtStart) {
  RegexParserOptions o;
  o.pattern = R"(%{SYSLOGTIMESTAMP:time} %{HOSTNAME:host} sshd\[%{INT:pid}\]: (?P<outcome>Accepted|Failed) )"
              R"(password for %{USER:user} from %{IP:src.ip} port %{INT:src.port})";
  o.name = "sshd";
  ASSERT_TRUE(Build(o).ok());
  ASSERT_TRUE(
      Run("  Jan  8 10:00:00 web1 sshd[42]: Failed password for root from 2001:db8::7 port 2222 ssh2  ")
          .ok());
  EXPECT_EQ(Get("time"), "Jan  8 10:00:00");
  EXPECT_EQ(Get("host"), "web1");
  EXPECT_EQ(Get("pid"), "42");
  EXPECT_EQ(Get("outcome"), "Failed");
  EXPECT_EQ(Get("user"), "root");
  EXPECT_EQ(Get("src.ip"), "2001:db8::7");
  EXPECT_EQ(Get("src.port"), "2222");
  EXPECT_EQ(msg.parser, "sshd");
  EXPECT_EQ(msg.log_format, "Regex");
  // Anchored at the start: a prefix makes it fail.
  EXPECT_FALSE(Run("x Jan  8 10:00:00 web1 sshd[42]: Failed password for root from ::1 port 2").ok());
}

TEST_F(RegexParserTest, OptionalGroupsAndTemporaries) {
  RegexParserOptions o;
  o.pattern = R"(%{WORD:_$verb} (?:user=%{USER:user})?;%{GREEDYDATA:rest})";
  ASSERT_TRUE(Build(o).ok());
  ASSERT_TRUE(Run("login ;tail text").ok());
  EXPECT_EQ(msg.Find("_$verb"), nullptr);
  EXPECT_EQ(msg.Find("user"), nullptr);
  EXPECT_EQ(Get("rest"), "tail text");
}

TEST_F(RegexParserTest, RepeatMatchWithKeyValuePairs) {
  RegexParserOptions o;
  o.pattern = R"re(%{WORD:_$FIELD_1}=(?:"(?P<_VAL_1>[^"]*)"|%{NOTSPACE:_$VAL_1}))re";
  o.repeat_match = true;
  ASSERT_TRUE(Build(o).ok());
  ASSERT_TRUE(Run(R"(devname="FGT 60E" srcip=10.0.0.1 junk action=deny)").ok());
  ASSERT_EQ(msg.fields.size(), 3u);
  EXPECT_EQ(Get("devname"), "FGT 60E");
  EXPECT_EQ(Get("srcip"), "10.0.0.1");
  EXPECT_EQ(Get("action"), "deny");
}

TEST_F(RegexParserTest, RequireFullMatch) {
  RegexParserOptions o;
  o.pattern = "%{IPV6:f}";
  ASSERT_TRUE(Build(o).ok());
  EXPECT_TRUE(Run("2001:DB8::8::800:200C:417A").ok());  // prefix "2001:DB8::8" matches
  o.require_full_match = true;
  ASSERT_TRUE(Build(o).ok());
  EXPECT_FALSE(Run("2001:DB8::8::800:200C:417A").ok());
  ASSERT_TRUE(Run("::FFFF:129.144.52.38").ok());
  EXPECT_EQ(Get("f"), "::FFFF:129.144.52.38");
}

TEST_F(RegexParserTest, BuildErrors) {
  RegexParserOptions o;
  EXPECT_FALSE(Build(o).ok());
  o.pattern = "%{NOPE:x}";
  EXPECT_FALSE(Build(o).ok());
  o.pattern = "(unclosed";
  Status s = Build(o);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("missing )"), std::string::npos) << s.message();
  o.pattern = "%{WORD:_$FIELD_1}=";
  s = Build(o);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("_$VAL_1"), std::string::npos) << s.message();
  o.pattern = "%{WORD:_$FIELD_0}=%{WORD:_$VAL_0}";
  EXPECT_FALSE(Build(o).ok());
}

TEST_F(RegexParserTest, FieldLimit) {
  RegexParserOptions o;
  o.pattern = "%{WORD:a} %{WORD:b}";
  ASSERT_TRUE(Build(o).ok());
  limits.max_fields = 1;
  EXPECT_EQ(Run("x y").code(), Status::Code::kLimitExceeded);
}

}  // namespace
}  // namespace recproc
