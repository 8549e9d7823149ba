// The ingest protocol without a server or a database: a fake writer records
// what the protocol asks it to write.

#include "core/ingest/ingest_protocol.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace compdata::ingest {
namespace {

using ::compdata::testing::StatusIs;

// Remembers every batch; a configurable batch fails like a lost database.
class FakeWriter final : public BatchWriter {
 public:
  absl::StatusOr<ReferenceIndex> LoadReferenceIndex() override {
    ReferenceIndex index;
    index.roles.Add(1, "ai-engineer");
    index.role_slugs["ai-engineer"] = 1;
    index.skills.Add(7, "python");
    index.skill_slugs["python"] = 7;
    return index;
  }
  absl::StatusOr<UpsertCounts> Write(const std::vector<SkillRow>& rows,
                                     bool dry_run) override {
    if (static_cast<int>(batches.size()) == fail_batch) {
      return absl::UnavailableError("database went away");
    }
    std::vector<std::string> slugs;
    for (const SkillRow& r : rows) slugs.push_back(r.slug);
    batches.push_back(slugs);
    dry_runs.push_back(dry_run);
    UpsertCounts counts;
    for (const SkillRow& r : rows) {
      ++(r.slug == "python" ? counts.updated : counts.inserted);
    }
    return counts;
  }
  absl::StatusOr<UpsertCounts> Write(const std::vector<PostingRow>&,
                                     bool) override {
    return Unused();
  }
  absl::StatusOr<UpsertCounts> Write(const std::vector<ReportRow>&,
                                     bool) override {
    return Unused();
  }
  absl::StatusOr<UpsertCounts> Write(const std::vector<RoleRow>&,
                                     bool) override {
    return Unused();
  }
  absl::StatusOr<UpsertCounts> Write(const std::vector<RoleLevelRow>&,
                                     bool) override {
    return Unused();
  }
  absl::StatusOr<UpsertCounts> Write(const std::vector<RoleTransitionRow>&,
                                     bool) override {
    return Unused();
  }
  absl::StatusOr<engine::DataVersion> CurrentVersion() override {
    return engine::DataVersion{42, absl::FromUnixSeconds(1700000000)};
  }

  std::vector<std::vector<std::string>> batches;
  std::vector<bool> dry_runs;
  int fail_batch = -1;

 private:
  static absl::Status Unused() {
    return absl::InternalError("the skills tests write no other kind");
  }
};

v1::IngestSkillsRequest Skills(const std::vector<std::string>& slugs) {
  v1::IngestSkillsRequest request;
  for (const std::string& slug : slugs) {
    v1::Skill* s = request.add_skills();
    s->set_slug(slug);
    s->set_display_name(slug.empty() ? "" : "Display " + slug);
  }
  return request;
}

class IngestProtocolTest : public ::testing::Test {
 protected:
  IngestProtocol<SkillsKind> Protocol(IngestLimits limits = {}) {
    return IngestProtocol<SkillsKind>(
        writer_, limits,
        [this](v1::IngestBatchAck ack) {
          acks_.push_back(std::move(ack));
          return ack_status_;
        },
        absl::Now());
  }

