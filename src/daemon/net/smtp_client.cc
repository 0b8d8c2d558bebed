// SMTP submission through libcurl's smtp:// protocol handler: MAIL FROM,
// RCPT TO per recipient and the message uploaded through a read callback.
// One easy handle per message; notifications are few per cycle.
#include "daemon/net/smtp_client.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace recproc {
namespace {

struct Upload {
  const std::string* text;
  size_t at = 0;
};

size_t ReadMessage(char* buffer, size_t size, size_t n, void* user) {
  Upload* up = static_cast<Upload*>(user);
  size_t len = std::min(size * n, up->text->size() - up->at);
  std::memcpy(buffer, up->text->data() + up->at, len);
  up->at += len;
  return len;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct EasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

}  // namespace

Status ParseStartTls(const std::string& text, SmtpOptions::StartTls* out) {
  if (text == "try") *out = SmtpOptions::StartTls::kTry;
  else if (text == "require") *out = SmtpOptions::StartTls::kRequire;
  else if (text == "none") *out = SmtpOptions::StartTls::kNone;
  else return Status::InvalidArgument("starttls must be try, require or none, not '" + text + "'");
  return Status::Ok();
}

std::string RedactedSmtpUrl(const std::string& url) {
  size_t scheme = url.find("://");
  size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  size_t end = url.find_first_of("/?#", host);
  std::string authority = url.substr(host, end == std::string::npos ? std::string::npos : end - host);
  if (size_t at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  return url.substr(0, host) + authority;
}

Status SendMail(const SmtpOptions& o, const std::string& envelope_from, const std::vector<std::string>& recipients,
                const std::string& message) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) return Status::IoError("cannot initialise libcurl");
  std::unique_ptr<curl_slist, SlistDeleter> rcpt;
  for (const std::string& r : recipients) {
    curl_slist* next = curl_slist_append(rcpt.get(), ("<" + r + ">").c_str());
    rcpt.release();
    rcpt.reset(next);
  }
  Upload up{&message};
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, o.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + envelope_from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadMessage);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.timeout_ms));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!o.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
  if (o.url.rfind("smtp://", 0) == 0) {
    long use_ssl = o.starttls == SmtpOptions::StartTls::kRequire ? CURLUSESSL_ALL
                   : o.starttls == SmtpOptions::StartTls::kTry   ? CURLUSESSL_TRY
                                                                 : CURLUSESSL_NONE;
    curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl);
  }
  if (!o.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, o.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, o.password.c_str());
  }
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string why = error[0] != '\0' ? error : curl_easy_strerror(rc);
    while (!why.empty() && (why.back() == '\n' || why.back() == '\r')) why.pop_back();
    return Status::IoError("sending mail through " + RedactedSmtpUrl(o.url) + " failed: " + why);
  }
  return Status::Ok();
}

}  // namespace recproc
