// JsonWriter: RFC 8259 output. Strings are scanned once: printable ASCII is
// copied in runs; control characters get \uXXXX (or the short escapes);
// multi-byte UTF-8 is validated per RFC 3629 (no overlongs, no surrogates,
// nothing above U+10FFFF) and each maximal invalid subpart becomes U+FFFD.
#include "record/json_writer.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstring>
#include <type_traits>

#include <emmintrin.h>

#include "util/string_hash.h"

// Sanitizers check every load, so the tail of a string is read byte by byte
// under them rather than by one block load that may pass its end.
#if defined(__SANITIZE_ADDRESS__)
#define RECPROC_NO_OVERREAD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define RECPROC_NO_OVERREAD 1
#endif
#endif
#ifndef RECPROC_NO_OVERREAD
#define RECPROC_NO_OVERREAD 0
#endif

namespace recproc {

namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Bit i set when byte i of v needs attention: a control character, a byte
// >= 0x80 (the signed compare counts it as below the space), '"' or '\\'.
inline unsigned AttentionMask(__m128i v, __m128i space, __m128i quote, __m128i backslash) {
  __m128i attention =
      _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
  return static_cast<unsigned>(_mm_movemask_epi8(attention));
}

#if !RECPROC_NO_OVERREAD
// True when a 16-byte load at p stays inside p's page: such a load cannot
// fault, even where the string ends sooner.
inline bool BlockLoadStaysInPage(const unsigned char* p) {
  return (reinterpret_cast<uintptr_t>(p) & 4095) <= 4096 - 16;
}

// Loads the block at p into *v and returns the attention bits of its first
// len bytes only (REQUIRES: len < 16, BlockLoadStaysInPage(p)).
inline unsigned ShortBlockAttention(const unsigned char* p, size_t len, __m128i* v) {
  *v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return AttentionMask(*v, _mm_set1_epi8(0x20), _mm_set1_epi8('"'), _mm_set1_epi8('\\')) & ((1u << len) - 1);
}
#endif

// Length of the valid UTF-8 sequence starting at p (1..4), or 0 if invalid.
size_t ValidUtf8Length(const unsigned char* p, size_t n) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Writes s quoted at p; returns the end. Input is taken in chunks so the
// room reserved stays bounded whatever the string's length: each chunk of n
// input bytes needs at most 6n output bytes (a control character becomes
// \u00XX), plus 3 for a multi-byte sequence running past the chunk's end
// and 16 for the whole-block store of the last bytes.
constexpr size_t kQuoteChunk = 16 * 1024;

char* QuoteChunk(char* o, const unsigned char* p, size_t begin, size_t end, size_t n, uint64_t* invalid,
                 size_t* next) {
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  size_t i = begin;
  while (i < end) {
    // Sixteen bytes at a time: most log text is plain ASCII, and the rest is
    // mostly quotes (key="value" bodies inside a message).
    bool stopped = false;
    while (i + 16 <= end) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const unsigned quotes = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash))));
      const unsigned attention = quotes | static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v, space)));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(o), v);
      if (attention == 0) {
        i += 16;
        o += 16;
        continue;
      }
      // Only quotes and backslashes, with 16 more bytes of the string
      // readable: each gets its backslash in place. Before escape k the
      // output holds the block's bytes from there on, shifted by k; the
      // backslash goes in front and the rest is stored again one further.
      if (attention == quotes && i + 32 <= n) {
        unsigned m = quotes;
        do {
          const size_t b = static_cast<size_t>(__builtin_ctz(m));
          o[b] = '\\';
          _mm_storeu_si128(reinterpret_cast<__m128i*>(o + b + 1),
                           _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + b)));
          ++o;
          m &= m - 1;
        } while (m != 0);
        i += 16;
        o += 16;
        continue;
      }
      const size_t skip = static_cast<size_t>(__builtin_ctz(attention));
      i += skip;
      o += skip;
      stopped = true;
      break;
    }
    if (!stopped && i < end) {
      size_t run = i;
#if !RECPROC_NO_OVERREAD
      // The last few bytes: one 16-byte load when it stays inside the page
      // (a load cannot fault there), with the bytes past the end masked off.
      // Sanitizer builds take the byte loop, since they check every load.
      if (BlockLoadStaysInPage(p + run)) {
        __m128i v;
        unsigned mask = ShortBlockAttention(p + run, end - run, &v);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(o), v);
        run = mask != 0 ? run + static_cast<size_t>(__builtin_ctz(mask)) : end;
        stopped = true;
      }
