// RunStats: counts of one run. They always add up:
//   messages = records_for_mapped_messages' messages + failed_records
// i.e. every non-blank input line is either mapped (giving >= 1 record) or
// failed (giving exactly one FailedRecord).
#ifndef RECPROC_PIPELINE_STATS_H_
#define RECPROC_PIPELINE_STATS_H_

#include <chrono>
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
  // Time per stage, summed over sampled messages (see StageTimer).
  enum Stage { kParse, kMap, kNormalize, kEnrich, kLists, kEmit, kStageCount };
  static const char* StageName(int stage);
  uint64_t stage_ns[kStageCount] = {};
  uint64_t timed_messages = 0;

  void Merge(const RunStats& o);
  // Human-readable summary (what --stats prints).
  std::string ToText() const;
  std::string ToJson() const;
};

// Per-stage time, measured with a steady clock on one message in
// kSampleEvery: reading the clock around every stage of every message would
// cost more than the cheaper stages themselves, and a sample gives the share
// of each stage just as well. Lap() is a no-op on unsampled messages.
class StageTimer {
 public:
  static constexpr uint64_t kSampleEvery = 64;
  // Starts timing message number `n` (1-based) if it is a sampled one: the
  // first, the 65th, ... so that even a short run has a sample.
  StageTimer(RunStats* stats, uint64_t n) : stats_((n - 1) % kSampleEvery == 0 ? stats : nullptr) {
    if (stats_ != nullptr) {
      ++stats_->timed_messages;
      last_ = std::chrono::steady_clock::now();
    }
  }
  // Charges the time since the previous lap to `stage`.
  void Lap(RunStats::Stage stage) {
    if (stats_ == nullptr) return;
    auto now = std::chrono::steady_clock::now();
    stats_->stage_ns[stage] += static_cast<uint64_t>(std::chrono::nanoseconds(now - last_).count());
    last_ = now;
  }

 private:
  RunStats* stats_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace recproc

#endif  // RECPROC_PIPELINE_STATS_H_
