// The incident store's SQL. It is written to run unchanged on SQLite and
// PostgreSQL: BIGINT columns for ids and ms times, ids allocated as
// max(id)+1 inside the write transaction (no AUTOINCREMENT/SERIAL dialects),
// and sequence numbers per incident for the child tables.
#include "incident/incident_store.h"

#include <functional>

namespace recproc {
namespace {

using nlohmann::json;

const char* const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS incidents (id BIGINT PRIMARY KEY, title TEXT NOT NULL, severity TEXT NOT "
    "NULL, "
    "status TEXT NOT NULL, assignee TEXT, created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL, closed_ms "
    "BIGINT)",
    "CREATE TABLE IF NOT EXISTS investigators (incident_id BIGINT NOT NULL, name TEXT NOT NULL, added_ms "
    "BIGINT NOT "
    "NULL, PRIMARY KEY (incident_id, name))",
    "CREATE TABLE IF NOT EXISTS status_history (incident_id BIGINT NOT NULL, seq BIGINT NOT NULL, "
    "from_status TEXT, "
    "to_status TEXT NOT NULL, at_ms BIGINT NOT NULL, PRIMARY KEY (incident_id, seq))",
    "CREATE TABLE IF NOT EXISTS phases (incident_id BIGINT NOT NULL, seq BIGINT NOT NULL, name TEXT NOT "
    "NULL, "
    "started_ms BIGINT NOT NULL, ended_ms BIGINT, PRIMARY KEY (incident_id, seq))",
    "CREATE TABLE IF NOT EXISTS triage_items (incident_id BIGINT NOT NULL, seq BIGINT NOT NULL, text TEXT "
    "NOT NULL, "
    "added_ms BIGINT NOT NULL, PRIMARY KEY (incident_id, seq))",
    "CREATE TABLE IF NOT EXISTS notes (incident_id BIGINT NOT NULL, seq BIGINT NOT NULL, text TEXT NOT NULL, "
    "added_ms BIGINT NOT NULL, PRIMARY KEY (incident_id, seq))",
    // Keys of daemon rule actions already applied (incident.update, triage.add),
    // so a cycle repeated after a crash changes nothing twice.
    "CREATE TABLE IF NOT EXISTS applied_actions (action_key TEXT PRIMARY KEY, incident_id BIGINT NOT NULL, "
    "at_ms BIGINT NOT NULL)",
};

// Columns added after the first schema: (column, type). Open() adds the ones
// an older database lacks; ALTER TABLE ... ADD COLUMN is the same in both
// dialects, IF NOT EXISTS on columns is not.
const char* const kAddedColumns[][2] = {{"description", "TEXT"}, {"idempotency_key", "TEXT"}};

// The triage queue is triage_items of this pseudo incident; real ids start at 1.
constexpr int64_t kTriageQueueId = 0;

int64_t IntOf(const json& v) { return v.is_number() ? v.get<int64_t>() : 0; }
std::string TextOf(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }

}  // namespace

Status IncidentStore::Open(const std::string& location, std::unique_ptr<IncidentStore>* out) {
  std::unique_ptr<SqlConnection> db;
  bool pg = location.rfind("postgres://", 0) == 0 || location.rfind("postgresql://", 0) == 0;
  Status s = pg ? OpenPostgresConnection(location, &db) : OpenSqliteConnection(location, true, &db);
  if (!s.ok()) return s;
  for (const char* sql : kSchema)
    if (Status t = db->Query(sql, {}, nullptr); !t.ok()) return t;
  std::unique_ptr<IncidentStore> store(new IncidentStore(std::move(db)));
  if (Status t = store->Migrate(); !t.ok()) return t;
  *out = std::move(store);
  return Status::Ok();
}

Status IncidentStore::Migrate() {
  for (const auto& [column, type] : kAddedColumns) {
    // A failing probe means the column is missing; on PostgreSQL it runs
    // outside a transaction, so the failure does not poison the session.
    std::string probe = std::string("SELECT ") + column + " FROM incidents WHERE 1 = 0";
    if (db_->Query(probe, {}, nullptr).ok()) continue;
    if (Status s = db_->Query(std::string("ALTER TABLE incidents ADD COLUMN ") + column + " " + type, {}, nullptr);
        !s.ok())
      return s;
  }
  // NULLs do not collide in a UNIQUE index (SQLite and PostgreSQL alike), so
  // incidents made by people need no key.
  return db_->Query("CREATE UNIQUE INDEX IF NOT EXISTS incidents_idempotency_key ON incidents (idempotency_key)",
                    {}, nullptr);
}

Status IncidentStore::ClaimAction(const std::string& action_key, int64_t incident_id, int64_t now_ms,
                                  bool* claimed) {
  *claimed = true;
  if (action_key.empty()) return Status::Ok();
  std::vector<json> rows;
  if (Status s = db_->Query("SELECT incident_id FROM applied_actions WHERE action_key = :k", {{"k", action_key}},
                            &rows);
      !s.ok())
    return s;
  if (!rows.empty()) {
    *claimed = false;
    return Status::Ok();
  }
  return db_->Query("INSERT INTO applied_actions VALUES (:k, :id, :now)",
                    {{"k", action_key}, {"id", incident_id}, {"now", now_ms}}, nullptr);
}

Status IncidentStore::FindByIdempotencyKey(const std::string& key, int64_t* id) {
  std::vector<json> rows;
  if (Status s = db_->Query("SELECT id FROM incidents WHERE idempotency_key = :k", {{"k", key}}, &rows); !s.ok())
    return s;
  if (rows.empty()) return Status::NotFound("no incident with idempotency key " + key);
  *id = IntOf(rows[0]["id"]);
  return Status::Ok();
}

Status IncidentStore::QueueTriage(const std::string& text, int64_t now_ms, const std::string& action_key,
                                  bool* applied) {
  if (applied) *applied = false;
  return InTransaction([&]() -> Status {
    bool claimed = false;
    if (Status s = ClaimAction(action_key, kTriageQueueId, now_ms, &claimed); !s.ok() || !claimed) return s;
    if (applied) *applied = true;
    return db_->Query(
        "INSERT INTO triage_items SELECT CAST(:id AS BIGINT), COALESCE(MAX(seq), 0) + 1, CAST(:text AS TEXT), "
        "CAST(:now AS BIGINT) FROM triage_items WHERE incident_id = :id",
        {{"id", kTriageQueueId}, {"text", text}, {"now", now_ms}}, nullptr);
  });
}

Status IncidentStore::TriageQueue(std::vector<TriageItem>* out) {
  std::vector<json> rows;
  if (Status s = db_->Query("SELECT * FROM triage_items WHERE incident_id = :id ORDER BY seq",
                            {{"id", kTriageQueueId}}, &rows);
      !s.ok())
    return s;
  out->clear();
  for (const json& r : rows) out->push_back({TextOf(r["text"]), IntOf(r["added_ms"])});
  return Status::Ok();
}

Status IncidentStore::InTransaction(const std::function<Status()>& body) {
  // BEGIN IMMEDIATE would be SQLite-only; a plain BEGIN plus the max(id)
  // read inside it is enough for one writer at a time, which SQLite enforces.
  if (Status s = db_->Query("BEGIN", {}, nullptr); !s.ok()) return s;
  Status s = body();
  Status end = db_->Query(s.ok() ? "COMMIT" : "ROLLBACK", {}, nullptr);
  return s.ok() ? end : s;
}

Status IncidentStore::Create(const NewIncident& n, int64_t now_ms, int64_t* id, bool* created) {
  if (n.title.empty()) return Status::InvalidArgument("an incident needs a title");
  if (!IsIncidentStatus(n.status))
    return Status::InvalidArgument("unknown status '" + n.status + "'; expected open, in_progress or closed");
  bool fresh = false;
  Status s = InTransaction([&]() -> Status {
    std::vector<json> rows;
    if (!n.idempotency_key.empty()) {
      if (Status s = db_->Query("SELECT id FROM incidents WHERE idempotency_key = :k", {{"k", n.idempotency_key}},
                                &rows);
          !s.ok())
        return s;
      if (!rows.empty()) {
        *id = IntOf(rows[0]["id"]);
        return Status::Ok();
      }
    }
    rows.clear();
    if (Status s = db_->Query("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM incidents", {}, &rows); !s.ok())
      return s;
    *id = IntOf(rows.at(0)["next"]);
    auto or_null = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
    if (Status s = db_->Query(
            "INSERT INTO incidents (id, title, description, severity, status, assignee, created_ms, updated_ms, "
            "closed_ms, idempotency_key) VALUES (:id, :title, :description, :severity, :status, :assignee, :now, "
            ":now, :closed, :key)",
            {{"id", *id},
             {"title", n.title},
             {"description", or_null(n.description)},
             {"severity", n.severity},
             {"status", n.status},
             {"assignee", or_null(n.assignee)},
             {"now", now_ms},
             {"closed", n.status == "closed" ? json(now_ms) : json(nullptr)},
             {"key", or_null(n.idempotency_key)}},
            nullptr);
        !s.ok())
      return s;
    if (Status s = db_->Query("INSERT INTO status_history VALUES (:id, 1, NULL, :status, :now)",
                              {{"id", *id}, {"status", n.status}, {"now", now_ms}}, nullptr);
        !s.ok())
      return s;
    fresh = true;
    return Status::Ok();
  });
  if (created) *created = fresh;
  if (!s.ok() || !fresh || n.investigators.empty()) return s;
  IncidentUpdate add;
  add.add_investigators = n.investigators;
  return Update(*id, add, now_ms);
}

Status IncidentStore::Update(int64_t id, const IncidentUpdate& u, int64_t now_ms, const std::string& action_key,
                             bool* applied) {
  if (applied) *applied = false;
  if (u.status && !IsIncidentStatus(*u.status))
    return Status::InvalidArgument("unknown status '" + *u.status +
                                   "'; expected open, in_progress or closed");
  return InTransaction([&]() -> Status {
    std::vector<json> rows;
    if (Status s = db_->Query("SELECT status FROM incidents WHERE id = :id", {{"id", id}}, &rows); !s.ok())
      return s;
    if (rows.empty()) return Status::NotFound("no incident " + std::to_string(id));
    bool claimed = false;
    if (Status s = ClaimAction(action_key, id, now_ms, &claimed); !s.ok() || !claimed) return s;
    if (applied) *applied = true;
    std::string old_status = TextOf(rows[0]["status"]);
    auto exec = [&](const char* sql, std::vector<SqlParam> params) {
      params.push_back({"id", id});
      params.push_back({"now", now_ms});
      return db_->Query(sql, params, nullptr);
    };
    Status s;
    if (u.title && s.ok()) s = exec("UPDATE incidents SET title = :v WHERE id = :id", {{"v", *u.title}});
    if (u.severity && s.ok())
      s = exec("UPDATE incidents SET severity = :v WHERE id = :id", {{"v", *u.severity}});
    if (u.assignee && s.ok())
      s = exec("UPDATE incidents SET assignee = :v WHERE id = :id",
               {{"v", u.assignee->empty() ? json(nullptr) : json(*u.assignee)}});
    if (u.status && *u.status != old_status && s.ok()) {
      s = exec(*u.status == "closed" ? "UPDATE incidents SET status = :v, closed_ms = :now WHERE id = :id"
                                     : "UPDATE incidents SET status = :v, closed_ms = NULL WHERE id = :id",
               {{"v", *u.status}});
      if (s.ok())
        s = exec(
            "INSERT INTO status_history SELECT CAST(:id AS BIGINT), COALESCE(MAX(seq), 0) + 1, CAST(:old AS "
            "TEXT), "
            "CAST(:v AS TEXT), CAST(:now AS BIGINT) "
            "FROM status_history WHERE incident_id = :id",
            {{"old", old_status}, {"v", *u.status}});
    }
    for (const std::string& name : u.add_investigators) {
      if (!s.ok()) break;
      std::vector<json> have;
      s = db_->Query("SELECT name FROM investigators WHERE incident_id = :id AND name = :name",
                     {{"id", id}, {"name", name}}, &have);
      if (s.ok() && have.empty())
        s = exec("INSERT INTO investigators VALUES (:id, :name, :now)", {{"name", name}});
    }
    if ((u.end_phase || u.start_phase) && s.ok())
      s = exec("UPDATE phases SET ended_ms = :now WHERE incident_id = :id AND ended_ms IS NULL", {});
    if (u.start_phase && s.ok())
      s = exec(
          "INSERT INTO phases SELECT CAST(:id AS BIGINT), COALESCE(MAX(seq), 0) + 1, CAST(:name AS TEXT), "
          "CAST(:now AS BIGINT), NULL "
          "FROM phases WHERE incident_id = :id",
          {{"name", *u.start_phase}});
    for (const std::string& text : u.add_triage) {
      if (!s.ok()) break;
      s = exec(
          "INSERT INTO triage_items SELECT CAST(:id AS BIGINT), COALESCE(MAX(seq), 0) + 1, CAST(:text AS "
          "TEXT), "
          "CAST(:now AS BIGINT) "
          "FROM triage_items WHERE incident_id = :id",
          {{"text", text}});
    }
    for (const std::string& text : u.add_notes) {
      if (!s.ok()) break;
      s = exec(
          "INSERT INTO notes SELECT CAST(:id AS BIGINT), COALESCE(MAX(seq), 0) + 1, CAST(:text AS TEXT), "
          "CAST(:now AS BIGINT) FROM notes WHERE incident_id = :id",
          {{"text", text}});
    }
    if (s.ok()) s = exec("UPDATE incidents SET updated_ms = :now WHERE id = :id", {});
    return s;
  });
}

Status IncidentStore::Get(int64_t id, Incident* out) {
  std::vector<json> rows;
  if (Status s = db_->Query("SELECT * FROM incidents WHERE id = :id", {{"id", id}}, &rows); !s.ok()) return s;
  if (rows.empty()) return Status::NotFound("no incident " + std::to_string(id));
  return Load(rows[0], out);
}

Status IncidentStore::List(const std::string& status, std::vector<Incident>* out) {
  std::vector<json> rows;
  Status s = status.empty() ? db_->Query("SELECT * FROM incidents ORDER BY id", {}, &rows)
                            : db_->Query("SELECT * FROM incidents WHERE status = :s ORDER BY id",
                                         {{"s", status}}, &rows);
  if (!s.ok()) return s;
  out->clear();
  for (const json& row : rows) {
    out->emplace_back();
    if (Status t = Load(row, &out->back()); !t.ok()) return t;
  }
  return Status::Ok();
}

Status IncidentStore::Load(const json& row, Incident* out) {
  Incident& i = *out;
  i = Incident();
  i.id = IntOf(row["id"]);
  i.title = TextOf(row["title"]);
  i.description = TextOf(row["description"]);
  i.idempotency_key = TextOf(row["idempotency_key"]);
  i.severity = TextOf(row["severity"]);
  i.status = TextOf(row["status"]);
  i.assignee = TextOf(row["assignee"]);
  i.created_ms = IntOf(row["created_ms"]);
  i.updated_ms = IntOf(row["updated_ms"]);
  if (row["closed_ms"].is_number()) i.closed_ms = IntOf(row["closed_ms"]);
  std::vector<SqlParam> id = {{"id", i.id}};
  std::vector<json> rows;
  if (Status s = db_->Query("SELECT name FROM investigators WHERE incident_id = :id ORDER BY added_ms, name",
                            id, &rows);
      !s.ok())
    return s;
  for (const json& r : rows) i.investigators.push_back(TextOf(r["name"]));
  rows.clear();
  if (Status s = db_->Query("SELECT * FROM status_history WHERE incident_id = :id ORDER BY seq", id, &rows);
      !s.ok())
    return s;
  for (const json& r : rows)
    i.history.push_back({TextOf(r["from_status"]), TextOf(r["to_status"]), IntOf(r["at_ms"])});
  rows.clear();
  if (Status s = db_->Query("SELECT * FROM phases WHERE incident_id = :id ORDER BY seq", id, &rows); !s.ok())
    return s;
  for (const json& r : rows) {
    IncidentPhase p{TextOf(r["name"]), IntOf(r["started_ms"]), std::nullopt};
    if (r["ended_ms"].is_number()) p.ended_ms = IntOf(r["ended_ms"]);
    i.phases.push_back(p);
  }
  rows.clear();
  if (Status s = db_->Query("SELECT * FROM triage_items WHERE incident_id = :id ORDER BY seq", id, &rows);
      !s.ok())
    return s;
  for (const json& r : rows) i.triage.push_back({TextOf(r["text"]), IntOf(r["added_ms"])});
  rows.clear();
  if (Status s = db_->Query("SELECT * FROM notes WHERE incident_id = :id ORDER BY seq", id, &rows); !s.ok())
    return s;
  for (const json& r : rows) i.notes.push_back({TextOf(r["text"]), IntOf(r["added_ms"])});
  return Status::Ok();
}

}  // namespace recproc
