// Record: attribute storage. Records hold a few dozen attributes, so a linear
// scan over a reused vector beats a hash map (no allocation, cache friendly).
#include "record/record.h"

namespace recproc {

void Record::Set(std::string_view name, Value v) {
  for (Attribute& a : attrs_) {
    if (a.name == name) {
      a.value = v;
      return;
    }
  }
  attrs_.push_back(Attribute{name, v});
}

const Value* Record::Get(std::string_view name) const {
  for (const Attribute& a : attrs_)
    if (a.name == name) return &a.value;
  return nullptr;
}

void Record::Erase(std::string_view name) {
  for (size_t i = 0; i < attrs_.size(); ++i) {
    if (attrs_[i].name == name) {
      attrs_.erase(attrs_.begin() + static_cast<long>(i));
      return;
    }
  }
}

}  // namespace recproc
