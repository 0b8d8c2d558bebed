// Mapping, dedup, rules and rendering of one daemon batch. Records are
// nlohmann::json objects: a cycle handles thousands of items, not the
// millions of log lines the record pipeline is built for, and the rule
// language and the mapping both work on paths into such objects.
#include "daemon/record_builder.h"

#include <algorithm>
#include <set>

#include "config/root_config.h"
#include "daemon/field_template.h"
#include "filter/filter_expr.h"
#include "pipeline/pipeline.h"

namespace recproc {
namespace {

using nlohmann::json;

void SetPath(json* record, const std::string& path, json value) {
  json* cur = record;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string step = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) {
      (*cur)[step] = std::move(value);
      return;
    }
    json& next = (*cur)[step];
    if (!next.is_object()) next = json::object();
    cur = &next;
    start = dot + 1;
  }
}

// Orders cursor values: numbers numerically, strings bytewise (RFC 3339 UTC
// strings with 'Z' sort by time), numbers before strings.
bool CursorLess(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() < b.get<double>();
  if (a.is_string() && b.is_string()) return a.get<std::string>() < b.get<std::string>();
  return a.is_number() && b.is_string();
}

}  // namespace

json MapItem(const std::vector<MappingEntry>& mapping, const json& item) {
  if (mapping.empty()) return item;
  json record = json::object();
  for (const MappingEntry& e : mapping) {
    const json* v = ResolveJsonPath(item, e.from);
    if (v != nullptr && !v->is_null()) {
      SetPath(&record, e.target, *v);
    } else if (e.fallback) {
      SetPath(&record, e.target, *e.fallback);
    }
  }
  return record;
}

std::string DedupKey(const std::string& key_template, const json& record) {
  return ExpandFieldTemplate(key_template, record);
}

BatchBuilder::BatchBuilder(const DaemonDefinition& def, int64_t now_ms, const DedupSet* seen,
                           EffectJournal* journal)
    : def_(def), now_ms_(now_ms), seen_(seen), effects_(def, now_ms, journal) {}

Status BatchBuilder::Add(const std::vector<json>& items, bool run_side_effects, int64_t timeout_ms,
                         const std::function<int64_t()>& elapsed_ms) {
  std::set<std::string> batch_keys;
  for (const json& item : items) {
    json record = MapItem(def_.mapping, item);
    std::string key;
    if (!def_.dedup.key.empty()) {
      key = DedupKey(def_.dedup.key, record);
      if (seen_->Contains(key) || !batch_keys.insert(key).second) {
        ++dup_;
        continue;
      }
      new_keys_.emplace_back(key, now_ms_);
    }
    bool emit = true;
    for (size_t index = 0; index < def_.rules.size(); ++index) {
      const DaemonRule& rule = def_.rules[index];
      if (!rule.when.Evaluate(record)) continue;
      if (rule.action == DaemonRule::Action::kEmit) break;
      if (rule.action == DaemonRule::Action::kDrop) {
        emit = false;
        break;
      }
      if (rule.action == DaemonRule::Action::kTag) {
        json& tags = record["tags"];
        if (!tags.is_array()) tags = tags.is_null() ? json::array() : json::array({tags});
        for (const std::string& t : rule.tags)
          if (std::find(tags.begin(), tags.end(), json(t)) == tags.end()) tags.push_back(t);
      } else if (rule.HasSideEffect() && run_side_effects) {
        int64_t left = timeout_ms > 0 ? timeout_ms - elapsed_ms() : 0;
        if (timeout_ms > 0 && left <= 0) return Status::LimitExceeded("timeout: rule actions ran past the cycle timeout");
        if (Status s = effects_.Run(index, rule, record, key, left); !s.ok()) return s;
      }
    }
    considered_.push_back(record);
    if (emit) {
      emitted_.push_back(std::move(record));
    } else {
      ++filtered_;
    }
  }
  return Status::Ok();
}

json BatchBuilder::NextCursor(const json& old, const FetchResult& fetched, const json& initial) const {
  if (fetched.cursor) return *fetched.cursor;
  if (!def_.cursor.field.empty()) {
    const json* best = nullptr;
    for (const json& r : considered_) {
      const json* v = ResolveJsonPath(r, def_.cursor.field);
      if (v != nullptr && (v->is_number() || v->is_string()) && (best == nullptr || CursorLess(*best, *v))) best = v;
    }
    if (best != nullptr) return old.is_null() || CursorLess(old, *best) ? *best : old;
  }
  if (fetched.items.empty() && fetched.window_end_ms) {
    const json& base = old.is_null() ? initial : old;
    int64_t ms = 0;
    if (base.is_string() && ParseTimeMs(base.get<std::string>(), &ms) && ms < *fetched.window_end_ms)
      return FormatTimeMs(*fetched.window_end_ms);
  }
  return old;
}

Status BatchBuilder::Render(std::string* out) const {
  out->clear();
  if (def_.output.format == OutputSpec::Format::kJsonl) {
    for (const json& r : emitted_) {
      *out += r.dump(-1, ' ', false, json::error_handler_t::replace);
      out->push_back('\n');
    }
    return Status::Ok();
  }
  if (emitted_.empty()) return Status::Ok();
  ConfigErrors errors;
  RootConfig config;
  std::unique_ptr<Pipeline> pipeline;
  if (LoadRootConfig(FindRootConfig(def_.output.config), &config, &errors))
    Pipeline::Build(config, PipelineOptions{now_ms_, ""}, &errors, &pipeline);
  if (!errors.empty() || !pipeline) return Status::InvalidArgument("record pipeline config: " + errors.ToString());
  Batch batch;
  batch.source = def_.name;
  size_t total = 0;
  for (const json& r : emitted_) {
    const json* m = ResolveJsonPath(r, def_.output.message_field);
    if (m != nullptr && m->is_string()) total += m->get_ref<const std::string&>().size();
  }
  batch.storage.reserve(total);  // views below must not move
  uint64_t line = 0;
  for (const json& r : emitted_) {
    ++line;
    const json* m = ResolveJsonPath(r, def_.output.message_field);
    if (m == nullptr || !m->is_string()) continue;
    if (const json* f = ResolveJsonPath(r, "file"); f != nullptr && f->is_string() && batch.messages.empty())
      batch.source = f->get<std::string>();
    const std::string& text = m->get_ref<const std::string&>();
    size_t at = batch.storage.size();
    batch.storage += text;
    InputMessage msg;
    msg.text = std::string_view(batch.storage).substr(at, text.size());
    msg.line = line;
    const json* off = ResolveJsonPath(r, "offset");
    msg.offset = off != nullptr && off->is_number_unsigned() ? off->get<uint64_t>() : 0;
    msg.full_length = text.size();
    batch.messages.push_back(msg);
  }
  std::unique_ptr<Pipeline::Worker> worker = pipeline->NewWorker();
  pipeline->ProcessBatch(batch, worker.get(), out, out);
  return Status::Ok();
}

}  // namespace recproc
