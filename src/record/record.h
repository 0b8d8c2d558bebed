// Record: one output object — schema attributes with typed values, the
// envelope (uid, timestamp, objectType), and the parsed `fields`. Values are
// views into the batch's input or arena; a Record is reused across messages
// (Clear() keeps capacity), so building one allocates nothing in steady state.
//
// Attributes are kept in insertion order and written sorted by name (after
// uid, timestamp, objectType), so output is deterministic whatever order the
// stages set them in.
#ifndef RECPROC_RECORD_RECORD_H_
#define RECPROC_RECORD_RECORD_H_

#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

#include "parse/message.h"
#include "util/string_hash.h"

namespace recproc {

// A double's JSON text, made once where the same value goes into many
// records (cached enrichment values), so writing it is a copy. The form is
// the JSON writer's: the shortest text that reads back as the same double;
// a non-finite value, which JSON cannot hold, is null.
class DoubleJson {
 public:
  static constexpr size_t kMaxSize = 24;  // "-2.2250738585072014e-308"
  DoubleJson() = default;
  explicit DoubleJson(double v) : size_(static_cast<uint8_t>(Write(v, text_) - text_)) {}
  std::string_view view() const { return std::string_view(text_, size_); }
  // Writes v's JSON text at o; returns its end. REQUIRES: kMaxSize bytes of
  // room at o.
  static char* Write(double v, char* o);

 private:
  char text_[kMaxSize] = {};
  uint8_t size_ = 0;
};

struct Value {
  enum class Kind : uint8_t { kString, kInt, kDouble, kBool, kStringList, kRawJson };
  Kind kind = Kind::kString;
  bool b = false;
  int64_t i = 0;
  double d = 0;
  // kString: the text. kRawJson: a complete, valid JSON value written as is.
  // kDouble: empty, or d's JSON text (see DoubleJson).
  // kStringList: items joined by '\0' (views into the arena).
  std::string_view s;

  static Value String(std::string_view v) { return Value{Kind::kString, false, 0, 0, v}; }
  static Value Int(int64_t v) { return Value{Kind::kInt, false, v, 0, {}}; }
  static Value Double(double v) { return Value{Kind::kDouble, false, 0, v, {}}; }
  // A double whose JSON text is known: written as that text.
  // REQUIRES: json == DoubleJson(v).view().
  static Value Double(double v, std::string_view json) { return Value{Kind::kDouble, false, 0, v, json}; }
  static Value Bool(bool v) { return Value{Kind::kBool, v, 0, 0, {}}; }
  static Value RawJson(std::string_view json) { return Value{Kind::kRawJson, false, 0, 0, json}; }
  static Value StringList(std::string_view nul_joined) { return Value{Kind::kStringList, false, 0, 0, nul_joined}; }
};

struct Attribute {
  std::string_view name;
  Value value;
};

// An attribute name with the two bits of the record's name filter it sets
// (see Record), worked out once: constexpr for the tables of names a stage
// looks up in every record.
struct AttrName {
  // Any text converts implicitly: a literal, a std::string, a view.
  template <typename T>
    requires std::is_convertible_v<const T&, std::string_view>
  constexpr AttrName(const T& name)  // NOLINT
      : AttrName(std::string_view(name), QuickKeyHash(std::string_view(name))) {}
  std::string_view text;
  uint8_t a, b;  // bit numbers, 0..255

 private:
  constexpr AttrName(std::string_view name, uint64_t hash)
      : text(name), a(static_cast<uint8_t>(hash >> 56)), b(static_cast<uint8_t>(hash >> 48)) {}
};

class Record {
 public:
  void Clear() {
    attrs_.clear();
    name_bits_[0] = name_bits_[1] = name_bits_[2] = name_bits_[3] = 0;
    uid_ = object_type_ = std::string_view();
    timestamp_ms_ = 0;
    fields_ = nullptr;
    fields_keys_unique_ = false;
    fields_layout_id_ = 0;
  }

