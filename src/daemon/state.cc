// The per-daemon state file (reference/daemons.md §4) and the health derived
// from it (§5). Every cycle is a new process, so everything needed to resume
// lives here (elastic/beats#20751 is what losing it costs). The file is
// written atomically and read strictly: a corrupt or foreign file is an error
// that names the path and the field, never a silent reset that would re-fetch
// (or skip) a source's whole history. nlohmann-json is used because the state
// is a small document off the hot path; its exceptions stay in this file.
//
// Layout (schema 1; times are RFC 3339 UTC strings or null):
//   {"schema":1, "daemon":..., "config_hash":..., "cursor":<any>,
//    "pending":null|{run_id,new_cursor,tmp,final,append{path,offset_before,
//               bytes,sha256},new_keys[[key,time]...],new_keys_file,slot},
//    "last_slot":..., "last_started_at":...,
//    "overrides":{"enabled":null|bool, "schedule":null|{"every":..}|{"cron":..}},
//    "dedup":{"keep":..., "count":n, "keys":[[key,time],...]}
//          | {"keep":..., "file":"<name>.keys", "count":n}  (more than kInlineDedupMax keys),
//    "stats":{...}, "history":[{...}, ...]}
#include "daemon/state.h"

#include <date/date.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "daemon/dedup_keys_file.h"
#include "io/atomic_file.h"

namespace recproc {
namespace {

using nlohmann::json;

std::string DirOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

json TimeOrNull(const std::optional<int64_t>& ms) { return ms ? json(FormatTimeMs(*ms)) : json(nullptr); }

const char* TypeName(const json& v) { return v.type_name(); }

// Typed, strict access to one JSON object; the first problem becomes the error.
class ObjectReader {
 public:
  ObjectReader(const json& obj, std::string where, const std::string& path)
      : obj_(obj), where_(std::move(where)), path_(path) {
    if (!obj_.is_object()) Fail(where_, std::string("expected an object, found ") + TypeName(obj_));
  }

  // Every key must be one of `allowed`: a typo or a foreign file must not pass.
  void OnlyKeys(std::initializer_list<const char*> allowed) {
    if (!status_.ok() || !obj_.is_object()) return;
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* k) { return it.key() == k; })) {
        Fail(Field(it.key().c_str()), "unknown key");
        return;
      }
    }
  }
  const json* Get(const char* key) {
    if (!status_.ok() || !obj_.is_object()) return nullptr;
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  void Int(const char* key, int64_t* out) {
    if (const json* v = Get(key)) {
      if (v->is_number_integer()) {
        *out = v->get<int64_t>();
      } else {
        Fail(Field(key), std::string("expected an integer, found ") + TypeName(*v));
      }
    }
  }
  void Uint(const char* key, uint64_t* out) {
    int64_t v = 0;
    Int(key, &v);
    if (v < 0) Fail(Field(key), "expected a non-negative integer");
    *out = static_cast<uint64_t>(v);
  }
  void String(const char* key, std::string* out) {
    if (const json* v = Get(key)) {
      if (v->is_string()) {
        *out = v->get<std::string>();
      } else {
        Fail(Field(key), std::string("expected a string, found ") + TypeName(*v));
      }
    }
  }
  void Time(const char* key, std::optional<int64_t>* out) {
    if (const json* v = Get(key)) {
      int64_t ms = 0;
      if (v->is_string() && ParseTimeMs(v->get<std::string>(), &ms)) {
        *out = ms;
      } else {
        Fail(Field(key),
             "expected an RFC 3339 UTC time such as 2026-11-22T12:15:00.000Z, found " + v->dump());
      }
    }
  }
  void Time(const char* key, int64_t* out) {
    std::optional<int64_t> t;
    Time(key, &t);
    if (t) *out = *t;
  }
  void Bool(const char* key, std::optional<bool>* out) {
    if (const json* v = Get(key)) {
      if (v->is_boolean()) {
        *out = v->get<bool>();
      } else {
        Fail(Field(key), std::string("expected true, false or null, found ") + TypeName(*v));
      }
    }
  }
  void Any(const char* key, json* out) {
    if (!status_.ok() || !obj_.is_object()) return;
    auto it = obj_.find(key);
    *out = it == obj_.end() ? json(nullptr) : *it;
  }
  // A list of [key, time] pairs.
  void KeyTimes(const char* key, std::vector<std::pair<std::string, int64_t>>* out) {
    const json* v = Get(key);
    if (v == nullptr) return;
    if (!v->is_array()) return Fail(Field(key), std::string("expected an array, found ") + TypeName(*v));
    for (const json& e : *v) {
      int64_t ms = 0;
      if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_string() ||
          !ParseTimeMs(e[1].get<std::string>(), &ms)) {
        return Fail(Field(key), "expected [key, time] pairs, found " + e.dump());
      }
      out->emplace_back(e[0].get<std::string>(), ms);
    }
  }

  std::string Field(const char* key) const { return where_.empty() ? key : where_ + "." + key; }
  void Fail(const std::string& field, const std::string& what) {
    if (status_.ok()) status_ = Status::Corruption(path_ + ": " + field + ": " + what);
  }
  const Status& status() const { return status_; }

 private:
  const json& obj_;
  std::string where_;
  const std::string& path_;
  Status status_;
};

