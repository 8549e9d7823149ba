#include "core/ingest/pay.h"

#include <gtest/gtest.h>

namespace compdata::ingest {
namespace {

TEST(PayTest, AnnualisationFactorsAreThePublishedOnes) {
  EXPECT_EQ(AnnualizationFactor(PayPeriod::kHour), 2080);
  EXPECT_EQ(AnnualizationFactor(PayPeriod::kDay), 260);
  EXPECT_EQ(AnnualizationFactor(PayPeriod::kWeek), 52);
  EXPECT_EQ(AnnualizationFactor(PayPeriod::kMonth), 12);
  EXPECT_EQ(AnnualizationFactor(PayPeriod::kYear), 1);
}

TEST(PayTest, AnnualisesExactlyBeforeRounding) {
  // 52.125/h: rounding first would give 52.13 x 2080 = 108,430.40.
  EXPECT_EQ(AnnualCents(Amount{52, 125'000'000}, PayPeriod::kHour), 10'842'000);
  EXPECT_EQ(AnnualCents(Amount{10'000, 0}, PayPeriod::kMonth), 12'000'000);
  EXPECT_EQ(ToCents(Amount{1, 5'000'000}), 101);  // 1.005 rounds half up
  EXPECT_EQ(ToCents(Amount{-1, -5'000'000}), -101);
}

TEST(PayTest, FormatsCents) {
  EXPECT_EQ(CentsToDecimal(12'345'678), "123456.78");
  EXPECT_EQ(CentsToDecimal(5), "0.05");
  EXPECT_EQ(CentsToDecimal(-150), "-1.50");
}

TEST(PayTest, KnowsIso4217Codes) {
  for (const char* code : {"USD", "EUR", "GBP", "JPY", "INR", "ZWL", "AED"}) {
    EXPECT_TRUE(IsKnownCurrency(code)) << code;
  }
  for (const char* code : {"", "usd", "XYZ", "US", "USDX", "BTC"}) {
    EXPECT_FALSE(IsKnownCurrency(code)) << code;
  }
}

}  // namespace
}  // namespace compdata::ingest
