// ArcSight Common Event Format: a pipe-delimited header and a key=value
// extension (`CEF:0|Vendor|Product|1.0|100|name|5|src=10.0.0.1 act=blocked`).
#ifndef RECPROC_PARSE_CEF_H_
#define RECPROC_PARSE_CEF_H_

#include <memory>
#include <string_view>

#include "parse/parser.h"

namespace recproc {

struct CefOptions {
  // Strict: the text starts with `CEF:`, the version is 0 or 1, header and
  // extension use only the escapes the CEF spec defines, extension keys are
  // [A-Za-z0-9_.], values have no unescaped '='; a violation fails the message
  // with its byte column. Lenient (Default: false): text before `CEF:` (a
  // syslog header left in place) is skipped, unknown escapes stay as written,
  // keys may also hold `,[]-` (vendor keys like `ad.field[0]`), and a value may
  // hold '=' unless what precedes it looks like ` key`.
  bool strict = false;
  // Adds `<label>=<value>` for every custom pair such as cs1Label/cs1,
  // cn2Label/cn2, flexString1Label/flexString1 (any `XLabel` whose `X` is
  // present), after the extension fields; the raw pairs stay too, since
  // mappings read `cs4` directly. Default: true.
  bool collapse_custom_labels = true;
};

// Builds a CEF parser (log_format "CEF", parser "cef"). Header fields become
// cef.version, cef.deviceVendor, cef.deviceProduct, cef.deviceVersion,
// cef.signatureId, cef.name, cef.severity; extension fields keep their key as
// written (`src`, not `sourceAddress`; see cef_keys.h for the dictionary).
// Hints: vendor = Device Vendor, product = Device Product, event_id =
// Signature ID. `rt` and other times stay text; the mapping stage parses them.
std::unique_ptr<Parser> MakeCefParser(CefOptions options);

// True when `text` holds `CEF:<digit>|` within its first 256 bytes (so a
// syslog header in front still counts). No parse.
bool LooksLikeCef(std::string_view text);

}  // namespace recproc

#endif  // RECPROC_PARSE_CEF_H_
