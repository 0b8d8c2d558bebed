// `list_feed`: parse the whole snapshot into key -> row, diff the key set
// against the previous snapshot's sidecar, emit the differences. A file whose
// digest equals the cursor's is not parsed at all.
#include "daemon/sources/list_feed_source.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "io/atomic_file.h"
#include "util/ascii_space.h"
#include "util/sha256.h"

namespace recproc {
namespace {

using nlohmann::json;

// Splits a CSV line on commas outside double quotes; quotes are removed.
std::vector<std::string> SplitCsv(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
        out.back().push_back('"');
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else if (c != '\r') {
      out.back().push_back(c);
    }
  }
  for (std::string& f : out) f = std::string(TrimAsciiSpace(f));
  return out;
}

class ListFeedSource : public DaemonSource {
 public:
  ListFeedSource(std::string path, ListFeedFormat format) : path_(std::move(path)), format_(std::move(format)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    std::string text;
    if (Status s = ReadWholeFile(path_, &text); !s.ok()) return Status::IoError(path_ + ": " + s.message());
    out->pages = 1;
    out->bytes = static_cast<int64_t>(text.size());
    std::string digest = Sha256Hex(text);
    std::string old_snapshot;
    if (ctx.cursor != nullptr && ctx.cursor->is_object()) {
      if (ctx.cursor->value("sha256", "") == digest) {
        out->cursor = *ctx.cursor;
        return Status::Ok();
      }
      old_snapshot = ctx.cursor->value("snapshot", "");
    }
    std::map<std::string, json> rows;
    if (Status s = ParseListFeedSnapshot(text, format_, path_, &rows); !s.ok()) return s;
    std::set<std::string> previous;
    if (!old_snapshot.empty()) {
      std::string old_text;
      if (Status s = ReadWholeFile(ctx.state_dir + "/" + old_snapshot, &old_text); !s.ok())
        return Status::Corruption("list_feed snapshot " + old_snapshot + " is missing; run 'daemon reset'");
      std::istringstream in(old_text);
      for (std::string line; std::getline(in, line);) previous.insert(line);
    }
    for (auto& [key, row] : rows)
      if (previous.count(key) == 0) out->items.push_back(std::move(row));
    for (const std::string& key : previous)
      if (rows.count(key) == 0) out->items.push_back(json{{"change", "removed"}, {"key", key}});
    std::string snapshot = std::string(ctx.daemon_name) + ".snapshot." + digest.substr(0, 16);
    if (!ctx.dry_run) {
      std::string keys;
      for (const auto& [key, row] : rows) keys += key + "\n";
      if (Status s = WriteFileAtomically(ctx.state_dir + "/" + snapshot, keys); !s.ok()) return s;
      RemoveStaleSnapshots(ctx, old_snapshot, snapshot);
    }
    out->cursor = json{{"sha256", digest}, {"snapshot", snapshot}};
    return Status::Ok();
  }

 private:
  // Snapshots other than the committed one and the new one are leftovers of
  // cycles that crashed or were superseded.
  void RemoveStaleSnapshots(const FetchContext& ctx, const std::string& committed, const std::string& fresh) const {
    std::string prefix = std::string(ctx.daemon_name) + ".snapshot.";
    DIR* dir = opendir(ctx.state_dir.c_str());
    if (dir == nullptr) return;
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      if (name.rfind(prefix, 0) == 0 && name != committed && name != fresh && name.find(".tmp") == std::string::npos)
        unlink((ctx.state_dir + "/" + name).c_str());
    }
    closedir(dir);
  }

  std::string path_;
  ListFeedFormat format_;
};

}  // namespace

Status ParseListFeedSnapshot(const std::string& text, const ListFeedFormat& f, const std::string& path,
                             std::map<std::string, nlohmann::json>* rows) {
  std::vector<std::string> names = f.columns;
  std::istringstream in(text);
  size_t line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    std::string_view view = TrimAsciiSpace(line);
    if (view.empty()) continue;
    if (!f.comment.empty() && view.substr(0, f.comment.size()) == f.comment) {
      std::string_view body = TrimAsciiSpace(view.substr(f.comment.size()));
      if (f.format == "csv" && f.columns.empty() && body.find(',') != std::string_view::npos &&
          body.find(' ') == std::string_view::npos)
        names = SplitCsv(body);
      continue;
    }
    // Without configured columns or a commented header, the first row of a
    // CSV snapshot is its header (abuse.ch's quoted "first_seen_utc",... row).
    if (f.format == "csv" && names.empty()) {
      names = SplitCsv(view);
      continue;
    }
    json row = json{{"change", "added"}};
    std::string key;
    if (f.format == "text") {
      key = std::string(TrimAsciiSpace(view.substr(0, view.find(';'))));
      size_t semi = view.find(';');
      if (semi != std::string_view::npos) row["comment"] = std::string(TrimAsciiSpace(view.substr(semi + 1)));
    } else if (f.format == "ndjson") {
      json obj = json::parse(view, nullptr, false);
      if (obj.is_discarded() || !obj.is_object())
        return Status::Corruption(path + ":" + std::to_string(line_no) + ": not a JSON object");
      std::string field = f.key.empty() ? "" : f.key;
      if (field.empty() || !obj.contains(field)) continue;
      key = obj[field].is_string() ? obj[field].get<std::string>() : obj[field].dump();
      row.update(obj);
    } else {
      std::vector<std::string> fields = SplitCsv(view);
      for (size_t i = 0; i < fields.size(); ++i)
        row[i < names.size() ? names[i] : "column" + std::to_string(i + 1)] = fields[i];
      if (f.key.empty()) {
        key = fields[0];
      } else {
        auto it = std::find(names.begin(), names.end(), f.key);
        if (it == names.end())
          return Status::InvalidArgument(path + ": key column '" + f.key + "' is not among the header columns");
        size_t index = static_cast<size_t>(it - names.begin());
        if (index >= fields.size()) continue;
        key = fields[index];
      }
    }
    if (key.empty()) continue;
    row["key"] = key;
    (*rows)[key] = std::move(row);
  }
  return Status::Ok();
}

std::unique_ptr<DaemonSource> CreateListFeedSource(const SourceSetup& setup) {
  if (!setup.params_node.CheckKeys({"path", "format", "comment_prefix", "key", "columns"})) return nullptr;
  const json& p = setup.params;
  auto str = [&](const char* key, std::string fallback) {
    return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : fallback;
  };
  std::string path = str("path", "");
  if (path.empty()) {
    setup.params_node.Error("type 'list_feed' needs params.path");
    return nullptr;
  }
  if (path[0] != '/') path = setup.config_dir + "/" + path;
  std::string format = str("format", "csv");
  if (format != "csv" && format != "text" && format != "ndjson") {
    setup.params_node.Get("format").Error("unknown format '" + format + "'; expected csv, text or ndjson");
    return nullptr;
  }
  std::string key = str("key", "");
  if (format == "ndjson" && key.empty()) {
    setup.params_node.Error("format 'ndjson' needs params.key (the field that identifies an entry)");
    return nullptr;
  }
  std::vector<std::string> columns;
  if (p.contains("columns"))
    for (const json& c : p["columns"])
      if (c.is_string()) columns.push_back(c.get<std::string>());
  return std::make_unique<ListFeedSource>(
      path, ListFeedFormat{format, str("comment_prefix", "#"), key, std::move(columns)});
}

}  // namespace recproc