  FakeWriter writer_;
  std::vector<v1::IngestBatchAck> acks_;
  absl::Status ack_status_ = absl::OkStatus();
};

TEST_F(IngestProtocolTest, BatchesConsecutivePositionsAndSumsUp) {
  auto protocol = Protocol({/*default_batch_size=*/2, /*max=*/10});
  ASSERT_TRUE(protocol.Start().ok());
  ASSERT_TRUE(protocol.OnMessage(Skills({"rag", "python", "go"})).ok());
  // One full batch written as soon as it filled; "go" waits for more.
  ASSERT_EQ(writer_.batches.size(), 1u);
  EXPECT_THAT(writer_.batches[0], ::testing::ElementsAre("rag", "python"));
  ASSERT_EQ(acks_.size(), 1u);
  EXPECT_EQ(acks_[0].first_position(), 0);
  EXPECT_EQ(acks_[0].committed_through(), 1);
  EXPECT_EQ(acks_[0].accepted(), 1);
  EXPECT_EQ(acks_[0].updated(), 1);

  absl::StatusOr<v1::IngestSummary> summary = protocol.OnEnd();
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(acks_.size(), 2u);
  EXPECT_EQ(acks_[1].first_position(), 2);
  EXPECT_EQ(acks_[1].committed_through(), 2);
  EXPECT_EQ(summary->received(), 3);
  EXPECT_EQ(summary->accepted(), 2);
  EXPECT_EQ(summary->updated(), 1);
  EXPECT_EQ(summary->batches(), 2);
  EXPECT_FALSE(summary->dry_run());
  EXPECT_EQ(summary->data_version(), "v42");
  EXPECT_EQ(summary->as_of().seconds(), 1700000000);
}

TEST_F(IngestProtocolTest, RejectsInvalidAndRepeatedRecordsAtTheirPositions) {
  auto protocol = Protocol();
  ASSERT_TRUE(protocol.Start().ok());
  ASSERT_TRUE(protocol.OnMessage(Skills({"rag", "Not A Slug", "rag"})).ok());
  ASSERT_TRUE(protocol.OnEnd().ok());
  ASSERT_EQ(acks_.size(), 1u);
  const v1::IngestBatchAck& ack = acks_[0];
  EXPECT_EQ(ack.accepted(), 1);
  EXPECT_EQ(ack.rejected(), 2);
  ASSERT_EQ(ack.rejected_records_size(), 2);
  EXPECT_EQ(ack.rejected_records(0).position(), 1);
  EXPECT_EQ(ack.rejected_records(0).field(), "slug");
  EXPECT_EQ(ack.rejected_records(1).position(), 2);
  EXPECT_EQ(ack.rejected_records(1).reason(),
            v1::REJECT_REASON_DUPLICATE_IN_STREAM);
  EXPECT_EQ(ack.rejected_records(1).source_id(), "rag");
  EXPECT_THAT(writer_.batches[0], ::testing::ElementsAre("rag"));
}

TEST_F(IngestProtocolTest, ABatchOfRejectionsOnlyIsAcknowledgedWithoutAWrite) {
  auto protocol = Protocol();
  ASSERT_TRUE(protocol.Start().ok());
  ASSERT_TRUE(protocol.OnMessage(Skills({""})).ok());
  ASSERT_TRUE(protocol.OnEnd().ok());
  EXPECT_TRUE(writer_.batches.empty());
  ASSERT_EQ(acks_.size(), 1u);
  EXPECT_EQ(acks_[0].rejected(), 1);
}

TEST_F(IngestProtocolTest, OptionsOnlyInTheFirstMessage) {
  auto protocol = Protocol({1000, 10});
  ASSERT_TRUE(protocol.Start().ok());
  v1::IngestSkillsRequest first = Skills({"rag"});
  first.mutable_options()->set_batch_size(11);
  absl::Status too_big = protocol.OnMessage(first);
  EXPECT_THAT(too_big, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(too_big), "options.batch_size");

  auto later = Protocol();
  ASSERT_TRUE(later.Start().ok());
  ASSERT_TRUE(later.OnMessage(Skills({"rag"})).ok());
  v1::IngestSkillsRequest second = Skills({"go"});
  second.mutable_options()->set_dry_run(true);
  absl::Status status = later.OnMessage(second);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(status), "options");
}

TEST_F(IngestProtocolTest, DryRunReachesTheWriterAndTheSummary) {
  auto protocol = Protocol();
  ASSERT_TRUE(protocol.Start().ok());
  v1::IngestSkillsRequest request = Skills({"rag", "go"});
  request.mutable_options()->set_dry_run(true);
  request.mutable_options()->set_batch_size(1);
  ASSERT_TRUE(protocol.OnMessage(request).ok());
  absl::StatusOr<v1::IngestSummary> summary = protocol.OnEnd();
  ASSERT_TRUE(summary.ok());
  EXPECT_TRUE(summary->dry_run());
  EXPECT_THAT(writer_.dry_runs, ::testing::ElementsAre(true, true));
  EXPECT_EQ(summary->batches(), 2);
}

TEST_F(IngestProtocolTest, IdleWritesTheOpenBatchOnly) {
  auto protocol = Protocol();
  ASSERT_TRUE(protocol.Start().ok());
  ASSERT_TRUE(protocol.OnIdle().ok());
  EXPECT_TRUE(acks_.empty());
  ASSERT_TRUE(protocol.OnMessage(Skills({"rag"})).ok());
  ASSERT_TRUE(protocol.OnIdle().ok());
  ASSERT_EQ(acks_.size(), 1u);
  ASSERT_TRUE(protocol.OnIdle().ok());
  EXPECT_EQ(acks_.size(), 1u);
  // Numbering continues across batches.
  ASSERT_TRUE(protocol.OnMessage(Skills({"go"})).ok());
  ASSERT_TRUE(protocol.OnEnd().ok());
  ASSERT_EQ(acks_.size(), 2u);
  EXPECT_EQ(acks_[1].first_position(), 1);
}

TEST_F(IngestProtocolTest, AFailedWriteIsNotAcknowledged) {
  writer_.fail_batch = 0;
  auto protocol = Protocol({1, 10});
  ASSERT_TRUE(protocol.Start().ok());
  EXPECT_THAT(protocol.OnMessage(Skills({"rag", "go"})),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_TRUE(acks_.empty());
}

TEST_F(IngestProtocolTest, AnAckThatCannotBeSentEndsTheStream) {
  ack_status_ = absl::CancelledError("the client went away");
  auto protocol = Protocol({1, 10});
  ASSERT_TRUE(protocol.Start().ok());
  EXPECT_THAT(protocol.OnMessage(Skills({"rag", "go"})),
              StatusIs(absl::StatusCode::kCancelled));
  EXPECT_EQ(writer_.batches.size(), 1u);
}

}  // namespace
}  // namespace compdata::ingest
