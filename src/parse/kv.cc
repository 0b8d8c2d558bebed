// Key=value parser. Grammar (S = pair separator, E = key/value separator):
//
//   message  = *S pair *(S pair) *S
//   pair     = key E value / key            ; bare key only with allow_bare_keys
//   key      = 1*(any char but S, E, whitespace, quote)
//   value    = quoted / unquoted
//   quoted   = q *(char / "\" char) q       ; q is one of options.quotes
//   unquoted = *(any char but S)
//
// Values are views into the input unless a quoted value holds an escape; then
// the unescaped text goes to the arena. There is no standard for this format;
// the behaviour follows what FortiGate, iptables and Check Point LEA emit and
// what liblognorm's name-value-list and v2-iptables parsers accept.
//
// Speed: a firewall line holds tens of pairs, so the scans for the end of a
// key, a value and a quoted value compare 16 bytes per step (SSE2) and fall
// back to the byte loop for the last bytes of the text, never reading past
// it. A text too short to break a limit skips the per-field limit checks.
#include "parse/kv.h"

#include <bit>
#include <cstdint>
#include <string>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace recproc {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

Status AtColumn(std::string_view what, size_t pos) {
  return Status::InvalidArgument("kv: " + std::string(what) + " at byte " + std::to_string(pos + 1));
}

#if defined(__SSE2__)
// Bit i set when byte i of the 16 at p equals a or b.
inline unsigned MatchEither(const char* p, __m128i a, __m128i b) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b))));
}
#endif

// Position of the first byte at or after pos that is a or b, else text.size().
// Values run to tens of bytes (URLs, user agents, messages): they are scanned
// 16 bytes per step. Block loads stay inside text, so nothing past its end is
// read; the last few bytes go one at a time.
#if defined(__SSE2__)
size_t FindEither(std::string_view text, size_t pos, char a, char b, __m128i va, __m128i vb) {
  for (; pos + 16 <= text.size(); pos += 16)
    if (unsigned m = MatchEither(text.data() + pos, va, vb); m != 0) return pos + std::countr_zero(m);
  while (pos < text.size() && text[pos] != a && text[pos] != b) ++pos;
  return pos;
}
#endif

size_t FindEither(std::string_view text, size_t pos, char a, char b) {
#if defined(__SSE2__)
  if (pos + 16 <= text.size()) return FindEither(text, pos, a, b, _mm_set1_epi8(a), _mm_set1_epi8(b));
#endif
  while (pos < text.size() && text[pos] != a && text[pos] != b) ++pos;
  return pos;
}

