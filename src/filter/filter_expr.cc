// The rule expression language: a recursive-descent parser into a small tree,
// and its evaluation over a JSON record. Regular expressions are compiled
// once, at parse time, with RE2 (linear time, so a rule cannot hang a cycle).
//
// Grammar (keywords are lower case; `&&`, `||` and `!` are accepted too):
//   expr       := or
//   or         := and ( "or" and )*
//   and        := unary ( "and" unary )*
//   unary      := "not" unary | primary
//   primary    := "(" expr ")" | operand [ tail ]
//   tail       := cmp operand | "in" "[" [ literal ("," literal)* ] "]"
//               | "contains" operand | "matches" string
//   cmp        := "==" | "!=" | "<" | "<=" | ">" | ">="
//   operand    := path | literal
//   literal    := string | number | "true" | "false" | "null"
//   path       := ident ( "." ( ident | digits ) )*      ident := [A-Za-z_@$][A-Za-z0-9_@$-]*
//   string     := '"' ... '"' | "'" ... "'"    (backslash escapes \" \' \\ \n \t)
//
// Comparisons: numbers compare numerically; a string that is entirely a
// number compares numerically with a number (sources often send "7");
// strings compare bytewise; booleans and null only by == and !=. Mixed kinds
// are unequal and unordered. `contains` is a substring test on strings and
// an element test on arrays. A bare operand is a truth test: present and not
// false, null, "", 0 or empty.
#include "filter/filter_expr.h"

#include <re2/re2.h>

#include <charconv>
#include <cmath>
#include <vector>

namespace recproc {

using nlohmann::json;

struct FilterExpr::Node {
  enum class Kind { kOr, kAnd, kNot, kTruth, kCompare, kIn, kContains, kMatches };
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe };
  Kind kind = Kind::kTruth;
  Op op = Op::kEq;
  std::vector<std::shared_ptr<const Node>> children;  // kOr, kAnd, kNot
  // Operands: a path (is_path) or a literal value.
  bool left_is_path = false, right_is_path = false;
  std::string left_path, right_path;
  json left_value, right_value;
  std::vector<json> list;  // kIn
  std::shared_ptr<const RE2> regex;
};

