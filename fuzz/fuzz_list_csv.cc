// Fuzz target: the CSV list loaders (value CSV and named-column CSV). A malformed document must be reported through
// ConfigErrors (file, line, what was expected), never crash or hang.
#include <string_view>

#include "lists/csv_list_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  recproc::ListItems items;
  recproc::ConfigErrors errors;
  recproc::LoadValueCsv(text, "list.csv", &items, &errors);
  recproc::ListItems named;
  recproc::LoadNamedColumnCsv(text, "list.csv", recproc::NamedColumnCsvOptions{"ip", "note"}, &named, &errors);
  volatile size_t sink = items.items.size() + errors.size() + items.warnings.size();
  (void)sink;
  return 0;
}
