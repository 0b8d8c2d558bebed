// `taxii21`: resolve the API root (discovery) and the collection (by id or
// title) once per cycle, then page through collections/<id>/objects/ from the
// committed added_after. Discovery is repeated each cycle rather than cached
// because servers move collections and a cycle is minutes apart.
#include "daemon/sources/taxii_source.h"

#include <algorithm>

#include "daemon/net/http_client.h"
#include "daemon/sources/threat_list_writer.h"

namespace recproc {
namespace {

using nlohmann::json;

constexpr const char* kTaxiiMediaType = "application/taxii+json;version=2.1";

std::string WithSlash(std::string url) {
  if (url.empty() || url.back() != '/') url += '/';
  return url;
}

// Resolves `ref` (absolute URL or absolute path) against `base`.
std::string Resolve(const std::string& base, const std::string& ref) {
  if (ref.find("://") != std::string::npos) return ref;
  size_t scheme = base.find("://");
  size_t path = scheme == std::string::npos ? std::string::npos : base.find('/', scheme + 3);
  std::string origin = path == std::string::npos ? base : base.substr(0, path);
  if (!ref.empty() && ref[0] == '/') return origin + ref;
  return WithSlash(base) + ref;
}

void AnnotateIndicator(const std::string& list_source, json* object, ThreatListBatch* batch) {
  std::vector<ThreatIndicator> iocs;
  bool supported = StixIndicatorToThreats(*object, list_source, &iocs);
  json list = json::array();
  for (const ThreatIndicator& t : iocs) list.push_back({{"type", t.type}, {"value", t.indicator}});
  (*object)["iocs"] = std::move(list);
  (*object)["pattern_supported"] = supported;
  std::string id = JsonText(*object, "id");
  if (JsonTrue(*object, "revoked")) {
    batch->removed_ids.push_back(id);
    return;
  }
  // A newer version replaces everything an older one listed.
  batch->upserts.erase(std::remove_if(batch->upserts.begin(), batch->upserts.end(),
                                      [&](const ThreatIndicator& t) { return t.id == id; }),
                       batch->upserts.end());
  if (iocs.empty()) batch->removed_ids.push_back(id);
  for (ThreatIndicator& t : iocs) batch->upserts.push_back(std::move(t));
}

class TaxiiSource : public DaemonSource {
 public:
  TaxiiSource(HttpClientOptions http, std::string url, std::string api_root, std::string collection,
              std::vector<std::string> types, int64_t page_size, std::string list_path,
              std::string list_source)
      : client_(std::move(http)),
        url_(std::move(url)),
        api_root_(std::move(api_root)),
        collection_(std::move(collection)),
        types_(std::move(types)),
        page_size_(page_size),
        list_path_(std::move(list_path)),
        list_source_(std::move(list_source)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    budget_ms_ = ctx.timeout_ms;
    std::string root = api_root_;
    if (root.empty()) {
      json discovery;
      if (Status s = GetJson(url_, &discovery, nullptr); !s.ok()) return s;
      std::string chosen =
          discovery.is_object() && discovery.contains("default") && discovery["default"].is_string()
              ? discovery["default"].get<std::string>()
              : "";
      if (chosen.empty() && discovery.contains("api_roots") && discovery["api_roots"].is_array() &&
          !discovery["api_roots"].empty() && discovery["api_roots"][0].is_string())
        chosen = discovery["api_roots"][0].get<std::string>();
      if (chosen.empty())
        return Status::Corruption("TAXII discovery at " + RedactUrl(url_) + " names no API root");
      root = Resolve(url_, chosen);
    }
    root = WithSlash(root);
    json collections;
    if (Status s = GetJson(root + "collections/", &collections, nullptr); !s.ok()) return s;
    std::string id;
    if (collections.contains("collections") && collections["collections"].is_array())
      for (const json& c : collections["collections"])
        if (c.is_object() && (JsonText(c, "id") == collection_ || JsonText(c, "title") == collection_)) {
          if (c.contains("can_read") && c["can_read"] == false)
            return Status::InvalidArgument("TAXII collection '" + collection_ +
                                           "' is not readable with these credentials");
          id = JsonText(c, "id");
          break;
        }
    if (id.empty())
      return Status::NotFound("TAXII collection '" + collection_ + "' not found under " + RedactUrl(root));

    std::string added_after;
    const json* cursor = ctx.cursor != nullptr && !ctx.cursor->is_null() ? ctx.cursor : ctx.initial_cursor;
    if (cursor != nullptr && cursor->is_string()) added_after = cursor->get<std::string>();
    std::string objects_url = root + "collections/" + id + "/objects/";
    std::string next, last_added;
    ThreatListBatch batch;
    for (;;) {
      if (ctx.limits.max_pages > 0 && out->pages >= ctx.limits.max_pages) {
        out->partial = true;
        break;
      }
      // Asking for no more than the item limit keeps the cursor exact: it
      // stands after the last object returned.
      int64_t limit = page_size_;
      if (ctx.limits.max_items > 0)
        limit = std::max<int64_t>(
            1, std::min(limit, ctx.limits.max_items - static_cast<int64_t>(out->items.size())));
      std::string url = AppendQuery(objects_url, "limit", std::to_string(limit));
      if (!added_after.empty()) url = AppendQuery(url, "added_after", added_after);
      if (!next.empty()) url = AppendQuery(url, "next", next);
      if (!types_.empty()) {
        std::string joined;
        for (const std::string& t : types_) joined += (joined.empty() ? "" : ",") + t;
        url = AppendQuery(url, "match[type]", joined);
      }
      json envelope;
      HttpResponse response;
      if (Status s = GetJson(url, &envelope, &response); !s.ok()) return s;
      ++out->pages;
      out->bytes += static_cast<int64_t>(response.body.size());
      bool more = false;
      std::string page_next;
      if (!DecodeTaxiiEnvelope(std::move(envelope), types_, list_source_, &out->items, &more, &page_next, &batch))
        return Status::Corruption("TAXII envelope from " + RedactUrl(url) + " is not an object");
      std::string page_last = response.Header("X-TAXII-Date-Added-Last");
      if (!page_last.empty()) last_added = page_last;
      if (!more) break;
      if (ctx.limits.max_items > 0 && static_cast<int64_t>(out->items.size()) >= ctx.limits.max_items) {
        out->partial = true;
        break;
      }
      if (!page_next.empty()) {
        next = page_next;
      } else {
        // more without next: the spec's fallback; without the header we would loop forever.
        if (page_last.empty() || page_last == added_after)
          return Status::Corruption("TAXII page from " + RedactUrl(url) +
                                    " says more=true but has neither next nor a new X-TAXII-Date-Added-Last");
        next.clear();
        added_after = page_last;
      }
    }
    if (!last_added.empty())
      out->cursor = json(last_added);
    else if (ctx.cursor != nullptr && !ctx.cursor->is_null())
      out->cursor = *ctx.cursor;
    if (!list_path_.empty() && !ctx.dry_run) {
      ThreatListCounts counts;
      if (Status s = UpdateThreatList(list_path_, batch, {RedactUrl(objects_url), ctx.now_ms}, &counts);
          !s.ok())
        return s;
    }
    return Status::Ok();
  }

