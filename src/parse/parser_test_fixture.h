// A GoogleTest fixture for one parser format: Run() builds the parser from
// options and parses a message into `msg`; Get() reads a field back.
#ifndef RECPROC_PARSE_PARSER_TEST_FIXTURE_H_
#define RECPROC_PARSE_PARSER_TEST_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "parse/parser.h"

namespace recproc {

template <typename Options, std::unique_ptr<Parser> (*Make)(Options)>
class ParserFixture : public ::testing::Test {
 protected:
  Status Run(const Options& o, std::string_view text) {
    msg.Clear();
    ParseContext ctx{&arena, &limits, 0};
    // Kept: field keys may be views into the parser's options (CSV columns).
    parser = Make(o);
    return parser->Parse(text, ctx, &msg);
  }
  // The field's value, or "<missing>".
  std::string Get(std::string_view key) {
    const Field* f = msg.Find(key);
    return f ? std::string(f->value) : "<missing>";
  }
  Arena arena;
  ParseLimits limits;
  ParsedMessage msg;
  std::unique_ptr<Parser> parser;
};

}  // namespace recproc

#endif  // RECPROC_PARSE_PARSER_TEST_FIXTURE_H_