json KeyTimesToJson(const std::vector<std::pair<std::string, int64_t>>& kv) {
  json arr = json::array();
  for (const auto& [k, t] : kv) arr.push_back(json::array({k, FormatTimeMs(t)}));
  return arr;
}

json RunToJson(const RunRecord& r) {
  return json{{"run_id", r.run_id},
              {"trigger", r.trigger},
              {"started_at", FormatTimeMs(r.started_ms)},
              {"finished_at", FormatTimeMs(r.finished_ms)},
              {"status", r.outcome},
              {"items_in", r.items_in},
              {"dup", r.dup},
              {"filtered", r.filtered},
              {"out", r.out},
              {"pages", r.pages},
              {"missed_slots", r.missed_slots},
              {"cursor_before", r.cursor_before},
              {"cursor_after", r.cursor_after},
              {"error", r.error.empty() ? json(nullptr) : json(r.error)}};
}

Status RunFromJson(const json& j, const std::string& where, const std::string& path, RunRecord* r) {
  ObjectReader rd(j, where, path);
  rd.OnlyKeys({"run_id", "trigger", "started_at", "finished_at", "status", "items_in", "dup", "filtered",
               "out", "pages", "missed_slots", "cursor_before", "cursor_after", "error"});
  rd.String("run_id", &r->run_id);
  rd.String("trigger", &r->trigger);
  rd.Time("started_at", &r->started_ms);
  rd.Time("finished_at", &r->finished_ms);
  rd.String("status", &r->outcome);
  rd.Int("items_in", &r->items_in);
  rd.Int("dup", &r->dup);
  rd.Int("filtered", &r->filtered);
  rd.Int("out", &r->out);
  rd.Int("pages", &r->pages);
  rd.Int("missed_slots", &r->missed_slots);
  rd.Any("cursor_before", &r->cursor_before);
  rd.Any("cursor_after", &r->cursor_after);
  rd.String("error", &r->error);
  return rd.status();
}

json PendingToJson(const PendingCommit& p) {
  json append = nullptr;
  if (!p.append_path.empty()) {
    append = json{{"path", p.append_path},
                  {"offset_before", p.append_offset_before},
                  {"bytes", p.append_bytes},
                  {"sha256", p.append_sha256}};
  }
  return json{{"run_id", p.run_id},
              {"new_cursor", p.new_cursor},
              {"tmp", p.tmp_path.empty() ? json(nullptr) : json(p.tmp_path)},
              {"final", p.final_path.empty() ? json(nullptr) : json(p.final_path)},
              {"append", append},
              {"new_keys", KeyTimesToJson(p.new_dedup_keys)},
              {"new_keys_file", p.new_keys_file.empty() ? json(nullptr) : json(p.new_keys_file)},
              {"slot", TimeOrNull(p.slot_ms)}};
}

Status PendingFromJson(const json& j, const std::string& path, PendingCommit* p) {
  ObjectReader rd(j, "pending", path);
  rd.OnlyKeys({"run_id", "new_cursor", "tmp", "final", "append", "new_keys", "new_keys_file", "slot"});
  rd.String("new_keys_file", &p->new_keys_file);
  rd.String("run_id", &p->run_id);
  rd.Any("new_cursor", &p->new_cursor);
  rd.String("tmp", &p->tmp_path);
  rd.String("final", &p->final_path);
  rd.KeyTimes("new_keys", &p->new_dedup_keys);
  rd.Time("slot", &p->slot_ms);
  if (const json* a = rd.Get("append"); a != nullptr && rd.status().ok()) {
    ObjectReader ar(*a, "pending.append", path);
    ar.OnlyKeys({"path", "offset_before", "bytes", "sha256"});
    ar.String("path", &p->append_path);
    ar.Uint("offset_before", &p->append_offset_before);
    ar.Uint("bytes", &p->append_bytes);
    ar.String("sha256", &p->append_sha256);
    if (!ar.status().ok()) return ar.status();
  }
  if (rd.status().ok() && p->run_id.empty()) rd.Fail("pending.run_id", "missing");
  return rd.status();
}

}  // namespace