#endif
      while (!stopped && run < end && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\') {
        o[run - i] = static_cast<char>(p[run]);
        ++run;
      }
      o += run - i;
      i = run;
    }
    if (i >= end) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      o[0] = '\\';
      switch (c) {
        case '"': o[1] = '"'; o += 2; break;
        case '\\': o[1] = '\\'; o += 2; break;
        case '\n': o[1] = 'n'; o += 2; break;
        case '\r': o[1] = 'r'; o += 2; break;
        case '\t': o[1] = 't'; o += 2; break;
        case '\b': o[1] = 'b'; o += 2; break;
        case '\f': o[1] = 'f'; o += 2; break;
        default:
          std::memcpy(o + 1, "u00", 3);
          o[4] = kHex[c >> 4];
          o[5] = kHex[c & 0xF];
          o += 6;
      }
      ++i;
      continue;
    }
    size_t len = ValidUtf8Length(p + i, n - i);
    if (len == 0) {
      std::memcpy(o, kReplacement.data(), kReplacement.size());
      o += kReplacement.size();
      ++*invalid;
      ++i;
      continue;
    }
    std::memcpy(o, p + i, len);
    o += len;
    i += len;
  }
  *next = i;
  return o;
}

// The eight decimal digits of v < 10^8, leading zeros included, as the
// values 0..9 of a word's bytes, most significant digit in the lowest byte
// (first in memory). Two 4-digit halves in 32-bit lanes, then 2-digit
// quarters in 16-bit lanes, then digits in bytes: each split is one
// multiply-shift for the quotient (exact over the lane's range) and one
// multiply-subtract for the remainder, all lanes at once.
inline uint64_t EightDigits(uint32_t v) {
  const uint64_t halves = v / 10000 | (static_cast<uint64_t>(v % 10000) << 32);
  const uint64_t hundreds = ((halves * 10486) >> 20) & 0x0000007F0000007FULL;  // x / 100 for x < 10^4
  const uint64_t quarters = hundreds | ((halves - hundreds * 100) << 16);
  const uint64_t tens = ((quarters * 103) >> 10) & 0x000F000F000F000FULL;  // x / 10 for x < 100
  return tens | ((quarters - tens * 10) << 8);
}

constexpr uint64_t kAsciiZeros = 0x3030303030303030ULL;

// Writes v (< 10^8) without leading zeros at o; returns the end. Stores
// eight bytes whatever v's length.
inline char* WriteUpTo8Digits(char* o, uint32_t v) {
  if (v < 10) {
    *o = static_cast<char>('0' + v);
    return o + 1;
  }
  const uint64_t digits = EightDigits(v);
  const unsigned zeros = static_cast<unsigned>(__builtin_ctzll(digits)) / 8;  // digits != 0: v >= 10
  const uint64_t text = (digits >> (8 * zeros)) + kAsciiZeros;
  std::memcpy(o, &text, 8);
  return o + 8 - zeros;
}

inline char* Write8Digits(char* o, uint32_t v) {
  const uint64_t text = EightDigits(v) + kAsciiZeros;
  std::memcpy(o, &text, 8);
  return o + 8;
}

}  // namespace

char* JsonWriter::WriteInt(char* o, int64_t v) {
  // Eight digits per step, each made whole in a register and stored once.
  uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  if (v < 0) *o++ = '-';
  constexpr uint64_t k1e8 = 100000000;
  if (u < k1e8) return WriteUpTo8Digits(o, static_cast<uint32_t>(u));
  const uint64_t high = u / k1e8;
  if (high < k1e8) {
    o = WriteUpTo8Digits(o, static_cast<uint32_t>(high));
  } else {  // 17 to 20 digits
    o = WriteUpTo8Digits(o, static_cast<uint32_t>(high / k1e8));
    o = Write8Digits(o, static_cast<uint32_t>(high % k1e8));
  }
  return Write8Digits(o, static_cast<uint32_t>(u % k1e8));
}

