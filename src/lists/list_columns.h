// ListColumns: the table of list columns (SrcIp, Domain, FileHash, ... and
// user-defined ones), each naming the record attributes it compares and how
// values compare. The table is data (content/default/list_columns.yaml);
// this file only reads it.
//
// Thread-safety: immutable after loading.
#ifndef RECPROC_LISTS_LIST_COLUMNS_H_
#define RECPROC_LISTS_LIST_COLUMNS_H_

#include <string>
#include <string_view>
#include <vector>

#include "config/config_node.h"

namespace recproc {

enum class MatchKind { kIp, kDomain, kHostname, kUsername, kHash, kUrl, kAsn, kExact };

// "ip", "domain", ...; ParseMatchKind is the reverse.
std::string_view MatchKindName(MatchKind kind);
bool ParseMatchKind(std::string_view text, MatchKind* kind);

struct ListColumn {
  std::string name;
  MatchKind match = MatchKind::kExact;
  std::vector<std::string> attributes;  // compared in this order
};

class ListColumns {
 public:
  // The built-in table.
  static constexpr const char* kDefaultPath = "builtin:content/default/list_columns.yaml";

  // Reads `columns: {Name: {match, attributes}}` from a parsed file and adds
  // or replaces entries (a later file overrides an earlier column of the same
  // name). Every problem goes to *errors; returns false if any.
  bool Add(const ConfigNode& root, ConfigErrors* errors);
  // Loads a file (or "builtin:..." path) and Add()s it.
  bool AddFile(const std::string& path, ConfigErrors* errors);

  // Index of a column by exact name, or -1.
  int Find(std::string_view name) const;
  // Case-insensitive nearest name for "did you mean", or "".
  std::string Suggest(std::string_view name) const;

  size_t size() const { return columns_.size(); }
  const ListColumn& operator[](size_t i) const { return columns_[i]; }

 private:
  std::vector<ListColumn> columns_;
};

}  // namespace recproc

#endif  // RECPROC_LISTS_LIST_COLUMNS_H_
