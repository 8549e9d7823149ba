#ifndef COMPDATA_CLIENT_CLI_LOAD_COMMAND_H_
#define COMPDATA_CLIENT_CLI_LOAD_COMMAND_H_

#include <string>

#include "client/client.h"

namespace compdata::cli {

struct LoadArgs {
  std::string path;
  std::string kind;  // "" = from the file name
  int32_t batch_size = 0;
  bool dry_run = false;
  int64_t skip = 0;          // records to skip (resume after a failure)
  std::string rejects_path;  // all rejects as CSV, if set
  bool quiet = false;
};

// `compdata load FILE`: streams a CSV or JSON-lines file through the ingest
// RPC of its kind, with a progress bar on a terminal, and prints a summary.
// Returns the process exit code.
int Load(const Client& client, const LoadArgs& args);

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_LOAD_COMMAND_H_
