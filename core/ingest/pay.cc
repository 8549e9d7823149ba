#include "core/ingest/pay.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "absl/numeric/int128.h"
#include "absl/strings/str_format.h"

namespace compdata::ingest {
namespace {

constexpr absl::int128 kNanosPerCent = 10'000'000;

int64_t RoundNanosToCents(absl::int128 nanos) {
  const absl::int128 half = kNanosPerCent / 2;
  const absl::int128 rounded = nanos >= 0 ? (nanos + half) / kNanosPerCent
                                          : (nanos - half) / kNanosPerCent;
  return static_cast<int64_t>(rounded);
}

absl::int128 TotalNanos(const Amount& a) {
  return static_cast<absl::int128>(a.units) * 1'000'000'000 + a.nanos;
}

// ISO 4217 active codes (2024 list, funds and precious metals excluded).
constexpr std::array<absl::string_view, 155> kCurrencies = {
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM",
    "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN",
    "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD",
    "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL",
    "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
    "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP",
    "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP",
    "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
    "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP",
    "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT",
    "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW",
    "ZWL"};

}  // namespace

int64_t AnnualizationFactor(PayPeriod period) {
  switch (period) {
    case PayPeriod::kHour:
      return 2080;
    case PayPeriod::kDay:
      return 260;
    case PayPeriod::kWeek:
      return 52;
    case PayPeriod::kMonth:
      return 12;
    case PayPeriod::kYear:
      return 1;
  }
  return 1;
}

absl::string_view PayPeriodCode(PayPeriod period) {
  switch (period) {
    case PayPeriod::kHour:
      return "hour";
    case PayPeriod::kDay:
      return "day";
    case PayPeriod::kWeek:
      return "week";
    case PayPeriod::kMonth:
      return "month";
    case PayPeriod::kYear:
      return "year";
  }
  return "year";
}

int64_t ToCents(const Amount& amount) {
  return RoundNanosToCents(TotalNanos(amount));
}

int64_t AnnualCents(const Amount& amount, PayPeriod period) {
  return RoundNanosToCents(TotalNanos(amount) * AnnualizationFactor(period));
}

std::string CentsToDecimal(int64_t cents) {
  const char* sign = cents < 0 ? "-" : "";
  const uint64_t abs = cents < 0 ? -static_cast<uint64_t>(cents) : cents;
  return absl::StrFormat("%s%d.%02d", sign, abs / 100, abs % 100);
}

bool IsKnownCurrency(absl::string_view code) {
  return std::binary_search(kCurrencies.begin(), kCurrencies.end(), code);
}

}  // namespace compdata::ingest
