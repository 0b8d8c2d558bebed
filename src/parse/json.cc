// JSON log parser (reference §6.1). Grammar: RFC 8259; the message must be one
// object, nothing after it but whitespace. Nested objects flatten to dotted
// keys (`a.b.c`), array items get a 1-based index (`list.1.name`), as the
// product does. Values keep their input text: numbers are not re-formatted
// (no rounding of big integers or 1.10 → 1.1), nulls stay distinguishable
// (ValueKind::kNull) so mappings treat them as missing. Numbers beyond 64
// bits (123456789012345678901234567890, 1e400) are kept as written too.
//
// simdjson's DOM API is used rather than On-Demand: Debian's build selects
// the fastest kernel (AVX2, ...) at run time only for DOM, while On-Demand
// would be compiled for the generic fallback. Unescaped strings and flattened
// keys are copied into the message arena.
#include "parse/json.h"

#include <simdjson.h>

#include <cstring>
#include <string>

namespace recproc {

namespace {

namespace dom = simdjson::dom;

// Finds the next JSON number token in `text` from *pos on, skipping string
// literals. The DOM API visits values in document order, so the n-th number
// it yields is the n-th number token of the text: this recovers its exact
// spelling (simdjson's DOM keeps only the parsed value).
std::string_view NextNumberToken(std::string_view text, size_t* pos) {
  size_t i = *pos;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
      ++i;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = i;
      while (i < text.size() && (text[i] == '-' || text[i] == '+' || text[i] == '.' || text[i] == 'e' ||
                                 text[i] == 'E' || (text[i] >= '0' && text[i] <= '9')))
        ++i;
      *pos = i;
      return text.substr(start, i - start);
    }
    ++i;
  }
  *pos = i;
  return {};
}

