#ifndef COMPDATA_CLIENT_CLI_CALL_COMMAND_H_
#define COMPDATA_CLIENT_CLI_CALL_COMMAND_H_

#include <string>

#include "client/client.h"

namespace compdata::cli {

// `compdata call METHOD [JSON]`: one read RPC of CompensationService with the
// request given as proto JSON ("-" reads it from stdin, none means "{}").
// Prints the response as proto JSON (proto field names) and returns 0; on a
// failed call prints the google.rpc.Status (code, message, decoded details)
// as proto JSON and returns 1, so scripts and other-language suites can
// compare both with what this client saw. Usage errors return 2.
int Call(const Client& client, const std::string& method,
         const std::string& request_json);

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_CALL_COMMAND_H_
