// The registry of daemon types: a short list of (type name, factory) pairs
// filled once from RegisterBuiltinDaemonSources(). A linear search is fine for
// a dozen types looked up once per process.
#include "daemon/daemon_source.h"

#include <algorithm>

namespace recproc {

DaemonSourceRegistry& DaemonSourceRegistry::Global() {
  static DaemonSourceRegistry* registry = [] {
    auto* r = new DaemonSourceRegistry;
    RegisterBuiltinDaemonSources(r);
    return r;
  }();
  return *registry;
}

bool DaemonSourceRegistry::Register(std::string type, DaemonSourceFactory factory) {
  if (Find(type) != nullptr) return false;
  entries_.emplace_back(std::move(type), std::move(factory));
  return true;
}

const DaemonSourceFactory* DaemonSourceRegistry::Find(std::string_view type) const {
  for (const auto& [name, factory] : entries_)
    if (name == type) return &factory;
  return nullptr;
}

std::vector<std::string> DaemonSourceRegistry::Types() const {
  std::vector<std::string> names;
  for (const auto& entry : entries_) names.push_back(entry.first);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace recproc
