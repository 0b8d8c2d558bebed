// Named query parameters (`:cursor_ts`) rewritten to a driver's positional
// placeholders (`?1` for SQLite, `$1` for PostgreSQL), so a user's query is
// always bound, never spliced, and one query text works on both drivers.
#ifndef RECPROC_DB_SQL_NAMED_PARAMS_H_
#define RECPROC_DB_SQL_NAMED_PARAMS_H_

#include <string>
#include <string_view>
#include <vector>

#include "recproc/status.h"

namespace recproc {

struct PositionalQuery {
  std::string text;                // the rewritten query
  std::vector<std::string> names;  // names[i] is placeholder i+1; a repeated name reuses its number
  // One entry per rewritten placeholder: {offset in text, offset in the original, length change}.
  struct Edit {
    size_t out_offset;
    size_t in_offset;
    long delta;  // original length - rewritten length
  };
  std::vector<Edit> edits;

  // Maps a 0-based byte offset in `text` back to the original query.
  size_t OriginalOffset(size_t out_offset) const;
};

// Rewrites every `:name` outside string literals, quoted identifiers and
// comments into `<marker>N` (marker '?' or '$'). `::` (a PostgreSQL cast) is
// left alone. A name not in `allowed` is an InvalidArgument naming its
// 1-based position in `query`.
Status ToPositional(std::string_view query, char marker, const std::vector<std::string>& allowed,
                    PositionalQuery* out);

// "query position 17 (near 'FROM t'): " for a 0-based byte offset in `query`.
std::string DescribeQueryPosition(std::string_view query, size_t offset);

}  // namespace recproc

#endif  // RECPROC_DB_SQL_NAMED_PARAMS_H_
