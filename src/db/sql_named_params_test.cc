#include "db/sql_named_params.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

const std::vector<std::string> kNames = {"cursor_ts", "cursor_id", "window_end", "limit"};

TEST(SqlNamedParams, RewritesRepeatedNamesToOneNumber) {
  PositionalQuery q;
  ASSERT_TRUE(ToPositional("SELECT * FROM t WHERE (ts > :cursor_ts OR (ts = :cursor_ts AND id > :cursor_id)) "
                           "AND ts <= :window_end ORDER BY ts, id LIMIT :limit",
                           '$', kNames, &q)
                  .ok());
  EXPECT_EQ(q.text,
            "SELECT * FROM t WHERE (ts > $1 OR (ts = $1 AND id > $2)) AND ts <= $3 ORDER BY ts, id LIMIT $4");
  EXPECT_EQ(q.names, (std::vector<std::string>{"cursor_ts", "cursor_id", "window_end", "limit"}));
}

TEST(SqlNamedParams, LeavesLiteralsCommentsAndCastsAlone) {
  PositionalQuery q;
  ASSERT_TRUE(
      ToPositional("SELECT ':limit', \"a:limit\", x::text -- :nope\nFROM t /* :no */ WHERE ts > :cursor_ts",
                   '?', kNames, &q)
          .ok());
  EXPECT_EQ(q.text, "SELECT ':limit', \"a:limit\", x::text -- :nope\nFROM t /* :no */ WHERE ts > ?1");
  EXPECT_EQ(q.names, std::vector<std::string>{"cursor_ts"});
}

TEST(SqlNamedParams, UnknownNameIsAnErrorWithItsPosition) {
  PositionalQuery q;
  Status s = ToPositional("SELECT * FROM t WHERE ts > :since", '?', kNames, &q);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("query position 28"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("unknown parameter ':since'"), std::string::npos) << s.message();
}

TEST(SqlNamedParams, MapsRewrittenOffsetsBackToTheOriginal) {
  PositionalQuery q;
  std::string original = "SELECT :cursor_ts, :window_end FORM t";
  ASSERT_TRUE(ToPositional(original, '$', kNames, &q).ok());
  ASSERT_EQ(q.text, "SELECT $1, $2 FORM t");
  size_t form_out = q.text.find("FORM");
  EXPECT_EQ(q.OriginalOffset(form_out), original.find("FORM"));
  EXPECT_EQ(q.OriginalOffset(0), 0u);
}

}  // namespace
}  // namespace recproc
