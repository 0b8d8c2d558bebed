// Rendering of outgoing mail (RFC 5322 message format, RFC 2045 MIME body
// encodings, RFC 2047 encoded-words in the Subject). Messages are small
// notifications built once per record, so plain std::string assembly.
#include "daemon/net/email_message.h"

#include <date/date.h>

#include <chrono>

namespace recproc {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8) |
                 static_cast<uint8_t>(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out.push_back(kBase64[(v >> shift) & 63]);
  }
  if (i < in.size()) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<uint8_t>(in[i + 1]) << 8;
    out.push_back(kBase64[(v >> 18) & 63]);
    out.push_back(kBase64[(v >> 12) & 63]);
    out.push_back(i + 1 < in.size() ? kBase64[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

// Header values come from templates over record fields: a CR or LF would
// end the header and let the record write its own.
std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\r' || c == '\n') c = ' ';
  return out;
}

bool PrintableAscii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return false;
  return true;
}

std::string JoinAddresses(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& a : list) out += (out.empty() ? "" : ", ") + OneLine(a);
  return out;
}

// LF or CRLF (or a lone CR) -> CRLF.
std::string CrlfLines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out.push_back(text[i]);
    }
  }
  if (!out.empty() && out.back() != '\n') out += "\r\n";
  return out;
}

bool SevenBitSafe(std::string_view crlf_text) {
  size_t line = 0;
  for (char c : crlf_text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || u == 0) return false;
    line = c == '\n' ? 0 : line + 1;
    if (line > 998) return false;
  }
  return true;
}

}  // namespace

std::string EncodeHeaderText(std::string_view text) {
  std::string flat = OneLine(text);
  if (PrintableAscii(flat)) return flat;
  // 75 bytes per word: "=?UTF-8?B?" + "?=" leave 63 characters of base64,
  // i.e. 45 bytes of text; a word never splits a UTF-8 sequence (§5 (3)).
  std::string out;
  size_t i = 0;
  while (i < flat.size()) {
    size_t end = std::min(flat.size(), i + 45);
    while (end > i && end < flat.size() && (static_cast<unsigned char>(flat[end]) & 0xC0) == 0x80) --end;
    if (end == i) end = std::min(flat.size(), i + 45);  // not UTF-8; split anyway
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(flat).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string MailboxAddress(std::string_view mailbox) {
  size_t open = mailbox.rfind('<');
  size_t close = mailbox.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    return std::string(mailbox.substr(open + 1, close - open - 1));
  while (!mailbox.empty() && mailbox.front() == ' ') mailbox.remove_prefix(1);
  while (!mailbox.empty() && mailbox.back() == ' ') mailbox.remove_suffix(1);
  return std::string(mailbox);
}

std::string Rfc5322Date(int64_t ms) {
  auto t = date::sys_time<std::chrono::seconds>{std::chrono::seconds(ms / 1000 - (ms % 1000 < 0 ? 1 : 0))};
  return date::format("%a, %d %b %Y %H:%M:%S +0000", t);
}

std::string RenderEmail(const EmailMessage& m) {
  std::string body = CrlfLines(m.body);
  bool seven_bit = SevenBitSafe(body);
  std::string out;
  out += "Date: " + Rfc5322Date(m.date_ms) + "\r\n";
  out += "From: " + OneLine(m.from) + "\r\n";
  if (!m.to.empty()) out += "To: " + JoinAddresses(m.to) + "\r\n";
  if (!m.cc.empty()) out += "Cc: " + JoinAddresses(m.cc) + "\r\n";
  out += "Subject: " + EncodeHeaderText(m.subject) + "\r\n";
  out += "Message-ID: <" + OneLine(m.message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += std::string("Content-Transfer-Encoding: ") + (seven_bit ? "7bit" : "base64") + "\r\n\r\n";
  if (seven_bit) {
    out += body;
  } else {
    std::string b64 = Base64(body);
    for (size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  }
  return out;
}

}  // namespace recproc
