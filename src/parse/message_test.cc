#include "parse/message.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace recproc {
namespace {

// Keys are views: keep their text alive for the message's lifetime.
std::vector<std::string> Keys(size_t n) {
  std::vector<std::string> keys;
  for (size_t i = 0; i < n; ++i) keys.push_back("key" + std::to_string(i));
  return keys;
}

// Find through the index must agree with a linear first-match scan, for
// every field count around the switch from scanning to the index.
TEST(ParsedMessageTest, FindAgreesWithLinearScan) {
  std::vector<std::string> keys = Keys(200);
  for (size_t n : {0, 1, 8, 9, 17, 33, 200}) {
    ParsedMessage m;
    for (size_t i = 0; i < n; ++i) m.fields.push_back(Field{keys[i], keys[(i * 7) % n]});
    for (size_t i = 0; i < n; ++i) {
      const Field* f = m.Find(keys[i]);
      ASSERT_NE(f, nullptr) << n << " " << i;
      EXPECT_EQ(f, &m.fields[i]);
    }
    EXPECT_EQ(m.Find("absent"), nullptr);
    EXPECT_EQ(m.Find(""), nullptr);
  }
}

TEST(ParsedMessageTest, RepeatedKeyFindsTheFirst) {
  std::vector<std::string> keys = Keys(20);
  ParsedMessage m;
  for (size_t i = 0; i < 20; ++i) m.fields.push_back(Field{keys[i], "first"});
  m.fields.push_back(Field{keys[3], "second"});
  EXPECT_EQ(m.Find(keys[3])->value, "first");
}

// Fields added after a lookup are found; a truncation followed by new
// fields of the same count does not leave stale entries behind.
TEST(ParsedMessageTest, IndexFollowsAddedAndTruncatedFields) {
  std::vector<std::string> keys = Keys(60);
  ParsedMessage m;
  for (size_t i = 0; i < 20; ++i) m.fields.push_back(Field{keys[i], "v"});
  EXPECT_NE(m.Find(keys[5]), nullptr);
  for (size_t i = 20; i < 40; ++i) m.fields.push_back(Field{keys[i], "v"});
  EXPECT_EQ(m.Find(keys[39]), &m.fields[39]);
  m.TruncateFields(10);
  EXPECT_EQ(m.Find(keys[15]), nullptr);
  for (size_t i = 40; i < 70 && m.fields.size() < 40; ++i) m.fields.push_back(Field{keys[i % 60], "w"});
  ASSERT_EQ(m.fields.size(), 40u);
  EXPECT_EQ(m.Find(keys[25]), nullptr);
  EXPECT_EQ(m.Find(keys[45])->value, "w");
  m.Clear();
  for (size_t i = 0; i < 12; ++i) m.fields.push_back(Field{keys[i + 30], "x"});
  EXPECT_EQ(m.Find(keys[5]), nullptr);
  EXPECT_EQ(m.Find(keys[35])->value, "x");
}

// KeysUnique must agree with a pairwise check, below and above the switch
// to the index, and follow truncation and Clear().
TEST(ParsedMessageTest, KeysUniqueAgreesWithPairwiseCheck) {
  std::vector<std::string> keys = Keys(40);
  for (size_t n : {0, 1, 2, 8, 9, 30}) {
    for (size_t repeat_at = 0; repeat_at <= n; ++repeat_at) {
      ParsedMessage m;
      for (size_t i = 0; i < n; ++i) m.fields.push_back(Field{keys[i], "v"});
      // repeat_at == n: no repeat; otherwise key repeat_at appears again at the end.
      if (repeat_at < n) m.fields.push_back(Field{keys[repeat_at], "again"});
      EXPECT_EQ(m.KeysUnique(), repeat_at == n) << n << " " << repeat_at;
    }
  }
  ParsedMessage m;
  for (size_t i = 0; i < 20; ++i) m.fields.push_back(Field{keys[i], "v"});
  m.fields.push_back(Field{keys[2], "again"});
  EXPECT_FALSE(m.KeysUnique());
  m.TruncateFields(20);
  EXPECT_TRUE(m.KeysUnique());
  m.fields.push_back(Field{keys[19], "again"});
  EXPECT_FALSE(m.KeysUnique());
  m.Clear();
  for (size_t i = 0; i < 12; ++i) m.fields.push_back(Field{keys[i], "x"});
  EXPECT_TRUE(m.KeysUnique());
}

// The layout memo against a brute-force first-match scan, over one reused
// message: runs of messages with the same keys, prefixes of them, other
// orders, repeated keys, fields added after lookups, truncations, and
// lookup keys whose text changes at the same address (the memo must compare
// the text, not trust the address). Every answer and KeysUnique() is
// checked.
TEST(ParsedMessageTest, LayoutMemoAgreesWithAScanOverReusedMessages) {
  const std::vector<std::string> pool = Keys(40);
  // Lookup keys live in fixed buffers, rewritten in place now and then.
  std::vector<std::string> lookups = Keys(48);
  for (std::string& k : lookups) k.reserve(32);
  uint64_t x = 88172645463325252ULL;
  auto next = [&](uint64_t n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return static_cast<size_t>(x % n);
  };
  auto scan = [](const ParsedMessage& m, std::string_view key) -> const Field* {
    for (const Field& f : m.fields)
      if (f.key == key) return &f;
    return nullptr;
  };
  auto unique = [](const ParsedMessage& m) {
    for (size_t i = 0; i < m.fields.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (m.fields[i].key == m.fields[j].key) return false;
    return true;
  };
  ParsedMessage m;
  std::vector<size_t> layout;  // pool indexes of the current message shape
  size_t checks = 0;
  // LayoutId(): one id, one key sequence.
  std::map<uint64_t, std::vector<std::string_view>> id_keys;
  size_t id_reuses = 0;
  auto check_layout_id = [&](const ParsedMessage& msg) {
    const uint64_t id = msg.LayoutId();
    if (msg.fields.size() <= 8) {
      EXPECT_EQ(id, 0u);
      return;
    }
    if (id == 0) return;
    std::vector<std::string_view> keys;
    for (const Field& f : msg.fields) keys.push_back(f.key);
    auto [it, added] = id_keys.try_emplace(id, keys);
    id_reuses += !added;
    EXPECT_EQ(it->second, keys) << "id " << id;
  };
  for (int message = 0; message < 3000; ++message) {
    const size_t shape = next(10);
    if (layout.empty() || shape == 0) {
      layout.clear();
      const size_t n = 9 + next(24);
      for (size_t i = 0; i < n; ++i) layout.push_back(next(4) == 0 ? next(40) : i % 40);
    } else if (shape == 1) {
      layout.resize(9 + next(layout.size() - 8));  // a prefix
    } else if (shape == 2) {
      layout.push_back(next(40));  // one more key
    } else if (shape == 3) {
      std::swap(layout[next(layout.size())], layout[next(layout.size())]);
    }
    if (next(8) == 0) lookups[next(lookups.size())] = "key" + std::to_string(next(48));
    m.Clear();
    const size_t split = next(3) == 0 ? 9 + next(layout.size() - 8) : layout.size();
    auto check_all = [&] {
      for (int q = 0; q < 12; ++q) {
        const std::string& key = lookups[next(lookups.size())];
        ASSERT_EQ(m.Find(key), scan(m, key)) << "message " << message << " key " << key;
        ++checks;
      }
      ASSERT_EQ(m.KeysUnique(), unique(m)) << "message " << message;
      check_layout_id(m);
    };
    for (size_t i = 0; i < split; ++i) m.fields.push_back(Field{pool[layout[i]], "v"});
    check_all();
    for (size_t i = split; i < layout.size(); ++i) m.fields.push_back(Field{pool[layout[i]], "v"});
    check_all();
    if (next(6) == 0) {
      m.TruncateFields(9 + next(m.fields.size() - 8));
      check_all();
    }
  }
  EXPECT_EQ(checks > 50000, true);
  EXPECT_GT(id_reuses, 1000u);
  // A layout's id is unique in the process: another message's layout of
  // other keys never has it.
  ParsedMessage other;
  for (size_t i = 0; i < 12; ++i) other.fields.push_back(Field{pool[39 - i], "v"});
  const uint64_t other_id = other.LayoutId();
  EXPECT_NE(other_id, 0u);
  EXPECT_EQ(id_keys.count(other_id), 0u);
  // Added fields make a new layout, with an id of its own.
  const uint64_t before = m.LayoutId();
  m.fields.push_back(Field{pool[0], "v"});
  EXPECT_NE(m.LayoutId(), before);
}

}  // namespace
}  // namespace recproc
