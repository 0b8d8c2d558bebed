// Regex parser: grok expansion (grok_patterns.h), then one RE2 program built
// at configuration time and shared read-only by all threads (RE2 is
// thread-safe for matching). Matching uses a fixed array of submatches on the
// stack and emits views into the message, so a message costs no allocation.
#include "parse/regex_parser.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <string.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "parse/grok_patterns.h"
#include "util/ascii_case.h"
#include "util/ascii_space.h"

namespace recproc {
namespace {

constexpr int kMaxGroups = 64;
constexpr int kMaxPairs = 32;

enum class CaptureKind { kField, kPairKey, kPairValue, kTemporary };

struct Capture {
  int group;
  std::string field;
  CaptureKind kind;
  int pair;  // 0-based pair index for kPairKey/kPairValue
};

// Classifies a field name; returns false for a malformed pair index.
bool Classify(const std::string& field, CaptureKind* kind, int* pair) {
  std::string_view f = field;
  bool dollar = f.starts_with("_$");
  std::string_view rest = dollar ? f.substr(2) : f.starts_with("_") ? f.substr(1) : std::string_view();
  for (auto [prefix, k] : {std::pair{std::string_view("FIELD_"), CaptureKind::kPairKey},
                           std::pair{std::string_view("VAL_"), CaptureKind::kPairValue}}) {
    if (!rest.starts_with(prefix)) continue;
    std::string_view num = rest.substr(prefix.size());
    int n = 0;
    for (char c : num) {
      if (c < '0' || c > '9' || n > kMaxPairs) return false;
      n = n * 10 + (c - '0');
    }
    if (num.empty() || n < 1 || n > kMaxPairs) return false;
    *kind = k;
    *pair = n - 1;
    return true;
  }
  *kind = dollar ? CaptureKind::kTemporary : CaptureKind::kField;
  *pair = 0;
  return true;
}

std::vector<std::string> RequiredAtoms(const re2::RE2& re);

class RegexParser final : public Parser {
 public:
  RegexParser(const RegexParserOptions& o, std::unique_ptr<re2::RE2> re, std::vector<Capture> captures)
      : o_(o), re_(std::move(re)), captures_(std::move(captures)) {
    // Every first match is anchored at the start of the text, so it is a
    // string RE2 bounds by this range; most texts of another shape fall
    // outside it at their first bytes. Unbounded patterns (a leading .*)
    // give no range.
    has_range_ = re_->PossibleMatchRange(&range_min_, &range_max_, kRangeBytes) && !range_max_.empty();
  }
  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override;
  std::string_view name() const override { return o_.name; }
  bool SurelyRejects(std::string_view text) const override {
    return RejectsTrimmed(o_.strip_whitespace ? TrimAsciiSpace(text) : text);
  }

 private:
  Status Emit(ParseContext& ctx, ParsedMessage* out, std::string_view key, std::string_view value) const {
    if (out->fields.size() >= ctx.limits->max_fields)
      return Status::LimitExceeded("regex: more than " + std::to_string(ctx.limits->max_fields) + " fields");
    if (value.size() > ctx.limits->max_value_bytes || key.size() > ctx.limits->max_value_bytes)
      return Status::LimitExceeded("regex: value of '" + std::string(key.substr(0, 64)) + "' longer than " +
                                   std::to_string(ctx.limits->max_value_bytes) + " bytes");
    out->fields.push_back(Field{key, value, ValueKind::kString});
    return Status::Ok();
  }

  // SurelyRejects() of a text already trimmed as Parse() trims it.
  bool RejectsTrimmed(std::string_view text) const;

