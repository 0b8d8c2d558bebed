#include "parse/regex_parser.h"

#include <gtest/gtest.h>

#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

#include "util/ascii_space.h"

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

// SurelyRejects() is a shortcut, never a second opinion: wherever it says
// no, RE2's own anchored match of the same text fails. Checked over patterns
// with leading repeats, classes, alternations, case folding (ASCII and not),
// a leading .* and a required inner string,
// on their matching examples, every prefix and one-byte change of those, and
// random texts; and it does turn away texts of another shape at once.
TEST_F(RegexParserTest, SurelyRejectsOnlyWhatCannotMatch) {
  struct Case {
    std::string pattern;
    std::vector<std::string> matching;
    std::vector<std::string> rejected;  // texts it must turn away without a match
  };
  const std::vector<Case> cases = {
      {R"([:\s]*%(?:ASA|FTD)-(?:[a-z_]+-)?(?P<sev>\d)-(?P<id>106023): Deny (?P<proto>\S+))",
       {"%ASA-4-106023: Deny tcp", " : %FTD-session-4-106023: Deny udp"},
       {"CEF:0|Acme|IDS|1|2|x|3|src=1.2.3.4", "date=2026-03-14 time=09:00:00", "Accepted password", ""}},
      {R"(pam_unix\((?P<svc>[^:)]+):session\): session (?P<act>opened|closed))",
       {"pam_unix(sshd:session): session opened"},
       {"Accepted password for root", "pam_unix", "zzz"}},
      {R"((?i)user (?P<u>\w+) (?:logged|signed) in)", {"USER bob logged in", "user al signed in"}, {"!x", "~"}},
      {R"((?P<n>\d{1,3})\.(?P<m>\d+) ok)", {"10.5 ok", "1.22 ok"}, {"a.5 ok", ".5 ok", "x"}},
      {R"(a*b?c+(?P<x>d|e))", {"cd", "aaabce", "ccccd"}, {"f", "d"}},
      {R"(.*(?P<tail>end))", {"the end", "end"}, {}},
      {R"((?P<any>[\s\S]))", {"x", "\xc3\xa9"}, {}},
      // No bound on the first bytes, but a string every match contains.
      {R"((?P<a>[^,]*),(?P<t>TRAFFIC),(?P<b>[^,]*))", {"x,TRAFFIC,y", ",TRAFFIC,"},
       {"CEF:0|Acme|IDS", "a,THREAT,b", "no commas here", "a,TRAFFI,C"}},
      {R"(.*(?:alpha|beta)-x)", {"alpha-x", "zz beta-x"}, {}},
      {R"(x(?i:\x{c9}COLE) (?P<w>\w+))", {"x\xc3\x89" "COLE a", "x\xc3\xa9" "cole b"}, {}},
  };
  std::mt19937 rng(7);
  for (const Case& c : cases) {
    RegexParserOptions o;
    o.pattern = c.pattern;
    ASSERT_TRUE(Build(o).ok()) << c.pattern;
    re2::RE2 reference(c.pattern);
    ASSERT_TRUE(reference.ok());
    auto matches = [&](std::string_view text) {
      text = TrimAsciiSpace(text);
      return reference.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), re2::RE2::ANCHOR_START,
                             nullptr, 0);
    };
    std::vector<std::string> texts = c.rejected;
    for (const std::string& m : c.matching) {
      EXPECT_TRUE(matches(m)) << m;
      EXPECT_FALSE(parser->SurelyRejects(m)) << c.pattern << " / " << m;
      for (size_t i = 0; i <= m.size(); ++i) texts.push_back(m.substr(0, i));
      for (size_t i = 0; i < m.size(); ++i)
        for (unsigned char b : {0x00, 0x20, 0x2f, 0x3a, 0x41, 0x61, 0x7f, 0xff}) {
          std::string t = m;
          t[i] = static_cast<char>(b);
          texts.push_back(t);
        }
    }
    const std::string alphabet = c.pattern + " \t\x01\xfe" + "0123456789";
    for (int i = 0; i < 3000; ++i) {
      std::string t(rng() % 24, ' ');
      for (char& ch : t) ch = alphabet[rng() % alphabet.size()];
      texts.push_back(t);
    }
    for (const std::string& t : texts) {
      if (parser->SurelyRejects(t)) {
        EXPECT_FALSE(matches(t)) << c.pattern << " / '" << t << "'";
      }
    }
    for (const std::string& t : c.rejected) {
      EXPECT_TRUE(parser->SurelyRejects(t)) << c.pattern << " / '" << t << "'";
      EXPECT_FALSE(Run(t).ok());
    }
  }
}

}  // namespace
}  // namespace recproc