std::string FormatTimeMs(int64_t ms) {
  return date::format("%FT%TZ", date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds(ms)});
}

bool ParseTimeMs(std::string_view text, int64_t* ms) {
  // Exactly what FormatTimeMs writes, the fraction optional: the state file is
  // ours, so anything else means it was edited or damaged.
  if ((text.size() != 20 && text.size() != 24) || text.back() != 'Z') return false;
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd.dddZ";
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return false;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  date::year_month_day ymd{date::year{num(0, 4)}, date::month{static_cast<unsigned>(num(5, 2))},
                           date::day{static_cast<unsigned>(num(8, 2))}};
  int h = num(11, 2), mi = num(14, 2), sec = num(17, 2);
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return false;
  int64_t days = date::sys_days{ymd}.time_since_epoch().count();
  *ms = ((days * 24 + h) * 60 + mi) * 60000 + sec * 1000 + (text.size() == 24 ? num(20, 3) : 0);
  return true;
}

namespace {

// `key` as it reads back from the state file (see DedupSet).
std::string StoredDedupKey(std::string_view key) {
  bool ascii = std::all_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return std::string(key);
  std::string dumped = json(std::string(key)).dump(-1, ' ', false, json::error_handler_t::replace);
  return json::parse(dumped).get<std::string>();
}

}  // namespace

bool DedupSet::Contains(std::string_view key) const { return keys_.find(StoredDedupKey(key)) != keys_.end(); }

void DedupSet::Insert(std::string_view raw_key, int64_t time_ms) {
  std::string key = StoredDedupKey(raw_key);
  auto it = keys_.find(key);
  if (it == keys_.end()) {
    keys_.emplace(std::move(key), time_ms);
  } else {
    it->second = std::max(it->second, time_ms);
  }
}

void DedupSet::InsertSorted(std::string key, int64_t time_ms) {
  auto it = keys_.emplace_hint(keys_.end(), std::move(key), time_ms);
  it->second = std::max(it->second, time_ms);
}

void DedupSet::Prune(int64_t now_ms, int64_t keep_ms, size_t max_keys) {
  if (keep_ms > 0) {
    std::erase_if(keys_, [&](const auto& kv) { return kv.second < now_ms - keep_ms; });
  }
  if (max_keys > 0 && keys_.size() > max_keys) {
    std::vector<std::pair<int64_t, std::string_view>> by_time;
    by_time.reserve(keys_.size());
    for (const auto& [k, t] : keys_) by_time.emplace_back(t, k);
    // Oldest first; ties broken by key so the result does not depend on order.
    size_t drop = keys_.size() - max_keys;
    std::nth_element(by_time.begin(), by_time.begin() + static_cast<std::ptrdiff_t>(drop - 1), by_time.end());
    std::vector<std::string> victims;
    for (size_t i = 0; i < drop; ++i) victims.emplace_back(by_time[i].second);
    for (const std::string& v : victims) keys_.erase(v);
  }
}

Status StateOverrides::ToScheduleOverride(ScheduleOverride* out) const {
  ScheduleOverride ov;
  ov.enabled = enabled;
  if (every && cron) return Status::InvalidArgument("override schedule: both every and cron are set");
  if (every || cron) {
    ScheduleRule rule;
    rule.name = "override";
    Status s = every ? MakeEveryRule(*every, &rule) : MakeCronRule(*cron, &rule);
    if (!s.ok()) return Status::InvalidArgument("override schedule: " + s.message());
    ov.rule = std::move(rule);
  }
  *out = std::move(ov);
  return Status::Ok();
}