  RegexParserOptions o_;
  std::unique_ptr<re2::RE2> re_;
  std::vector<Capture> captures_;  // sorted by group
  // Every string that matches the pattern from its first byte lies in
  // [range_min_, range_max_] (RE2::PossibleMatchRange); has_range_ false
  // when RE2 gives no such bound.
  static constexpr int kRangeBytes = 16;
  bool has_range_ = false;
  std::string range_min_, range_max_;
  // Lower-case ASCII strings every match contains (case-insensitively),
  // found on first use: many profiles never see a message.
  const std::vector<std::string>& required() const {
    std::call_once(required_once_, [this] { required_ = RequiredAtoms(*re_); });
    return required_;
  }
  mutable std::once_flag required_once_;
  mutable std::vector<std::string> required_;
};

// The atoms of RE2's prefilter for `re` (lower-case strings; the pattern can
// match only texts that contain enough of them, ignoring case) without which
// it can match nothing: an atom is required when the prefilter fails with
// every other atom present. The prefilter is a monotone AND/OR of atoms, so
// a text without a required atom fails it. Atoms with non-ASCII bytes are
// left out: texts are lower-cased as ASCII only.
std::vector<std::string> RequiredAtoms(const re2::RE2& re) {
  std::vector<std::string> required;
  re2::FilteredRE2 filter(/*min_atom_len=*/3);
  int id = 0;
  if (filter.Add(re.pattern(), re.options(), &id) != re2::RE2::NoError) return required;
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  std::vector<int> present(atoms.size()), passed;
  for (size_t i = 0; i < atoms.size(); ++i) present[i] = static_cast<int>(i);
  for (size_t i = 0; i < atoms.size(); ++i) {
    std::vector<int> others = present;
    others.erase(others.begin() + static_cast<long>(i));
    filter.AllPotentials(others, &passed);
    const bool ascii = std::all_of(atoms[i].begin(), atoms[i].end(), [](char c) { return (c & 0x80) == 0; });
    if (passed.empty() && ascii) required.push_back(atoms[i]);
  }
  return required;
}

bool RegexParser::RejectsTrimmed(std::string_view text) const {
  if (has_range_) {
    // A first match is a prefix s of text with min <= s <= max. Where text
    // first exceeds max (at byte i), only the prefixes of up to i bytes are
    // <= max; each is <= text[0, i), so if that is below min, none fits.
    // Where it never exceeds max, each prefix is <= text, which must then be
    // below min.
    const std::string_view max = range_max_;
    const size_t n = std::min(text.size(), max.size());
    size_t i = 0;
    while (i < n && text[i] == max[i]) ++i;
    const bool exceeds = i < text.size() && (i == max.size() || static_cast<unsigned char>(text[i]) >
                                                                     static_cast<unsigned char>(max[i]));
    if ((exceeds ? text.substr(0, i) : text) < std::string_view(range_min_)) return true;
  }
  const std::vector<std::string>& required = this->required();
  if (required.empty()) return false;
  thread_local std::string lower;
  lower.resize(text.size());
  LowercaseAsciiTo(text, lower.data());
  for (const std::string& atom : required)
    if (memmem(lower.data(), lower.size(), atom.data(), atom.size()) == nullptr) return true;
  return false;
}

Status RegexParser::Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const {
  out->log_format = "Regex";
  out->parser = o_.name;
  if (o_.strip_whitespace) text = TrimAsciiSpace(text);
  const int nsub = re_->NumberOfCapturingGroups() + 1;
  if (RejectsTrimmed(text)) return Status::InvalidArgument("regex: '" + o_.name + "' does not match at byte 1");
  re2::StringPiece sub[kMaxGroups + 1];
  const re2::StringPiece input(text.data(), text.size());
  size_t pos = 0;
  bool matched = false;
  while (pos <= text.size()) {
    re2::RE2::Anchor anchor = re2::RE2::ANCHOR_START;
    if (matched && !o_.require_full_match) anchor = re2::RE2::UNANCHORED;
    if (o_.require_full_match && !o_.repeat_match) anchor = re2::RE2::ANCHOR_BOTH;
    if (!re_->Match(input, pos, text.size(), anchor, sub, nsub)) break;
    matched = true;
    std::string_view keys[kMaxPairs], values[kMaxPairs];
    bool has_key[kMaxPairs] = {}, has_value[kMaxPairs] = {};
    for (const Capture& c : captures_) {
      if (sub[c.group].data() == nullptr) continue;  // the group did not take part
      std::string_view v(sub[c.group].data(), sub[c.group].size());
      if (o_.strip_whitespace) v = TrimAsciiSpace(v);
      switch (c.kind) {
        case CaptureKind::kField:
          if (Status s = Emit(ctx, out, c.field, v); !s.ok()) return s;
          break;
        case CaptureKind::kPairKey:
          keys[c.pair] = v;
          has_key[c.pair] = true;
          break;
        case CaptureKind::kPairValue:
          values[c.pair] = v;
          has_value[c.pair] = true;
          break;
        case CaptureKind::kTemporary:
          break;
      }
    }
    for (int p = 0; p < kMaxPairs; ++p)
      if (has_key[p] && has_value[p] && !keys[p].empty())
        if (Status s = Emit(ctx, out, keys[p], values[p]); !s.ok()) return s;
    size_t end = static_cast<size_t>(sub[0].data() + sub[0].size() - text.data());
    if (!o_.repeat_match) break;
    pos = end > pos ? end : pos + 1;  // an empty match must not loop
    if (o_.require_full_match && pos >= text.size()) break;
  }
  if (!matched) return Status::InvalidArgument("regex: '" + o_.name + "' does not match at byte 1");
  if (o_.require_full_match && o_.repeat_match && pos < text.size())
    return Status::InvalidArgument("regex: '" + o_.name + "' does not match at byte " +
                                   std::to_string(pos + 1));
  return Status::Ok();
}

}  // namespace

Status MakeRegexParser(const RegexParserOptions& options, std::unique_ptr<Parser>* parser) {
  if (options.pattern.empty()) return Status::InvalidArgument("regex: empty pattern");
  std::string regex;
  std::vector<GrokCapture> grok;
  if (Status s = ExpandGrok(options.pattern, &options.patterns, &regex, &grok); !s.ok()) return s;
  re2::RE2::Options re_options;
  re_options.set_log_errors(false);
  auto re = std::make_unique<re2::RE2>(regex, re_options);
  if (!re->ok()) return Status::InvalidArgument("regex: " + re->error() + " in '" + re->error_arg() + "'");
  if (re->NumberOfCapturingGroups() > kMaxGroups)
    return Status::InvalidArgument("regex: more than " + std::to_string(kMaxGroups) + " capturing groups");

  std::vector<Capture> captures;
  for (const auto& [name, index] : re->NamedCapturingGroups()) {
    std::string field = name;
    for (const GrokCapture& g : grok)
      if (g.group == name) field = g.field;
    Capture c{index, field, CaptureKind::kField, 0};
    if (!Classify(field, &c.kind, &c.pair))
      return Status::InvalidArgument("regex: capture '" + field + "' needs a pair number 1.." +
                                     std::to_string(kMaxPairs));
    captures.push_back(std::move(c));
  }
  std::sort(captures.begin(), captures.end(),
            [](const Capture& a, const Capture& b) { return a.group < b.group; });
  for (const Capture& c : captures) {
    if (c.kind != CaptureKind::kPairKey && c.kind != CaptureKind::kPairValue) continue;
    CaptureKind other = c.kind == CaptureKind::kPairKey ? CaptureKind::kPairValue : CaptureKind::kPairKey;
    bool found = std::any_of(captures.begin(), captures.end(),
                             [&](const Capture& d) { return d.kind == other && d.pair == c.pair; });
    if (!found)
      return Status::InvalidArgument("regex: capture '" + c.field + "' has no matching " +
                                     (other == CaptureKind::kPairKey ? "_$FIELD_" : "_$VAL_") +
                                     std::to_string(c.pair + 1));
  }
  *parser = std::make_unique<RegexParser>(options, std::move(re), std::move(captures));
  return Status::Ok();
}

}  // namespace recproc
