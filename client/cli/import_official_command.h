#ifndef COMPDATA_CLIENT_CLI_IMPORT_OFFICIAL_COMMAND_H_
#define COMPDATA_CLIENT_CLI_IMPORT_OFFICIAL_COMMAND_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compdata/v1/compensation_service.pb.h"
#include "compdata/v1/ingest_service.pb.h"

namespace compdata::cli {

// `compdata import-official FILE`: its flags.
struct ImportOfficialArgs {
  std::string source;              // --source
  std::string period;              // --period
  std::string area;                // --area
  std::string currency;            // --currency
  std::string top_coded;           // --top_coded=239200 (annual, in currency)
  std::vector<std::string> links;  // --link=OCC_CODE=ROLE, repeatable
  bool dry_run = false;            // --dry_run
};

// The request for the table in `path`: INVALID_ARGUMENT for a malformed
// --link or --top_coded, NOT_FOUND when the file cannot be read. The table
// itself is checked by the server, which names every bad line.
absl::StatusOr<v1::ImportOfficialStatisticsRequest> OfficialImportRequest(
    const ImportOfficialArgs& args, const std::string& path);

// "imported 10 rows and 14 links (replaced 10 rows)".
std::string RenderOfficialImport(const v1::ImportOfficialStatisticsResponse& r);

// Official statistics shown beside ours, one block per row, each line
// indented by `indent`; "" when there are none.
std::string RenderOfficialStatistics(
    const google::protobuf::RepeatedPtrField<v1::OfficialWageStatistics>& rows,
    const std::string& indent);

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_IMPORT_OFFICIAL_COMMAND_H_
