// Fuzz target: log mapping documents (the product's snake_case layout)
// through ReadMappings against the built-in schema. Any mapping it accepts is
// then built into a Mapper and run on one fixed message, so what the loader
// lets through is also safe to execute.
#include <cstdlib>
#include <memory>
#include <string_view>

#include "map/mapper.h"
#include "map/mapping_loader.h"

namespace {

const recproc::Schema& BuiltinSchema() {
  static const recproc::Schema* schema = [] {
    auto* s = new recproc::Schema();
    recproc::ConfigErrors errors;
    if (!recproc::Schema::LoadBuiltin(&errors, s)) std::abort();
    return s;
  }();
  return *schema;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const recproc::Schema& schema = BuiltinSchema();
  recproc::ConfigErrors errors;
  recproc::ConfigNode root =
      recproc::ConfigNode::Parse(std::string_view(reinterpret_cast<const char*>(data), size), "m.yaml", &errors);
  std::vector<recproc::Mapping> mappings;
  if (root.missing() || !recproc::ReadMappings(root, schema, &mappings)) return 0;
  recproc::Mapper mapper(std::move(mappings), &schema);
  recproc::Arena arena;
  recproc::MapStats stats = mapper.NewStats();
  recproc::MapContext ctx;
  ctx.arena = &arena;
  ctx.stats = &stats;
  recproc::ParsedMessage msg;
  msg.vendor = "V";
  msg.product = "P";
  msg.event_id = "4624";
  msg.log_format = "JSON";
  msg.fields = {{"user", "CORP\\alice"}, {"src", "10.1.2.3"}, {"time", "2026-01-01T00:00:00Z"}, {"n", "42"}};
  std::vector<recproc::Record> records;
  std::string_view reason;
  mapper.Map(msg, ctx, &records, &reason);
  return 0;
}
