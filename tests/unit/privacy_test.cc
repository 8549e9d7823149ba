// D10: the pay bands, and that they are what a snapshot holds of a report.

#include "core/engine/privacy.h"

#include <gtest/gtest.h>

#include "core/engine/pay_sample.h"
#include "core/engine/pay_stats.h"
#include "core/engine/snapshot_builder.h"

namespace compdata::engine {
namespace {

TEST(PayBandsTest, FollowTheDocumentedRecurrence) {
  EXPECT_EQ(BandedCents(0), 0);
  EXPECT_EQ(BandedCents(99), 0);
  const PayBand first = BandOf(100);
  EXPECT_EQ(first.low_cents, 100);
  EXPECT_EQ(first.high_cents, 110);
  EXPECT_EQ(first.representative_cents, 105);
  EXPECT_EQ(BandOf(110).high_cents, 121);
  EXPECT_EQ(BandOf(121).high_cents, 133);  // 121 + floor(12.1)
  int64_t edge = 100;
  while (edge < 100'000'000'00) {
    const PayBand b = BandOf(edge);
    ASSERT_EQ(b.low_cents, edge);
    ASSERT_EQ(b.high_cents, edge + edge / 10);
    ASSERT_EQ(b.representative_cents, (b.low_cents + b.high_cents) / 2);
    ASSERT_EQ(BandOf(b.high_cents - 1).low_cents, edge);
    edge = b.high_cents;
  }
}

TEST(PayBandsTest, NoBandIsNarrowerThanTheDocumentedBound) {
  EXPECT_GE(NarrowestRelativeBand(), 0.08);
  // A typical salary's band, for the README's "about 10%".
  const PayBand b = BandOf(15'000'000);  // 150,000.00
  const double width = static_cast<double>(b.high_cents - b.low_cents);
  EXPECT_GT(width / static_cast<double>(b.low_cents), 0.099);
  EXPECT_LE(b.low_cents, 15'000'000);
  EXPECT_GT(b.high_cents, 15'000'000);
}

// Two reports anywhere inside one band are indistinguishable to every
// statistic: the snapshot holds only the band.
TEST(PayBandsTest, SnapshotHoldsOnlyTheBand) {
  auto median_with = [](double base) {
    SnapshotBuilder b;
    Role role;
    role.slug = "r";
    b.AddRole(1, role);
    for (int i = 0; i < 5; ++i) {
      SnapshotBuilder::Report r;
      r.role_id = 1;
      r.currency = "USD";
      r.base = i == 0 ? base : 100000 + 20000 * i;
      r.bonus = i == 0 ? base / 10 : 0;
      b.AddReport(i + 1, r);
    }
    auto s = b.Build(DataVersion{1, absl::UnixEpoch()});
    PayQuery q;
    q.role = 0;
    q.component = Component::kTotal;
    q.currency = 0;
    PayStats stats = ComputePayStats(CollectPay(*s, q), {0, 100}, 5);
    EXPECT_FALSE(stats.quality.withheld());
    EXPECT_EQ(stats.quality.protection(), Protection::kBanded);
    return std::make_pair(stats.percentiles[0], stats.mean);
  };
  // base + bonus = 1.1 base: both totals chosen inside one band.
  const PayBand total = BandOf(6'600'000);
  const double a = static_cast<double>(total.low_cents) / 110;
  const double b = static_cast<double>(total.high_cents - 2) / 110;
  ASSERT_EQ(BandOf(std::llround(a * 110)).low_cents, total.low_cents);
  ASSERT_EQ(BandOf(std::llround(b * 110)).low_cents, total.low_cents);
  EXPECT_EQ(median_with(a), median_with(b));
  // p0 is the band's midpoint, not the reported value.
  EXPECT_DOUBLE_EQ(median_with(a).first.value,
                   static_cast<double>(total.representative_cents) / 100);
}

}  // namespace
}  // namespace compdata::engine
