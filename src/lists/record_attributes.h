// RecordAttributes: a Record's attributes as text, the view list matching
// needs. Numbers (ASNs) are formatted into the arena.
#ifndef RECPROC_LISTS_RECORD_ATTRIBUTES_H_
#define RECPROC_LISTS_RECORD_ATTRIBUTES_H_

#include <charconv>
#include <string>
#include <string_view>

#include "lists/list_set.h"
#include "record/record.h"
#include "util/arena.h"
#include "util/string_hash.h"

namespace recproc {

class RecordAttributes final : public AttributeSource {
 public:
  // REQUIRES: r and arena outlive this object; values handed out live as
  // long as the record and the arena.
  RecordAttributes(const Record& r, Arena* arena) : r_(r), arena_(arena) {}
  bool Get(std::string_view attribute, std::string_view* value) const override {
    const Value* v = r_.Get(attribute);
    return v != nullptr && Text(*v, value);
  }
  // One pass over the record's attributes; the first of equal names wins, as
  // with Record::Get.
  void GetAll(const AttributeQuery& query, std::string_view* values) const override {
    size_t n = query.names.size();
    if (n > 64) return AttributeSource::GetAll(query, values);
    for (size_t i = 0; i < n; ++i) values[i] = std::string_view();
    uint64_t seen = 0;
    for (const Attribute& a : r_.attributes()) {
      for (uint64_t m = query.Candidates(a.name) & ~seen; m != 0; m &= m - 1) {
        int i = __builtin_ctzll(m);
        if (!KeyEquals(query.names[i], a.name)) continue;
        seen |= uint64_t{1} << i;
        if (!Text(a.value, &values[i])) values[i] = std::string_view();
        break;
      }
    }
  }

 private:
  bool Text(const Value& v, std::string_view* value) const {
    if (v.kind == Value::Kind::kString) {
      *value = v.s;
      return !v.s.empty();
    }
    if (v.kind == Value::Kind::kInt) {
      // Formatted straight into the arena: no heap string per lookup.
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.i);
      *value = arena_->Copy(std::string_view(buf, static_cast<size_t>(end - buf)));
      return true;
    }
    return false;
  }

  const Record& r_;
  Arena* arena_;
};

}  // namespace recproc

#endif  // RECPROC_LISTS_RECORD_ATTRIBUTES_H_