  // Sets or replaces an attribute. `name` must outlive the record and never
  // change (a schema name, a literal or configuration text; never arena text:
  // the JSON writer caches attribute orders by name address).
  void Set(const AttrName& name, Value v) {
    if (MayHave(name)) {
      Replace(name.text, v);
      return;
    }
    Mark(name);
    attrs_.push_back(Attribute{name.text, v});
  }
  // Adds an attribute known to be absent (enrichment outputs, which no
  // mapping may set): no scan for an existing one.
  void Append(const AttrName& name, Value v) {
    Mark(name);
    attrs_.push_back(Attribute{name.text, v});
  }
  // nullptr when absent.
  const Value* Get(const AttrName& name) const { return MayHave(name) ? Find(name.text) : nullptr; }
  // The attribute's text when it is a string, else empty.
  std::string_view GetString(const AttrName& name) const {
    const Value* v = Get(name);
    return v != nullptr && v->kind == Value::Kind::kString ? v->s : std::string_view();
  }
  bool Has(const AttrName& name) const { return Get(name) != nullptr; }
  void Erase(std::string_view name);
  const std::vector<Attribute>& attributes() const { return attrs_; }
  // A digest of the set of names the record holds (of its name filter):
  // records with the same names, in any order, share it; most others differ.
  uint64_t NameSetDigest() const {
    uint64_t h = attrs_.size();
    for (uint64_t w : name_bits_) h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
  }

  std::string_view uid() const { return uid_; }
  void set_uid(std::string_view uid) { uid_ = uid; }
  int64_t timestamp_ms() const { return timestamp_ms_; }
  void set_timestamp_ms(int64_t ms) { timestamp_ms_ = ms; }
  std::string_view object_type() const { return object_type_; }
  void set_object_type(std::string_view t) { object_type_ = t; }
  bool failed() const { return object_type_ == "FailedRecord"; }

  // The parsed key/values written as the `fields` map; null for none. The
  // vector must outlive the record's emission. `keys_unique` says no key
  // repeats, so the writer can skip its duplicate check. A non-zero
  // `layout_id` (ParsedMessage::LayoutId() of the fields) lets the writer
  // reuse the JSON text of keys it wrote for an earlier record of that id.
  const std::vector<Field>* fields() const { return fields_; }
  bool fields_keys_unique() const { return fields_keys_unique_; }
  uint64_t fields_layout_id() const { return fields_layout_id_; }
  void set_fields(const std::vector<Field>* f, bool keys_unique = false, uint64_t layout_id = 0) {
    fields_ = f;
    fields_keys_unique_ = keys_unique;
    fields_layout_id_ = layout_id;
  }

 private:
  // A filter of the names present (a Bloom filter of two bits per name in
  // name_bits_): a name with either bit clear is absent, so most Set() calls
  // append without a scan. A record holds a few dozen names, enough for a
  // single bit per name to give false hits that cost a scan of the record
  // (two bits spare the benchmark's full pipeline 3 scans per record). The
  // bits are two bytes of QuickKeyHash (AttrName), which mixes the length
  // with the first and last eight bytes (schema names share long prefixes,
  // "metadata_sourceLine" / "metadata_mapperName").
  bool Bit(unsigned i) const { return (name_bits_[i >> 6] >> (i & 63)) & 1; }
  bool MayHave(const AttrName& n) const { return Bit(n.a) && Bit(n.b); }
  void Mark(const AttrName& n) {
    name_bits_[n.a >> 6] |= uint64_t{1} << (n.a & 63);
    name_bits_[n.b >> 6] |= uint64_t{1} << (n.b & 63);
  }
  // Set() of a name that may be present: replaces its value, or appends.
  void Replace(std::string_view name, const Value& v);
  // The attribute's value by a scan, or nullptr.
  const Value* Find(std::string_view name) const;

  std::vector<Attribute> attrs_;
  uint64_t name_bits_[4] = {0, 0, 0, 0};
  std::string_view uid_;
  std::string_view object_type_;
  int64_t timestamp_ms_ = 0;
  const std::vector<Field>* fields_ = nullptr;
  bool fields_keys_unique_ = false;
  uint64_t fields_layout_id_ = 0;
};

}  // namespace recproc

#endif  // RECPROC_RECORD_RECORD_H_
