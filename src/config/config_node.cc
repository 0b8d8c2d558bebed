// ConfigNode: the yaml-cpp adapter. yaml-cpp reports positions 0-based and
// throws on syntax errors and bad conversions; both are turned into 1-based
// file:line:col errors here, so no yaml-cpp exception leaves this file.
#include "config/config_node.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/builtin_files.h"
#include "util/edit_distance.h"

namespace recproc {

namespace {

constexpr std::string_view kBuiltinPrefix = "builtin:";

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

ConfigNode::ConfigNode() : file_(std::make_shared<const std::string>()) {}
ConfigNode::~ConfigNode() = default;
ConfigNode::ConfigNode(const ConfigNode& o)
    : node_(o.node_ ? std::make_unique<YAML::Node>(*o.node_) : nullptr), file_(o.file_), errors_(o.errors_) {}
ConfigNode& ConfigNode::operator=(const ConfigNode& o) {
  if (this != &o) {
    node_ = o.node_ ? std::make_unique<YAML::Node>(*o.node_) : nullptr;
    file_ = o.file_;
    errors_ = o.errors_;
  }
  return *this;
}
ConfigNode::ConfigNode(std::unique_ptr<YAML::Node> node, std::shared_ptr<const std::string> file,
                       ConfigErrors* errors)
    : node_(std::move(node)), file_(std::move(file)), errors_(errors) {}

ConfigNode ConfigNode::Parse(std::string_view text, const std::string& file, ConfigErrors* errors) {
  auto name = std::make_shared<const std::string>(file);
  try {
    auto node = std::make_unique<YAML::Node>(YAML::Load(std::string(text)));
    return ConfigNode(std::move(node), name, errors);
  } catch (const YAML::Exception& e) {
    errors->Add(SourcePosition{file, e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + e.msg);
  }
  ConfigNode missing;
  missing.file_ = name;
  missing.errors_ = errors;
  return missing;
}

ConfigNode ConfigNode::Load(const std::string& path, ConfigErrors* errors) {
  if (path.rfind(kBuiltinPrefix, 0) == 0) {
    const std::string_view* data = FindBuiltinFile(std::string_view(path).substr(kBuiltinPrefix.size()));
    if (data == nullptr) {
      errors->Add(SourcePosition{path}, "no such built-in file");
      return ConfigNode();
    }
    return Parse(*data, path, errors);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->Add(SourcePosition{path}, std::string("cannot read file: ") + std::strerror(errno));
    return ConfigNode();
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path, errors);
}

ConfigNode::Kind ConfigNode::kind() const {
  if (!node_ || !node_->IsDefined()) return Kind::kMissing;
  switch (node_->Type()) {
    case YAML::NodeType::Null:
      return Kind::kNull;
    case YAML::NodeType::Scalar:
      return Kind::kScalar;
    case YAML::NodeType::Sequence:
      return Kind::kList;
    case YAML::NodeType::Map:
      return Kind::kMap;
    default:
      return Kind::kMissing;
  }
}

std::string ConfigNode::KindName() const {
  switch (kind()) {
    case Kind::kMissing:
      return "nothing";
    case Kind::kNull:
      return "null";
    case Kind::kScalar:
      return "'" + node_->Scalar() + "'";
    case Kind::kList:
      return "a list";
    case Kind::kMap:
      return "a map";
  }
  return "?";
}

SourcePosition ConfigNode::position() const {
  if (!node_ || !node_->IsDefined()) return SourcePosition{*file_};
  YAML::Mark m = node_->Mark();
  if (m.is_null()) return SourcePosition{*file_};
  return SourcePosition{*file_, m.line + 1, m.column + 1};
}

void ConfigNode::Error(const std::string& message) const {
  if (errors_) errors_->Add(position(), message);
}

ConfigNode ConfigNode::Get(std::string_view key) const {
  if (!is_map()) return ConfigNode(nullptr, file_, errors_);
  for (auto it = node_->begin(); it != node_->end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key)
      return ConfigNode(std::make_unique<YAML::Node>(it->second), file_, errors_);
  }
  return ConfigNode(nullptr, file_, errors_);
}

std::vector<std::pair<std::string, ConfigNode>> ConfigNode::Entries() const {
  std::vector<std::pair<std::string, ConfigNode>> out;
  if (kind() == Kind::kNull) return out;
  if (!is_map()) {
    Error("expected a map, found " + KindName());
    return out;
  }
  for (auto it = node_->begin(); it != node_->end(); ++it) {
    std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
    out.emplace_back(key, ConfigNode(std::make_unique<YAML::Node>(it->second), file_, errors_));
  }
  return out;
}

std::vector<ConfigNode> ConfigNode::Items() const {
  std::vector<ConfigNode> out;
  switch (kind()) {
    case Kind::kMissing:
    case Kind::kNull:
      return out;
    case Kind::kScalar:
      out.push_back(*this);
      return out;
    case Kind::kMap:
      Error("expected a list, found a map");
      return out;
    case Kind::kList:
      for (auto it = node_->begin(); it != node_->end(); ++it)
        out.push_back(ConfigNode(std::make_unique<YAML::Node>(*it), file_, errors_));
      return out;
  }
  return out;
}

bool ConfigNode::CheckKeys(const std::vector<std::string_view>& allowed) const {
  // A scalar or a list where a map of settings belongs would otherwise pass
  // silently, every setting left at its default (`domains: x`).
  if (kind() == Kind::kScalar || kind() == Kind::kList) {
    Error("expected a map of settings, found " + KindName());
    return false;
  }
  if (!is_map()) return true;
  bool ok = true;
  for (auto it = node_->begin(); it != node_->end(); ++it) {
    std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    ok = false;
    std::string msg = "unknown key '" + key + "'";
    std::string_view near = ClosestMatch(key, allowed);
    if (!near.empty()) msg += " (did you mean '" + std::string(near) + "'?)";
    msg += "; expected one of:";
    for (std::string_view a : allowed) msg += " " + std::string(a);
    ConfigNode(std::make_unique<YAML::Node>(it->first), file_, errors_).Error(msg);
  }
  return ok;
}

ConfigNode ConfigNode::Require(std::string_view key) const {
  ConfigNode n = Get(key);
  if (n.missing()) Error("missing required key '" + std::string(key) + "'");
  return n;
}

bool ConfigNode::AsString(std::string* out) const {
  if (!is_scalar()) {
    Error("expected a string, found " + KindName());
    return false;
  }
  *out = node_->Scalar();
  return true;
}

bool ConfigNode::AsBool(bool* out) const {
  std::string text;
  return AsBool(&text, out);
}

bool ConfigNode::AsBool(std::string* out_text, bool* out) const {
  if (!is_scalar()) {
    Error("expected a boolean (true/false), found " + KindName());
    return false;
  }
  *out_text = node_->Scalar();
  std::string v = Lower(*out_text);
  if (v == "true" || v == "yes" || v == "on") {
    *out = true;
    return true;
  }
  if (v == "false" || v == "no" || v == "off") {
    *out = false;
    return true;
  }
  Error("expected a boolean (true/false), found " + KindName());
  return false;
}

bool ConfigNode::AsInt(int64_t* out) const {
  if (is_scalar()) {
    const std::string& s = node_->Scalar();
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (!s.empty() && end == s.c_str() + s.size() && errno == 0) {
      *out = v;
      return true;
    }
  }
  Error("expected an integer, found " + KindName());
  return false;
}

bool ConfigNode::AsDouble(double* out) const {
  if (is_scalar()) {
    const std::string& s = node_->Scalar();
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(v)) {
      *out = v;
      return true;
    }
  }
  Error("expected a number, found " + KindName());
  return false;
}

bool ConfigNode::AsStringList(std::vector<std::string>* out) const {
  if (is_map()) {
    Error("expected a list of strings, found a map");
    return false;
  }
  bool ok = true;
  out->clear();
  for (const ConfigNode& item : Items()) {
    std::string s;
    if (item.AsString(&s))
      out->push_back(std::move(s));
    else
      ok = false;
  }
  return ok;
}

bool ConfigNode::AsStringPairs(std::vector<std::pair<std::string, std::string>>* out) const {
  if (!is_map()) {
    Error("expected a map, found " + KindName());
    return false;
  }
  bool ok = true;
  for (auto& [key, value] : Entries()) {
    std::string v;
    if (value.kind() == Kind::kNull) {
      out->emplace_back(key, "");
    } else if (value.AsString(&v)) {
      out->emplace_back(key, v);
    } else {
      ok = false;
    }
  }
  return ok;
}

bool ConfigNode::Read(std::string_view key, std::string* out) const {
  ConfigNode n = Get(key);
  return n.missing() || n.AsString(out);
}
bool ConfigNode::Read(std::string_view key, bool* out) const {
  ConfigNode n = Get(key);
  return n.missing() || n.AsBool(out);
}
bool ConfigNode::Read(std::string_view key, int64_t* out) const {
  ConfigNode n = Get(key);
  return n.missing() || n.AsInt(out);
}
bool ConfigNode::Read(std::string_view key, double* out) const {
  ConfigNode n = Get(key);
  return n.missing() || n.AsDouble(out);
}
bool ConfigNode::Read(std::string_view key, std::vector<std::string>* out) const {
  ConfigNode n = Get(key);
  return n.missing() || n.AsStringList(out);
}

std::string ResolveConfigPath(const std::string& base_file, const std::string& path) {
  if (path.empty() || path[0] == '/' || path.rfind(kBuiltinPrefix, 0) == 0) return path;
  bool builtin = base_file.rfind(kBuiltinPrefix, 0) == 0;
  std::string base = builtin ? base_file.substr(kBuiltinPrefix.size()) : base_file;
  std::filesystem::path dir = std::filesystem::path(base).parent_path();
  std::string joined = (dir / path).lexically_normal().string();
  return builtin ? std::string(kBuiltinPrefix) + joined : joined;
}

}  // namespace recproc
