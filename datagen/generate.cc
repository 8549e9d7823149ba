#include "datagen/generate.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/csv_reader.h"
#include "datagen/csv_rows.h"
#include "datagen/csv_writer.h"
#include "datagen/posting_generator.h"
#include "datagen/report_generator.h"

namespace compdata::datagen {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

absl::Status Open(const std::string& path, const char* mode, File* file) {
  file->reset(std::fopen(path.c_str(), mode));
  if (*file == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

template <typename Generator, typename Record, typename WriteFn>
absl::Status WriteAll(const std::string& path, const Generator& gen,
                      absl::Span<const std::string_view> columns, WriteFn write,
                      CheckAccumulator* check) {
  File file;
  if (absl::Status s = Open(path, "wb", &file); !s.ok()) return s;
  {
    CsvWriter w(file.get());
    WriteHeader(columns, w);
    Record record;
    for (int64_t i = 0; i < gen.size(); ++i) {
      gen.Generate(i, &record);
      write(record, w);
      if (check != nullptr) check->Add(record);
      if (!w.ok()) break;
    }
    if (!w.Flush()) {
      return absl::InternalError(absl::StrCat("cannot write ", path));
    }
  }
  if (std::fclose(file.release()) != 0) {
    return absl::InternalError(absl::StrCat("cannot close ", path));
  }
  return absl::OkStatus();
}

template <typename Record, typename ParseFn>
absl::Status ReadAll(const std::string& path,
                     absl::Span<const std::string_view> columns, ParseFn parse,
                     CheckAccumulator* check) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  CsvReader reader(in);
  std::vector<std::string> fields;
  if (!reader.Next(&fields) || !std::equal(fields.begin(), fields.end(),
                                           columns.begin(), columns.end())) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": missing or unexpected header row"));
  }
  Record record;
  while (reader.Next(&fields)) {
    if (absl::Status s = parse(fields, &record); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, " line ", reader.line(), ": ", s.message()));
    }
    check->Add(record);
  }
  if (!reader.error().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": line ", reader.line(), ": ", reader.error()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status GenerateFiles(const GenerateOptions& options,
                           CheckAccumulator* check) {
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot create ", options.out_dir, ": ", error.message()));
  }
  const PostingGenerator postings(options.postings, options.seed,
                                  options.as_of);
  absl::Status s = WriteAll<PostingGenerator, Posting>(
      options.out_dir + "/postings.csv", postings, kPostingColumns,
      WritePosting, check);
  if (!s.ok()) return s;
  const ReportGenerator reports(options.reports, options.seed, options.as_of);
  return WriteAll<ReportGenerator, Report>(options.out_dir + "/reports.csv",
                                           reports, kReportColumns, WriteReport,
                                           check);
}

absl::Status ReadFiles(const std::string& dir, CheckAccumulator* check) {
  absl::Status s = ReadAll<Posting>(dir + "/postings.csv", kPostingColumns,
                                    ParsePosting, check);
  if (!s.ok()) return s;
  return ReadAll<Report>(dir + "/reports.csv", kReportColumns, ParseReport,
                         check);
}

}  // namespace compdata::datagen
