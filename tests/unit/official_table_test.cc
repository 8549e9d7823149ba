// The official wage table parser (core/ingest/official_table.h), the import
// request's validation (official_import.h) and the server's lenient parse
// of a request whose table is not UTF-8: every bad case names its line.

#include "core/ingest/official_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "core/ingest/official_import.h"
#include "server/api/official_import_handler.h"
#include "tests/support/status_matchers.h"

namespace compdata::ingest {
namespace {

using engine::OfficialKind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kHeader[] =
    "OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,"
    "A_PCT90\n";
constexpr int64_t kTopCoded = 23'920'000;  // 239,200.00

OfficialTableResult Parse(const std::string& text,
                          std::optional<int64_t> top = kTopCoded) {
  return ParseOfficialTable(text, OfficialTableOptions{top});
}

// The one problem of a table with a good header and `line` as line 2.
std::string OnlyProblem(const std::string& line,
                        std::optional<int64_t> top = kTopCoded) {
  const OfficialTableResult r = Parse(absl::StrCat(kHeader, line, "\n"), top);
  EXPECT_EQ(r.bad_lines, 1) << line;
  return r.problems.empty() ? "" : r.problems[0];
}

TEST(OfficialTableTest, ReadsAGoodTableWithMarkersAsPublished) {
  // Columns in another order and case, an extra column, a byte order mark,
  // CRLF line ends, quoted thousands, a quoted comma and a blank line.
  const std::string text =
      "\xEF\xBB\xBF"
      "area,a_pct90,Occ_Code,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,"
      "A_PCT25,A_MEDIAN,A_PCT75\r\n"
      "US,\"211,450\",15-1252,Software Developers,\"1,656,880\",\"144,570\","
      "\"79,850\",\"103,050\",\"133,080\",\"169,710\"\r\n"
      "\r\n"
      "US,#,11-3021,Computer and Information Systems Managers,\"613,820\","
      "187990.5,104450,133000,171200,214180.25\r\n"
      "US,*,15-2099,\"Mathematical Science Occupations, All Other\",**,*,"
      "49210,*,86460,*\r\n";
  const OfficialTableResult r = Parse(text);
  ASSERT_TRUE(r.ok()) << r.problems[0];
  ASSERT_EQ(r.occupations.size(), 3u);
  const engine::OfficialOccupation& swe = r.occupations[0];
  EXPECT_EQ(swe.code, "15-1252");
  EXPECT_EQ(swe.title, "Software Developers");
  EXPECT_EQ(swe.employment, 1'656'880);
  EXPECT_EQ(swe.mean.kind, OfficialKind::kExact);
  EXPECT_EQ(swe.mean.cents, 14'457'000);
  EXPECT_EQ(swe.percentiles[0].cents, 7'985'000);
  EXPECT_EQ(swe.percentiles[4].cents, 21'145'000);
  const engine::OfficialOccupation& managers = r.occupations[1];
  EXPECT_EQ(managers.mean.cents, 18'799'050);
  EXPECT_EQ(managers.percentiles[3].cents, 21'418'025);
  EXPECT_EQ(managers.percentiles[4].kind, OfficialKind::kAtLeast);
  EXPECT_EQ(managers.percentiles[4].cents, kTopCoded);
  const engine::OfficialOccupation& other = r.occupations[2];
  EXPECT_EQ(other.title, "Mathematical Science Occupations, All Other");
  EXPECT_FALSE(other.employment.has_value());
  EXPECT_EQ(other.mean.kind, OfficialKind::kNotAvailable);
  EXPECT_EQ(other.percentiles[0].kind, OfficialKind::kExact);
  EXPECT_EQ(other.percentiles[1].kind, OfficialKind::kNotAvailable);
  EXPECT_EQ(other.percentiles[1].cents, 0);
}

TEST(OfficialTableTest, AHeaderWithoutARequiredColumnIsLineOne) {
  const OfficialTableResult r = Parse(
      "OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_MEDIAN,A_PCT90\n"
      "15-1252,Software Developers,1,2,1,2,3\n");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0],
            "line 1: A_PCT25: required column missing (also missing: "
            "A_PCT75)");
  EXPECT_TRUE(r.occupations.empty());
  EXPECT_THAT(Parse("OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,"
                    "A_MEDIAN,A_PCT75,A_PCT90,occ_code\n")
                  .problems,
              ElementsAre("line 1: OCC_CODE: the column appears twice"));
}

