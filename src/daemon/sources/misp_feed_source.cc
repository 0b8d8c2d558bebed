// `misp_feed`: manifest diff against the stored {uuid: timestamp} map, then
// one GET per new or changed event. The attribute walk and item layout are
// shared with `misp_rest` (misp_rest_source.cc).
#include "daemon/sources/misp_feed_source.h"

#include <algorithm>

#include "daemon/net/http_client.h"

namespace recproc {

using nlohmann::json;

int64_t MispInt(const json& value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    if (!s.empty() && s.size() < 19 &&
        std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::stoll(s);
  }
  return 0;
}

namespace {

std::string Str(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key)) return "";
  const json& v = obj[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}

bool MispBool(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key)) return false;
  const json& v = obj[key];
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer()) return v.get<int64_t>() != 0;
  if (v.is_string()) return v == "1" || v == "true" || v == "True";
  return false;
}

json TagNames(const json& obj) {
  json names = json::array();
  if (obj.is_object() && obj.contains("Tag") && obj["Tag"].is_array())
    for (const json& t : obj["Tag"])
      if (t.is_object() && t.contains("name") && t["name"].is_string()) names.push_back(t["name"]);
  return names;
}

}  // namespace

json MispAttributeItem(const json& attribute, const json* event, const std::string& object_name,
                       const std::string& source) {
  // Pointers, not `cond ? *event : json::object()`: a conditional with a
  // prvalue branch copies the whole event for every attribute (quadratic).
  static const json kNoEvent = json::object();
  const json& ev = *(event != nullptr && event->is_object() ? event
                     : attribute.contains("Event")         ? &attribute["Event"]
                                                           : &kNoEvent);
  json item = {{"uuid", Str(attribute, "uuid")},
               {"type", Str(attribute, "type")},
               {"category", Str(attribute, "category")},
               {"value", Str(attribute, "value")},
               {"to_ids", MispBool(attribute, "to_ids")},
               {"deleted", MispBool(attribute, "deleted")},
               {"timestamp", MispInt(attribute.value("timestamp", json()))},
               {"comment", Str(attribute, "comment")},
               {"tags", TagNames(attribute)},
               {"event_uuid", Str(ev, "uuid")},
               {"event_info", Str(ev, "info")},
               {"event_date", Str(ev, "date")},
               {"event_timestamp", MispInt(ev.value("timestamp", json()))},
               {"event_threat_level_id", Str(ev, "threat_level_id")},
               {"event_analysis", Str(ev, "analysis")},
               {"event_org", ev.contains("Orgc") ? Str(ev["Orgc"], "name") : ""},
               {"event_tags", TagNames(ev)}};
  if (!object_name.empty()) item["object_name"] = object_name;
  std::vector<ThreatIndicator> iocs;
  MispAttributeToThreats(attribute, source, Str(ev, "info"), &iocs);
  json list = json::array();
  for (const ThreatIndicator& t : iocs) list.push_back({{"type", t.type}, {"value", t.indicator}});
  item["iocs"] = std::move(list);
  return item;
}

void AddMispAttributeToBatch(const json& attribute, const std::string& source, const std::string& event_info,
                             ThreatListBatch* batch) {
  std::string uuid = Str(attribute, "uuid");
  if (uuid.empty()) return;
  batch->upserts.erase(std::remove_if(batch->upserts.begin(), batch->upserts.end(),
                                      [&](const ThreatIndicator& t) { return t.id == uuid; }),
                       batch->upserts.end());
  std::vector<ThreatIndicator> iocs;
  if (MispBool(attribute, "to_ids") && !MispBool(attribute, "deleted") &&
      MispAttributeToThreats(attribute, source, event_info, &iocs)) {
    for (ThreatIndicator& t : iocs) batch->upserts.push_back(std::move(t));
  } else {
    batch->removed_ids.push_back(uuid);
  }
}

void MispManifestChanges(const json& manifest, const json& known, std::vector<std::pair<int64_t, std::string>>* changed,
                         json* next_events) {
  if (!manifest.is_object()) return;
  for (auto it = manifest.begin(); it != manifest.end(); ++it) {
    int64_t ts = it->is_object() ? MispInt(it->value("timestamp", json())) : 0;
    int64_t old = known.is_object() && known.contains(it.key()) ? MispInt(known[it.key()]) : -1;
    if (ts > old) {
      changed->emplace_back(ts, it.key());
      if (old >= 0) (*next_events)[it.key()] = old;  // until fetched
    } else {
      (*next_events)[it.key()] = old;
    }
  }
  // Oldest first, so a limit cuts at a consistent point.
  std::sort(changed->begin(), changed->end());
}

