// BatchBuilder: step 3 of a daemon cycle. Turns fetched items into records
// (the YAML `mapping:`), drops those whose dedup key was seen, applies the
// ordered rules and renders the emitted records for the sink.
//
// Rules run in order over each record: `tag` adds tags, and the side-effect
// actions (exec, notify.email, incident.create, incident.update, triage.add;
// rule_effects.h) act, and all of them go on to the next rule; the first
// matching `emit` or `drop` decides; a record that no emit/drop rule matched
// is emitted.
#ifndef RECPROC_DAEMON_RECORD_BUILDER_H_
#define RECPROC_DAEMON_RECORD_BUILDER_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "daemon/daemon_definition.h"
#include "daemon/effect_journal.h"
#include "daemon/rule_effects.h"
#include "daemon/state.h"

namespace recproc {

// The record for one item: the item itself without a mapping, else an object
// with each mapping target (dotted targets nest) set from its source path or
// its default; a target whose path is missing and has no default is left out.
nlohmann::json MapItem(const std::vector<MappingEntry>& mapping, const nlohmann::json& item);

// The dedup key: `key_template` with each {path} replaced by the record's
// value there (strings as they are, other values as JSON, missing as "").
std::string DedupKey(const std::string& key_template, const nlohmann::json& record);

class BatchBuilder {
 public:
  // Lifetime: `def`, `seen` and `journal` (may be null: no side-effect
  // journal) must outlive the builder.
  BatchBuilder(const DaemonDefinition& def, int64_t now_ms, const DedupSet* seen, EffectJournal* journal = nullptr);

  // Maps and filters `items`. With run_side_effects false (--dry-run) the
  // side-effect rules are skipped. A failing one fails the whole batch
  // (nothing is committed, so it runs again next cycle: at-least-once). A cycle past
  // timeout_ms (by elapsed_ms()) stops with a kLimitExceeded "timeout" status.
  Status Add(const std::vector<nlohmann::json>& items, bool run_side_effects, int64_t timeout_ms,
             const std::function<int64_t()>& elapsed_ms);

  // The cursor to commit (daemon_source.h, FetchResult::cursor): the source's
  // own, else max(old, max of cursor.field over emitted and rule-dropped
  // records), else for an empty confirmed window the window end when the
  // cursor is a time, else `old`.
  nlohmann::json NextCursor(const nlohmann::json& old, const FetchResult& fetched,
                            const nlohmann::json& initial) const;

  // The emitted records as JSON lines, or for format `records` the recproc
  // Records made from each record's message field.
  Status Render(std::string* out) const;

  const std::vector<nlohmann::json>& emitted() const { return emitted_; }
  const std::vector<std::pair<std::string, int64_t>>& new_keys() const { return new_keys_; }
  int64_t dup() const { return dup_; }
  int64_t filtered() const { return filtered_; }
  const RuleEffects& effects() const { return effects_; }

 private:

  const DaemonDefinition& def_;
  int64_t now_ms_;
  const DedupSet* seen_;
  RuleEffects effects_;
  std::vector<nlohmann::json> emitted_;
  std::vector<nlohmann::json> considered_;  // emitted + rule-dropped, for the cursor
  std::vector<std::pair<std::string, int64_t>> new_keys_;
  int64_t dup_ = 0;
  int64_t filtered_ = 0;
};

}  // namespace recproc

#endif  // RECPROC_DAEMON_RECORD_BUILDER_H_