 private:
  Status GetJson(const std::string& url, json* doc, HttpResponse* keep) {
    HttpRequest request;
    request.url = url;
    request.headers.emplace_back("Accept", kTaxiiMediaType);
    HttpResponse local;
    HttpResponse* response = keep != nullptr ? keep : &local;
    if (Status s = client_.Send(request, budget_ms_, response); !s.ok()) return s;
    if (response->status != 200)
      return Status::IoError(
          "GET " + RedactUrl(url) + ": HTTP " + std::to_string(response->status) +
          (response->status == 401 || response->status == 403 ? " (check username/password)" : ""));
    *doc = json::parse(response->body, nullptr, /*allow_exceptions=*/false);
    if (doc->is_discarded()) return Status::Corruption("GET " + RedactUrl(url) + ": the body is not JSON");
    return Status::Ok();
  }

  HttpClient client_;
  std::string url_, api_root_, collection_;
  std::vector<std::string> types_;
  int64_t page_size_;
  std::string list_path_, list_source_;
  int64_t budget_ms_ = 0;
};

}  // namespace

bool DecodeTaxiiEnvelope(json envelope, const std::vector<std::string>& types, const std::string& list_source,
                         std::vector<json>* items, bool* more, std::string* next, ThreatListBatch* batch) {
  if (!envelope.is_object()) return false;
  if (envelope.contains("objects") && envelope["objects"].is_array())
    for (json& object : envelope["objects"]) {
      if (!object.is_object()) continue;
      if (!types.empty() && std::find(types.begin(), types.end(), JsonText(object, "type")) == types.end())
        continue;  // servers that ignore match[type]
      if (JsonText(object, "type") == "indicator") AnnotateIndicator(list_source, &object, batch);
      items->push_back(std::move(object));
    }
  *more = JsonTrue(envelope, "more");
  *next = envelope.contains("next") && envelope["next"].is_string() ? envelope["next"].get<std::string>() : "";
  return true;
}

std::unique_ptr<DaemonSource> CreateTaxiiSource(const SourceSetup& setup) {
  std::vector<std::string_view> keys = HttpParamNames();
  for (std::string_view k : {"url", "api_root", "collection", "types", "page_size", "threat_list"})
    keys.push_back(k);
  bool ok = setup.params_node.CheckKeys(keys);
  HttpClientOptions http;
  ok = ParseHttpParams(setup, &http) && ok;
  const json& p = setup.params;
  auto str = [&](const char* key) {
    return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : "";
  };
  std::string url = str("url"), api_root = str("api_root"), collection = str("collection");
  if (url.empty() == api_root.empty()) {
    setup.params_node.Error("type 'taxii21' needs exactly one of params.url (discovery) or params.api_root");
    ok = false;
  }
  if (collection.empty()) {
    setup.params_node.Error("type 'taxii21' needs params.collection (an id or a title)");
    ok = false;
  }
  std::vector<std::string> types;
  if (p.contains("types")) {
    if (!p["types"].is_array()) {
      setup.params_node.Get("types").Error("types must be a list of STIX types such as [indicator]");
      return nullptr;
    }
    for (const json& t : p["types"])
      if (t.is_string()) types.push_back(t.get<std::string>());
  }
  int64_t page_size = 100;
  ok = ParseIntParam(setup, "page_size", 1, 10000, &page_size) && ok;
  std::string list_path, list_source = setup.daemon_name;
  ok = ParseThreatListParam(setup, &list_path, &list_source) && ok;
  if (!ok) return nullptr;
  return std::make_unique<TaxiiSource>(std::move(http), url, api_root, collection, types, page_size,
                                       list_path, list_source);
}

}  // namespace recproc