void DaemonState::RecordRun(const RunRecord& run) {
  bool real = run.outcome != "skipped-busy" && run.outcome != "reset";
  if (real) {
    ++stats.runs_total;
    stats.items_in_total += run.items_in;
    stats.items_out_total += run.out;
    marks.last_started_ms = run.started_ms;
    if (run.outcome == "ok" || run.outcome == "partial") {
      ++stats.runs_ok;
      stats.consecutive_failures = 0;
      stats.last_success_ms = run.finished_ms;
      if (run.items_in > 0 && run.cursor_before == run.cursor_after) {
        ++stats.cursor_unchanged_runs;
      } else if (run.cursor_before != run.cursor_after) {
        stats.cursor_unchanged_runs = 0;
      }
    } else {
      ++stats.runs_failed;
      ++stats.consecutive_failures;
      stats.last_error_ms = run.finished_ms;
      stats.last_error = run.error.empty() ? run.outcome : run.error;
    }
  }
  history.push_back(run);
  while (history.size() > kHistorySize) history.pop_front();
}

void DaemonState::Reset(const nlohmann::json& initial, bool keep_dedup, int64_t now_ms) {
  RunRecord r;
  r.run_id = "reset-" + FormatTimeMs(now_ms);
  r.trigger = "reset";
  r.started_ms = r.finished_ms = now_ms;
  r.outcome = "reset";
  r.cursor_before = cursor;
  r.cursor_after = initial;
  cursor = initial;
  pending.reset();
  if (!keep_dedup) {
    dedup.Clear();
    dedup_file.clear();
  }
  stats.cursor_unchanged_runs = 0;
  RecordRun(r);
}

