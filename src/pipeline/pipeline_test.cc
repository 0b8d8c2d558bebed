#include "pipeline/pipeline.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "config/config_errors.h"
#include "config/root_config.h"
#include "pipeline/batch.h"

namespace recproc {
namespace {

void Write(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

// A mapping with `output.fields: unmapped` hands each record a filtered copy
// of the fields. Those copies are reused from message to message: a batch of
// thousands of messages keeps one, and memory stays flat however long the
// input is. Each record keeps only the fields no field mapping read.
TEST(PipelineTest, UnmappedFieldListsAreReusedAcrossMessages) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("recproc-pipeline-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  Write(dir / "parsers.yaml", R"(- name: fw
  format: syslog
  when: {fields: [devname]}
  vendor: Acme
  product: Wall
  event_id: "{{type}}"
)");
  Write(dir / "mappings.yaml", R"(- uid: 0b7d1a3e-0000-4000-8000-000000000001
  name: Acme wall
  input: {vendor: Acme, product: Wall, log_format: KV, event_id_pattern: traffic}
  output: {record_type: Network, fields: unmapped}
  field_mappings:
    srcDevice_ip: {value: srcip}
    dstPort: {value: dstport}
)");
  Write(dir / "recproc.yaml", R"(version: 1
parsers: [parsers.yaml]
mappings: [mappings.yaml]
enrichment: {ip: false, url: false, domain: false}
)");
  RootConfig config;
  ConfigErrors errors;
  ASSERT_TRUE(LoadRootConfig((dir / "recproc.yaml").string(), &config, &errors)) << errors.ToString();
  std::unique_ptr<Pipeline> pipeline;
  ASSERT_TRUE(Pipeline::Build(config, PipelineOptions{1773532800000, ""}, &errors, &pipeline)) << errors.ToString();
  std::unique_ptr<Pipeline::Worker> worker = pipeline->NewWorker();

  const size_t kMessages = 3000;
  Batch batch;
  batch.source = "fw.log";
  for (size_t i = 0; i < kMessages; ++i)
    batch.storage += "<189>Mar 14 00:00:00 fw03 devname=FGT type=traffic srcip=10.0.0." + std::to_string(i % 250) +
                     " dstport=" + std::to_string(i) + " note=n" + std::to_string(i) + "\n";
  size_t start = 0;
  for (size_t i = 0; i < kMessages; ++i) {
    size_t end = batch.storage.find('\n', start);
    batch.messages.push_back(InputMessage{std::string_view(batch.storage).substr(start, end - start), i + 1, start,
                                          false, end - start});
    start = end + 1;
  }
  for (int round = 0; round < 2; ++round) {
    std::string out;
    pipeline->ProcessBatch(batch, worker.get(), &out, &out);
    EXPECT_EQ(worker->map_context.field_lists.size(), 1u);
    size_t lines = 0;
    for (size_t at = 0; at < out.size(); ++lines) {
      size_t end = out.find('\n', at);
      nlohmann::json r = nlohmann::json::parse(out.substr(at, end - at));
      at = end + 1;
      ASSERT_EQ(r["objectType"], "Network") << r.dump();
      EXPECT_EQ(r["dstPort"], static_cast<int>(lines));
      const nlohmann::json& fields = r["fields"];
      EXPECT_FALSE(fields.contains("srcip"));
      EXPECT_FALSE(fields.contains("dstport"));
      EXPECT_EQ(fields["note"], "n" + std::to_string(lines));
      EXPECT_EQ(fields["devname"], "FGT");
    }
    EXPECT_EQ(lines, kMessages);
  }
  std::filesystem::remove_all(dir);
}

// A worker's enrichment caches are sized for the kinds of attribute the
// configuration enriches: a kind switched off has none (they are megabytes,
// zeroed when the worker starts).
TEST(PipelineTest, EnrichmentCachesOnlyForTheKindsEnriched) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("recproc-pipeline-caches-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  struct Case {
    const char* enrichment;
    size_t ip, url, domain;
  };
  for (const Case& c : {Case{"{ip: false, url: false, domain: false, cache_entries: 512}", 0, 0, 0},
                        Case{"{ip: false, url: true, domain: false, cache_entries: 512}", 0, 512, 0},
                        Case{"{ip: true, url: false, domain: true, cache_entries: 512}", 512, 0, 512},
                        Case{"{cache_entries: 300}", 512, 512, 512}}) {
    Write(dir / "recproc.yaml", std::string("version: 1\nenrichment: ") + c.enrichment + "\n");
    RootConfig config;
    ConfigErrors errors;
    ASSERT_TRUE(LoadRootConfig((dir / "recproc.yaml").string(), &config, &errors)) << errors.ToString();
    std::unique_ptr<Pipeline> pipeline;
    ASSERT_TRUE(Pipeline::Build(config, PipelineOptions{1773532800000, ""}, &errors, &pipeline))
        << errors.ToString();
    std::unique_ptr<Pipeline::Worker> worker = pipeline->NewWorker();
    EXPECT_EQ(worker->enrich_scratch->ip.capacity(), c.ip) << c.enrichment;
    EXPECT_EQ(worker->enrich_scratch->url.capacity(), c.url) << c.enrichment;
    EXPECT_EQ(worker->enrich_scratch->domain.capacity(), c.domain) << c.enrichment;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace recproc
