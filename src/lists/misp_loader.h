// Loaders for MISP events and MISP feeds. An event is read from
// `Event.Attribute[]` and `Event.Object[].Attribute[]` (the {"Event": {...}}
// wrapper of feed files is optional, as the API returns the bare event). Only
// attributes with to_ids true and not deleted become items, each in the
// column of its type (indicator_types.h). Composite types split on '|':
// `ip-dst|port` and `hostname|port` keep the first half, `filename|sha256`
// the hash, `domain|ip` gives a Domain and an Ip item. Other types count as
// unsupported (one warning per type with its count).
// A feed directory holds manifest.json (event uuid → summary) and one
// <uuid>.json per event.
#ifndef RECPROC_LISTS_MISP_LOADER_H_
#define RECPROC_LISTS_MISP_LOADER_H_

#include <string>
#include <string_view>

#include "config/config_errors.h"
#include "lists/list_model.h"

namespace recproc {

bool LoadMispEvent(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors);
bool LoadMispFeed(const std::string& directory, ListItems* out, ConfigErrors* errors);

}  // namespace recproc

#endif  // RECPROC_LISTS_MISP_LOADER_H_
