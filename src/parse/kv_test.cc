#include "parse/kv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "parse/parser_test_fixture.h"

namespace recproc {
namespace {

class KvTest : public ParserFixture<KvOptions, MakeKvParser> {
 protected:
  // Run() over a text built in the test, kept alive while msg views it.
  Status RunOwned(const KvOptions& o, std::string text) {
    owned_text = std::move(text);
    return Run(o, owned_text);
  }
  std::string owned_text;
};

TEST_F(KvTest, FortiGateQuotedAndUnquoted) {
  ASSERT_TRUE(Run({},
                  "date=2019-05-10 time=11:37:47 devname=\"FGT 60E\" devid=FGT60E logid=\"0000000013\" "
                  "srcip=10.0.0.5 srcport=5353 action=accept msg='a b'")
                  .ok());
  EXPECT_EQ(Get("date"), "2019-05-10");
  EXPECT_EQ(Get("time"), "11:37:47");
  EXPECT_EQ(Get("devname"), "FGT 60E");
  EXPECT_EQ(Get("logid"), "0000000013");
  EXPECT_EQ(Get("action"), "accept");
  EXPECT_EQ(Get("msg"), "a b");
  EXPECT_EQ(msg.log_format, "KV");
  EXPECT_EQ(msg.parser, "kv");
}

TEST_F(KvTest, BackslashEscapesInQuotesOnly) {
  ASSERT_TRUE(Run({}, R"(a="x\"y\\" b='it\'s' c="C:\Windows" d=C:\x)").ok());
  EXPECT_EQ(Get("a"), R"(x"y\)");
  EXPECT_EQ(Get("b"), "it's");
  EXPECT_EQ(Get("c"), R"(C:\Windows)");
  EXPECT_EQ(Get("d"), R"(C:\x)");
}

TEST_F(KvTest, RepeatedKeysKeptInOrder) {
  ASSERT_TRUE(Run({}, "LEN=32 TTL=64 LEN=12").ok());
  ASSERT_EQ(msg.fields.size(), 3u);
  EXPECT_EQ(msg.fields[0].value, "32");
  EXPECT_EQ(msg.fields[2].key, "LEN");
  EXPECT_EQ(msg.fields[2].value, "12");
}

TEST_F(KvTest, LenientStrayWordsContinueTheUnquotedValue) {
  ASSERT_TRUE(Run({}, "msg=disk is full  user=root").ok());
  EXPECT_EQ(Get("msg"), "disk is full");
  EXPECT_EQ(Get("user"), "root");
  KvOptions strict;
  strict.strict = true;
  Status s = Run(strict, "msg=disk is full user=root");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("byte 10"), std::string::npos) << s.message();
}

TEST_F(KvTest, IptablesBareKeysAndStrictSeparators) {
  KvOptions o;
  o.allow_bare_keys = true;
  o.uppercase_keys = true;
  o.strict = true;
  ASSERT_TRUE(Run(o, "IN= OUT=eth0 SRC=176.9.56.141 DF PROTO=UDP").ok());
  EXPECT_EQ(Get("IN"), "");
  EXPECT_EQ(msg.Find("IN")->kind, ValueKind::kString);
  EXPECT_EQ(msg.Find("DF")->kind, ValueKind::kNull);
  EXPECT_EQ(Get("PROTO"), "UDP");
  EXPECT_FALSE(Run(o, "in=value").ok());
  EXPECT_FALSE(Run(o, "IN=a  OUT=b").ok());
  EXPECT_FALSE(Run(o, "IN").ok());
}

TEST_F(KvTest, CheckPointLeaLayout) {
  KvOptions o;
  o.pair_separator = ';';
  o.kv_separator = ':';
  o.trim_whitespace = true;
  ASSERT_TRUE(Run(o, "tcp_flags: RST-ACK; src: 192.168.0.1; service_id: http ;").ok());
  EXPECT_EQ(Get("tcp_flags"), "RST-ACK");
  EXPECT_EQ(Get("src"), "192.168.0.1");
  EXPECT_EQ(Get("service_id"), "http");
}

TEST_F(KvTest, StrictRejectsUnterminatedQuoteAndTrailingJunk) {
  KvOptions o;
  o.strict = true;
  EXPECT_FALSE(Run(o, "a=\"open").ok());
  EXPECT_FALSE(Run(o, "a=\"x\"y b=1").ok());
  EXPECT_FALSE(Run(o, "noname a=1").ok());
  EXPECT_TRUE(Run(o, "a= b=\"\" ").ok());
  EXPECT_EQ(Get("a"), "");
  EXPECT_EQ(Get("b"), "");
}

TEST_F(KvTest, NoPairsFails) {
  EXPECT_FALSE(Run({}, "").ok());
  EXPECT_FALSE(Run({}, "just words").ok());
}

TEST_F(KvTest, LimitsAreEnforced) {
  limits.max_fields = 2;
  Status s = Run({}, "a=1 b=2 c=3");
  EXPECT_EQ(s.code(), Status::Code::kLimitExceeded);
  limits.max_fields = 100;
  limits.max_value_bytes = 3;
  EXPECT_EQ(Run({}, "a=1234").code(), Status::Code::kLimitExceeded);
  EXPECT_EQ(Run({}, "a=1 2 3").code(), Status::Code::kLimitExceeded);  // grown by stray words
}

// The parser scans keys, values and quoted values 16 bytes per step; these
// cases put every interesting byte at every position of a block and compare
// with fields written out from the input's construction.

TEST_F(KvTest, UnquotedValuesEndingAroundBlockBoundaries) {
  for (size_t len = 0; len <= 40; ++len) {
    const std::string value(len, 'v');
    ASSERT_TRUE(RunOwned({}, "k=" + value + " z=1").ok()) << len;
    EXPECT_EQ(Get("k"), value) << len;
    EXPECT_EQ(Get("z"), "1") << len;
    ASSERT_TRUE(RunOwned({}, "k=" + value).ok()) << len;
    EXPECT_EQ(Get("k"), value) << len;
    ASSERT_TRUE(RunOwned({}, "k=" + value + "\tz=2").ok()) << len;
    EXPECT_EQ(Get("k"), value) << len;
    EXPECT_EQ(Get("z"), "2") << len;
  }
}

TEST_F(KvTest, KeysAroundBlockBoundaries) {
  for (size_t len = 1; len <= 40; ++len) {
    const std::string key(len, 'K');
    ASSERT_TRUE(RunOwned({}, "a=1 " + key + "=x").ok()) << len;
    ASSERT_EQ(msg.fields.size(), 2u) << len;
    EXPECT_EQ(msg.fields[1].key, key);
    EXPECT_EQ(msg.fields[1].value, "x");
    // A key running to the end of the text is a stray word extending `a`.
    ASSERT_TRUE(RunOwned({}, "a=1 " + key).ok()) << len;
    ASSERT_EQ(msg.fields.size(), 1u) << len;
    EXPECT_EQ(msg.fields[0].value, "1 " + key);
  }
}

TEST_F(KvTest, KeyStopsAtEveryPositionOfABlock) {
  // Each byte that ends a key, at each position of a 32-byte window. The
  // word it ends has no '=' right after it, so it extends x's value; a missed
  // stop would make a key of it instead.
  const std::string stops[] = {" ", "\t", std::string(1, '\0'), "\"", "'"};
  for (const std::string& stop : stops) {
    for (size_t p = 1; p < 32; ++p) {
      const std::string key(p, 'k');
      ASSERT_TRUE(RunOwned({}, "x=1 " + key + stop + "=v z=2" + std::string(20, ' ')).ok()) << p;
      ASSERT_EQ(msg.fields.size(), 2u) << p;
      EXPECT_EQ(Get("x"), "1 " + key + stop + "=v") << p;
      EXPECT_EQ(Get("z"), "2") << p;
    }
  }
}

TEST_F(KvTest, QuoteAndBackslashAtEveryPositionOfAWindow) {
  for (size_t p = 0; p < 32; ++p) {
    const std::string before(p, 'a'), after(31 - p, 'b');
    // An escaped quote.
    ASSERT_TRUE(RunOwned({}, "k=\"" + before + "\\\"" + after + "\" z=1").ok()) << p;
    EXPECT_EQ(Get("k"), before + "\"" + after) << p;
    EXPECT_EQ(Get("z"), "1") << p;
    // An escaped backslash right before the closing quote.
    ASSERT_TRUE(RunOwned({}, "k=\"" + before + "\\\\\" z=1").ok()) << p;
    EXPECT_EQ(Get("k"), before + "\\") << p;
    EXPECT_EQ(Get("z"), "1") << p;
    // A backslash that escapes nothing stays.
    ASSERT_TRUE(RunOwned({}, "k='" + before + "\\n" + after + "'").ok()) << p;
    EXPECT_EQ(Get("k"), before + "\\n" + after) << p;
    // The other quote character inside a quoted value is plain text.
    ASSERT_TRUE(RunOwned({}, "k=\"" + before + "'" + after + "\"").ok()) << p;
    EXPECT_EQ(Get("k"), before + "'" + after) << p;
    // The closing quote at position p, then the next pair.
    ASSERT_TRUE(RunOwned({}, "k=\"" + before + "\" z=" + after).ok()) << p;
    EXPECT_EQ(Get("k"), before) << p;
    EXPECT_EQ(Get("z"), after) << p;
  }
}

TEST_F(KvTest, UnterminatedQuotesAroundBlockBoundaries) {
  for (size_t len = 0; len <= 36; ++len) {
    const std::string body(len, 'q');
    ASSERT_TRUE(RunOwned({}, "a=1 k=\"" + body).ok()) << len;
    EXPECT_EQ(Get("k"), "\"" + body) << len;
    ASSERT_EQ(msg.notes.size(), 1u);
    EXPECT_EQ(msg.notes[0], "kv: unterminated quote kept in value");
    // A backslash as the last byte escapes nothing and closes nothing.
    ASSERT_TRUE(RunOwned({}, "a=1 k=\"" + body + "\\").ok()) << len;
    EXPECT_EQ(Get("k"), "\"" + body + "\\") << len;
    // An escaped closing quote leaves the value open.
    ASSERT_TRUE(RunOwned({}, "a=1 k=\"" + body + "\\\"").ok()) << len;
    EXPECT_EQ(Get("k"), "\"" + body + "\\\"") << len;
    KvOptions strict;
    strict.strict = true;
    Status s = RunOwned(strict, "a=1 k=\"" + body);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.message(), "kv: unterminated quoted value at byte 7");
  }
}

TEST_F(KvTest, EmptyValuesAndRunsOfBlanks) {
  ASSERT_TRUE(RunOwned({}, "a= b=\"\" c='' d=\t \te=5").ok());
  ASSERT_EQ(msg.fields.size(), 5u);
  EXPECT_EQ(Get("a"), "");
  EXPECT_EQ(Get("b"), "");
  EXPECT_EQ(Get("c"), "");
  EXPECT_EQ(Get("d"), "");
  EXPECT_EQ(Get("e"), "5");
  EXPECT_EQ(msg.fields[0].kind, ValueKind::kString);
}

TEST_F(KvTest, LenientStrayWordsAcrossBlockBoundaries) {
  for (size_t len = 1; len <= 36; ++len) {
    const std::string word(len, 'w');
    ASSERT_TRUE(RunOwned({}, "msg=disk " + word + "\t" + word + " user=root").ok()) << len;
    EXPECT_EQ(Get("msg"), "disk " + word + "\t" + word) << len;
    EXPECT_EQ(Get("user"), "root");
    // After a quoted value a stray word is skipped, not appended.
    ASSERT_TRUE(RunOwned({}, "msg=\"disk\" " + word + " user=root").ok()) << len;
    EXPECT_EQ(Get("msg"), "disk");
    ASSERT_EQ(msg.notes.size(), 1u);
    EXPECT_EQ(msg.notes[0], "kv: skipped a word without key/value separator");
    // Text glued to a closing quote is skipped up to the next separator.
    ASSERT_TRUE(RunOwned({}, "msg=\"disk\"" + word + " user=root").ok()) << len;
    EXPECT_EQ(Get("msg"), "disk");
    EXPECT_EQ(Get("user"), "root");
    ASSERT_EQ(msg.notes.size(), 1u);
    EXPECT_EQ(msg.notes[0], "kv: text after a quoted value skipped");
  }
}

TEST_F(KvTest, OtherSeparatorsAndQuoteSetsUseTheSameScanners) {
  KvOptions semi;
  semi.pair_separator = ';';
  semi.kv_separator = ':';
  semi.trim_whitespace = true;
  const std::string long_value(40, 'x');
  ASSERT_TRUE(RunOwned(semi, "a: " + long_value + " ;b:\t\"q;r\" ; c:1 2").ok());
  EXPECT_EQ(Get("a"), long_value);
  EXPECT_EQ(Get("b"), "q;r");
  EXPECT_EQ(Get("c"), "1 2");
  // Tabs do not separate pairs when the separator is not a space.
  KvOptions comma;
  comma.pair_separator = ',';
  ASSERT_TRUE(RunOwned(comma, "a=1\t2,b=" + long_value + ",c=3").ok());
  EXPECT_EQ(Get("a"), "1\t2");
  EXPECT_EQ(Get("b"), long_value);
  EXPECT_EQ(Get("c"), "3");
  // Three quote characters: every one opens a quoted value.
  KvOptions three;
  three.quotes = "\"'`";
  ASSERT_TRUE(RunOwned(three, "a=`x y` b='p q' c=\"r s\" d=" + long_value).ok());
  EXPECT_EQ(Get("a"), "x y");
  EXPECT_EQ(Get("b"), "p q");
  EXPECT_EQ(Get("c"), "r s");
  EXPECT_EQ(Get("d"), long_value);
  // No quote characters: quotes are value text.
  KvOptions none;
  none.quotes = "";
  ASSERT_TRUE(Run(none, "a=\"x b=y\"").ok());
  EXPECT_EQ(Get("a"), "\"x");
  EXPECT_EQ(Get("b"), "y\"");
}

TEST_F(KvTest, LimitsHoldOnLongTextsOnly) {
  // The checks are skipped only where the text is too short to exceed them:
  // a text exactly as long as the limit passes, one byte more fails.
  limits.max_value_bytes = 20;
  const std::string v20(20, 'v');
  EXPECT_TRUE(RunOwned({}, "a=" + v20).ok());
  EXPECT_EQ(RunOwned({}, "a=" + v20 + "v").code(), Status::Code::kLimitExceeded);
  EXPECT_EQ(RunOwned({}, std::string(21, 'k') + "=1").code(), Status::Code::kLimitExceeded);
  EXPECT_EQ(RunOwned({}, "a=\"" + v20 + "v\"").code(), Status::Code::kLimitExceeded);
  EXPECT_TRUE(RunOwned({}, "a=\"" + v20 + "\" b=1").ok());
  Status grown = RunOwned({}, "a=" + std::string(10, 'v') + " " + std::string(10, 'w'));
  EXPECT_EQ(grown.message(), "kv: value of 'a' longer than 20 bytes");
  limits.max_value_bytes = 1 << 20;
  limits.max_fields = 3;
  EXPECT_TRUE(RunOwned({}, "a=1 b=2 c=3").ok());
  Status s = RunOwned({}, "a=1 b=2 c=3 d=4");
  EXPECT_EQ(s.code(), Status::Code::kLimitExceeded);
  EXPECT_EQ(s.message(), "kv: more than 3 fields");
  // Fields already in the message (a syslog header's) count too.
  msg.Clear();
  msg.fields.push_back({"syslog.hostname", "h"});
  msg.fields.push_back({"syslog.appname", "x"});
  ParseContext ctx{&arena, &limits, 0};
  parser = MakeKvParser({});
  EXPECT_EQ(parser->Parse("a=1 b=2", ctx, &msg).code(), Status::Code::kLimitExceeded);
}

// The plain byte-at-a-time parser the block scanners replaced, kept here as
// the reference the fast path must agree with on every input.
struct ReferenceResult {
  Status status;
  std::vector<Field> fields;
  std::vector<std::string_view> notes;
};

ReferenceResult ReferenceParse(const KvOptions& o, std::string_view text, Arena* arena,
                               const ParseLimits& limits) {
  ReferenceResult r;
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  auto pair_sep = [&](char c) { return c == o.pair_separator || (o.pair_separator == ' ' && c == '\t'); };
  auto quote = [&](char c) { return o.quotes.find(c) != std::string::npos; };
  auto key_char = [&](char c) {
    return o.uppercase_keys ? (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                            : !is_space(c) && c != o.kv_separator && !pair_sep(c) && !quote(c) && c != '\0';
  };
  auto at = [](std::string what, size_t pos) {
    return Status::InvalidArgument("kv: " + what + " at byte " + std::to_string(pos + 1));
  };
  auto too_long = [&](std::string_view key) {
    return Status::LimitExceeded("kv: value of '" + std::string(key.substr(0, 64)) + "' longer than " +
                                 std::to_string(limits.max_value_bytes) + " bytes");
  };
  auto emit = [&](std::string_view key, std::string_view value, ValueKind kind) -> Status {
    if (r.fields.size() >= limits.max_fields)
      return Status::LimitExceeded("kv: more than " + std::to_string(limits.max_fields) + " fields");
    if (value.size() > limits.max_value_bytes || key.size() > limits.max_value_bytes) return too_long(key);
    r.fields.push_back(Field{key, value, kind});
    return Status::Ok();
  };
  size_t pos = 0, pairs = 0, extendable = SIZE_MAX;
  auto skip_ws = [&] {
    while (pos < text.size() && is_space(text[pos])) ++pos;
  };
  while (pos < text.size()) {
    size_t seps = 0;
    while (pos < text.size() && (pair_sep(text[pos]) || (o.trim_whitespace && is_space(text[pos])))) {
      if (pair_sep(text[pos])) ++seps;
      ++pos;
    }
    if (pos >= text.size()) break;
    if (o.strict && seps > 1 && !r.fields.empty()) return {at("empty pair", pos - 1), r.fields, r.notes};
    const size_t key_start = pos;
    while (pos < text.size() && key_char(text[pos])) ++pos;
    std::string_view key = text.substr(key_start, pos - key_start);
    if (o.trim_whitespace) skip_ws();
    const bool has_sep = pos < text.size() && text[pos] == o.kv_separator;
    const bool at_boundary = pos >= text.size() || pair_sep(text[pos]);
    if (key.empty() || (!has_sep && !at_boundary) || (!has_sep && !o.allow_bare_keys)) {
      if (o.strict) {
        r.status = key.empty()
                       ? at("expected a key", pos)
                       : at("expected '" + std::string(1, o.kv_separator) + "' after a key", key_start);
        return r;
      }
      while (pos < text.size() && !pair_sep(text[pos])) ++pos;
      if (extendable != SIZE_MAX) {
        Field& f = r.fields[extendable];
        f.value = std::string_view(f.value.data(), text.data() + pos - f.value.data());
        if (f.value.size() > limits.max_value_bytes) return {too_long(f.key), r.fields, r.notes};
      } else {
        r.notes.push_back("kv: skipped a word without key/value separator");
      }
      continue;
    }
    Status s;
    if (!has_sep) {
      if (s = emit(key, {}, ValueKind::kNull); !s.ok()) return {std::move(s), r.fields, r.notes};
      extendable = SIZE_MAX;
      continue;
    }
    ++pos;
    if (o.trim_whitespace) skip_ws();
    std::string_view value;
    if (pos < text.size() && quote(text[pos])) {
      const size_t quote_pos = pos;
      const char q = text[pos];
      size_t i = pos + 1;
      bool escaped = false;
      for (; i < text.size() && text[i] != q; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
          escaped = true;
          ++i;
        }
      }
      if (i >= text.size()) {
        if (o.strict) return {at("unterminated quoted value", quote_pos), r.fields, r.notes};
        value = text.substr(quote_pos);
        pos = text.size();
        r.notes.push_back("kv: unterminated quote kept in value");
      } else {
        std::string_view raw = text.substr(quote_pos + 1, i - quote_pos - 1);
        pos = i + 1;
        value = raw;
        if (escaped) {
          std::string un;
          for (size_t j = quote_pos + 1; j < i; ++j) {
            if (text[j] == '\\' && (text[j + 1] == q || text[j + 1] == '\\')) ++j;
            un += text[j];
          }
          value = arena->Copy(un);
        }
      }
      if (o.trim_whitespace) skip_ws();
      if (pos < text.size() && !pair_sep(text[pos])) {
        if (o.strict) return {at("expected a separator after the quoted value", pos), r.fields, r.notes};
        r.notes.push_back("kv: text after a quoted value skipped");
        while (pos < text.size() && !pair_sep(text[pos])) ++pos;
      }
      extendable = SIZE_MAX;
    } else {
      const size_t v = pos;
      while (pos < text.size() && !pair_sep(text[pos])) ++pos;
      value = text.substr(v, pos - v);
      if (o.trim_whitespace)
        while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
      extendable = r.fields.size();
    }
    if (s = emit(key, value, ValueKind::kString); !s.ok()) return {std::move(s), r.fields, r.notes};
    ++pairs;
  }
  if (pairs == 0) r.status = at("no key/value pair", 0);
  return r;
}

TEST_F(KvTest, BlockScannersAgreeWithTheByteLoopOnGeneratedInputs) {
  std::vector<KvOptions> option_sets(6);
  option_sets[1].strict = true;
  option_sets[2].allow_bare_keys = true;
  option_sets[2].uppercase_keys = true;
  option_sets[3].pair_separator = ';';
  option_sets[3].kv_separator = ':';
  option_sets[3].trim_whitespace = true;
  option_sets[4].quotes = "\"'`";
  option_sets[4].allow_bare_keys = true;
  option_sets[5].quotes = "";
  option_sets[5].pair_separator = '\t';
  // Bytes the scanners stop at, and plain ones to make runs of every length.
  const std::string alphabet = std::string("  \t==\"'\\;:`Aab_") + '\0' + "xxxxxxxxxxyyyyyyyy";
  std::mt19937 rng(20240315);
  for (const KvOptions& o : option_sets) {
    for (int round = 0; round < 3000; ++round) {
      std::string text;
      const size_t len = rng() % 72;
      for (size_t i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
      limits.max_value_bytes = round % 5 == 0 ? 1 + rng() % 24 : 1 << 20;
      limits.max_fields = round % 7 == 0 ? 1 + rng() % 6 : 10000;
      // Parsed from a copy of exactly its length, so no byte after it is valid.
      std::vector<char> exact(text.begin(), text.end());
      const std::string_view view(exact.data(), exact.size());
      Status s = Run(o, view);
      ReferenceResult want = ReferenceParse(o, view, &arena, limits);
      ASSERT_EQ(s.code(), want.status.code()) << text;
      ASSERT_EQ(s.message(), want.status.message()) << text;
      ASSERT_EQ(msg.notes, want.notes) << text;
      if (!s.ok()) continue;
      ASSERT_EQ(msg.fields.size(), want.fields.size()) << text;
      for (size_t i = 0; i < want.fields.size(); ++i) {
        ASSERT_EQ(msg.fields[i].key, want.fields[i].key) << text;
        ASSERT_EQ(msg.fields[i].value, want.fields[i].value) << text;
        ASSERT_EQ(msg.fields[i].kind, want.fields[i].kind) << text;
      }
    }
  }
}

// Random texts for the plain-path comparison: mostly well-formed pairs, so
// that the plain path takes many of them, with every quirk the general path
// handles mixed in at random: escapes and stray backslashes in quotes, empty
// values, runs of blanks, stray words, bare keys, unterminated quotes, text
// glued to a closing quote, '=' in values, non-ASCII bytes and NULs.
class KvTextGenerator {
 public:
  explicit KvTextGenerator(uint32_t seed) : rng_(seed) {}

  std::string Next() {
    // Half the texts have quirks in a few pairs, half in nearly every one.
    messy_ = Below(2) == 0;
    std::string text;
    if (Below(6) == 0) text += Separator();
    const size_t pairs = Below(14);
    for (size_t i = 0; i < pairs; ++i) {
      if (i > 0) text += messy_ && Below(10) == 0 ? "" : Separator();
      text += Piece();
    }
    if (Below(6) == 0) text += Separator();
    return text;
  }

 private:
  size_t Below(size_t n) { return rng_() % n; }
  std::string Word(std::string_view alphabet, size_t max_len) {
    std::string w;
    for (size_t len = Below(max_len + 1); w.size() < len;) w += alphabet[Below(alphabet.size())];
    return w;
  }
  std::string Separator() {
    static const char* const kSeparators[] = {" ", " ", " ", " ", " ", "\t", "  ", " \t ", ",", ";"};
    return kSeparators[Below(messy_ ? std::size(kSeparators) : 6)];
  }
  std::string Key() {
    // Long keys now and then, so that keys cross the 64-byte blocks.
    const size_t max_len = Below(8) == 0 ? 70 : 12;
    std::string key = Word("abcdefghKLMN_0123456789.-", max_len);
    if (messy_ && Below(10) == 0) key += Word(std::string("\\%&!#$\x80\xff\x01\x7f") + '\0' + ":`", 3);
    return key.empty() ? "k" : key;
  }
  std::string Unquoted() {
    const size_t max_len = Below(8) == 0 ? 90 : 16;
    if (!messy_ || Below(3) > 0) return Word("abcdefghijklmnop0123456789.:/-_", max_len);
    return Word(std::string("abc0123=/:%&!#$\\\"'`\x80\xc3\xa9\x01\x7f") + '\0', max_len);
  }
  std::string QuotedContent(char q) {
    static const char* const kParts[] = {"a", "bc",   "xyz", "12",       " ",   "=",  "/",  "%",
                                         "&", "\\\"", "\\'", "\\\\",     "\\x", "\\", "\"", "'",
                                         "`", "\\`",  "\t",  "\xc3\xa9", ",",   ";"};
    std::string c;
    const size_t parts = Below(8) == 0 ? 40 : Below(8);
    for (size_t i = 0; i < parts; ++i) c += kParts[Below(std::size(kParts))];
    if (messy_ && Below(40) == 0) c += '\0';
    // Keeps most quoted values closed where they should be: a bare quote
    // character inside would end them early.
    if (!messy_ || Below(3) > 0) {
      std::string closed;
      for (size_t i = 0; i < c.size(); ++i) {
        if (c[i] == '\\') {
          closed += c[i];
          if (i + 1 < c.size())
            closed += c[++i];
          else
            closed += '\\';
        } else if (c[i] != q) {
          closed += c[i];
        }
      }
      c = closed;
    }
    return c;
  }
  std::string Piece() {
    static const char kQuotes[] = {'"', '"', '"', '\'', '`'};
    const char q = kQuotes[Below(std::size(kQuotes))];
    switch (Below(messy_ ? 40 : 400)) {
      case 0:
        return Key();  // a bare key, or a stray word after an unquoted value
      case 1:
        return "=" + Unquoted();  // no key
      case 2:
        return Key() + "=" + q + QuotedContent(q);  // unterminated, unless a quote follows
      case 3:
        return Key() + "=" + q + QuotedContent(q) + q + Unquoted();  // text after the quote
      case 4:
        return Key() + "=";
      case 5:
        return Key() + "=" + q + q;
      case 6:
        return Key() + ":" + Unquoted();
      default:
        if (Below(2) == 0) return Key() + "=" + Unquoted();
        return Key() + "=" + q + QuotedContent(q) + q;
    }
  }
  std::mt19937 rng_;
  bool messy_ = false;
};

struct KvPaths {
  KvOptions options;
  // False for options the plain path never takes.
  bool plain = true;
};

std::vector<KvPaths> KvOptionSets() {
  std::vector<KvPaths> sets(12);
  sets[1].options.strict = true;
  sets[2].options.allow_bare_keys = true;
  sets[3].options.pair_separator = ',';
  sets[4].options.pair_separator = '\t';
  sets[5].options.quotes = "'";
  sets[6].options.quotes = "";
  sets[7].options.quotes = "\"`";
  sets[8].options.pair_separator = ',';
  sets[8].options.strict = true;
  sets[8].options.allow_bare_keys = true;
  // Options the plain path leaves to the general one.
  sets[9].options.pair_separator = ';';
  sets[9].options.kv_separator = ':';
  sets[9].options.trim_whitespace = true;
  sets[9].plain = false;
  sets[10].options.uppercase_keys = true;
  sets[10].options.allow_bare_keys = true;
  sets[10].options.strict = true;
  sets[10].plain = false;
  sets[11].options.quotes = "\"'`";
  sets[11].plain = false;
  return sets;
}

// Checks the plain path against the general path on `text`. Where the plain
// path takes the text, it must give the general result: Status OK, no notes,
// the same fields with the same kinds and the same views (a value the
// general path leaves in the text is the very same view; an unescaped one
// has the same bytes). Where it leaves the rest to the general path, the
// pairs it parsed before must be the general path's first ones (the last
// value may then grow by stray words), and Parse(), the two paths together,
// must give the general result, error or not.
// Returns whether the plain path took the text.
bool ExpectPlainPathAgrees(const KvOptions& o, std::string_view text, size_t header_fields,
                           const ParseLimits& limits) {
  Arena arena;
  ParseContext ctx{&arena, &limits, 0};
  auto with_header = [&](ParsedMessage* m) {
    m->Clear();
    for (size_t i = 0; i < header_fields; ++i) m->fields.push_back({"syslog.hostname", "h"});
  };
  ParsedMessage general, plain, full;
  with_header(&general);
  with_header(&plain);
  with_header(&full);
  const Status want = KvParseGeneralForTesting(o, text, ctx, &general);
  const bool took = KvParsePlainForTesting(o, text, ctx, &plain);
  const Status got = MakeKvParser(o)->Parse(text, ctx, &full);
  const auto in_text = [&](std::string_view v) {
    const std::less_equal<const char*> le;
    return le(text.data(), v.data()) && le(v.data() + v.size(), text.data() + text.size());
  };
  // The first `count` fields of m are the general path's; with
  // `last_may_grow`, the last value may be the start of the general one.
  const auto expect_general_fields = [&](const ParsedMessage& m, size_t count, bool last_may_grow) {
    ASSERT_LE(count, general.fields.size());
    for (size_t i = 0; i < count; ++i) {
      const Field& f = m.fields[i];
      const Field& g = general.fields[i];
      EXPECT_EQ(f.key.data(), g.key.data()) << i;
      EXPECT_EQ(f.key.size(), g.key.size()) << i;
      if (last_may_grow && i + 1 == count && f.value != g.value) {
        EXPECT_EQ(f.value.data(), g.value.data()) << i;
        EXPECT_TRUE(g.value.starts_with(f.value)) << i;
        continue;
      }
      EXPECT_EQ(f.value, g.value) << i;
      EXPECT_EQ(in_text(f.value), in_text(g.value)) << i;
      if (in_text(g.value)) {
        EXPECT_EQ(f.value.data(), g.value.data()) << i;
      }
      EXPECT_EQ(f.kind, g.kind) << i;
    }
  };
  EXPECT_EQ(got.code(), want.code());
  EXPECT_EQ(got.message(), want.message());
  EXPECT_EQ(full.notes, general.notes);
  EXPECT_EQ(full.log_format, "KV");
  if (want.ok()) {
    EXPECT_EQ(full.fields.size(), general.fields.size());
    expect_general_fields(full, std::min(full.fields.size(), general.fields.size()), false);
  }
  EXPECT_TRUE(plain.notes.empty());
  expect_general_fields(plain, plain.fields.size(), !took);
  if (!took) return false;
  EXPECT_TRUE(want.ok()) << want.message();
  EXPECT_TRUE(general.notes.empty());
  EXPECT_EQ(plain.fields.size(), general.fields.size());
  return true;
}

// Parsed from a copy of exactly its length, so that a read past its end is
// one past an allocation (found by the sanitizer build).
std::unique_ptr<char[]> ExactCopy(const std::string& text) {
  auto copy = std::make_unique<char[]>(text.size());
  std::copy(text.begin(), text.end(), copy.get());
  return copy;
}

TEST(KvPlainPathTest, AgreesWithTheGeneralPathOnGeneratedTexts) {
  KvTextGenerator gen(20260315);
  const std::vector<KvPaths> sets = KvOptionSets();
  std::vector<size_t> taken(sets.size(), 0);
  const int kTexts = 6000;
  for (int round = 0; round < kTexts; ++round) {
    const std::string text = gen.Next();
    const auto copy = ExactCopy(text);
    const std::string_view view(copy.get(), text.size());
    // A syslog header's fields now and then (strict mode's empty-pair rule
    // and the field limit count them), and limits low enough to be hit.
    const size_t header = round % 9 == 0 ? 2 : 0;
    ParseLimits limits;
    if (round % 13 == 0) limits.max_value_bytes = 1 + round % 40;
    if (round % 17 == 0) limits.max_fields = 1 + round % 9;
    for (size_t s = 0; s < sets.size(); ++s) {
      SCOPED_TRACE("options " + std::to_string(s) + ", text: " + testing::PrintToString(text));
      const bool took = ExpectPlainPathAgrees(sets[s].options, view, header, limits);
      if (took) ++taken[s];
      if (!sets[s].plain) {
        ASSERT_FALSE(took);
      }
      if (testing::Test::HasFailure()) return;
    }
  }
  // The comparison is only as good as what the plain path takes: it must
  // take a good share of the texts under every option set it serves.
  for (size_t s = 0; s < sets.size(); ++s) {
    if (sets[s].plain) {
      EXPECT_GT(taken[s], kTexts / 8u) << "options " << s;
    }
  }
}

TEST(KvPlainPathTest, AgreesOnEveryLengthAndBlockPosition) {
  // Texts of every length from 0 to 200, and keys, quotes, backslashes and
  // separators at every position of a 64-byte block, so that the index's
  // tail block and the words either side of each boundary are all used.
  const std::vector<KvPaths> sets = KvOptionSets();
  ParseLimits limits;
  size_t taken = 0;
  for (size_t len = 0; len <= 200; ++len) {
    std::vector<std::string> texts = {
        "k=" + std::string(len, 'v'),
        std::string(len, ' ') + "k=1",
        "a=" + std::string(len % 70, 'x') + " key=\"" + std::string(len / 2, 'q') + "\\\"" +
            "\" z=" + std::string(len % 7, '9'),
        "a=" + std::string(len, 'x') + " b='" + std::string(len % 5, 'y') + "\\\\'",
        "a=" + std::string(len, 'x') + " b=\"" + std::string(len % 3, 'y'),
        "a=" + std::string(len, 'x') + "\t\tb=2 c",
        "a=\"" + std::string(len, 'x') + "\"y",
        std::string(len, 'k') + "=v",
    };
    for (const std::string& text : texts) {
      const auto copy = ExactCopy(text);
      const std::string_view view(copy.get(), text.size());
      for (size_t s = 0; s < sets.size(); ++s) {
        SCOPED_TRACE("options " + std::to_string(s) + ", text: " + testing::PrintToString(text));
        taken += ExpectPlainPathAgrees(sets[s].options, view, 0, limits);
        if (testing::Test::HasFailure()) return;
      }
    }
  }
  EXPECT_GT(taken, 2000u);
}

TEST(LooksLikeKvTest, FirstTokenShape) {
  EXPECT_TRUE(LooksLikeKv("date=2019-05-10 time=1"));
  EXPECT_FALSE(LooksLikeKv("CEF:0|a|b"));
  EXPECT_FALSE(LooksLikeKv("hello world=1"));
  EXPECT_FALSE(LooksLikeKv("=x"));
}

}  // namespace
}  // namespace recproc
