// `sql_poll`: one connection per cycle, then pages of the user's query with
// the cursor bound, until the window is exhausted or a limit stops it.
#include "daemon/sources/sql_poll_source.h"

#include <climits>
#include <cstdlib>

#include "db/sql_connection.h"
#include "db/sql_named_params.h"
#include "daemon/state.h"

namespace recproc {
namespace {

using nlohmann::json;

enum class TsFormat { kEpochS, kEpochMs, kText };

const std::vector<std::string> kParamNames = {"cursor_ts", "cursor_id", "window_end", "limit"};

struct SqlPollOptions {
  std::string driver, path, dsn, query, ts_column = "ts", id_column = "id";
  TsFormat ts_format = TsFormat::kEpochMs;
  int64_t page_size = 1000;
  bool database_time = false;
};

json TimeIn(TsFormat format, int64_t ms) {
  switch (format) {
    case TsFormat::kEpochS:
      return json(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));
    case TsFormat::kEpochMs:
      return json(ms);
    case TsFormat::kText: {
      // Whole seconds, rounded down: "…:05Z" compares correctly with text
      // stored as "…:05Z", and the window only ever ends a little earlier.
      int64_t s = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
      std::string t = FormatTimeMs(s * 1000);
      size_t dot = t.find('.');
      return json(dot == std::string::npos ? t : t.substr(0, dot) + "Z");
    }
  }
  return json(ms);
}

class SqlPollSource : public DaemonSource {
 public:
  explicit SqlPollSource(SqlPollOptions o) : o_(std::move(o)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    std::unique_ptr<SqlConnection> db;
    Status s = o_.driver == "sqlite" ? OpenSqliteConnection(o_.path, false, &db)
                                     : OpenPostgresConnection(o_.dsn, &db);
    if (!s.ok()) return s;
    if (ctx.timeout_ms > 0 && db->driver() == "postgres") {
      // The server cancels a query running past the cycle's deadline; SQLite
      // queries on a local file are bounded by its busy timeout instead.
      std::vector<json> ignored;
      if (Status t = db->Query("SELECT set_config('statement_timeout', :ms, false)",
                               {{"ms", std::to_string(ctx.timeout_ms)}}, &ignored);
          !t.ok())
        return t;
    }
    int64_t window_end_ms = ctx.window_end_ms;
    if (o_.database_time) {
      int64_t db_now = 0;
      if (Status t = db->NowMs(&db_now); !t.ok()) return t;
      window_end_ms = db_now - (ctx.now_ms - ctx.window_end_ms);  // the same settle, on the database's clock
    }
    json cursor_ts, cursor_id;
    if (ctx.cursor != nullptr && ctx.cursor->is_object()) {
      cursor_ts = ctx.cursor->value("ts", json());
      cursor_id = ctx.cursor->value("id", json());
    } else if (Status t = StartValue(
                   ctx.cursor != nullptr && !ctx.cursor->is_null() ? ctx.cursor : ctx.initial_cursor,
                   &cursor_ts);
               !t.ok()) {
      return t;
    }
    if (ctx.cursor != nullptr && !ctx.cursor->is_null()) out->cursor = *ctx.cursor;
    int64_t taken = 0;
    for (;;) {
      int64_t limit = o_.page_size;
      if (ctx.limits.max_items > 0) limit = std::min(limit, ctx.limits.max_items - taken);
      std::vector<SqlParam> params = {{"cursor_ts", cursor_ts},
                                      {"cursor_id", cursor_id},
                                      {"window_end", TimeIn(o_.ts_format, window_end_ms)},
                                      {"limit", json(limit)}};
      std::vector<json> rows;
      if (Status q = db->Query(o_.query, params, &rows); !q.ok()) {
        // PostgreSQL's cancel message; the runner reports a "timeout" status.
        if (q.message().find("canceling statement due to statement timeout") != std::string::npos)
          return Status::LimitExceeded("timeout: sql_poll query ran past the cycle timeout");
        return Status::InvalidArgument("sql_poll: " + q.message());
      }
      ++out->pages;
      for (json& row : rows) {
        auto ts = row.find(o_.ts_column);
        auto id = row.find(o_.id_column);
        if (ts == row.end() || id == row.end())
          return Status::InvalidArgument("sql_poll: the query result has no column '" +
                                         (ts == row.end() ? o_.ts_column : o_.id_column) +
                                         "' (params.cursor_columns); add it to the SELECT list");
        // The cursor is the last row, so rows out of (ts, id) order would
        // make the next cycle skip the ones sorted before it.
        if (!out->items.empty() && OutOfOrder(out->items.back(), *ts, *id))
          return Status::InvalidArgument("sql_poll: rows are not in ascending (" + o_.ts_column + ", " +
                                         o_.id_column + ") order; the query needs ORDER BY " + o_.ts_column +
                                         ", " + o_.id_column);
        cursor_ts = *ts;
        cursor_id = *id;
        out->bytes += static_cast<int64_t>(row.dump().size());
        out->items.push_back(std::move(row));
      }
      taken += static_cast<int64_t>(rows.size());
      if (!rows.empty()) out->cursor = json{{"ts", cursor_ts}, {"id", cursor_id}};
      if (static_cast<int64_t>(rows.size()) < limit) break;  // the window is exhausted
      if ((ctx.limits.max_items > 0 && taken >= ctx.limits.max_items) ||
          (ctx.limits.max_pages > 0 && out->pages >= ctx.limits.max_pages)) {
        out->partial = true;
        break;
      }
    }
    return Status::Ok();
  }

