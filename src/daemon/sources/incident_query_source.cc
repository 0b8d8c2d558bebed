// `incident_query`: load the incidents once per cycle and compute the kind's
// items in memory; an incident store is small next to a log stream, and the
// averages are clearer in C++ than in SQL that must run on two dialects.
#include "daemon/sources/incident_query_source.h"

#include <cstdlib>
#include <map>
#include <set>

#include "daemon/schedule.h"
#include "daemon/state.h"
#include "incident/incident_store.h"
#include "io/atomic_file.h"

namespace recproc {
namespace {

using nlohmann::json;

constexpr double kHourMs = 3600.0 * 1000.0;

json Average(double sum, int64_t n) { return n == 0 ? json(nullptr) : json(sum / static_cast<double>(n)); }

std::string Stamp(int64_t ms) {
  std::string t = FormatTimeMs(ms);  // 2026-01-01T00:00:00.000Z -> 20260101T000000Z
  std::string out;
  for (char c : t.substr(0, 19))
    if (c != '-' && c != ':') out.push_back(c);
  return out + "Z";
}

std::string Markdown(const json& r) {
  auto num = [](const json& v) {
    if (v.is_null()) return std::string("n/a");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v.get<double>());
    return std::string(buf);
  };
  std::string md = "# Incident report\n\nWindow: " + r["window_start"].get<std::string>() + " to " +
                   r["window_end"].get<std::string>() + "\n\n| metric | value |\n|---|---|\n";
  md += "| incidents closed | " + std::to_string(r["closed_count"].get<int64_t>()) + " |\n";
  md += "| average lifespan (hours) | " + num(r["avg_lifespan_hours"]) + " |\n";
  md += "| average investigators | " + num(r["avg_investigators"]) + " |\n";
  if (!r["avg_phase_hours"].empty()) {
    md += "\n| phase | average duration (hours) |\n|---|---|\n";
    for (const auto& [name, hours] : r["avg_phase_hours"].items())
      md += "| " + name + " | " + num(hours) + " |\n";
  }
  return md;
}

class IncidentQuerySource : public DaemonSource {
 public:
  IncidentQuerySource(std::string store, std::string kind, int64_t stale_ms, int64_t window_ms,
                      std::string dir)
      : store_(std::move(store)),
        kind_(std::move(kind)),
        stale_ms_(stale_ms),
        window_ms_(window_ms),
        dir_(std::move(dir)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    std::unique_ptr<IncidentStore> store;
    if (Status s = IncidentStore::Open(store_, &store); !s.ok()) return s;
    std::vector<Incident> incidents;
    if (Status s = store->List("", &incidents); !s.ok()) return s;
    out->pages = 1;
    if (kind_ == "stale") return Stale(ctx, incidents, out);
    if (kind_ == "report") return Report(ctx, incidents, out);
    return Reopened(ctx, incidents, out);
  }

 private:
  Status Stale(const FetchContext& ctx, const std::vector<Incident>& incidents, FetchResult* out) const {
    std::set<std::string> notified;
    if (ctx.cursor != nullptr && ctx.cursor->is_object() && ctx.cursor->contains("notified"))
      for (const json& k : (*ctx.cursor)["notified"])
        if (k.is_string()) notified.insert(k.get<std::string>());
    json still = json::array();
    for (const Incident& i : incidents) {
      if (i.status != "open" || !i.assignee.empty() || ctx.now_ms - i.StatusSinceMs() < stale_ms_) continue;
      std::string key = std::to_string(i.id) + "@" + FormatTimeMs(i.StatusSinceMs());
      still.push_back(key);
      if (notified.count(key) != 0) continue;
      json item = IncidentToJson(i);
      item["kind"] = "stale";
      item["dedup_key"] = key;
      item["open_since"] = FormatTimeMs(i.StatusSinceMs());
      item["hours_untaken"] = static_cast<double>(ctx.now_ms - i.StatusSinceMs()) / kHourMs;
      out->items.push_back(std::move(item));
    }
    out->cursor = json{{"notified", still}};
    return Status::Ok();
  }

