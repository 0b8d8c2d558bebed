// IncidentStore: incidents kept in a SQLite file (default) or a PostgreSQL
// database (a "postgres://" / "postgresql://" URL), through SqlConnection.
// Tables: incidents, investigators, status_history, phases, triage_items;
// created on first open. Every write is one transaction and stamps
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
  std::string severity = "medium";
  std::string assignee;  // Default: "" (nobody)
  std::vector<std::string> investigators;
};

// Changes applied by Update(); unset members are left alone.
struct IncidentUpdate {
  std::optional<std::string> title, severity, status, assignee;  // assignee "" = unassign
  std::vector<std::string> add_investigators;
  std::optional<std::string> start_phase;  // ends the running phase first
  bool end_phase = false;                  // ends the running phase
  std::vector<std::string> add_triage;
};

class IncidentStore {
 public:
  // Opens `location` (a file path, created when missing, or a PostgreSQL URL)
  // and creates the tables when they do not exist.
  static Status Open(const std::string& location, std::unique_ptr<IncidentStore>* out);

  Status Create(const NewIncident& incident, int64_t now_ms, int64_t* id);
  // NotFound when `id` does not exist; InvalidArgument for an unknown status.
  Status Update(int64_t id, const IncidentUpdate& update, int64_t now_ms);
  Status Get(int64_t id, Incident* out);
  // All incidents in id order (`status` non-empty: only those).
  Status List(const std::string& status, std::vector<Incident>* out);

 private:
  explicit IncidentStore(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}
  Status Load(const nlohmann::json& row, Incident* out);
  Status InTransaction(const std::function<Status()>& body);

  std::unique_ptr<SqlConnection> db_;
};

}  // namespace recproc

#endif  // RECPROC_INCIDENT_INCIDENT_STORE_H_
