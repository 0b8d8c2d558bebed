// HttpClient on libcurl: one easy handle per client so keep-alive connections
// are reused across the pages of a cycle; the retry loop lives here so every
// network type gets the same backoff, Retry-After and error wording.
#include "daemon/net/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

#include "daemon/schedule.h"
#include "util/ascii_space.h"

namespace recproc {
namespace {

using nlohmann::json;

int64_t MonotonicMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

struct Sink {
  HttpResponse* response;
  int64_t max_bytes;
  bool too_large = false;
};

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  Sink* sink = static_cast<Sink*>(user);
  size_t len = size * n;
  if (sink->max_bytes > 0 && static_cast<int64_t>(sink->response->body.size() + len) > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  sink->response->body.append(data, len);
  return len;
}

// Header lines of every response curl reads (a 100-continue or a redirect
// too); a status line starts a new set so only the final one remains.
size_t WriteHeader(char* data, size_t size, size_t n, void* user) {
  Sink* sink = static_cast<Sink*>(user);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    sink->response->headers.clear();
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
    sink->response->headers.emplace_back(std::string(TrimAsciiSpace(line.substr(0, colon))),
                                         std::string(TrimAsciiSpace(line.substr(colon + 1))));
  }
  return size * n;
}

bool RetryableStatus(long status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// The schedule's durations plus a plain "<n>ms", because HTTP timeouts and
// backoffs are often below a second.
bool ParseHttpDuration(const std::string& text, int64_t* ms) {
  if (text.size() > 2 && text.size() < 12 && text.compare(text.size() - 2, 2, "ms") == 0 &&
      std::all_of(text.begin(), text.end() - 2, [](char c) { return c >= '0' && c <= '9'; })) {
    *ms = std::stoll(text.substr(0, text.size() - 2));
    return true;
  }
  return ParseDuration(text, ms).ok();
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  std::string value;
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) value = v;
  return value;
}

std::string RedactUrl(std::string_view url) {
  std::string_view rest = url;
  std::string out;
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    out = std::string(url.substr(0, scheme + 3));
    rest = url.substr(scheme + 3);
  }
  size_t host_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, host_end);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  size_t query = rest.find_first_of("?#");
  out += std::string(rest.substr(0, query));
  return out;
}

int64_t ParseRetryAfterMs(std::string_view value, int64_t now_ms) {
  value = TrimAsciiSpace(value);
  if (value.empty()) return -1;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return int64_t{999999999} * 1000;
    return std::stoll(std::string(value)) * 1000;
  }
  time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when < 0) return -1;
  return std::max<int64_t>(0, static_cast<int64_t>(when) * 1000 - now_ms);
}

std::string PercentEncode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string AppendQuery(std::string url, std::string_view key, std::string_view value) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += PercentEncode(key);
  url += '=';
  url += PercentEncode(value);
  return url;
}

