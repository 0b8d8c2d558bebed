// Fuzz target: the mapping engine with a fixed mapping set (the built-in
// mappings and schema). The input describes a parsed message: the first line
// is `vendor|product|event_id|log_format`, every further line `key=value`.
// This reaches every mapping op (lookups, splits, time formats, coercion)
// with values no parser would produce.
#include <cstdlib>
#include <memory>
#include <string_view>

#include "fuzz/fuzz_builtin_config.h"
#include "fuzz/fuzz_parser_support.h"
#include "map/mapper.h"
#include "map/mapping_loader.h"

namespace {

struct Engine {
  recproc::Schema schema;
  std::unique_ptr<recproc::Mapper> mapper;
};

const Engine& BuiltinEngine() {
  static const Engine* engine = [] {
    auto* e = new Engine();
    recproc::ConfigErrors errors;
    std::vector<recproc::Mapping> mappings;
    if (!recproc::Schema::LoadBuiltin(&errors, &e->schema) ||
        !recproc::LoadMappings(recproc::fuzz::BuiltinConfig().mapping_paths, e->schema, &errors, &mappings)) {
      std::fputs(errors.ToString().c_str(), stderr);
      std::abort();
    }
    e->mapper = std::make_unique<recproc::Mapper>(std::move(mappings), &e->schema);
    return e;
  }();
  return *engine;
}

std::string_view NextPart(std::string_view* s, char sep) {
  size_t p = s->find(sep);
  std::string_view part = s->substr(0, p);
  s->remove_prefix(p == std::string_view::npos ? s->size() : p + 1);
  return part;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Engine& engine = BuiltinEngine();
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string_view rest = text;
  std::string_view header = NextPart(&rest, '\n');
  recproc::ParsedMessage msg;
  msg.vendor = NextPart(&header, '|');
  msg.product = NextPart(&header, '|');
  msg.event_id = NextPart(&header, '|');
  msg.log_format = header;
  msg.parser = "fuzz";
  while (!rest.empty() && msg.fields.size() < 1000) {
    std::string_view line = NextPart(&rest, '\n');
    std::string_view key = NextPart(&line, '=');
    msg.fields.push_back(recproc::Field{key, line, recproc::ValueKind::kString});
  }
  recproc::Arena arena;
  recproc::MapStats stats = engine.mapper->NewStats();
  recproc::MapContext ctx;
  ctx.arena = &arena;
  ctx.stats = &stats;
  std::vector<recproc::Record> records;
  std::string_view reason;
  size_t n = engine.mapper->Map(msg, ctx, &records, &reason);
  volatile size_t sink = n + recproc::fuzz::Touch(reason);
  (void)sink;
  return 0;
}
