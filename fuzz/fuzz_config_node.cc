// Fuzz target: YAML through ConfigNode (yaml-cpp's exceptions must stay in
// the adapter), walking the whole tree with every typed read. Aliases are
// shared nodes in yaml-cpp, so the walk is bounded by a node budget: a
// billion-laughs document must not turn into an exponential walk here.
#include <string>
#include <string_view>

#include "config/config_node.h"

namespace {

void Walk(const recproc::ConfigNode& node, int depth, int* budget) {
  if (depth > 64 || --*budget < 0) return;
  std::string s;
  int64_t i;
  double d;
  bool b;
  std::vector<std::string> list;
  std::vector<std::pair<std::string, std::string>> pairs;
  switch (node.kind()) {
    case recproc::ConfigNode::Kind::kScalar:
      node.AsString(&s);
      node.AsInt(&i);
      node.AsDouble(&d);
      node.AsBool(&b);
      break;
    case recproc::ConfigNode::Kind::kList:
      node.AsStringList(&list);
      for (const recproc::ConfigNode& item : node.Items()) Walk(item, depth + 1, budget);
      break;
    case recproc::ConfigNode::Kind::kMap:
      node.AsStringPairs(&pairs);
      node.CheckKeys({"input", "output", "field_mappings"});
      for (const auto& [key, value] : node.Entries()) Walk(value, depth + 1, budget);
      break;
    default:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  recproc::ConfigErrors errors;
  recproc::ConfigNode root =
      recproc::ConfigNode::Parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml", &errors);
  int budget = 10000;
  Walk(root, 0, &budget);
  volatile size_t sink = errors.ToString().size();
  (void)sink;
  return 0;
}
