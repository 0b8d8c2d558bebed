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
// Speed: a firewall line holds tens of pairs. Most lines are plain: every
// pair is `key=value` or `key="value"`, nothing to skip or repair. A plain
// path parses them from a structural index built first (one bit per byte
// that can end a key or a value, or matters inside quotes, found 16 bytes
// per SSE2 step), going from one such byte to the next with a bit scan. At
// the first pair it does not expect (a stray word, a bare key, an
// unterminated quote, text after a quote, a strict-mode error) it stops, and
// the general path, which gives every result, note and error, goes on from
// there. The general path compares 16 bytes per step too. Neither reads past
// the text: the general path's scans end byte by byte, and the index loads
// its last block so that it ends at the text's last byte. A text too short
// to break a limit skips the per-field limit checks; a longer one takes the
// general path.
#include "parse/kv.h"

#include <algorithm>
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

// The text of a quoted value holding a backslash, copied to the arena: only
// `\q` (q the value's quote) and `\\` are escapes; `C:\Windows` keeps its
// backslash.
std::string_view Unescape(std::string_view raw, char q, Arena* arena) {
  char* buf = arena->Allocate(raw.size());
  size_t n = 0;
  for (size_t j = 0; j < raw.size(); ++j) {
    if (raw[j] == '\\' && j + 1 < raw.size() && (raw[j + 1] == q || raw[j + 1] == '\\')) ++j;
    buf[n++] = raw[j];
  }
  return std::string_view(buf, n);
}

// Every field has a key of at least one byte of text and no key or value
// is longer than the text, so a text this short cannot exceed a limit: the
// per-field checks can be left out, with the same results.
// `fields`: how many the message held before the text's.
bool MayExceedLimits(std::string_view text, const ParseLimits& limits, size_t fields) {
  return text.size() > limits.max_value_bytes || fields + text.size() > limits.max_fields;
}

// Where a parse of a text stands between two pairs: the general path goes on
// from where the plain path stopped.
struct KvProgress {
  size_t pos = 0;    // where to go on reading
  size_t pairs = 0;  // the fields of the text so far
  // Index in out->fields of the last value if unquoted, which a stray word
  // may extend (lenient), else SIZE_MAX.
  size_t extendable = SIZE_MAX;
};

#if defined(__SSE2__)
// The plain path's structural bytes: all that can end a key (blanks, NUL,
// the separators, the quotes) and the backslash. Most are at most '\'', and
// one unsigned compare finds all those (with a few others, '%' or '&' in a
// URL, that the walk passes over); the rest are compared one by one.
constexpr unsigned char kLowStructural = '\'';

// Bit i set when byte i of the 16 at p is a structural byte. bytes[0] holds
// kLowStructural, bytes[1..kExact] the others, each repeated.
template <int kExact>
inline unsigned StructuralBits(const char* p, const __m128i* bytes) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i m = _mm_cmpeq_epi8(_mm_min_epu8(v, bytes[0]), v);
  for (int i = 1; i <= kExact; ++i) m = _mm_or_si128(m, _mm_cmpeq_epi8(v, bytes[i]));
  return static_cast<unsigned>(_mm_movemask_epi8(m));
}

// The structural bytes of a text, one bit per byte and 64 bytes to a word,
// read once in order: the plain path goes from one to the next with a bit
// scan instead of comparing the bytes between them.
class StructuralIndex {
 public:
  // Texts below kMinText bytes have no whole block to load; above kMaxText
  // the index would not fit its fixed array. Both take the general path.
  static constexpr size_t kMinText = 16, kMaxText = 4096;

  // Indexes text and starts reading at its first structural byte.
  // REQUIRES: kMinText <= text.size() <= kMaxText; bytes as for
  // StructuralBits.
  template <int kExact>
  void Build(std::string_view text, const __m128i* bytes);

  // The next structural byte: the first after the one returned last, else
  // the text's size. REQUIRES: the last call did not return the size.
  size_t Next() {
    // The bit at the text's size ends the loop.
    while (rest_ == 0) rest_ = words_[++word_], base_ += 64;
    const size_t i = base_ + static_cast<unsigned>(std::countr_zero(rest_));
    rest_ &= rest_ - 1;
    return i;
  }

 private:
  size_t word_;
  size_t base_;    // word_ * 64
  uint64_t rest_;  // the bits of words_[word_] not returned yet
  uint64_t words_[kMaxText / 64 + 1];
};

