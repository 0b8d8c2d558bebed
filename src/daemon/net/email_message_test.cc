#include "daemon/net/email_message.h"

#include <gtest/gtest.h>

#include "daemon/net/smtp_client.h"

namespace recproc {
namespace {

constexpr int64_t kT = 1767226200000;  // 2026-01-01T00:10:00Z, a Thursday

TEST(EmailMessage, RendersAnAsciiMessageWithCrlfAndAllHeaders) {
  EmailMessage m;
  m.from = "recproc <soc@example.org>";
  m.to = {"a@example.org", "B <b@example.org>"};
  m.cc = {"c@example.org"};
  m.subject = "[9] host1 beaconing";
  m.body = "line one\nline two\n.dot line";
  m.message_id = "abc123@recproc";
  m.date_ms = kT;
  EXPECT_EQ(RenderEmail(m),
            "Date: Thu, 01 Jan 2026 00:10:00 +0000\r\n"
            "From: recproc <soc@example.org>\r\n"
            "To: a@example.org, B <b@example.org>\r\n"
            "Cc: c@example.org\r\n"
            "Subject: [9] host1 beaconing\r\n"
            "Message-ID: <abc123@recproc>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: 7bit\r\n"
            "\r\n"
            "line one\r\nline two\r\n.dot line\r\n");
}

TEST(EmailMessage, NonAsciiSubjectIsEncodedAndBodyGoesBase64) {
  EmailMessage m;
  m.from = "soc@example.org";
  m.to = {"a@example.org"};
  m.subject = "Zugriff verweigert für Jürgen";
  m.body = "Grüße\n";
  m.message_id = "k@recproc";
  std::string text = RenderEmail(m);
  EXPECT_NE(text.find("Subject: =?UTF-8?B?WnVncmlmZiB2ZXJ3ZWlnZXJ0IGbDvHIgSsO8cmdlbg==?=\r\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Content-Transfer-Encoding: base64\r\n\r\nR3LDvMOfZQ0K\r\n"), std::string::npos) << text;
}

TEST(EmailMessage, LongSubjectsSplitOnCharacterBoundaries) {
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "é";  // 60 bytes: two words
  std::string enc = EncodeHeaderText(subject);
  size_t fold = enc.find("\r\n ");
  ASSERT_NE(fold, std::string::npos) << enc;
  EXPECT_LE(fold, 75u);
  // 22 characters (44 bytes) fit the first word; the split is never mid-character.
  EXPECT_EQ(enc.substr(0, fold), "=?UTF-8?B?" "w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=" "?=");
}

TEST(EmailMessage, FieldValuesCannotInjectHeaders) {
  EmailMessage m;
  m.from = "soc@example.org";
  m.to = {"a@example.org"};
  m.subject = "hi\r\nBcc: victim@example.org";
  m.message_id = "k@recproc";
  std::string text = RenderEmail(m);
  EXPECT_EQ(text.find("\r\nBcc:"), std::string::npos) << text;
  EXPECT_NE(text.find("Subject: hi  Bcc: victim@example.org\r\n"), std::string::npos) << text;
}

TEST(EmailMessage, MailboxAddressAndRedactedUrl) {
  EXPECT_EQ(MailboxAddress("SOC Team <soc@example.org>"), "soc@example.org");
  EXPECT_EQ(MailboxAddress(" a@b "), "a@b");
  EXPECT_EQ(RedactedSmtpUrl("smtps://user:pa55@mail.example:465/x"), "smtps://mail.example:465");
  EXPECT_EQ(RedactedSmtpUrl("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
}

}  // namespace
}  // namespace recproc
