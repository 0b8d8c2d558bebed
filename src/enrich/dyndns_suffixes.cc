// DynDnsSuffixes: a hash set of provider domains, probed once per label
// boundary of the host (a handful of probes for a typical name).
#include "enrich/dyndns_suffixes.h"

#include <fstream>
#include <sstream>

#include "config/builtin_files.h"
#include "enrich/host_name.h"
#include "util/arena.h"

namespace recproc {

namespace {
constexpr std::string_view kBuiltinPath = "content/default/dyndns_suffixes.txt";
}  // namespace

Status DynDnsSuffixes::FromText(std::string_view text, std::string_view source_name,
                                std::unique_ptr<DynDnsSuffixes>* out) {
  std::unique_ptr<DynDnsSuffixes> list(new DynDnsSuffixes());
  list->fingerprint_ = FingerprintBytes(source_name, text);
  // Normalized entries are collected first, then stored in one string, so
  // the set's views never move.
  std::string normalized;
  std::vector<std::pair<size_t, size_t>> spans;
  std::string errors;
  Arena arena;
  size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty()) continue;
    NormalizedHost host;
    if (!NormalizeHostName(line, &arena, &host) || host.is_ip) {
      if (!errors.empty()) errors += '\n';
      errors += std::string(source_name) + ":" + std::to_string(line_no) + ": not a domain name: \"" +
                std::string(line) + "\"";
      continue;
    }
    spans.emplace_back(normalized.size(), host.name.size());
    normalized.append(host.name);
  }
  if (!errors.empty()) return Status::InvalidArgument(errors);
  list->text_ = std::move(normalized);
  for (auto [start, len] : spans) list->suffixes_.insert(std::string_view(list->text_).substr(start, len));
  *out = std::move(list);
  return Status::Ok();
}

Status DynDnsSuffixes::Load(const std::string& path, std::unique_ptr<DynDnsSuffixes>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read dynamic DNS suffix list");
  std::stringstream buf;
  buf << in.rdbuf();
  return FromText(buf.str(), path, out);
}

Status DynDnsSuffixes::Builtin(std::unique_ptr<DynDnsSuffixes>* out) {
  const std::string_view* data = FindBuiltinFile(kBuiltinPath);
  if (data == nullptr) return Status::NotFound("built-in " + std::string(kBuiltinPath) + " is missing");
  return FromText(*data, "builtin:" + std::string(kBuiltinPath), out);
}

bool DynDnsSuffixes::Matches(std::string_view host) const {
  while (!host.empty()) {
    if (suffixes_.count(host) != 0) return true;
    size_t dot = host.find('.');
    if (dot == std::string_view::npos) return false;
    host.remove_prefix(dot + 1);
  }
  return false;
}

}  // namespace recproc
