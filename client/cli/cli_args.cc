#include "client/cli/cli_args.h"

#include <cstdlib>
#include <iostream>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/file_util.h"
#include "compdata/v1/common.pb.h"

namespace {

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

}  // namespace

// Connection.
ABSL_FLAG(std::string, target, EnvOr("COMPDATA_TARGET", "localhost:50051"),
          "HOST:PORT of the server (default $COMPDATA_TARGET, then "
          "localhost:50051)");
ABSL_FLAG(bool, tls, false, "Connect with TLS (the system's trust store)");
ABSL_FLAG(std::string, tls_ca_file, EnvOr("COMPDATA_TLS_CA_FILE", ""),
          "PEM file of the CA to trust, implies --tls (default "
          "$COMPDATA_TLS_CA_FILE)");
ABSL_FLAG(std::string, tls_server_name, "",
          "Name checked against the server's certificate");
ABSL_FLAG(std::string, token_file, "",
          "File holding the bearer token ($COMPDATA_TOKEN holds the token "
          "itself)");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(10), "Deadline of a call");
ABSL_FLAG(bool, json, false, "Print the answer as proto JSON");

// Read commands.
ABSL_FLAG(std::string, family, "", "roles, compare: the role family");
ABSL_FLAG(std::vector<std::string>, level, {},
          "salary: entry|mid|senior|staff|principal; repeatable");
ABSL_FLAG(std::vector<std::string>, metro, {}, "salary: a metro; repeatable");
ABSL_FLAG(bool, remote, false, "salary, offer: remote positions only");
ABSL_FLAG(std::vector<std::string>, percentiles, {},
          "salary: percentiles, e.g. 10,50,90");
ABSL_FLAG(std::string, at, "",
          "compare, skills: RFC 3339 \"now\" of demand figures");
ABSL_FLAG(int32_t, top, 0, "skills, related: top skills per role");
ABSL_FLAG(int32_t, max, 0, "related: roles to list (default 10)");
ABSL_FLAG(std::string, base, "", "offer: base pay per --period");
ABSL_FLAG(std::string, bonus, "", "offer: bonus per --period");
ABSL_FLAG(std::string, equity, "", "offer: equity value per --period");
// offer and import-official share these two: one name, one meaning each
// per command.
ABSL_FLAG(std::string, currency, "",
          "offer: ISO 4217 code of the amounts (default USD); "
          "import-official: the table's currency");
ABSL_FLAG(std::string, period, "",
          "offer: hour|day|week|month|year the amounts are quoted in; "
          "import-official: reference period, e.g. \"May 2024\"");

// load.
ABSL_FLAG(std::string, kind, "",
          "load: the record kind (default: from the "
          "file name)");
ABSL_FLAG(int32_t, batch_size, 0, "load: records per batch");
ABSL_FLAG(bool, dry_run, false,
          "load, import-official: validate only, write nothing");
ABSL_FLAG(int64_t, skip, 0, "load: records to skip (resume after a failure)");
ABSL_FLAG(std::string, rejects, "", "load: write every reject to this CSV");
ABSL_FLAG(bool, quiet, false, "load: no progress bar");

// import-official.
ABSL_FLAG(std::string, source, "",
          "import-official: publisher and table, e.g. \"US BLS OEWS\"");
ABSL_FLAG(std::string, area, "",
          "import-official: geographic area, e.g. \"United States\"");
ABSL_FLAG(std::string, top_coded, "",
          "import-official: the value \"#\" stands for, e.g. 239200");
ABSL_FLAG(std::vector<std::string>, link, {},
          "import-official: OCC_CODE=ROLE, e.g. 15-1252=software-engineer; "
          "repeatable");

