// BatchRead through the real server on real PostgreSQL: every item answered
// once, with the very bytes its unary RPC answers (answers, read masks,
// known versions, errors and their field paths), from one snapshot; a
// batch of 0 or 1001 items refused with nothing streamed; a deadline that
// passes mid-batch ends the call (the server stops computing); the call in
// the server's metrics.

#include <gtest/gtest.h>

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/query/data_gen.h"
#include "tests/query/query_fixture.h"
#include "tests/query/raw_calls.h"
#include "tests/support/metrics_scrape.h"

namespace compdata::testing::query {
namespace {

const char kRole[] = "ai-engineer";

v1::SalaryFilter Pinned(absl::Time end) {
  v1::SalaryFilter f;
  f.mutable_time_window()->mutable_end_time()->set_seconds(
      absl::ToUnixSeconds(end));
  return f;
}

// What the unary RPC of `item` answers: its method, request and the bytes
// the batch's answer must carry (the answer, or the google.rpc.Status).
struct Expected {
  int field = 0;  // in BatchReadResponse
  std::string bytes;
};

Expected Unary(const std::shared_ptr<grpc::Channel>& channel,
               const v1::BatchReadItem& item) {
  const bool compare = item.has_compare_roles();
  const RawAnswer a =
      compare ? RawUnary(channel, "CompareRoles", item.compare_roles())
              : RawUnary(channel, "GetSalaryDistribution",
                         item.salary_distribution());
  if (!a.status.ok()) return {4, a.status.error_details()};
  return {compare ? 2 : 3, a.bytes};
}

// The field an error names (ErrorInfo.metadata["field"]; for
// INVALID_ARGUMENT the BadRequest must name the same).
std::string FieldOfStatus(const std::string& status_bytes) {
  google::rpc::Status status;
  EXPECT_TRUE(status.ParseFromString(status_bytes));
  std::string field;
  for (const auto& any : status.details()) {
    google::rpc::ErrorInfo info;
    if (!any.UnpackTo(&info)) continue;
    auto it = info.metadata().find("field");
    if (it != info.metadata().end()) field = it->second;
  }
  for (const auto& any : status.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad) && bad.field_violations_size() > 0) {
      EXPECT_EQ(bad.field_violations(0).field(), field);
    }
  }
  return field;
}

