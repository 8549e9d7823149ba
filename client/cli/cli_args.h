#ifndef COMPDATA_CLIENT_CLI_CLI_ARGS_H_
#define COMPDATA_CLIENT_CLI_CLI_ARGS_H_

// The command line of `compdata`: its ABSL_FLAGs (cli_args.cc), read into one
// Args, and the usage text.

#include <optional>
#include <string>
#include <vector>

#include "client/cli/import_official_command.h"
#include "client/cli/load_command.h"
#include "client/client.h"

namespace compdata::cli {

struct Args {
  ClientOptions client{"localhost:50051"};
  bool json = false;
  std::string family;
  LoadArgs load;
  ImportOfficialArgs official;
  std::vector<int> levels;          // --level=entry|mid|...
  std::vector<std::string> metros;  // --metro=NAME
  bool remote = false;              // --remote
  std::vector<double> percentiles;  // --percentiles=10,50,90
  std::string at;                   // --at=RFC3339: "now" of demand figures
  int top = 0;                      // --top=N: skills per role
  int max_results = 0;              // --max=N: related roles listed
  // offer: the amounts as typed (decimal), their currency and period.
  std::string base, bonus, equity;      // --base=, --bonus=, --equity=
  std::string currency = "USD";         // --currency=ISO
  std::string period;                   // --period=hour|...|year
  std::vector<std::string> positional;  // COMMAND and its arguments
};

// Reads the flags (any order, before, between and after the positional
// arguments) and the environment into *args. nullopt: run the command;
// otherwise exit with the value (--help: 0 after the usage on stdout; a bad
// flag or value: 2 after the usage on stderr).
std::optional<int> ParseArgs(int argc, char** argv, Args* args);

// Prints the usage to stderr; returns 2, the exit code of a usage error.
int Usage();

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_CLI_ARGS_H_
