#include "record/record.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace recproc {
namespace {

// Names in tables made at compile time (AttrName read byte by byte) get
// the filter bits of the same names made at run time (read by word loads),
// at every length the hash reads differently, so a record finds either.
constexpr std::string_view kNamesOfEveryLength[] = {
    "", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno",
    "abcdefghijklmnop", "abcdefghijklmnopq", "device_hostname_raw", "\xff\x80name", "srcDevice_k8s_normalizedPodName"};
template <size_t... I>
constexpr std::array<AttrName, sizeof...(I)> CompileNames(std::index_sequence<I...>) {
  return {AttrName(kNamesOfEveryLength[I])...};
}
constexpr auto kCompiledNames = CompileNames(std::make_index_sequence<std::size(kNamesOfEveryLength)>());

TEST(RecordTest, CompiledNamesHaveTheFilterBitsOfRunTimeNames) {
  for (size_t i = 0; i < kCompiledNames.size(); ++i) {
    const std::string copy(kNamesOfEveryLength[i]);  // a run-time text
    const AttrName run_time(copy);
    EXPECT_EQ(kCompiledNames[i].a, run_time.a) << copy;
    EXPECT_EQ(kCompiledNames[i].b, run_time.b) << copy;
    Record r;
    r.Set(copy, Value::Int(static_cast<int64_t>(i)));
    const Value* v = r.Get(kCompiledNames[i]);
    ASSERT_NE(v, nullptr) << copy;
    EXPECT_EQ(v->i, static_cast<int64_t>(i));
  }
}

// Set replaces and Get finds every name among many that share lengths,
// middle and last bytes (the may-have filter's classes), and never finds an
// absent one.
TEST(RecordTest, SetGetAcrossNameClasses) {
  std::vector<std::string> names;
  for (const char* prefix : {"metadata_", "srcDevice_", "x"})
    for (char mid = 'a'; mid <= 'z'; mid += 5)
      for (char last : {'e', 'p', 'E'}) names.push_back(std::string(prefix) + mid + "name" + last);
  Record r;
  for (size_t i = 0; i < names.size(); ++i) r.Set(names[i], Value::Int(static_cast<int64_t>(i)));
  ASSERT_EQ(r.attributes().size(), names.size());
  for (size_t i = 0; i < names.size(); ++i) r.Set(std::string(names[i]), Value::Int(static_cast<int64_t>(i) + 1000));
  ASSERT_EQ(r.attributes().size(), names.size()) << "a copy of a name must replace, not add";
  for (size_t i = 0; i < names.size(); ++i) {
    const Value* v = r.Get(std::string(names[i]));
    ASSERT_NE(v, nullptr) << names[i];
    EXPECT_EQ(v->i, static_cast<int64_t>(i) + 1000) << names[i];
  }
  for (const std::string& n : names) {
    EXPECT_EQ(r.Get(n + "x"), nullptr);
    EXPECT_EQ(r.Get(n.substr(0, n.size() - 1) + "q"), nullptr);
  }
  EXPECT_EQ(r.Get(""), nullptr);
  r.Set("", Value::Int(7));
  ASSERT_NE(r.Get(""), nullptr);
  r.Erase(names[3]);
  EXPECT_EQ(r.Get(names[3]), nullptr);
  EXPECT_EQ(r.attributes().size(), names.size());  // one erased, "" added
  r.Clear();
  EXPECT_EQ(r.Get(names[0]), nullptr);
  EXPECT_TRUE(r.attributes().empty());
}

}  // namespace
}  // namespace recproc
