#ifndef COMPDATA_CLIENT_INGEST_H_
#define COMPDATA_CLIENT_INGEST_H_

// Streaming ingest from the client side: records go out in messages while
// acknowledgements come back, so the caller learns, batch by batch, what is
// durable (committed_through) and which records the server rejected.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "client/rpc_status.h"
#include "compdata/v1/ingest_service.grpc.pb.h"

namespace compdata {

struct IngestRunOptions {
  int32_t batch_size = 0;  // 0 = server default (1000)
  bool dry_run = false;
  int records_per_message = 500;
  // Called for every acknowledged batch, on the calling thread.
  std::function<void(const v1::IngestBatchAck&)> on_ack;
};

struct IngestOutcome {
  absl::Status status;             // the call's final status
  int64_t sent = 0;                // records written to the stream
  int64_t committed_through = -1;  // last acknowledged position
  std::vector<v1::RejectedRecord> rejected;
  v1::IngestSummary summary;  // set when status is OK
};

// Runs one ingest stream. `next` fills the next record and returns false at
// the end. `call` opens the stream (a Stub method); `records` selects the
// request's repeated record field.
template <typename Request, typename Response, typename Record>
IngestOutcome RunIngest(
    const std::function<
        std::unique_ptr<grpc::ClientReaderWriter<Request, Response>>(
            grpc::ClientContext*)>& call,
    google::protobuf::RepeatedPtrField<Record>* (Request::*records)(),
    const std::function<bool(Record*)>& next, const IngestRunOptions& options) {
  IngestOutcome outcome;
  grpc::ClientContext ctx;
  auto stream = call(&ctx);
  std::thread writer([&] {
    Request request;
    request.mutable_options()->set_batch_size(options.batch_size);
    request.mutable_options()->set_dry_run(options.dry_run);
    Record record;
    bool more = true;
    while (more) {
      more = next(&record);
      if (more) {
        (request.*records)()->Add(std::move(record));
        record = Record();
        ++outcome.sent;
      }
      const bool full =
          (request.*records)()->size() >= options.records_per_message;
      if ((full || !more) &&
          (request.ByteSizeLong() > 0 || outcome.sent == 0)) {
        if (!stream->Write(request))
          return;  // the call failed; Finish says why
        request = Request();
      }
    }
    stream->WritesDone();
  });
  Response response;
  while (stream->Read(&response)) {
    if (response.has_batch_ack()) {
      const v1::IngestBatchAck& ack = response.batch_ack();
      outcome.committed_through = ack.committed_through();
      for (const auto& r : ack.rejected_records())
        outcome.rejected.push_back(r);
      if (options.on_ack) options.on_ack(ack);
    } else if (response.has_summary()) {
      outcome.summary = response.summary();
    }
  }
  writer.join();
  outcome.status = FromGrpcStatus(stream->Finish());
  return outcome;
}

}  // namespace compdata

#endif  // COMPDATA_CLIENT_INGEST_H_
