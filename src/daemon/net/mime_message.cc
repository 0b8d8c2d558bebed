// MIME parsing through GMime 3 (the one place that knows GMime): GMime
// decodes RFC 2047 encoded words, transfer encodings and charsets, which are
// the parts of mail handling that hand-written parsers get wrong. We walk
// every leaf part once: a part with a Content-Disposition of "attachment" or
// a filename is an attachment (hashed over its decoded bytes, as a user's
// `sha256sum` of the saved file would be); other text/plain parts are the
// message text. A forwarded message (message/rfc822) is one attachment; its
// own parts are not listed.
#include "daemon/net/mime_message.h"

#include <gmime/gmime.h>

#include <array>
#include <cctype>
#include <mutex>

#include "util/sha256.h"

namespace recproc {
namespace {

std::string TakeString(char* s) {
  std::string out = s != nullptr ? s : "";
  g_free(s);
  return out;
}

std::string AddressList(InternetAddressList* list) {
  if (list == nullptr || internet_address_list_length(list) == 0) return "";
  return TakeString(internet_address_list_to_string(list, nullptr, FALSE));
}

void CutUtf8(std::string* s, size_t max) {
  if (s->size() <= max) return;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>((*s)[cut]) & 0xC0) == 0x80) --cut;
  s->resize(cut);
}

struct Walk {
  MimeMessage* out;
  int64_t max_text;
};

std::string Hex(const std::array<uint8_t, 32>& digest) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

// A message/rfc822 part (a report forwarded "as attachment", the usual way
// users submit phishing) is listed as one attachment: the embedded message as
// GMime writes it back, which keeps the original header and body text.
void VisitForwarded(GMimeObject* object, Walk* walk) {
  MimeAttachment a;
  const char* name = g_mime_object_get_content_disposition_parameter(object, "filename");
  if (name == nullptr) name = g_mime_object_get_content_type_parameter(object, "name");
  a.name = name != nullptr ? name : "";
  a.type = "message/rfc822";
  Sha256 hash;
  if (GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object))) {
    GMimeStream* bytes = g_mime_stream_mem_new();
    g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, bytes);
    GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(bytes));
    std::string_view view(reinterpret_cast<const char*>(array->data), array->len);
    a.size = static_cast<int64_t>(view.size());
    hash.Update(view);
    g_object_unref(bytes);
  }
  a.sha256 = Hex(hash.Finish());
  walk->out->attachments.push_back(std::move(a));
}

void VisitPart(GMimeObject* /*parent*/, GMimeObject* object, gpointer data) {
  Walk* walk = static_cast<Walk*>(data);
  if (GMIME_IS_MESSAGE_PART(object)) {
    VisitForwarded(object, walk);
    return;
  }
  if (!GMIME_IS_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  GMimeContentType* ct = g_mime_object_get_content_type(object);
  const char* filename = g_mime_part_get_filename(part);
  bool attachment = g_mime_part_is_attachment(part) || (filename != nullptr && *filename != '\0');
  if (!attachment) {
    if (GMIME_IS_TEXT_PART(object) && g_mime_content_type_is_type(ct, "text", "plain")) {
      std::string text = TakeString(g_mime_text_part_get_text(GMIME_TEXT_PART(object)));
      if (!walk->out->text.empty()) walk->out->text += "\n";
      walk->out->text += text;
      if (walk->max_text > 0 && walk->out->text.size() > static_cast<size_t>(walk->max_text)) {
        CutUtf8(&walk->out->text, static_cast<size_t>(walk->max_text));
        walk->out->text_truncated = true;
      }
    }
    return;
  }
  MimeAttachment a;
  a.name = filename != nullptr ? filename : "";
  a.type = TakeString(g_mime_content_type_get_mime_type(ct));
  for (char& c : a.type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  Sha256 hash;
  if (content != nullptr) {
    GMimeStream* decoded = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(content, decoded);
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(decoded));
    std::string_view view(reinterpret_cast<const char*>(bytes->data), bytes->len);
    a.size = static_cast<int64_t>(view.size());
    hash.Update(view);
    g_object_unref(decoded);
  }
  a.sha256 = Hex(hash.Finish());
  walk->out->attachments.push_back(std::move(a));
}

}  // namespace

Status ParseMimeMessage(std::string_view raw, int64_t max_text_bytes, MimeMessage* out) {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
  *out = MimeMessage();
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(raw.data(), raw.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
  g_object_unref(parser);
  g_object_unref(stream);
  if (message == nullptr) return Status::Corruption("not an Internet message (no header block)");
  out->from = AddressList(g_mime_message_get_from(message));
  out->to = AddressList(g_mime_message_get_to(message));
  out->cc = AddressList(g_mime_message_get_cc(message));
  const char* subject = g_mime_message_get_subject(message);
  out->subject = subject != nullptr ? subject : "";
  const char* id = g_mime_message_get_message_id(message);
  out->message_id = id != nullptr ? id : "";
  if (GDateTime* date = g_mime_message_get_date(message)) {
    GDateTime* utc = g_date_time_to_utc(date);
    out->date = TakeString(g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ"));
    g_date_time_unref(utc);
  }
  Walk walk{out, max_text_bytes};
  g_mime_message_foreach(message, VisitPart, &walk);
  g_object_unref(message);
  return Status::Ok();
}

}  // namespace recproc