class KvParser final : public Parser {
 public:
  explicit KvParser(KvOptions o) : o_(std::move(o)) {
    // One table lookup per byte instead of comparisons against the options.
    for (int i = 0; i < 256; ++i) {
      const char c = static_cast<char>(i);
      uint8_t k = 0;
      if (c == o_.pair_separator || (o_.pair_separator == ' ' && c == '\t')) k |= kPairSep;
      if (o_.quotes.find(c) != std::string::npos) k |= kQuote;
      bool key_char = o_.uppercase_keys ? (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                                        : !IsSpace(c) && c != o_.kv_separator && !(k & kPairSep) &&
                                              !(k & kQuote) && c != '\0';
      if (key_char) k |= kKeyChar;
      if ((k & kPairSep) || (o_.trim_whitespace && IsSpace(c))) k |= kSkip;
      class_[i] = k;
    }
    pair_sep_alt_ = o_.pair_separator == ' ' ? '\t' : o_.pair_separator;
#if defined(__SSE2__)
    // Outside uppercase mode a key ends at one of at most seven bytes; with
    // more quote characters the table loop stays the only key scanner.
    key_block_scan_ = !o_.uppercase_keys && o_.quotes.size() <= 2;
    const char stops[kKeyStops] = {' ',
                                   '\t',
                                   '\0',
                                   o_.kv_separator,
                                   o_.pair_separator,
                                   o_.quotes.empty() ? ' ' : o_.quotes[0],
                                   o_.quotes.size() < 2 ? ' ' : o_.quotes[1]};
    for (int i = 0; i < kKeyStops; ++i) key_stops_[i] = _mm_set1_epi8(stops[i]);
    pair_sep_v_ = _mm_set1_epi8(o_.pair_separator);
    pair_sep_alt_v_ = _mm_set1_epi8(pair_sep_alt_);
#endif
  }

  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override;
  std::string_view name() const override { return "kv"; }

 private:
  // kSkip: what separates pairs, the pair separator plus blanks when trimming.
  static constexpr uint8_t kPairSep = 1, kQuote = 2, kKeyChar = 4, kSkip = 8;
  bool Is(char c, uint8_t k) const { return (class_[static_cast<unsigned char>(c)] & k) != 0; }
  bool IsPairSep(char c) const { return Is(c, kPairSep); }
  bool IsQuote(char c) const { return Is(c, kQuote); }
  bool IsKeyChar(char c) const { return Is(c, kKeyChar); }
  // The first pair separator at or after pos, else text.size().
  size_t FindPairSep(std::string_view text, size_t pos) const {
#if defined(__SSE2__)
    return FindEither(text, pos, o_.pair_separator, pair_sep_alt_, pair_sep_v_, pair_sep_alt_v_);
#else
    return FindEither(text, pos, o_.pair_separator, pair_sep_alt_);
#endif
  }
  // The end of the key starting at pos.
  size_t FindKeyEnd(std::string_view text, size_t pos) const;
  // The limit checks of one more field. Only called when the text is long
  // enough to exceed a limit at all (see Parse).
  Status CheckLimits(const ParseLimits& limits, const ParsedMessage& out, std::string_view key,
                     std::string_view value) const;
  // Reads a quoted value starting at text[*pos] (the opening quote); on
  // success *pos is just past the closing quote. False when the quote is
  // not closed.
  bool ReadQuoted(std::string_view text, size_t* pos, ParseContext& ctx, std::string_view* value) const;

  KvOptions o_;
  uint8_t class_[256];
  // The second pair separator byte: tab when the separator is a space
  // (lenient runs of blanks), else the separator again.
  char pair_sep_alt_;
#if defined(__SSE2__)
  static constexpr int kKeyStops = 7;
  bool key_block_scan_ = false;
  __m128i key_stops_[kKeyStops];
  __m128i pair_sep_v_, pair_sep_alt_v_;
#endif
};

size_t KvParser::FindKeyEnd(std::string_view text, size_t pos) const {
#if defined(__SSE2__)
  // Keys are short but there are tens per line: one block step replaces
  // about eight table lookups.
  if (key_block_scan_) {
    while (pos + 16 <= text.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
      __m128i stop = _mm_cmpeq_epi8(v, key_stops_[0]);
      for (int i = 1; i < kKeyStops; ++i) stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, key_stops_[i]));
      if (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(stop)); m != 0)
        return pos + std::countr_zero(m);
      pos += 16;
    }
  }
#endif
  while (pos < text.size() && IsKeyChar(text[pos])) ++pos;
  return pos;
}

Status KvParser::CheckLimits(const ParseLimits& limits, const ParsedMessage& out, std::string_view key,
                             std::string_view value) const {
  if (out.fields.size() >= limits.max_fields)
    return Status::LimitExceeded("kv: more than " + std::to_string(limits.max_fields) + " fields");
  if (value.size() > limits.max_value_bytes || key.size() > limits.max_value_bytes)
    return Status::LimitExceeded("kv: value of '" + std::string(key.substr(0, 64)) + "' longer than " +
                                 std::to_string(limits.max_value_bytes) + " bytes");
  return Status::Ok();
}

bool KvParser::ReadQuoted(std::string_view text, size_t* pos, ParseContext& ctx,
                          std::string_view* value) const {
  const char q = text[*pos];
  const size_t start = *pos + 1;
  bool escaped = false;
  size_t i = FindEither(text, start, q, '\\');
  while (i < text.size() && text[i] != q) {
    // A backslash takes the next byte with it, whatever it is.
    escaped = escaped || i + 1 < text.size();
    i = FindEither(text, i + 2 <= text.size() ? i + 2 : text.size(), q, '\\');
  }
  if (i >= text.size()) return false;
  *pos = i + 1;
  if (!escaped) {
    *value = text.substr(start, i - start);
    return true;
  }
  char* buf = ctx.arena->Allocate(i - start);
  size_t n = 0;
  for (size_t j = start; j < i; ++j) {
    // Only the quote and the backslash are escapes; `C:\Windows` keeps its backslash.
    if (text[j] == '\\' && (text[j + 1] == q || text[j + 1] == '\\')) ++j;
    buf[n++] = text[j];
  }
  *value = std::string_view(buf, n);
  return true;
}

