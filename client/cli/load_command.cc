#include "client/cli/load_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/record_parsers.h"
#include "common/csv_reader.h"
#include "common/status_util.h"

namespace compdata::cli {
namespace {

constexpr const char* kKinds[] = {"postings",    "reports",
                                  "roles",       "skills",
                                  "role_levels", "role_transitions"};

std::string KindFromPath(const std::string& path) {
  const std::string base = path.substr(path.find_last_of('/') + 1);
  // Longest prefix first: "role_levels" must not match "roles".
  for (const char* kind : {"role_transitions", "role_levels", "postings",
                           "reports", "roles", "skills"}) {
    if (absl::StartsWith(base, kind)) return kind;
  }
  return "";
}

// A line the client could not turn into a record: reported like a server
// reject, never silently dropped.
struct LocalReject {
  int64_t line;
  std::string field;
  std::string message;
};

class Progress {
 public:
  Progress(int64_t total, bool enabled) : total_(total), enabled_(enabled) {}
  void Update(int64_t done) {
    if (!enabled_) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
            .count();
    const double fraction =
        total_ > 0 ? std::min(1.0, double(done) / total_) : 0;
    const int filled = static_cast<int>(fraction * 30);
    std::fprintf(stderr, "\r[%s%s] %3.0f%% %lld/%lld records %.0f/s",
                 std::string(filled, '=').c_str(),
                 std::string(30 - filled, ' ').c_str(), fraction * 100,
                 static_cast<long long>(done), static_cast<long long>(total_),
                 seconds > 0 ? done / seconds : 0.0);
  }
  void Done() {
    if (enabled_) std::fputc('\n', stderr);
  }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start_)
        .count();
  }

 private:
  const int64_t total_;
  const bool enabled_;
  const std::chrono::steady_clock::time_point start_ =
      std::chrono::steady_clock::now();
};

int64_t CountRecords(const std::string& path, bool csv) {
  std::ifstream in(path);
  int64_t lines = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) ++lines;
  }
  return csv ? std::max<int64_t>(0, lines - 1) : lines;
}

// Yields records of one kind from the file, recording for each sent record
// the line it came from, and collecting lines that do not parse.
template <typename Record>
class FileSource {
 public:
  FileSource(const std::string& path, const std::string& kind, int64_t skip,
             std::vector<LocalReject>* local, std::vector<int64_t>* lines)
      : in_(path),
        csv_(absl::EndsWith(path, ".csv")),
        reader_(in_),
        kind_(kind),
        skip_(skip),
        local_(local),
        lines_(lines) {}

  absl::Status Open() {
    if (!in_) return absl::NotFoundError("cannot open the file");
    if (!csv_) return absl::OkStatus();
    std::vector<std::string> header;
    if (!reader_.Next(&header)) {
      if (!reader_.error().empty()) {
        return absl::InvalidArgumentError("header row: " + reader_.error());
      }
      return absl::InvalidArgumentError("the CSV file has no header row");
    }
    auto columns = kind_ == "postings" ? CsvColumns::ForPostings(header)
                                       : CsvColumns::ForReports(header);
    if (!columns.ok()) return columns.status();
    columns_ = *std::move(columns);
    return absl::OkStatus();
  }

  bool Next(Record* record) {
    while (true) {
      absl::Status parsed;
      int64_t line = 0;
      if (csv_) {
        if (!reader_.Next(&fields_)) {
          if (reader_.error().empty()) return false;
          // A malformed row is unparseable like any other; the reader has
          // moved past it, so the rows after it still load.
          if (records_read_++ >= skip_) {
            local_->push_back({reader_.line(), "row", reader_.error()});
          }
          continue;
        }
        line = reader_.line();
        if (fields_.size() == 1 && fields_[0].empty()) continue;
        if (records_read_++ < skip_) continue;
        parsed = Parse(record);
      } else {
        std::string text;
        do {
          if (!std::getline(in_, text)) return false;
          ++json_line_;
        } while (text.empty());
        line = json_line_;
        if (records_read_++ < skip_) continue;
        parsed = ParseJsonRecord(text, record);
      }
      if (parsed.ok()) {
        lines_->push_back(line);
        return true;
      }
      local_->push_back(
          {line, FieldOf(parsed).value_or(""), std::string(parsed.message())});
      *record = Record();
    }
  }

 private:
  absl::Status Parse(Record* record);

  std::ifstream in_;
  const bool csv_;
  CsvReader reader_;
  const std::string kind_;
  const int64_t skip_;
  std::vector<LocalReject>* local_;
  std::vector<int64_t>* lines_;
  std::vector<std::string> fields_;
  std::optional<CsvColumns> columns_;
  int64_t records_read_ = 0;
  int64_t json_line_ = 0;
};

template <>
absl::Status FileSource<v1::JobPosting>::Parse(v1::JobPosting* record) {
  return ParsePostingRow(*columns_, fields_, record);
}
template <>
absl::Status FileSource<v1::SalaryReport>::Parse(v1::SalaryReport* record) {
  return ParseReportRow(*columns_, fields_, record);
}
template <typename Record>
absl::Status FileSource<Record>::Parse(Record*) {
  return absl::InvalidArgumentError("this kind is loaded from .jsonl only");
}

