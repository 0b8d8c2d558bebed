// RecordAttributes: a Record's attributes as text, the view list matching
// needs. Numbers (ASNs) are formatted into the arena.
#ifndef RECPROC_LISTS_RECORD_ATTRIBUTES_H_
#define RECPROC_LISTS_RECORD_ATTRIBUTES_H_

#include <string>
#include <string_view>

#include "lists/list_set.h"
#include "record/record.h"
#include "util/arena.h"

namespace recproc {

class RecordAttributes final : public AttributeSource {
 public:
  // REQUIRES: r and arena outlive this object; values handed out live as
  // long as the record and the arena.
  RecordAttributes(const Record& r, Arena* arena) : r_(r), arena_(arena) {}
  bool Get(std::string_view attribute, std::string_view* value) const override {
    const Value* v = r_.Get(attribute);
    if (v == nullptr) return false;
    if (v->kind == Value::Kind::kString) {
      *value = v->s;
      return !v->s.empty();
    }
    if (v->kind == Value::Kind::kInt) {
      *value = arena_->Copy(std::to_string(v->i));
      return true;
    }
    return false;
  }

 private:
  const Record& r_;
  Arena* arena_;
};

}  // namespace recproc

#endif  // RECPROC_LISTS_RECORD_ATTRIBUTES_H_