Status KvParser::Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const {
  out->log_format = "KV";
  out->parser = "kv";
  const ParseLimits& limits = *ctx.limits;
  // Copies the compiler can keep in registers: stores into out->fields could
  // alias the options as far as it knows.
  const bool strict = o_.strict, trim = o_.trim_whitespace, allow_bare_keys = o_.allow_bare_keys;
  const char kv_separator = o_.kv_separator;
  // Every field has a key of at least one byte of text and no key or value
  // is longer than the text, so a text this short cannot exceed a limit:
  // the per-field checks then leave the loop, with the same results.
  const bool check_limits =
      text.size() > limits.max_value_bytes || out->fields.size() + text.size() > limits.max_fields;
  size_t pos = 0;
  size_t pairs = 0;
  // Index of the last unquoted value, which a stray word may extend (lenient).
  size_t extendable = SIZE_MAX;
  auto skip_ws = [&] {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
  };
  auto emit = [&](std::string_view key, std::string_view value, ValueKind kind) -> Status {
    if (check_limits)
      if (Status s = CheckLimits(limits, *out, key, value); !s.ok()) return s;
    out->fields.push_back(Field{key, value, kind});
    return Status::Ok();
  };
  while (pos < text.size()) {
    size_t seps = 0;
    while (pos < text.size() && Is(text[pos], kSkip)) {
      seps += IsPairSep(text[pos]);
      ++pos;
    }
    if (pos >= text.size()) break;
    if (strict && seps > 1 && out->fields.size() > 0) return AtColumn("empty pair", pos - 1);

    const size_t key_start = pos;
    pos = FindKeyEnd(text, pos);
    std::string_view key = text.substr(key_start, pos - key_start);
    if (trim) skip_ws();
    const bool has_sep = pos < text.size() && text[pos] == kv_separator;
    const bool at_boundary = pos >= text.size() || IsPairSep(text[pos]);

    if (key.empty() || (!has_sep && !at_boundary) || (!has_sep && !allow_bare_keys)) {
      if (strict) {
        return key.empty()
                   ? AtColumn("expected a key", pos)
                   : AtColumn("expected '" + std::string(1, kv_separator) + "' after a key", key_start);
      }
      // Lenient: a stray word continues the previous unquoted value, else it is skipped.
      pos = FindPairSep(text, pos);
      if (extendable != SIZE_MAX) {
        Field& f = out->fields[extendable];
        f.value = std::string_view(f.value.data(), text.data() + pos - f.value.data());
        if (check_limits && f.value.size() > limits.max_value_bytes)
          return Status::LimitExceeded("kv: value of '" + std::string(f.key.substr(0, 64)) +
                                       "' longer than " + std::to_string(limits.max_value_bytes) + " bytes");
      } else {
        out->notes.push_back("kv: skipped a word without key/value separator");
      }
      continue;
    }
    if (!has_sep) {
      if (Status s = emit(key, std::string_view(), ValueKind::kNull); !s.ok()) return s;
      extendable = SIZE_MAX;
      continue;
    }
    ++pos;  // the separator
    if (trim) skip_ws();
    std::string_view value;
    if (pos < text.size() && IsQuote(text[pos])) {
      const size_t quote_pos = pos;
      if (!ReadQuoted(text, &pos, ctx, &value)) {
        if (strict) return AtColumn("unterminated quoted value", quote_pos);
        // Lenient: an unbalanced quote is part of a value running to the end.
        value = text.substr(quote_pos);
        pos = text.size();
        out->notes.push_back("kv: unterminated quote kept in value");
      }
      if (trim) skip_ws();
      if (pos < text.size() && !IsPairSep(text[pos])) {
        if (strict) return AtColumn("expected a separator after the quoted value", pos);
        out->notes.push_back("kv: text after a quoted value skipped");
        pos = FindPairSep(text, pos);
      }
      extendable = SIZE_MAX;
    } else {
      const size_t v = pos;
      pos = FindPairSep(text, pos);
      value = text.substr(v, pos - v);
      if (trim)
        while (!value.empty() && IsSpace(value.back())) value.remove_suffix(1);
      extendable = out->fields.size();
    }
    if (Status s = emit(key, value, ValueKind::kString); !s.ok()) return s;
    ++pairs;
  }
  if (pairs == 0) return AtColumn("no key/value pair", 0);
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Parser> MakeKvParser(KvOptions options) {
  return std::make_unique<KvParser>(std::move(options));
}

bool LooksLikeKv(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && i < 128) {
    char c = text[i];
    bool key_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == '-';
    if (!key_char) break;
    ++i;
  }
  return i > 0 && i < text.size() && text[i] == '=';
}

}  // namespace recproc