HttpClient::HttpClient(HttpClientOptions options) : options_(std::move(options)) {
  GlobalInit();
  curl_ = curl_easy_init();
  sleep_ = [](int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
}

HttpClient::~HttpClient() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Status HttpClient::Attempt(const HttpRequest& request, int64_t attempt_timeout_ms, HttpResponse* response,
                           bool* retryable) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return Status::IoError("libcurl could not be initialised");
  curl_easy_reset(curl);
  response->status = 0;
  response->headers.clear();
  response->body.clear();
  Sink sink{response, options_.max_body_bytes};
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<int64_t>(1, attempt_timeout_ms)));
  curl_easy_setopt(
      curl, CURLOPT_CONNECTTIMEOUT_MS,
      static_cast<long>(std::max<int64_t>(1, std::min(options_.connect_timeout_ms, attempt_timeout_ms))));
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // any encoding curl can decode
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "recproc-daemon/1");
  // Redirects are followed, but credentials are not sent to another host.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
  if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_slist* headers = nullptr;
  for (const auto& [k, v] : options_.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
  for (const auto& [k, v] : request.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (request.method == "POST" || !request.body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  if (request.method != "GET" && request.method != "POST")
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  ++requests_sent_;
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  bytes_received_ += static_cast<int64_t>(response->body.size());
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response->status = status;
  if (sink.too_large) {
    *retryable = false;
    return Status::LimitExceeded("response body larger than " + std::to_string(options_.max_body_bytes) +
                                 " bytes");
  }
  if (rc != CURLE_OK) {
    // TLS verification and bad URLs will fail the same way next time.
    *retryable = rc != CURLE_PEER_FAILED_VERIFICATION && rc != CURLE_SSL_CACERT_BADFILE &&
                 rc != CURLE_URL_MALFORMAT && rc != CURLE_UNSUPPORTED_PROTOCOL && rc != CURLE_SSL_CERTPROBLEM;
    std::string text = error[0] != '\0' ? error : curl_easy_strerror(rc);
    // libcurl's buffer may quote the URL; keep only our redacted form.
    return Status::IoError(text);
  }
  *retryable = RetryableStatus(status);
  return Status::Ok();
}

Status HttpClient::Send(const HttpRequest& request, int64_t budget_ms, HttpResponse* response) {
  const int64_t start = MonotonicMs();
  const std::string what = request.method + " " + RedactUrl(request.url);
  auto left = [&]() -> int64_t { return budget_ms > 0 ? budget_ms - (MonotonicMs() - start) : INT64_MAX; };
  int attempts = 0;
  Status last;
  for (;;) {
    ++attempts;
    int64_t attempt_timeout = std::min(options_.timeout_ms, left());
    if (attempt_timeout <= 0)
      return Status::LimitExceeded("timeout: " + what + " after " + std::to_string(attempts - 1) +
                                   " attempt(s)");
    bool retryable = false;
    Status s = Attempt(request, attempt_timeout, response, &retryable);
    response->attempts = attempts;
    if (s.ok() && !retryable) return Status::Ok();
    if (!s.ok() && s.code() == Status::Code::kLimitExceeded)
      return Status::LimitExceeded(what + ": " + s.message());
    last = s.ok() ? Status::IoError("HTTP " + std::to_string(response->status)) : s;
    if (!retryable || attempts > options_.max_retries) break;
    int64_t delay = options_.backoff_base_ms << std::min(attempts - 1, 30);
    if (s.ok()) {
      std::string after = response->Header("Retry-After");
      int64_t wall_now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
      int64_t hinted = after.empty() ? -1 : ParseRetryAfterMs(after, wall_now);
      if (hinted >= 0) delay = hinted;
    }
    delay = std::min(delay, options_.max_backoff_ms);
    if (delay >= left()) {
      return Status::LimitExceeded("timeout: " + what + ": " + last.message() + " after " +
                                   std::to_string(attempts) +
                                   " attempt(s); the next retry would pass the deadline");
    }
    sleep_(delay);
  }
  std::string detail = last.message();
  if (response->status != 0 && detail.rfind("HTTP ", 0) == 0) {
    std::string snippet = response->body.substr(0, 200);
    for (char& c : snippet)
      if (c == '\n' || c == '\r') c = ' ';
    if (!snippet.empty()) detail += " (" + snippet + ")";
  }
  return Status::IoError(what + ": " + detail + " after " + std::to_string(attempts) + " attempt(s)");
}

bool ParseIntParam(const SourceSetup& setup, const char* key, int64_t min, int64_t max, int64_t* out) {
  const json& p = setup.params;
  if (!p.contains(key)) return true;
  const json& v = p[key];
  int64_t n = 0;
  bool good = false;
  if (v.is_number_integer()) {
    n = v.get<int64_t>();
    good = true;
  } else if (v.is_string()) {
    const std::string& t = v.get_ref<const std::string&>();
    good = !t.empty() && t.size() < 12 &&
           std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (good) n = std::stoll(t);
  }
  if (!good || n < min || n > max) {
    setup.params_node.Get(key).Error(std::string(key) + " must be a whole number from " +
                                     std::to_string(min) + " to " + std::to_string(max));
    return false;
  }
  *out = n;
  return true;
}

bool ParseBoolParam(const SourceSetup& setup, const char* key, bool* out) {
  const json& p = setup.params;
  if (!p.contains(key)) return true;
  const json& v = p[key];
  if (v.is_boolean()) {
    *out = v.get<bool>();
    return true;
  }
  if (v.is_string() && (v == "true" || v == "false" || v == "yes" || v == "no")) {
    *out = v == "true" || v == "yes";
    return true;
  }
  setup.params_node.Get(key).Error(std::string(key) + " must be true or false");
  return false;
}

std::string JsonText(const json& obj, const char* key) {
  if (!obj.is_object()) return "";
  auto it = obj.find(key);
  if (it == obj.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

bool JsonTrue(const json& obj, const char* key) {
  if (!obj.is_object()) return false;
  auto it = obj.find(key);
  return it != obj.end() && it->is_boolean() && it->get<bool>();
}

std::string StringParam(const SourceSetup& setup, const char* key) {
  const json& p = setup.params;
  return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : "";
}

const std::vector<std::string_view>& HttpParamNames() {
  static const std::vector<std::string_view> kNames = {
      "username", "password", "headers",     "timeout",    "connect_timeout",
      "retries",  "backoff",  "max_backoff", "verify_tls", "ca_file"};
  return kNames;
}

bool ParseHttpParams(const SourceSetup& setup, HttpClientOptions* options) {
  const json& p = setup.params;
  bool ok = true;
  auto duration = [&](const char* key, int64_t* out) {
    if (!p.contains(key)) return;
    if (!p[key].is_string() || !ParseHttpDuration(p[key].get<std::string>(), out) || *out <= 0) {
      setup.params_node.Get(key).Error(std::string(key) + " must be a duration such as 500ms, 30s or 2m");
      ok = false;
    }
  };
  duration("timeout", &options->timeout_ms);
  duration("connect_timeout", &options->connect_timeout_ms);
  duration("backoff", &options->backoff_base_ms);
  duration("max_backoff", &options->max_backoff_ms);
  int64_t retries = options->max_retries;
  if (!ParseIntParam(setup, "retries", 0, 20, &retries)) ok = false;
  options->max_retries = static_cast<int>(retries);
  if (!ParseBoolParam(setup, "verify_tls", &options->verify_tls)) ok = false;
  if (p.contains("ca_file") && p["ca_file"].is_string()) {
    options->ca_file = p["ca_file"].get<std::string>();
    if (!options->ca_file.empty() && options->ca_file[0] != '/')
      options->ca_file = setup.config_dir + "/" + options->ca_file;
  }
  if (p.contains("username") && p["username"].is_string())
    options->username = p["username"].get<std::string>();
  if (p.contains("password") && p["password"].is_string())
    options->password = p["password"].get<std::string>();
  if (!options->password.empty() && options->username.empty()) {
    setup.params_node.Get("password").Error("password needs username");
    ok = false;
  }
  if (p.contains("headers")) {
    if (!p["headers"].is_object()) {
      setup.params_node.Get("headers").Error("headers must be a map of header name to value");
      ok = false;
    } else {
      for (auto it = p["headers"].begin(); it != p["headers"].end(); ++it) {
        if (!it->is_string()) {
          setup.params_node.Get("headers").Get(it.key()).Error("header values must be strings");
          ok = false;
          continue;
        }
        options->headers.emplace_back(it.key(), it->get<std::string>());
      }
    }
  }
  return ok;
}

}  // namespace recproc
