// The HTTP daemon types against a real loopback HTTP server
// (tests/http_test_server.h): the client's retry/backoff/timeout behaviour,
// then each type's cursor rules (nothing twice, nothing lost), then the
// binary end to end: a TAXII daemon run writes a threat list that
// `recproc run` matches.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "daemon/daemon_definition.h"
#include "daemon/net/http_client.h"
#include "daemon/sources/threat_list_writer.h"
#include "e2e_util.h"
#include "http_test_server.h"
#include "test_paths.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/recproc_net_XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// libcurl honours http_proxy from the environment; the loopback test servers
// must be reached directly wherever the tests run (children inherit this).
const bool kLoopbackBypassesProxies = [] {
  setenv("no_proxy", "127.0.0.1,localhost", 1);
  setenv("NO_PROXY", "127.0.0.1,localhost", 1);
  return true;
}();

HttpClientOptions FastOptions() {
  HttpClientOptions o;
  o.timeout_ms = 10000;  // generous: the machine may be busy
  o.backoff_base_ms = 1;
  o.max_backoff_ms = 5000;
  o.max_retries = 3;
  return o;
}

// ---- HttpClient ------------------------------------------------------------

TEST(HttpClient, RetriesA503ThenSucceedsWithExponentialBackoff) {
  HttpTestServer server;
  ASSERT_TRUE(server.ok());
  int calls = 0;
  server.Route("/feed", [&](const TestRequest&) {
    TestResponse r;
    if (++calls <= 2) {
      r.status = 503;
      r.body = "busy";
    } else {
      r.body = "ok";
    }
    return r;
  });
  HttpClientOptions o = FastOptions();
  o.backoff_base_ms = 7;
  HttpClient client(o);
  std::vector<int64_t> sleeps;
  client.set_sleep_for_testing([&](int64_t ms) { sleeps.push_back(ms); });
  HttpResponse resp;
  ASSERT_TRUE(client.Send({"GET", server.base() + "/feed", {}, ""}, 0, &resp).ok());
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body, "ok");
  EXPECT_EQ(resp.attempts, 3);
  EXPECT_EQ(sleeps, (std::vector<int64_t>{7, 14}));
}

TEST(HttpClient, HonoursRetryAfterOn429ButCapsIt) {
  HttpTestServer server;
  int calls = 0;
  server.Route("/x", [&](const TestRequest&) {
    TestResponse r;
    if (++calls == 1) {
      r.status = 429;
      r.headers.emplace_back("Retry-After", "3");
    } else if (calls == 2) {
      r.status = 429;
      r.headers.emplace_back("Retry-After", "3600");
    } else {
      r.body = "done";
    }
    return r;
  });
  HttpClient client(FastOptions());
  std::vector<int64_t> sleeps;
  client.set_sleep_for_testing([&](int64_t ms) { sleeps.push_back(ms); });
  HttpResponse resp;
  ASSERT_TRUE(client.Send({"GET", server.base() + "/x", {}, ""}, 0, &resp).ok());
  EXPECT_EQ(resp.body, "done");
  EXPECT_EQ(sleeps, (std::vector<int64_t>{3000, 5000}));  // 3600 s capped at max_backoff
}

