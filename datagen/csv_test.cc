// The CSVs are well-formed: header, column count, RFC 4180 quoting (the
// reader itself is tested in tests/unit/csv_reader_test.cc), and the
// field-level rules of the format (empty/required fields, dates, skills).

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "common/csv_reader.h"
#include "datagen/csv_rows.h"
#include "datagen/csv_writer.h"
#include "datagen/generate.h"
#include "datagen/test_util.h"
#include "gtest/gtest.h"

namespace compdata::datagen {
namespace {

using testing_util::MakeDir;
using testing_util::ReadFile;

std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::vector<std::vector<std::string>> rows;
  CsvReader reader(in);
  std::vector<std::string> fields;
  while (reader.Next(&fields)) rows.push_back(fields);
  EXPECT_EQ(reader.error(), "");
  return rows;
}

// The header row as the column list it must equal.
std::vector<std::string_view> Header(const std::vector<std::string>& row) {
  return std::vector<std::string_view>(row.begin(), row.end());
}

class DatagenCsv : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeDir("csv"));
    GenerateOptions o;
    o.out_dir = *dir_;
    o.postings = 20000;
    o.reports = 5000;
    ASSERT_TRUE(GenerateFiles(o, nullptr).ok());
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string* dir_;
};
std::string* DatagenCsv::dir_ = nullptr;

TEST(DatagenCsvWriter, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvEscape("plain"), "plain");
  EXPECT_EQ(CsvEscape("Washington, DC"), "\"Washington, DC\"");
  EXPECT_EQ(CsvEscape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvEscape("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvEscape(""), "");
}

TEST_F(DatagenCsv, PostingsAreWellFormed) {
  const auto rows = ReadCsv(*dir_ + "/postings.csv");
  ASSERT_EQ(rows.size(), 20001u);
  EXPECT_EQ(Header(rows[0]),
            std::vector<std::string_view>(kPostingColumns.begin(),
                                          kPostingColumns.end()));
  std::set<std::string> ids;
  bool saw_quoted_metro = false, saw_quote_in_title = false;
  const int64_t window_start = kDefaultAsOf - 730 * 86400;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i];
    ASSERT_EQ(f.size(), kPostingColumns.size()) << "row " << i;
    Posting p;
    ASSERT_TRUE(ParsePosting(f, &p).ok()) << "row " << i;
    EXPECT_EQ(f[0], "gen");
    EXPECT_TRUE(ids.insert(f[1]).second) << f[1];
    EXPECT_FALSE(f[3].empty());
    EXPECT_FALSE(f[4].empty());
    EXPECT_GE(p.company, 0) << f[4];
    EXPECT_EQ(p.remote, f[5].empty()) << "remote iff no metro, row " << i;
    const bool pay = !f[8].empty();
    EXPECT_EQ(pay, !f[9].empty());
    EXPECT_EQ(pay, f[10] == "USD");
    EXPECT_EQ(pay, !f[11].empty());
    if (pay) {
      EXPECT_LE(p.pay_min_cents, p.pay_max_cents);
    }
    EXPECT_LE(p.posted_at, kDefaultAsOf);
    EXPECT_GT(p.posted_at, window_start);
    if (p.expires_at != kNoTime) {
      EXPECT_GT(p.expires_at, p.posted_at);
    }
    int n = 0;
    for (SkillMask m = p.skills; m; m &= m - 1) ++n;
    EXPECT_GE(n, 3);
    EXPECT_LE(n, 10);
    saw_quoted_metro |= f[5] == "Washington, DC";
    saw_quote_in_title |= f[3].find('"') != std::string::npos;
  }
  EXPECT_TRUE(saw_quoted_metro);
  EXPECT_TRUE(saw_quote_in_title);
  // Quoting on disk: the comma-bearing metro is quoted, inner quotes doubled.
  const std::string bytes = ReadFile(*dir_ + "/postings.csv");
  EXPECT_NE(bytes.find(",\"Washington, DC\","), std::string::npos);
  EXPECT_NE(bytes.find("(\"\"Copilot\"\" Team)\""), std::string::npos);
  EXPECT_EQ(bytes.substr(0, 7), "source,");
  EXPECT_EQ(bytes.back(), '\n');
}

TEST_F(DatagenCsv, ReportsAreWellFormed) {
  const auto rows = ReadCsv(*dir_ + "/reports.csv");
  ASSERT_EQ(rows.size(), 5001u);
  EXPECT_EQ(Header(rows[0]), std::vector<std::string_view>(
                                 kReportColumns.begin(), kReportColumns.end()));
  static constexpr double kYearsMinByLevel[] = {0, 2, 5, 8, 12};
  static constexpr double kYearsMaxByLevel[] = {2.5, 6, 11, 16, 25};
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i];
    ASSERT_EQ(f.size(), kReportColumns.size()) << "row " << i;
    Report r;
    ASSERT_TRUE(ParseReport(f, &r).ok()) << "row " << i;
    EXPECT_EQ(f[0], "gen-survey");
    EXPECT_EQ(f[1], "r" + std::to_string(i));
    EXPECT_FALSE(f[3].empty());
    EXPECT_EQ(r.remote, f[6].empty());
    EXPECT_EQ(f[11], "USD");
    EXPECT_EQ(f[12], "year");
    EXPECT_GT(r.base_cents, 0);
    EXPECT_GE(r.bonus_cents, 0);
    EXPECT_GE(r.equity_cents, 0);
    EXPECT_GE(r.years_tenths / 10.0, kYearsMinByLevel[r.level]);
    EXPECT_LE(r.years_tenths / 10.0, kYearsMaxByLevel[r.level]);
    EXPECT_LE(r.reported_at, kDefaultAsOf);
    EXPECT_GT(r.reported_at, kDefaultAsOf - 730 * 86400);
  }
}

TEST_F(DatagenCsv, CheckFromFilesEqualsCheckWhileGenerating) {
  CheckAccumulator from_files(kDefaultAsOf);
  ASSERT_TRUE(ReadFiles(*dir_, &from_files).ok());
  CheckAccumulator live(kDefaultAsOf);
  GenerateOptions o;
  o.out_dir = MakeDir("csv_live");
  o.postings = 20000;
  o.reports = 5000;
  ASSERT_TRUE(GenerateFiles(o, &live).ok());
  const auto a = from_files.Figures(), b = live.Figures();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].generated, b[i].generated) << a[i].name;
  }
}

}  // namespace
}  // namespace compdata::datagen
