#ifndef COMPDATA_SERVER_API_PROTO_CONVERT_H_
#define COMPDATA_SERVER_API_PROTO_CONVERT_H_

#include "compdata/v1/common.pb.h"
#include "core/engine/model.h"

namespace compdata::api {

// Domain -> proto. Each function fills the message it is given.
void ToProto(const engine::Role& role, v1::Role* out);
void ToProto(const engine::DataVersion& version, int privacy_floor,
             v1::ResponseMetadata* out);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_PROTO_CONVERT_H_
