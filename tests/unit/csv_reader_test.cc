#include "common/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "client/record_parsers.h"
#include "common/status_util.h"

namespace compdata {
namespace {

TEST(CsvReaderTest, ReadsQuotedFieldsAcrossLines) {
  std::istringstream in(
      "a,b,c\r\n"
      "1,\"two, with comma\",\"three \"\"quoted\"\"\"\n"
      "x,\"multi\nline\",\n"
      "last,row");
  CsvReader reader(in);
  std::vector<std::string> f;
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"1", "two, with comma",
                                         "three \"quoted\""}));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"x", "multi\nline", ""}));
  EXPECT_EQ(reader.line(), 3);
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"last", "row"}));
  EXPECT_EQ(reader.line(), 5);
  EXPECT_FALSE(reader.Next(&f));
  EXPECT_TRUE(reader.error().empty());
}

TEST(CsvReaderTest, CrLfAndLoneCrEndRecordsAndBlankLinesAreOneEmptyField) {
  std::istringstream in("a,\"b,c\",\"d\"\"e\"\r\n\r\nf\rg\n");
  CsvReader reader(in);
  std::vector<std::string> f;
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b,c", "d\"e"}));
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{""}));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"f"}));
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"g"}));
  EXPECT_EQ(reader.line(), 4);
  EXPECT_FALSE(reader.Next(&f));
}

TEST(CsvReaderTest, AnUnclosedQuoteIsAnError) {
  std::istringstream in("a,\"open\n");
  CsvReader reader(in);
  std::vector<std::string> f;
  EXPECT_FALSE(reader.Next(&f));
  EXPECT_FALSE(reader.error().empty());
  EXPECT_EQ(reader.line(), 1);
  EXPECT_FALSE(reader.Next(&f));
  EXPECT_TRUE(reader.error().empty());
}

TEST(CsvReaderTest, AStrayQuoteIsAnErrorAndReadingGoesOnAtTheNextLine) {
  std::istringstream in(
      "ab\"c,d\n"
      "\"quoted\"tail,e\n"
      "ok,\"\"\n");
  CsvReader reader(in);
  std::vector<std::string> f;
  EXPECT_FALSE(reader.Next(&f));
  EXPECT_EQ(reader.error(), "quote inside an unquoted field");
  EXPECT_EQ(reader.line(), 1);
  EXPECT_FALSE(reader.Next(&f));
  EXPECT_EQ(reader.error(), "text after a closing quote");
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_TRUE(reader.error().empty());
  EXPECT_EQ(f, (std::vector<std::string>{"ok", ""}));
  EXPECT_EQ(reader.line(), 3);
}

TEST(RecordParsersTest, ParsesAPostingRowExactly) {
  auto columns = CsvColumns::ForPostings(
      {"source", "source_id", "role", "pay_min", "pay_max", "currency",
       "pay_period", "posted_at", "skills", "remote", "seniority"});
  ASSERT_TRUE(columns.ok()) << columns.status();
  v1::JobPosting p;
  ASSERT_TRUE(
      ParsePostingRow(*columns,
                      {"gh", "7", "ai-engineer", "52.125", "60", "USD", "hour",
                       "2025-07-03T14:05:00Z", "python; rag", "true", "senior"},
                      &p)
          .ok());
  EXPECT_EQ(p.pay_min().units(), 52);
  EXPECT_EQ(p.pay_min().nanos(), 125'000'000);
  EXPECT_EQ(p.pay_period(), v1::PAY_PERIOD_HOUR);
  EXPECT_EQ(p.seniority(), v1::SENIORITY_LEVEL_SENIOR);
  EXPECT_TRUE(p.remote());
  EXPECT_EQ(p.skills_size(), 2);
  EXPECT_EQ(p.skills(1), "rag");
  EXPECT_EQ(p.posted_at().seconds(), 1751551500);
}

TEST(RecordParsersTest, UnparseableValuesNameTheirColumn) {
  auto columns = CsvColumns::ForReports({"source", "base", "reported_at"});
  ASSERT_TRUE(columns.ok());
  v1::SalaryReport r;
  absl::Status s =
      ParseReportRow(*columns, {"x", "12k", "2025-01-01T00:00:00Z"}, &r);
  EXPECT_EQ(FieldOf(s), "base");
  s = ParseReportRow(*columns, {"x", "1000", "yesterday"}, &r);
  EXPECT_EQ(FieldOf(s), "reported_at");
  s = ParseReportRow(*columns, {"x", "1000"}, &r);
  EXPECT_EQ(FieldOf(s), "row");
  EXPECT_FALSE(CsvColumns::ForReports({"source", "salary"}).ok());
}

}  // namespace
}  // namespace compdata