std::string DaemonState::Serialize() const {
  json dedup_json = {{"keep", dedup_keep_ms > 0 ? json(FormatDuration(dedup_keep_ms)) : json(nullptr)},
                     {"count", dedup.size()}};
  if (!dedup_file.empty()) {
    dedup_json["file"] = dedup_file;
  } else {
    json keys = json::array();
    for (const auto& [k, t] : dedup.keys()) keys.push_back(json::array({k, FormatTimeMs(t)}));
    dedup_json["keys"] = std::move(keys);
  }
  json sched = nullptr;
  if (overrides.every) sched = json{{"every", *overrides.every}};
  if (overrides.cron) sched = json{{"cron", *overrides.cron}};
  json hist = json::array();
  for (const RunRecord& r : history) hist.push_back(RunToJson(r));
  json j = {
      {"schema", kSchemaVersion},
      {"daemon", daemon},
      {"config_hash", config_hash.empty() ? json(nullptr) : json(config_hash)},
      {"cursor", cursor},
      {"pending", pending ? PendingToJson(*pending) : json(nullptr)},
      {"last_slot", TimeOrNull(marks.last_slot_ms)},
      {"last_started_at", TimeOrNull(marks.last_started_ms)},
      {"overrides",
       {{"enabled", overrides.enabled ? json(*overrides.enabled) : json(nullptr)}, {"schedule", sched}}},
      {"dedup", dedup_json},
      {"stats",
       {{"runs_total", stats.runs_total},
        {"runs_ok", stats.runs_ok},
        {"runs_failed", stats.runs_failed},
        {"consecutive_failures", stats.consecutive_failures},
        {"items_in_total", stats.items_in_total},
        {"items_out_total", stats.items_out_total},
        {"last_success_at", TimeOrNull(stats.last_success_ms)},
        {"last_error_at", TimeOrNull(stats.last_error_ms)},
        {"last_error", stats.last_error.empty() ? json(nullptr) : json(stats.last_error)},
        {"cursor_unchanged_runs", stats.cursor_unchanged_runs}}},
      {"history", hist},
  };
  // Replace, not throw: keys and errors may hold bytes that are not UTF-8.
  return j.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

Status DaemonState::Parse(std::string_view text, const std::string& path, std::string_view expected_daemon,
                          DaemonState* out) {
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return Status::Corruption(path + ": not valid JSON (byte " + std::to_string(e.byte) +
                              "); the state file is damaged: fix it or run `recproc daemon reset`");
  }
  ObjectReader rd(j, "", path);
  rd.OnlyKeys({"schema", "daemon", "config_hash", "cursor", "pending", "last_slot", "last_started_at",
               "overrides", "dedup", "stats", "history"});
  int64_t schema = 0;
  rd.Int("schema", &schema);
  if (!rd.status().ok()) return rd.status();
  if (schema != kSchemaVersion) {
    return Status::Corruption(path + ": schema " + std::to_string(schema) +
                              " is not supported (this recproc " + "reads schema " +
                              std::to_string(kSchemaVersion) + ")");
  }
  DaemonState s;
  rd.String("daemon", &s.daemon);
  if (rd.status().ok() && s.daemon != expected_daemon) {
    return Status::Corruption(path + ": state belongs to daemon \"" + s.daemon + "\", not \"" +
                              std::string(expected_daemon) + "\"");
  }
  rd.String("config_hash", &s.config_hash);
  rd.Any("cursor", &s.cursor);
  rd.Time("last_slot", &s.marks.last_slot_ms);
  rd.Time("last_started_at", &s.marks.last_started_ms);
  if (const json* p = rd.Get("pending"); p != nullptr && rd.status().ok()) {
    PendingCommit pc;
    if (Status st = PendingFromJson(*p, path, &pc); !st.ok()) return st;
    s.pending = std::move(pc);
  }
  if (const json* o = rd.Get("overrides"); o != nullptr && rd.status().ok()) {
    ObjectReader orr(*o, "overrides", path);
    orr.OnlyKeys({"enabled", "schedule"});
    orr.Bool("enabled", &s.overrides.enabled);
    if (const json* sc = orr.Get("schedule"); sc != nullptr && orr.status().ok()) {
      ObjectReader sr(*sc, "overrides.schedule", path);
      sr.OnlyKeys({"every", "cron"});
      std::string every, cron;
      sr.String("every", &every);
      sr.String("cron", &cron);
      if (!sr.status().ok()) return sr.status();
      if (!every.empty()) s.overrides.every = every;
      if (!cron.empty()) s.overrides.cron = cron;
      ScheduleOverride check;
      if (Status st = s.overrides.ToScheduleOverride(&check); !st.ok()) {
        return Status::Corruption(path + ": overrides.schedule: " + st.message());
      }
    }
    if (!orr.status().ok()) return orr.status();
  }
  if (const json* d = rd.Get("dedup"); d != nullptr && rd.status().ok()) {
    ObjectReader dr(*d, "dedup", path);
    dr.OnlyKeys({"keep", "count", "keys", "file"});
    std::vector<std::pair<std::string, int64_t>> keys;
    dr.KeyTimes("keys", &keys);
    std::string keep;
    dr.String("keep", &keep);
    dr.String("file", &s.dedup_file);
    int64_t count = 0;
    dr.Int("count", &count);
    if (!dr.status().ok()) return dr.status();
    if (!keep.empty() && !ParseDuration(keep, &s.dedup_keep_ms).ok())
      return Status::Corruption(path + ": dedup.keep: expected a duration, found \"" + keep + "\"");
    if (!s.dedup_file.empty() && (s.dedup_file != DedupKeysFileName(s.daemon) || !keys.empty()))
      return Status::Corruption(path + ": dedup.file: expected \"" + DedupKeysFileName(s.daemon) +
                                "\" and no inline keys");
    for (const auto& [k, t] : keys) s.dedup.Insert(k, t);
    s.dedup_file_count = count;
  }
  if (const json* st = rd.Get("stats"); st != nullptr && rd.status().ok()) {
    ObjectReader sr(*st, "stats", path);
    sr.OnlyKeys({"runs_total", "runs_ok", "runs_failed", "consecutive_failures", "items_in_total",
                 "items_out_total", "last_success_at", "last_error_at", "last_error",
                 "cursor_unchanged_runs"});
    sr.Int("runs_total", &s.stats.runs_total);
    sr.Int("runs_ok", &s.stats.runs_ok);
    sr.Int("runs_failed", &s.stats.runs_failed);
    sr.Int("consecutive_failures", &s.stats.consecutive_failures);
    sr.Int("items_in_total", &s.stats.items_in_total);
    sr.Int("items_out_total", &s.stats.items_out_total);
    sr.Time("last_success_at", &s.stats.last_success_ms);
    sr.Time("last_error_at", &s.stats.last_error_ms);
    sr.String("last_error", &s.stats.last_error);
    sr.Int("cursor_unchanged_runs", &s.stats.cursor_unchanged_runs);
    if (!sr.status().ok()) return sr.status();
  }
  if (const json* h = rd.Get("history"); h != nullptr && rd.status().ok()) {
    if (!h->is_array()) {
      rd.Fail("history", std::string("expected an array, found ") + TypeName(*h));
    } else {
      for (size_t i = 0; i < h->size(); ++i) {
        RunRecord r;
        if (Status st = RunFromJson((*h)[i], "history[" + std::to_string(i) + "]", path, &r); !st.ok())
          return st;
        s.history.push_back(std::move(r));
      }
      while (s.history.size() > kHistorySize) s.history.pop_front();
    }
  }
  if (!rd.status().ok()) return rd.status();
  *out = std::move(s);
  return Status::Ok();
}

