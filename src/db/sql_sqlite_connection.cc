// SqlConnection over libsqlite3. Named parameters become `?N` so that an
// unknown name is reported by us with its position rather than silently
// bound to NULL, which is what SQLite does with an unbound parameter.
// A busy timeout lets a poll run while another process commits.
#include <sqlite3.h>

#include "db/sql_connection.h"
#include "db/sql_named_params.h"

namespace recproc {
namespace {

using nlohmann::json;

class SqliteConnection : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close(db_); }

  Status Query(std::string_view query, const std::vector<SqlParam>& params,
               std::vector<json>* rows) override {
    std::vector<std::string> allowed;
    for (const SqlParam& p : params) allowed.push_back(p.name);
    PositionalQuery pq;
    if (Status s = ToPositional(query, '?', allowed, &pq); !s.ok()) return s;
    const char* tail = nullptr;
    const char* start = pq.text.c_str();
    while (*start != '\0') {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v2(db_, start, -1, &stmt, &tail) != SQLITE_OK) return Error(query, pq, start);
      size_t base = static_cast<size_t>(start - pq.text.c_str());
      start = tail;
      if (stmt == nullptr) continue;  // only whitespace or a comment was left
      for (size_t i = 0; i < pq.names.size(); ++i) {
        int index = static_cast<int>(i) + 1;
        if (index > sqlite3_bind_parameter_count(stmt)) break;
        const json& v = FindParam(params, pq.names[i]);
        int rc = v.is_number_integer() ? sqlite3_bind_int64(stmt, index, v.get<int64_t>())
                 : v.is_number()       ? sqlite3_bind_double(stmt, index, v.get<double>())
                 : v.is_string() ? sqlite3_bind_text(stmt, index, v.get_ref<const std::string&>().c_str(), -1,
                                                     SQLITE_TRANSIENT)
                 : v.is_boolean() ? sqlite3_bind_int(stmt, index, v.get<bool>() ? 1 : 0)
                                  : sqlite3_bind_null(stmt, index);
        if (rc != SQLITE_OK) {
          sqlite3_finalize(stmt);
          return Status::InvalidArgument(std::string("binding :") + pq.names[i] + ": " + sqlite3_errmsg(db_));
        }
      }
      int rc;
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (rows == nullptr) continue;
        json row = json::object();
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
          const char* name = sqlite3_column_name(stmt, c);
          switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER:
              row[name] = static_cast<int64_t>(sqlite3_column_int64(stmt, c));
              break;
            case SQLITE_FLOAT:
              row[name] = sqlite3_column_double(stmt, c);
              break;
            case SQLITE_NULL:
              row[name] = nullptr;
              break;
            default:
              row[name] = std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                                      static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
          }
        }
        rows->push_back(std::move(row));
      }
      if (rc != SQLITE_DONE) {
        Status s = Error(query, pq, pq.text.c_str() + base);
        sqlite3_finalize(stmt);
        return s;
      }
      sqlite3_finalize(stmt);
    }
    return Status::Ok();
  }

  Status NowMs(int64_t* ms) override {
    std::vector<json> rows;
    if (Status s =
            Query("SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) AS now_ms", {}, &rows);
        !s.ok())
      return s;
    *ms = rows.at(0)["now_ms"].get<int64_t>();
    return Status::Ok();
  }

  std::string_view driver() const override { return "sqlite"; }

 private:
  static const json& FindParam(const std::vector<SqlParam>& params, const std::string& name) {
    static const json kNull;
    for (const SqlParam& p : params)
      if (p.name == name) return p.value;
    return kNull;
  }

  // `statement` points at the start of the failing statement inside pq.text.
  Status Error(std::string_view query, const PositionalQuery& pq, const char* statement) const {
    std::string message = sqlite3_errmsg(db_);
    int offset = sqlite3_error_offset(db_);
    if (offset >= 0) {
      size_t out = static_cast<size_t>(statement - pq.text.c_str()) + static_cast<size_t>(offset);
      return Status::InvalidArgument(DescribeQueryPosition(query, pq.OriginalOffset(out)) + message);
    }
    return Status::InvalidArgument("query failed: " + message);
  }

  sqlite3* db_;
};

}  // namespace

Status OpenSqliteConnection(const std::string& path, bool create, std::unique_ptr<SqlConnection>* out) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IoError(path + ": " + message);
  }
  sqlite3_busy_timeout(db, 5000);
  *out = std::make_unique<SqliteConnection>(db);
  return Status::Ok();
}

}  // namespace recproc
