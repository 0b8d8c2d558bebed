// Windows event XML, as the Event Log API renders one event
// (`<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
// <System>...</System><EventData>...</EventData></Event>`), one event per message.
#ifndef RECPROC_PARSE_WINXML_H_
#define RECPROC_PARSE_WINXML_H_

#include <memory>
#include <string_view>

#include "parse/parser.h"

namespace recproc {

struct WindowsXmlOptions {
  // Also emit every `System.X` field as `X` (`EventID`, `Channel`, `Computer`,
  // `TimeCreated.SystemTime`, `Provider.Name`), the keys the product's
  // Windows mappings read. Default: true.
  bool system_aliases = true;
};

// Builds the Windows event XML parser (log_format "Windows", parser "winxml").
// Flattening: an element's text is emitted under its dotted path below
// <Event> (`System.EventID`), its attributes under path + "." + name
// (`System.Provider.Name`, `System.TimeCreated.SystemTime`); xmlns attributes
// are dropped; `<Data Name="N">v</Data>` becomes `EventData.N` (unnamed Data
// repeat `EventData.Data`); UserData and RenderingInfo flatten the same way.
// Hints: vendor "Microsoft", product "Windows", event_id "<Channel>-<EventID>".
// Entities (&amp; &lt; &gt; &quot; &apos;, &#N; &#xH;) are decoded; DTDs are
// rejected.
std::unique_ptr<Parser> MakeWindowsXmlParser(WindowsXmlOptions options = {});

// True when `text` starts (after blanks and an optional `<?xml ...?>`) with
// `<Event` followed by a blank or '>'. No parse.
bool LooksLikeWindowsXml(std::string_view text);

}  // namespace recproc

#endif  // RECPROC_PARSE_WINXML_H_
