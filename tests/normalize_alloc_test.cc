// Proves the normalization stage's "no heap allocation per record in steady
// state" claim by counting calls to the global operator new while Apply()
// runs. The replacement counts only while a test has switched counting on,
// so the rest of the test binary is unaffected.
//
// Only one translation unit of the test binary may replace the global
// operator new; a suite that needs the same counter should use this one's.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>

#include "normalize/normalize_stage.h"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
}  // namespace

// noinline: once inlined, GCC pairs the free() below with the `new`
// expression at the call site and warns (-Wmismatched-new-delete), though
// the pair is this file's own malloc/free.
__attribute__((noinline)) void* operator new(std::size_t size) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
__attribute__((noinline)) void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size ? size : 1);
}
// Every other plain form routes to the two above, so each allocation is freed
// by the same allocator that made it (a sanitizer's runtime checks that).
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
__attribute__((noinline)) void operator delete(void* p) noexcept { std::free(p); }
__attribute__((noinline)) void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace recproc {
namespace {

// Counts operator new calls during its lifetime.
class AllocationCounter {
 public:
  AllocationCounter() {
    g_allocations = 0;
    g_counting = true;
  }
  ~AllocationCounter() { g_counting = false; }
  long count() const { return g_allocations.load(); }
};

TEST(NormalizeAllocationTest, CounterSeesHeapAllocations) {
  // The counter must be able to fail: a std::string too long for SSO counts.
  AllocationCounter counter;
  std::string s(100, 'x');
  EXPECT_GE(counter.count(), 1);
}

void FillRecord(Record* r) {
  r->Set("user_username", Value::String("SUMO\\Bob"));
  r->Set("targetUser_username", Value::String("arn:aws:sts::123456789012:assumed-role/Admin/fred@jask.com"));
  r->Set("fromUser_username", Value::String("JDoe@Acme.com"));
  r->Set("user_userId", Value::String("S-1-5-21-1001"));
  r->Set("device_hostname", Value::String("DESKTOP1$@SUMO"));
  r->Set("srcDevice_hostname", Value::String("Web.Example.ORG"));
  r->Set("dstDevice_uniqueId", Value::String("d8ece0f8-10a4"));
  r->Set("dstDevice_k8s_namespace", Value::String("prod"));
  r->Set("dstDevice_k8s_pod", Value::String("api-0"));
  r->Set("metadata_sourceCategory", Value::String("fw/pan"));
}

TEST(NormalizeAllocationTest, SteadyStateApplyDoesNotAllocate) {
  std::string dir = ::testing::TempDir();
  std::ofstream(dir + "normalize_alloc_hosts.csv") << "id,name\nd8ece0f8-10a4,testk-122.testlabs.local\n";
  std::ofstream(dir + "normalize_alloc_users.csv") << "k,v\njdoe@acme.com,joseph.doe\nS-1-5-21-1001,x\n";
  NormalizeOptions o;
  o.normalize_usernames = o.normalize_hostnames = true;
  o.default_normalized_domain = "sumo";
  o.domain_mappings = {{"SUMO", "sumo"}, {"sumologic.com", "sumo"}, {"jask.com", "jask"}};
  o.lookup_tables = {
      {LookupTableType::kHostId, dir + "normalize_alloc_hosts.csv", "id", "name", "", {}},
      {LookupTableType::kUsername, dir + "normalize_alloc_users.csv", "k", "v", "FW/PAN", {}},
      {LookupTableType::kUserId, dir + "normalize_alloc_users.csv", "k", "v", "", {}},
  };
  ConfigErrors errors;
  std::unique_ptr<NormalizeStage> stage;
  ASSERT_TRUE(NormalizeStage::FromOptions(o, &errors, &stage)) << errors.ToString();

  Arena arena;
  Record record;
  NormalizeStats stats;
  // Warm-up: the record's attribute vector and the arena's first block grow.
  FillRecord(&record);
  stage->Apply(&record, &arena, &stats);
  ASSERT_EQ(record.Get("fromUser_username")->s, "joseph.doe");  // the work really happens
  ASSERT_EQ(record.Get("dstDevice_hostname")->s, "testk-122.testlabs.local");
  ASSERT_EQ(record.Get("device_hostname")->s, "desktop1");

  for (int round = 0; round < 3; ++round) {
    record.Clear();
    arena.Reset();
    FillRecord(&record);
    long allocations;
    {
      AllocationCounter counter;
      stage->Apply(&record, &arena, &stats);
      allocations = counter.count();
    }
    EXPECT_EQ(allocations, 0) << "round " << round;
    EXPECT_EQ(record.Get("targetUser_username")->s, "fred:jask");
    EXPECT_EQ(record.Get("srcDevice_hostname")->s, "web.example.org");
    EXPECT_EQ(record.Get("user_username")->s, "x");
  }
  EXPECT_EQ(stats.seen[0], 4u);
}

}  // namespace
}  // namespace recproc
