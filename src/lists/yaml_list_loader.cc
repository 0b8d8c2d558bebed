// YAML list files: a list definition and its items in one document, read
// through ConfigNode so every error carries file:line:col.
#include "lists/yaml_list_loader.h"

#include "lists/expiry_time.h"

namespace recproc {

bool LoadYamlList(const ConfigNode& root, ListDef* def, ListItems* out, ConfigErrors* errors) {
  size_t before = errors->size();
  if (!root.is_map()) {
    root.Error("a list file must be a map with name, column and items");
    return false;
  }
  root.CheckKeys({"name", "kind", "column", "description", "default_ttl", "active", "items"});
  root.Require("name").AsString(&def->name);
  std::string kind;
  if (root.Read("kind", &kind) && !kind.empty() && !ParseListKind(kind, &def->kind))
    root.Get("kind").Error("unknown list kind '" + kind + "'; expected match, suppressed or threat");
  root.Read("column", &def->column);
  root.Read("description", &def->description);
  if (root.Read("default_ttl", &def->default_ttl_seconds) && def->default_ttl_seconds < 0)
    root.Get("default_ttl").Error("default_ttl must not be negative");
  root.Read("active", &def->active);
  for (const ConfigNode& node : root.Get("items").Items()) {
    ListItem item;
    item.line = static_cast<uint32_t>(node.position().line);
    std::string value, description, expires;
    if (node.is_map()) {
      node.CheckKeys({"value", "description", "expires", "active"});
      node.Require("value").AsString(&value);
      node.Read("description", &description);
      node.Read("active", &item.active);
      if (node.Read("expires", &expires) && !expires.empty() &&
          !ParseExpiryTime(expires, &item.expiration_ms))
        node.Get("expires").Error("'" + expires + "' is not an ISO 8601 time");
    } else if (!node.AsString(&value)) {
      continue;
    }
    if (value.empty()) {
      node.Error("empty value");
      continue;
    }
    item.value = out->text.Add(value);
    item.description = out->text.Add(description);
    out->items.push_back(item);
  }
  return errors->size() == before;
}

}  // namespace recproc
