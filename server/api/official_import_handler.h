#ifndef COMPDATA_SERVER_API_OFFICIAL_IMPORT_HANDLER_H_
#define COMPDATA_SERVER_API_OFFICIAL_IMPORT_HANDLER_H_

// IngestService.ImportOfficialStatistics on the wire: auth, the request's
// bytes, and the call's end. What the import means is
// core/ingest/official_import.h; the writing, db/official_writer.h.

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "compdata/v1/ingest_service.pb.h"
#include "server/api/ingest_reactor.h"

namespace compdata::api {

// Runs the call on the ingest workers (it waits on the database, which a
// gRPC callback thread must not) and finishes it there. `settings` must
// outlive the call (the service owns it).
grpc::ServerUnaryReactor* ServeImportOfficialStatistics(
    const IngestSettings& settings, grpc::CallbackServerContext* ctx,
    const grpc::ByteBuffer* in, grpc::ByteBuffer* out);

// The request from its wire bytes. A table that is not UTF-8 fails
// protobuf's own parse (proto3 strings must be UTF-8), which would leave
// the caller without the bad line: the table's bytes are then taken as they
// are, for the table check to name the line.
absl::StatusOr<v1::ImportOfficialStatisticsRequest> ParseImportRequest(
    absl::string_view bytes);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_OFFICIAL_IMPORT_HANDLER_H_
