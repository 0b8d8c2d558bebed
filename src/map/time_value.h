// MappedTimeFormat: the `format` + `time_zone` of a `value_type: time` field
// mapping, compiled once at load time and applied per message.
//
// This is the mapping stage's narrow interface to time parsing. The body
// covers what mappings need first: the keywords `epoch` (seconds),
// `epoch_ms`, `epoch_float` (seconds with a fraction) and the parser aliases
// X1 / X1000, and ISO-8601-like Joda patterns built from yyyy (YYYY is read
// as yyyy), MM, dd, HH, mm, ss, S..S (1-9 fraction digits, any count accepted),
// Z / X / XX / XXX (Z, +hh, +hhmm or +hh:mm), quoted literals and punctuation.
// It delegates to the general time engine (src/util/time_pattern.h) once
// that engine is part of the build; callers see only this interface.
//
// Thread-safety: immutable after Compile(); Parse() is const and allocation free.
#ifndef RECPROC_MAP_TIME_VALUE_H_
#define RECPROC_MAP_TIME_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace recproc {

class MappedTimeFormat {
 public:
  // Compiles `format` for times in `time_zone` (used when the text carries no
  // offset): empty or "UTC"/"Z" for UTC, a fixed offset "+07:00"/"-0500", or
  // an IANA name ("Europe/Berlin"). Default: UTC. On failure returns false
  // with a message for the user in *error.
  bool Compile(std::string_view format, std::string_view time_zone, std::string* error);

  // Parses `text` into ms since the epoch. False when it does not match.
  bool Parse(std::string_view text, int64_t* ms) const;

  const std::string& format() const { return format_; }

 private:
  enum class Kind : uint8_t { kEpochSeconds, kEpochMillis, kEpochFloat, kPattern };
  enum class Tok : uint8_t { kYear, kMonth, kDay, kHour, kMinute, kSecond, kFraction, kOffset, kLiteral };
  struct Token {
    Tok tok;
    char literal = 0;
  };

  // Converts a local wall time to UTC ms with the configured zone.
  bool LocalToUtc(int64_t local_seconds, int64_t* utc_seconds) const;

  Kind kind_ = Kind::kPattern;
  std::string format_;
  std::vector<Token> tokens_;
  int64_t fixed_offset_s_ = 0;  // used when zone_ is null
  const void* zone_ = nullptr;  // date::time_zone*, owned by the tz database
};

// One-shot form of the above (compiles on every call; for tools and tests).
bool ParseMappedTime(std::string_view text, std::string_view format, std::string_view time_zone, int64_t* ms);

}  // namespace recproc

#endif  // RECPROC_MAP_TIME_VALUE_H_
