// RankList: parses the whole file once into views (no per-line allocation
// unless a domain needs lower-casing or punycode), sorts, and collapses
// duplicates to their best rank.
#include "enrich/rank_list.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "enrich/host_name.h"

namespace recproc {

Status RankList::Load(const std::string& path, std::unique_ptr<RankList>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read rank list");
  std::stringstream buf;
  buf << in.rdbuf();
  return FromText(buf.str(), path, out);
}

Status RankList::FromText(std::string_view text, std::string_view source_name,
                          std::unique_ptr<RankList>* out) {
  std::unique_ptr<RankList> list(new RankList());
  list->text_.assign(text);
  list->fingerprint_ = FingerprintBytes(source_name, text);
  std::string_view all = list->text_;
  std::string errors;
  int error_count = 0;
  auto error = [&](size_t line, const std::string& msg) {
    if (++error_count > 20) return;
    if (!errors.empty()) errors += '\n';
    errors += std::string(source_name) + ":" + std::to_string(line) + ": " + msg;
  };
  size_t pos = 0, line_no = 0;
  while (pos < all.size()) {
    size_t nl = all.find('\n', pos);
    std::string_view line = all.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? all.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t comma = line.find(',');
    if (comma == std::string_view::npos) {
      error(line_no, "expected rank,domain, found \"" + std::string(line.substr(0, 80)) + "\"");
      continue;
    }
    std::string_view rank_text = line.substr(0, comma);
    uint64_t rank = 0;
    bool ok = !rank_text.empty() && rank_text.size() <= 9;
    for (char c : rank_text) {
      if (c < '0' || c > '9') ok = false;
      rank = rank * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!ok || rank == 0) {
      error(line_no,
            "rank must be a positive integer, found \"" + std::string(rank_text.substr(0, 40)) + "\"");
      continue;
    }
    NormalizedHost host;
    if (!NormalizeHostName(line.substr(comma + 1), &list->arena_, &host)) {
      error(line_no, "not a domain name: \"" + std::string(line.substr(comma + 1, 80)) + "\"");
      continue;
    }
    list->entries_.emplace_back(host.name, static_cast<uint32_t>(rank));
  }
  if (error_count > 20)
    errors += "\n" + std::string(source_name) + ": " + std::to_string(error_count - 20) + " more errors";
  if (!errors.empty()) return Status::InvalidArgument(errors);
  auto& e = list->entries_;
  std::sort(e.begin(), e.end());
  // After sorting by (domain, rank) the first of each run is the best rank.
  e.erase(std::unique(e.begin(), e.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
          e.end());
  e.shrink_to_fit();
  *out = std::move(list);
  return Status::Ok();
}

std::optional<int64_t> RankList::Find(std::string_view domain) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), domain,
                             [](const auto& entry, std::string_view d) { return entry.first < d; });
  if (it == entries_.end() || it->first != domain) return std::nullopt;
  return it->second;
}

}  // namespace recproc
