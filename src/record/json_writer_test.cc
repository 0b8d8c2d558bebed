#include "record/json_writer.h"

#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

namespace recproc {
namespace {

std::string Quote(std::string_view s, uint64_t* invalid = nullptr) {
  std::string out;
  uint64_t n = JsonWriter::AppendQuoted(&out, s);
  if (invalid) *invalid = n;
  return out;
}

TEST(JsonWriterTest, EscapesEveryControlCharacter) {
  for (int c = 0; c < 0x20; ++c) {
    std::string in(1, static_cast<char>(c));
    std::string out = Quote(in);
    // Must parse back to the same byte.
    EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), in) << c;
  }
  EXPECT_EQ(Quote("\n\t\"\\"), R"("\n\t\"\\")");
  EXPECT_EQ(Quote(std::string("\x01", 1)), R"("\u0001")");
  EXPECT_EQ(Quote(std::string("\x1f", 1)), R"("\u001f")");
  EXPECT_EQ(Quote(std::string("\0", 1)), R"("\u0000")");
  EXPECT_EQ(Quote("\x7f"), "\"\x7f\"");
}

TEST(JsonWriterTest, ValidUtf8PassesThrough) {
  uint64_t invalid = 99;
  EXPECT_EQ(Quote("Grüße 日本 😀", &invalid), "\"Grüße 日本 😀\"");
  EXPECT_EQ(invalid, 0u);
}

TEST(JsonWriterTest, InvalidUtf8IsReplacedAndCounted) {
  uint64_t invalid = 0;
  // Lone continuation byte, truncated sequence, overlong '/', surrogate, > U+10FFFF.
  EXPECT_EQ(Quote("a\x80" "b", &invalid), "\"a\xEF\xBF\xBD" "b\"");
  EXPECT_EQ(invalid, 1u);
  EXPECT_EQ(Quote("\xE6\x97", &invalid), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(invalid, 2u);
  Quote("\xC0\xAF", &invalid);
  EXPECT_EQ(invalid, 2u);
  Quote("\xED\xA0\x80", &invalid);
  EXPECT_EQ(invalid, 3u);
  Quote("\xF4\x90\x80\x80", &invalid);
  EXPECT_EQ(invalid, 4u);
  // Whatever the bytes, the output parses as JSON.
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  EXPECT_NO_THROW(nlohmann::json::parse(Quote(all)));
}

TEST(JsonWriterTest, RecordKeysAreDeterministicallyOrdered) {
  Record r;
  r.set_uid("u-1");
  r.set_timestamp_ms(1700000000000);
  r.set_object_type("Network");
  r.Set("srcPort", Value::Int(443));
  r.Set("dstDevice_ip", Value::String("10.0.0.1"));
  r.Set("success", Value::Bool(true));
  r.Set("bytesIn", Value::Double(1.5));
  r.Set("listMatches", Value::StringList(std::string_view("a\0column:SrcIp", 14)));
  std::vector<Field> fields = {{"z", "1", ValueKind::kNumber}, {"a", "x"}, {"a", "second"}, {"n", "null", ValueKind::kNull}};
  r.set_fields(&fields);
  std::string out;
  JsonWriter w(&out);
  RecordJsonScratch scratch;
  const std::string expected =
      R"({"uid":"u-1","timestamp":1700000000000,"objectType":"Network","bytesIn":1.5,)"
      R"("dstDevice_ip":"10.0.0.1","listMatches":["a","column:SrcIp"],"srcPort":443,"success":true,)"
      R"("fields":{"z":"1","a":"x","n":"null"}})";
  WriteRecordJson(r, &w, &scratch);
  w.Finish();
  EXPECT_EQ(out, expected);
  // Second time through the cached order: same bytes.
  out.clear();
  JsonWriter w2(&out);
  WriteRecordJson(r, &w2, &scratch);
  w2.Finish();
  EXPECT_EQ(out, expected);
  EXPECT_EQ(scratch.orders.size(), 1u);
}

TEST(JsonWriterTest, NonFiniteDoublesBecomeNull) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  w.Double(1.0 / 0.0);
  w.Double(0.1);
  w.EndArray();
  w.Finish();
  EXPECT_EQ(out, "[null,0.1]");
}

}  // namespace
}  // namespace recproc

