// Incident: one case in recproc's incident store, with everything the
// incident_query daemon reports on: its status history, its phases, the
// people on it and its triage items. All times are ms since the epoch.
#ifndef RECPROC_INCIDENT_INCIDENT_H_
#define RECPROC_INCIDENT_INCIDENT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace recproc {

// Statuses: "open" | "in_progress" | "closed".
bool IsIncidentStatus(const std::string& status);

struct StatusChange {
  std::string from;  // "" for the creation entry
  std::string to;
  int64_t at_ms = 0;
};

struct IncidentPhase {
  std::string name;
  int64_t started_ms = 0;
  std::optional<int64_t> ended_ms;  // nullopt while the phase runs
};

struct TriageItem {
  std::string text;
  int64_t added_ms = 0;
};

struct IncidentNote {
  std::string text;
  int64_t added_ms = 0;
};

struct Incident {
  int64_t id = 0;
  std::string title;
  std::string description;
  std::string severity = "medium";
  std::string status = "open";
  std::string assignee;  // "" = nobody has taken it
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  std::optional<int64_t> closed_ms;  // set while closed
  std::vector<std::string> investigators;
  std::vector<StatusChange> history;  // oldest first; history[0] is the creation
  std::vector<IncidentPhase> phases;  // in start order
  std::vector<TriageItem> triage;
  std::vector<IncidentNote> notes;
  // Set when a daemon rule created the incident (incident.create): the
  // sha256 that makes a repeated create find this incident instead.
  std::string idempotency_key;

  // Time of the latest status change (the creation when there was none).
  int64_t StatusSinceMs() const;
};

// The full incident as JSON (times as RFC 3339), for `incident show` and items.
nlohmann::json IncidentToJson(const Incident& incident);

}  // namespace recproc

#endif  // RECPROC_INCIDENT_INCIDENT_H_