// True when `token` is a JSON number (RFC 8259 §6):
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view token) {
  size_t i = 0;
  auto digits = [&]() {
    size_t start = i;
    while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i;
    return i - start;
  };
  if (i < token.size() && token[i] == '-') ++i;
  if (i < token.size() && token[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < token.size() && token[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == token.size();
}

// simdjson 3.0's DOM rejects a number that does not fit 64 bits (an integer
// beyond uint64, 1e400) with NUMBER_ERROR. Since number values are taken from
// the text anyway (NextNumberToken), the document can be parsed a second
// time from a copy in which every well-formed number reads "0" padded with
// blanks to its length: same structure, same number count and order. A
// malformed number ("01", "1.") is left alone and still fails the parse.
// Only this rare retry copies the line (into the arena).
std::string_view ZeroNumbers(std::string_view text, Arena* arena) {
  char* copy = arena->Allocate(text.size());
  std::memcpy(copy, text.data(), text.size());
  size_t pos = 0;
  for (;;) {
    std::string_view token = NextNumberToken(text, &pos);
    if (token.empty()) break;
    if (!IsJsonNumber(token)) continue;
    const size_t start = static_cast<size_t>(token.data() - text.data());
    copy[start] = '0';
    std::memset(copy + start + 1, ' ', token.size() - 1);
  }
  return std::string_view(copy, text.size());
}

struct Flattener {
  ParseContext* ctx;
  ParsedMessage* out;
  const JsonOptions* options;
  std::string_view text;
  size_t number_pos = 0;
  std::string key;  // reused path buffer
  Status status;

  bool AddField(std::string_view value, ValueKind kind) {
    if (out->fields.size() >= ctx->limits->max_fields) {
      status = Status::LimitExceeded("more than " + std::to_string(ctx->limits->max_fields) + " fields");
      return false;
    }
    if (key.size() > ctx->limits->max_value_bytes) {
      status = Status::LimitExceeded("key '" + key.substr(0, 32) + "...' longer than " +
                                     std::to_string(ctx->limits->max_value_bytes) + " bytes");
      return false;
    }
    if (value.size() > ctx->limits->max_value_bytes) {
      status = Status::LimitExceeded("value of '" + key + "' longer than " +
                                     std::to_string(ctx->limits->max_value_bytes) + " bytes");
      return false;
    }
    out->fields.push_back(Field{ctx->arena->Copy(key), ctx->arena->Copy(value), kind});
    return true;
  }

  bool Visit(dom::element v, size_t depth) {
    if (depth > ctx->limits->max_depth) {
      status = Status::LimitExceeded("JSON nested deeper than " + std::to_string(ctx->limits->max_depth));
      return false;
    }
    switch (v.type()) {
      case dom::element_type::OBJECT: {
        size_t base = key.size();
        bool any = false;
        for (dom::key_value_pair field : dom::object(v)) {
          if (base > 0) key.push_back('.');
          key.append(field.key);
          if (!Visit(field.value, depth + 1)) return false;
          key.resize(base);
          any = true;
        }
        if (!any && base > 0) return AddField("{}", ValueKind::kString);
        return true;
      }
      case dom::element_type::ARRAY: {
        dom::array arr(v);
        bool single = options->flatten_single_lists && arr.size() == 1;
        size_t base = key.size();
        size_t index = 0;
        for (dom::element child : arr) {
          ++index;
          if (!single) {
            if (base > 0) key.push_back('.');
            key.append(std::to_string(index));
          }
          if (!Visit(child, depth + 1)) return false;
          key.resize(base);
        }
        if (index == 0) return AddField("[]", ValueKind::kString);
        return true;
      }
      case dom::element_type::STRING:
        return AddField(std::string_view(v), ValueKind::kString);
      case dom::element_type::INT64:
      case dom::element_type::UINT64:
      case dom::element_type::DOUBLE:
        return AddField(NextNumberToken(text, &number_pos), ValueKind::kNumber);
      case dom::element_type::BOOL:
        return AddField(bool(v) ? "true" : "false", ValueKind::kBool);
      case dom::element_type::NULL_VALUE:
        if (options->drop_nulls) return true;
        return AddField("null", ValueKind::kNull);
    }
    return true;
  }
};

class JsonParser final : public Parser {
 public:
  explicit JsonParser(const JsonOptions& options) : options_(options) {}

  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override {
    // One DOM parser per thread: it owns reusable buffers, so steady-state
    // parsing allocates nothing.
    thread_local dom::parser parser(kMaxDocumentBytes);
    size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos || text[first] != '{')
      return Status::InvalidArgument("not JSON: expected '{' at column " +
                                     std::to_string(first == std::string_view::npos ? 1 : first + 1));
    if (ctx.limits->max_depth + 1 > parser.max_depth()) {
      // Keep the parser's own depth limit above ours so ours reports first.
      if (parser.allocate(kMaxDocumentBytes, ctx.limits->max_depth + 1) != simdjson::SUCCESS)
        return Status::LimitExceeded("cannot allocate the JSON parser");
    }
    dom::element root;
    auto error = parser.parse(text.data(), text.size(), true).get(root);
    if (error == simdjson::NUMBER_ERROR) {
      std::string_view zeroed = ZeroNumbers(text, ctx.arena);
      if (!parser.parse(zeroed.data(), zeroed.size(), true).get(root)) error = simdjson::SUCCESS;
    }
    if (error == simdjson::DEPTH_ERROR)
      return Status::LimitExceeded("JSON nested deeper than " + std::to_string(ctx.limits->max_depth));
    if (error == simdjson::CAPACITY)
      return Status::LimitExceeded("JSON document larger than the parser capacity");
    if (error) return Status::InvalidArgument(std::string("invalid JSON: ") + simdjson::error_message(error));
    Flattener f{&ctx, out, &options_, text, 0, {}, {}};
    for (dom::key_value_pair field : dom::object(root)) {
      f.key.assign(field.key);
      if (!f.Visit(field.value, 1)) return f.status;
    }
    out->log_format = "JSON";
    out->parser = "json";
    return Status::Ok();
  }

  std::string_view name() const override { return "json"; }

 private:
  static constexpr size_t kMaxDocumentBytes = 1ULL << 30;
  JsonOptions options_;
};

}  // namespace

std::unique_ptr<Parser> MakeJsonParser(const JsonOptions& options) {
  return std::make_unique<JsonParser>(options);
}

bool LooksLikeJson(std::string_view text) {
  size_t first = text.find_first_not_of(" \t");
  return first != std::string_view::npos && text[first] == '{';
}

}  // namespace recproc
