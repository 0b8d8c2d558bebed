// RuleEffects: runs the side-effect rule actions of one batch (exec,
// notify.email, incident.create, incident.update, triage.add) between
// mapping and phase 1 of the commit (reference/daemons.md §7). Delivery is
// at-least-once with idempotency keys, so a repeat changes nothing:
//   - every record has IdempotencyKey() = sha256(daemon + "|" + dedup key)
//     (the compact record JSON when the daemon has no dedup key);
//   - a mail's Message-ID is "<that key>@recproc", so a resend is recognisable;
//   - incident.create stores sha256(daemon + "|" + key) as the incident's
//     unique idempotency_key; incident.update and triage.add store their own
//     action key in the store's applied_actions, in the same transaction;
//   - each effect done is journalled (effect_journal.h) and skipped when an
//     interrupted cycle is repeated.
// A failing effect fails the batch: nothing is committed and the cursor
// stays, so the next cycle retries it.
//
// Thread-safety: one object per cycle.
#ifndef RECPROC_DAEMON_RULE_EFFECTS_H_
#define RECPROC_DAEMON_RULE_EFFECTS_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "daemon/daemon_definition.h"
#include "daemon/effect_journal.h"
#include "incident/incident_store.h"

namespace recproc {

// sha256 hex of `daemon` + "|" + `key` (the record's compact JSON when key is empty).
std::string IdempotencyKey(std::string_view daemon, const std::string& key, const nlohmann::json& record);

class RuleEffects {
 public:
  // Lifetime: `def` outlives the object. `journal` may be null (no journal:
  // unit tests); it must outlive the object otherwise.
  RuleEffects(const DaemonDefinition& def, int64_t now_ms, EffectJournal* journal);

  // Runs `rule` (REQUIRES: rule.HasSideEffect()) for one record; `rule_index`
  // is its position in def.rules; `dedup_key` the record's ("" without a
  // dedup key); timeout_ms > 0 bounds an exec program.
  Status Run(size_t rule_index, const DaemonRule& rule, const nlohmann::json& record, const std::string& dedup_key,
             int64_t timeout_ms);

  int64_t done() const { return done_; }        // effects performed
  int64_t skipped() const { return skipped_; }  // found done in the journal or the store

 private:
  Status Exec(const DaemonRule& rule, const nlohmann::json& record, const std::string& idem, int64_t timeout_ms);
  Status Email(const DaemonRule& rule, const nlohmann::json& record, const std::string& idem);
  Status Incident(const DaemonRule& rule, const nlohmann::json& record, const std::string& dedup_key,
                  const std::string& action_key, bool* applied);
  Status Store(const std::string& location, IncidentStore** out);
  Status FindTarget(const IncidentEffectSpec& spec, const nlohmann::json& record, IncidentStore* store,
                    std::optional<int64_t>* id);

  const DaemonDefinition& def_;
  int64_t now_ms_;
  EffectJournal* journal_;
  std::map<std::string, std::unique_ptr<IncidentStore>> stores_;  // opened once per cycle
  int64_t done_ = 0;
  int64_t skipped_ = 0;
};

}  // namespace recproc

#endif  // RECPROC_DAEMON_RULE_EFFECTS_H_
