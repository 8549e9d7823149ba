#ifndef COMPDATA_CORE_INGEST_CHECKS_H_
#define COMPDATA_CORE_INGEST_CHECKS_H_

// Field checks shared by every record validator. Each returns the first
// violation as a Rejection, or nothing; validators chain them in field-number
// order with COMPDATA_REJECT_IF, so a record reports its first violation.

#include <optional>
#include <string>
#include <variant>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "compdata/v1/common.pb.h"
#include "compdata/v1/ingest_service.pb.h"
#include "core/ingest/pay.h"
#include "core/ingest/reference_index.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/type/money.pb.h"

namespace compdata::ingest {

struct Rejection {
  std::string field;
  v1::RejectReason reason = v1::REJECT_REASON_UNSPECIFIED;
  std::string message;
};

template <typename Row>
using Validated = std::variant<Row, Rejection>;

using Check = std::optional<Rejection>;

#define COMPDATA_REJECT_IF(check)                                \
  do {                                                           \
    if (::compdata::ingest::Check compdata_rejection_ = (check)) \
      return *std::move(compdata_rejection_);                    \
  } while (0)

// Documented limits (ingest_service.proto, "Validation limits").
inline constexpr size_t kMaxSourceLength = 64;
inline constexpr size_t kMaxSourceIdLength = 256;
inline constexpr size_t kMaxSlugLength = 64;
inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxSummaryLength = 2000;
inline constexpr size_t kMaxItemLength = 500;
inline constexpr size_t kMaxAliasLength = 100;
inline constexpr int kMaxListItems = 20;
inline constexpr int kMaxSkillsPerPosting = 100;
// Timestamps after now + this are "in the future" (clock skew allowance).
inline constexpr absl::Duration kFutureSkew = absl::Minutes(5);

Rejection Reject(absl::string_view field, v1::RejectReason reason,
                 absl::string_view message);

// Non-empty and at most `max` bytes.
Check Required(absl::string_view value, absl::string_view field, size_t max);
Check MaxLength(absl::string_view value, absl::string_view field, size_t max);
// Lower-kebab-case slug, 1..64 characters.
Check Slug(absl::string_view value, absl::string_view field);
// A list of at most kMaxListItems strings, each 1..max_item characters.
Check StringList(const google::protobuf::RepeatedPtrField<std::string>& items,
                 absl::string_view field, size_t max_item);

// A role named by slug, title or alias that `index` knows: its id, or
// UNKNOWN_ROLE naming `field`.
Check KnownRole(absl::string_view role, absl::string_view field,
                const ReferenceIndex& index, int64_t* id);

// Seniority enum -> stored code ("" for UNSPECIFIED); unknown numbers reject.
Check Seniority(int value, absl::string_view field, std::string* code);
Check Period(int value, absl::string_view field, bool required,
             PayPeriod* period);

// A set timestamp between 1990-01-01 and now + kFutureSkew. `present` says
// whether the field was set; a required one that is unset rejects.
Check Timestamp(bool present, const google::protobuf::Timestamp& ts,
                absl::string_view field, bool required, absl::Time now,
                absl::Time* out);

// A Money amount: known currency, well-formed nanos, not negative, > 0
// unless allow_zero, annualised at most kMaxAnnualUnits; all amounts of one
// record share `*currency` (the first one seen sets it).
Check Money(const google::type::Money& money, absl::string_view field,
            bool allow_zero, PayPeriod period, std::string* currency,
            Amount* amount);

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_CHECKS_H_
