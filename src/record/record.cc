// Record: attribute storage. Records hold a few dozen attributes, so a linear
// scan over a reused vector beats a hash map (no allocation, cache friendly).
#include "record/record.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "util/string_hash.h"

namespace recproc {

char* DoubleJson::Write(double v, char* o) {
  if (!std::isfinite(v)) {
    std::memcpy(o, "null", 4);
    return o + 4;
  }
  return std::to_chars(o, o + kMaxSize, v).ptr;
}

namespace {

// Names are mostly the same schema strings (equal pointers) or differ in
// length, so those are tried before a byte compare.
inline bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.data() == b.data() || a.empty()) return true;
  return KeyEquals(a, b);
}

}  // namespace

void Record::Replace(std::string_view name, const Value& v) {
  for (Attribute& a : attrs_) {
    if (SameName(a.name, name)) {
      a.value = v;
      return;
    }
  }
  attrs_.push_back(Attribute{name, v});
}

const Value* Record::Find(std::string_view name) const {
  for (const Attribute& a : attrs_)
    if (SameName(a.name, name)) return &a.value;
  return nullptr;
}

void Record::Erase(std::string_view name) {
  for (size_t i = 0; i < attrs_.size(); ++i) {
    if (SameName(attrs_[i].name, name)) {
      attrs_.erase(attrs_.begin() + static_cast<long>(i));
      return;
    }
  }
}

}  // namespace recproc