  Status Report(const FetchContext& ctx, const std::vector<Incident>& incidents, FetchResult* out) const {
    int64_t end = ctx.now_ms, start = ctx.now_ms - window_ms_;
    int64_t count = 0, investigators = 0;
    double lifespan = 0;
    std::map<std::string, std::pair<double, int64_t>> phases;  // name -> (sum ms, count)
    json ids = json::array();
    for (const Incident& i : incidents) {
      if (i.status != "closed" || !i.closed_ms || *i.closed_ms < start || *i.closed_ms >= end) continue;
      ++count;
      ids.push_back(i.id);
      lifespan += static_cast<double>(*i.closed_ms - i.created_ms);
      investigators += static_cast<int64_t>(i.investigators.size());
      for (const IncidentPhase& p : i.phases) {
        auto& [sum, n] = phases[p.name];
        sum += static_cast<double>(p.ended_ms.value_or(*i.closed_ms) - p.started_ms);
        ++n;
      }
    }
    json phase_hours = json::object();
    for (const auto& [name, sn] : phases)
      phase_hours[name] = sn.first / static_cast<double>(sn.second) / kHourMs;
    json lifespan_hours = Average(lifespan / kHourMs, count);
    json report = {{"kind", "report"},
                   {"window_start", FormatTimeMs(start)},
                   {"window_end", FormatTimeMs(end)},
                   {"closed_count", count},
                   {"incident_ids", ids},
                   {"avg_lifespan_hours", lifespan_hours},
                   {"avg_phase_hours", phase_hours},
                   {"avg_investigators", Average(static_cast<double>(investigators), count)}};
    std::string markdown = Markdown(report);
    if (!dir_.empty() && !ctx.dry_run) {
      std::string base = dir_ + "/" + std::string(ctx.daemon_name) + "-" + Stamp(end);
      if (Status s = WriteFileAtomically(base + ".json", report.dump(2) + "\n", 0644); !s.ok()) return s;
      if (Status s = WriteFileAtomically(base + ".md", markdown, 0644); !s.ok()) return s;
      report["files"] = {base + ".json", base + ".md"};
    }
    // The item carries the Markdown too, so a notify.email rule with
    // `body: "{markdown}"` mails the report without a directory.
    report["markdown"] = std::move(markdown);
    out->items.push_back(std::move(report));
    out->cursor = json(FormatTimeMs(end));
    return Status::Ok();
  }

  Status Reopened(const FetchContext& ctx, const std::vector<Incident>& incidents, FetchResult* out) const {
    int64_t start = ctx.now_ms - window_ms_, end = ctx.window_end_ms;
    if (ctx.cursor != nullptr && ctx.cursor->is_string()) ParseTimeMs(ctx.cursor->get<std::string>(), &start);
    for (const Incident& i : incidents) {
      int64_t closed_at = 0;
      for (const StatusChange& c : i.history) {
        if (c.to == "closed") closed_at = c.at_ms;
        if (c.from != "closed" || c.to == "closed" || c.at_ms < start || c.at_ms >= end) continue;
        json item = IncidentToJson(i);
        item["kind"] = "reopened";
        item["closed_at"] = FormatTimeMs(closed_at);
        item["reopened_at"] = FormatTimeMs(c.at_ms);
        item["reopened_to"] = c.to;
        out->items.push_back(std::move(item));
      }
    }
    out->cursor = json(FormatTimeMs(std::max(start, end)));
    return Status::Ok();
  }

  std::string store_, kind_;
  int64_t stale_ms_, window_ms_;
  std::string dir_;
};

}  // namespace

std::unique_ptr<DaemonSource> CreateIncidentQuerySource(const SourceSetup& setup) {
  const ConfigNode& node = setup.params_node;
  if (!node.CheckKeys({"store", "kind", "hours", "window", "directory"})) return nullptr;
  const json& p = setup.params;
  auto str = [&](const char* key) {
    return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : "";
  };
  auto local = [&](std::string path) {
    bool url = path.find("://") != std::string::npos;
    return path.empty() || url || path[0] == '/' ? path : setup.config_dir + "/" + path;
  };
  bool ok = true;
  std::string store = local(str("store"));
  if (store.empty())
    node.Error("type 'incident_query' needs params.store (the incident database)"), ok = false;
  std::string kind = str("kind");
  if (kind != "stale" && kind != "report" && kind != "reopened") {
    (p.contains("kind") ? node.Get("kind") : node).Error("params.kind must be stale, report or reopened");
    ok = false;
  }
  int64_t stale_ms = 24 * 3600 * 1000LL;
  if (p.contains("hours")) {  // params arrive as strings (YAML scalars are untyped)
    std::string text = str("hours");
    char* end = nullptr;
    double hours = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(hours > 0))
      node.Get("hours").Error("params.hours must be a positive number"), ok = false;
    else
      stale_ms = static_cast<int64_t>(hours * kHourMs);
  }
  int64_t window_ms = 24 * 3600 * 1000LL;
  if (p.contains("window")) {
    if (Status s = ParseDuration(str("window"), &window_ms); !s.ok() || window_ms <= 0)
      node.Get("window").Error("params.window must be a duration such as 24h or 7d"), ok = false;
  }
  if (!ok) return nullptr;
  return std::make_unique<IncidentQuerySource>(store, kind, stale_ms, window_ms, local(str("directory")));
}

}  // namespace recproc
