// Threat list merge: read the current NDJSON list, drop every entry whose id
// the batch names, append the batch, write the result and its provenance
// sidecar atomically. Entries are kept sorted by (id, indicator) so the file
// is stable across runs and diffs well.
#include "daemon/sources/threat_list_writer.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "daemon/net/http_client.h"
#include "daemon/state.h"
#include "io/atomic_file.h"
#include "lists/stix_loader.h"

namespace recproc {

using nlohmann::json;

Status UpdateThreatList(const std::string& path, const ThreatListBatch& batch,
                        const ThreatListProvenance& provenance, ThreatListCounts* counts) {
  *counts = ThreatListCounts{};
  std::string text;
  Status read = ReadWholeFile(path, &text);
  bool exists = read.ok();
  if (!read.ok() && read.code() != Status::Code::kNotFound) return read;
  if (exists && batch.upserts.empty() && batch.removed_ids.empty()) {
    // Count what is there so the caller can report it.
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) counts->total += !line.empty();
    return Status::Ok();
  }
  std::set<std::string> touched(batch.removed_ids.begin(), batch.removed_ids.end());
  for (const ThreatIndicator& t : batch.upserts) touched.insert(t.id);
  std::map<std::pair<std::string, std::string>, json> entries;
  std::istringstream in(text);
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.empty()) continue;
    json obj = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (obj.is_discarded() || !obj.is_object())
      return Status::Corruption(path + ":" + std::to_string(line_no) +
                                ": not an indicator object; not overwriting it");
    std::string id = JsonText(obj, "id");
    if (touched.count(id) != 0) {
      ++counts->removed;
      continue;
    }
    std::pair<std::string, std::string> key{id, JsonText(obj, "indicator")};
    entries[key] = std::move(obj);
  }
  std::string fetched_at = FormatTimeMs(provenance.fetched_ms);
  for (const ThreatIndicator& t : batch.upserts) {
    json obj = {{"id", t.id},
                {"indicator", t.indicator},
                {"type", t.type},
                {"source", t.source},
                {"validFrom", t.valid_from},
                {"validUntil", t.valid_until},
                {"confidence", t.confidence},
                {"threatType", t.threat_type},
                {"feed", provenance.feed},
                {"fetchedAt", fetched_at}};
    if (entries.emplace(std::make_pair(t.id, t.indicator), std::move(obj)).second) ++counts->upserted;
  }
  std::string out;
  for (const auto& [key, obj] : entries) out += obj.dump() + "\n";
  counts->total = static_cast<int64_t>(entries.size());
  if (Status s = WriteFileAtomically(path, out, 0644); !s.ok()) return s;
  json meta = {{"feed", provenance.feed},
               {"fetched_at", fetched_at},
               {"total", counts->total},
               {"upserted", counts->upserted},
               {"removed", counts->removed}};
  return WriteFileAtomically(path + ".meta.json", meta.dump(2) + "\n", 0644);
}

namespace {

std::string Str(const json& obj, const char* key) {
  if (!obj.contains(key)) return "";
  const json& v = obj[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}

// MISP attribute type -> the STIX path the indicator loader maps to a column.
std::string StixTypeForMisp(const std::string& type, const std::string& value) {
  if (type == "ip-src" || type == "ip-dst" || type == "ip")
    return value.find(':') != std::string::npos ? "ipv6-addr:value" : "ipv4-addr:value";
  if (type == "domain" || type == "hostname") return "domain-name:value";
  if (type == "url" || type == "uri") return "url:value";
  if (type == "email-src" || type == "email-dst" || type == "email") return "email-addr:value";
  if (type == "md5") return "file:hashes.MD5";
  if (type == "sha1") return "file:hashes.'SHA-1'";
  if (type == "sha256") return "file:hashes.'SHA-256'";
  if (type == "sha512") return "file:hashes.'SHA-512'";
  return "";
}

}  // namespace

bool StixIndicatorToThreats(const json& indicator, const std::string& source,
                            std::vector<ThreatIndicator>* out) {
  std::vector<StixComparison> comparisons;
  if (!ParseStixPattern(Str(indicator, "pattern"), &comparisons)) return false;
  std::string threat_type;
  if (indicator.contains("indicator_types") && indicator["indicator_types"].is_array() &&
      !indicator["indicator_types"].empty() && indicator["indicator_types"][0].is_string())
    threat_type = indicator["indicator_types"][0].get<std::string>();
  for (const StixComparison& c : comparisons)
    out->push_back({Str(indicator, "id"), c.value, c.path, source, Str(indicator, "valid_from"),
                    Str(indicator, "valid_until"), Str(indicator, "confidence"), threat_type});
  return true;
}

bool MispAttributeToThreats(const json& attribute, const std::string& source, const std::string& event_info,
                            std::vector<ThreatIndicator>* out) {
  std::string type = Str(attribute, "type"), value = Str(attribute, "value");
  std::vector<std::pair<std::string, std::string>> parts;
  size_t bar_t = type.find('|'), bar_v = value.find('|');
  if (bar_t != std::string::npos && bar_v != std::string::npos) {
    parts.emplace_back(type.substr(0, bar_t), value.substr(0, bar_v));
    parts.emplace_back(type.substr(bar_t + 1), value.substr(bar_v + 1));
  } else {
    parts.emplace_back(type, value);
  }
  bool any = false;
  for (const auto& [t, v] : parts) {
    std::string stix = StixTypeForMisp(t, v);
    if (stix.empty() || v.empty()) continue;
    out->push_back(
        {Str(attribute, "uuid"), v, stix, source, Str(attribute, "first_seen"), "", "", event_info});
    any = true;
  }
  return any;
}

bool ParseThreatListParam(const SourceSetup& setup, std::string* path, std::string* source) {
  *source = setup.daemon_name;
  if (!setup.params.contains("threat_list")) return true;
  ConfigNode node = setup.params_node.Get("threat_list");
  const json& t = setup.params["threat_list"];
  if (!t.is_object() || !node.CheckKeys({"path", "source"}) || !t.contains("path") ||
      !t["path"].is_string() || t["path"].get<std::string>().empty()) {
    node.Error("threat_list must be a map {path: FILE, source: NAME}");
    return false;
  }
  *path = t["path"].get<std::string>();
  // A relative path stays below the daemon's directory: no ".." component.
  if ((*path)[0] != '/' && ("/" + *path + "/").find("/../") != std::string::npos) {
    node.Get("path").Error("threat_list.path '" + *path +
                           "' leaves the daemon's directory; use an absolute path to write elsewhere");
    return false;
  }
  if ((*path)[0] != '/') *path = setup.config_dir + "/" + *path;
  if (t.contains("source") && t["source"].is_string()) *source = t["source"].get<std::string>();
  return true;
}

}  // namespace recproc
