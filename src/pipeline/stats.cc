// RunStats: merging per-worker counts and printing them.
#include "pipeline/stats.h"

#include <nlohmann/json.hpp>

namespace recproc {

void RunStats::Merge(const RunStats& o) {
  inputs += o.inputs;
  input_errors += o.input_errors;
  lines += o.lines;
  blank_lines += o.blank_lines;
  messages += o.messages;
  mapped_messages += o.mapped_messages;
  records += o.records;
  failed_records += o.failed_records;
  invalid_utf8 += o.invalid_utf8;
  coercion_failures += o.coercion_failures;
  for (auto& [k, v] : o.failed_by_reason) failed_by_reason[k] += v;
  for (auto& [k, v] : o.parsers) parsers[k] += v;
  ip_lookups += o.ip_lookups;
  invalid_ips += o.invalid_ips;
  url_lookups += o.url_lookups;
  invalid_urls += o.invalid_urls;
  enrich_cache_hits += o.enrich_cache_hits;
  enrich_cache_misses += o.enrich_cache_misses;
  for (int i = 0; i < kStageCount; ++i) stage_ns[i] += o.stage_ns[i];
  timed_messages += o.timed_messages;
}

const char* RunStats::StageName(int stage) {
  static const char* const kNames[] = {"parse", "map", "normalize", "enrich", "lists", "emit"};
  return stage >= 0 && stage < kStageCount ? kNames[stage] : "";
}

std::string RunStats::ToText() const {
  std::string s;
  auto line = [&s](const std::string& name, uint64_t v) { s += "  " + name + ": " + std::to_string(v) + "\n"; };
  s += "recproc stats:\n";
  line("inputs", inputs);
  if (input_errors) line("input errors", input_errors);
  line("lines in", messages);
  if (blank_lines) line("blank lines skipped", blank_lines);
  line("mapped messages", mapped_messages);
  line("records out", records);
  line("failed records", failed_records);
  for (auto& [k, v] : failed_by_reason) line("  failed: " + k, v);
  if (invalid_utf8) line("invalid UTF-8 sequences replaced", invalid_utf8);
  if (coercion_failures) line("values dropped by type coercion", coercion_failures);
  for (auto& [k, v] : parsers) line("parser " + k, v);
  if (ip_lookups) line("IP enrichments", ip_lookups);
  if (invalid_ips) line("invalid IP values (not enriched)", invalid_ips);
  if (url_lookups) line("URL/domain enrichments", url_lookups);
  if (invalid_urls) line("URL/domain values without a host (not enriched)", invalid_urls);
  if (enrich_cache_hits + enrich_cache_misses) {
    uint64_t pct = enrich_cache_hits * 100 / (enrich_cache_hits + enrich_cache_misses);
    s += "  enrichment cache hit rate: " + std::to_string(pct) + "%\n";
  }
  uint64_t total_ns = 0;
  for (uint64_t ns : stage_ns) total_ns += ns;
  if (total_ns > 0) {
    s += "  stage time share (" + std::to_string(timed_messages) + " sampled messages):";
    for (int i = 0; i < kStageCount; ++i)
      s += std::string(i ? ", " : " ") + StageName(i) + " " + std::to_string((stage_ns[i] * 1000 / total_ns + 5) / 10) + "%";
    s += "\n";
  }
  s += std::string("  accounting: ") + (mapped_messages + failed_records == messages ? "ok" : "MISMATCH") +
       " (lines in = mapped messages + failed records)\n";
  return s;
}

std::string RunStats::ToJson() const {
  nlohmann::ordered_json j;
  j["inputs"] = inputs;
  j["input_errors"] = input_errors;
  j["lines_in"] = messages;
  j["blank_lines"] = blank_lines;
  j["mapped_messages"] = mapped_messages;
  j["records_out"] = records;
  j["failed_records"] = failed_records;
  j["failed_by_reason"] = failed_by_reason;
  j["invalid_utf8"] = invalid_utf8;
  j["coercion_failures"] = coercion_failures;
  j["parsers"] = parsers;
  j["ip_lookups"] = ip_lookups;
  j["invalid_ips"] = invalid_ips;
  j["url_lookups"] = url_lookups;
  j["invalid_urls"] = invalid_urls;
  j["enrich_cache_hits"] = enrich_cache_hits;
  j["enrich_cache_misses"] = enrich_cache_misses;
  uint64_t total_ns = 0;
  for (uint64_t ns : stage_ns) total_ns += ns;
  nlohmann::ordered_json share = nlohmann::ordered_json::object();
  for (int i = 0; i < kStageCount; ++i)
    share[StageName(i)] = total_ns == 0 ? 0.0 : static_cast<double>(stage_ns[i] * 1000 / total_ns) / 1000.0;
  j["stage_time_share"] = share;
  j["stage_timed_messages"] = timed_messages;
  return j.dump();
}

}  // namespace recproc
