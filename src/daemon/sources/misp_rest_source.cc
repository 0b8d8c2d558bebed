// `misp_rest`: page through restSearch from the cursor's timestamp, keep what
// is really newer (or at T and not yet seen), sort, cut at the item limit.
#include "daemon/sources/misp_rest_source.h"

#include <algorithm>
#include <set>

#include "daemon/net/http_client.h"
#include "daemon/sources/misp_feed_source.h"
#include "daemon/state.h"

namespace recproc {
namespace {

using nlohmann::json;

class MispRestSource : public DaemonSource {
 public:
  MispRestSource(HttpClientOptions http, std::string url, std::string api_key, int64_t page_size,
                 std::vector<std::string> types, bool to_ids_only, bool published_only, std::string list_path,
                 std::string list_source)
      : client_(std::move(http)),
        url_(std::move(url)),
        api_key_(std::move(api_key)),
        page_size_(page_size),
        types_(std::move(types)),
        to_ids_only_(to_ids_only),
        published_only_(published_only),
        list_path_(std::move(list_path)),
        list_source_(std::move(list_source)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    int64_t from = 0;
    std::set<std::string> seen;
    if (ctx.cursor != nullptr && ctx.cursor->is_object()) {
      from = MispInt(ctx.cursor->value("timestamp", json()));
      if (ctx.cursor->contains("seen") && (*ctx.cursor)["seen"].is_array())
        for (const json& s : (*ctx.cursor)["seen"])
          if (s.is_string()) seen.insert(s.get<std::string>());
    } else if (ctx.initial_cursor != nullptr) {
      int64_t ms = 0;
      if (ctx.initial_cursor->is_string() && ParseTimeMs(ctx.initial_cursor->get<std::string>(), &ms))
        from = ms / 1000;
      else
        from = MispInt(*ctx.initial_cursor);
    }
    std::vector<MispRestAttribute> fresh;
    int64_t skipped_old = 0;
    for (int64_t page = 1;; ++page) {
      if (ctx.limits.max_pages > 0 && out->pages >= ctx.limits.max_pages) {
        out->partial = true;
        break;
      }
      json body = {{"returnFormat", "json"}, {"timestamp", from}, {"page", page}, {"limit", page_size_}};
      if (to_ids_only_) body["to_ids"] = 1;
      if (published_only_) body["published"] = 1;
      if (!types_.empty()) body["type"] = types_;
      HttpRequest request;
      request.method = "POST";
      request.url = url_ + "attributes/restSearch";
      request.body = body.dump();
      request.headers = {
          {"Authorization", api_key_}, {"Accept", "application/json"}, {"Content-Type", "application/json"}};
      HttpResponse response;
      if (Status s = client_.Send(request, ctx.timeout_ms, &response); !s.ok()) return s;
      ++out->pages;
      out->bytes += static_cast<int64_t>(response.body.size());
      if (response.status != 200)
        return Status::IoError("POST " + RedactUrl(request.url) + ": HTTP " +
                               std::to_string(response.status) +
                               (response.status == 401 || response.status == 403 ? " (check api_key)" : ""));
      size_t count = 0;
      if (!DecodeMispRestPage(response.body, from, seen, &fresh, &count, &skipped_old))
        return Status::Corruption("POST " + RedactUrl(request.url) +
                                  ": expected {\"response\": {\"Attribute\": [...]}}");
      if (static_cast<int64_t>(count) < page_size_) break;
    }
    if (skipped_old > 0)
      out->warnings.push_back("MISP returned " + std::to_string(skipped_old) +
                              " attribute(s) not newer than the cursor; ignored");
    std::sort(fresh.begin(), fresh.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // Duplicates across pages (a server re-sorting between pages).
    fresh.erase(std::unique(fresh.begin(), fresh.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                fresh.end());
    int64_t cursor_ts = from;
    std::set<std::string> cursor_seen = seen;
    ThreatListBatch batch;
    for (auto& [key, attribute] : fresh) {
      if (ctx.limits.max_items > 0 && static_cast<int64_t>(out->items.size()) >= ctx.limits.max_items) {
        out->partial = true;
        break;
      }
      if (key.first != cursor_ts) {
        cursor_ts = key.first;
        cursor_seen.clear();
      }
      cursor_seen.insert(key.second + "|" + std::to_string(key.first));
      std::string info = attribute.contains("Event") && attribute["Event"].is_object()
                             ? JsonText(attribute["Event"], "info")
                             : "";
      AddMispAttributeToBatch(attribute, list_source_, info, &batch);
      out->items.push_back(MispAttributeItem(attribute, nullptr, "", list_source_));
    }
    out->cursor = json{{"timestamp", cursor_ts},
                       {"seen", json(std::vector<std::string>(cursor_seen.begin(), cursor_seen.end()))}};
    if (!list_path_.empty() && !ctx.dry_run) {
      ThreatListCounts counts;
      if (Status s = UpdateThreatList(list_path_, batch, {RedactUrl(url_), ctx.now_ms}, &counts); !s.ok())
        return s;
    }
    return Status::Ok();
  }

 private:
  HttpClient client_;
  std::string url_, api_key_;
  int64_t page_size_;
  std::vector<std::string> types_;
  bool to_ids_only_, published_only_;
  std::string list_path_, list_source_;
};

}  // namespace

bool DecodeMispRestPage(std::string_view body, int64_t from, const std::set<std::string>& seen,
                        std::vector<MispRestAttribute>* fresh, size_t* count, int64_t* skipped_old) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("response")) return false;
  const json& r = doc["response"];
  const json* attributes =
      r.is_object() && r.contains("Attribute") && r["Attribute"].is_array() ? &r["Attribute"] : nullptr;
  *count = attributes != nullptr ? attributes->size() : 0;
  if (attributes != nullptr)
    for (const json& a : *attributes) {
      if (!a.is_object()) continue;
      int64_t ts = MispInt(a.value("timestamp", json()));
      std::string uuid = JsonText(a, "uuid");
      std::string key = uuid + "|" + std::to_string(ts);
      if (ts < from || (ts == from && seen.count(key) != 0)) {
        ++*skipped_old;
        continue;
      }
      fresh->push_back({{ts, uuid}, a});
    }
  return true;
}

std::unique_ptr<DaemonSource> CreateMispRestSource(const SourceSetup& setup) {
  std::vector<std::string_view> keys = HttpParamNames();
  for (std::string_view k :
       {"url", "api_key", "page_size", "types", "to_ids_only", "published_only", "threat_list"})
    keys.push_back(k);
  bool ok = setup.params_node.CheckKeys(keys);
  HttpClientOptions http;
  ok = ParseHttpParams(setup, &http) && ok;
  std::string url = StringParam(setup, "url"), api_key = StringParam(setup, "api_key");
  if (url.empty()) {
    setup.params_node.Error("type 'misp_rest' needs params.url (the MISP base URL)");
    ok = false;
  }
  if (!url.empty() && url.back() != '/') url += '/';
  if (api_key.empty()) {
    setup.params_node.Error(
        "type 'misp_rest' needs params.api_key (write it as ${env:NAME} or ${file:PATH})");
    ok = false;
  }
  int64_t page_size = 1000;
  ok = ParseIntParam(setup, "page_size", 1, 100000, &page_size) && ok;
  bool to_ids_only = true, published_only = false;
  ok = ParseBoolParam(setup, "to_ids_only", &to_ids_only) && ok;
  ok = ParseBoolParam(setup, "published_only", &published_only) && ok;
  std::vector<std::string> types;
  if (setup.params.contains("types")) {
    if (!setup.params["types"].is_array()) {
      setup.params_node.Get("types").Error("types must be a list of MISP attribute types");
      ok = false;
    } else {
      for (const json& t : setup.params["types"])
        if (t.is_string()) types.push_back(t.get<std::string>());
    }
  }
  std::string list_path, list_source;
  ok = ParseThreatListParam(setup, &list_path, &list_source) && ok;
  if (!ok) return nullptr;
  return std::make_unique<MispRestSource>(std::move(http), url, api_key, page_size, types, to_ids_only,
                                          published_only, list_path, list_source);
}

}  // namespace recproc
