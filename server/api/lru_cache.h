#ifndef COMPDATA_SERVER_API_LRU_CACHE_H_
#define COMPDATA_SERVER_API_LRU_CACHE_H_

#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"

namespace compdata::api {

// A bounded, sharded LRU of immutable values by string key. Values are
// shared, so a reader keeps its value even after eviction.
template <typename V>
class LruCache {
 public:
  // capacity = 0 disables the cache.
  explicit LruCache(size_t capacity)
      : per_shard_((capacity + kShards - 1) / kShards), shards_(kShards) {}

  std::shared_ptr<const V> Get(const std::string& key) {
    if (per_shard_ == 0) return nullptr;
    Shard& shard = ShardFor(key);
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.index.find(key);
    if (it == shard.index.end()) return nullptr;
    shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
    return it->second->second;
  }

  void Put(const std::string& key, std::shared_ptr<const V> value) {
    if (per_shard_ == 0) return;
    Shard& shard = ShardFor(key);
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.index.find(key);
    if (it != shard.index.end()) {
      it->second->second = std::move(value);
      shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
      return;
    }
    shard.lru.emplace_front(key, std::move(value));
    // The index's key views the list entry's copy: one copy per entry.
    shard.index.emplace(shard.lru.front().first, shard.lru.begin());
    if (shard.lru.size() > per_shard_) {
      shard.index.erase(shard.lru.back().first);
      shard.lru.pop_back();
    }
  }

 private:
  static constexpr size_t kShards = 16;
  using Entry = std::pair<std::string, std::shared_ptr<const V>>;
  struct Shard {
    std::mutex mu;
    std::list<Entry> lru;  // front = most recently used
    absl::flat_hash_map<absl::string_view, typename std::list<Entry>::iterator>
        index;
  };
  Shard& ShardFor(const std::string& key) {
    return shards_[absl::Hash<std::string>()(key) % kShards];
  }

  const size_t per_shard_;
  std::vector<Shard> shards_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_LRU_CACHE_H_
