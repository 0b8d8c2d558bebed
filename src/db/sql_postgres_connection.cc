// SqlConnection over libpq. Named parameters become `$N` and are sent as
// text with no declared type, so the server infers each one's type from
// where it is used (`ts > $1` with a timestamptz column parses $1 as a
// timestamp): one query works for integer, text and timestamp cursors.
// Result values arrive as text; the column's type OID decides whether a
// value becomes a JSON number or boolean (pg_type.h: bool 16, int8 20,
// int2 21, int4 23, oid 26, float4 700, float8 701, numeric 1700).
#include <libpq-fe.h>

#include <cstdlib>

#include "db/sql_connection.h"
#include "db/sql_named_params.h"

namespace recproc {
namespace {

using nlohmann::json;

json ValueOf(const char* text, int length, Oid type) {
  std::string s(text, static_cast<size_t>(length));
  switch (type) {
    case 16:
      return json(s == "t");
    case 20:
    case 21:
    case 23:
    case 26:
      return json(static_cast<int64_t>(std::strtoll(s.c_str(), nullptr, 10)));
    case 700:
    case 701:
    case 1700: {
      char* end = nullptr;
      double d = std::strtod(s.c_str(), &end);
      if (end != s.c_str() && *end == '\0' && s != "NaN" && s != "Infinity" && s != "-Infinity")
        return json(d);
      return json(s);
    }
    default:
      return json(std::move(s));
  }
}

std::string FirstLine(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  size_t nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

class PostgresConnection : public SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Status Query(std::string_view query, const std::vector<SqlParam>& params,
               std::vector<json>* rows) override {
    std::vector<std::string> allowed;
    for (const SqlParam& p : params) allowed.push_back(p.name);
    PositionalQuery pq;
    if (Status s = ToPositional(query, '$', allowed, &pq); !s.ok()) return s;
    std::vector<std::string> texts(pq.names.size());
    std::vector<const char*> values(pq.names.size(), nullptr);
    for (size_t i = 0; i < pq.names.size(); ++i) {
      for (const SqlParam& p : params) {
        if (p.name != pq.names[i] || p.value.is_null()) continue;
        texts[i] = p.value.is_string() ? p.value.get<std::string>() : p.value.dump();
        values[i] = texts[i].c_str();
      }
    }
    PGresult* res = PQexecParams(conn_, pq.text.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      std::string message = FirstLine(PQresultErrorMessage(res));
      // The field lives in the result: read it before PQclear.
      const char* position_field = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
      long position = position_field != nullptr ? std::strtol(position_field, nullptr, 10) : -1;
      PQclear(res);
      if (position >= 0) {
        // PostgreSQL counts characters from 1; our queries are ASCII around placeholders.
        size_t out = static_cast<size_t>(std::max(1L, position) - 1);
        return Status::InvalidArgument(DescribeQueryPosition(query, pq.OriginalOffset(out)) + message);
      }
      return Status::InvalidArgument("query failed: " + message);
    }
    if (rows != nullptr) {
      int n = PQntuples(res), cols = PQnfields(res);
      for (int r = 0; r < n; ++r) {
        json row = json::object();
        for (int c = 0; c < cols; ++c) {
          const char* name = PQfname(res, c);
          row[name] = PQgetisnull(res, r, c)
                          ? json(nullptr)
                          : ValueOf(PQgetvalue(res, r, c), PQgetlength(res, r, c), PQftype(res, c));
        }
        rows->push_back(std::move(row));
      }
    }
    PQclear(res);
    return Status::Ok();
  }

  Status NowMs(int64_t* ms) override {
    std::vector<json> rows;
    if (Status s =
            Query("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms", {}, &rows);
        !s.ok())
      return s;
    *ms = rows.at(0)["now_ms"].get<int64_t>();
    return Status::Ok();
  }

  std::string_view driver() const override { return "postgres"; }

 private:
  PGconn* conn_;
};

}  // namespace

Status OpenPostgresConnection(const std::string& dsn, std::unique_ptr<SqlConnection>* out) {
  PGconn* conn = PQconnectdb(dsn.c_str());
  if (conn == nullptr) return Status::IoError("postgres: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = FirstLine(PQerrorMessage(conn));
    PQfinish(conn);
    return Status::IoError("postgres: cannot connect: " + message);
  }
  // Server notices ("table does not exist, skipping") would go to stderr;
  // they carry nothing a poll or the incident store acts on.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  // Times come back as RFC 3339-like text in UTC, whatever the server's zone.
  PGresult* res = PQexec(conn, "SET TimeZone = 'UTC'");
  PQclear(res);
  *out = std::make_unique<PostgresConnection>(conn);
  return Status::Ok();
}

}  // namespace recproc
