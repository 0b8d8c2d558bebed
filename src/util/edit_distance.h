// Edit distance, for "did you mean" suggestions on misspelt names.
#ifndef RECPROC_UTIL_EDIT_DISTANCE_H_
#define RECPROC_UTIL_EDIT_DISTANCE_H_

#include <string_view>
#include <vector>

namespace recproc {

// Levenshtein distance between a and b.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a likely typo
// (distance at most max(2, |word|/3)); empty otherwise.
std::string_view ClosestMatch(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace recproc

#endif  // RECPROC_UTIL_EDIT_DISTANCE_H_
