// NormalizeStage: pipeline step 3 (SPEC §1) — built-in username/hostname
// normalization, then the Entity Lookup Tables, then the Kubernetes names.
// Per record, in this order:
//   1. For each of user_username, targetUser_username, fromUser_username
//      (deprecated), device_hostname, srcDevice_hostname, dstDevice_hostname
//      that holds a string: copy it to `<attr>_raw` (always, even with
//      normalization off), then, when normalization of that kind is on,
//      replace it with NameNormalizer's result (and set
//      `<attr>_role` for an assumed-role ARN).
//   2. Each lookup table in config order (a later table sees the earlier
//      ones' output); see Apply().
//   3. `*_k8s_normalized*Name` (normalize/k8s_names.h).
//
// Built once; immutable afterwards, so worker threads share it. Apply()
// allocates nothing on the heap in steady state: new text goes to the
// caller's arena, substitutions are views into the stage's tables.
#ifndef RECPROC_NORMALIZE_NORMALIZE_STAGE_H_
#define RECPROC_NORMALIZE_NORMALIZE_STAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "config/config_errors.h"
#include "config/config_node.h"
#include "normalize/entity_lookup_table.h"
#include "normalize/name_normalizer.h"
#include "normalize/normalize_options.h"
#include "normalize/normalize_stats.h"
#include "record/record.h"
#include "util/arena.h"

namespace recproc {

class NormalizeStage {
 public:
  // Builds from the root config's `normalization:` section; lookup table
  // paths resolve against `config_path`. An absent section means
  // normalization off (`_raw` and k8s names are still written). Every problem
  // goes to *errors; returns false (and leaves *out empty) if there was any.
  static bool Build(const ConfigNode& section, const std::string& config_path, ConfigErrors* errors,
                    std::unique_ptr<NormalizeStage>* out);
  // As Build(), from options already read (table paths already resolved).
  static bool FromOptions(const NormalizeOptions& options, ConfigErrors* errors,
                          std::unique_ptr<NormalizeStage>* out);

  // Normalizes *record in place. New attribute values view `arena` or this
  // stage: the stage and the arena (until Reset()) must outlive the record's
  // emission. `stats` may be null.
  //
  // Lookup tables: host_id reads `*_hostname` (or `*_uniqueId` when the
  // hostname is absent or empty) and writes `*_hostname` for the device,
  // srcDevice and dstDevice prefixes; user_id reads `*_userId` and writes
  // `*_username`; username reads and writes `*_username` (user, targetUser,
  // fromUser). A hostname or username is looked up as normalized, then as
  // its `_raw`. A table with a source_category applies only to records whose
  // metadata_sourceCategory equals it, ASCII case-insensitively.
  void Apply(Record* record, Arena* arena, NormalizeStats* stats) const;

  const NormalizeOptions& options() const { return options_; }

 private:
  explicit NormalizeStage(const NormalizeOptions& options) : options_(options), names_(options) {}
  void NormalizeNames(Record* record, Arena* arena, NormalizeStats* stats) const;
  // Returns the number of attributes substituted.
  int ApplyTable(const EntityLookupTable& table, Record* record) const;

  NormalizeOptions options_;
  NameNormalizer names_;
  std::vector<std::unique_ptr<EntityLookupTable>> tables_;
};

}  // namespace recproc

#endif  // RECPROC_NORMALIZE_NORMALIZE_STAGE_H_
