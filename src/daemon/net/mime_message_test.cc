#include "daemon/net/mime_message.h"

#include <gtest/gtest.h>

#include "util/sha256.h"

namespace recproc {
namespace {

TEST(MimeMessage, SinglePartHeadersAndText) {
  std::string raw =
      "From: =?UTF-8?B?SsO2cmc=?= <jorg@example.com>\r\nTo: soc@example.com, b@example.com\r\n"
      "Subject: =?ISO-8859-1?Q?Caf=E9?= alert\r\nDate: Fri, 05 Jan 2024 10:00:00 +0100\r\n"
      "Message-ID: <abc@example.com>\r\n\r\nline one\r\nline two\r\n";
  MimeMessage m;
  ASSERT_TRUE(ParseMimeMessage(raw, 0, &m).ok());
  EXPECT_EQ(m.from, "J\xc3\xb6rg <jorg@example.com>");
  EXPECT_EQ(m.to, "soc@example.com, b@example.com");
  EXPECT_EQ(m.subject, "Caf\xc3\xa9 alert");
  EXPECT_EQ(m.date, "2024-01-05T09:00:00Z");
  EXPECT_EQ(m.message_id, "abc@example.com");
  EXPECT_EQ(m.text, "line one\r\nline two\r\n");
  EXPECT_TRUE(m.attachments.empty());
}

TEST(MimeMessage, MultipartAttachmentHashedOverDecodedBytes) {
  std::string raw =
      "From: a@example.com\nSubject: report\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain; charset=utf-8\n\n"
      "see attached\n--XX\nContent-Type: application/octet-stream; name=\"r.bin\"\n"
      "Content-Disposition: attachment; filename=\"r.bin\"\nContent-Transfer-Encoding: base64\n\n"
      "aGVsbG8gd29ybGQ=\n--XX--\n";
  MimeMessage m;
  ASSERT_TRUE(ParseMimeMessage(raw, 0, &m).ok());
  EXPECT_EQ(m.text, "see attached");
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].name, "r.bin");
  EXPECT_EQ(m.attachments[0].type, "application/octet-stream");
  EXPECT_EQ(m.attachments[0].size, 11);
  EXPECT_EQ(m.attachments[0].sha256, Sha256Hex("hello world"));
}

TEST(MimeMessage, ForwardedMessageIsOneAttachment) {
  std::string inner = "From: phisher@bad.example\nSubject: Invoice\n\npay now\n";
  std::string raw =
      "From: user@example.com\nSubject: Fwd: Invoice\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nplease check\n"
      "--XX\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename=\"Invoice.eml\"\n\n" +
      inner + "\n--XX--\n";
  MimeMessage m;
  ASSERT_TRUE(ParseMimeMessage(raw, 0, &m).ok());
  EXPECT_EQ(m.text, "please check");
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].name, "Invoice.eml");
  EXPECT_EQ(m.attachments[0].type, "message/rfc822");
  EXPECT_EQ(m.attachments[0].size, static_cast<int64_t>(inner.size()));
  EXPECT_EQ(m.attachments[0].sha256, Sha256Hex(inner));
}

TEST(MimeMessage, TextCutAtUtf8Boundary) {
  std::string raw = "Subject: x\nContent-Type: text/plain; charset=utf-8\n\nab\xc3\xa9z\n";
  MimeMessage m;
  ASSERT_TRUE(ParseMimeMessage(raw, 3, &m).ok());
  EXPECT_EQ(m.text, "ab");
  EXPECT_TRUE(m.text_truncated);
}

}  // namespace
}  // namespace recproc
