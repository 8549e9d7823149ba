#include "server/api/response_cache.h"

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"

namespace compdata::api {

ResponseCache::ResponseCache(size_t max_entries)
    : per_shard_((max_entries + kShards - 1) / kShards), shards_(kShards) {}

std::string ResponseCache::Key(const char* rpc, int64_t version, int64_t minute,
                               const std::string& request_bytes) {
  return absl::StrCat(rpc, "|", version, "|", minute, "|", request_bytes);
}

ResponseCache::Shard& ResponseCache::ShardFor(const std::string& key) {
  return shards_[absl::Hash<std::string>()(key) % kShards];
}

std::optional<std::string> ResponseCache::Get(const std::string& key) {
  if (per_shard_ == 0) return std::nullopt;
  Shard& shard = ShardFor(key);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.index.find(key);
  if (it == shard.index.end()) return std::nullopt;
  shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
  return it->second->second;
}

void ResponseCache::Put(const std::string& key, std::string value) {
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
  shard.index[key] = shard.lru.begin();
  if (shard.lru.size() > per_shard_) {
    shard.index.erase(shard.lru.back().first);
    shard.lru.pop_back();
  }
}

}  // namespace compdata::api
