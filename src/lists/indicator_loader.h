// Loaders for the product's normalized indicator formats:
// - CSV without a header: id,indicator,type,source,validFrom,validUntil,
//   confidence,threatType,actors,killChain (trailing columns may be empty);
// - JSON: an array of indicator objects, or NDJSON (one object per line),
//   each {id, indicator, type, source, validFrom, validUntil, confidence,
//   threatType, ...}; other keys ignored.
// Each item gets its column from `type` (indicator_types.h); an indicator of
// a type no column compares is counted in out->unsupported with a warning.
// validUntil (any ISO 8601 form; empty = never) becomes the expiry.
#ifndef RECPROC_LISTS_INDICATOR_LOADER_H_
#define RECPROC_LISTS_INDICATOR_LOADER_H_

#include <string>
#include <string_view>

#include "config/config_errors.h"
#include "lists/list_model.h"

namespace recproc {

struct IndicatorFields {
  std::string_view id, indicator, type, source, valid_from, valid_until, threat_type;
  std::string_view confidence;  // text, "" = unknown
};

// Validates one indicator and appends it. Errors name file:line (line 0 =
// unknown, `where` then says which object). Returns false on error.
bool AddIndicator(const IndicatorFields& f, const std::string& file, int line, const std::string& where,
                  ListItems* out, ConfigErrors* errors);

bool LoadIndicatorCsv(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors);
bool LoadIndicatorJson(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors);

}  // namespace recproc

#endif  // RECPROC_LISTS_INDICATOR_LOADER_H_
