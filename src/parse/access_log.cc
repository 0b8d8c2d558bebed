// Access log parser, for the NCSA common log format and its extensions as
// Apache's mod_log_config and nginx's log_format define them. Grammar:
//
//   line     = [vhost SP] host SP ident SP user SP "[" time "]" SP quoted SP status SP bytes
//              [SP quoted SP quoted [SP ["X-Forwarded-For="] quoted]]
//   quoted   = DQUOTE *(char / "\" char) DQUOTE      ; Apache escapes " and \ this way
//   token    = 1*(any char but SP)
//
// The vhost is recognised by position: the bracketed time is the fourth
// token in common/combined and the fifth in vhost_combined. A hand scanner,
// not a regex: this is the hottest format of a web-heavy site.
#include "parse/access_log.h"

#include <string>

namespace recproc {
namespace {

Status AtColumn(std::string_view what, size_t pos) {
  return Status::InvalidArgument("access_log: " + std::string(what) + " at byte " + std::to_string(pos + 1));
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

class Scanner {
 public:
  Scanner(std::string_view text, Arena* arena) : t_(text), arena_(arena) {}
  size_t pos() const { return p_; }
  bool done() const { return p_ >= t_.size(); }
  char peek() const { return done() ? '\0' : t_[p_]; }
  // A single space separates fields; nginx and Apache never write more.
  bool Space() {
    if (peek() != ' ') return false;
    while (peek() == ' ') ++p_;
    return true;
  }
  std::string_view Token() {
    size_t s = p_;
    while (!done() && t_[p_] != ' ') ++p_;
    return t_.substr(s, p_ - s);
  }
  bool Literal(std::string_view lit) {
    if (!t_.substr(p_).starts_with(lit)) return false;
    p_ += lit.size();
    return true;
  }
  bool Bracketed(std::string_view* out) {
    if (peek() != '[') return false;
    size_t close = t_.find(']', p_);
    if (close == std::string_view::npos) return false;
    *out = t_.substr(p_ + 1, close - p_ - 1);
    p_ = close + 1;
    return true;
  }
  bool Quoted(std::string_view* out) {
    if (peek() != '"') return false;
    size_t s = ++p_;
    bool escaped = false;
    while (!done() && t_[p_] != '"') {
      if (t_[p_] == '\\' && p_ + 1 < t_.size()) {
        escaped = true;
        ++p_;
      }
      ++p_;
    }
    if (done()) return false;
    std::string_view raw = t_.substr(s, p_ - s);
    ++p_;
    if (escaped) {
      char* buf = arena_->Allocate(raw.size());
      size_t n = 0;
      for (size_t i = 0; i < raw.size(); ++i) {
        // `\xHH` (nginx) stays as written; only the quote and backslash are unescaped.
        if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == '"' || raw[i + 1] == '\\')) ++i;
        buf[n++] = raw[i];
      }
      raw = std::string_view(buf, n);
    }
    *out = raw;
    return true;
  }

 private:
  std::string_view t_;
  Arena* arena_;
  size_t p_ = 0;
};

class AccessLogParser final : public Parser {
 public:
  explicit AccessLogParser(AccessLogOptions o) : o_(o) {}
  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override;
  std::string_view name() const override { return "access_log"; }

 private:
  AccessLogOptions o_;
};

Status AccessLogParser::Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const {
  out->log_format = "Text";
  out->parser = "access_log";
  Scanner s(text, ctx.arena);
  // Up to four tokens before the bracketed time: [vhost] host ident user.
  std::string_view tokens[4];
  int n = 0;
  while (s.peek() != '[') {
    if (n == 4 || s.done()) return AtColumn("expected '[' opening the time", s.pos());
    tokens[n++] = s.Token();
    if (!s.Space()) return AtColumn("expected a space", s.pos());
  }
  if (n < 3) return AtColumn("expected host, ident and user before the time", s.pos());
  std::string_view time, request, referer, agent, xff;
  if (!s.Bracketed(&time)) return AtColumn("unterminated '[' time", s.pos());
  if (!s.Space() || !s.Quoted(&request)) return AtColumn("expected the quoted request", s.pos());
  if (!s.Space()) return AtColumn("expected the status", s.pos());
  std::string_view status = s.Token();
  if (status.size() != 3 || !IsDigits(status))
    return AtColumn("expected a 3-digit status", s.pos() - status.size());
  if (!s.Space()) return AtColumn("expected the byte count", s.pos());
  std::string_view bytes = s.Token();
  if (bytes != "-" && !IsDigits(bytes))
    return AtColumn("expected a byte count or '-'", s.pos() - bytes.size());
  int quoted = 0;
  if (s.Space() && s.Quoted(&referer)) {
    if (!s.Space() || !s.Quoted(&agent)) return AtColumn("expected the quoted user agent", s.pos());
    quoted = 2;
    // nginx writes `"$http_x_forwarded_for"`; some Apache configs label it `X-Forwarded-For="..."`.
    if (s.Space() && (s.Quoted(&xff) || (s.Literal("X-Forwarded-For=") && s.Quoted(&xff)))) quoted = 3;
  }
  s.Space();
  if (!s.done()) {
    if (o_.strict) return AtColumn("unexpected text after the last field", s.pos());
    out->notes.push_back("access_log: text after the last known field ignored");
  }

  Field f[16];
  int k = 0;
  const int first = n - 3;
  if (first == 1) f[k++] = {"vhost", tokens[0]};
  f[k++] = {"client.ip", tokens[first]};
  f[k++] = {"ident", tokens[first + 1]};
  f[k++] = {"user", tokens[first + 2]};
  f[k++] = {"time", time};
  f[k++] = {"request", request};
  size_t sp1 = request.find(' ');
  size_t sp2 = request.rfind(' ');
  if (sp1 != std::string_view::npos && sp2 != sp1) {
    f[k++] = {"method", request.substr(0, sp1)};
    f[k++] = {"url", request.substr(sp1 + 1, sp2 - sp1 - 1)};
    f[k++] = {"protocol", request.substr(sp2 + 1)};
  }
  f[k++] = {"status", status, ValueKind::kNumber};
  f[k++] = {"bytes", bytes, bytes == "-" ? ValueKind::kString : ValueKind::kNumber};
  if (quoted >= 2) {
    f[k++] = {"referer", referer};
    f[k++] = {"user_agent", agent};
  }
  if (quoted == 3) f[k++] = {"xff", xff};
  if (out->fields.size() + k > ctx.limits->max_fields)
    return Status::LimitExceeded("access_log: more than " + std::to_string(ctx.limits->max_fields) +
                                 " fields");
  for (int i = 0; i < k; ++i) {
    if (f[i].value.size() > ctx.limits->max_value_bytes)
      return Status::LimitExceeded("access_log: " + std::string(f[i].key) + " longer than " +
                                   std::to_string(ctx.limits->max_value_bytes) + " bytes");
    out->fields.push_back(f[i]);
  }
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Parser> MakeAccessLogParser(AccessLogOptions options) {
  return std::make_unique<AccessLogParser>(options);
}

bool LooksLikeAccessLog(std::string_view text) {
  size_t b = text.substr(0, 512).find(" [");
  if (b == std::string_view::npos || b + 14 > text.size()) return false;
  std::string_view t = text.substr(b + 2);
  // dd/Mon/yyyy:
  bool date = t.size() > 12 && t[2] == '/' && t[6] == '/' && t[11] == ':';
  return date && text.find("] \"", b) != std::string_view::npos;
}

}  // namespace recproc
