// Windows event XML parser: a small XML scanner for the subset the Event Log
// API writes (XML 1.0 §2-§4 without DTDs). Grammar:
//
//   document = *misc element *misc
//   misc     = blank / "<?" ... "?>" / "<!--" ... "-->"
//   element  = "<" name *(blank attr) *blank ("/>" / ">" content "</" name *blank ">")
//   attr     = name *blank "=" *blank (DQUOTE *char DQUOTE / "'" *char "'")
//   content  = *(chardata / element / "<!--" ... "-->" / "<![CDATA[" ... "]]>" / "<?" ... "?>")
//
// Namespace prefixes stay part of names. Paths and decoded text are built in
// the arena; the recursion depth is bounded by ParseLimits::max_depth.
#include "parse/winxml.h"

#include <cstdint>
#include <string>

namespace recproc {
namespace {

Status AtColumn(std::string_view what, size_t pos) {
  return Status::InvalidArgument("winxml: " + std::string(what) + " at byte " + std::to_string(pos + 1));
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
         c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

std::string_view Join(Arena* arena, std::string_view a, std::string_view b) {
  if (a.empty()) return b;
  char* p = arena->Allocate(a.size() + 1 + b.size());
  a.copy(p, a.size());
  p[a.size()] = '.';
  b.copy(p + a.size() + 1, b.size());
  return std::string_view(p, a.size() + 1 + b.size());
}

size_t EncodeUtf8(uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Decodes entity references of raw (which starts at byte `base` of the input).
Status DecodeEntities(std::string_view raw, size_t base, Arena* arena, std::string_view* out) {
  if (raw.find('&') == std::string_view::npos) {
    *out = raw;
    return Status::Ok();
  }
  char* buf = arena->Allocate(raw.size());  // decoding never grows the text
  size_t n = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      buf[n++] = raw[i];
      continue;
    }
    size_t semi = raw.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) return AtColumn("unterminated entity", base + i);
    std::string_view ent = raw.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      buf[n++] = '&';
    else if (ent == "lt")
      buf[n++] = '<';
    else if (ent == "gt")
      buf[n++] = '>';
    else if (ent == "quot")
      buf[n++] = '"';
    else if (ent == "apos")
      buf[n++] = '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      uint32_t cp = 0;
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      std::string_view digits = ent.substr(hex ? 2 : 1);
      if (digits.empty()) return AtColumn("invalid character reference", base + i);
      for (char c : digits) {
        int d = (c >= '0' && c <= '9')          ? c - '0'
                : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        if (d < 0 || cp > 0x10FFFF) return AtColumn("invalid character reference", base + i);
        cp = cp * (hex ? 16 : 10) + d;
      }
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return AtColumn("character reference out of range", base + i);
      n += EncodeUtf8(cp, buf + n);  // at most 4 bytes for a reference of at least 4 ("&#9;")
    } else {
      return AtColumn("unknown entity '&" + std::string(ent) + ";'", base + i);
    }
    i = semi;
  }
  *out = std::string_view(buf, n);
  return Status::Ok();
}

class XmlScanner {
 public:
  XmlScanner(std::string_view text, ParseContext& ctx, ParsedMessage* out, bool aliases)
      : t_(text), ctx_(ctx), out_(out), aliases_(aliases) {}

  Status Document();
  std::string_view channel, event_id;

 private:
  // Skips blanks, comments and processing instructions.
  Status SkipMisc();
  Status Element(std::string_view parent_path, bool parent_is_event_data, size_t depth);
  Status Emit(std::string_view key, std::string_view value);
  std::string_view Name() {
    size_t s = p_;
    while (p_ < t_.size() && IsNameChar(t_[p_])) ++p_;
    return t_.substr(s, p_ - s);
  }
  bool At(std::string_view lit) const { return t_.substr(p_).starts_with(lit); }

  std::string_view t_;
  ParseContext& ctx_;
  ParsedMessage* out_;
  bool aliases_;
  size_t p_ = 0;
};