TEST(OfficialTableTest, EveryBadAmountNamesItsLineAndColumn) {
  const std::string good = "15-1252,SD,100,5,1,2,3,4,5";
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,12.345,1,2,3,4,5"),
            "line 2: A_MEAN: \"12.345\" has more than 2 decimals");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,-1,2,3,4,5"),
            "line 2: A_PCT10: \"-1\" is negative");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,abc,3,4,5"),
            "line 2: A_PCT25: \"abc\" is not a number");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,\"1,23,4\",4,5"),
            "line 2: A_MEDIAN: \"1,23,4\" is not a number");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,3,1e5,5"),
            "line 2: A_PCT75: \"1e5\" is not a number");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,3,4,$5"),
            "line 2: A_PCT90: \"$5\" is not a number");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,0,1,2,3,4,5"),
            "line 2: A_MEAN: \"0\" must be greater than 0");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,,1,2,3,4,5"),
            "line 2: A_MEAN: empty (\"*\" marks a figure not available)");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,3,4,1000000000.01"),
            "line 2: A_PCT90: \"1000000000.01\" exceeds 1000000000");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,3,4,99999999999999999999"),
            "line 2: A_PCT90: \"99999999999999999999\" is too large");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,3,4,5."),
            "line 2: A_PCT90: \"5.\" is not a number");
  EXPECT_TRUE(Parse(absl::StrCat(kHeader, good, "\n")).ok());
}

TEST(OfficialTableTest, EmploymentIsAWholeNumberOrNotAvailable) {
  EXPECT_EQ(OnlyProblem("15-1252,SD,12.5,5,1,2,3,4,5"),
            "line 2: TOT_EMP: \"12.5\" is not a whole number");
  EXPECT_EQ(OnlyProblem("15-1252,SD,#,5,1,2,3,4,5"),
            "line 2: TOT_EMP: \"#\" marks a top-coded wage, not an "
            "employment");
  EXPECT_EQ(OnlyProblem("15-1252,SD,-3,5,1,2,3,4,5"),
            "line 2: TOT_EMP: \"-3\" is negative");
  const OfficialTableResult r =
      Parse(absl::StrCat(kHeader, "15-1252,SD,0,5,1,2,3,4,5\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.occupations[0].employment, 0);
}

TEST(OfficialTableTest, TopCodedCellsNeedTheTopCodedValue) {
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,3,4,#", std::nullopt),
            "line 2: A_PCT90: \"#\" (at or above the top-coded value) needs "
            "the request's top_coded_value");
  // "#" stands for the top-coded value: a value after it must not be
  // below that, nor may the top-coded value be below a value before it.
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,3,#,200000"),
            "line 2: A_PCT90: 200000.00 is below A_PCT75 (239200.00)");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,250000,#,#"),
            "line 2: A_PCT75: 239200.00 is below A_MEDIAN (250000.00)");
  EXPECT_TRUE(
      Parse(absl::StrCat(kHeader, "15-1252,SD,100,5,1,2,200000,#,#\n")).ok());
}

TEST(OfficialTableTest, PublishedPercentilesMustNotDecrease) {
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,3,2,4,5"),
            "line 2: A_MEDIAN: 2.00 is below A_PCT25 (3.00)");
  // Skipping the percentiles not published.
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,10,*,*,*,9.99"),
            "line 2: A_PCT90: 9.99 is below A_PCT10 (10.00)");
  EXPECT_TRUE(
      Parse(absl::StrCat(kHeader, "15-1252,SD,100,1,5,5,*,5,6\n")).ok());
}