class BatchReadTest : public QueryTest {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    if (HasFatalFailure()) return;
    DataSetSpec spec;
    spec.seed = 61;
    spec.postings = 1500;
    spec.reports = 400;
    spec.roles = {kRole, "software-engineer", "data-scientist"};
    spec.source_prefix = "batch";
    data_ = GenerateDataSet(spec, absl::Now());
    IngestPostings(data_.postings);
    IngestReports(data_.reports);
    ASSERT_TRUE(WaitForIngested());
    channel_ = client_->channel();
  }

  v1::BatchReadItem Compare(const std::string& a, const std::string& b) const {
    v1::BatchReadItem item;
    v1::CompareRolesRequest* r = item.mutable_compare_roles();
    r->add_roles(a);
    r->add_roles(b);
    *r->mutable_filter() = Pinned(data_.now);
    return item;
  }
  v1::BatchReadItem Distribution(const std::string& role) const {
    v1::BatchReadItem item;
    v1::GetSalaryDistributionRequest* r = item.mutable_salary_distribution();
    r->set_role(role);
    *r->mutable_filter() = Pinned(data_.now);
    return item;
  }

  DataSet data_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(BatchReadTest, EveryItemGetsItsUnaryAnswerByteForByte) {
  v1::BatchReadRequest request;
  *request.add_items() = Compare(kRole, "software-engineer");
  *request.add_items() = Distribution(kRole);
  v1::BatchReadItem masked = Compare("data-scientist", kRole);
  masked.mutable_compare_roles()->mutable_read_mask()->add_paths("roles.pay");
  masked.mutable_compare_roles()->mutable_read_mask()->add_paths("verdicts");
  *request.add_items() = masked;
  v1::BatchReadItem bad_percentile = Distribution("software-engineer");
  bad_percentile.mutable_salary_distribution()->add_percentiles(50);
  bad_percentile.mutable_salary_distribution()->add_percentiles(150);
  *request.add_items() = bad_percentile;
  request.add_items();  // no request
  *request.add_items() = Compare(kRole, "astronaut");
  v1::BatchReadItem bad_mask = Distribution(kRole);
  bad_mask.mutable_salary_distribution()->mutable_read_mask()->add_paths(
      "median");
  *request.add_items() = bad_mask;
  // A known version: the item comes back as metadata only.
  const std::string version =
      client_->GetSalaryDistribution(Distribution(kRole).salary_distribution())
          ->metadata()
          .answer_version();
  v1::BatchReadItem known = Distribution(kRole);
  known.mutable_salary_distribution()->set_known_version(version);
  *request.add_items() = known;
  for (int i = 0; i < 12; ++i) {  // more, each its own
    v1::BatchReadItem d = Distribution(i % 2 ? kRole : "data-scientist");
    d.mutable_salary_distribution()->add_percentiles(i * 7.5);
    *request.add_items() = d;
  }

  const RawBatch batch = RawBatchRead(channel_, request);
  ASSERT_TRUE(batch.status.ok()) << batch.status.error_message();
  ASSERT_EQ(batch.messages.size(), static_cast<size_t>(request.items_size()));
  std::set<int> seen;
  for (const std::string& message : batch.messages) {
    const BatchParts got = SplitBatchResponse(message);
    ASSERT_TRUE(got.ok);
    ASSERT_TRUE(seen.insert(got.index).second) << "index twice: " << got.index;
    ASSERT_LT(got.index, request.items_size());
    const v1::BatchReadItem& item = request.items(got.index);
    if (item.request_case() == v1::BatchReadItem::REQUEST_NOT_SET) {
      EXPECT_EQ(got.field, 4);
      EXPECT_EQ(FieldOfStatus(got.bytes), "items[4]");
      continue;
    }
    const Expected want = Unary(channel_, item);
    EXPECT_EQ(got.field, want.field) << "item " << got.index;
    EXPECT_EQ(got.bytes, want.bytes) << "item " << got.index;
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(request.items_size()));

  // The field paths are the item request's own.
  const std::map<int, std::string> fields = {{3, "percentiles[1]"},
                                             {4, "items[4]"},
                                             {5, "roles[1]"},
                                             {6, "read_mask.paths[0]"}};
  for (const std::string& message : batch.messages) {
    const BatchParts got = SplitBatchResponse(message);
    auto it = fields.find(got.index);
    if (it == fields.end()) {
      EXPECT_NE(got.field, 4) << "item " << got.index << " failed";
      continue;
    }
    EXPECT_EQ(got.field, 4);
    EXPECT_EQ(FieldOfStatus(got.bytes), it->second);
  }
  // The known version's item: metadata only.
  for (const std::string& message : batch.messages) {
    const BatchParts got = SplitBatchResponse(message);
    if (got.index != 7) continue;
    v1::GetSalaryDistributionResponse unchanged;
    ASSERT_TRUE(unchanged.ParseFromString(got.bytes));
    EXPECT_TRUE(unchanged.metadata().unchanged());
    EXPECT_FALSE(unchanged.has_distribution());
  }
}

