// RankList: domain popularity ranks from a `rank,domain` CSV without header
// (Tranco, Cisco Umbrella top-1m), giving `_rank`/`_alexaRank` (reference
// cloud-siem-pipeline.md §7 item 11).
//
// Thread-safety: immutable after loading; Find() is const and thread-safe.
#ifndef RECPROC_ENRICH_RANK_LIST_H_
#define RECPROC_ENRICH_RANK_LIST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "enrich/file_fingerprint.h"
#include "recproc/status.h"
#include "util/arena.h"

namespace recproc {

class RankList {
 public:
  // Reads rank,domain lines. Ranks are positive integers; domains are
  // normalized like hosts (lower case, punycode, no trailing dot); a domain
  // listed twice keeps its best rank. Blank lines are skipped. Errors name
  // file:line (the first 20 are reported).
  static Status Load(const std::string& path, std::unique_ptr<RankList>* out);
  static Status FromText(std::string_view text, std::string_view source_name, std::unique_ptr<RankList>* out);

  // Rank of exactly this normalized domain, if listed.
  std::optional<int64_t> Find(std::string_view domain) const;

  size_t size() const { return entries_.size(); }
  const FileFingerprint& fingerprint() const { return fingerprint_; }

 private:
  RankList() = default;
  // Sorted by domain: one array and binary search keep a 1M-line list near
  // its file size in memory, where a node-based map would triple it.
  std::vector<std::pair<std::string_view, uint32_t>> entries_;
  std::string text_;  // the file; entries_ views point here or into arena_
  Arena arena_;
  FileFingerprint fingerprint_;
};

}  // namespace recproc

#endif  // RECPROC_ENRICH_RANK_LIST_H_
