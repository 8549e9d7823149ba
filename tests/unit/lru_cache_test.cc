#include "server/api/lru_cache.h"

#include <string>

#include "gtest/gtest.h"

namespace compdata::api {
namespace {

std::shared_ptr<const std::string> Value(const std::string& v) {
  return std::make_shared<const std::string>(v);
}

TEST(LruCacheTest, KeepsTheMostRecentlyUsedPerShard) {
  // 16 shards of one entry each: a second key in a shard evicts the first.
  LruCache<std::string> cache(16);
  std::vector<std::string> keys;
  for (int i = 0; keys.size() < 200; ++i) keys.push_back(std::to_string(i));
  for (const std::string& k : keys) cache.Put(k, Value("v" + k));
  int present = 0;
  for (const std::string& k : keys) {
    if (auto v = cache.Get(k)) {
      EXPECT_EQ(*v, "v" + k);
      ++present;
    }
  }
  EXPECT_LE(present, 16);
  EXPECT_GT(present, 0);
  EXPECT_NE(cache.Get(keys.back()), nullptr);  // the last put survives
}

TEST(LruCacheTest, GetRefreshesAndPutReplaces) {
  LruCache<std::string> cache(16 * 2);  // two per shard
  cache.Put("a", Value("1"));
  cache.Put("a", Value("2"));
  ASSERT_NE(cache.Get("a"), nullptr);
  EXPECT_EQ(*cache.Get("a"), "2");
  // A reader keeps its value after eviction.
  auto held = cache.Get("a");
  for (int i = 0; i < 1000; ++i) cache.Put("k" + std::to_string(i), Value("x"));
  EXPECT_EQ(*held, "2");
  // Keys stay findable after many evictions (the index views entries' keys).
  cache.Put("z", Value("last"));
  ASSERT_NE(cache.Get("z"), nullptr);
  EXPECT_EQ(*cache.Get("z"), "last");
}

TEST(LruCacheTest, SecondPutAdmission) {
  LruCache<std::string> cache(16 * 4, Admission::kOnSecondPut);
  EXPECT_FALSE(cache.Put("a", Value("1")));
  EXPECT_EQ(cache.Get("a"), nullptr);
  EXPECT_TRUE(cache.Put("a", Value("2")));
  ASSERT_NE(cache.Get("a"), nullptr);
  EXPECT_EQ(*cache.Get("a"), "2");
  // A stream of keys seen once stores nothing, so "a" is never evicted.
  for (int i = 0; i < 1000; ++i) {
    EXPECT_FALSE(cache.Put("once" + std::to_string(i), Value("x")));
  }
  ASSERT_NE(cache.Get("a"), nullptr);
  EXPECT_EQ(*cache.Get("a"), "2");
  int stored = 0;
  for (int i = 0; i < 1000; ++i) {
    stored += cache.Get("once" + std::to_string(i)) != nullptr;
  }
  EXPECT_EQ(stored, 0);
}

TEST(LruCacheTest, EveryPutAdmittedByDefault) {
  LruCache<std::string> cache(16);
  EXPECT_TRUE(cache.Put("a", Value("1")));
  EXPECT_NE(cache.Get("a"), nullptr);
}

TEST(LruCacheTest, ZeroCapacityDisables) {
  LruCache<std::string> cache(0);
  EXPECT_FALSE(cache.Put("a", Value("1")));
  EXPECT_EQ(cache.Get("a"), nullptr);
}

TEST(LruCacheTest, StatsCountLookupsAndClearDropsEntries) {
  LruCache<std::string> cache(16);
  cache.Put("a", Value("1"));
  cache.Put("b", Value("2"));
  const std::shared_ptr<const std::string> kept = cache.Get("a");
  EXPECT_EQ(cache.Get("c"), nullptr);
  CacheStats stats = cache.Stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.entries, 2u);
  cache.Clear();
  EXPECT_EQ(cache.Get("a"), nullptr);
  EXPECT_EQ(*kept, "1") << "a reader keeps its value";
  stats = cache.Stats();
  EXPECT_EQ(stats.entries, 0u);
  EXPECT_EQ(stats.misses, 2u);
}

}  // namespace
}  // namespace compdata::api