Status LoadState(const std::string& path, std::string_view daemon, DaemonState* out) {
  std::string text;
  Status s = ReadWholeFile(path, &text);
  if (s.code() == Status::Code::kNotFound) {
    *out = DaemonState{};
    out->daemon = std::string(daemon);
    return Status::Ok();
  }
  if (!s.ok()) return s;
  if (Status p = DaemonState::Parse(text, path, daemon, out); !p.ok()) return p;
  if (out->dedup_file.empty()) return Status::Ok();
  std::string keys_path = DirOf(path) + "/" + out->dedup_file;
  Status k = ReadDedupKeysFile(keys_path, &out->dedup);
  if (k.code() == Status::Code::kNotFound)
    return Status::Corruption(path + ": names the keys file " + keys_path +
                              ", which is missing: restore it or run `recproc daemon reset`");
  if (!k.ok()) return k;
  if (static_cast<int64_t>(out->dedup.size()) != out->dedup_file_count && !out->pending)
    return Status::Corruption(keys_path + ": holds " + std::to_string(out->dedup.size()) + " keys, the state says " +
                              std::to_string(out->dedup_file_count) + ": run `recproc daemon reset`");
  return Status::Ok();
}

Status SaveState(const std::string& path, const DaemonState& state) {
  if (Status s = WriteFileAtomically(path, state.Serialize(), 0600); !s.ok()) return s;
  if (state.dedup_file.empty()) {
    std::string keys_path = DirOf(path) + "/" + DedupKeysFileName(state.daemon);
    if (unlink(keys_path.c_str()) != 0 && errno != ENOENT)
      return Status::IoError("cannot remove " + keys_path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

std::string DedupKeysFileName(std::string_view daemon) { return std::string(daemon) + ".keys"; }

const char* HealthName(Health h) {
  switch (h) {
    case Health::kOk:
      return "OK";
    case Health::kLate:
      return "LATE";
    case Health::kFailing:
      return "FAILING";
    case Health::kStuck:
      return "STUCK";
    case Health::kDisabled:
      return "DISABLED";
    case Health::kNeverRun:
      return "NEVER_RUN";
  }
  return "UNKNOWN";
}

HealthReport ComputeHealth(const DaemonState& state, const Schedule& schedule, int64_t now_ms,
                           const HealthThresholds& thresholds) {
  ScheduleOverride ov;
  if (Status s = state.overrides.ToScheduleOverride(&ov); !s.ok()) {
    ov.enabled = state.overrides.enabled;  // a bad stored schedule must not hide a disable
  }
  if (!schedule.Enabled(ov)) return {Health::kDisabled, "disabled"};
  const DaemonStats& st = state.stats;
  if (st.runs_total == 0) return {Health::kNeverRun, "no run recorded yet"};
  if (st.consecutive_failures >= thresholds.failing_after) {
    return {Health::kFailing,
            std::to_string(st.consecutive_failures) + " consecutive failures; last error: " + st.last_error};
  }
  if (st.cursor_unchanged_runs >= thresholds.stuck_after) {
    return {Health::kStuck, "the cursor has not moved for " + std::to_string(st.cursor_unchanged_runs) +
                                " runs that returned data"};
  }
  std::optional<int64_t> base = st.last_success_ms ? st.last_success_ms : state.marks.last_started_ms;
  if (base) {
    RunMarks from{*base, *base};
    int64_t due = schedule.NextDue(*base, from, ov);
    if (due != Schedule::kNever) {
      int64_t limit = due + schedule.PeriodAt(due, ov) + schedule.options().timeout_ms;
      if (now_ms > limit) {
        return {Health::kLate,
                std::string(st.last_success_ms ? "no success since " : "no success; last start ") +
                    FormatTimeMs(*base) + ", due since " + FormatTimeMs(due)};
      }
    }
  }
  return {Health::kOk, "ok"};
}

}  // namespace recproc
