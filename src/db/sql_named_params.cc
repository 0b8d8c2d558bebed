// Named parameters to positional placeholders. The scanner knows just
// enough SQL lexis to avoid false hits: '...' strings (with '' escapes),
// "..." identifiers, -- line comments, /* */ block comments and the `::`
// cast operator of PostgreSQL. Dollar-quoted PostgreSQL bodies are not
// recognised; a poll query has no reason to contain one.
#include "db/sql_named_params.h"

#include <algorithm>

namespace recproc {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

size_t PositionalQuery::OriginalOffset(size_t out_offset) const {
  long shift = 0;
  for (const Edit& e : edits) {
    if (e.out_offset > out_offset) break;
    shift += e.delta;
  }
  long original = static_cast<long>(out_offset) + shift;
  return original < 0 ? 0 : static_cast<size_t>(original);
}

std::string DescribeQueryPosition(std::string_view query, size_t offset) {
  offset = std::min(offset, query.size());
  std::string near(query.substr(offset, 20));
  std::replace(near.begin(), near.end(), '\n', ' ');
  return "query position " + std::to_string(offset + 1) +
         (near.empty() ? " (at the end)" : " (near '" + near + "')") + ": ";
}

Status ToPositional(std::string_view query, char marker, const std::vector<std::string>& allowed,
                    PositionalQuery* out) {
  out->text.clear();
  out->names.clear();
  out->edits.clear();
  size_t i = 0;
  auto copy_until = [&](size_t end) {
    end = std::min(end, query.size());
    out->text.append(query.substr(i, end - i));
    i = end;
  };
  while (i < query.size()) {
    char c = query[i];
    if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < query.size()) {
        if (query[j] == c) {
          if (j + 1 < query.size() && query[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      copy_until(j + 1);
    } else if (c == '-' && i + 1 < query.size() && query[i + 1] == '-') {
      size_t nl = query.find('\n', i);
      copy_until(nl == std::string_view::npos ? query.size() : nl + 1);
    } else if (c == '/' && i + 1 < query.size() && query[i + 1] == '*') {
      size_t end = query.find("*/", i + 2);
      copy_until(end == std::string_view::npos ? query.size() : end + 2);
    } else if (c == ':' && i + 1 < query.size() && query[i + 1] == ':') {
      copy_until(i + 2);
    } else if (c == ':' && i + 1 < query.size() && IsNameChar(query[i + 1])) {
      size_t j = i + 1;
      while (j < query.size() && IsNameChar(query[j])) ++j;
      std::string name(query.substr(i + 1, j - i - 1));
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        std::string expected;
        for (size_t k = 0; k < allowed.size(); ++k) {
          expected += k == 0 ? ":" : k + 1 == allowed.size() ? " or :" : ", :";
          expected += allowed[k];
        }
        return Status::InvalidArgument(DescribeQueryPosition(query, i) + "unknown parameter ':" + name +
                                       "'; expected " + expected);
      }
      auto it = std::find(out->names.begin(), out->names.end(), name);
      size_t number = static_cast<size_t>(it - out->names.begin()) + 1;
      if (it == out->names.end()) out->names.push_back(name);
      // Appending rather than operator+ avoids a GCC 12 -Wrestrict false positive.
      std::string placeholder(1, marker);
      placeholder += std::to_string(number);
      out->edits.push_back(
          {out->text.size(), i, static_cast<long>(j - i) - static_cast<long>(placeholder.size())});
      out->text += placeholder;
      i = j;
    } else {
      copy_until(i + 1);
    }
  }
  return Status::Ok();
}

}  // namespace recproc
