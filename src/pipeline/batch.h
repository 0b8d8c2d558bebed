// Batch: a run of input messages from one source, with the bytes they view.
// The reader fills a batch, a worker processes it, and the batch is reused.
#ifndef RECPROC_PIPELINE_BATCH_H_
#define RECPROC_PIPELINE_BATCH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace recproc {

struct InputMessage {
  std::string_view text;     // view into Batch::storage (valid while the batch is)
  uint64_t line = 0;         // 1-based line number in the source
  uint64_t offset = 0;       // byte offset in the (decompressed) source
  bool too_long = false;     // text is a preview of a line over the limit
  uint64_t full_length = 0;  // the line's real length
};

struct Batch {
  std::string source;  // the input's name as given ("-" for stdin)
  std::vector<InputMessage> messages;
  std::string storage;

  void Clear() {
    messages.clear();
    storage.clear();
  }
};

}  // namespace recproc

#endif  // RECPROC_PIPELINE_BATCH_H_
