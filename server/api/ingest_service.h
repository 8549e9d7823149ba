#ifndef COMPDATA_SERVER_API_INGEST_SERVICE_H_
#define COMPDATA_SERVER_API_INGEST_SERVICE_H_

#include "compdata/v1/ingest_service.grpc.pb.h"

namespace compdata::api {

// Registered so that every ingest RPC is routed; each answers UNIMPLEMENTED
// (the generated base class) until the write path lands.
class IngestServiceImpl final : public v1::IngestService::CallbackService {};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_INGEST_SERVICE_H_
