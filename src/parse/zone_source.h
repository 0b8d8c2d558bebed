// The names of ZoneSource values, as written in metadata_timeZoneSource and
// shown by explain.
#ifndef RECPROC_PARSE_ZONE_SOURCE_H_
#define RECPROC_PARSE_ZONE_SOURCE_H_

#include <string_view>

#include "parse/message.h"

namespace recproc {

// Where the message time's zone came from (reference §6.2 records only the
// default zone; we say which of the three applied). Empty for kNone.
inline std::string_view ZoneSourceName(ZoneSource z) {
  switch (z) {
    case ZoneSource::kParsed:
      return "parsed";
    case ZoneSource::kConfigured:
      return "configured";
    case ZoneSource::kDefault:
      return "default";
    case ZoneSource::kNone:
      break;
  }
  return {};
}

}  // namespace recproc

#endif  // RECPROC_PARSE_ZONE_SOURCE_H_
