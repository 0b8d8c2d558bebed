// Incident values and their JSON form. The JSON uses RFC 3339 UTC times so
// that `incident show` output and daemon items read the same as every other
// time recproc writes.
#include "incident/incident.h"

#include "daemon/state.h"

namespace recproc {

using nlohmann::json;

bool IsIncidentStatus(const std::string& status) {
  return status == "open" || status == "in_progress" || status == "closed";
}

int64_t Incident::StatusSinceMs() const { return history.empty() ? created_ms : history.back().at_ms; }

json IncidentToJson(const Incident& i) {
  json history = json::array(), phases = json::array(), triage = json::array(), notes = json::array();
  for (const StatusChange& c : i.history)
    history.push_back({{"from", c.from.empty() ? json(nullptr) : json(c.from)},
                       {"to", c.to},
                       {"at", FormatTimeMs(c.at_ms)}});
  for (const IncidentPhase& p : i.phases)
    phases.push_back({{"name", p.name},
                      {"started", FormatTimeMs(p.started_ms)},
                      {"ended", p.ended_ms ? json(FormatTimeMs(*p.ended_ms)) : json(nullptr)}});
  for (const TriageItem& t : i.triage)
    triage.push_back({{"text", t.text}, {"added", FormatTimeMs(t.added_ms)}});
  for (const IncidentNote& n : i.notes) notes.push_back({{"text", n.text}, {"added", FormatTimeMs(n.added_ms)}});
  return json{{"id", i.id},
              {"title", i.title},
              {"description", i.description.empty() ? json(nullptr) : json(i.description)},
              {"severity", i.severity},
              {"status", i.status},
              {"assignee", i.assignee.empty() ? json(nullptr) : json(i.assignee)},
              {"created", FormatTimeMs(i.created_ms)},
              {"updated", FormatTimeMs(i.updated_ms)},
              {"closed", i.closed_ms ? json(FormatTimeMs(*i.closed_ms)) : json(nullptr)},
              {"investigators", i.investigators},
              {"status_history", history},
              {"phases", phases},
              {"triage", triage},
              {"notes", notes},
              {"idempotency_key", i.idempotency_key.empty() ? json(nullptr) : json(i.idempotency_key)}};
}

}  // namespace recproc
