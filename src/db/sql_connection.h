// SqlConnection: the one place recproc talks to a database (libsqlite3 or
// libpq). A query is run with named parameters bound by value (see
// sql_named_params.h) and its rows come back as JSON objects, column name ->
// value, with integers and reals as JSON numbers, NULL as null, booleans as
// booleans and everything else as strings. The poller (sql_poll_source) and
// the incident store share it.
//
// Errors name the position in the query the database complained about (as
// a 1-based byte offset into the caller's original text).
//
// Thread-safety: one connection per thread.
#ifndef RECPROC_DB_SQL_CONNECTION_H_
#define RECPROC_DB_SQL_CONNECTION_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "recproc/status.h"

namespace recproc {

// A bound value: an integer, a real, a string or null (nlohmann::json of that kind).
struct SqlParam {
  std::string name;  // without the ':'
  nlohmann::json value;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  // Runs one statement. Every `:name` in `query` must have an entry in
  // `params`; `rows` (may be null for statements without results) receives
  // the result rows in order.
  virtual Status Query(std::string_view query, const std::vector<SqlParam>& params,
                       std::vector<nlohmann::json>* rows) = 0;
  // The database's own clock, ms since the epoch.
  virtual Status NowMs(int64_t* ms) = 0;
  virtual std::string_view driver() const = 0;  // "sqlite" | "postgres"
};

// Opens (creating it when `create`) the SQLite file at `path`.
Status OpenSqliteConnection(const std::string& path, bool create, std::unique_ptr<SqlConnection>* out);
// Connects with a libpq connection string or URL. Error text never repeats
// the DSN, which may hold a password.
Status OpenPostgresConnection(const std::string& dsn, std::unique_ptr<SqlConnection>* out);

}  // namespace recproc

#endif  // RECPROC_DB_SQL_CONNECTION_H_