namespace recproc {
namespace {

// The eight-byte fast path must agree with the byte-by-byte rules wherever
// the special byte falls within a word.
TEST(JsonWriterTest, FastPathFindsSpecialBytesAtEveryPosition) {
  const std::string specials[] = {"\"", "\\", "\n", std::string("\0", 1), "\x1f", "\xc3\xa9", "\x80"};
  for (const std::string& sp : specials) {
    for (size_t pos = 0; pos < 40; ++pos) {
      std::string in = std::string(pos, 'a') + sp + std::string(20, 'b');
      std::string out;
      JsonWriter::AppendQuoted(&out, in);
      nlohmann::json parsed = nlohmann::json::parse(out);
      if (sp != "\x80") {
        EXPECT_EQ(parsed.get<std::string>(), in) << pos;
      } else {
        EXPECT_EQ(parsed.get<std::string>(), std::string(pos, 'a') + "\xEF\xBF\xBD" + std::string(20, 'b'));
      }
    }
  }
}

}  // namespace
}  // namespace recproc

namespace recproc {
namespace {

uint64_t rng64(std::mt19937& rng) { return (uint64_t{rng()} << 32 | rng()) >> (rng() % 64); }

// The escaping rules one byte at a time, for valid UTF-8 input: what every
// block path of the writer must produce.
std::string ReferenceQuote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += c == '\t' ? std::string("\\t") : c == '\r' ? std::string("\\r") : c == '\b' ? std::string("\\b")
             : c == '\f' ? std::string("\\f") : std::string(buf);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// Quotes and backslashes are escaped inside the 16-byte block that holds
// them (several per block, adjacent, at either end), except near the end of
// the string, where the byte path takes over: random strings of every length
// up to 100 bytes, mostly quotes and backslashes, against the byte rules.
TEST(JsonWriterTest, QuotesEscapedInsideBlocksMatchTheByteRules) {
  std::mt19937 rng(20261127);
  const std::string alphabet[] = {"a", "b", "\"", "\\", "=", " ", "\n", "\t", "\xc3\xa9", "\xe2\x82\xac"};
  for (int round = 0; round < 20000; ++round) {
    const size_t len = rng() % 101;
    // Some strings only quotes and plain text (the in-block path), some
    // with a control character or multi-byte text among them.
    const size_t kinds = round % 3 == 0 ? std::size(alphabet) : 6;
    std::string in;
    while (in.size() < len) in += alphabet[rng() % (rng() % 4 == 0 ? kinds : 2 + (rng() % 2))];
    ASSERT_EQ(Quote(in), ReferenceQuote(in)) << round;
  }
  // Every position of one and of two quotes in a 48-byte string.
  for (size_t a = 0; a < 48; ++a) {
    for (size_t b = a; b < 48; ++b) {
      std::string in(48, 'x');
      in[a] = '"';
      in[b] = '\\';
      ASSERT_EQ(Quote(in), ReferenceQuote(in)) << a << " " << b;
    }
  }
}

// The record writer's rules through the writer's own calls, one piece at a
// time: uid, timestamp, objectType, the attributes sorted by name, then the
// fields in input order, a repeated key keeping its first value.
void ReferenceRecord(const Record& r, JsonWriter* w) {
  std::vector<const Attribute*> sorted;
  for (const Attribute& a : r.attributes()) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](const Attribute* a, const Attribute* b) { return a->name < b->name; });
  w->BeginObject();
  w->TrustedKey("uid");
  w->String(r.uid());
  w->TrustedKey("timestamp");
  w->Int(r.timestamp_ms());
  w->TrustedKey("objectType");
  w->String(r.object_type());
  for (const Attribute* a : sorted) {
    const Value& v = a->value;
    w->TrustedKey(a->name);
    switch (v.kind) {
      case Value::Kind::kString: w->String(v.s); break;
      case Value::Kind::kInt: w->Int(v.i); break;
      case Value::Kind::kDouble: v.s.empty() ? w->Double(v.d) : w->Raw(v.s); break;
      case Value::Kind::kBool: w->Bool(v.b); break;
      case Value::Kind::kRawJson: w->Raw(v.s); break;
      case Value::Kind::kStringList: {
        w->BeginArray();
        for (size_t start = 0; start <= v.s.size() && !v.s.empty();) {
          const size_t z = std::min(v.s.find('\0', start), v.s.size());
          w->String(v.s.substr(start, z - start));
          start = z + 1;
        }
        w->EndArray();
        break;
      }
    }
  }
  if (r.fields() != nullptr) {
    w->TrustedKey("fields");
    w->BeginObject();
    std::set<std::string_view> seen;
    for (const Field& f : *r.fields()) {
      if (!seen.insert(f.key).second) continue;
      w->Key(f.key);
      w->String(f.kind == ValueKind::kNull ? std::string_view("null") : f.value);
    }
    w->EndObject();
  }
  w->EndObject();
}