namespace compdata::cli {
namespace {

constexpr char kUsage[] =
    "usage: compdata [--target=HOST:PORT] [--tls] [--tls_ca_file=PEM]\n"
    "                [--tls_server_name=NAME] [--token_file=FILE]\n"
    "                [--timeout=10s] [--json] COMMAND\n"
    "  health [SERVICE]   e.g. compdata.v1.CompensationService\n"
    "  roles [--family=F]\n"
    "  role ROLE\n"
    "  compare ROLE ROLE... [--family=F] [--at=RFC3339]\n"
    "  salary ROLE [--level=L]... [--metro=M]... [--remote]\n"
    "              [--percentiles=10,50,90]\n"
    "  skills ROLE ROLE [--top=N] [--at=RFC3339]\n"
    "  premiums ROLE\n"
    "  career ROLE\n"
    "  trend ROLE\n"
    "  offer ROLE [TOTAL] [--base=X [--bonus=X] [--equity=X]]\n"
    "              [--currency=USD] [--period=year] [--level=L] [--metro=M]\n"
    "              [--remote]   (a negative TOTAL after --)\n"
    "  related ROLE [--max=N] [--top=N] [--at=RFC3339]\n"
    "  call METHOD [REQUEST_JSON|-]   any read RPC, proto JSON in/out\n"
    "  batch FILE|-       BatchRead: one BatchReadItem JSON per line in,\n"
    "                     one answer JSON per line out (with its index)\n"
    "  load FILE [--kind=K] [--batch_size=N] [--dry_run] [--skip=N]\n"
    "            [--rejects=FILE.csv] [--quiet]\n"
    "  import-official FILE --source=S --period=P --area=A --currency=C\n"
    "            --link=OCC_CODE=ROLE... [--top_coded=AMOUNT] [--dry_run]\n"
    "levels: entry mid senior staff principal; --at: the \"now\" of\n"
    "demand figures (open postings).\n";

// One flag argument: --name=value, --name, or -name (absl's syntax).
struct FlagArg {
  std::string text;  // as given, for messages
  std::string name;
  std::optional<std::string> value;
};

// nullopt for a positional argument; "-" alone is one (stdin for `call`).
std::optional<FlagArg> SplitFlag(absl::string_view arg) {
  if (arg.size() < 2 || arg[0] != '-') return std::nullopt;
  FlagArg flag{std::string(arg), "", std::nullopt};
  arg.remove_prefix(arg[1] == '-' ? 2 : 1);
  const size_t eq = arg.find('=');
  flag.name = std::string(arg.substr(0, eq));
  if (eq != absl::string_view::npos) {
    flag.value = std::string(arg.substr(eq + 1));
  }
  return flag;
}

// A person may give these more than once and every value counts; absl keeps
// only the last occurrence, so the parser collects them itself. Values are
// not split on commas here: metro names hold commas.
absl::Flag<std::vector<std::string>>* RepeatableFlag(absl::string_view name) {
  if (name == "level") return &FLAGS_level;
  if (name == "metro") return &FLAGS_metro;
  if (name == "percentiles") return &FLAGS_percentiles;
  if (name == "link") return &FLAGS_link;
  return nullptr;
}

// The flag `flag` names, resolving absl's --noNAME for a boolean NAME; fills
// in the value a flag given without one takes: "true"/"false" for a boolean,
// else the next argument. Null (with *error) when there is none such.
absl::CommandLineFlag* Resolve(FlagArg* flag, int argc, char** argv, int* i,
                               std::string* error) {
  absl::CommandLineFlag* found = absl::FindCommandLineFlag(flag->name);
  bool negated = false;
  if (found == nullptr && absl::StartsWith(flag->name, "no")) {
    found = absl::FindCommandLineFlag(flag->name.substr(2));
    negated = found != nullptr && found->IsOfType<bool>() && !flag->value;
    if (!negated) found = nullptr;
  }
  if (found == nullptr) {
    *error = "unknown flag " + flag->text;
    return nullptr;
  }
  if (flag->value) return found;
  if (found != nullptr && found->IsOfType<bool>()) {
    flag->value = negated ? "false" : "true";
  } else if (*i + 1 < argc) {
    flag->value = argv[++*i];
  } else {
    *error = "flag " + flag->text + " needs a value";
    return nullptr;
  }
  return found;
}

// Sets one flag from the command line; false (with *error) for an unknown
// flag or a value its type does not take.
bool SetFlag(FlagArg flag, int argc, char** argv, int* i, std::string* error) {
  absl::CommandLineFlag* found = Resolve(&flag, argc, argv, i, error);
  if (found == nullptr) return false;
  if (auto* repeatable = RepeatableFlag(flag.name)) {
    std::vector<std::string> values = absl::GetFlag(*repeatable);
    values.push_back(*flag.value);
    absl::SetFlag(repeatable, std::move(values));
    return true;
  }
  std::string parse_error;
  if (found->ParseFrom(*flag.value, &parse_error)) return true;
  *error = flag.text + ": " + parse_error;
  return false;
}

// The whole file, or false after saying why on stderr.
bool ReadFile(const std::string& path, std::string* out) {
  absl::StatusOr<std::string> bytes = ReadFileToString(path);
  if (!bytes.ok()) {
    std::cerr << bytes.status().message() << "\n";
    return false;
  }
  *out = *std::move(bytes);
  return true;
}

// Connection flags -> ClientOptions; false when a file cannot be read.
bool ReadConnectionFlags(ClientOptions* client) {
  client->target = absl::GetFlag(FLAGS_target);
  client->use_tls = absl::GetFlag(FLAGS_tls);
  const std::string ca_file = absl::GetFlag(FLAGS_tls_ca_file);
  if (!ca_file.empty() && !ReadFile(ca_file, &client->tls_root_certs_pem)) {
    return false;
  }
  client->tls_server_name = absl::GetFlag(FLAGS_tls_server_name);
  const std::string token_file = absl::GetFlag(FLAGS_token_file);
  if (!token_file.empty()) {
    if (!ReadFile(token_file, &client->bearer_token)) return false;
    client->bearer_token =
        std::string(absl::StripAsciiWhitespace(client->bearer_token));
  } else {
    client->bearer_token = EnvOr("COMPDATA_TOKEN", "");
  }
  client->default_timeout = absl::GetFlag(FLAGS_timeout);
  return true;
}

// --level names -> SeniorityLevel numbers; false for an unknown name.
bool ReadLevels(std::vector<int>* levels) {
  for (const std::string& name : absl::GetFlag(FLAGS_level)) {
    const auto* level = v1::SeniorityLevel_descriptor()->FindValueByName(
        "SENIORITY_LEVEL_" + absl::AsciiStrToUpper(name));
    if (level == nullptr) return false;
    levels->push_back(level->number());
  }
  return true;
}

// Each --percentiles value is a comma-separated list; false for a non-number.
bool ReadPercentiles(std::vector<double>* percentiles) {
  for (const std::string& list : absl::GetFlag(FLAGS_percentiles)) {
    for (absl::string_view p : absl::StrSplit(list, ',')) {
      double v = 0;
      if (!absl::SimpleAtod(p, &v)) return false;
      percentiles->push_back(v);
    }
  }
  return true;
}

void ReadCommandFlags(Args* args) {
  args->json = absl::GetFlag(FLAGS_json);
  args->family = absl::GetFlag(FLAGS_family);
  args->metros = absl::GetFlag(FLAGS_metro);
  args->remote = absl::GetFlag(FLAGS_remote);
  args->at = absl::GetFlag(FLAGS_at);
  args->top = absl::GetFlag(FLAGS_top);
  args->max_results = absl::GetFlag(FLAGS_max);
  args->base = absl::GetFlag(FLAGS_base);
  args->bonus = absl::GetFlag(FLAGS_bonus);
  args->equity = absl::GetFlag(FLAGS_equity);
  args->currency = absl::GetFlag(FLAGS_currency);
  if (args->currency.empty()) args->currency = "USD";
  args->period = absl::GetFlag(FLAGS_period);
  args->load.kind = absl::GetFlag(FLAGS_kind);
  args->load.batch_size = absl::GetFlag(FLAGS_batch_size);
  args->load.dry_run = absl::GetFlag(FLAGS_dry_run);
  args->load.skip = absl::GetFlag(FLAGS_skip);
  args->load.rejects_path = absl::GetFlag(FLAGS_rejects);
  args->load.quiet = absl::GetFlag(FLAGS_quiet);
  args->official.source = absl::GetFlag(FLAGS_source);
  args->official.period = absl::GetFlag(FLAGS_period);
  args->official.area = absl::GetFlag(FLAGS_area);
  args->official.currency = absl::GetFlag(FLAGS_currency);  // no default
  args->official.top_coded = absl::GetFlag(FLAGS_top_coded);
  args->official.links = absl::GetFlag(FLAGS_link);
  args->official.dry_run = absl::GetFlag(FLAGS_dry_run);
}

bool IsHelp(absl::string_view arg) {
  return arg == "--help" || arg == "-help" || arg == "-h";
}

}  // namespace

int Usage() {
  std::cerr << kUsage;
  return 2;
}

// absl::ParseCommandLine exits 1 itself on an unknown flag or a bad value,
// and this CLI's contract is exit 2 with its own usage; so each argument is
// set here through absl's public flag reflection, in absl's syntax.
std::optional<int> ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (IsHelp(arg)) {
      std::cout << kUsage;
      return 0;
    }
    if (arg == "--") {  // the rest is positional, as with absl
      args->positional.insert(args->positional.end(), argv + i + 1,
                              argv + argc);
      break;
    }
    std::optional<FlagArg> flag = SplitFlag(arg);
    if (!flag) {
      args->positional.emplace_back(arg);
      continue;
    }
    std::string error;
    if (!SetFlag(*std::move(flag), argc, argv, &i, &error)) {
      std::cerr << error << "\n";
      return Usage();
    }
  }
  if (!ReadConnectionFlags(&args->client)) return 2;
  ReadCommandFlags(args);
  if (!ReadLevels(&args->levels) || !ReadPercentiles(&args->percentiles)) {
    return Usage();
  }
  return std::nullopt;
}

}  // namespace compdata::cli
