#include "daemon/record_builder.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

using nlohmann::json;

DaemonRule Rule(const char* when, DaemonRule::Action action, std::vector<std::string> tags = {}) {
  DaemonRule r;
  r.name = when;
  EXPECT_TRUE(FilterExpr::Parse(when, &r.when).ok()) << when;
  r.action = action;
  r.tags = std::move(tags);
  return r;
}

TEST(MapItem, PathsDefaultsAndNesting) {
  std::vector<MappingEntry> mapping = {{"id", "event.id", std::nullopt},
                                       {"host.name", "device.name", json("unknown")},
                                       {"first_tag", "tags.0", std::nullopt},
                                       {"absent", "nope", std::nullopt}};
  json item = json::parse(R"({"event":{"id":7},"tags":["x","y"]})");
  EXPECT_EQ(MapItem(mapping, item), json::parse(R"({"id":7,"host":{"name":"unknown"},"first_tag":"x"})"));
  EXPECT_EQ(MapItem({}, item), item);  // no mapping: the item itself
}

TEST(DedupKey, SubstitutesFields) {
  json r = json::parse(R"({"id":"a","n":3,"x":{"y":true}})");
  EXPECT_EQ(DedupKey("{id}|{n}|{x.y}|{missing}", r), "a|3|true|");
}

class BatchBuilderTest : public ::testing::Test {
 protected:
  BatchBuilderTest() {
    def_.name = "t";
    def_.dedup.key = "{id}";
    def_.cursor.field = "ts";
    def_.rules.push_back(Rule("sev < 2", DaemonRule::Action::kDrop));
    def_.rules.push_back(Rule("sev >= 5", DaemonRule::Action::kTag, {"hot"}));
    def_.rules.push_back(Rule("sev >= 9", DaemonRule::Action::kEmit));
    def_.rules.push_back(Rule("sev >= 5", DaemonRule::Action::kTag, {"never"}));  // after emit: not reached for 9
  }
  std::vector<json> Items() {
    return {json::parse(R"({"id":"a","ts":5,"sev":1})"), json::parse(R"({"id":"b","ts":3,"sev":9})"),
            json::parse(R"({"id":"b","ts":4,"sev":9})"), json::parse(R"({"id":"c","ts":2,"sev":6})"),
            json::parse(R"({"id":"old","ts":9,"sev":6})")};
  }
  DaemonDefinition def_;
};

TEST_F(BatchBuilderTest, DedupRulesAndCursor) {
  DedupSet seen;
  seen.Insert("old", 0);
  BatchBuilder b(def_, 1000, &seen);
  ASSERT_TRUE(b.Add(Items(), true, 0, [] { return int64_t{0}; }).ok());
  EXPECT_EQ(b.dup(), 2);       // "b" twice in the batch, "old" seen before
  EXPECT_EQ(b.filtered(), 1);  // "a" dropped
  ASSERT_EQ(b.emitted().size(), 2u);
  EXPECT_EQ(b.emitted()[0]["tags"], json::array({"hot"}));
  EXPECT_EQ(b.emitted()[1]["tags"], json::array({"hot", "never"}));
  ASSERT_EQ(b.new_keys().size(), 3u);
  // Max over emitted AND dropped records: the dropped "a" (ts 5) counts.
  FetchResult fetched;
  fetched.items = Items();
  EXPECT_EQ(b.NextCursor(json(1), fetched, json()), json(5));
  EXPECT_EQ(b.NextCursor(json(8), fetched, json()), json(8));  // never backwards
  fetched.cursor = json("source-wins");
  EXPECT_EQ(b.NextCursor(json(1), fetched, json()), json("source-wins"));
  std::string out;
  ASSERT_TRUE(b.Render(&out).ok());
  EXPECT_EQ(out, "{\"id\":\"b\",\"sev\":9,\"tags\":[\"hot\"],\"ts\":3}\n{\"id\":\"c\",\"sev\":6,\"tags\":[\"hot\",\"never\"],\"ts\":2}\n");
}

TEST_F(BatchBuilderTest, EmptyConfirmedWindowAdvancesATimeCursor) {
  DedupSet seen;
  BatchBuilder b(def_, 0, &seen);
  ASSERT_TRUE(b.Add({}, true, 0, [] { return int64_t{0}; }).ok());
  FetchResult fetched;
  fetched.window_end_ms = 1767225600000;  // 2026-01-01T00:00:00Z
  EXPECT_EQ(b.NextCursor(json("2025-12-31T00:00:00Z"), fetched, json()), json("2026-01-01T00:00:00.000Z"));
  EXPECT_EQ(b.NextCursor(json(), fetched, json("2025-12-31T00:00:00Z")), json("2026-01-01T00:00:00.000Z"));
  EXPECT_EQ(b.NextCursor(json(42), fetched, json()), json(42));  // not a time: kept
  fetched.window_end_ms.reset();
  EXPECT_EQ(b.NextCursor(json("2025-12-31T00:00:00Z"), fetched, json()), json("2025-12-31T00:00:00Z"));
}

TEST_F(BatchBuilderTest, FailingExecRuleFailsTheBatchAndGetsAnIdempotencyKey) {
  DaemonRule ok;
  ok.name = "ok";
  ok.action = DaemonRule::Action::kExec;
  ok.argv = {"/bin/sh", "-c", "test -n \"$RECPROC_IDEMPOTENCY_KEY\" && test \"$RECPROC_RULE\" = ok"};
  def_.rules.clear();
  def_.rules.push_back(std::move(ok));
  DedupSet seen;
  BatchBuilder b(def_, 0, &seen);
  EXPECT_TRUE(b.Add({json::parse(R"({"id":"x"})")}, true, 0, [] { return int64_t{0}; }).ok());
  def_.rules[0].argv = {"/bin/sh", "-c", "echo boom >&2; exit 4"};
  BatchBuilder failing(def_, 0, &seen);
  Status s = failing.Add({json::parse(R"({"id":"x"})")}, true, 0, [] { return int64_t{0}; });
  EXPECT_EQ(s.message(), "rule 'ok': '/bin/sh' exited with status 4: boom");
  BatchBuilder dry(def_, 0, &seen);  // --dry-run skips side effects
  EXPECT_TRUE(dry.Add({json::parse(R"({"id":"x"})")}, false, 0, [] { return int64_t{0}; }).ok());
}

}  // namespace
}  // namespace recproc
