#ifndef COMPDATA_SERVER_API_LRU_CACHE_H_
#define COMPDATA_SERVER_API_LRU_CACHE_H_

#include <cstdint>
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

// Which values Put stores.
enum class Admission {
  kEvery,
  // Only a key Put before (a second computation of the same answer): keys
  // asked for once, such as a scan over many distinct requests, then cost
  // no allocation and never evict an entry that is asked for again.
  kOnSecondPut,
};

struct CacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t entries = 0;
};

// A bounded, sharded LRU of immutable values by string key. Values are
// shared, so a reader keeps its value even after eviction.
template <typename V>
class LruCache {
 public:
  // capacity = 0 disables the cache.
  explicit LruCache(size_t capacity, Admission admission = Admission::kEvery)
      : per_shard_((capacity + kShards - 1) / kShards), shards_(kShards) {
    if (admission == Admission::kOnSecondPut) {
      // Twice as many remembered keys as entries, rounded up to a power of
      // two so a slot is a mask away.
      size_t slots = 1;
      while (slots < 2 * per_shard_) slots <<= 1;
      for (Shard& shard : shards_) shard.seen.assign(slots, 0);
    }
  }

  std::shared_ptr<const V> Get(const std::string& key) {
    if (per_shard_ == 0) return nullptr;
    Shard& shard = shards_[Hash(key) % kShards];
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.index.find(key);
    if (it == shard.index.end()) {
      ++shard.misses;
      return nullptr;
    }
    ++shard.hits;
    shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
    return it->second->second;
  }

  // Drops every entry (the lookup counts stay).
  void Clear() {
    for (Shard& shard : shards_) {
      std::lock_guard<std::mutex> lock(shard.mu);
      shard.index.clear();
      shard.lru.clear();
    }
  }

  // Lookups since creation (a disabled cache counts none) and entries now.
  CacheStats Stats() const {
    CacheStats stats;
    for (const Shard& shard : shards_) {
      std::lock_guard<std::mutex> lock(shard.mu);
      stats.hits += shard.hits;
      stats.misses += shard.misses;
      stats.entries += shard.lru.size();
    }
    return stats;
  }

  // Returns whether the value was stored (see Admission).
  bool Put(const std::string& key, std::shared_ptr<const V> value) {
    if (per_shard_ == 0) return false;
    const size_t hash = Hash(key);
    Shard& shard = shards_[hash % kShards];
    std::lock_guard<std::mutex> lock(shard.mu);
    if (!shard.seen.empty()) {
      // One remembered hash per slot: a later key may overwrite it, which
      // only delays that key's admission. Zero marks an empty slot.
      const uint64_t mark = hash | 1;
      uint64_t& slot = shard.seen[(hash / kShards) & (shard.seen.size() - 1)];
      if (slot != mark) {
        slot = mark;
        return false;
      }
    }
    auto it = shard.index.find(key);
    if (it != shard.index.end()) {
      it->second->second = std::move(value);
      shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
      return true;
    }
    shard.lru.emplace_front(key, std::move(value));
    // The index's key views the list entry's copy: one copy per entry.
    shard.index.emplace(shard.lru.front().first, shard.lru.begin());
    if (shard.lru.size() > per_shard_) {
      shard.index.erase(shard.lru.back().first);
      shard.lru.pop_back();
    }
    return true;
  }

 private:
  static constexpr size_t kShards = 16;
  using Entry = std::pair<std::string, std::shared_ptr<const V>>;
  struct Shard {
    mutable std::mutex mu;
    uint64_t hits = 0;  // counted under mu, which Get holds anyway
    uint64_t misses = 0;
    std::list<Entry> lru;  // front = most recently used
    absl::flat_hash_map<absl::string_view, typename std::list<Entry>::iterator>
        index;
    std::vector<uint64_t> seen;  // kOnSecondPut: hashes of keys Put once
  };
  // Picks the shard (mod kShards) and, for admission, the slot (the rest).
  static size_t Hash(const std::string& key) {
    return absl::Hash<absl::string_view>()(key);
  }

  const size_t per_shard_;
  std::vector<Shard> shards_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_LRU_CACHE_H_
