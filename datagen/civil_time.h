// UTC timestamps as seconds since the Unix epoch, with RFC 3339 formatting
// and parsing of the one form the generator uses: "2025-07-03T14:05:00Z".

#ifndef COMPDATA_DATAGEN_CIVIL_TIME_H_
#define COMPDATA_DATAGEN_CIVIL_TIME_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace compdata::datagen {

constexpr int64_t kSecondsPerMinute = 60;
constexpr int64_t kSecondsPerDay = 86400;
constexpr int kRfc3339Length = 20;  // "YYYY-MM-DDTHH:MM:SSZ"

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

// Writes exactly kRfc3339Length characters (no terminator) to out.
void FormatRfc3339(int64_t unix_seconds, char* out);

// Parses "YYYY-MM-DDTHH:MM:SSZ" (a trailing fraction ".sss" is accepted and
// dropped). Returns nullopt for anything else.
std::optional<int64_t> ParseRfc3339(std::string_view text);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_CIVIL_TIME_H_