void JsonWriter::Grow(size_t n) {
  const size_t len = static_cast<size_t>(pos_ - Base());
  const size_t size = static_cast<size_t>(end_ - Base());
  // The room doubles with this writer's part of the target, not with the
  // target: a std::string zero-fills what it grows by, so a writer appending
  // to a long string must not double the string. A small text (a list match,
  // an escaped reason) written into a cleared string each time starts small;
  // a ByteBuffer's room costs nothing until written.
  const size_t least = buf_ != nullptr ? 4096 : 256;
  Resize(std::max({len + n, start_ + 2 * (size - start_), start_ + least}), len);
}

void JsonWriter::Resize(size_t n, size_t len) {
  if (buf_ != nullptr)
    buf_->ResizeUninitialized(n);
  else
    str_->resize(n);
  pos_ = Base() + len;
  end_ = Base() + n;
}

void JsonWriter::Append(const char* p, size_t n) {
  std::memcpy(Room(n), p, n);
  pos_ += n;
}

namespace {

// Most keys and values are short plain ASCII: they go out with their quotes
// in one piece, after one pass of block tests. 1 to 15 bytes: one in-page
// block load decides. 16 to 64 bytes: whole blocks, the last one overlapping
// the one before, so nothing past the end is read. Returns the end of what
// it wrote at o, or nullptr, having written nothing, for anything else.
// REQUIRES: kShortQuotedRoom + s.size() bytes of room at o.
constexpr size_t kShortQuotedRoom = 19;
inline char* QuoteShort(char* o, std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
#if !RECPROC_NO_OVERREAD
  // Most texts are short: tried first. An empty view may have no data
  // pointer at all, so it never loads.
  if (n - 1 < 15 && BlockLoadStaysInPage(p)) {
    __m128i v;
    if (ShortBlockAttention(p, n, &v) == 0) {
      o[0] = '"';
      _mm_storeu_si128(reinterpret_cast<__m128i*>(o + 1), v);
      o[n + 1] = '"';
      return o + n + 2;
    }
  }
#endif
  if (n - 16 <= 48) {
    const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
    unsigned attention = AttentionMask(last, space, quote, backslash);
    for (size_t i = 0; i + 16 < n; i += 16)
      attention |= AttentionMask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), space, quote, backslash);
    if (attention != 0) return nullptr;
    o[0] = '"';
    for (size_t i = 0; i + 16 < n; i += 16)
      _mm_storeu_si128(reinterpret_cast<__m128i*>(o + 1 + i), _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o + 1 + n - 16), last);
    o[n + 1] = '"';
    return o + n + 2;
  }
  return nullptr;
}

// Room QuoteAny needs for n bytes of input: six output bytes per input byte
// (a control character becomes \u00XX), the quotes, and the slack of the
// block stores.
constexpr size_t QuotedRoom(size_t n) { return 6 * n + 22; }

// Writes s quoted at o, whatever it holds; returns the end.
// REQUIRES: QuotedRoom(s.size()) bytes of room at o.
inline char* QuoteAny(char* o, std::string_view s, uint64_t* invalid) {
  if (char* e = QuoteShort(o, s)) return e;
  *o++ = '"';
  size_t next = 0;
  o = QuoteChunk(o, reinterpret_cast<const unsigned char*>(s.data()), 0, s.size(), s.size(), invalid, &next);
  *o++ = '"';
  return o;
}

}  // namespace

// Leaves room for one more byte after the closing quote (a key's ':').
inline bool JsonWriter::ShortQuoted(std::string_view s) {
  if (s.size() > 64) return false;
  char* e = QuoteShort(Room(s.size() + kShortQuotedRoom), s);
  if (e == nullptr) return false;
  pos_ = e;
  return true;
}

void JsonWriter::Quoted(std::string_view s) {
  if (!ShortQuoted(s)) QuotedByChunks(s);
}

char* JsonWriter::QuoteLongAt(char* at, std::string_view s, size_t room) {
  pos_ = at;
  QuotedByChunks(s);
  return Room(room);
}

