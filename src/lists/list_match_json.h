// The record attributes list matching adds (reference §5.4 and §7 items 1-4),
// written as JSON values for the emit stage to insert as raw JSON:
//   listMatches          ["<list>", "column:<Col>", ..., "threat"]
//   matchedItems         [{listName, listType, column, field, value, item, description, expiration, ...}]
//   suppressed           true (when a suppressed list matched; the caller writes it)
//   suppressedReasons    ["list:<name>", ...]
//   _matchingIndicators  {"<field>": [{id, indicator, type, source, confidence, threatType, validFrom,
//   validUntil}]}
// Each writer appends to *out (reused by the caller) and returns false,
// writing nothing, when the attribute should be absent. Order follows the
// hits (list config order, then column attribute order); duplicates dropped.
// Lifetime: `hits` must come from `set`.
#ifndef RECPROC_LISTS_LIST_MATCH_JSON_H_
#define RECPROC_LISTS_LIST_MATCH_JSON_H_

#include <string>
#include <vector>

#include "lists/list_set.h"

namespace recproc {

bool WriteListMatchesJson(const ListSet& set, const std::vector<RecordListHit>& hits, std::string* out);
// One entry per (list, field): its first (most specific) item.
bool WriteMatchedItemsJson(const ListSet& set, const std::vector<RecordListHit>& hits, std::string* out);
// True when a suppressed list matched.
bool IsSuppressed(const ListSet& set, const std::vector<RecordListHit>& hits);
bool WriteSuppressedReasonsJson(const ListSet& set, const std::vector<RecordListHit>& hits, std::string* out);
// Threat list hits only, every matching indicator per field.
bool WriteMatchingIndicatorsJson(const ListSet& set, const std::vector<RecordListHit>& hits,
                                 std::string* out);

}  // namespace recproc

#endif  // RECPROC_LISTS_LIST_MATCH_JSON_H_
