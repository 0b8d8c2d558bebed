// RunStats: counts of one run. They always add up:
//   messages = records_for_mapped_messages' messages + failed_records
// i.e. every non-blank input line is either mapped (giving >= 1 record) or
// failed (giving exactly one FailedRecord).
#ifndef RECPROC_PIPELINE_STATS_H_
#define RECPROC_PIPELINE_STATS_H_

#include <cstdint>
#include <map>
#include <string>

namespace recproc {

struct RunStats {
  uint64_t inputs = 0;            // files (or stdin) read
  uint64_t input_errors = 0;      // inputs that could not be opened or read to the end
  uint64_t lines = 0;             // lines read, blank ones included
  uint64_t blank_lines = 0;       // empty or whitespace-only lines, skipped
  uint64_t messages = 0;          // lines - blank_lines
  uint64_t mapped_messages = 0;   // messages that gave records
  uint64_t records = 0;           // records written (a message may give several)
  uint64_t failed_records = 0;    // one per failed message
  uint64_t invalid_utf8 = 0;      // byte sequences replaced by U+FFFD in output
  uint64_t coercion_failures = 0; // mapped values dropped: wrong type for the schema
  std::map<std::string, uint64_t> failed_by_reason;  // reason category -> count
  std::map<std::string, uint64_t> parsers;           // parser name -> messages parsed
  // Enrichment lookups (stage 4).
  uint64_t ip_lookups = 0;
  uint64_t invalid_ips = 0;     // IP attributes that are not an address: left unenriched
  uint64_t url_lookups = 0;     // URL and domain attributes
  uint64_t invalid_urls = 0;    // no host found: left unenriched
  uint64_t enrich_cache_hits = 0;
  uint64_t enrich_cache_misses = 0;

  void Merge(const RunStats& o);
  // Human-readable summary (what --stats prints).
  std::string ToText() const;
  std::string ToJson() const;
};

}  // namespace recproc

#endif  // RECPROC_PIPELINE_STATS_H_
