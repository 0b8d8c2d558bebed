#include "parse/winxml.h"

#include <gtest/gtest.h>

#include <string>

namespace recproc {
namespace {

constexpr std::string_view k4624 =
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
    "<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-A5BA-3E3B0328C30D}'/>"
    "<EventID>4624</EventID><Version>2</Version><Level>0</Level><Task>12544</Task>"
    "<Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='2024-01-18T10:00:00.1234567Z'/>"
    "<EventRecordID>211</EventRecordID><Correlation/><Execution ProcessID='636' ThreadID='700'/>"
    "<Channel>Security</Channel><Computer>DC01.corp.example.com</Computer><Security/></System>"
    "<EventData><Data Name='SubjectUserName'>DC01$</Data><Data Name='TargetUserName'>alice</Data>"
    "<Data Name='TargetDomainName'>CORP</Data><Data Name='LogonType'>3</Data>"
    "<Data Name='IpAddress'>10.0.0.7</Data><Data Name='Empty'></Data><Data Name='Null'/>"
    "<Data Name='Msg'>a &amp; b &lt;c&gt; &#x41;&#66; &quot;q&quot;</Data></EventData></Event>";

class WindowsXmlTest : public ::testing::Test {
 protected:
  Status Run(std::string_view text, WindowsXmlOptions o = {}) {
    msg.Clear();
    ParseContext ctx{&arena, &limits, 0};
    return MakeWindowsXmlParser(o)->Parse(text, ctx, &msg);
  }
  std::string Get(std::string_view key) {
    const Field* f = msg.Find(key);
    return f ? std::string(f->value) : "<missing>";
  }
  Arena arena;
  ParseLimits limits;
  ParsedMessage msg;
};

TEST_F(WindowsXmlTest, SystemFieldsAliasesAndHints) {
  ASSERT_TRUE(Run(k4624).ok());
  EXPECT_EQ(Get("System.EventID"), "4624");
  EXPECT_EQ(Get("System.Provider.Name"), "Microsoft-Windows-Security-Auditing");
  EXPECT_EQ(Get("System.TimeCreated.SystemTime"), "2024-01-18T10:00:00.1234567Z");
  EXPECT_EQ(Get("System.Channel"), "Security");
  EXPECT_EQ(Get("System.Computer"), "DC01.corp.example.com");
  EXPECT_EQ(Get("System.Execution.ProcessID"), "636");
  EXPECT_EQ(Get("EventID"), "4624");
  EXPECT_EQ(Get("Channel"), "Security");
  EXPECT_EQ(Get("Computer"), "DC01.corp.example.com");
  EXPECT_EQ(Get("TimeCreated.SystemTime"), "2024-01-18T10:00:00.1234567Z");
  EXPECT_EQ(msg.Find("xmlns"), nullptr);
  EXPECT_EQ(msg.Find("System.Provider"), nullptr);
  EXPECT_EQ(msg.vendor, "Microsoft");
  EXPECT_EQ(msg.product, "Windows");
  EXPECT_EQ(msg.log_format, "Windows");
  EXPECT_EQ(msg.event_id, "Security-4624");
}

TEST_F(WindowsXmlTest, EventDataByNameAndEntities) {
  ASSERT_TRUE(Run(k4624).ok());
  EXPECT_EQ(Get("EventData.SubjectUserName"), "DC01$");
  EXPECT_EQ(Get("EventData.TargetUserName"), "alice");
  EXPECT_EQ(Get("EventData.LogonType"), "3");
  EXPECT_EQ(Get("EventData.Empty"), "");
  EXPECT_EQ(Get("EventData.Null"), "");
  EXPECT_EQ(Get("EventData.Msg"), "a & b <c> AB \"q\"");
}

TEST_F(WindowsXmlTest, UserDataAndUnnamedData) {
  ASSERT_TRUE(Run("<?xml version='1.0'?>\n<Event><System><EventID Qualifiers='16384'>7036</EventID>"
                  "<Channel>System</Channel></System><EventData><Data>first</Data><Data>second</Data>"
                  "</EventData><UserData><LogFileCleared xmlns='x'><SubjectUserName>bob</SubjectUserName>"
                  "</LogFileCleared></UserData><!-- c --></Event>\n")
                  .ok());
  EXPECT_EQ(Get("System.EventID.Qualifiers"), "16384");
  EXPECT_EQ(Get("EventID"), "7036");
  EXPECT_EQ(msg.event_id, "System-7036");
  EXPECT_EQ(Get("EventData.Data"), "first");
  EXPECT_EQ(Get("UserData.LogFileCleared.SubjectUserName"), "bob");
  int data = 0;
  for (const Field& f : msg.fields) data += f.key == "EventData.Data";
  EXPECT_EQ(data, 2);
}

TEST_F(WindowsXmlTest, NoAliasesOption) {
  WindowsXmlOptions o;
  o.system_aliases = false;
  ASSERT_TRUE(Run(k4624, o).ok());
  EXPECT_EQ(msg.Find("EventID"), nullptr);
  EXPECT_EQ(Get("System.EventID"), "4624");
}

TEST_F(WindowsXmlTest, RejectsMalformedXml) {
  EXPECT_FALSE(Run("<Events><Event/></Events>").ok());
  EXPECT_FALSE(Run("<Event><System><EventID>1</EventId></System></Event>").ok());
  EXPECT_FALSE(Run("<Event><System><EventID>1</EventID></System>").ok());
  EXPECT_FALSE(Run("<!DOCTYPE x [<!ENTITY a 'b'>]><Event/>").ok());
  EXPECT_FALSE(Run("<Event><A>&bogus;</A></Event>").ok());
  EXPECT_FALSE(Run("<Event><A x=1/></Event>").ok());
  Status s = Run("<Event><A>1</A></Event> trailing");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("byte 25"), std::string::npos) << s.message();
}

TEST_F(WindowsXmlTest, DepthAndFieldLimits) {
  limits.max_depth = 3;
  EXPECT_EQ(Run("<Event><a><b><c><d>x</d></c></b></a></Event>").code(), Status::Code::kLimitExceeded);
  limits.max_depth = 64;
  limits.max_fields = 4;
  EXPECT_EQ(Run(k4624).code(), Status::Code::kLimitExceeded);
}

TEST_F(WindowsXmlTest, KeyAndValueLengthLimits) {
  limits.max_value_bytes = 16;
  Status s = Run("<Event><EventData><Data Name='AVeryLongDataName'>x</Data></EventData></Event>");
  EXPECT_EQ(s.message(), "winxml: key 'EventData.AVeryLongDataName...' longer than 16 bytes");
  s = Run("<Event><EventData><Data Name='N'>0123456789abcdefg</Data></EventData></Event>");
  EXPECT_EQ(s.message(), "winxml: value of 'EventData.N' longer than 16 bytes");
  EXPECT_TRUE(Run("<Event><EventData><Data Name='N'>0123456789abcdef</Data></EventData></Event>").ok());
}

TEST(LooksLikeWindowsXmlTest, Shape) {
  EXPECT_TRUE(LooksLikeWindowsXml(k4624));
  EXPECT_TRUE(LooksLikeWindowsXml(" <?xml version='1.0'?><Event>"));
  EXPECT_FALSE(LooksLikeWindowsXml("<Events>"));
  EXPECT_FALSE(LooksLikeWindowsXml("{\"a\":1}"));
}

}  // namespace
}  // namespace recproc
