// `list_feed_http`: conditional GET, then the unchanged list_feed source over
// the downloaded file. The inner source is built per cycle because its file
// lives in the cycle's state dir; its parameters were validated at load.
#include "daemon/sources/http_list_feed.h"

#include <unistd.h>

#include <cstdlib>

#include "daemon/net/http_client.h"
#include "daemon/sources/list_feed_source.h"
#include "io/atomic_file.h"

namespace recproc {
namespace {

using nlohmann::json;

class HttpListFeedSource : public DaemonSource {
 public:
  HttpListFeedSource(HttpClientOptions http, std::string url, json list_params, std::string config_dir)
      : client_(std::move(http)),
        url_(std::move(url)),
        list_params_(std::move(list_params)),
        config_dir_(std::move(config_dir)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    const json* cursor = ctx.cursor != nullptr && ctx.cursor->is_object() ? ctx.cursor : nullptr;
    HttpRequest request;
    request.url = url_;
    if (cursor != nullptr) {
      std::string etag = JsonText(*cursor, "etag"), modified = JsonText(*cursor, "last_modified");
      if (!etag.empty()) request.headers.emplace_back("If-None-Match", etag);
      if (!modified.empty()) request.headers.emplace_back("If-Modified-Since", modified);
    }
    HttpResponse response;
    if (Status s = client_.Send(request, ctx.timeout_ms, &response); !s.ok()) return s;
    out->pages = 1;
    out->bytes = static_cast<int64_t>(response.body.size());
    if (response.status == 304) {
      if (cursor != nullptr) out->cursor = *cursor;
      return Status::Ok();
    }
    if (response.status != 200)
      return Status::IoError("GET " + RedactUrl(url_) + ": HTTP " + std::to_string(response.status));

    std::string file;
    if (ctx.dry_run) {
      char tmpl[] = "/tmp/recproc_list_feed_XXXXXX";
      int fd = mkstemp(tmpl);
      if (fd < 0) return Status::IoError("cannot create a temporary file for the download");
      close(fd);
      file = tmpl;
    } else {
      file = ctx.state_dir + "/" + std::string(ctx.daemon_name) + ".download";
    }
    Status written = WriteFileAtomically(file, response.body);
    Status fetched = written;
    if (written.ok()) fetched = FetchList(ctx, file, cursor, out);
    if (ctx.dry_run) unlink(file.c_str());
    if (!fetched.ok()) return fetched;
    out->pages = 1;
    out->bytes = static_cast<int64_t>(response.body.size());
    json wrapped = {{"etag", response.Header("ETag")}, {"last_modified", response.Header("Last-Modified")}};
    wrapped["list"] = out->cursor.has_value() ? *out->cursor : json(nullptr);
    out->cursor = std::move(wrapped);
    return Status::Ok();
  }

 private:
  Status FetchList(const FetchContext& ctx, const std::string& file, const json* cursor, FetchResult* out) {
    json params = list_params_;
    params["path"] = file;
    ConfigErrors errors;
    ConfigNode node = ConfigNode::Parse(params.dump(), "<list_feed_http>", &errors);
    SourceSetup setup{std::string(ctx.daemon_name), "list_feed", node, params, config_dir_};
    std::unique_ptr<DaemonSource> inner = CreateListFeedSource(setup);
    if (inner == nullptr) return Status::InvalidArgument("list_feed_http: " + errors.ToString());
    json inner_cursor = cursor != nullptr && cursor->contains("list") ? (*cursor)["list"] : json(nullptr);
    FetchContext inner_ctx = ctx;
    inner_ctx.cursor = inner_cursor.is_null() ? nullptr : &inner_cursor;
    inner_ctx.params = &params;
    return inner->Fetch(inner_ctx, out);
  }

  HttpClient client_;
  std::string url_;
  json list_params_;
  std::string config_dir_;
};

}  // namespace

std::unique_ptr<DaemonSource> CreateHttpListFeedSource(const SourceSetup& setup) {
  std::vector<std::string_view> keys = HttpParamNames();
  for (std::string_view k : {"url", "format", "comment_prefix", "key", "columns"}) keys.push_back(k);
  bool ok = setup.params_node.CheckKeys(keys);
  HttpClientOptions http;
  ok = ParseHttpParams(setup, &http) && ok;
  std::string url = StringParam(setup, "url");
  if (url.empty()) {
    setup.params_node.Error("type 'list_feed_http' needs params.url");
    ok = false;
  }
  std::string format = StringParam(setup, "format");
  if (format.empty()) format = "csv";
  if (format != "csv" && format != "text" && format != "ndjson") {
    setup.params_node.Get("format").Error("unknown format '" + format + "'; expected csv, text or ndjson");
    ok = false;
  }
  if (format == "ndjson" && StringParam(setup, "key").empty()) {
    setup.params_node.Error("format 'ndjson' needs params.key (the field that identifies an entry)");
    ok = false;
  }
  if (setup.params.contains("columns") && !setup.params["columns"].is_array()) {
    setup.params_node.Get("columns").Error("columns must be a list of column names");
    ok = false;
  }
  if (!ok) return nullptr;
  json list_params = json::object();
  for (const char* k : {"format", "comment_prefix", "key", "columns"})
    if (setup.params.contains(k)) list_params[k] = setup.params[k];
  return std::make_unique<HttpListFeedSource>(std::move(http), url, std::move(list_params), setup.config_dir);
}

}  // namespace recproc