void JsonWriter::QuotedByChunks(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  Put('"');
  while (i < n) {
    size_t chunk_end = std::min(n, i + kQuoteChunk);
    char* o = Room(6 * (chunk_end - i) + 20);
    char* e = QuoteChunk(o, p, i, chunk_end, n, &invalid_utf8_, &i);
    pos_ = e;
  }
  Put('"');
}

uint64_t JsonWriter::AppendQuoted(std::string* out, std::string_view s) {
  JsonWriter w(out);
  w.Quoted(s);
  return w.invalid_utf8_;
}

void JsonWriter::Key(std::string_view k) {
  Sep();
  if (ShortQuoted(k)) {
    *pos_++ = ':';  // ShortQuoted left room for it
  } else {
    QuotedByChunks(k);
    Put(':');
  }
  pending_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  Sep();
  Quoted(s);
}

void JsonWriter::Int(int64_t v) {
  Sep();
  char* o = Room(kMaxIntText);
  pos_ = WriteInt(o, v);
}

void JsonWriter::Double(double v) {
  Sep();
  pos_ = DoubleJson::Write(v, Room(DoubleJson::kMaxSize));
}

void JsonWriter::Bool(bool v) {
  Sep();
  if (v)
    Append("true", 4);
  else
    Append("false", 5);
}

void JsonWriter::Null() {
  Sep();
  Append("null", 4);
}

void JsonWriter::Raw(std::string_view json) {
  Sep();
  Append(json.data(), json.size());
}

