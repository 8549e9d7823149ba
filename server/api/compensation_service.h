#ifndef COMPDATA_SERVER_API_COMPENSATION_SERVICE_H_
#define COMPDATA_SERVER_API_COMPENSATION_SERVICE_H_

#include "compdata/v1/compensation_service.grpc.pb.h"
#include "db/role_reader.h"

namespace compdata::api {

struct CompensationServiceOptions {
  int privacy_floor = 5;
};

// Thin handlers: validate, call the reader/engine, convert. RPCs not
// overridden here answer UNIMPLEMENTED (the generated base class does that).
class CompensationServiceImpl final
    : public v1::CompensationService::CallbackService {
 public:
  CompensationServiceImpl(const db::RoleReader* roles,
                          CompensationServiceOptions options)
      : roles_(roles), options_(options) {}

  grpc::ServerUnaryReactor* ListRoles(grpc::CallbackServerContext* ctx,
                                      const v1::ListRolesRequest* request,
                                      v1::ListRolesResponse* response) override;
  grpc::ServerUnaryReactor* GetRole(grpc::CallbackServerContext* ctx,
                                    const v1::GetRoleRequest* request,
                                    v1::GetRoleResponse* response) override;

 private:
  const db::RoleReader* roles_;
  const CompensationServiceOptions options_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_COMPENSATION_SERVICE_H_