Status XmlScanner::Emit(std::string_view key, std::string_view value) {
  if (out_->fields.size() + 2 > ctx_.limits->max_fields)
    return Status::LimitExceeded("winxml: more than " + std::to_string(ctx_.limits->max_fields) + " fields");
  if (key.size() > ctx_.limits->max_value_bytes)
    return Status::LimitExceeded("winxml: key '" + std::string(key.substr(0, 64)) + "...' longer than " +
                                 std::to_string(ctx_.limits->max_value_bytes) + " bytes");
  if (value.size() > ctx_.limits->max_value_bytes)
    return Status::LimitExceeded("winxml: value of '" + std::string(key.substr(0, 64)) + "' longer than " +
                                 std::to_string(ctx_.limits->max_value_bytes) + " bytes");
  out_->fields.push_back(Field{key, value, ValueKind::kString});
  if (key == "System.Channel") channel = value;
  if (key == "System.EventID") event_id = value;
  if (aliases_ && key.starts_with("System."))
    out_->fields.push_back(Field{key.substr(7), value, ValueKind::kString});
  return Status::Ok();
}

Status XmlScanner::SkipMisc() {
  while (p_ < t_.size()) {
    if (IsBlank(t_[p_])) {
      ++p_;
    } else if (At("<?")) {
      size_t e = t_.find("?>", p_);
      if (e == std::string_view::npos) return AtColumn("unterminated processing instruction", p_);
      p_ = e + 2;
    } else if (At("<!--")) {
      size_t e = t_.find("-->", p_);
      if (e == std::string_view::npos) return AtColumn("unterminated comment", p_);
      p_ = e + 3;
    } else if (At("<!DOCTYPE")) {
      return AtColumn("DTDs are not accepted", p_);
    } else {
      break;
    }
  }
  return Status::Ok();
}

Status XmlScanner::Element(std::string_view parent_path, bool parent_is_event_data, size_t depth) {
  if (depth > ctx_.limits->max_depth)
    return Status::LimitExceeded("winxml: nesting deeper than " + std::to_string(ctx_.limits->max_depth));
  const size_t open = p_;
  ++p_;  // '<'
  std::string_view name = Name();
  if (name.empty()) return AtColumn("expected an element name", p_);
  const bool is_root = depth == 0;
  if (is_root && name != "Event") return AtColumn("expected <Event> as the root element", open);
  const bool named_data = parent_is_event_data && name == "Data";
  std::string_view path = is_root ? std::string_view() : Join(ctx_.arena, parent_path, name);
  bool has_attrs = false;
  // Attributes.
  while (true) {
    size_t before = p_;
    while (p_ < t_.size() && IsBlank(t_[p_])) ++p_;
    if (p_ >= t_.size()) return AtColumn("unterminated start tag", open);
    if (t_[p_] == '>' || At("/>")) break;
    if (p_ == before) return AtColumn("expected a blank before an attribute", p_);
    std::string_view attr = Name();
    if (attr.empty()) return AtColumn("expected an attribute name", p_);
    while (p_ < t_.size() && IsBlank(t_[p_])) ++p_;
    if (p_ >= t_.size() || t_[p_] != '=') return AtColumn("expected '=' after an attribute name", p_);
    ++p_;
    while (p_ < t_.size() && IsBlank(t_[p_])) ++p_;
    if (p_ >= t_.size() || (t_[p_] != '"' && t_[p_] != '\''))
      return AtColumn("expected a quoted attribute value", p_);
    const char q = t_[p_];
    size_t end = t_.find(q, p_ + 1);
    if (end == std::string_view::npos) return AtColumn("unterminated attribute value", p_);
    std::string_view value;
    if (Status s = DecodeEntities(t_.substr(p_ + 1, end - p_ - 1), p_ + 1, ctx_.arena, &value); !s.ok())
      return s;
    p_ = end + 1;
    if (attr == "xmlns" || attr.starts_with("xmlns:") || is_root) continue;
    if (named_data && attr == "Name") {
      path = Join(ctx_.arena, parent_path, value);
      continue;
    }
    has_attrs = true;
    if (Status s = Emit(Join(ctx_.arena, path, attr), value); !s.ok()) return s;
  }
  const bool event_data = path == "EventData";
  if (At("/>")) {
    p_ += 2;
    if (!is_root && (!has_attrs || named_data)) return Emit(path, std::string_view());
    return Status::Ok();
  }
  ++p_;  // '>'
  bool has_children = false;
  std::string_view text;
  size_t text_pieces = 0;
  auto add_text = [&](std::string_view piece) {
    if (text_pieces++ == 0) {
      text = piece;
      return;
    }
    char* buf = ctx_.arena->Allocate(text.size() + piece.size());
    text.copy(buf, text.size());
    piece.copy(buf + text.size(), piece.size());
    text = std::string_view(buf, text.size() + piece.size());
  };
  while (true) {
    if (p_ >= t_.size()) return AtColumn("missing </" + std::string(name) + ">", open);
    if (At("</")) {
      p_ += 2;
      std::string_view close = Name();
      if (close != name) return AtColumn("expected </" + std::string(name) + ">", p_ - close.size() - 2);
      while (p_ < t_.size() && IsBlank(t_[p_])) ++p_;
      if (p_ >= t_.size() || t_[p_] != '>') return AtColumn("expected '>'", p_);
      ++p_;
      break;
    }
    if (At("<!--") || At("<?")) {
      if (Status s = SkipMisc(); !s.ok()) return s;
      continue;
    }
    if (At("<![CDATA[")) {
      size_t e = t_.find("]]>", p_);
      if (e == std::string_view::npos) return AtColumn("unterminated CDATA section", p_);
      add_text(t_.substr(p_ + 9, e - p_ - 9));
      p_ = e + 3;
      continue;
    }
    if (t_[p_] == '<') {
      has_children = true;
      if (Status s = Element(path, event_data, depth + 1); !s.ok()) return s;
      continue;
    }
    size_t e = t_.find('<', p_);
    if (e == std::string_view::npos) e = t_.size();
    std::string_view decoded;
    if (Status s = DecodeEntities(t_.substr(p_, e - p_), p_, ctx_.arena, &decoded); !s.ok()) return s;
    add_text(decoded);
    p_ = e;
  }
  if (is_root || has_children) return Status::Ok();
  if (!text.empty() || !has_attrs || named_data) return Emit(path, text);
  return Status::Ok();
}