 private:
  // True when (ts, id) sorts before the previous row's; values of different
  // JSON types (a NULL, a changed column type) are not compared.
  bool OutOfOrder(const json& previous, const json& ts, const json& id) const {
    const json& pts = previous[o_.ts_column];
    const json& pid = previous[o_.id_column];
    if (pts.type() != ts.type() || pid.type() != id.type() || ts.is_null() || id.is_null()) return false;
    return ts < pts || (ts == pts && id < pid);
  }

  // The first run's :cursor_ts: `initial` (cursor.initial, or a plain value
  // `daemon reset --to` left) in ts_format, else the lowest value.
  Status StartValue(const json* initial, json* ts) const {
    if (initial != nullptr && initial->is_number()) {
      *ts = *initial;
      return Status::Ok();
    }
    if (initial != nullptr && initial->is_string()) {
      int64_t ms = 0;
      if (ParseTimeMs(initial->get<std::string>(), &ms)) {
        *ts = TimeIn(o_.ts_format, ms);
      } else if (o_.ts_format == TsFormat::kText) {
        *ts = *initial;
      } else {
        return Status::InvalidArgument("sql_poll: cursor.initial '" + initial->get<std::string>() +
                                       "' is neither a time nor a number");
      }
      return Status::Ok();
    }
    switch (o_.ts_format) {
      // INT_MIN rather than INT64_MIN: an int4 column must accept it too.
      case TsFormat::kEpochS:
        *ts = json(static_cast<int64_t>(INT_MIN));
        break;
      case TsFormat::kEpochMs:
        *ts = json(static_cast<int64_t>(INT64_MIN));
        break;
      case TsFormat::kText:
        *ts = json(o_.driver == "postgres" ? "-infinity" : "");
        break;
    }
    return Status::Ok();
  }

  SqlPollOptions o_;
};

}  // namespace

std::unique_ptr<DaemonSource> CreateSqlPollSource(const SourceSetup& setup) {
  const ConfigNode& node = setup.params_node;
  if (!node.CheckKeys(
          {"driver", "path", "dsn", "query", "cursor_columns", "ts_format", "page_size", "database_time"}))
    return nullptr;
  const json& p = setup.params;
  auto str = [&](const char* key) {
    return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : "";
  };
  SqlPollOptions o;
  bool ok = true;
  o.driver = str("driver");
  if (o.driver == "sqlite") {
    o.path = str("path");
    if (o.path.empty())
      node.Error("driver 'sqlite' needs params.path"), ok = false;
    else if (o.path[0] != '/')
      o.path = setup.config_dir + "/" + o.path;
  } else if (o.driver == "postgres") {
    o.dsn = str("dsn");
    if (o.dsn.empty())
      node.Error("driver 'postgres' needs params.dsn (a libpq connection string or URL)"), ok = false;
  } else {
    (p.contains("driver") ? node.Get("driver") : node).Error("params.driver must be sqlite or postgres");
    ok = false;
  }
  o.query = str("query");
  PositionalQuery checked;
  if (o.query.empty()) {
    node.Error("type 'sql_poll' needs params.query");
    ok = false;
  } else if (Status s = ToPositional(o.query, '?', kParamNames, &checked); !s.ok()) {
    node.Get("query").Error(s.message());
    ok = false;
  }
  if (p.contains("cursor_columns")) {
    const json& c = p["cursor_columns"];
    if (!c.is_object() || !node.Get("cursor_columns").CheckKeys({"ts", "id"})) {
      node.Get("cursor_columns").Error("params.cursor_columns must be a map {ts: column, id: column}");
      ok = false;
    } else {
      o.ts_column = c.value("ts", o.ts_column);
      o.id_column = c.value("id", o.id_column);
    }
  }
  std::string format = p.contains("ts_format") ? str("ts_format") : "epoch_ms";
  if (format == "epoch_s")
    o.ts_format = TsFormat::kEpochS;
  else if (format == "epoch_ms")
    o.ts_format = TsFormat::kEpochMs;
  else if (format == "text")
    o.ts_format = TsFormat::kText;
  else
    node.Get("ts_format").Error("unknown ts_format '" + format + "'; expected epoch_s, epoch_ms or text"),
        ok = false;
  // Params arrive as strings (YAML scalars are untyped).
  if (p.contains("page_size")) {
    std::string text = str("page_size");
    char* end = nullptr;
    long long n = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || n < 1) {
      node.Get("page_size").Error("params.page_size must be a positive integer");
      ok = false;
    } else {
      o.page_size = n;
    }
  }
  if (p.contains("database_time")) {
    std::string text = str("database_time");
    if (text != "true" && text != "false") {
      node.Get("database_time").Error("params.database_time must be true or false");
      ok = false;
    }
    o.database_time = text == "true";
  }
  if (!ok) return nullptr;
  return std::make_unique<SqlPollSource>(std::move(o));
}

}  // namespace recproc
