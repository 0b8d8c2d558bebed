// IBM QRadar Log Event Extended Format, versions 1.0 and 2.0:
// `LEEF:1.0|Vendor|Product|Version|EventID|k=v<TAB>k=v` and
// `LEEF:2.0|Vendor|Product|Version|EventID|^|k=v^k=v`.
#ifndef RECPROC_PARSE_LEEF_H_
#define RECPROC_PARSE_LEEF_H_

#include <memory>
#include <string_view>

#include "parse/parser.h"

namespace recproc {

struct LeefOptions {
  // Strict: the text starts with `LEEF:1.0|` or `LEEF:2.0|` and every
  // attribute is `key=value`; a violation fails with its byte column.
  // Lenient (Default: false): text before `LEEF:` is skipped, and attributes
  // without '=' are skipped with a note.
  bool strict = false;
};

// Builds a LEEF parser (log_format "LEEF", parser "leef"). Header fields:
// leef.version, leef.vendor, leef.product, leef.productVersion, leef.eventId,
// and for 2.0 leef.delimiter (the delimiter as written). Attributes keep their
// key and raw value (LEEF defines no escapes), devTime/devTimeFormat included.
// Hints: vendor, product, event_id = EventID, and the time from devTime (see
// leef.cc; a devTime that does not parse leaves the time unset, with a note).
std::unique_ptr<Parser> MakeLeefParser(LeefOptions options);

// True when `text` holds `LEEF:<digit>` within its first 256 bytes. No parse.
bool LooksLikeLeef(std::string_view text);

}  // namespace recproc

#endif  // RECPROC_PARSE_LEEF_H_
