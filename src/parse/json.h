// JSON log parser: one JSON object per message, flattened to dotted keys.
#ifndef RECPROC_PARSE_JSON_H_
#define RECPROC_PARSE_JSON_H_

#include <memory>
#include <string_view>

#include "parse/parser.h"

namespace recproc {

struct JsonOptions {
  // Keep a one-element array as `a.1` (the product's default) or flatten it
  // to `a`. Default: false (keep the index).
  bool flatten_single_lists = false;
  // Drop null values instead of keeping them as "null". Default: false.
  bool drop_nulls = false;
};

std::unique_ptr<Parser> MakeJsonParser(const JsonOptions& options);

// Cheap shape test for auto-detection: the first non-blank byte is '{'.
bool LooksLikeJson(std::string_view text);

}  // namespace recproc

#endif  // RECPROC_PARSE_JSON_H_
