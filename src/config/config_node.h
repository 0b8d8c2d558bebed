// ConfigNode: a typed, position-aware view of one node of a YAML config file.
// It is the only face of yaml-cpp that the rest of recproc sees. Every read
// that finds the wrong shape records an error ("expected a boolean, found a
// list") at the node's file:line:col in the shared ConfigErrors and returns
// false, so a loader reads the whole file and reports every problem at once.
//
// Lifetime: a ConfigNode keeps its document alive; the ConfigErrors sink must
// outlive every node that reports into it.
#ifndef RECPROC_CONFIG_CONFIG_NODE_H_
#define RECPROC_CONFIG_CONFIG_NODE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_errors.h"

namespace YAML {
class Node;
}

namespace recproc {

class ConfigNode {
 public:
  enum class Kind { kMissing, kNull, kScalar, kList, kMap };

  ConfigNode();  // a missing node
  ~ConfigNode();
  ConfigNode(const ConfigNode&);
  ConfigNode& operator=(const ConfigNode&);

  // Parses YAML text; `file` names it in messages (a path, or "<built-in>/..."
  // for embedded content). A syntax error is recorded and a missing node
  // returned.
  static ConfigNode Parse(std::string_view text, const std::string& file, ConfigErrors* errors);
  // Reads and parses a file; a missing or unreadable file is recorded.
  static ConfigNode Load(const std::string& path, ConfigErrors* errors);

  Kind kind() const;
  bool missing() const { return kind() == Kind::kMissing; }
  bool is_map() const { return kind() == Kind::kMap; }
  bool is_list() const { return kind() == Kind::kList; }
  bool is_scalar() const { return kind() == Kind::kScalar; }
  SourcePosition position() const;
  const std::string& file() const { return *file_; }
  ConfigErrors* errors() const { return errors_; }

  // Records an error at this node.
  void Error(const std::string& message) const;

  // Map access. Get() of an absent key gives a missing node (no error).
  ConfigNode Get(std::string_view key) const;
  bool Has(std::string_view key) const { return !Get(key).missing(); }
  // Map entries in file order; records an error and returns {} when this is
  // not a map.
  std::vector<std::pair<std::string, ConfigNode>> Entries() const;
  // List items; a scalar is read as a one-item list. Records an error for a map.
  std::vector<ConfigNode> Items() const;
  // Records "unknown key 'x' (did you mean 'y'?); expected one of ..." for
  // every key not in `allowed`. Returns false if any was found.
  bool CheckKeys(const std::vector<std::string_view>& allowed) const;
  // Records "missing required key" when absent. Returns the node.
  ConfigNode Require(std::string_view key) const;

  // Scalar reads of this node; false (with an error) on the wrong shape.
  bool AsString(std::string* out) const;
  bool AsBool(std::string* out_text, bool* out) const;  // true/false/yes/no/on/off, any case
  bool AsBool(bool* out) const;
  bool AsInt(int64_t* out) const;
  bool AsDouble(double* out) const;
  bool AsStringList(std::vector<std::string>* out) const;  // a scalar counts as one item
  // A map of scalars to scalars (e.g. a lookup table), in file order.
  bool AsStringPairs(std::vector<std::pair<std::string, std::string>>* out) const;

  // Reads of an optional map key: an absent key leaves *out untouched and
  // returns true.
  bool Read(std::string_view key, std::string* out) const;
  bool Read(std::string_view key, bool* out) const;
  bool Read(std::string_view key, int64_t* out) const;
  bool Read(std::string_view key, double* out) const;
  bool Read(std::string_view key, std::vector<std::string>* out) const;

 private:
  ConfigNode(std::unique_ptr<YAML::Node> node, std::shared_ptr<const std::string> file, ConfigErrors* errors);
  std::string KindName() const;

  std::unique_ptr<YAML::Node> node_;
  std::shared_ptr<const std::string> file_;
  ConfigErrors* errors_ = nullptr;
};

// Resolves `path` relative to the directory of `base_file`. Absolute paths
// and "builtin:" paths are returned unchanged.
std::string ResolveConfigPath(const std::string& base_file, const std::string& path);

}  // namespace recproc

#endif  // RECPROC_CONFIG_CONFIG_NODE_H_