// Records are written into room reserved ahead, through a local pointer; in
// a record bounded past 256 KB, texts longer than a quoting chunk (16 KB) go
// through the writer's chunks, after which the room is reserved again. The
// bytes and the invalid UTF-8 count must be those of the writer's own calls:
// random records of every value kind, texts of every length around the
// block sizes (and, in one record in twenty, past a chunk), with quotes,
// control characters, multi-byte and invalid UTF-8, string lists, doubles
// with and without their text, repeated and null fields, written one after
// another into one buffer.
TEST(JsonWriterTest, RecordsWriteWhatTheWritersCallsWrite) {
  std::mt19937 rng(20261127);
  const std::string pieces[] = {"a", "bcdefgh", "\"", "\\", "\n", std::string("\0", 1), "\x1f", "\xc3\xa9",
                                "\xe2\x82", "\xff", "=", " "};
  bool big = false;  // the record may hold texts past a quoting chunk
  auto text = [&](size_t max_len) {
    std::string t;
    const size_t len = big && rng() % 8 == 0 ? 16 * 1024 - 8 + rng() % 40000 : rng() % (max_len + 1);
    const bool plain = rng() % 2 == 0;
    while (t.size() < len) t += plain ? pieces[rng() % 2] : pieces[rng() % std::size(pieces)];
    return t;
  };
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (int i = 0; i < 40; ++i) v.push_back("attr_" + std::string(static_cast<size_t>(i % 30), 'n') + std::to_string(i));
    return v;
  }();
  std::string written, reference;
  uint64_t invalid_written = 0, invalid_reference = 0;
  RecordJsonScratch scratch;
  size_t long_texts = 0;
  std::map<std::vector<std::string>, uint64_t> layouts;
  size_t layout_reuses = 0;
  for (int round = 0; round < 3000; ++round) {
    big = round % 20 == 0;
    std::vector<std::string> texts;  // owns the record's text
    texts.reserve(200);
    auto keep = [&](std::string t) -> std::string_view {
      long_texts += t.size() > 16 * 1024;
      return texts.emplace_back(std::move(t));
    };
    Record r;
    r.set_uid(keep(text(40)));
    r.set_timestamp_ms(static_cast<int64_t>(rng()) - (int64_t{1} << 31));
    r.set_object_type(keep(text(12)));
    const size_t attrs = rng() % 30;
    for (size_t i = 0; i < attrs; ++i) {
      const std::string& name = names[rng() % names.size()];
      switch (rng() % 7) {
        case 0: r.Set(name, Value::Int(static_cast<int64_t>(rng64(rng)))); break;
        case 1: r.Set(name, Value::Double(static_cast<double>(rng()) / 7.0)); break;
        case 2: r.Set(name, Value::Double(2.5, "2.5")); break;
        case 3: r.Set(name, Value::Bool(rng() % 2 == 0)); break;
        case 4: r.Set(name, Value::RawJson("{\"k\":[1,2]}")); break;
        case 5: r.Set(name, Value::StringList(keep(text(8) + std::string("\0", 1) + text(8)))); break;
        default: r.Set(name, Value::String(keep(text(rng() % 4 == 0 ? 300 : 70)))); break;
      }
    }
    std::vector<Field> fields;
    // A third of the records take the keys of an earlier one, new values.
    std::vector<std::string> keys;
    if (!layouts.empty() && rng() % 3 == 0) {
      auto it = layouts.begin();
      std::advance(it, rng() % layouts.size());
      keys = it->first;
    } else {
      const size_t nfields = rng() % 30;
      for (size_t i = 0; i < nfields; ++i)
        keys.push_back(rng() % 8 == 0 && !keys.empty() ? keys[rng() % keys.size()] : text(20));
    }
    for (const std::string& key : keys) {
      Field f;
      f.key = keep(key);
      f.value = keep(text(rng() % 5 == 0 ? 400 : 40));
      f.kind = rng() % 10 == 0 ? ValueKind::kNull : ValueKind::kString;
      fields.push_back(f);
    }
    // One layout id per key sequence, as ParsedMessage::LayoutId() gives.
    auto [layout, added] = layouts.try_emplace(keys, layouts.size() + 1);
    layout_reuses += !added;
    if (rng() % 5 != 0) r.set_fields(&fields, false, rng() % 4 != 0 ? layout->second : 0);
    const size_t start = written.size();
    {
      JsonWriter w(&written);
      WriteRecordJson(r, &w, &scratch);
      w.Newline();
      invalid_written += w.invalid_utf8();
    }
    {
      JsonWriter w(&reference);
      ReferenceRecord(r, &w);
      w.Newline();
      invalid_reference += w.invalid_utf8();
    }
    ASSERT_EQ(written.size(), reference.size()) << round;
    ASSERT_EQ(written.compare(start, std::string::npos, reference, start), 0) << round;
  }
  EXPECT_EQ(written, reference);
  EXPECT_EQ(invalid_written, invalid_reference);
  EXPECT_GT(invalid_written, 1000u);
  EXPECT_GT(long_texts, 200u);
  EXPECT_GT(layout_reuses, 800u);
  // Every line is one JSON object.
  size_t lines = 0;
  for (size_t start = 0; start < written.size(); ++lines) {
    const size_t end = written.find('\n', start);
    EXPECT_TRUE(nlohmann::json::parse(written.substr(start, end - start)).is_object());
    start = end + 1;
  }
  EXPECT_EQ(lines, 3000u);
}