bool MispFeedEventItems(const json& doc, int64_t since, bool to_ids_only, const std::string& source,
                        std::vector<json>* items, ThreatListBatch* batch) {
  if (!doc.is_object() || !doc.contains("Event") || !doc["Event"].is_object()) return false;
  const json& event = doc["Event"];
  std::string info = Str(event, "info");
  auto take = [&](const json& attribute, const std::string& object_name) {
    if (!attribute.is_object()) return;
    if (since >= 0 && MispInt(attribute.value("timestamp", json())) <= since) return;
    AddMispAttributeToBatch(attribute, source, info, batch);
    if (to_ids_only && !MispBool(attribute, "to_ids")) return;
    items->push_back(MispAttributeItem(attribute, &event, object_name, source));
  };
  if (event.contains("Attribute") && event["Attribute"].is_array())
    for (const json& a : event["Attribute"]) take(a, "");
  if (event.contains("Object") && event["Object"].is_array())
    for (const json& o : event["Object"])
      if (o.is_object() && o.contains("Attribute") && o["Attribute"].is_array())
        for (const json& a : o["Attribute"]) take(a, Str(o, "name"));
  return true;
}

namespace {

class MispFeedSource : public DaemonSource {
 public:
  MispFeedSource(HttpClientOptions http, std::string url, bool to_ids_only, std::string list_path,
                 std::string list_source)
      : client_(std::move(http)),
        url_(std::move(url)),
        to_ids_only_(to_ids_only),
        list_path_(std::move(list_path)),
        list_source_(std::move(list_source)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    json manifest;
    if (Status s = GetJson(ctx, url_ + "manifest.json", &manifest, out); !s.ok()) return s;
    if (!manifest.is_object())
      return Status::Corruption("MISP feed manifest at " + RedactUrl(url_) + " is not an object");
    json known = json::object();
    if (ctx.cursor != nullptr && ctx.cursor->is_object() && ctx.cursor->contains("events") &&
        (*ctx.cursor)["events"].is_object())
      known = (*ctx.cursor)["events"];
    std::vector<std::pair<int64_t, std::string>> changed;
    json next_events = json::object();
    MispManifestChanges(manifest, known, &changed, &next_events);
    ThreatListBatch batch;
    for (const auto& [ts, uuid] : changed) {
      if ((ctx.limits.max_pages > 0 && out->pages >= ctx.limits.max_pages) ||
          (ctx.limits.max_items > 0 && static_cast<int64_t>(out->items.size()) >= ctx.limits.max_items)) {
        out->partial = true;
        break;
      }
      json doc;
      if (Status s = GetJson(ctx, url_ + uuid + ".json", &doc, out); !s.ok()) return s;
      int64_t since = known.contains(uuid) ? MispInt(known[uuid]) : -1;
      if (!MispFeedEventItems(doc, since, to_ids_only_, list_source_, &out->items, &batch))
        return Status::Corruption("MISP feed event " + uuid + " has no \"Event\" object");
      next_events[uuid] = ts;
    }
    out->cursor = json{{"events", next_events}};
    if (!list_path_.empty() && !ctx.dry_run) {
      ThreatListCounts counts;
      if (Status s = UpdateThreatList(list_path_, batch, {RedactUrl(url_), ctx.now_ms}, &counts); !s.ok())
        return s;
    }
    return Status::Ok();
  }

 private:
  Status GetJson(const FetchContext& ctx, const std::string& url, json* doc, FetchResult* out) {
    HttpRequest request;
    request.url = url;
    request.headers.emplace_back("Accept", "application/json");
    HttpResponse response;
    if (Status s = client_.Send(request, ctx.timeout_ms, &response); !s.ok()) return s;
    ++out->pages;
    out->bytes += static_cast<int64_t>(response.body.size());
    if (response.status != 200)
      return Status::IoError("GET " + RedactUrl(url) + ": HTTP " + std::to_string(response.status));
    *doc = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (doc->is_discarded()) return Status::Corruption("GET " + RedactUrl(url) + ": the body is not JSON");
    return Status::Ok();
  }

  HttpClient client_;
  std::string url_;
  bool to_ids_only_;
  std::string list_path_, list_source_;
};

}  // namespace

std::unique_ptr<DaemonSource> CreateMispFeedSource(const SourceSetup& setup) {
  std::vector<std::string_view> keys = HttpParamNames();
  for (std::string_view k : {"url", "to_ids_only", "threat_list"}) keys.push_back(k);
  bool ok = setup.params_node.CheckKeys(keys);
  HttpClientOptions http;
  ok = ParseHttpParams(setup, &http) && ok;
  std::string url = StringParam(setup, "url");
  if (url.empty()) {
    setup.params_node.Error("type 'misp_feed' needs params.url (the feed directory holding manifest.json)");
    ok = false;
  }
  if (!url.empty() && url.back() != '/') url += '/';
  bool to_ids_only = false;
  ok = ParseBoolParam(setup, "to_ids_only", &to_ids_only) && ok;
  std::string list_path, list_source;
  ok = ParseThreatListParam(setup, &list_path, &list_source) && ok;
  if (!ok) return nullptr;
  return std::make_unique<MispFeedSource>(std::move(http), url, to_ids_only, list_path, list_source);
}

}  // namespace recproc
