// DaemonSource: the one interface every daemon type implements (file_tail,
// exec, list_feed here; sql_poll, imap, misp, taxii, http_json elsewhere).
// A source only *fetches*: given the stored cursor and the cycle's window it
// returns raw items (JSON objects) and the cursor that stands after them. It
// never writes output, never touches the state file and never advances
// anything on its own: the runner (daemon/cycle.h) maps, dedups, applies the
// rules, makes the output durable and only then commits the returned cursor
// (reference/daemons.md §7). A crash or an error anywhere therefore leaves
// the old cursor in place and the next cycle fetches the same data again.
//
// Adding a type = one source file that defines a class and registers it:
//
//   // daemon/sql_poll_source.h
//   std::unique_ptr<DaemonSource> CreateSqlPollSource(const SourceSetup& setup);
//   // daemon/builtin_sources.cc, RegisterBuiltinDaemonSources():
//   registry->Register("sql_poll", CreateSqlPollSource);
//
// Registration is an explicit list rather than static initialisers because
// recproc_core is a static library: the linker drops object files nobody
// references, and with them any self-registration.
//
// Create() validates `params` at load time: every problem is recorded with
// setup.params_node.Error() / .Get(key).Error() (file:line:col, did-you-mean
// through CheckKeys) and nullptr is returned. It must not connect anywhere:
// `daemon validate` and `daemon list` build sources too.
//
// Secrets: string params written "${env:NAME}" or "${file:PATH}" arrive
// resolved in SourceSetup::params. A source may use them (an Authorization
// header, a DSN) but must never copy them into the cursor, an item, or a
// Status message; the runner additionally scrubs every secret value out of
// error text before it reaches the state file or stderr.
//
// Thread-safety: one cycle uses one source object from one thread.
#ifndef RECPROC_DAEMON_DAEMON_SOURCE_H_
#define RECPROC_DAEMON_DAEMON_SOURCE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_node.h"
#include "recproc/status.h"

namespace recproc {

// Per-cycle bounds from the YAML `limits:` section. 0 = unbounded.
struct FetchLimits {
  int64_t max_items = 0;  // stop after this many items, mark the result partial
  int64_t max_pages = 0;  // stop after this many requests/pages
  int64_t max_bytes = 0;  // stop after this many source bytes
};

// What a source is built from. Lifetime: valid only during Create(); a
// source copies what it keeps.
struct SourceSetup {
  std::string daemon_name;
  std::string type;
  // The YAML `params:` node (may be missing): for CheckKeys and positions.
  ConfigNode params_node;
  // `params` as JSON with every ${env:..}/${file:..} reference resolved.
  // An object (empty when the YAML has no params).
  nlohmann::json params;
  // Directory of the daemon YAML, for resolving relative paths in params.
  std::string config_dir;
};

// Everything one Fetch() call may look at. All times are ms since the epoch
// and derive from the cycle's `now` (--now in tests): a source never reads
// the wall clock for window arithmetic.
struct FetchContext {
  std::string_view daemon_name;
  // The committed cursor exactly as the last successful cycle returned it;
  // null on the first run or after `daemon reset`. Then `initial_cursor`
  // applies: the YAML's cursor.initial, already turned into an absolute time
  // (RFC 3339 string) when it was relative ("-7d"), else the literal; null if
  // the YAML has none.
  const nlohmann::json* cursor = nullptr;
  const nlohmann::json* initial_cursor = nullptr;
  int64_t now_ms = 0;
  // The window for time-ordered sources: [window_start, window_end).
  // window_start = (cursor as time, else initial) - cursor.lookback;
  // window_end = now - cursor.settle. A source with its own server clock may
  // use that instead of window_end (and say so in FetchResult::window_end).
  // window_start_ms is nullopt when the cursor is not a time.
  std::optional<int64_t> window_start_ms;
  int64_t window_end_ms = 0;
  FetchLimits limits;
  // Real (monotonic) time budget left for this fetch, from schedule.timeout;
  // sources that wait on a peer or a child process must give up after it and
  // return a kLimitExceeded status whose message starts with "timeout".
  int64_t timeout_ms = 0;
  // Directory for a source's sidecar files (`<state_dir>/<name>.*`); see
  // FetchResult::cursor for the rule that keeps them crash-safe.
  std::string state_dir;
  // Resolved params, as in SourceSetup.
  const nlohmann::json* params = nullptr;
  // --dry-run: fetch and return items, but create no sidecar files.
  bool dry_run = false;
};

struct FetchResult {
  // Raw items in source order (ascending where the source allows it). Each is
  // normally a JSON object; the YAML `mapping:` picks fields from it.
  std::vector<nlohmann::json> items;
  // The cursor after *all* returned items, in the source's own
  // representation (an id, {inode, offset}, an RFC 3339 string with 'Z').
  // nullopt: the runner derives it from `cursor.field` over the batch (max
  // over emitted and rule-dropped records), else keeps the old cursor.
  // A source keeping large state beside the cursor (a snapshot key set)
  // writes it to a NEW sidecar file named after its content and puts that
  // name into the cursor; it may delete sidecars the committed cursor does
  // not name at the start of the next Fetch.
  std::optional<nlohmann::json> cursor;
  // Set when the source confirmed that the window up to this point is
  // complete (server time, or ctx.window_end_ms); with no items the runner
  // then advances a time cursor to it (elastic/integrations#11475).
  std::optional<int64_t> window_end_ms;
  // A limit stopped the fetch early; `cursor` then stands after the last
  // returned item only.
  bool partial = false;
  int64_t pages = 0;       // requests made / files read, for stats
  int64_t bytes = 0;       // source bytes read, for stats
  std::vector<std::string> warnings;  // shown unless --quiet; never contain secrets
};

class DaemonSource {
 public:
  virtual ~DaemonSource() = default;
  // Fetches one window. On error the runner commits nothing; `out` may hold
  // partial data that is discarded.
  virtual Status Fetch(const FetchContext& ctx, FetchResult* out) = 0;
};

// Builds a source, recording parameter problems at their YAML position and
// returning nullptr when there were any.
using DaemonSourceFactory = std::function<std::unique_ptr<DaemonSource>(const SourceSetup& setup)>;

// The registry of daemon types by YAML `type:` name.
class DaemonSourceRegistry {
 public:
  // The process-wide registry with the built-in types; thread-safe to obtain.
  static DaemonSourceRegistry& Global();
  // Registers `type`; a second registration of one name keeps the first and
  // returns false.
  bool Register(std::string type, DaemonSourceFactory factory);
  // nullptr when unknown.
  const DaemonSourceFactory* Find(std::string_view type) const;
  // Sorted, for "unknown type 'x' (did you mean ...)" messages.
  std::vector<std::string> Types() const;

 private:
  std::vector<std::pair<std::string, DaemonSourceFactory>> entries_;
};

// Adds every type compiled into recproc (daemon/builtin_sources.cc).
// Global() calls it once; tests may call it on their own registry.
void RegisterBuiltinDaemonSources(DaemonSourceRegistry* registry);

}  // namespace recproc

#endif  // RECPROC_DAEMON_DAEMON_SOURCE_H_
