// Expansion of "{path}" templates over a mapped record. A '{' without a
// closing '}' is literal text, so a subject such as "alert {" stays as
// written instead of failing a cycle.
#include "daemon/field_template.h"

#include "filter/filter_expr.h"

namespace recproc {

std::string ExpandFieldTemplate(std::string_view tmpl, const nlohmann::json& record) {
  std::string out;
  out.reserve(tmpl.size());
  for (size_t i = 0; i < tmpl.size(); ++i) {
    size_t close = tmpl[i] == '{' ? tmpl.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out.push_back(tmpl[i]);
      continue;
    }
    const nlohmann::json* v = ResolveJsonPath(record, tmpl.substr(i + 1, close - i - 1));
    if (v != nullptr && !v->is_null())
      out += v->is_string() ? v->get_ref<const std::string&>()
                            : v->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    i = close;
  }
  return out;
}

}  // namespace recproc
