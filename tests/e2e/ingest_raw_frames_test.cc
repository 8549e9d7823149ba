// An ingest stream carrying a message the server cannot parse, sent as raw
// frames (no client library would send one): the stream ends with
// INVALID_ARGUMENT naming the message and the position to resume at, after
// the records before it were written and acknowledged; nothing after it is
// read or written.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <optional>

#include "absl/strings/str_replace.h"
#include "client/rpc_status.h"
#include "compdata/v1/ingest_service.pb.h"
#include "tests/e2e/ingest_fixture.h"

namespace compdata::testing {
namespace {

constexpr char kIngestSkills[] = "/compdata.v1.IngestService/IngestSkills";

// One bidi call of bytes on the generic stub, each step awaited in turn.
class RawStream {
 public:
  RawStream(const std::string& target, const std::string& method)
      : stub_(grpc::CreateChannel(target, grpc::InsecureChannelCredentials())) {
    ctx_.set_deadline(std::chrono::system_clock::now() +
                      std::chrono::seconds(20));
    call_ = stub_.PrepareCall(&ctx_, method, &cq_);
    call_->StartCall(this);
    EXPECT_TRUE(Await());
  }
  ~RawStream() {
    cq_.Shutdown();
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
    }
  }

  // False once the server has ended the call.
  bool Write(const std::string& bytes) {
    grpc::Slice slice(bytes);
    grpc::ByteBuffer buffer(&slice, 1);
    call_->Write(buffer, this);
    return Await();
  }
  void WritesDone() {
    call_->WritesDone(this);
    Await();
  }
  std::optional<v1::IngestSkillsResponse> Read() {
    grpc::ByteBuffer buffer;
    call_->Read(&buffer, this);
    if (!Await()) return std::nullopt;
    v1::IngestSkillsResponse response;
    EXPECT_TRUE(
        grpc::SerializationTraits<v1::IngestSkillsResponse>::Deserialize(
            &buffer, &response)
            .ok());
    return response;
  }
  grpc::Status Finish() {
    grpc::Status status;
    call_->Finish(&status, this);
    Await();
    return status;
  }

 private:
  bool Await() {
    void* tag = nullptr;
    bool ok = false;
    EXPECT_TRUE(cq_.Next(&tag, &ok));
    EXPECT_EQ(tag, this);
    return ok;
  }

  grpc::GenericStub stub_;
  grpc::ClientContext ctx_;
  grpc::CompletionQueue cq_;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call_;
};

std::string SkillsMessage(const std::string& slug) {
  v1::IngestSkillsRequest request;
  v1::Skill* skill = request.add_skills();
  skill->set_slug(slug);
  skill->set_display_name("Raw " + slug);
  return request.SerializeAsString();
}

using IngestRawFramesTest = IngestTest;

TEST_F(IngestRawFramesTest, AnUnparsableMessageEndsTheStreamWithItsPosition) {
  RawStream stream(server_->target(), kIngestSkills);
  ASSERT_TRUE(stream.Write(SkillsMessage("raw-one")));
  // A length-delimited field 1 announcing 5 bytes and carrying one.
  stream.Write(std::string("\x0a\x05\xff", 3));
  stream.Write(SkillsMessage("raw-two"));
  stream.WritesDone();
  std::vector<v1::IngestSkillsResponse> responses;
  while (auto response = stream.Read()) responses.push_back(*response);
  const grpc::Status status = stream.Finish();

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("resume at position 1"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(ViolatedFields(FromGrpcStatus(status)),
            std::vector<std::string>{"message[1]"});
  // The good message before it was written and acknowledged; no summary.
  ASSERT_EQ(responses.size(), 1u);
  ASSERT_TRUE(responses[0].has_batch_ack());
  EXPECT_EQ(responses[0].batch_ack().first_position(), 0);
  EXPECT_EQ(responses[0].batch_ack().committed_through(), 0);
  EXPECT_EQ(responses[0].batch_ack().accepted(), 1);
  EXPECT_EQ(
      db_.QueryValue("SELECT count(*) FROM skills WHERE slug = 'raw-one'"),
      "1");
  EXPECT_EQ(
      db_.QueryValue("SELECT count(*) FROM skills WHERE slug = 'raw-two'"),
      "0");
}

TEST_F(IngestRawFramesTest, InvalidUtf8InTheFirstMessageWritesNothing) {
  // Same length as the placeholder, so the frame stays well formed apart
  // from its bytes: proto3 strings must be UTF-8.
  const std::string broken = absl::StrReplaceAll(
      SkillsMessage("abcd"), {{"abcd", "\xc3\x28\xc3\x28"}});
  RawStream stream(server_->target(), kIngestSkills);
  stream.Write(broken);
  stream.Write(SkillsMessage("raw-three"));
  stream.WritesDone();
  int responses = 0;
  while (stream.Read()) ++responses;
  const grpc::Status status = stream.Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(FromGrpcStatus(status)),
            std::vector<std::string>{"message[0]"});
  EXPECT_NE(status.error_message().find("resume at position 0"),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(responses, 0);
  EXPECT_EQ(
      db_.QueryValue("SELECT count(*) FROM skills WHERE slug = 'raw-three'"),
      "0");
}

}  // namespace
}  // namespace compdata::testing