// One writer serves a whole batch: records end with Newline(), the buffer
// keeps spare room while the writer lives and is trimmed by Finish().
TEST(JsonWriterTest, OneWriterManyRecords) {
  std::string out = "prefix\n";
  {
    JsonWriter w(&out);
    for (int i = 0; i < 3; ++i) {
      w.BeginObject();
      w.TrustedKey("n");
      w.Int(i);
      w.Key("s");
      w.String("x\"y");
      w.EndObject();
      w.Newline();
    }
    EXPECT_GE(out.size(), 7u);  // spare room may follow the text
  }
  EXPECT_EQ(out, "prefix\n{\"n\":0,\"s\":\"x\\\"y\"}\n{\"n\":1,\"s\":\"x\\\"y\"}\n{\"n\":2,\"s\":\"x\\\"y\"}\n");
}

// A ByteBuffer target gets the same bytes as a std::string, across growth
// from empty, after existing content, and trimmed by Finish().
TEST(JsonWriterTest, ByteBufferTargetWritesTheSameBytes) {
  auto write = [](JsonWriter* w) {
    for (int i = 0; i < 5000; ++i) {
      w->BeginObject();
      w->TrustedKey("n");
      w->Int(i * 7919);
      w->Key(i % 3 == 0 ? "key with \"quote\"" : "k");
      w->String(std::string(static_cast<size_t>(i % 200), static_cast<char>('a' + i % 26)));
      w->TrustedKey("d");
      w->Double(i / 8.0);
      w->EndObject();
      w->Newline();
    }
  };
  std::string text = "prefix\n";
  ByteBuffer bytes;
  bytes.append("prefix\n");
  {
    JsonWriter a(&text);
    write(&a);
    JsonWriter b(&bytes);
    write(&b);
    b.Finish();
    EXPECT_EQ(bytes.view(), text.substr(0, bytes.size()));
    write(&b);  // writing may go on after Finish()
  }
  {
    JsonWriter a(&text);
    a.Finish();
  }
  ASSERT_GT(text.size(), 500000u);
  EXPECT_EQ(bytes.size(), text.size() + (text.size() - 7));
  EXPECT_EQ(bytes.view().substr(0, text.size()), text);
  EXPECT_EQ(bytes.view().substr(text.size()), std::string_view(text).substr(7));
}