void PrintRejects(const IngestOutcome& outcome,
                  const std::vector<LocalReject>& local,
                  const std::vector<int64_t>& lines, const LoadArgs& args) {
  constexpr size_t kShown = 20;
  size_t shown = 0;
  for (const LocalReject& r : local) {
    if (shown++ < kShown) {
      std::cerr << "  line " << r.line << ": " << r.field << ": " << r.message
                << " (not sent)\n";
    }
  }
  for (const v1::RejectedRecord& r : outcome.rejected) {
    if (shown++ < kShown) {
      const int64_t line = r.position() < static_cast<int64_t>(lines.size())
                               ? lines[r.position()]
                               : -1;
      std::cerr << "  line " << line << " (" << r.source_id()
                << "): " << r.field() << ": "
                << v1::RejectReason_Name(r.reason()) << ": " << r.message()
                << "\n";
    }
  }
  if (shown > kShown) std::cerr << "  ... and " << shown - kShown << " more\n";
  if (args.rejects_path.empty()) return;
  std::ofstream out(args.rejects_path);
  out << "line,source_id,field,reason,message\n";
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (const LocalReject& r : local) {
    out << r.line << ",," << quote(r.field) << ",UNPARSEABLE,"
        << quote(r.message) << "\n";
  }
  for (const v1::RejectedRecord& r : outcome.rejected) {
    out << lines[r.position()] << "," << quote(r.source_id()) << ","
        << quote(r.field()) << "," << v1::RejectReason_Name(r.reason()) << ","
        << quote(r.message()) << "\n";
  }
}

template <typename Record, typename Method>
int Run(const Client& client, Method method, const LoadArgs& args,
        const std::string& kind) {
  std::vector<LocalReject> local;
  std::vector<int64_t> lines;
  FileSource<Record> source(args.path, kind, args.skip, &local, &lines);
  if (absl::Status s = source.Open(); !s.ok()) {
    std::cerr << "error: " << args.path << ": " << s.message() << "\n";
    return 1;
  }
  const bool csv = absl::EndsWith(args.path, ".csv");
  Progress progress(CountRecords(args.path, csv) - args.skip,
                    !args.quiet && isatty(STDERR_FILENO));
  IngestRunOptions options;
  options.batch_size = args.batch_size;
  options.dry_run = args.dry_run;
  int64_t done = 0;
  options.on_ack = [&](const v1::IngestBatchAck& ack) {
    done = ack.committed_through() + 1;
    progress.Update(done + static_cast<int64_t>(local.size()));
  };
  IngestOutcome outcome =
      (client.*method)([&](Record* r) { return source.Next(r); }, options);
  progress.Done();
  PrintRejects(outcome, local, lines, args);
  const v1::IngestSummary& s = outcome.summary;
  if (!outcome.status.ok()) {
    const int64_t durable = outcome.committed_through + 1;
    std::cerr << "error: " << absl::StatusCodeToString(outcome.status.code())
              << ": " << outcome.status.message() << "\n"
              << durable << " of " << outcome.sent
              << " sent records are durable; resume with --skip="
              << args.skip + durable + static_cast<int64_t>(local.size())
              << "\n";
    return 1;
  }
  std::cout << absl::StrFormat(
      "%s %s: %d records in %.1fs: %d accepted, %d updated, %d rejected by the "
      "server, %d unparseable; %d batches; data version %s%s\n",
      kind, args.path, s.received() + static_cast<int64_t>(local.size()),
      progress.Seconds(), s.accepted(), s.updated(), s.rejected(), local.size(),
      s.batches(), s.data_version(),
      s.dry_run() ? " (dry run: nothing written)" : "");
  return 0;
}

}  // namespace

int Load(const Client& client, const LoadArgs& args) {
  const std::string kind =
      args.kind.empty() ? KindFromPath(args.path) : args.kind;
  const bool csv = absl::EndsWith(args.path, ".csv");
  if (kind.empty() || (!csv && !absl::EndsWith(args.path, ".jsonl")) ||
      (csv && kind != "postings" && kind != "reports")) {
    std::cerr << "error: cannot tell what " << args.path
              << " holds: name it postings*.csv|jsonl, reports*.csv|jsonl, "
                 "roles*.jsonl, skills*.jsonl, role_levels*.jsonl or "
                 "role_transitions*.jsonl, or pass --kind=KIND\n";
    return 2;
  }
  if (kind == "postings") {
    return Run<v1::JobPosting>(client, &Client::IngestPostings, args, kind);
  }
  if (kind == "reports") {
    return Run<v1::SalaryReport>(client, &Client::IngestSalaryReports, args,
                                 kind);
  }
  if (kind == "roles")
    return Run<v1::Role>(client, &Client::IngestRoles, args, kind);
  if (kind == "skills") {
    return Run<v1::Skill>(client, &Client::IngestSkills, args, kind);
  }
  if (kind == "role_levels") {
    return Run<v1::RoleLevel>(client, &Client::IngestRoleLevels, args, kind);
  }
  if (kind == "role_transitions") {
    return Run<v1::RoleTransition>(client, &Client::IngestRoleTransitions, args,
                                   kind);
  }
  std::cerr << "error: unknown kind " << kind << "\n";
  return 2;
}

}  // namespace compdata::cli