TEST(OfficialTableTest, EachOccupationCodeOnce) {
  const OfficialTableResult r = Parse(absl::StrCat(
      kHeader, "15-1252,SD,100,5,1,2,3,4,5\n", "15-2051,DS,100,5,1,2,3,4,5\n",
      " 15-1252 ,Again,100,5,1,2,3,4,5\n"));
  EXPECT_THAT(r.problems,
              ElementsAre("line 4: OCC_CODE: \"15-1252\" is also on line 2"));
  EXPECT_EQ(OnlyProblem(",SD,100,5,1,2,3,4,5"), "line 2: OCC_CODE: empty");
  EXPECT_EQ(OnlyProblem("15-1252,  ,100,5,1,2,3,4,5"),
            "line 2: OCC_TITLE: empty");
}

TEST(OfficialTableTest, AnEmptyTableOrOneWithoutOccupationsIsRefused) {
  EXPECT_THAT(Parse("").problems,
              ElementsAre("line 1: the table is empty: a header line and at "
                          "least one occupation line are needed"));
  EXPECT_THAT(Parse(kHeader).problems,
              ElementsAre("line 1: the table has a header but no occupation "
                          "lines"));
}

TEST(OfficialTableTest, ATableOverFourMebibytesIsRefusedUnread) {
  std::string text = kHeader;
  while (text.size() <= kMaxOfficialTableBytes) {
    absl::StrAppend(&text, "15-1252,SD,100,5,1,2,3,4,5\n");
  }
  const OfficialTableResult r = Parse(text);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0], HasSubstr("the limit is 4 MiB (4194304 bytes)"));
  EXPECT_TRUE(r.occupations.empty());
}

TEST(OfficialTableTest, LinesWithTheWrongNumberOfFieldsOrBadCsv) {
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,3,4"),
            "line 2: 8 fields; the header has 9");
  EXPECT_EQ(OnlyProblem("15-1252,SD,100,5,1,2,3,4,5,6"),
            "line 2: 10 fields; the header has 9");
  EXPECT_EQ(OnlyProblem("15-1252,S\"D,100,5,1,2,3,4,5"),
            "line 2: malformed CSV: quote inside an unquoted field");
  // A quoted line break: the next record starts two lines further on.
  const OfficialTableResult r = Parse(
      absl::StrCat(kHeader, "15-1252,\"Software\nDevelopers\",1,5,1,2,3,4,5\n",
                   "15-2051,DS,100,5,1,2,3,4\n"));
  EXPECT_THAT(r.problems, ElementsAre("line 4: 8 fields; the header has 9"));
  EXPECT_EQ(r.occupations[0].title, "Software\nDevelopers");
}

