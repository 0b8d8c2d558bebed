// FieldTemplate: the one text template of the daemon YAML. "{path}" is
// replaced by the mapped record's value at that path (filter_expr.h paths:
// `a.b`, `a.0`); strings are inserted as they are, other values as compact
// JSON, a missing or null value as "". Text outside braces is copied. Dedup
// keys, email subjects and bodies, incident titles and match keys all use it.
#ifndef RECPROC_DAEMON_FIELD_TEMPLATE_H_
#define RECPROC_DAEMON_FIELD_TEMPLATE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace recproc {

std::string ExpandFieldTemplate(std::string_view tmpl, const nlohmann::json& record);

}  // namespace recproc

#endif  // RECPROC_DAEMON_FIELD_TEMPLATE_H_