namespace {

using Node = FilterExpr::Node;

enum class Tok { kEnd, kIdent, kString, kNumber, kLParen, kRParen, kLBracket, kRBracket, kComma, kOp };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // identifier / operator / unescaped string / number text
  size_t column = 0;
};

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@' || c == '$';
}
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9') || c == '-'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Status Run(std::shared_ptr<const Node>* root) {
    Advance();
    auto node = ParseOr();
    if (status_.ok() && tok_.kind != Tok::kEnd) Fail("expected 'and', 'or' or the end");
    if (!status_.ok()) return status_;
    *root = std::move(node);
    return Status::Ok();
  }

 private:
  void Fail(std::string_view expected) {
    if (!status_.ok()) return;
    std::string found = tok_.kind == Tok::kEnd ? "the end" : "'" + tok_.text + "'";
    status_ = Status::InvalidArgument("column " + std::to_string(tok_.column) + ": " + std::string(expected) +
                                      ", found " + found);
  }

  void Advance() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n')) ++pos_;
    tok_ = Token{};
    tok_.column = pos_ + 1;
    if (pos_ >= text_.size()) return;
    char c = text_[pos_];
    size_t start = pos_;
    if (IsIdentStart(c)) {
      while (pos_ < text_.size() && (IsIdentChar(text_[pos_]) || text_[pos_] == '.')) ++pos_;
      tok_.kind = Tok::kIdent;
      tok_.text = std::string(text_.substr(start, pos_ - start));
    } else if (IsDigit(c) || ((c == '-' || c == '+') && pos_ + 1 < text_.size() && IsDigit(text_[pos_ + 1]))) {
      ++pos_;
      while (pos_ < text_.size() && (IsDigit(text_[pos_]) || text_[pos_] == '.' || text_[pos_] == 'e' ||
                                     text_[pos_] == 'E'))
        ++pos_;
      tok_.kind = Tok::kNumber;
      tok_.text = std::string(text_.substr(start, pos_ - start));
    } else if (c == '"' || c == '\'') {
      ++pos_;
      tok_.kind = Tok::kString;
      while (pos_ < text_.size() && text_[pos_] != c) {
        char ch = text_[pos_++];
        if (ch == '\\' && pos_ < text_.size()) {
          char e = text_[pos_++];
          ch = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
        tok_.text.push_back(ch);
      }
      if (pos_ >= text_.size()) {
        tok_.text = std::string(text_.substr(start));
        status_ = Status::InvalidArgument("column " + std::to_string(start + 1) + ": unterminated string");
        tok_.kind = Tok::kEnd;
        return;
      }
      ++pos_;
    } else {
      static constexpr std::string_view kTwo[] = {"==", "!=", "<=", ">=", "&&", "||"};
      for (std::string_view op : kTwo) {
        if (text_.substr(pos_, 2) == op) {
          pos_ += 2;
          tok_.kind = Tok::kOp;
          tok_.text = std::string(op);
          return;
        }
      }
      ++pos_;
      tok_.text = std::string(1, c);
      switch (c) {
        case '(': tok_.kind = Tok::kLParen; break;
        case ')': tok_.kind = Tok::kRParen; break;
        case '[': tok_.kind = Tok::kLBracket; break;
        case ']': tok_.kind = Tok::kRBracket; break;
        case ',': tok_.kind = Tok::kComma; break;
        case '<': case '>': case '!': tok_.kind = Tok::kOp; break;
        default:
          tok_.kind = Tok::kOp;
          pos_ = start;  // report the character itself
          tok_.column = start + 1;
          status_ = Status::InvalidArgument("column " + std::to_string(start + 1) + ": unexpected character '" +
                                            std::string(1, c) + "'");
          pos_ = text_.size();
      }
    }
  }

  bool IsWord(std::string_view w) const { return tok_.kind == Tok::kIdent && tok_.text == w; }
  bool IsOp(std::string_view op) const { return tok_.kind == Tok::kOp && tok_.text == op; }

  std::shared_ptr<const Node> Combine(Node::Kind kind, std::shared_ptr<const Node> first,
                                      std::vector<std::shared_ptr<const Node>> rest) {
    if (rest.empty()) return first;
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->children.push_back(std::move(first));
    for (auto& r : rest) node->children.push_back(std::move(r));
    return node;
  }

  std::shared_ptr<const Node> ParseOr() {
    auto first = ParseAnd();
    std::vector<std::shared_ptr<const Node>> rest;
    while (status_.ok() && (IsWord("or") || IsOp("||"))) {
      Advance();
      rest.push_back(ParseAnd());
    }
    return Combine(Node::Kind::kOr, std::move(first), std::move(rest));
  }

  std::shared_ptr<const Node> ParseAnd() {
    auto first = ParseUnary();
    std::vector<std::shared_ptr<const Node>> rest;
    while (status_.ok() && (IsWord("and") || IsOp("&&"))) {
      Advance();
      rest.push_back(ParseUnary());
    }
    return Combine(Node::Kind::kAnd, std::move(first), std::move(rest));
  }

  std::shared_ptr<const Node> ParseUnary() {
    if (IsWord("not") || IsOp("!")) {
      Advance();
      auto node = std::make_shared<Node>();
      node->kind = Node::Kind::kNot;
      node->children.push_back(ParseUnary());
      return node;
    }
    return ParsePrimary();
  }

  // Reads an operand into (is_path, path, value); false with an error if none.
  bool ParseOperand(bool* is_path, std::string* path, json* value, bool literal_only) {
    switch (tok_.kind) {
      case Tok::kString:
        *value = tok_.text;
        break;
      case Tok::kNumber: {
        double d = 0;
        auto [end, ec] = std::from_chars(tok_.text.data() + (tok_.text[0] == '+'),
                                         tok_.text.data() + tok_.text.size(), d);
        if (ec != std::errc() || end != tok_.text.data() + tok_.text.size()) {
          Fail("expected a number");
          return false;
        }
        *value = d;
        break;
      }
      case Tok::kIdent:
        if (tok_.text == "true" || tok_.text == "false") {
          *value = tok_.text == "true";
        } else if (tok_.text == "null") {
          *value = nullptr;
        } else if (tok_.text == "and" || tok_.text == "or" || tok_.text == "not" || tok_.text == "in" ||
                   tok_.text == "contains" || tok_.text == "matches") {
          Fail("expected a field or a value");
          return false;
        } else if (literal_only) {
          Fail("expected a literal (string, number, true, false, null)");
          return false;
        } else if (tok_.text.back() == '.' || tok_.text.find("..") != std::string::npos) {
          Fail("expected a field path like a.b.c");
          return false;
        } else {
          *is_path = true;
          *path = tok_.text;
        }
        break;
      default:
        Fail(literal_only ? "expected a literal (string, number, true, false, null)" : "expected a field or a value");
        return false;
    }
    Advance();
    return true;
  }

  std::shared_ptr<const Node> ParsePrimary() {
    if (tok_.kind == Tok::kLParen) {
      Advance();
      auto inner = ParseOr();
      if (status_.ok() && tok_.kind != Tok::kRParen) Fail("expected ')'");
      Advance();
      return inner;
    }
    auto node = std::make_shared<Node>();
    if (!ParseOperand(&node->left_is_path, &node->left_path, &node->left_value, false)) return node;
    static constexpr std::pair<std::string_view, Node::Op> kOps[] = {
        {"==", Node::Op::kEq}, {"!=", Node::Op::kNe}, {"<", Node::Op::kLt},
        {"<=", Node::Op::kLe}, {">", Node::Op::kGt},  {">=", Node::Op::kGe}};
    for (const auto& [text, op] : kOps) {
      if (IsOp(text)) {
        Advance();
        node->kind = Node::Kind::kCompare;
        node->op = op;
        ParseOperand(&node->right_is_path, &node->right_path, &node->right_value, false);
        return node;
      }
    }
    if (IsWord("contains")) {
      Advance();
      node->kind = Node::Kind::kContains;
      ParseOperand(&node->right_is_path, &node->right_path, &node->right_value, false);
    } else if (IsWord("matches")) {
      Advance();
      node->kind = Node::Kind::kMatches;
      if (tok_.kind != Tok::kString) {
        Fail("expected a quoted regular expression");
        return node;
      }
      auto re = std::make_shared<RE2>(tok_.text, RE2::Quiet);
      if (!re->ok()) {
        status_ = Status::InvalidArgument("column " + std::to_string(tok_.column) +
                                          ": invalid regular expression: " + re->error());
        return node;
      }
      node->regex = std::move(re);
      Advance();
    } else if (IsWord("in")) {
      Advance();
      node->kind = Node::Kind::kIn;
      if (tok_.kind != Tok::kLBracket) {
        Fail("expected '[' after 'in'");
        return node;
      }
      Advance();
      while (status_.ok() && tok_.kind != Tok::kRBracket) {
        bool is_path = false;
        std::string path;
        json v;
        if (!ParseOperand(&is_path, &path, &v, true)) return node;
        node->list.push_back(std::move(v));
        if (tok_.kind == Tok::kComma) {
          Advance();
        } else if (tok_.kind != Tok::kRBracket) {
          Fail("expected ',' or ']'");
        }
      }
      Advance();
    } else {
      node->kind = Node::Kind::kTruth;
    }
    return node;
  }

  std::string_view text_;
  size_t pos_ = 0;
  Token tok_;
  Status status_;
};

