// Record uids: derived from the input's identity and the message position
// (and the mapping, when one message gives several records), so re-running
// the same input gives the same uids — output stays byte-identical.
#ifndef RECPROC_RECORD_UID_H_
#define RECPROC_RECORD_UID_H_

#include <cstdint>
#include <string_view>

namespace recproc {

// Writes a UUID-shaped (version 8, RFC 9562 "custom") uid into out[0..35].
// `source` names the input (its path as given, "-" for stdin), `offset` is
// the message's byte offset, `index` distinguishes records of one message.
void MakeRecordUid(std::string_view source, uint64_t offset, uint32_t index, char out[36]);
// The same in two steps, for many records of one source: the source's hash
// once, then a uid per record.
uint64_t RecordUidSeed(std::string_view source);
void MakeRecordUid(uint64_t source_seed, uint64_t offset, uint32_t index, char out[36]);

}  // namespace recproc

#endif  // RECPROC_RECORD_UID_H_