TEST(HttpClient, GivesUpWithStatusAndUrlWithoutCredentials) {
  HttpTestServer server;
  server.Route("/down", [](const TestRequest&) {
    TestResponse r;
    r.status = 503;
    r.body = "maintenance";
    return r;
  });
  HttpClientOptions o = FastOptions();
  o.max_retries = 2;
  HttpClient client(o);
  client.set_sleep_for_testing([](int64_t) {});
  HttpResponse resp;
  std::string url = "http://alice:hunter22@127.0.0.1:" + std::to_string(server.port()) + "/down?key=s3cr3t";
  Status s = client.Send({"GET", url, {}, ""}, 0, &resp);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(server.Count("/down"), 3);
  EXPECT_NE(s.message().find("HTTP 503"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("http://127.0.0.1:" + std::to_string(server.port()) + "/down"),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("3 attempt"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("hunter22"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("s3cr3t"), std::string::npos) << s.message();
  // The credentials in the URL were still used.
  EXPECT_EQ(server.requests()[0].Header("authorization"), "Basic YWxpY2U6aHVudGVyMjI=");
}

TEST(HttpClient, ClientErrorsAndNotModifiedAreAnswersNotRetried) {
  HttpTestServer server;
  server.Route("/gone", [](const TestRequest&) { return TestResponse{404, {}, "nope"}; });
  server.Route("/same", [](const TestRequest&) { return TestResponse{304, {{"ETag", "\"v1\""}}, ""}; });
  HttpClient client(FastOptions());
  client.set_sleep_for_testing([](int64_t) { ADD_FAILURE() << "no retry expected"; });
  HttpResponse resp;
  ASSERT_TRUE(client.Send({"GET", server.base() + "/gone", {}, ""}, 0, &resp).ok());
  EXPECT_EQ(resp.status, 404);
  ASSERT_TRUE(
      client.Send({"GET", server.base() + "/same", {{"If-None-Match", "\"v1\""}}, ""}, 0, &resp).ok());
  EXPECT_EQ(resp.status, 304);
  EXPECT_EQ(resp.Header("etag"), "\"v1\"");
  EXPECT_EQ(server.requests().back().Header("if-none-match"), "\"v1\"");
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(HttpClient, TruncatedBodyIsRetried) {
  HttpTestServer server;
  int calls = 0;
  server.Route("/big", [&](const TestRequest&) {
    TestResponse r;
    r.body = std::string(5000, 'x');
    if (++calls == 1) r.truncate_at = 100;
    return r;
  });
  HttpClient client(FastOptions());
  client.set_sleep_for_testing([](int64_t) {});
  HttpResponse resp;
  ASSERT_TRUE(client.Send({"GET", server.base() + "/big", {}, ""}, 0, &resp).ok());
  EXPECT_EQ(resp.body.size(), 5000u);
  EXPECT_EQ(resp.attempts, 2);
}

TEST(HttpClient, StalledServerTimesOut) {
  HttpTestServer server;
  server.Route("/slow", [](const TestRequest&) {
    TestResponse r;
    r.stall_ms = 1500;
    r.body = "late";
    return r;
  });
  HttpClientOptions o = FastOptions();
  o.timeout_ms = 200;
  o.max_retries = 0;
  HttpClient client(o);
  HttpResponse resp;
  Status s = client.Send({"GET", server.base() + "/slow", {}, ""}, 0, &resp);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("imed out"), std::string::npos) << s.message();
  // A budget smaller than the next backoff stops with a timeout status.
  o.max_retries = 3;
  o.backoff_base_ms = 60000;
  o.max_backoff_ms = 60000;
  HttpClient budgeted(o);
  s = budgeted.Send({"GET", server.base() + "/slow", {}, ""}, 1000, &resp);
  EXPECT_EQ(s.code(), Status::Code::kLimitExceeded) << s.message();
  EXPECT_EQ(s.message().rfind("timeout", 0), 0u) << s.message();
}

TEST(HttpClient, ConnectionRefusedIsAClearError) {
  int port;
  {
    HttpTestServer gone;
    port = gone.port();
  }
  HttpClientOptions o = FastOptions();
  o.max_retries = 1;
  HttpClient client(o);
  client.set_sleep_for_testing([](int64_t) {});
  HttpResponse resp;
  Status s = client.Send({"GET", "http://127.0.0.1:" + std::to_string(port) + "/", {}, ""}, 0, &resp);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("2 attempt"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("127.0.0.1"), std::string::npos) << s.message();
}

TEST(HttpClient, HelpersRedactAndParse) {
  EXPECT_EQ(RedactUrl("https://u:p@host:8443/a/b?token=x#f"), "https://host:8443/a/b");
  EXPECT_EQ(RedactUrl("http://host/p@q"), "http://host/p@q");
  EXPECT_EQ(ParseRetryAfterMs("120", 0), 120000);
  EXPECT_EQ(ParseRetryAfterMs("Wed, 21 Oct 2015 07:28:10 GMT", 1445412480000), 10000);
  EXPECT_EQ(ParseRetryAfterMs("soon", 0), -1);
  EXPECT_EQ(AppendQuery("http://h/o/?limit=5", "match[type]", "indicator,url"),
            "http://h/o/?limit=5&match%5Btype%5D=indicator%2Curl");
}

// An HTTPS peer: `openssl s_server -www` with a throw-away self-signed
// certificate for 127.0.0.1, started and stopped by the test.
class TlsServer {
 public:
  explicit TlsServer(const fs::path& dir) {
    cert_ = (dir / "cert.pem").string();
    std::string key = (dir / "key.pem").string();
    std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout " +
        key + " -out " + cert_ + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) return;
    {
      HttpTestServer probe;  // borrow a free loopback port
      port_ = probe.port();
    }
    pid_ = fork();
    if (pid_ == 0) {
      freopen("/dev/null", "w", stdout);
      freopen("/dev/null", "w", stderr);
      std::string accept = "127.0.0.1:" + std::to_string(port_);
      execlp("openssl", "openssl", "s_server", "-accept", accept.c_str(), "-cert", cert_.c_str(), "-key",
             key.c_str(), "-www", "-quiet", static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 100 && !ready_; ++i) {  // up to ~5 s for the listener
      int fd = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      addr.sin_port = htons(static_cast<uint16_t>(port_));
      ready_ = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
      close(fd);
      if (!ready_) usleep(50000);
    }
  }
  ~TlsServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool ready() const { return ready_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }
  const std::string& cert() const { return cert_; }

 private:
  std::string cert_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
};

TEST(HttpClient, VerifiesTlsByDefaultAndAcceptsAPrivateCa) {
  if (std::system("command -v openssl >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "openssl is not installed; the TLS test needs 'openssl s_server'";
  TempDir dir;
  TlsServer tls(dir.path());
  ASSERT_TRUE(tls.ready()) << "openssl s_server did not start";
  HttpClientOptions o = FastOptions();
  HttpClient strict(o);
  strict.set_sleep_for_testing([](int64_t) {});
  HttpResponse resp;
  Status s = strict.Send({"GET", tls.url(), {}, ""}, 0, &resp);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("1 attempt"), std::string::npos) << s.message();  // not retried
  EXPECT_NE(s.message().find("certificate"), std::string::npos) << s.message();

  o.ca_file = tls.cert();
  HttpClient with_ca(o);
  ASSERT_TRUE(with_ca.Send({"GET", tls.url(), {}, ""}, 0, &resp).ok());
  EXPECT_EQ(resp.status, 200);

  o.ca_file.clear();
  o.verify_tls = false;
  HttpClient insecure(o);
  ASSERT_TRUE(insecure.Send({"GET", tls.url(), {}, ""}, 0, &resp).ok());
  EXPECT_EQ(resp.status, 200);
}

// ---- Daemon helpers ----------------------------------------------------------

// Loads a daemon YAML written into `dir` and runs one Fetch with `cursor`.
struct FetchRun {
  Status status;
  FetchResult result;
};

FetchRun FetchOnce(const fs::path& dir, const std::string& yaml, const json* cursor,
                   int64_t now_ms = 1790000000000, FetchLimits limits = {}) {
  fs::path file = dir / "d.yaml";
  Spit(file, yaml);
  ConfigErrors errors;
  DaemonDefinition def;
  FetchRun run;
  if (!LoadDaemonDefinition(file.string(), &errors, &def)) {
    run.status = Status::InvalidArgument(errors.ToString());
    return run;
  }
  fs::create_directories(dir / "state");
  FetchContext ctx;
  ctx.daemon_name = def.name;
  ctx.cursor = cursor;
  json initial = def.InitialCursor(now_ms);
  ctx.initial_cursor = initial.is_null() ? nullptr : &initial;
  ctx.now_ms = now_ms;
  ctx.window_end_ms = now_ms;
  ctx.limits = limits;
  ctx.timeout_ms = 20000;
  ctx.state_dir = (dir / "state").string();
  ctx.params = &def.params;
  run.status = def.source->Fetch(ctx, &run.result);
  return run;
}

std::vector<std::string> Ids(const FetchResult& r, const char* key = "id") {
  std::vector<std::string> ids;
  for (const json& item : r.items) ids.push_back(item.value(key, ""));
  return ids;
}

// ---- TAXII 2.1 -----------------------------------------------------------------

// A TAXII 2.1 server over one collection whose objects carry the time they
// were added; objects/ honours added_after, limit and next (or, in
// `no_next` mode, answers more=true without next, as the spec allows).
class FakeTaxii {
 public:
  struct Entry {
    std::string added;  // RFC 3339, ascending
    json object;
  };

  explicit FakeTaxii(HttpTestServer* server) : server_(server) {
    server->Route("/taxii2/", [this](const TestRequest& r) {
      return Json(r, {{"title", "test"}, {"default", "/api1/"}, {"api_roots", {"/api1/"}}});
    });
    server->Route("/api1/collections/", [this](const TestRequest& r) {
      return Json(r, {{"collections",
                       {{{"id", "91a7b528-80eb-42ed-a74d-c6fbd5a26116"},
                         {"title", "High Value Indicators"},
                         {"can_read", true},
                         {"can_write", false}}}}});
    });
    server->Route("/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/objects/",
                  [this](const TestRequest& r) { return Objects(r); });
  }
  ~FakeTaxii() { server_->Stop(); }

  void Add(const std::string& added, json object) {
    server_->Locked([&] { entries_.push_back({added, std::move(object)}); });
  }
  bool no_next = false;
  int last_limit = 0;

 private:
  TestResponse Json(const TestRequest& r, const json& body) {
    TestResponse resp;
    if (r.Header("accept") != "application/taxii+json;version=2.1") {
      resp.status = 406;
      return resp;
    }
    if (r.Header("authorization") != "Basic dGF4aWk6cGFzc3dvcmQ=") {  // taxii:password
      resp.status = 401;
      return resp;
    }
    resp.headers.emplace_back("Content-Type", "application/taxii+json;version=2.1");
    resp.body = body.dump();
    return resp;
  }

  TestResponse Objects(const TestRequest& r) {
    std::string after = r.query.count("added_after") ? r.query.at("added_after") : "";
    size_t limit = r.query.count("limit") ? std::stoul(r.query.at("limit")) : 100;
    last_limit = static_cast<int>(limit);
    size_t start = r.query.count("next") ? std::stoul(r.query.at("next")) : 0;
    std::vector<const Entry*> match;
    for (const Entry& e : entries_)
      if (after.empty() || e.added > after) match.push_back(&e);
    json objects = json::array();
    size_t i = start;
    for (; i < match.size() && objects.size() < limit; ++i) objects.push_back(match[i]->object);
    json envelope = {{"more", i < match.size()}};
    if (i < match.size() && !no_next) envelope["next"] = std::to_string(i);
    if (!objects.empty()) envelope["objects"] = objects;
    TestResponse resp = Json(r, envelope);
    if (!objects.empty()) {
      resp.headers.emplace_back("X-TAXII-Date-Added-First", match[start]->added);
      resp.headers.emplace_back("X-TAXII-Date-Added-Last", match[i - 1]->added);
    }
    return resp;
  }

  HttpTestServer* server_;
  std::vector<Entry> entries_;
};

json Indicator(const std::string& id, const std::string& ip,
               const std::string& modified = "2026-01-01T00:00:00.000Z") {
  return {{"type", "indicator"},
          {"spec_version", "2.1"},
          {"id", "indicator--" + id},
          {"created", "2026-01-01T00:00:00.000Z"},
          {"modified", modified},
          {"pattern", "[ipv4-addr:value = '" + ip + "']"},
          {"pattern_type", "stix"},
          {"valid_from", "2026-01-01T00:00:00Z"},
          {"indicator_types", {"malicious-activity"}}};
}

std::string TaxiiYaml(const HttpTestServer& server, const std::string& extra = "") {
  return "version: 1\nname: taxii-test\ntype: taxii21\nschedule: {every: 1h}\n"
         "params:\n  url: " +
         server.base() +
         "/taxii2/\n  collection: High Value Indicators\n"
         "  username: taxii\n  password: password\n  page_size: '2'\n  types: [indicator]\n"
         "  backoff: 1ms\n" +
         extra;
}

TEST(Taxii21, PagesWithNextAndStoresTheServersDateAddedLast) {
  HttpTestServer server;
  FakeTaxii taxii(&server);
  for (int i = 1; i <= 5; ++i)
    taxii.Add("2026-01-0" + std::to_string(i) + "T00:00:00.000Z",
              Indicator(std::to_string(i), "198.51.100." + std::to_string(i)));
  taxii.Add("2026-01-06T00:00:00.000Z", json{{"type", "malware"}, {"id", "malware--x"}});
  TempDir dir;
  FetchRun run = FetchOnce(dir.path(), TaxiiYaml(server), nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_EQ(Ids(run.result), (std::vector<std::string>{"indicator--1", "indicator--2", "indicator--3",
                                                       "indicator--4", "indicator--5"}));
  EXPECT_EQ(taxii.last_limit, 2);
  EXPECT_EQ(run.result.pages, 3);
  ASSERT_TRUE(run.result.cursor.has_value());
  EXPECT_EQ(*run.result.cursor, "2026-01-06T00:00:00.000Z");
  EXPECT_EQ(run.result.items[0]["iocs"],
            json::parse(R"([{"type":"ipv4-addr:value","value":"198.51.100.1"}])"));
  EXPECT_EQ(run.result.items[0]["pattern_supported"], true);
  // Every objects request asked for indicators in the TAXII media type.
  for (const TestRequest& r : server.requests()) {
    EXPECT_EQ(r.Header("accept"), "application/taxii+json;version=2.1");
    if (r.path.find("/objects/") != std::string::npos) {
      EXPECT_EQ(r.query.at("match[type]"), "indicator");
    }
  }

  // Second run from the committed cursor: nothing new, cursor kept.
  json cursor = *run.result.cursor;
  FetchRun again = FetchOnce(dir.path(), TaxiiYaml(server), &cursor);
  ASSERT_TRUE(again.status.ok()) << again.status.message();
  EXPECT_TRUE(again.result.items.empty());
  EXPECT_EQ(*again.result.cursor, cursor);

  // New data appears exactly once.
  taxii.Add("2026-01-07T00:00:00.000Z", Indicator("7", "203.0.113.7"));
  FetchRun third = FetchOnce(dir.path(), TaxiiYaml(server), &cursor);
  ASSERT_TRUE(third.status.ok());
  EXPECT_EQ(Ids(third.result), (std::vector<std::string>{"indicator--7"}));
  EXPECT_EQ(*third.result.cursor, "2026-01-07T00:00:00.000Z");
  EXPECT_EQ(server.requests().back().query.at("added_after"), "2026-01-06T00:00:00.000Z");
}

TEST(Taxii21, MoreWithoutNextContinuesFromDateAddedLast) {
  HttpTestServer server;
  FakeTaxii taxii(&server);
  taxii.no_next = true;
  for (int i = 1; i <= 5; ++i)
    taxii.Add("2026-02-0" + std::to_string(i) + "T00:00:00Z",
              Indicator(std::to_string(i), "192.0.2." + std::to_string(i)));
  TempDir dir;
  FetchRun run =
      FetchOnce(dir.path(), TaxiiYaml(server, "cursor: {initial: '2026-02-01T12:00:00Z'}\n"), nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_EQ(Ids(run.result),
            (std::vector<std::string>{"indicator--2", "indicator--3", "indicator--4", "indicator--5"}));
  EXPECT_EQ(*run.result.cursor, "2026-02-05T00:00:00Z");
  std::vector<std::string> afters;
  for (const TestRequest& r : server.requests())
    if (r.query.count("added_after")) afters.push_back(r.query.at("added_after"));
  EXPECT_EQ(afters, (std::vector<std::string>{"2026-02-01T12:00:00Z", "2026-02-03T00:00:00Z"}));
  for (const TestRequest& r : server.requests()) EXPECT_EQ(r.query.count("next"), 0u);
}

TEST(Taxii21, MaxPagesStopsPartialWithTheCursorAfterTheLastPage) {
  HttpTestServer server;
  FakeTaxii taxii(&server);
  for (int i = 1; i <= 5; ++i)
    taxii.Add("2026-03-0" + std::to_string(i) + "T00:00:00Z",
              Indicator(std::to_string(i), "192.0.2." + std::to_string(i)));
  TempDir dir;
  FetchLimits limits;
  limits.max_pages = 1;
  FetchRun run = FetchOnce(dir.path(), TaxiiYaml(server), nullptr, 1790000000000, limits);
  ASSERT_TRUE(run.status.ok());
  EXPECT_TRUE(run.result.partial);
  EXPECT_EQ(run.result.items.size(), 2u);
  EXPECT_EQ(*run.result.cursor, "2026-03-02T00:00:00Z");

  // max_items 3 with pages of 2: the second request asks for 1, and the
  // cursor stands after the third object.
  limits = {};
  limits.max_items = 3;
  run = FetchOnce(dir.path(), TaxiiYaml(server), nullptr, 1790000000000, limits);
  ASSERT_TRUE(run.status.ok());
  EXPECT_TRUE(run.result.partial);
  EXPECT_EQ(Ids(run.result), (std::vector<std::string>{"indicator--1", "indicator--2", "indicator--3"}));
  EXPECT_EQ(*run.result.cursor, "2026-03-03T00:00:00Z");
  EXPECT_EQ(taxii.last_limit, 1);
}

TEST(Taxii21, WrongPasswordAndUnknownCollectionAreClearErrors) {
  HttpTestServer server;
  FakeTaxii taxii(&server);
  TempDir dir;
  std::string yaml = TaxiiYaml(server);
  yaml.replace(yaml.find("password: password"), 18, "password: wrong-pw");
  FetchRun run = FetchOnce(dir.path(), yaml, nullptr);
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.message().find("HTTP 401"), std::string::npos) << run.status.message();
  EXPECT_EQ(run.status.message().find("wrong-pw"), std::string::npos);
  yaml = TaxiiYaml(server);
  yaml.replace(yaml.find("High Value Indicators"), 21, "Nope");
  run = FetchOnce(dir.path(), yaml, nullptr);
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.message().find("collection 'Nope' not found"), std::string::npos)
      << run.status.message();
}

TEST(Taxii21, MalformedServerAnswersAreErrorsNotCrashes) {
  HttpTestServer server;
  server.Serve("/taxii2/", R"({"title": null, "default": 5, "api_roots": ["/api1/"]})");
  server.Serve("/api1/collections/", R"({"collections": [{"id": "c1", "title": null}, 7]})");
  server.Serve("/api1/collections/c1/objects/",
               R"({"more": null, "objects": [3, {"type": null}, {"id": 9}]})");
  TempDir dir;
  std::string yaml =
      "version: 1\nname: t\ntype: taxii21\nschedule: {every: 1h}\n"
      "params: {url: '" +
      server.base() + "/taxii2/', collection: c1, backoff: 1ms}\n";
  FetchRun run = FetchOnce(dir.path(), yaml, nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_EQ(run.result.items.size(), 2u);  // the two objects; the number is skipped
  server.Serve("/api1/collections/c1/objects/", "[1, 2]");
  run = FetchOnce(dir.path(), yaml, nullptr);
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.message().find("envelope"), std::string::npos) << run.status.message();
}

TEST(Taxii21, BadParamsAreReportedAtLoad) {
  TempDir dir;
  FetchRun run = FetchOnce(dir.path(),
                           "version: 1\nname: t\ntype: taxii21\nschedule: {every: 1h}\n"
                           "params: {url: 'http://x/', page_size: lots, colection: a, retries: '99'}\n",
                           nullptr);
  ASSERT_FALSE(run.status.ok());
  const std::string& m = run.status.message();
  EXPECT_NE(m.find("page_size must be a whole number"), std::string::npos) << m;
  EXPECT_NE(m.find("colection' (did you mean 'collection'"), std::string::npos) << m;
  EXPECT_NE(m.find("needs params.collection"), std::string::npos) << m;
  EXPECT_NE(m.find("retries must be a whole number"), std::string::npos) << m;
}

TEST(Taxii21, ThreatListFollowsNewVersionsAndRevocations) {
  HttpTestServer server;
  FakeTaxii taxii(&server);
  taxii.Add("2026-04-01T00:00:00Z", Indicator("a", "198.51.100.7"));
  taxii.Add("2026-04-02T00:00:00Z", Indicator("b", "198.51.100.8"));
  TempDir dir;
  std::string yaml = TaxiiYaml(server, "  threat_list: {path: intel.ndjson, source: taxii_intel}\n");
  FetchRun run = FetchOnce(dir.path(), yaml, nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  std::vector<json> lines = JsonLines(Slurp(dir.path() / "intel.ndjson"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["indicator"], "198.51.100.7");
  EXPECT_EQ(lines[0]["type"], "ipv4-addr:value");
  EXPECT_EQ(lines[0]["source"], "taxii_intel");
  EXPECT_EQ(lines[0]["feed"],
            server.base() + "/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/objects/");
  json meta = json::parse(Slurp(dir.path() / "intel.ndjson.meta.json"));
  EXPECT_EQ(meta["total"], 2);

  // a gets a new version with another value, b is revoked.
  json a2 = Indicator("a", "203.0.113.9", "2026-04-03T00:00:00.000Z");
  json b2 = Indicator("b", "198.51.100.8", "2026-04-03T00:00:00.000Z");
  b2["revoked"] = true;
  taxii.Add("2026-04-03T00:00:00Z", a2);
  taxii.Add("2026-04-03T00:00:01Z", b2);
  json cursor = *run.result.cursor;
  run = FetchOnce(dir.path(), yaml, &cursor);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  lines = JsonLines(Slurp(dir.path() / "intel.ndjson"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["id"], "indicator--a");
  EXPECT_EQ(lines[0]["indicator"], "203.0.113.9");
}

// ---- MISP feed -------------------------------------------------------------------

const char* kSednit = "5a3c2fcd-8328-42bb-a95e-4f4402de0b81";

class MispFeed : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::path feed = fs::path(RECPROC_SHARED_DIR) / "corpus" / "misp" / "feed";
    if (!fs::exists(feed)) GTEST_SKIP() << "corpus not found at " << feed << "; MISP feed tests skipped";
    manifest_ = json::parse(Slurp(feed / "manifest.json"));
    event_ = json::parse(Slurp(feed / (std::string(kSednit) + ".json")));
    server_.Route("/feed/manifest.json", [this](const TestRequest&) {
      return TestResponse{200, {}, manifest_.dump()};
    });
    server_.Route("/feed/" + std::string(kSednit) + ".json", [this](const TestRequest&) {
      return TestResponse{200, {}, event_.dump()};
    });
  }
  std::string Yaml(const std::string& extra = "") {
    return "version: 1\nname: misp-feed\ntype: misp_feed\nschedule: {every: 1h}\n"
           "params:\n  url: " +
           server_.base() + "/feed\n  backoff: 1ms\n" + extra;
  }
  json manifest_, event_;
  TempDir dir_;
  HttpTestServer server_;  // last: stops before the state its routes read goes
};

TEST_F(MispFeed, FetchesEachEventOnceAndEditedAttributesOnce) {
  FetchRun run =
      FetchOnce(dir_.path(), Yaml("  threat_list: {path: misp.ndjson, source: sednit}\n"), nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  ASSERT_EQ(run.result.items.size(), 122u);  // 9 event attributes + 113 in objects
  EXPECT_EQ(run.result.pages, 2);
  ASSERT_TRUE(run.result.cursor.has_value());
  EXPECT_EQ((*run.result.cursor)["events"][kSednit], 1513948642);
  const json& first = run.result.items[0];
  EXPECT_EQ(first["event_uuid"], kSednit);
  EXPECT_EQ(first["event_org"], "CIRCL");
  EXPECT_EQ(first["type"], "link");
  EXPECT_EQ(first["timestamp"], 1513893921);
  int in_objects = 0;
  for (const json& item : run.result.items) in_objects += item.contains("object_name");
  EXPECT_EQ(in_objects, 113);
  // The threat list holds the IDS attributes of usable types (no filenames):
  // the same 68 that the misp_feed list loader reads from the corpus.
  std::vector<json> lines = JsonLines(Slurp(dir_.path() / "misp.ndjson"));
  EXPECT_EQ(lines.size(), 68u);
  EXPECT_EQ(lines[0]["source"], "sednit");

  // Unchanged manifest: the event is not fetched again.
  json cursor = *run.result.cursor;
  server_.ClearRequests();
  run = FetchOnce(dir_.path(), Yaml(), &cursor);
  ASSERT_TRUE(run.status.ok());
  EXPECT_TRUE(run.result.items.empty());
  EXPECT_EQ(server_.requests().size(), 1u);
  EXPECT_EQ(*run.result.cursor, cursor);

  // One attribute edited: the event is fetched, only that attribute comes out.
  json& attribute = event_["Event"]["Attribute"][5];
  std::string uuid = attribute["uuid"];
  attribute["timestamp"] = "1513990000";
  attribute["comment"] = "edited";
  event_["Event"]["timestamp"] = "1513990000";
  manifest_[kSednit]["timestamp"] = "1513990000";
  run = FetchOnce(dir_.path(), Yaml(), &cursor);
  ASSERT_TRUE(run.status.ok());
  ASSERT_EQ(run.result.items.size(), 1u);
  EXPECT_EQ(run.result.items[0]["uuid"], uuid);
  EXPECT_EQ(run.result.items[0]["comment"], "edited");
  EXPECT_EQ((*run.result.cursor)["events"][kSednit], 1513990000);
}

TEST_F(MispFeed, ToIdsOnlyAndErrorsNameTheUrl) {
  FetchRun run = FetchOnce(dir_.path(), Yaml("  to_ids_only: 'true'\n"), nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_EQ(run.result.items.size(), 83u);
  server_.Route("/feed/manifest.json", [](const TestRequest&) { return TestResponse{403, {}, "denied"}; });
  run = FetchOnce(dir_.path(), Yaml(), nullptr);
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.message().find("HTTP 403"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find(server_.base() + "/feed/manifest.json"), std::string::npos)
      << run.status.message();
}

TEST_F(MispFeed, EndToEndThroughTheBinary) {
  fs::path daemon = dir_.path() / "misp.yaml";
  fs::path out = dir_.path() / "out";
  fs::path list = dir_.path() / "misp.ndjson";
  Spit(daemon, Yaml("  threat_list: {path: " + list.string() + "}\n") +
                   "dedup: {key: '{uuid}|{timestamp}'}\noutput: {sink: 'file:" +
                   (out / "misp.jsonl").string() + "'}\n");
  std::string state = (dir_.path() / "state").string();
  auto run = [&](const std::string& extra) {
    return RunRecproc("daemon run " + daemon.string() +
                      " --force --quiet --now 2026-01-01T00:00:00Z --state-dir " + state + extra);
  };
  // --dry-run prints the records and writes neither the list nor any state.
  CommandResult r = run(" --dry-run");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(r.out).size(), 122u);
  EXPECT_FALSE(fs::exists(list));
  r = run("");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(Slurp(out / "misp.jsonl")).size(), 122u);
  EXPECT_EQ(JsonLines(Slurp(list)).size(), 68u);
  r = run("");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(Slurp(out / "misp.jsonl")).size(), 122u);
  // An IDS flag cleared on one domain: one record out, and it leaves the list.
  json& attribute = event_["Event"]["Attribute"][5];
  ASSERT_EQ(attribute["to_ids"], true);
  server_.Locked([&] {
    attribute["to_ids"] = false;
    attribute["timestamp"] = "1514000000";
    manifest_[kSednit]["timestamp"] = "1514000000";
  });
  r = run("");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> lines = JsonLines(Slurp(out / "misp.jsonl"));
  ASSERT_EQ(lines.size(), 123u);
  EXPECT_EQ(lines.back()["uuid"], attribute["uuid"]);
  EXPECT_EQ(lines.back()["to_ids"], false);
  EXPECT_EQ(JsonLines(Slurp(list)).size(), 67u);
}

// ---- MISP restSearch ------------------------------------------------------------

// A MISP server's restSearch over an attribute table: checks the key,
// filters timestamp >= the request's, pages 1-based by limit.
class FakeMisp {
 public:
  explicit FakeMisp(HttpTestServer* server) {
    server->Route("/attributes/restSearch", [this](const TestRequest& r) {
      if (r.method != "POST" || r.Header("authorization") != "k3y-secret" ||
          r.Header("content-type") != "application/json")
        return TestResponse{403, {}, R"({"message":"Authentication failed."})"};
      json body = json::parse(r.body);
      bodies.push_back(body);
      int64_t from = body.value("timestamp", int64_t{0});
      int64_t page = body.value("page", int64_t{1}), limit = body.value("limit", int64_t{1000});
      std::vector<json> match;
      for (const json& a : attributes)
        if (ignore_filter || std::stoll(a["timestamp"].get<std::string>()) >= from) match.push_back(a);
      json out = json::array();
      for (int64_t i = (page - 1) * limit; i < page * limit && i < static_cast<int64_t>(match.size()); ++i)
        out.push_back(match[i]);
      return TestResponse{
          200, {{"Content-Type", "application/json"}}, json{{"response", {{"Attribute", out}}}}.dump()};
    });
  }
  void Put(const std::string& uuid, int64_t ts, const std::string& value) {
    for (json& a : attributes)
      if (a["uuid"] == uuid) {
        a["timestamp"] = std::to_string(ts);
        a["value"] = value;
        return;
      }
    attributes.push_back({{"uuid", uuid},
                          {"type", "ip-dst"},
                          {"category", "Network activity"},
                          {"value", value},
                          {"to_ids", true},
                          {"timestamp", std::to_string(ts)},
                          {"Event", {{"uuid", "ev-1"}, {"info", "test event"}}}});
  }
  std::vector<json> attributes, bodies;
  bool ignore_filter = false;
};

std::string MispRestYaml(const HttpTestServer& server) {
  return "version: 1\nname: misp-rest\ntype: misp_rest\nschedule: {every: 1h}\n"
         "params:\n  url: " +
         server.base() +
         "\n  api_key: k3y-secret\n  page_size: '2'\n  backoff: 1ms\n"
         "cursor: {initial: '2026-01-01T00:00:00Z'}\n";
}

std::vector<std::string> Uuids(const FetchResult& r) { return Ids(r, "uuid"); }

TEST(MispRest, PagesFromTheCursorAndEmitsEditsOnce) {
  HttpTestServer server;
  FakeMisp misp(&server);
  const int64_t t0 = 1767225600;  // 2026-01-01T00:00:00Z
  misp.Put("old", t0 - 10, "192.0.2.1");
  misp.Put("a", t0 + 1, "192.0.2.10");
  misp.Put("b", t0 + 3, "192.0.2.11");
  misp.Put("c", t0 + 2, "192.0.2.12");
  misp.Put("d", t0 + 3, "192.0.2.13");
  TempDir dir;
  FetchRun run = FetchOnce(dir.path(), MispRestYaml(server), nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_EQ(Uuids(run.result), (std::vector<std::string>{"a", "c", "b", "d"}));  // sorted by timestamp
  EXPECT_EQ(run.result.pages, 3);                                                // 2 + 2 + 0
  ASSERT_EQ(misp.bodies.size(), 3u);
  EXPECT_EQ(misp.bodies[0]["timestamp"], t0);
  EXPECT_EQ(misp.bodies[0]["page"], 1);
  EXPECT_EQ(misp.bodies[2]["page"], 3);
  EXPECT_EQ(misp.bodies[0]["to_ids"], 1);
  EXPECT_EQ(misp.bodies[0]["returnFormat"], "json");
  EXPECT_EQ(*run.result.cursor,
            json::parse(R"({"timestamp":)" + std::to_string(t0 + 3) + R"(,"seen":["b|)" +
                        std::to_string(t0 + 3) + R"(","d|)" + std::to_string(t0 + 3) + "\"]}"));
  EXPECT_EQ(run.result.items[0]["iocs"], json::parse(R"([{"type":"ipv4-addr:value","value":"192.0.2.10"}])"));

  // Nothing new: nothing out (b and d at T are remembered).
  json cursor = *run.result.cursor;
  misp.bodies.clear();
  run = FetchOnce(dir.path(), MispRestYaml(server), &cursor);
  ASSERT_TRUE(run.status.ok());
  EXPECT_TRUE(run.result.items.empty());
  EXPECT_EQ(misp.bodies[0]["timestamp"], t0 + 3);
  EXPECT_EQ(*run.result.cursor, cursor);

  // An edit of a (new timestamp) and a late attribute at exactly T.
  misp.Put("a", t0 + 5, "192.0.2.99");
  misp.Put("e", t0 + 3, "192.0.2.14");
  run = FetchOnce(dir.path(), MispRestYaml(server), &cursor);
  ASSERT_TRUE(run.status.ok());
  EXPECT_EQ(Uuids(run.result), (std::vector<std::string>{"e", "a"}));
  EXPECT_EQ(run.result.items[1]["value"], "192.0.2.99");
  cursor = *run.result.cursor;
  run = FetchOnce(dir.path(), MispRestYaml(server), &cursor);
  EXPECT_TRUE(run.result.items.empty());
}

TEST(MispRest, OldAttributesFromAServerIgnoringTheFilterAreDropped) {
  HttpTestServer server;
  FakeMisp misp(&server);
  misp.ignore_filter = true;
  misp.Put("old", 1000, "192.0.2.1");
  misp.Put("new", 1767225700, "192.0.2.2");
  TempDir dir;
  FetchRun run = FetchOnce(dir.path(), MispRestYaml(server), nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_EQ(Uuids(run.result), (std::vector<std::string>{"new"}));
  ASSERT_EQ(run.result.warnings.size(), 1u);
  EXPECT_NE(run.result.warnings[0].find("1 attribute(s) not newer"), std::string::npos);
}

TEST(MispRest, WrongKeyIsAClearErrorWithoutTheKey) {
  HttpTestServer server;
  FakeMisp misp(&server);
  TempDir dir;
  std::string yaml = MispRestYaml(server);
  yaml.replace(yaml.find("k3y-secret"), 10, "bad-key-42");
  FetchRun run = FetchOnce(dir.path(), yaml, nullptr);
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.message().find("HTTP 403 (check api_key)"), std::string::npos) << run.status.message();
  EXPECT_EQ(run.status.message().find("bad-key-42"), std::string::npos);
}

// ---- list_feed_http ----------------------------------------------------------------

// Serves `body` with an ETag derived from `version` (and/or Last-Modified),
// answering 304 to a matching conditional request.
struct FakeList {
  explicit FakeList(HttpTestServer* server) {
    server->Route("/ipblocklist.csv", [this](const TestRequest& r) {
      TestResponse resp;
      std::string etag = "\"v" + std::to_string(version) + "\"";
      std::string modified = "Mon, 0" + std::to_string(version) + " Jun 2026 10:00:00 GMT";
      if ((use_etag && r.Header("if-none-match") == etag) ||
          (use_last_modified && r.Header("if-modified-since") == modified)) {
        resp.status = 304;
        return resp;
      }
      if (use_etag) resp.headers.emplace_back("ETag", etag);
      if (use_last_modified) resp.headers.emplace_back("Last-Modified", modified);
      resp.headers.emplace_back("Content-Type", "text/csv");
      resp.body = body;
      return resp;
    });
  }
  std::string body;
  int version = 1;
  bool use_etag = true, use_last_modified = false;
};

std::string ListYaml(const HttpTestServer& server) {
  return "version: 1\nname: feodo\ntype: list_feed_http\nschedule: {every: 5m}\n"
         "params:\n  url: " +
         server.base() + "/ipblocklist.csv\n  key: dst_ip\n  backoff: 1ms\n";
}

std::string FeodoCorpus(int skip_rows) {
  // list_feed names CSV columns from a "# a,b,c" comment; the 2021 export
  // has the header as a quoted row, so the test turns it into that comment.
  // Quotes are dropped from the rows too: list_feed's line trim strips the
  // outer quotes of a whole line before splitting, which breaks quoted rows.
  fs::path file = fs::path(RECPROC_SHARED_DIR) / "corpus" / "abusech" / "feodotracker_ipblocklist.head15.csv";
  std::istringstream in(Slurp(file));
  std::string out;
  int row = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("\"first_seen_utc\"", 0) == 0) {
      out += "# first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware\n";
    } else if (!line.empty() && line[0] == '"') {
      std::string unquoted;
      for (char c : line)
        if (c != '"') unquoted += c;
      if (row++ >= skip_rows) out += unquoted + "\n";
    } else {
      out += line + "\n";
    }
  }
  return out;
}

TEST(ListFeedHttp, ConditionalGetEmitsChangesOnceAndNothingOn304) {
  if (!fs::exists(fs::path(RECPROC_SHARED_DIR) / "corpus" / "abusech"))
    GTEST_SKIP() << "corpus not found under " << RECPROC_SHARED_DIR << "; list_feed_http test skipped";
  HttpTestServer server;
  FakeList list(&server);
  list.body = FeodoCorpus(0);
  TempDir dir;
  FetchRun run = FetchOnce(dir.path(), ListYaml(server), nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  ASSERT_EQ(run.result.items.size(), 6u);
  EXPECT_EQ(run.result.items[0]["change"], "added");
  EXPECT_EQ(run.result.items[0]["key"], "111.230.104.169");  // sorted by key
  EXPECT_EQ(run.result.items[0]["malware"], "Dridex");
  json cursor = *run.result.cursor;
  EXPECT_EQ(cursor["etag"], "\"v1\"");
  EXPECT_TRUE(fs::exists(dir.path() / "state" / "feodo.download"));

  // Unchanged: 304, nothing emitted, the cursor stays.
  run = FetchOnce(dir.path(), ListYaml(server), &cursor);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_TRUE(run.result.items.empty());
  EXPECT_EQ(*run.result.cursor, cursor);
  EXPECT_EQ(server.requests().back().Header("if-none-match"), "\"v1\"");

  // New version without the first row and with one new row.
  list.version = 2;
  list.body = FeodoCorpus(1) + "2021-08-18 00:00:00,203.0.113.50,443,online,2021-08-18,QakBot\n";
  run = FetchOnce(dir.path(), ListYaml(server), &cursor);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  ASSERT_EQ(run.result.items.size(), 2u);
  EXPECT_EQ(run.result.items[0]["change"], "added");
  EXPECT_EQ(run.result.items[0]["key"], "203.0.113.50");
  EXPECT_EQ(run.result.items[1]["change"], "removed");
  EXPECT_EQ(run.result.items[1]["key"], "67.213.75.205");
  EXPECT_EQ((*run.result.cursor)["etag"], "\"v2\"");
}

TEST(ListFeedHttp, LastModifiedAndUnchangedBodiesWithoutValidators) {
  HttpTestServer server;
  FakeList list(&server);
  list.use_etag = false;
  list.use_last_modified = true;
  list.body = "# first_seen,dst_ip\n2026-01-01,192.0.2.1\n2026-01-01,192.0.2.2\n";
  TempDir dir;
  FetchRun run = FetchOnce(dir.path(), ListYaml(server), nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_EQ(run.result.items.size(), 2u);
  json cursor = *run.result.cursor;
  run = FetchOnce(dir.path(), ListYaml(server), &cursor);
  ASSERT_TRUE(run.status.ok());
  EXPECT_TRUE(run.result.items.empty());
  EXPECT_EQ(server.requests().back().Header("if-modified-since"), "Mon, 01 Jun 2026 10:00:00 GMT");
  // A server with no validators at all: the same body digest emits nothing.
  list.use_last_modified = false;
  run = FetchOnce(dir.path(), ListYaml(server), &cursor);
  ASSERT_TRUE(run.status.ok());
  EXPECT_EQ(server.requests().back().Header("if-modified-since"), "Mon, 01 Jun 2026 10:00:00 GMT");
  EXPECT_TRUE(run.result.items.empty());
}

// ---- http_json -------------------------------------------------------------------

json Alert(int i) {
  const std::string n = std::to_string(i);
  return {{"id", "a" + n}, {"ts", "2026-06-01T00:00:0" + n + "Z"}};
}

// An alert API: GET /v1/alerts?since=<ts> returns {data: {alerts: [...]},
// links: {next}} two per page, pages named by a relative "?since=..&page=N".
struct FakeAlerts {
  explicit FakeAlerts(HttpTestServer* server) : server_(server) {
    server->Route("/v1/alerts", [this](const TestRequest& r) {
      if (fail_page > 0 && r.query.count("page") && std::stoi(r.query.at("page")) == fail_page)
        return TestResponse{503, {{"Retry-After", "0"}}, "overloaded"};
      std::string since = r.query.count("since") ? r.query.at("since") : "";
      int page = r.query.count("page") ? std::stoi(r.query.at("page")) : 1;
      std::vector<json> match;
      for (const json& a : alerts)
        if (a["ts"].get<std::string>() > since) match.push_back(a);
      json page_items = json::array();
      for (size_t i = static_cast<size_t>(page - 1) * 2;
           i < match.size() && i < static_cast<size_t>(page) * 2; ++i)
        page_items.push_back(match[i]);
      json doc = {{"data", {{"alerts", page_items}}}, {"links", {{"next", nullptr}}}};
      if (static_cast<size_t>(page) * 2 < match.size())
        doc["links"]["next"] = "?since=" + since + "&page=" + std::to_string(page + 1);
      return TestResponse{200, {{"Content-Type", "application/json"}}, doc.dump()};
    });
  }
  ~FakeAlerts() { server_->Stop(); }
  std::vector<json> alerts;
  int fail_page = 0;

 private:
  HttpTestServer* server_;
};

TEST(HttpJson, FollowsNextLinksAndPassesTheCursorAsSince) {
  HttpTestServer server;
  FakeAlerts api(&server);
  for (int i = 1; i <= 5; ++i) api.alerts.push_back(Alert(i));
  TempDir dir;
  std::string yaml =
      "version: 1\nname: alerts\ntype: http_json\nschedule: {every: 5m}\n"
      "params:\n  url: " +
      server.base() +
      "/v1/alerts\n  items_path: data.alerts\n"
      "  since_param: since\n  next_path: links.next\n  backoff: 1ms\n"
      "cursor: {field: ts, initial: '2026-06-01T00:00:01Z'}\n";
  FetchRun run = FetchOnce(dir.path(), yaml, nullptr);
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_EQ(Ids(run.result), (std::vector<std::string>{"a2", "a3", "a4", "a5"}));
  EXPECT_EQ(run.result.pages, 2);
  EXPECT_FALSE(run.result.cursor.has_value());  // the runner takes max(ts)
  EXPECT_EQ(server.requests()[0].query.at("since"), "2026-06-01T00:00:01Z");
  EXPECT_EQ(server.requests()[1].query.at("page"), "2");
}

TEST(HttpJson, RejectsBadParams) {
  TempDir dir;
  FetchRun run = FetchOnce(dir.path(),
                           "version: 1\nname: j\ntype: http_json\nschedule: {every: 5m}\n"
                           "params: {method: PUT, body: '{not json', next_param: t, timeout: soon}\n",
                           nullptr);
  ASSERT_FALSE(run.status.ok());
  const std::string& m = run.status.message();
  EXPECT_NE(m.find("needs params.url"), std::string::npos) << m;
  EXPECT_NE(m.find("method must be GET or POST"), std::string::npos) << m;
  EXPECT_NE(m.find("body must be JSON"), std::string::npos) << m;
  EXPECT_NE(m.find("next_param needs next_path"), std::string::npos) << m;
  EXPECT_NE(m.find("timeout must be a duration"), std::string::npos) << m;
}

TEST(NetDaemonsE2E, HttpJsonRunsTwiceWithoutDuplicatesAndKeepsTheCursorOnErrors) {
  HttpTestServer server;
  FakeAlerts api(&server);
  server.Locked([&] {
    for (int i = 1; i <= 3; ++i) api.alerts.push_back(Alert(i));
  });
  TempDir dir;
  fs::path daemon = dir.path() / "alerts.yaml";
  fs::path out = dir.path() / "out";
  Spit(daemon,
       "version: 1\nname: alerts\ntype: http_json\nschedule: {every: 5m}\n"
       "params:\n  url: " +
           server.base() +
           "/v1/alerts\n  items_path: data.alerts\n"
           "  since_param: since\n  next_path: links.next\n  backoff: 1ms\n  retries: '1'\n"
           "cursor: {field: ts}\ndedup: {key: '{id}'}\noutput: {sink: 'dir:" +
           out.string() + "'}\n");
  std::string state = (dir.path() / "state").string();
  auto run = [&](const std::string& now) {
    return RunRecproc("daemon run " + daemon.string() + " --force --quiet --now " + now + " --state-dir " +
                      state);
  };
  auto lines = [&]() {
    std::vector<json> all;
    std::vector<fs::path> files;
    if (fs::exists(out))
      for (const auto& e : fs::directory_iterator(out)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files)
      for (json& j : JsonLines(Slurp(f))) all.push_back(std::move(j));
    return all;
  };
  CommandResult r = run("2026-06-01T01:00:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines().size(), 3u);
  r = run("2026-06-01T01:05:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines().size(), 3u);
  EXPECT_EQ(server.requests().back().query.at("since"), "2026-06-01T00:00:03Z");

  // A failure on page 2 commits nothing; the next good cycle gets all of it once.
  server.Locked([&] {
    for (int i = 4; i <= 7; ++i) api.alerts.push_back(Alert(i));
    api.fail_page = 2;
  });
  r = run("2026-06-01T01:10:00Z");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("HTTP 503"), std::string::npos) << r.err;
  EXPECT_EQ(json::parse(Slurp(dir.path() / "state" / "alerts.state.json"))["cursor"], "2026-06-01T00:00:03Z");
  EXPECT_EQ(lines().size(), 3u);
  server.Locked([&] { api.fail_page = 0; });
  r = run("2026-06-01T01:15:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> all = lines();
  ASSERT_EQ(all.size(), 7u);
  EXPECT_EQ(all[6]["id"], "a7");
}

// ---- End to end through the binary ------------------------------------------

TEST(NetDaemonsE2E, TaxiiRunWritesAThreatListThatRecprocRunMatches) {
  HttpTestServer server;
  FakeTaxii taxii(&server);
  taxii.Add("2026-05-01T00:00:00Z", Indicator("e2e", "198.51.100.77"));
  TempDir dir;
  fs::path daemon = dir.path() / "taxii.yaml";
  fs::path list = dir.path() / "intel.ndjson";
  Spit(daemon,
       TaxiiYaml(server, "  threat_list: {path: " + list.string() + ", source: taxii_intel}\n") +
           "dedup: {key: '{id}|{modified}'}\nmapping: {id: id, modified: modified, pattern: pattern}\n"
           "output: {sink: 'dir:" +
           (dir.path() / "out").string() + "'}\n");
  std::string state = (dir.path() / "state").string();
  CommandResult r =
      RunRecproc("daemon run " + daemon.string() + " --now 2026-05-02T00:00:00Z --state-dir " + state);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json st = json::parse(Slurp(dir.path() / "state" / "taxii-test.state.json"));
  EXPECT_EQ(st["cursor"], "2026-05-01T00:00:00Z");
  ASSERT_TRUE(fs::exists(list));

  // Running again with no new data writes no second batch.
  r = RunRecproc("daemon run " + daemon.string() + " --force --now 2026-05-02T01:00:00Z --state-dir " +
                 state);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int batches = 0;
  for (const auto& e : fs::directory_iterator(dir.path() / "out"))
    batches += e.path().extension() == ".jsonl";
  EXPECT_EQ(batches, 1);

  fs::path config = dir.path() / "recproc.yaml";
  Spit(config, "version: 1\nmappings:\n  - " + SourceDir() +
                   "/content/default/mappings/\n"
                   "lists:\n  files:\n    - {name: taxii_intel, kind: threat, path: " +
                   list.string() + ", format: indicator_json}\n");
  r = RunRecproc("run -c " + config.string(),
                 R"({"timestamp":"2026-05-01T10:00:00Z","src_ip":"198.51.100.77","dst_ip":"10.1.2.3"})"
                 "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> records = JsonLines(r.out);
  ASSERT_EQ(records.size(), 1u) << r.out;
  ASSERT_TRUE(records[0].contains("listMatches")) << r.out;
  std::string matches = records[0]["listMatches"].dump();
  EXPECT_NE(matches.find("\"taxii_intel\""), std::string::npos) << matches;
  EXPECT_NE(matches.find("\"threat\""), std::string::npos) << matches;
}

}  // namespace
}  // namespace recproc::testing
