#include "daemon/net/imap_protocol.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

TEST(ImapProtocol, QuotesBackslashAndDoubleQuote) {
  EXPECT_EQ(ImapQuote(R"(a"b\c)"), R"("a\"b\\c")");
  EXPECT_TRUE(IsImapQuotable("[ALERT] x"));
  EXPECT_FALSE(IsImapQuotable("a\r\nb"));
  EXPECT_FALSE(IsImapQuotable("caf\xc3\xa9"));
}

TEST(ImapProtocol, BuildsUidSearchWithCriteria) {
  ImapCriteria c;
  EXPECT_EQ(BuildUidSearch(0, c), "UID SEARCH UID 1:*");
  c.from = "alice";
  c.subject = "[ALERT]";
  c.since = "2024-01-05";
  c.unseen = true;
  EXPECT_EQ(BuildUidSearch(41, c),
            R"(UID SEARCH UID 42:* FROM "alice" SUBJECT "[ALERT]" SINCE 5-Jan-2024 UNSEEN)");
  EXPECT_EQ(BuildUidSearch(4294967294u, ImapCriteria()), "UID SEARCH UID 4294967295:*");
}

TEST(ImapProtocol, IsoDateToImapDate) {
  EXPECT_EQ(ImapDateFromIso("2024-12-31").value(), "31-Dec-2024");
  EXPECT_FALSE(ImapDateFromIso("2024-13-01"));
  EXPECT_FALSE(ImapDateFromIso("5-Jan-2024"));
}

// Regression for the `n:*` trap: "UID SEARCH UID 10:*" on a mailbox whose
// highest UID is 3 answers "SEARCH 3".
TEST(ImapProtocol, SearchResultKeepsOnlyUidsAboveTheCursor) {
  std::vector<ImapUntagged> r = {{"SEARCH 3", {}}};
  EXPECT_TRUE(ParseUidSearch(r, 9).empty());
  r = {{"OK still here", {}}, {"SEARCH 12 10 3 11 10", {}}};
  EXPECT_EQ(ParseUidSearch(r, 9), (std::vector<uint32_t>{10, 11, 12}));
  r = {{"SEARCH", {}}};
  EXPECT_TRUE(ParseUidSearch(r, 0).empty());
}

TEST(ImapProtocol, MailboxStatusFromExamine) {
  std::vector<ImapUntagged> r = {{"FLAGS (\\Seen)", {}},
                                 {"3 EXISTS", {}},
                                 {"OK [UIDVALIDITY 1795693628] UIDs valid", {}},
                                 {"OK [UIDNEXT 4] Predicted next UID", {}}};
  ImapMailboxStatus s;
  ASSERT_TRUE(ParseMailboxStatus(r, &s));
  EXPECT_EQ(s.uidvalidity, 1795693628u);
  EXPECT_EQ(s.uidnext, 4u);
  EXPECT_EQ(s.exists, 3u);
  ImapMailboxStatus none;
  EXPECT_FALSE(ParseMailboxStatus({{"2 EXISTS", {}}}, &none));
}

TEST(ImapProtocol, ParsesFetchWithLiteral) {
  ImapUntagged r{
      R"(2 FETCH (UID 7 INTERNALDATE "05-Jan-2024 10:00:00 +0100" FLAGS (\Seen \Flagged) BODY[] {5}))",
      {"hello"}};
  ImapFetched f;
  ASSERT_TRUE(ParseFetch(r, &f));
  EXPECT_EQ(f.uid, 7u);
  EXPECT_EQ(f.internal_date, "05-Jan-2024 10:00:00 +0100");
  EXPECT_EQ(f.flags, (std::vector<std::string>{"\\Seen", "\\Flagged"}));
  EXPECT_EQ(f.body, "hello");
  ImapFetched g;
  EXPECT_FALSE(ParseFetch({"2 EXISTS", {}}, &g));
}

TEST(ImapProtocol, InternalDateWithZone) {
  // 10:00 at +0100 is 09:00 UTC.
  EXPECT_EQ(ParseImapDateTime("05-Jan-2024 10:00:00 +0100").value(), 1704445200000);
  EXPECT_EQ(ParseImapDateTime(" 5-Jan-2024 09:00:00 +0000").value(), 1704445200000);
  EXPECT_EQ(ParseImapDateTime("05-Jan-2024 04:00:00 -0500").value(), 1704445200000);
  EXPECT_FALSE(ParseImapDateTime("05-Foo-2024 10:00:00 +0100"));
}

}  // namespace
}  // namespace recproc
