#include "datagen/companies.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "datagen/catalog.h"
#include "datagen/rng.h"

namespace compdata::datagen {
namespace {

// Invented words; none is meant to name a real company.
constexpr std::array<std::string_view, 60> kFirst = {
    "Northwind",    "Amberleaf",    "Bluefjord",     "Cinderpeak",
    "Driftmoor",    "Emberline",    "Fernhollow",    "Glassbrook",
    "Harrowgate",   "Ironbloom",    "Juniperfall",   "Kestrelwood",
    "Larkspire",    "Mossgate",     "Nettlefield",   "Orchardine",
    "Pinewhistle",  "Quillmarsh",   "Ravenmere",     "Saltmeadow",
    "Tidewell",     "Umberfield",   "Vellumcrest",   "Willowcomb",
    "Yarrowdale",   "Zephyrton",    "Brightkeel",    "Copperwren",
    "Dunmore Vale", "Eastharbor",   "Foxglove",      "Greyfen",
    "Hollowmere",   "Islecrest",    "Jadecliff",     "Kindlewick",
    "Lanternfield", "Marrowby",     "Nimbleford",    "Oakhurst Row",
    "Pebbleshore",  "Quarrytop",    "Rookhaven",     "Silverlock",
    "Thistlebay",   "Upland Weave", "Vantorin",      "Wrenfield",
    "Xanthe Point", "Yellowpine",   "Zinnora",       "Aldermoss",
    "Birchwater",   "Cobaltmere",   "Dovetail Rise", "Elmstead",
    "Flintridge",   "Gildenbrook",  "Heronsgate",    "Ivorydale"};

constexpr std::array<std::string_view, 12> kSuffix = {
    "Labs",      "Systems",  "Analytics", "Robotics", "AI",    "Health",
    "Financial", "Software", "Networks",  "Dynamics", "Cloud", "Works"};

struct Tables {
  std::vector<std::string> names;
  std::unordered_map<std::string_view, int> by_name;
  // cumulative[role][rank] and company index at that rank.
  std::array<std::vector<double>, kNumRoles> cumulative;
  std::array<std::vector<int>, kNumRoles> order;
};

const Tables& GetTables() {
  static const Tables* tables = [] {
    auto* t = new Tables;
    t->names.reserve(kNumCompanies);
    for (int i = 0; i < kNumCompanies; ++i) {
      const int a = i % 60;
      const int b = (i / 60 + a) % 12;
      std::string name = std::string(kFirst[a]) + " " + std::string(kSuffix[b]);
      if (i % 23 == 7) name += ", Inc.";
      if (i % 31 == 11) name = std::string(kFirst[a]) + " & Co.";
      t->names.push_back(std::move(name));
    }
    for (int i = 0; i < kNumCompanies; ++i) t->by_name[t->names[i]] = i;
    for (int role = 0; role < kNumRoles; ++role) {
      // Role-specific order: a fixed shuffle (independent of --seed, so the
      // top hiring companies of a role are the same for every seed).
      std::vector<int>& order = t->order[role];
      order.resize(kNumCompanies);
      for (int i = 0; i < kNumCompanies; ++i) order[i] = i;
      Rng rng(0x636f6d70616e79ULL, static_cast<uint64_t>(role), 0);
      for (int i = kNumCompanies - 1; i > 0; --i) {
        std::swap(order[i], order[rng.Below(static_cast<uint32_t>(i + 1))]);
      }
      std::vector<double>& cum = t->cumulative[role];
      cum.resize(kNumCompanies);
      double total = 0;
      for (int rank = 0; rank < kNumCompanies; ++rank) {
        total += 1.0 / std::pow(rank + 2.0, 1.1);
        cum[rank] = total;
      }
      for (double& c : cum) c /= total;
    }
    return t;
  }();
  return *tables;
}

}  // namespace

std::string_view CompanyName(int index) { return GetTables().names[index]; }

int PickCompany(int role, double u) {
  const Tables& t = GetTables();
  const std::vector<double>& cum = t.cumulative[role];
  auto it = std::upper_bound(cum.begin(), cum.end(), u);
  const size_t rank =
      std::min<size_t>(static_cast<size_t>(it - cum.begin()), cum.size() - 1);
  return t.order[role][rank];
}

int CompanyFromName(std::string_view name) {
  const Tables& t = GetTables();
  auto it = t.by_name.find(name);
  return it == t.by_name.end() ? -1 : it->second;
}

}  // namespace compdata::datagen
