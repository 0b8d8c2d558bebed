// DaemonDefinition: one daemon YAML file, validated and built
// (reference/daemons.md §3). Loading reports every problem with
// file:line:col (unknown keys with "did you mean"), resolves ${env:NAME} and
// ${file:PATH} secrets in `params`, builds the schedule, the rule
// expressions and the type's DaemonSource.
//
//   version: 1                       # required, 1
//   name: fw-spool                   # [a-z0-9][a-z0-9._-]{0,63}: state and lock file names
//   description: ...
//   type: file_tail                  # a registered DaemonSource type
//   enabled: true                    # Default: true
//   schedule: {every: 5m}            # or {rules: [{days, hours, every|cron, name}], timezone,
//                                    #  min_interval, overlap, catch_up, timeout, jitter}
//   params: {...}                    # type-specific
//   cursor: {initial: -7d, lookback: 10m, settle: 30s, field: updated_at}
//   dedup: {key: "{id}|{modified}", keep: 30d, max_keys: 100000}
//                                    # more than 1000 keys move to <name>.keys beside the state
//   mapping: {id: event.id, host: {from: device.name, default: unknown}}
//   rules: [{name, when, action, params}]   # in order; see record_builder.h
//     action: emit | drop                    # decides; no params
//             tag       params: {tags: [..]}
//             exec      params: {argv: [prog, args..], env: {NAME: value}}
//             notify.email | incident.create | incident.update | triage.add
//                       params: see daemon/rule_effect_spec.h (templates "{field}" over
//                       the mapped record; idempotency keys sha256(name + "|" + dedup key))
//   output: {sink: "dir:/path" | "file:/path.jsonl" | stdout | pipeline, format: jsonl|records,
//            config: root.yaml, message_field: message}
//   limits: {max_items, max_pages, max_bytes}
//
// Thread-safety: immutable once loaded.
#ifndef RECPROC_DAEMON_DAEMON_DEFINITION_H_
#define RECPROC_DAEMON_DAEMON_DEFINITION_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/config_errors.h"
#include "daemon/daemon_source.h"
#include "daemon/rule_effect_spec.h"
#include "daemon/schedule.h"
#include "filter/filter_expr.h"

namespace recproc {

struct CursorSpec {
  // The YAML's cursor.initial as written; "-7d"-style values are relative to
  // the cycle's now (see InitialCursor()). Empty: none.
  std::string initial;
  int64_t lookback_ms = 0;  // Default: 0
  int64_t settle_ms = 0;    // Default: 0
  // Mapped-record path whose maximum over the batch becomes the next cursor
  // (the OIF pointer) when the source returns none. Empty: none.
  std::string field;
};

struct DedupSpec {
  // "{a}|{b}": mapped fields substituted; empty: no dedup.
  std::string key;
  int64_t keep_ms = 0;   // age bound; 0 = none. Default: 30d when key is set.
  int64_t max_keys = 0;  // count bound; 0 = none. Default: 100000 when key is set.
};

struct MappingEntry {
  std::string target;                      // internal field (dotted path allowed)
  std::string from;                        // source path in the item
  std::optional<nlohmann::json> fallback;  // `default:` when the path is missing
};

struct DaemonRule {
  enum class Action { kEmit, kDrop, kTag, kExec, kNotifyEmail, kIncidentCreate, kIncidentUpdate, kTriageAdd };
  std::string name;
  FilterExpr when;  // empty: matches everything
  Action action = Action::kEmit;
  std::vector<std::string> tags;           // kTag: appended to the record's `tags` list
  std::vector<std::string> argv;           // kExec: program and arguments (no shell)
  std::vector<std::pair<std::string, std::string>> env;  // kExec: params as environment variables
  EmailEffectSpec email;        // kNotifyEmail
  IncidentEffectSpec incident;  // kIncidentCreate, kIncidentUpdate, kTriageAdd

  // True for the actions that act outside the batch (exec, notify.email,
  // incident.*, triage.add): they run before phase 1 and are skipped by --dry-run.
  bool HasSideEffect() const { return action >= Action::kExec; }
};
const char* RuleActionName(DaemonRule::Action action);

struct OutputSpec {
  enum class Sink { kDir, kFile, kStdout };
  enum class Format { kJsonl, kRecords };
  Sink sink = Sink::kStdout;  // Default: stdout
  std::string path;           // kDir: directory; kFile: the appended file
  // kRecords: each record's `message_field` text goes through the recproc
  // record pipeline (root config `config`, else the built-in one), so a
  // syslog spool daemon yields the same Records as `recproc run`.
  Format format = Format::kJsonl;
  std::string config;
  std::string message_field = "message";
};

struct DaemonDefinition {
  std::string path;  // the YAML file
  std::string name;
  std::string description;
  std::string type;
  bool enabled = true;
  Schedule schedule;
  nlohmann::json params = nlohmann::json::object();  // secrets resolved
  // Resolved secret values (at least 4 bytes long), scrubbed from any text
  // that leaves the process.
  std::vector<std::string> secrets;
  CursorSpec cursor;
  DedupSpec dedup;
  std::vector<MappingEntry> mapping;  // empty: the item itself is the record
  std::vector<DaemonRule> rules;
  OutputSpec output;
  FetchLimits limits;
  std::string config_hash;  // "sha256:<hex>" of the file text
  std::shared_ptr<DaemonSource> source;

  // cursor.initial as the JSON a source receives: relative durations
  // ("-7d", "-1h30m") become an RFC 3339 time before now_ms, a number stays a
  // number, anything else a string; null when unset.
  nlohmann::json InitialCursor(int64_t now_ms) const;
  // `text` with every secret value replaced by "***".
  std::string Scrub(std::string text) const;
};

// Loads and validates `path`. Every problem goes to *errors; returns false if
// there was any.
bool LoadDaemonDefinition(const std::string& path, ConfigErrors* errors, DaemonDefinition* out);

// Resolves ${env:NAME} and ${file:PATH} references in `text` (PATH relative
// to `base_dir`); a literal "$${" stands for "${". Appends the resolved
// values to *secrets. A missing variable or unreadable file is an error.
Status ResolveSecretRefs(const std::string& text, const std::string& base_dir, std::string* out,
                         std::vector<std::string>* secrets);

}  // namespace recproc

#endif  // RECPROC_DAEMON_DAEMON_DEFINITION_H_
