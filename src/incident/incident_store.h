// IncidentStore: incidents kept in a SQLite file (default) or a PostgreSQL
// database (a "postgres://" / "postgresql://" URL), through SqlConnection.
// Tables: incidents, investigators, status_history, phases, triage_items,
// notes and applied_actions; created on first open, and columns added since
// the first release (description, idempotency_key) are added to an older
// database by Open(). Every write is one transaction and stamps
// `updated`; a status change appends to status_history, sets `closed` on
// close and clears it on reopen; starting a phase ends the running one.
//
// Thread-safety: one store object per thread; SQLite serialises writers
// across processes.
#ifndef RECPROC_INCIDENT_INCIDENT_STORE_H_
#define RECPROC_INCIDENT_INCIDENT_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/sql_connection.h"
#include "incident/incident.h"
#include "recproc/status.h"

namespace recproc {

struct NewIncident {
  std::string title;  // REQUIRES: non-empty
  std::string description;  // Default: ""
  std::string severity = "medium";
  std::string status = "open";  // REQUIRES: IsIncidentStatus(); Default: open
  std::string assignee;  // Default: "" (nobody)
  std::vector<std::string> investigators;
  // Non-empty: unique over the store (a UNIQUE index); a Create() with a key
  // that an incident already carries returns that incident instead.
  std::string idempotency_key;
};

// Changes applied by Update(); unset members are left alone.
struct IncidentUpdate {
  std::optional<std::string> title, severity, status, assignee;  // assignee "" = unassign
  std::vector<std::string> add_investigators;
  std::optional<std::string> start_phase;  // ends the running phase first
  bool end_phase = false;                  // ends the running phase
  std::vector<std::string> add_triage;
  std::vector<std::string> add_notes;
};

class IncidentStore {
 public:
  // Opens `location` (a file path, created when missing, or a PostgreSQL URL)
  // and creates the tables when they do not exist.
  static Status Open(const std::string& location, std::unique_ptr<IncidentStore>* out);

  // *created (may be null) is false when incident.idempotency_key named an
  // existing incident, whose id is returned and which is left unchanged.
  Status Create(const NewIncident& incident, int64_t now_ms, int64_t* id, bool* created = nullptr);
  // NotFound when `id` does not exist; InvalidArgument for an unknown status.
  // A non-empty `action_key` makes the update happen once: the key is stored
  // with it in one transaction, and a later Update() with the same key does
  // nothing and sets *applied (may be null) to false.
  Status Update(int64_t id, const IncidentUpdate& update, int64_t now_ms, const std::string& action_key = "",
                bool* applied = nullptr);
  // The incident created with `idempotency_key`; NotFound when there is none.
  Status FindByIdempotencyKey(const std::string& idempotency_key, int64_t* id);
  // Adds `text` to the triage queue (items not tied to an incident), once
  // per non-empty `action_key` as in Update().
  Status QueueTriage(const std::string& text, int64_t now_ms, const std::string& action_key = "",
                     bool* applied = nullptr);
  // The triage queue, oldest first.
  Status TriageQueue(std::vector<TriageItem>* out);
  Status Get(int64_t id, Incident* out);
  // All incidents in id order (`status` non-empty: only those).
  Status List(const std::string& status, std::vector<Incident>* out);

 private:
  explicit IncidentStore(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}
  Status Load(const nlohmann::json& row, Incident* out);
  Status InTransaction(const std::function<Status()>& body);
  Status Migrate();
  // Inside a transaction: true when `action_key` was applied before, else
  // records it for `incident_id`.
  Status ClaimAction(const std::string& action_key, int64_t incident_id, int64_t now_ms, bool* claimed);

  std::unique_ptr<SqlConnection> db_;
};

}  // namespace recproc

#endif  // RECPROC_INCIDENT_INCIDENT_STORE_H_