TEST(OfficialTableTest, TextThatIsNotUtf8NamesItsColumn) {
  EXPECT_EQ(OnlyProblem("15-1252,Caf\xE9,100,5,1,2,3,4,5"),
            "line 2: OCC_TITLE: not valid UTF-8");
  EXPECT_THAT(Parse("OCC_CODE,\xC0\xAF\n").problems,
              ElementsAre("line 1: header: not valid UTF-8"));
  EXPECT_TRUE(IsValidUtf8("Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // cut short
}

TEST(OfficialTableTest, OneProblemPerBadLineAtMostFifty) {
  std::string text = kHeader;
  for (int i = 0; i < 60; ++i) {
    absl::StrAppend(&text, "15-", 1000 + i, ",SD,100,5,1,2,3,4,x\n");
    absl::StrAppend(&text, "16-", 1000 + i, ",SD,100,5,1,2,3,4,5\n");
  }
  const OfficialTableResult r = Parse(text);
  EXPECT_EQ(r.bad_lines, 60);
  ASSERT_EQ(r.problems.size(), kMaxOfficialTableProblems);
  EXPECT_EQ(r.problems[0], "line 2: A_PCT90: \"x\" is not a number");
  EXPECT_EQ(r.problems[49], "line 100: A_PCT90: \"x\" is not a number");
}

// --- the whole request -------------------------------------------------------

class OfficialImportTest : public ::testing::Test {
 protected:
  OfficialImportTest() {
    roles_.Add(7, "software-engineer");
    roles_.Add(7, "Software Developer");
    roles_.Add(9, "data-scientist");
    request_.set_source("US BLS OEWS");
    request_.set_reference_period("May 2024");
    request_.set_area("United States");
    request_.set_currency("USD");
    request_.set_table(
        absl::StrCat(kHeader,
                     "15-1252,Software Developers,1656880,"
                     "144570,79850,103050,133080,169710,#\n",
                     "15-2051,Data Scientists,**,*,1,2,3,4,5\n"));
    request_.mutable_top_coded_value()->set_currency_code("USD");
    request_.mutable_top_coded_value()->set_units(239200);
    AddLink("15-1252", "software-engineer");
    AddLink("15-1252", "software developer");  // the same role again
    AddLink("15-2051", "data-scientist");
  }
  void AddLink(const std::string& code, const std::string& role) {
    v1::OccupationLink* link = request_.add_links();
    link->set_occupation_code(code);
    link->set_role(role);
  }
  // field -> description of every violation.
  std::vector<std::string> Violations() {
    std::vector<std::string> out;
    const absl::Status status =
        ValidateOfficialImport(request_, roles_).status();
    for (const FieldViolation& v : ViolationsOf(status)) {
      out.push_back(absl::StrCat(v.field, ": ", v.description));
    }
    return out;
  }

  NameIndex roles_;
  v1::ImportOfficialStatisticsRequest request_;
};

TEST_F(OfficialImportTest, AGoodRequestBecomesRowsAndDistinctLinks) {
  absl::StatusOr<OfficialImport> import =
      ValidateOfficialImport(request_, roles_);
  ASSERT_TRUE(import.ok()) << import.status();
  EXPECT_EQ(import->table.source, "US BLS OEWS");
  EXPECT_EQ(import->top_coded_cents, kTopCoded);
  EXPECT_EQ(import->occupations.size(), 2u);
  EXPECT_EQ(import->occupations[0].percentiles[4].kind, OfficialKind::kAtLeast);
  EXPECT_THAT(import->links,
              ElementsAre(std::pair<std::string, int64_t>{"15-1252", 7},
                          std::pair<std::string, int64_t>{"15-2051", 9}));
}

TEST_F(OfficialImportTest, EveryProblemIsListedWithItsField) {
  request_.set_source(std::string(201, 's'));
  request_.set_reference_period("");
  request_.set_currency("XYZ");
  request_.mutable_top_coded_value()->set_currency_code("EUR");
  request_.set_table(
      absl::StrCat(request_.table(), "15-1221,Research,10,5,1,2,3,x,5\n"));
  AddLink("99-9999", "software-engineer");
  AddLink("15-1252", "astronaut");
  const absl::Status status = ValidateOfficialImport(request_, roles_).status();
  EXPECT_THAT(status, testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(status), "source");
  EXPECT_THAT(std::string(status.message()),
              StartsWith("nothing was imported: 6 problems"));
  EXPECT_THAT(
      Violations(),
      ElementsAre("source: source is 201 characters; the limit is 200",
                  "reference_period: reference_period is required",
                  "currency: \"XYZ\" is not an ISO 4217 currency code",
                  "top_coded_value.currency_code: \"EUR\" differs from the "
                  "table's currency \"XYZ\"",
                  "table: line 4: A_PCT75: \"x\" is not a number",
                  // The table is bad: link codes are not checked against it.
                  "links[4].role: no role with slug or alias \"astronaut\""));
}

TEST_F(OfficialImportTest, LinksMustNameATableCodeAndAKnownRole) {
  request_.clear_links();
  EXPECT_THAT(Violations(),
              ElementsAre("links: at least one link (occupation code -> "
                          "role) is needed"));
  AddLink("99-9999", "software-engineer");
  AddLink("", "");
  EXPECT_THAT(Violations(),
              ElementsAre("links[0].occupation_code: no line of the table "
                          "has OCC_CODE \"99-9999\"",
                          "links[1].occupation_code: required",
                          "links[1].role: required"));
}

TEST_F(OfficialImportTest, TheTopCodedValueIsAPositiveAmountToTheCent) {
  request_.mutable_top_coded_value()->set_nanos(5'000'000);
  // Without a usable value the table's "#" cannot be read either.
  EXPECT_THAT(Violations(),
              ElementsAre("top_coded_value: top_coded_value has a fraction "
                          "of a cent",
                          "table: line 2: A_PCT90: \"#\" (at or above the "
                          "top-coded value) needs the request's "
                          "top_coded_value"));
  request_.mutable_top_coded_value()->set_units(0);
  request_.mutable_top_coded_value()->set_nanos(0);
  EXPECT_EQ(Violations()[0],
            "top_coded_value: top_coded_value must be greater than 0");
}

TEST_F(OfficialImportTest, TextFieldsAreGivenCleanAsTheyAreTheTablesKey) {
  request_.set_source("US BLS OEWS ");
  request_.set_reference_period(" ");
  request_.set_area("United\tStates");
  EXPECT_THAT(Violations(),
              ElementsAre("source: source starts or ends with white space",
                          "reference_period: reference_period starts or "
                          "ends with white space",
                          "area: area holds a control character"));
}

TEST_F(OfficialImportTest, TextFieldsCountCharactersNotBytes) {
  std::string area;
  for (int i = 0; i < 200; ++i) area += "\xC3\xA9";  // 200 characters
  request_.set_area(area);
  EXPECT_TRUE(ValidateOfficialImport(request_, roles_).ok());
  request_.set_area(area + "e");
  EXPECT_THAT(Violations(),
              ElementsAre("area: area is 201 characters; the limit is 200"));
}

TEST_F(OfficialImportTest, ATableThatIsNotUtf8ArrivesAndIsNamedByLine) {
  request_.set_table(
      absl::StrCat(kHeader, "15-1252,SD,1,5,1,2,3,4,5\n",
                   "15-2051,Data Scientists \xFF,1,5,1,2,3,4,5\n"));
  std::string bytes;
  ASSERT_TRUE(request_.SerializeToString(&bytes));
  v1::ImportOfficialStatisticsRequest strict;
  EXPECT_FALSE(strict.ParseFromString(bytes));  // proto3 refuses it
  absl::StatusOr<v1::ImportOfficialStatisticsRequest> parsed =
      api::ParseImportRequest(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->table(), request_.table());
  EXPECT_EQ(parsed->links_size(), 3);
  EXPECT_EQ(parsed->source(), "US BLS OEWS");
  EXPECT_THAT(Violations(),
              ElementsAre("table: line 3: OCC_TITLE: not valid UTF-8"));
  EXPECT_THAT(api::ParseImportRequest("\x0a\xff"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

// --- validation, then the writer --------------------------------------------

class FakeWriter : public OfficialTableWriter {
 public:
  absl::StatusOr<NameIndex> LoadRoleIndex() override { return roles; }
  absl::StatusOr<OfficialImportCounts> Replace(
      const OfficialImport& import) override {
    written.push_back(import);
    return OfficialImportCounts{static_cast<int64_t>(import.occupations.size()),
                                static_cast<int64_t>(import.links.size()), 4};
  }
  NameIndex roles;
  std::vector<OfficialImport> written;
};

TEST_F(OfficialImportTest, ImportWritesOnlyAValidRequest) {
  FakeWriter writer;
  writer.roles = roles_;
  request_.set_dry_run(true);
  absl::StatusOr<v1::ImportOfficialStatisticsResponse> response =
      ImportOfficialStatistics(request_, writer);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->rows(), 2);
  EXPECT_EQ(response->links(), 2);
  EXPECT_EQ(response->replaced_rows(), 4);
  EXPECT_TRUE(response->dry_run());
  ASSERT_EQ(writer.written.size(), 1u);
  EXPECT_TRUE(writer.written[0].dry_run);
  request_.set_currency("");
  EXPECT_FALSE(ImportOfficialStatistics(request_, writer).ok());
  EXPECT_EQ(writer.written.size(), 1u);
}

}  // namespace
}  // namespace compdata::ingest