// Long strings are escaped in chunks: escapes, invalid bytes and multi-byte
// sequences that fall on a chunk boundary come out as in one piece.
TEST(JsonWriterTest, LongStringsAcrossChunkBoundaries) {
  const size_t kChunk = 16 * 1024;
  for (size_t shift = 0; shift < 5; ++shift) {
    std::string in(kChunk - 3 + shift, 'a');
    in += "\xe2\x82\xac";        // a three-byte sequence around the boundary
    in += std::string(kChunk, '\n');  // every byte escaped: the worst case growth
    in += "\xff";                // invalid
    in += "\"end";
    std::string out;
    uint64_t invalid = JsonWriter::AppendQuoted(&out, in);
    EXPECT_EQ(invalid, 1u);
    std::string expected = in;
    expected.replace(expected.find("\xff"), 1, "\xEF\xBF\xBD");
    EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), expected) << shift;
  }
}

}  // namespace
}  // namespace recproc

namespace recproc {
namespace {

// Strings of 0 to 15 bytes take a one-block path: it must give the same
// bytes as the general rules for a special byte at every position, and an
// empty view without a data pointer must not be read.
TEST(JsonWriterTest, ShortStringsAtEveryLengthAndPosition) {
  EXPECT_EQ(Quote(std::string_view()), "\"\"");
  EXPECT_EQ(Quote(std::string_view("", 0)), "\"\"");
  const std::string specials[] = {"\"", "\\", "\n", std::string("\0", 1), "\x1f", "\xc3\xa9", "\x80"};
  for (size_t len = 1; len < 16; ++len) {
    EXPECT_EQ(Quote(std::string(len, 'k')), "\"" + std::string(len, 'k') + "\"") << len;
    for (const std::string& sp : specials) {
      for (size_t pos = 0; pos + sp.size() <= len; ++pos) {
        std::string in = std::string(pos, 'a') + sp + std::string(len - pos - sp.size(), 'b');
        std::string want = in;
        if (sp == "\x80") want.replace(pos, 1, "\xEF\xBF\xBD");
        EXPECT_EQ(nlohmann::json::parse(Quote(in)).get<std::string>(), want) << len << " " << pos;
      }
    }
  }
}

// A short string that ends at the end of a readable page, before an
// unreadable one: no block load may touch the second page.
TEST(JsonWriterTest, ShortStringAtPageEndReadsNoFurther) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* map = mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(map, MAP_FAILED);
  char* base = static_cast<char*>(map);
  ASSERT_EQ(mprotect(base + page, page, PROT_NONE), 0);
  for (size_t len = 0; len < 40; ++len) {
    char* p = base + page - len;
    std::memset(p, 'x', len);
    if (len > 3) p[len - 2] = '"';
    std::string want = std::string(p, len);
    EXPECT_EQ(nlohmann::json::parse(Quote(std::string_view(p, len))).get<std::string>(), want) << len;
  }
  munmap(map, 2 * page);
}

// Fields known to have unique keys are written without the duplicate
// check; the bytes must be those of the checked path.
TEST(JsonWriterTest, UniqueFieldsPathWritesTheSameBytes) {
  std::vector<Field> fields = {{"z", "1", ValueKind::kNumber}, {"a", "x y"}, {"n", "null", ValueKind::kNull}};
  std::string checked, unchecked;
  for (bool unique : {false, true}) {
    Record r;
    r.set_uid("u");
    r.set_object_type("Audit");
    r.set_fields(&fields, unique);
    std::string& out = unique ? unchecked : checked;
    JsonWriter w(&out);
    RecordJsonScratch scratch;
    WriteRecordJson(r, &w, &scratch);
  }
  EXPECT_EQ(checked, R"({"uid":"u","timestamp":0,"objectType":"Audit","fields":{"z":"1","a":"x y","n":"null"}})");
  EXPECT_EQ(unchecked, checked);
}


// The keys of a fields layout are quoted for its first record and copied
// for the next ones; the bytes and the invalid UTF-8 count must be those of
// records naming no layout, whatever order the layouts come in.
TEST(JsonWriterTest, FieldKeysOfALayoutAreQuotedOnce) {
  const std::vector<std::vector<std::string>> keys = {
      {"srcip", "a\"b", "tab\there", "x"},
      {"dstip", "c\\d", std::string("nul\0", 4), "y"},  // as many keys as the first
      {"ok", "bad\xff", "z", "w"},                       // invalid UTF-8: quoted every time
  };
  std::string with_ids, without_ids;
  uint64_t invalid_with = 0, invalid_without = 0;
  for (bool ids : {true, false}) {
    RecordJsonScratch scratch;
    std::string& out = ids ? with_ids : without_ids;
    JsonWriter w(&out);
    for (size_t layout : {0, 1, 0, 0, 2, 1, 2, 0}) {
      const std::string value = "v" + std::to_string(layout);
      std::vector<Field> fields;
      for (const std::string& k : keys[layout]) fields.push_back(Field{k, value});
      Record r;
      r.set_uid("u");
      r.set_object_type("Audit");
      r.set_fields(&fields, true, ids ? layout + 1 : 0);
      WriteRecordJson(r, &w, &scratch);
      w.Newline();
    }
    w.Finish();
    (ids ? invalid_with : invalid_without) = w.invalid_utf8();
  }
  EXPECT_EQ(with_ids, without_ids);
  EXPECT_EQ(invalid_with, 2u);
  EXPECT_EQ(invalid_without, 2u);
  EXPECT_NE(with_ids.find(R"("tab\there":"v0")"), std::string::npos);
  EXPECT_NE(with_ids.find(R"("nul\u0000":"v1")"), std::string::npos);
}

// Integers at every digit count, both signs and the extremes, against
// std::to_chars; each written after a key, as records have them.
TEST(JsonWriterTest, IntegersMatchToChars) {
  std::vector<int64_t> values = {0, 1, -1, 9, 10, -10, 99, 100, 101, std::numeric_limits<int64_t>::max(),
                                 std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min() + 1};
  for (int64_t p = 1; p <= std::numeric_limits<int64_t>::max() / 10; p *= 10) {
    for (int64_t v : {p - 1, p, p + 1, 7 * p + 3}) {
      values.push_back(v);
      values.push_back(-v);
    }
  }
  // Every length, every digit in every place: random values of random bit
  // lengths, both signs.
  std::mt19937_64 rng(42);
  for (int i = 0; i < 200000; ++i) {
    const int64_t v = static_cast<int64_t>(rng() >> (rng() % 64));
    values.push_back(i % 2 == 0 ? v : -v);
  }
  for (int64_t v : values) {
    std::string out;
    {
      JsonWriter w(&out);
      w.BeginObject();
      w.TrustedKey("n");
      w.Int(v);
      w.EndObject();
    }
    char want[32];
    auto r = std::to_chars(want, want + sizeof(want), v);
    EXPECT_EQ(out, "{\"n\":" + std::string(want, r.ptr) + "}") << v;
  }
}

// DoubleJson holds the text the writer gives a double, reads back as the
// same double, fits its room at the longest shortest forms, and a double
// attribute carrying it is written as that text.
TEST(JsonWriterTest, DoubleTextMatchesTheWriter) {
  std::vector<double> values = {0.0, -0.0, 0.1, 1.5, -2.5, 35.68, 139.7, 3.4548223999466057, 1e300, -1e-300,
                                std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
                                std::numeric_limits<double>::min(), -std::numeric_limits<double>::denorm_min(),
                                -2.2250738585072014e-308, std::numeric_limits<double>::infinity(),
                                -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()};
  uint64_t bits = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 2000; ++i) {
    bits ^= bits << 13, bits ^= bits >> 7, bits ^= bits << 17;
    double d;
    std::memcpy(&d, &bits, sizeof d);
    values.push_back(d);
  }
  size_t longest = 0;
  for (double v : values) {
    std::string written;
    {
      JsonWriter w(&written);
      w.Double(v);
    }
    DoubleJson text(v);
    EXPECT_EQ(text.view(), written) << v;
    longest = std::max(longest, text.view().size());
    if (std::isfinite(v)) {
      double back = 0;
      std::from_chars(text.view().data(), text.view().data() + text.view().size(), back);
      EXPECT_EQ(std::memcmp(&back, &v, sizeof v), 0) << text.view();
    } else {
      EXPECT_EQ(text.view(), "null");
    }
  }
  EXPECT_EQ(longest, DoubleJson::kMaxSize);  // -2.2250738585072014e-308 fills it