TEST_F(BatchReadTest, TheClientLibraryCollectsTheAnswersInItemOrder) {
  v1::BatchReadRequest request;
  for (int i = 0; i < 30; ++i) {
    *request.add_items() =
        i % 3 == 0 ? Compare(kRole, "data-scientist") : Distribution(kRole);
  }
  auto answers = client_->BatchRead(request);
  ASSERT_TRUE(answers.ok()) << answers.status();
  ASSERT_EQ(answers->size(), 30u);
  std::set<std::string> versions;
  for (int i = 0; i < 30; ++i) {
    const v1::BatchReadResponse& a = (*answers)[i];
    EXPECT_EQ(a.index(), i);
    EXPECT_EQ(a.has_compare_roles(), i % 3 == 0);
    versions.insert(a.has_compare_roles()
                        ? a.compare_roles().metadata().data_version()
                        : a.salary_distribution().metadata().data_version());
  }
  EXPECT_EQ(versions.size(), 1u) << "every item from one snapshot";
}

TEST_F(BatchReadTest, ZeroOrMoreThanAThousandItemsAreRefusedWhole) {
  for (int n : {0, 1001}) {
    v1::BatchReadRequest request;
    for (int i = 0; i < n; ++i) *request.add_items() = Distribution(kRole);
    const RawBatch batch = RawBatchRead(channel_, request);
    EXPECT_EQ(batch.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << n;
    EXPECT_TRUE(batch.messages.empty()) << n;
    EXPECT_EQ(FieldOfStatus(batch.status.error_details()), "items") << n;
  }
  v1::BatchReadRequest most;
  for (int i = 0; i < 1000; ++i) *most.add_items() = Distribution(kRole);
  const RawBatch batch = RawBatchRead(channel_, most);
  EXPECT_TRUE(batch.status.ok()) << batch.status.error_message();
  EXPECT_EQ(batch.messages.size(), 1000u);
}

// grpc_server_handled_total of BatchRead with `code`, 0 when absent.
double Handled(int metrics_port, const std::string& code) {
  const absl::StatusOr<std::string> body = HttpGet(metrics_port, "/metrics");
  if (!body.ok()) return -1;
  for (absl::string_view line : absl::StrSplit(*body, '\n')) {
    if (absl::StartsWith(line, "grpc_server_handled_total{") &&
        absl::StrContains(line, "grpc_method=\"BatchRead\"") &&
        absl::StrContains(line, absl::StrCat("grpc_code=\"", code, "\""))) {
      double value = 0;
      if (absl::SimpleAtod(line.substr(line.rfind(' ') + 1), &value)) {
        return value;
      }
    }
  }
  return 0;
}

TEST_F(BatchReadTest, ADeadlineMidBatchEndsTheCall) {
  // 1000 comparisons of three roles that neither the response cache nor a
  // figure memo can answer: each ends its window at its own second.
  auto batch = [&](int shift) {
    v1::BatchReadRequest request;
    for (int i = 0; i < 1000; ++i) {
      v1::BatchReadItem item = Compare(kRole, "software-engineer");
      item.mutable_compare_roles()->add_roles("data-scientist");
      *item.mutable_compare_roles()->mutable_filter() =
          Pinned(data_.now - absl::Seconds(shift + i));
      *request.add_items() = item;
    }
    return request;
  };
  v1::BatchReadRequest request = batch(1);
  const absl::Duration deadline = absl::Milliseconds(20);
  const RawBatch whole = RawBatchRead(channel_, request);
  ASSERT_TRUE(whole.status.ok());
  ASSERT_GT(whole.took, 4 * deadline)
      << "the batch must take longer than the deadline below";

  request = batch(5000);  // uncached again
  const double before = Handled(server_->metrics_port(), "DeadlineExceeded") +
                        Handled(server_->metrics_port(), "Canceled");
  const RawBatch cut = RawBatchRead(channel_, request, deadline);
  EXPECT_EQ(cut.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(cut.messages.size(), 1000u);
  EXPECT_LT(cut.took, deadline + absl::Seconds(1));
  // The server ended the call too, long before it could have answered
  // every item.
  EXPECT_TRUE(Eventually(
      [&] {
        return Handled(server_->metrics_port(), "DeadlineExceeded") +
                   Handled(server_->metrics_port(), "Canceled") ==
               before + 1;
      },
      whole.took / 2));
}

}  // namespace
}  // namespace compdata::testing::query
