#ifndef COMPDATA_CLIENT_CLI_BATCH_COMMAND_H_
#define COMPDATA_CLIENT_CLI_BATCH_COMMAND_H_

#include <string>

#include "client/client.h"

namespace compdata::cli {

// `compdata batch FILE`: a BatchRead of the items in FILE ("-" = stdin),
// one BatchReadItem as proto JSON per line (blank lines skipped; an item's
// index is its place among the others). Prints one BatchReadResponse per
// line as compact proto JSON (proto field names), in the order the server
// streams them, each with its index. Returns 0 when every item was
// answered, 1 when an item or the call failed (the call's error on stderr
// as `call` prints it), 2 for a usage error (a line that is not an item,
// with its line number).
int Batch(const Client& client, const std::string& path);

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_BATCH_COMMAND_H_