  Record r;
  r.set_uid("u");
  r.set_object_type("T");
  DoubleJson lat(35.68), lon(139.7);
  r.Set("a_latitude", Value::Double(35.68, lat.view()));
  r.Set("b_longitude", Value::Double(139.7));
  std::string out;
  RecordJsonScratch scratch;
  {
    JsonWriter w(&out);
    WriteRecordJson(r, &w, &scratch);
  }
  EXPECT_EQ(out, "{\"uid\":\"u\",\"timestamp\":0,\"objectType\":\"T\",\"a_latitude\":35.68,\"b_longitude\":139.7}");
}

// Keys written through the one-block path get the same bytes as any other
// key, at every length around the 15-byte limit.
TEST(JsonWriterTest, KeysAtEveryLength) {
  for (size_t len = 0; len < 40; ++len) {
    std::string key(len, 'k');
    if (len > 2) key[len / 2] = '.';
    std::string out;
    {
      JsonWriter w(&out);
      w.BeginObject();
      w.Key(key);
      w.Int(1);
      w.Key(key + "\"");
      w.String("v");
      w.EndObject();
    }
    EXPECT_EQ(out, "{\"" + key + "\":1,\"" + key + "\\\"\":\"v\"}") << len;
  }
}

// Attribute names are copied inline by width classes (1-3, 4-7, 8-15,
// 16-32 bytes, longer): every length writes exactly the name.
TEST(JsonWriterTest, TrustedKeysAtEveryLength) {
  for (size_t len = 0; len < 48; ++len) {
    std::string key;
    for (size_t i = 0; i < len; ++i) key += static_cast<char>('a' + i % 26);
    std::string out;
    {
      JsonWriter w(&out);
      w.BeginObject();
      w.TrustedKey(key);
      w.Int(static_cast<int64_t>(len));
      w.EndObject();
    }
    EXPECT_EQ(out, "{\"" + key + "\":" + std::to_string(len) + "}") << len;
  }
}