Status XmlScanner::Document() {
  if (Status s = SkipMisc(); !s.ok()) return s;
  if (p_ >= t_.size() || t_[p_] != '<') return AtColumn("expected <Event>", p_);
  if (Status s = Element(std::string_view(), false, 0); !s.ok()) return s;
  if (Status s = SkipMisc(); !s.ok()) return s;
  if (p_ != t_.size()) return AtColumn("text after </Event>", p_);
  return Status::Ok();
}

class WindowsXmlParser final : public Parser {
 public:
  explicit WindowsXmlParser(WindowsXmlOptions o) : o_(o) {}
  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override {
    out->log_format = "Windows";
    out->parser = "winxml";
    out->vendor = "Microsoft";
    out->product = "Windows";
    XmlScanner scanner(text, ctx, out, o_.system_aliases);
    if (Status s = scanner.Document(); !s.ok()) return s;
    if (!scanner.event_id.empty()) {
      const std::string_view ch = scanner.channel, id = scanner.event_id;
      char* p = ctx.arena->Allocate(ch.size() + 1 + id.size());
      ch.copy(p, ch.size());
      p[ch.size()] = '-';
      id.copy(p + ch.size() + 1, id.size());
      out->event_id = std::string_view(p, ch.size() + 1 + id.size());
    }
    return Status::Ok();
  }
  std::string_view name() const override { return "winxml"; }

 private:
  WindowsXmlOptions o_;
};

}  // namespace

std::unique_ptr<Parser> MakeWindowsXmlParser(WindowsXmlOptions options) {
  return std::make_unique<WindowsXmlParser>(options);
}

bool LooksLikeWindowsXml(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsBlank(text[i])) ++i;
  text.remove_prefix(i);
  if (text.starts_with("<?xml")) {
    size_t e = text.find("?>");
    if (e == std::string_view::npos) return false;
    text.remove_prefix(e + 2);
    i = 0;
    while (i < text.size() && IsBlank(text[i])) ++i;
    text.remove_prefix(i);
  }
  return text.size() > 6 && text.starts_with("<Event") && (IsBlank(text[6]) || text[6] == '>');
}

}  // namespace recproc
