// ParseUrl: splits a URL as found in logs (proxy, WAF, web server records)
// into the parts enrichment needs. Tolerant where logs are sloppy (no scheme,
// "//host" scheme-relative, bare IPv6 host), strict where a wrong split would
// invent a host (bad port, unclosed '[').
//
// Thread-safety: pure function; no allocation.
#ifndef RECPROC_ENRICH_URL_PARTS_H_
#define RECPROC_ENRICH_URL_PARTS_H_

#include <string_view>

namespace recproc {

// Views into the parsed text; empty when absent.
struct UrlParts {
  std::string_view scheme;    // as written, without "://"
  std::string_view userinfo;  // before '@', never used as the host
  std::string_view host;      // as written; IPv6 without its brackets
  std::string_view port;      // digits
  std::string_view path;      // from the first '/' after the host, percent-encoding kept
  std::string_view query;     // after '?', without it
  std::string_view fragment;  // after '#', without it
};

// Grammar (RFC 3986 section 3, relaxed):
//   url       = [ scheme "://" | "//" ] authority [ path ] [ "?" query ] [ "#" fragment ]
//   scheme    = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
//   authority = [ userinfo "@" ] ( "[" IPv6 "]" | host ) [ ":" *5DIGIT ]
// The authority ends at the first '/', '?' or '#'. Without a scheme the
// text starts with the authority ("www.example.com/a"). An authority that is
// a bare IPv6 address is taken whole. Surrounding spaces are ignored. The
// path is not percent-decoded: rules and lists then see what the server saw,
// and decoding could yield invalid UTF-8 or hide an encoded '/'.
// Returns false when there is no host, the port is not 0..65535, or a '['
// is not closed.
bool ParseUrl(std::string_view url, UrlParts* out);

}  // namespace recproc

#endif  // RECPROC_ENRICH_URL_PARTS_H_
