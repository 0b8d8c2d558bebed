// Reading the list column table. Which attributes a column compares is data;
// this code only checks its shape: a known match kind and a non-empty
// attribute list for every column.
#include "lists/list_columns.h"

#include "util/edit_distance.h"

namespace recproc {
namespace {

constexpr std::string_view kKindNames[] = {"ip",   "domain", "hostname", "username",
                                           "hash", "url",    "asn",      "exact"};

}  // namespace

std::string_view MatchKindName(MatchKind kind) { return kKindNames[static_cast<int>(kind)]; }

bool ParseMatchKind(std::string_view text, MatchKind* kind) {
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    if (text == kKindNames[i]) {
      *kind = static_cast<MatchKind>(i);
      return true;
    }
  }
  return false;
}

bool ListColumns::Add(const ConfigNode& root, ConfigErrors* errors) {
  size_t before = errors->size();
  if (root.missing()) return errors->size() == before;
  root.CheckKeys({"columns"});
  ConfigNode columns = root.Require("columns");
  if (columns.missing()) return false;
  for (const auto& [name, node] : columns.Entries()) {
    ListColumn column;
    column.name = name;
    node.CheckKeys({"match", "attributes"});
    std::string kind;
    ConfigNode kind_node = node.Require("match");
    if (kind_node.AsString(&kind) && !ParseMatchKind(kind, &column.match)) {
      kind_node.Error("unknown match kind '" + kind +
                      "'; expected one of ip, domain, hostname, username, hash, url, asn, exact");
    }
    ConfigNode attrs = node.Require("attributes");
    if (attrs.AsStringList(&column.attributes) && column.attributes.empty())
      attrs.Error("a column needs at least one attribute");
    int existing = Find(name);
    if (existing >= 0) {
      columns_[existing] = std::move(column);
    } else {
      columns_.push_back(std::move(column));
    }
  }
  return errors->size() == before;
}

bool ListColumns::AddFile(const std::string& path, ConfigErrors* errors) {
  size_t before = errors->size();
  ConfigNode root = ConfigNode::Load(path, errors);
  if (errors->size() != before) return false;
  return Add(root, errors);
}

int ListColumns::Find(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string ListColumns::Suggest(std::string_view name) const {
  std::vector<std::string_view> names;
  for (const ListColumn& c : columns_) names.push_back(c.name);
  return std::string(ClosestMatch(name, names));
}

}  // namespace recproc
