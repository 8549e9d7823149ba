#ifndef COMPDATA_SERVER_API_RESPONSE_CACHE_H_
#define COMPDATA_SERVER_API_RESPONSE_CACHE_H_

#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace compdata::api {

// Serialized answers by request. An answer is a pure function of the
// request, the snapshot version and the minute it is asked in (demand
// figures count postings open "now"), so those three make the key and no
// entry ever needs invalidating; old versions simply age out of the LRU.
class ResponseCache {
 public:
  // max_entries = 0 disables the cache.
  explicit ResponseCache(size_t max_entries);

  std::optional<std::string> Get(const std::string& key);
  void Put(const std::string& key, std::string value);

  static std::string Key(const char* rpc, int64_t version, int64_t minute,
                         const std::string& request_bytes);

 private:
  struct Shard {
    std::mutex mu;
    std::list<std::pair<std::string, std::string>> lru;  // front = newest
    absl::flat_hash_map<
        std::string, std::list<std::pair<std::string, std::string>>::iterator>
        index;
  };
  Shard& ShardFor(const std::string& key);

  static constexpr size_t kShards = 16;
  const size_t per_shard_;
  std::vector<Shard> shards_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_RESPONSE_CACHE_H_