namespace {

// Attributes sorted by name into scratch->sorted, through the order cache.
// A cached order is reused when the record's names are the same views (same
// address and length) in the same order: names outlive the scratch (see
// WriteRecordJson), so the same view means the same text.
bool SameNames(const RecordJsonScratch::Order& o, const std::vector<Attribute>& attrs) {
  if (o.names.size() != attrs.size()) return false;
  for (size_t i = 0; i < attrs.size(); ++i)
    if (o.names[i].data() != attrs[i].name.data() || o.names[i].size() != attrs[i].name.size()) return false;
  return true;
}

void SortAttributes(const Record& record, RecordJsonScratch* scratch) {
  const std::vector<Attribute>& attrs = record.attributes();
  std::vector<const Attribute*>& sorted = scratch->sorted;
  sorted.resize(attrs.size());
  auto use = [&](const RecordJsonScratch::Order& o) {
    for (size_t i = 0; i < o.perm.size(); ++i) sorted[i] = &attrs[o.perm[i]];
    assert(std::is_sorted(sorted.begin(), sorted.end(),
                          [](const Attribute* a, const Attribute* b) { return a->name < b->name; }));
    scratch->last = &o;
  };
  // The key costs a few instructions whatever the record's size; the names
  // are compared once, against the order the key finds.
  const uint64_t key = record.NameSetDigest();
  if (scratch->last != nullptr && scratch->last->key == key && SameNames(*scratch->last, attrs))
    return use(*scratch->last);
  auto it = scratch->orders.find(key);
  if (it != scratch->orders.end() && SameNames(it->second, attrs)) return use(it->second);
  for (size_t i = 0; i < attrs.size(); ++i) sorted[i] = &attrs[i];
  std::sort(sorted.begin(), sorted.end(), [](const Attribute* a, const Attribute* b) { return a->name < b->name; });
  if (attrs.size() > 65535) return;
  if (scratch->orders.size() >= 256) {
    scratch->orders.clear();
    scratch->last = nullptr;
  }
  RecordJsonScratch::Order& o = scratch->orders[key];
  o.key = key;
  o.names.clear();
  o.perm.clear();
  for (const Attribute& a : attrs) o.names.push_back(a.name);
  for (const Attribute* a : sorted) o.perm.push_back(static_cast<uint16_t>(a - attrs.data()));
  scratch->last = &o;
}

// Whether fields[i]'s key is that of an earlier field. `table` is an
// open-addressing set of the earlier keys' hashes (a power-of-two size, at
// least twice the field count, zeroed before the first field); a hash hit is
// confirmed by comparing the keys. A new key's hash is added.
bool RepeatsEarlierKey(const std::vector<Field>& fields, size_t i, std::vector<uint64_t>* table) {
  std::vector<uint64_t>& t = *table;
  const size_t mask = t.size() - 1;
  const uint64_t h = QuickKeyHash(fields[i].key);
  size_t pos = h & mask;
  for (; t[pos] != 0; pos = (pos + 1) & mask) {
    if (t[pos] != h) continue;
    for (size_t j = 0; j < i; ++j)
      if (KeyEquals(fields[j].key, fields[i].key)) return true;
  }
  t[pos] = h;
  return false;
}

// Sizes and clears the set of RepeatsEarlierKey for n fields.
void PrepareDuplicateCheck(size_t n, RecordJsonScratch* scratch) {
  size_t cap = 16;
  while (cap < n * 2) cap *= 2;
  scratch->field_hashes.assign(cap, 0);
}

// Room for the quoted text of n bytes in a record written with its long
// texts quoted in chunks, each with its own room (QuotedByChunks): none for
// a text longer than a chunk.
constexpr size_t TextRoom(size_t n) { return n > kQuoteChunk ? 0 : QuotedRoom(n); }

// The JSON text of each of the record's field keys with its colon, from the
// scratch when its layout was written before; nullptr when the record names
// no layout or a key holds invalid UTF-8.
const std::string_view* KeyJson(const Record& record, RecordJsonScratch* scratch) {
  const uint64_t id = record.fields_layout_id();
  if (id == 0) return nullptr;
  const std::vector<Field>& fields = *record.fields();
  if (scratch->key_layout != id) {
    scratch->key_layout = id;
    std::string& text = scratch->key_json_text;
    std::vector<std::string_view>& keys = scratch->key_json;
    text.clear();
    keys.clear();
    // The text may move while it grows: only the views' sizes are kept
    // meanwhile, and the views are pointed at it once it is whole.
    for (const Field& f : fields) {
      const size_t begin = text.size();
      if (JsonWriter::AppendQuoted(&text, f.key) != 0) {
        keys.clear();
        break;
      }
      text += ':';
      keys.push_back(std::string_view(text).substr(begin));
    }
    size_t at = 0;
    for (std::string_view& k : keys) {
      k = std::string_view(text.data() + at, k.size());
      at += k.size();
    }
  }
  return scratch->key_json.size() == fields.size() ? scratch->key_json.data() : nullptr;
}

// Calls f on each item of a string list (items joined by '\0').
template <typename F>
void ForEachItem(std::string_view list, F f) {
  if (list.empty()) return;
  while (true) {
    const size_t z = list.find('\0');
    f(list.substr(0, z), z == std::string_view::npos);
    if (z == std::string_view::npos) return;
    list.remove_prefix(z + 1);
  }
}

// A bound of the bytes WriteRecordJson writes for a record at one go (slack
// of the block stores included), from the sizes alone: kRoom is the room of
// a quoted text (QuotedRoom, or TextRoom when long texts go in chunks).
template <size_t (*kRoom)(size_t)>
size_t RecordJsonBound(const Record& record, const std::vector<const Attribute*>& sorted) {
  size_t bound = 64 + kRoom(record.uid().size()) + JsonWriter::kMaxIntText + kRoom(record.object_type().size());
  for (const Attribute* a : sorted) {
    const Value& v = a->value;
    bound += a->name.size() + 4;
    switch (v.kind) {
      case Value::Kind::kString: bound += kRoom(v.s.size()); break;
      case Value::Kind::kInt: bound += JsonWriter::kMaxIntText; break;
      case Value::Kind::kDouble: bound += v.s.empty() ? DoubleJson::kMaxSize : v.s.size(); break;
      case Value::Kind::kBool: bound += 5; break;
      case Value::Kind::kRawJson: bound += v.s.size(); break;
      case Value::Kind::kStringList:
        bound += 2;
        ForEachItem(v.s, [&](std::string_view item, bool) { bound += kRoom(item.size()) + 1; });
        break;
    }
  }
  if (record.fields() != nullptr) {
    bound += 16;
    for (const Field& f : *record.fields()) bound += kRoom(f.key.size()) + kRoom(f.value.size()) + 2;
  }
  return bound;
}

// Appends the text of t at o; returns the end.
inline char* Put(char* o, std::string_view t) {
  std::memcpy(o, t.data(), t.size());
  return o + t.size();
}

// Records up to this bound are written at one go; larger ones have their
// long texts quoted in chunks, so the room reserved stays bounded.
constexpr size_t kBoundedRecordBytes = 256 * 1024;

}  // namespace

