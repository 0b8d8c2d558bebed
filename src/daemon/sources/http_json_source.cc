// `http_json`: request, pick the items at items_path, follow next_path until
// it is empty or a limit is reached. A next URL seen before ends the walk:
// a server echoing its last page would otherwise loop until the timeout.
#include "daemon/sources/http_json_source.h"

#include <set>

#include "daemon/net/http_client.h"
#include "daemon/state.h"

namespace recproc {
namespace {

using nlohmann::json;

// The value at a dotted path ("a.b.c"); null when absent.
const json* AtPath(const json& doc, const std::string& path) {
  const json* node = &doc;
  size_t pos = 0;
  while (pos <= path.size() && !path.empty()) {
    size_t dot = path.find('.', pos);
    std::string key = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  return node;
}

std::string ScalarText(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

class HttpJsonSource : public DaemonSource {
 public:
  HttpJsonSource(HttpClientOptions http, std::string url, std::string method, std::string body,
                 std::string items_path, std::string since_param, std::string until_param,
                 std::string next_path, std::string next_param)
      : client_(std::move(http)),
        url_(std::move(url)),
        method_(std::move(method)),
        body_(std::move(body)),
        items_path_(std::move(items_path)),
        since_param_(std::move(since_param)),
        until_param_(std::move(until_param)),
        next_path_(std::move(next_path)),
        next_param_(std::move(next_param)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    std::string first = url_;
    const json* cursor = ctx.cursor != nullptr && !ctx.cursor->is_null() ? ctx.cursor : ctx.initial_cursor;
    if (!since_param_.empty() && cursor != nullptr && !cursor->is_null())
      first = AppendQuery(first, since_param_, ScalarText(*cursor));
    if (!until_param_.empty()) first = AppendQuery(first, until_param_, FormatTimeMs(ctx.window_end_ms));
    std::string url = first;
    std::set<std::string> visited;
    for (;;) {
      if (ctx.limits.max_pages > 0 && out->pages >= ctx.limits.max_pages) {
        out->partial = true;
        return Status::Ok();
      }
      visited.insert(url);
      HttpRequest request;
      request.method = method_;
      request.url = url;
      request.body = body_;
      request.headers.emplace_back("Accept", "application/json");
      if (!body_.empty()) request.headers.emplace_back("Content-Type", "application/json");
      HttpResponse response;
      if (Status s = client_.Send(request, ctx.timeout_ms, &response); !s.ok()) return s;
      ++out->pages;
      out->bytes += static_cast<int64_t>(response.body.size());
      if (response.status != 200)
        return Status::IoError(method_ + " " + RedactUrl(url) + ": HTTP " + std::to_string(response.status));
      HttpJsonPage page;
      if (Status s = DecodeHttpJsonPage(response.body, items_path_, next_path_, &page); !s.ok())
        return Status::Corruption(method_ + " " + RedactUrl(url) + ": " + s.message());
      for (json& item : page.items) {
        if (ctx.limits.max_items > 0 && static_cast<int64_t>(out->items.size()) >= ctx.limits.max_items) {
          out->partial = true;
          return Status::Ok();
        }
        out->items.push_back(std::move(item));
      }
      if (!page.next) break;
      std::string following = next_param_.empty() ? ResolveNextUrl(url, *page.next)
                                                  : AppendQuery(first, next_param_, *page.next);
      if (visited.count(following) != 0) {
        out->warnings.push_back("next page " + RedactUrl(following) + " was already fetched; stopping");
        break;
      }
      url = following;
    }
    if (!until_param_.empty()) out->window_end_ms = ctx.window_end_ms;
    return Status::Ok();
  }

 private:
  HttpClient client_;
  std::string url_, method_, body_, items_path_, since_param_, until_param_, next_path_, next_param_;
};

}  // namespace

std::string ResolveNextUrl(const std::string& base, const std::string& next) {
  if (next.find("://") != std::string::npos) return next;
  size_t scheme = base.find("://");
  size_t path = scheme == std::string::npos ? std::string::npos : base.find('/', scheme + 3);
  std::string origin = path == std::string::npos ? base : base.substr(0, path);
  if (!next.empty() && next[0] == '/') return origin + next;
  if (!next.empty() && next[0] == '?') return base.substr(0, base.find('?')) + next;
  return base.substr(0, base.rfind('/') + 1) + next;
}

Status DecodeHttpJsonPage(std::string_view body, const std::string& items_path, const std::string& next_path,
                          HttpJsonPage* page) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::Corruption("the body is not JSON");
  const json* items = items_path.empty() ? &doc : AtPath(doc, items_path);
  if (items == nullptr || (!items->is_array() && !items->is_null()))
    return Status::Corruption("no array at items_path '" + items_path + "'");
  if (items->is_array())
    for (const json& item : *items) page->items.push_back(item);
  const json* next = next_path.empty() ? nullptr : AtPath(doc, next_path);
  if (next != nullptr && !next->is_null() && !(next->is_string() && next->get<std::string>().empty()) &&
      !next->is_boolean())
    page->next = ScalarText(*next);
  return Status::Ok();
}

std::unique_ptr<DaemonSource> CreateHttpJsonSource(const SourceSetup& setup) {
  std::vector<std::string_view> keys = HttpParamNames();
  for (std::string_view k :
       {"url", "method", "body", "items_path", "since_param", "until_param", "next_path", "next_param"})
    keys.push_back(k);
  bool ok = setup.params_node.CheckKeys(keys);
  HttpClientOptions http;
  ok = ParseHttpParams(setup, &http) && ok;
  std::string url = StringParam(setup, "url");
  if (url.empty()) {
    setup.params_node.Error("type 'http_json' needs params.url");
    ok = false;
  }
  std::string method = StringParam(setup, "method");
  if (method.empty()) method = "GET";
  if (method != "GET" && method != "POST") {
    setup.params_node.Get("method").Error("method must be GET or POST");
    ok = false;
  }
  std::string body = StringParam(setup, "body");
  if (!body.empty() && json::parse(body, nullptr, false).is_discarded()) {
    setup.params_node.Get("body").Error("body must be JSON text");
    ok = false;
  }
  if (!StringParam(setup, "next_param").empty() && StringParam(setup, "next_path").empty()) {
    setup.params_node.Get("next_param")
        .Error("next_param needs next_path (where the response names the token)");
    ok = false;
  }
  if (!ok) return nullptr;
  return std::make_unique<HttpJsonSource>(
      std::move(http), url, method, body, StringParam(setup, "items_path"), StringParam(setup, "since_param"),
      StringParam(setup, "until_param"), StringParam(setup, "next_path"), StringParam(setup, "next_param"));
}

}  // namespace recproc
