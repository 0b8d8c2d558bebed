// Test support for the mapping suites: turns a JSON object into the
// flattened fields a JSON parser hands to the mapper (dotted keys, 1-based
// list indexes, nulls as kNull), owning the text.
#ifndef RECPROC_TESTS_MAPPING_SUPPORT_H_
#define RECPROC_TESTS_MAPPING_SUPPORT_H_

#include <deque>
#include <nlohmann/json.hpp>
#include <string>

#include "parse/message.h"

namespace recproc {

class FlatJson {
 public:
  // Fills msg->fields from `doc`; the views live as long as this object.
  void Flatten(const nlohmann::json& doc, ParsedMessage* msg) { Walk(doc, "", msg); }

 private:
  void Walk(const nlohmann::json& v, const std::string& path, ParsedMessage* msg) {
    if (v.is_object()) {
      for (auto it = v.begin(); it != v.end(); ++it)
        Walk(it.value(), path.empty() ? it.key() : path + "." + it.key(), msg);
      return;
    }
    if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i) Walk(v[i], path + "." + std::to_string(i + 1), msg);
      return;
    }
    const std::string& key = text_.emplace_back(path);
    ValueKind kind = v.is_null()      ? ValueKind::kNull
                     : v.is_string()  ? ValueKind::kString
                     : v.is_boolean() ? ValueKind::kBool
                                      : ValueKind::kNumber;
    const std::string& value = text_.emplace_back(v.is_string() ? v.get<std::string>() : v.dump());
    msg->fields.push_back(Field{key, value, kind});
  }
  std::deque<std::string> text_;
};

}  // namespace recproc

#endif  // RECPROC_TESTS_MAPPING_SUPPORT_H_