// A number from a JSON number or a string that is wholly numeric.
bool AsNumber(const json& v, double* out) {
  if (v.is_number()) {
    *out = v.get<double>();
    return true;
  }
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty()) return false;
  const char* b = s.data() + (s[0] == '+');
  auto [end, ec] = std::from_chars(b, s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(*out);
}

// -1, 0, 1 for ordered pairs; 2 for "different, unordered"; 0 means equal.
int CompareValues(const json& a, const json& b) {
  if (a.is_string() && b.is_string()) {
    int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  double x = 0, y = 0;
  if ((a.is_number() || b.is_number()) && AsNumber(a, &x) && AsNumber(b, &y)) return x < y ? -1 : x > y ? 1 : 0;
  if (a.is_boolean() && b.is_boolean()) return a == b ? 0 : 2;
  if (a.is_null() && b.is_null()) return 0;
  return a == b ? 0 : 2;
}

bool Truthy(const json* v) {
  if (v == nullptr || v->is_null()) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string()) return !v->get_ref<const std::string&>().empty();
  if (v->is_number()) return v->get<double>() != 0;
  return !v->empty();
}

const json kNull = nullptr;

bool Eval(const Node& n, const json& record) {
  auto left = [&]() -> const json& {
    if (!n.left_is_path) return n.left_value;
    const json* v = ResolveJsonPath(record, n.left_path);
    return v ? *v : kNull;
  };
  auto right = [&]() -> const json& {
    if (!n.right_is_path) return n.right_value;
    const json* v = ResolveJsonPath(record, n.right_path);
    return v ? *v : kNull;
  };
  switch (n.kind) {
    case Node::Kind::kOr:
      for (const auto& c : n.children)
        if (Eval(*c, record)) return true;
      return false;
    case Node::Kind::kAnd:
      for (const auto& c : n.children)
        if (!Eval(*c, record)) return false;
      return true;
    case Node::Kind::kNot:
      return !Eval(*n.children[0], record);
    case Node::Kind::kTruth:
      return Truthy(&left());
    case Node::Kind::kCompare: {
      int c = CompareValues(left(), right());
      switch (n.op) {
        case Node::Op::kEq: return c == 0;
        case Node::Op::kNe: return c != 0;
        case Node::Op::kLt: return c == -1;
        case Node::Op::kLe: return c == -1 || (c == 0 && !left().is_null() && !left().is_boolean());
        case Node::Op::kGt: return c == 1;
        case Node::Op::kGe: return c == 1 || (c == 0 && !left().is_null() && !left().is_boolean());
      }
      return false;
    }
    case Node::Kind::kIn: {
      const json& v = left();
      for (const json& item : n.list)
        if (CompareValues(v, item) == 0) return true;
      return false;
    }
    case Node::Kind::kContains: {
      const json& hay = left();
      const json& needle = right();
      if (hay.is_string() && needle.is_string())
        return hay.get_ref<const std::string&>().find(needle.get_ref<const std::string&>()) != std::string::npos;
      if (hay.is_array()) {
        for (const json& item : hay)
          if (CompareValues(item, needle) == 0) return true;
      }
      return false;
    }
    case Node::Kind::kMatches: {
      const json& v = left();
      if (!v.is_string()) return false;
      return RE2::PartialMatch(v.get_ref<const std::string&>(), *n.regex);
    }
  }
  return false;
}

}  // namespace

