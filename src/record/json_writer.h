// JsonWriter: the purpose-built JSON writer of the emit stage. It appends to
// a caller-owned, reused std::string (no allocation once the buffer has
// grown), escapes every control character, and validates UTF-8: each invalid
// byte sequence becomes U+FFFD and is counted, so the output is always valid
// JSON and valid UTF-8 whatever the input bytes were.
#ifndef RECPROC_RECORD_JSON_WRITER_H_
#define RECPROC_RECORD_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "record/record.h"

namespace recproc {

class JsonWriter {
 public:
  // REQUIRES: out outlives the writer.
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Sep(); out_->push_back('{'); first_ = true; }
  void EndObject() { out_->push_back('}'); first_ = false; }
  void BeginArray() { Sep(); out_->push_back('['); first_ = true; }
  void EndArray() { out_->push_back(']'); first_ = false; }
  void Key(std::string_view k);
  // A key known to need no escaping (schema attribute names, which are
  // ASCII identifiers): copied without the UTF-8 scan.
  // REQUIRES: k holds only printable ASCII other than '"' and '\\'.
  void TrustedKey(std::string_view k);
  void String(std::string_view s);
  void Int(int64_t v);
  // Non-finite doubles have no JSON form: written as null.
  void Double(double v);
  void Bool(bool v);
  void Null();
  // A complete JSON value written as is (REQUIRES: valid JSON).
  void Raw(std::string_view json);

  // Invalid UTF-8 sequences replaced so far.
  uint64_t invalid_utf8() const { return invalid_utf8_; }

  // Appends s as a quoted JSON string to out; returns the number of invalid
  // UTF-8 sequences replaced.
  static uint64_t AppendQuoted(std::string* out, std::string_view s);

 private:
  void Sep() {
    if (pending_key_) {
      pending_key_ = false;
      return;
    }
    if (!first_) out_->push_back(',');
    first_ = false;
  }
  std::string* out_;
  bool first_ = true;
  bool pending_key_ = false;
  uint64_t invalid_utf8_ = 0;
};

// Writes one Record as a JSON object (the caller adds the newline). Key order: uid,
// timestamp, objectType, then attributes sorted by name, then `fields`
// (sorted by key; a repeated key keeps its first value).
// `sort_scratch` is reused between calls to avoid allocation.
void WriteRecordJson(const Record& record, JsonWriter* w, std::vector<const Attribute*>* sort_scratch,
                     std::vector<const Field*>* field_scratch);

}  // namespace recproc

#endif  // RECPROC_RECORD_JSON_WRITER_H_
