// JsonWriter: the purpose-built JSON writer of the emit stage. It appends to
// a caller-owned, reused std::string (no allocation once the buffer has
// grown), escapes every control character, and validates UTF-8: each invalid
// byte sequence becomes U+FFFD and is counted, so the output is always valid
// JSON and valid UTF-8 whatever the input bytes were.
#ifndef RECPROC_RECORD_JSON_WRITER_H_
#define RECPROC_RECORD_JSON_WRITER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "record/record.h"
#include "util/byte_buffer.h"

namespace recproc {

struct RecordJsonScratch;

class JsonWriter {
 public:
  // Writes after out's current end. The writer keeps spare room in `out`
  // (out's size runs ahead of the text while the writer is live), so each
  // piece costs one bounds check and a copy. Finish() (or the destructor)
  // trims `out` to the text written. A std::string's room is zero-filled
  // whenever it grows; a ByteBuffer's is not (the form for bulk output).
  // REQUIRES: out outlives the writer; nothing else modifies out until
  // Finish().
  explicit JsonWriter(std::string* out)
      : str_(out), start_(out->size()), pos_(out->data() + start_), end_(pos_) {}
  explicit JsonWriter(ByteBuffer* out) : buf_(out), start_(out->size()), pos_(out->data() + start_), end_(pos_) {}
  ~JsonWriter() { Finish(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Trims out to the text written; writing may go on afterwards.
  void Finish() { Resize(static_cast<size_t>(pos_ - Base())); }
  // Ends a JSON-lines record: a newline, and the next value starts afresh.
  void Newline() {
    Put('\n');
    first_ = true;
    pending_key_ = false;
  }

  void BeginObject() { Sep(); Put('{'); first_ = true; }
  void EndObject() { Put('}'); first_ = false; }
  void BeginArray() { Sep(); Put('['); first_ = true; }
  void EndArray() { Put(']'); first_ = false; }
  void Key(std::string_view k);
  // A key known to need no escaping (schema attribute names, which are
  // ASCII identifiers): copied without the UTF-8 scan.
  // REQUIRES: k holds only printable ASCII other than '"' and '\\'.
  void TrustedKey(std::string_view k) {
    Sep();
    char* o = Room(k.size() + 3);
    o[0] = '"';
    CopyKey(o + 1, k.data(), k.size());
    o[k.size() + 1] = '"';
    o[k.size() + 2] = ':';
    pos_ += k.size() + 3;
    pending_key_ = true;
  }
  void String(std::string_view s);
  void Int(int64_t v);
  // Non-finite doubles have no JSON form: written as null.
  void Double(double v);
  void Bool(bool v);
  void Null();
  // A complete JSON value written as is (REQUIRES: valid JSON).
  void Raw(std::string_view json);

  // The most bytes Int() writes: "-9223372036854775808".
  static constexpr size_t kMaxIntText = 20;

  // Invalid UTF-8 sequences replaced so far.
  uint64_t invalid_utf8() const { return invalid_utf8_; }

  // Appends s as a quoted JSON string to out; returns the number of invalid
  // UTF-8 sequences replaced.
  static uint64_t AppendQuoted(std::string* out, std::string_view s);

 private:
  // Writes a record into room reserved ahead, through a local pointer.
  friend void WriteRecordJson(const Record& record, JsonWriter* w, RecordJsonScratch* scratch);

  void Sep() {
    if (pending_key_) {
      pending_key_ = false;
      return;
    }
    if (!first_) Put(',');
    first_ = false;
  }
  // Room for n more bytes; returns where they go.
  char* Room(size_t n) {
    if (static_cast<size_t>(end_ - pos_) < n) Grow(n);
    return pos_;
  }
  void Grow(size_t n);
  // memcpy for the short names of schema attributes: up to 32 bytes by two
  // overlapping loads from each end, inline, no library call.
  static void CopyKey(char* d, const char* s, size_t n) {
    struct Block16 {
      char bytes[16];
    };
    if (n > 32) {
      std::memcpy(d, s, n);
    } else if (n >= 16) {
      CopyEnds<Block16>(d, s, n);
    } else if (n >= 8) {
      CopyEnds<uint64_t>(d, s, n);
    } else if (n >= 4) {
      CopyEnds<uint32_t>(d, s, n);
    } else if (n > 0) {
      d[0] = s[0];
      d[n / 2] = s[n / 2];
      d[n - 1] = s[n - 1];
    }
  }
  // Copies s[0, n) to d for sizeof(Word) <= n <= 2 * sizeof(Word).
  template <typename Word>
  static void CopyEnds(char* d, const char* s, size_t n) {
    Word a, b;
    std::memcpy(&a, s, sizeof(Word));
    std::memcpy(&b, s + n - sizeof(Word), sizeof(Word));
    std::memcpy(d, &a, sizeof(Word));
    std::memcpy(d + n - sizeof(Word), &b, sizeof(Word));
  }
  void Put(char c) { *Room(1) = c; ++pos_; }
  void Append(const char* p, size_t n);
  // Writes s quoted: ShortQuoted() when it takes s, else QuotedByChunks(),
  // which takes any string (escapes, UTF-8 checks) in bounded chunks.
  void Quoted(std::string_view s);
  bool ShortQuoted(std::string_view s);
  void QuotedByChunks(std::string_view s);
  // For a writer of room reserved ahead: the text up to `at` is taken, s is
  // quoted after it in chunks, and `room` bytes are reserved again; returns
  // where writing goes on. Kept out of line: long texts are rare.
  [[gnu::noinline]] char* QuoteLongAt(char* at, std::string_view s, size_t room);
  // Writes v's decimal text at o; returns its end. May store past the end,
  // within kMaxIntText bytes. REQUIRES: kMaxIntText bytes of room at o.
  static char* WriteInt(char* o, int64_t v);

  // Start of the target's bytes.
  char* Base() const { return buf_ != nullptr ? buf_->data() : str_->data(); }
  // Resizes the target to n bytes and makes all of them room after the text
  // of length len (REQUIRES: len <= n).
  void Resize(size_t n, size_t len);
  void Resize(size_t n) { Resize(n, n); }

  // One target: str_ or buf_. The text written is [Base(), pos_); [pos_,
  // end_) is room, the rest of the target's size. Kept as pointers: each
  // piece costs one compare and a copy.
  std::string* str_ = nullptr;
  ByteBuffer* buf_ = nullptr;
  size_t start_;  // the target's size when the writer began
  char* pos_;
  char* end_;
  bool first_ = true;
  bool pending_key_ = false;
  uint64_t invalid_utf8_ = 0;
};

// Reusable state of WriteRecordJson, one per thread. Records of one source
// carry the same attribute names in the same order, so the sorted order is
// remembered per name sequence and reused when the names are the same views.
struct RecordJsonScratch {
  std::vector<const Attribute*> sorted;
  std::vector<uint64_t> field_hashes;  // open-addressing set for duplicate keys
  struct Order {
    uint64_t key = 0;                     // Record::NameSetDigest() of the layout
    std::vector<std::string_view> names;  // the attribute names, in record order
    std::vector<uint16_t> perm;      // record index of the i-th attribute by name
  };
  std::unordered_map<uint64_t, Order> orders;  // by key
  // The order used last, tried first: records from one mapping share their
  // layout. Points into `orders`; null after it is cleared.
  const Order* last = nullptr;
  // The JSON text of the field keys of the layout key_layout (a
  // Record::fields_layout_id()), each "key": in key_json, views into
  // key_json_text; made from the first record of that layout. Empty when a
  // key holds invalid UTF-8, whose replacements are counted per record.
  uint64_t key_layout = 0;
  std::string key_json_text;
  std::vector<std::string_view> key_json;
};

// Writes one Record as a JSON object (the caller adds the newline). Key order:
// uid, timestamp, objectType, then attributes sorted by name, then `fields`
// in input order (a repeated key keeps its first value).
// REQUIRES: attribute names outlive `scratch` and never change (schema names,
// literals, configuration text; never arena text): the cached order is found
// by the names' addresses.
void WriteRecordJson(const Record& record, JsonWriter* w, RecordJsonScratch* scratch);

}  // namespace recproc

#endif  // RECPROC_RECORD_JSON_WRITER_H_