FilterExpr::FilterExpr() = default;
FilterExpr::~FilterExpr() = default;
FilterExpr::FilterExpr(FilterExpr&&) noexcept = default;
FilterExpr& FilterExpr::operator=(FilterExpr&&) noexcept = default;

Status FilterExpr::Parse(std::string_view text, FilterExpr* out) {
  std::shared_ptr<const Node> root;
  if (text.find_first_not_of(" \t\n") == std::string_view::npos)
    return Status::InvalidArgument("column 1: expected an expression, found the end");
  if (Status s = Parser(text).Run(&root); !s.ok()) return s;
  out->text_ = std::string(text);
  out->root_ = std::move(root);
  return Status::Ok();
}

bool FilterExpr::Evaluate(const json& record) const { return root_ == nullptr || Eval(*root_, record); }

const json* ResolveJsonPath(const json& record, std::string_view path) {
  const json* cur = &record;
  while (!path.empty()) {
    size_t dot = path.find('.');
    std::string_view step = path.substr(0, dot);
    if (cur->is_object()) {
      // A key that itself contains dots ("src.ip" as one key) wins over nesting.
      auto whole = cur->find(std::string(path));
      if (whole != cur->end()) return &*whole;
      auto it = cur->find(std::string(step));
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      size_t index = 0;
      auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
      if (ec != std::errc() || end != step.data() + step.size() || index >= cur->size()) return nullptr;
      cur = &(*cur)[index];
    } else {
      return nullptr;
    }
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return cur;
}

}  // namespace recproc
