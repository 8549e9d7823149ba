#ifndef COMPDATA_DB_RECORD_LINES_H_
#define COMPDATA_DB_RECORD_LINES_H_

// The record tables' COPY lines (db/snapshot_statements.h) into a snapshot
// builder: shared by the full load and the change load.

#include "core/engine/snapshot_builder.h"
#include "db/copy_stream.h"

namespace compdata::db {

class RecordLines {
 public:
  explicit RecordLines(engine::SnapshotBuilder* builder) : b_(builder) {}
  void Posting(const CopyLine& f);
  void Report(const CopyLine& f);

 private:
  engine::SnapshotBuilder* b_;
  std::string company_scratch_, currency_scratch_;
};

}  // namespace compdata::db

#endif  // COMPDATA_DB_RECORD_LINES_H_
