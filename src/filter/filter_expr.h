// FilterExpr: the small boolean expression language of daemon rules
// (`when:`), evaluated over a mapped record held as a JSON object.
//
//   status == "open" and (severity >= 7 or tags contains "vip")
//   not src.ip in ["10.0.0.1", "10.0.0.2"] and url matches "^https?://"
//
// See filter_expr.cc for the grammar and the comparison rules.
//
// Thread-safety: immutable after Parse(); Evaluate() may be called from any
// thread.
#ifndef RECPROC_FILTER_FILTER_EXPR_H_
#define RECPROC_FILTER_FILTER_EXPR_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "recproc/status.h"

namespace recproc {

class FilterExpr {
 public:
  struct Node;  // defined in filter_expr.cc

  FilterExpr();  // the empty expression: always true
  ~FilterExpr();
  FilterExpr(FilterExpr&&) noexcept;
  FilterExpr& operator=(FilterExpr&&) noexcept;

  // Parses `text`. On error *out is unchanged and the message reads
  // "column N: expected ..., found ..." (1-based, counted in bytes), so a
  // config loader can add the YAML position in front.
  static Status Parse(std::string_view text, FilterExpr* out);

  // True when `record` satisfies the expression. A field path that does not
  // resolve is null: it equals only null, orders against nothing and is
  // false on its own.
  bool Evaluate(const nlohmann::json& record) const;

  const std::string& text() const { return text_; }
  bool empty() const { return root_ == nullptr; }

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;
};

// Resolves a dotted path ("src.ip", "tags.0") in `record`; nullptr when any
// step is missing. Lifetime: the result points into `record`.
const nlohmann::json* ResolveJsonPath(const nlohmann::json& record, std::string_view path);

}  // namespace recproc

#endif  // RECPROC_FILTER_FILTER_EXPR_H_
