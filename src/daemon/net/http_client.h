// HttpClient: the one HTTP(S) client of the network daemon types (misp_feed,
// misp_rest, taxii21, list_feed_http, http_json), on libcurl's easy API.
//
// One Send() is one logical request: it retries transport failures
// (connection refused, reset, truncated body, timeout) and the statuses 429,
// 500, 502, 503 and 504 with exponential backoff, honouring Retry-After
// (seconds or an HTTP date) up to `max_backoff_ms`, and gives up at the
// caller's deadline. Every other status is returned as it is: 304 and 4xx are
// answers, not failures, and the caller decides.
//
// TLS peers are verified by default (`verify_tls: false` is an explicit
// opt-out, `ca_file` adds a private CA); libcurl reads http_proxy /
// https_proxy / no_proxy from the environment by itself. Error messages name
// the method, the URL with any user:password@ removed, the status or the
// libcurl error text and the number of attempts; never a credential.
//
// Shared YAML params (ParseHttpParams), all optional:
//   username / password   HTTP Basic
//   headers: {K: V}       extra request headers (values may be ${env:..} secrets)
//   timeout: 30s          per attempt. Default: 30s
//   connect_timeout: 10s  Default: 10s
//   retries: 3            extra attempts after the first. Default: 3
//   backoff: 1s           first retry delay, doubled per attempt. Default: 1s
//   max_backoff: 60s      cap for the delay and for Retry-After. Default: 60s
//   verify_tls: true      Default: true
//   ca_file: ca.pem       PEM bundle, relative to the daemon YAML
//
// Thread-safety: one client per thread (a source uses it from one cycle).
#ifndef RECPROC_DAEMON_NET_HTTP_CLIENT_H_
#define RECPROC_DAEMON_NET_HTTP_CLIENT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/daemon_source.h"
#include "recproc/status.h"

namespace recproc {

struct HttpClientOptions {
  int64_t timeout_ms = 30000;          // per attempt
  int64_t connect_timeout_ms = 10000;  // per attempt
  int max_retries = 3;
  int64_t backoff_base_ms = 1000;
  int64_t max_backoff_ms = 60000;
  bool verify_tls = true;
  std::string ca_file;                                       // "" = the system store
  std::string username, password;                            // HTTP Basic when username is non-empty
  std::vector<std::pair<std::string, std::string>> headers;  // sent with every request
  // Bodies larger than this fail the request (a runaway feed must not eat
  // the memory). 0 = unbounded. Default: 256 MiB.
  int64_t max_body_bytes = int64_t{256} << 20;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // added to the client's
  std::string body;                                          // sent when non-empty or method is POST
};

struct HttpResponse {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // of the final response, in order
  std::string body;
  int attempts = 0;
  // The last value of header `name` (case-insensitive), "" when absent.
  std::string Header(std::string_view name) const;
};

// `url` with "user:password@" removed and the query cut off (queries may
// carry API keys); for messages.
std::string RedactUrl(std::string_view url);

// Parses a Retry-After value at `now_ms` into a delay; -1 when unparsable.
int64_t ParseRetryAfterMs(std::string_view value, int64_t now_ms);

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request`, retrying as described above. `deadline_ms` is a
  // monotonic-clock budget for the whole call including backoff sleeps
  // (0 = none); running out returns kLimitExceeded "timeout: ...".
  // On OK, `*response` holds the final answer whatever its status, except
  // that a retryable status still failing after the last attempt is an error.
  Status Send(const HttpRequest& request, int64_t budget_ms, HttpResponse* response);

  // Tests replace the sleep between attempts to observe the delays.
  void set_sleep_for_testing(std::function<void(int64_t ms)> sleep) { sleep_ = std::move(sleep); }
  // Requests sent (attempts included) since construction.
  int64_t requests_sent() const { return requests_sent_; }
  int64_t bytes_received() const { return bytes_received_; }

 private:
  Status Attempt(const HttpRequest& request, int64_t attempt_timeout_ms, HttpResponse* response,
                 bool* retryable);

  HttpClientOptions options_;
  void* curl_ = nullptr;  // CURL*, reused so connections are kept alive
  std::function<void(int64_t)> sleep_;
  int64_t requests_sent_ = 0;
  int64_t bytes_received_ = 0;
};

// Reads the shared params above into *options; false after recording errors
// at their YAML positions. HttpParamNames() lists them so a type can add its
// own names and call CheckKeys once.
bool ParseHttpParams(const SourceSetup& setup, HttpClientOptions* options);
const std::vector<std::string_view>& HttpParamNames();

// Reads params[key] (a YAML scalar, so a string of digits) into *out when
// present; false after recording an error when it is not in [min, max].
bool ParseIntParam(const SourceSetup& setup, const char* key, int64_t min, int64_t max, int64_t* out);

// Reads params[key] ("true"/"false"/"yes"/"no") into *out when present;
// false after recording an error.
bool ParseBoolParam(const SourceSetup& setup, const char* key, bool* out);

// params[key] when it is a string, else "".
std::string StringParam(const SourceSetup& setup, const char* key);

// obj[key] as text: a string as it is, a number in JSON form, "" for
// anything else (absent, null, an object, obj not an object). Unlike
// json::value() it never throws on a peer's unexpected types.
std::string JsonText(const nlohmann::json& obj, const char* key);
// True only when obj[key] is the boolean true.
bool JsonTrue(const nlohmann::json& obj, const char* key);

// Appends `key=value` to `url` with percent-encoding of the value.
std::string AppendQuery(std::string url, std::string_view key, std::string_view value);
std::string PercentEncode(std::string_view text);

}  // namespace recproc

#endif  // RECPROC_DAEMON_NET_HTTP_CLIENT_H_