// The attribute order is cached by the names' addresses; records with other
// names, or the same names set in another order, get their own order.
TEST(JsonWriterTest, CachedAttributeOrderFollowsTheNames) {
  RecordJsonScratch scratch;
  auto write = [&](std::initializer_list<std::string_view> names) {
    Record r;
    int64_t i = 0;
    for (std::string_view n : names) r.Set(n, Value::Int(++i));
    std::string out;
    JsonWriter w(&out);
    WriteRecordJson(r, &w, &scratch);
    w.Finish();
    return out;
  };
  static const std::string a = "alpha", b = "beta", c = "gamma", bz = "bz", ba = "ba";
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(write({c, a, b}), R"({"uid":"","timestamp":0,"objectType":"","alpha":2,"beta":3,"gamma":1})");
    EXPECT_EQ(write({a, b, c}), R"({"uid":"","timestamp":0,"objectType":"","alpha":1,"beta":2,"gamma":3})");
    // The same addresses in the same order, one name shorter: another order.
    EXPECT_EQ(write({bz, ba}), R"({"uid":"","timestamp":0,"objectType":"","ba":2,"bz":1})");
    EXPECT_EQ(write({std::string_view(bz.data(), 1), ba}), R"({"uid":"","timestamp":0,"objectType":"","b":1,"ba":2})");
    // The layout used last, again, then a prefix of it and a longer one.
    EXPECT_EQ(write({c, a, b}), R"({"uid":"","timestamp":0,"objectType":"","alpha":2,"beta":3,"gamma":1})");
    EXPECT_EQ(write({c, a, b}), R"({"uid":"","timestamp":0,"objectType":"","alpha":2,"beta":3,"gamma":1})");
    EXPECT_EQ(write({c, a}), R"({"uid":"","timestamp":0,"objectType":"","alpha":2,"gamma":1})");
    EXPECT_EQ(write({c, a, b, bz}), R"({"uid":"","timestamp":0,"objectType":"","alpha":2,"beta":3,"bz":4,"gamma":1})");
  }
  // More layouts than the cache keeps: it starts over, and every record still
  // gets its own order.
  static std::vector<std::string> many;
  for (int i = 0; i < 300; ++i) many.push_back("n" + std::to_string(1000 + i));
  for (int round = 0; round < 2; ++round) {
    for (const std::string& n : many) {
      EXPECT_EQ(write({n, a}), R"({"uid":"","timestamp":0,"objectType":"","alpha":2,")" + n + R"(":1})");
      EXPECT_LE(scratch.orders.size(), 256u);
    }
    EXPECT_EQ(write({c, a, b}), R"({"uid":"","timestamp":0,"objectType":"","alpha":2,"beta":3,"gamma":1})");
  }
}
}  // namespace
}  // namespace recproc