void WriteRecordJson(const Record& record, JsonWriter* w, RecordJsonScratch* scratch) {
  SortAttributes(record, scratch);
  // The record goes into room reserved ahead, through a local pointer: no
  // room check or separator state per piece. Most records fit their bound
  // at one go; in a larger one, each text longer than a quoting chunk goes
  // through the writer's chunks, and the room is reserved again after it.
  uint64_t* invalid = &w->invalid_utf8_;
  auto write = [&](size_t bound, auto chunk_long_texts) {
    auto text = [w, bound, invalid](char* at, std::string_view s) {
      if constexpr (decltype(chunk_long_texts)::value) {
        if (s.size() > kQuoteChunk) return w->QuoteLongAt(at, s, bound);
      }
      return QuoteAny(at, s, invalid);
    };
    w->BeginObject();
    char* o = w->Room(bound);
    o = Put(o, "\"uid\":");
    o = text(o, record.uid());
    o = Put(o, ",\"timestamp\":");
    o = JsonWriter::WriteInt(o, record.timestamp_ms());
    o = Put(o, ",\"objectType\":");
    o = text(o, record.object_type());
    for (const Attribute* a : scratch->sorted) {
      o[0] = ',';
      o[1] = '"';
      JsonWriter::CopyKey(o + 2, a->name.data(), a->name.size());
      o += a->name.size() + 2;
      o[0] = '"';
      o[1] = ':';
      o += 2;
      const Value& v = a->value;
      switch (v.kind) {
        case Value::Kind::kString:
          o = text(o, v.s);
          break;
        case Value::Kind::kInt:
          o = JsonWriter::WriteInt(o, v.i);
          break;
        case Value::Kind::kDouble:
          o = v.s.empty() ? DoubleJson::Write(v.d, o) : Put(o, v.s);
          break;
        case Value::Kind::kBool:
          o = Put(o, v.b ? std::string_view("true") : std::string_view("false"));
          break;
        case Value::Kind::kRawJson:
          o = Put(o, v.s);
          break;
        case Value::Kind::kStringList:
          *o++ = '[';
          ForEachItem(v.s, [&](std::string_view item, bool last) {
            o = text(o, item);
            if (!last) *o++ = ',';
          });
          *o++ = ']';
          break;
      }
    }
    if (record.fields() != nullptr) {
      const std::vector<Field>& fields = *record.fields();
      o = Put(o, ",\"fields\":{");
      // Keys known to be unique need no duplicate check.
      const bool check = !record.fields_keys_unique();
      if (check) PrepareDuplicateCheck(fields.size(), scratch);
      // A layout's keys are quoted once, for its first record (not with
      // keys long enough to be quoted in chunks).
      const std::string_view* key_json = nullptr;
      if constexpr (!decltype(chunk_long_texts)::value) key_json = KeyJson(record, scratch);
      // Each pair is followed by a comma; the last one's becomes the brace.
      // The first field is never a repeat, so none is written only when
      // there is none.
      for (size_t i = 0; i < fields.size(); ++i) {
        if (check && RepeatsEarlierKey(fields, i, &scratch->field_hashes)) continue;
        const Field& f = fields[i];
        if (key_json != nullptr) {
          JsonWriter::CopyKey(o, key_json[i].data(), key_json[i].size());
          o += key_json[i].size();
        } else {
          o = text(o, f.key);
          *o++ = ':';
        }
        o = text(o, f.kind == ValueKind::kNull ? std::string_view("null") : f.value);
        *o++ = ',';
      }
      if (fields.empty()) ++o;
      o[-1] = '}';
    }
    w->pos_ = o;
    w->first_ = false;
    w->EndObject();
  };
  const size_t whole = RecordJsonBound<QuotedRoom>(record, scratch->sorted);
  if (whole <= kBoundedRecordBytes)
    write(whole, std::false_type());
  else
    write(RecordJsonBound<TextRoom>(record, scratch->sorted), std::true_type());
}

}  // namespace recproc