template <int kExact>
void StructuralIndex::Build(std::string_view text, const __m128i* bytes) {
  __m128i b[kExact + 1];
  for (int i = 0; i <= kExact; ++i) b[i] = bytes[i];
  const char* p = text.data();
  const size_t n = text.size();
  size_t off = 0, w = 0;
  for (; off + 64 <= n; off += 64, ++w) {
    words_[w] = uint64_t{StructuralBits<kExact>(p + off, b)} |
                uint64_t{StructuralBits<kExact>(p + off + 16, b)} << 16 |
                uint64_t{StructuralBits<kExact>(p + off + 32, b)} << 32 |
                uint64_t{StructuralBits<kExact>(p + off + 48, b)} << 48;
  }
  uint64_t last = uint64_t{1} << (n - off);  // the end of the text
  size_t k = off;
  for (; k + 16 <= n; k += 16) last |= uint64_t{StructuralBits<kExact>(p + k, b)} << (k - off);
  // The last bytes: the block ending at the text's last byte, so nothing
  // past the text is read, its bits shifted down to the bytes not seen yet.
  if (k < n) last |= uint64_t{StructuralBits<kExact>(p + n - 16, b) >> (16 - (n - k))} << (k - off);
  words_[w] = last;
  word_ = base_ = 0;
  rest_ = words_[0];
}
#endif

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
    // The exact structural bytes: the backslash, the kv separator, and the
    // pair separator or a quote if one is above kLowStructural.
    std::string exact = {'\\', o_.kv_separator};
    for (char c : std::string(1, o_.pair_separator) + o_.quotes)
      if (static_cast<unsigned char>(c) > kLowStructural) exact += c;
    plain_path_ = PlainPathFits(o_) && exact.size() <= 3;
    structural_[0] = _mm_set1_epi8(static_cast<char>(kLowStructural));
    for (size_t i = 0; i < 3; ++i) structural_[i + 1] = _mm_set1_epi8(exact[std::min(i, exact.size() - 1)]);
    exact_bytes_ = static_cast<int>(exact.size());
#endif
  }

  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override {
    out->log_format = "KV";
    out->parser = "kv";
    KvProgress progress;
    if (ParsePlain(text, ctx, out, &progress)) return Status::Ok();
    return ParseGeneral(text, ctx, out, progress);
  }
  std::string_view name() const override { return "kv"; }

  // The plain path: true when it parsed the whole text, with the result the
  // general path would give (OK, no notes); false where the rest of the text
  // needs the general path, with the pairs before that point in out->fields
  // and *progress saying where they end.
  bool ParsePlain(std::string_view text, ParseContext& ctx, ParsedMessage* out, KvProgress* progress) const;
  // The general path: every option, note and error. Parses text from
  // `from` on (default: the start).
  Status ParseGeneral(std::string_view text, ParseContext& ctx, ParsedMessage* out,
                      const KvProgress& from) const;

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
#if defined(__SSE2__)
  // True for the options whose grammar the plain path follows: no trimming,
  // any key byte, at most two quotes, and separators and quotes that are
  // distinct bytes other than the ones with a meaning of their own.
  static bool PlainPathFits(const KvOptions& o);
  // Appends the pairs of text to out->fields. Returns kPlainDone, or at the
  // first pair or separator run that is not plain, where the general path
  // is to go on: where it would be after the same pairs, in the same state
  // (the text's start, the start of a key after one separator in strict
  // mode, or the start of a run of separators).
  static constexpr size_t kPlainDone = SIZE_MAX;
  size_t WalkPlain(std::string_view text, StructuralIndex& index, ParseContext& ctx,
                   ParsedMessage* out) const;
  // ReadQuoted through the index, whose next byte is the one after the
  // opening quote.
  bool ReadQuotedPlain(std::string_view text, StructuralIndex& index, size_t* pos, ParseContext& ctx,
                       std::string_view* value) const;
#endif

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
  bool plain_path_ = false;
  int exact_bytes_ = 0;  // 2 or 3, see StructuralBits
  __m128i structural_[4];
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
  *value = escaped ? Unescape(text.substr(start, i - start), q, ctx.arena) : text.substr(start, i - start);
  return true;
}

#if defined(__SSE2__)
bool KvParser::PlainPathFits(const KvOptions& o) {
  if (o.trim_whitespace || o.uppercase_keys || o.quotes.size() > 2) return false;
  const std::string special = std::string{o.kv_separator, o.pair_separator} + o.quotes;
  for (size_t i = 0; i < special.size(); ++i) {
    const char c = special[i];
    if (c == '\\' || c == '\0' || special.find(c) != i) return false;
    // Only the pair separator may be a blank.
    if (i != 1 && IsSpace(c)) return false;
  }
  return true;
}

bool KvParser::ReadQuotedPlain(std::string_view text, StructuralIndex& index, size_t* pos, ParseContext& ctx,
                               std::string_view* value) const {
  const char q = text[*pos];
  const size_t start = *pos + 1, n = text.size();
  bool escaped = false;
  size_t i = index.Next();
  while (i < n && text[i] != q) {
    if (text[i] == '\\') {
      // A backslash takes the next byte with it; as the last byte it leaves
      // the quote open.
      if (i + 1 == n) return false;
      escaped = true;
      if (const size_t next = index.Next(); next != i + 1) {
        i = next;
        continue;
      }
    }
    i = index.Next();
  }
  if (i == n) return false;
  *pos = i + 1;
  const std::string_view raw(text.data() + start, i - start);
  *value = escaped ? Unescape(raw, q, ctx.arena) : raw;
  return true;
}

