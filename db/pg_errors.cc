#include "db/pg_errors.h"

#include <exception>
#include <pqxx/pqxx>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_util.h"

namespace compdata::db {
namespace {

absl::Status FromSqlState(const std::string& state, const std::string& what) {
  const std::string message = absl::StrCat("database: ", what);
  // Class 08: connection exception; 57P01..57P03: server shutting down or
  // not yet accepting connections.
  if (absl::StartsWith(state, "08") || state == "57P01" || state == "57P02" ||
      state == "57P03") {
    return WithReason(absl::UnavailableError(message),
                      kReasonDatabaseUnavailable);
  }
  if (state == "57014") {  // query_canceled: statement_timeout fired
    return WithReason(absl::DeadlineExceededError(message),
                      kReasonDeadlineExceeded);
  }
  if (state == "40001" || state == "40P01") {
    return WithReason(absl::AbortedError(message), kReasonDatabaseError);
  }
  if (absl::StartsWith(state, "23")) {
    return WithReason(absl::FailedPreconditionError(message),
                      kReasonDatabaseError);
  }
  return WithReason(absl::InternalError(message), kReasonDatabaseError);
}

}  // namespace

absl::Status StatusFromCurrentException() {
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    return WithReason(absl::UnavailableError(
                          absl::StrCat("database connection lost: ", e.what())),
                      kReasonDatabaseUnavailable);
  } catch (const pqxx::in_doubt_error& e) {
    return WithReason(
        absl::UnavailableError(absl::StrCat(
            "database connection lost during commit; outcome unknown: ",
            e.what())),
        kReasonDatabaseUnavailable);
  } catch (const pqxx::sql_error& e) {
    return FromSqlState(e.sqlstate(), e.what());
  } catch (const std::exception& e) {
    return WithReason(absl::InternalError(absl::StrCat("database: ", e.what())),
                      kReasonDatabaseError);
  }
}

bool IsConnectionLoss(const absl::Status& status) {
  return absl::IsUnavailable(status);
}

}  // namespace compdata::db