size_t KvParser::WalkPlain(std::string_view text, StructuralIndex& index, ParseContext& ctx,
                           ParsedMessage* out) const {
  const char* t = text.data();
  const size_t n = text.size();
  const bool strict = o_.strict;
  const char kv_separator = o_.kv_separator;
  // pos is where the text is read; i the first structural byte at or after
  // it. Separators and quotes are structural: one at pos is at i.
  size_t pos = 0;
  size_t i = index.Next();
  while (i == pos && i < n && IsPairSep(t[i])) ++pos, i = index.Next();
  // No pair, or strict mode's empty pair after the fields of a header.
  if (pos == n || (strict && pos > 1 && !out->fields.empty())) return 0;
  do {
    while (i < n && t[i] != kv_separator) {
      if (!IsKeyChar(t[i])) return pos;  // a stray word or a bare key
      i = index.Next();
    }
    if (i == pos || i == n) return pos;
    const std::string_view key(t + pos, i - pos);
    pos = i + 1;
    i = index.Next();
    std::string_view value;
    if (i == pos && i < n && IsQuote(t[i])) {
      const size_t key_start = key.data() - t;
      if (!ReadQuotedPlain(text, index, &pos, ctx, &value)) return key_start;
      i = index.Next();
      // Text after the closing quote: the general path parses the pair again
      // (and copies an escaped value to the arena again, which is rare).
      if (pos < n && (i != pos || !IsPairSep(t[i]))) return key_start;
    } else {
      while (i < n && !IsPairSep(t[i])) i = index.Next();
      value = std::string_view(t + pos, i - pos);
      pos = i;
    }
    out->fields.push_back(Field{key, value, ValueKind::kString});
    if (pos == n) break;
    // The separator at pos (= i), then any more of a run.
    ++pos;
    i = index.Next();
    while (i == pos && i < n && IsPairSep(t[i])) {
      // An empty pair, unless the text ends here: the run starts at pos - 1.
      if (strict) return pos - 1;
      ++pos;
      i = index.Next();
    }
  } while (pos < n);
  return kPlainDone;
}
#endif

bool KvParser::ParsePlain(std::string_view text, ParseContext& ctx, ParsedMessage* out,
                          KvProgress* progress) const {
#if defined(__SSE2__)
  if (!plain_path_ || text.size() < StructuralIndex::kMinText || text.size() > StructuralIndex::kMaxText ||
      MayExceedLimits(text, *ctx.limits, out->fields.size()))
    return false;
  const size_t first = out->fields.size();
  StructuralIndex index;
  if (exact_bytes_ == 2)
    index.Build<2>(text, structural_);
  else
    index.Build<3>(text, structural_);
  progress->pos = WalkPlain(text, index, ctx, out);
  if (progress->pos == kPlainDone) return true;
  progress->pairs = out->fields.size() - first;
  // The last value, unquoted, is one a stray word may extend: it is
  // unquoted when no quote follows its key's separator.
  if (progress->pairs > 0) {
    const std::string_view key = out->fields.back().key;
    const size_t value_start = key.data() + key.size() + 1 - text.data();
    if (value_start == text.size() || !IsQuote(text[value_start]))
      progress->extendable = out->fields.size() - 1;
  }
  return false;
#else
  return false;
#endif
}

Status KvParser::ParseGeneral(std::string_view text, ParseContext& ctx, ParsedMessage* out,
                              const KvProgress& from) const {
  const ParseLimits& limits = *ctx.limits;
  // Copies the compiler can keep in registers: stores into out->fields could
  // alias the options as far as it knows.
  const bool strict = o_.strict, trim = o_.trim_whitespace, allow_bare_keys = o_.allow_bare_keys;
  const char kv_separator = o_.kv_separator;
  const bool check_limits = MayExceedLimits(text, limits, out->fields.size() - from.pairs);
  size_t pos = from.pos;
  size_t pairs = from.pairs;
  size_t extendable = from.extendable;
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

Status KvParseGeneralForTesting(const KvOptions& options, std::string_view text, ParseContext& ctx,
                                ParsedMessage* out) {
  out->log_format = "KV";
  out->parser = "kv";
  return KvParser(options).ParseGeneral(text, ctx, out, KvProgress());
}

bool KvParsePlainForTesting(const KvOptions& options, std::string_view text, ParseContext& ctx,
                            ParsedMessage* out) {
  KvProgress progress;
  return KvParser(options).ParsePlain(text, ctx, out, &progress);
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
