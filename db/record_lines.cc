#include "db/record_lines.h"

namespace compdata::db {

void RecordLines::Posting(const CopyLine& f) {
  engine::SnapshotBuilder::Posting p;
  p.role_id = f.Int(1);
  p.metro_id = f.Int(2);
  p.company = f.View(3, &company_scratch_);
  p.seniority = static_cast<int>(f.Int(4));
  p.remote = f.Int(5) != 0;
  p.currency = f.View(6, &currency_scratch_);
  // (min + max) in cents / 200 is the exact midpoint, correctly rounded,
  // as PostgreSQL's ((min + max) / 2)::float8 is.
  p.pay = static_cast<double>(f.Int(7)) / 200.0;
  p.posted_at = f.Int(8);
  const int64_t expires = f.Int(9);
  p.expires_at = expires < 0 ? engine::kNoExpiry : expires;
  b_->AddPosting(f.Int(0), p);
}

void RecordLines::Report(const CopyLine& f) {
  engine::SnapshotBuilder::Report r;
  r.role_id = f.Int(1);
  r.metro_id = f.Int(2);
  r.company = f.View(3, &company_scratch_);
  r.seniority = static_cast<int>(f.Int(4));
  r.remote = f.Int(5) != 0;
  r.currency = f.View(6, &currency_scratch_);
  r.base = static_cast<double>(f.Int(7)) / 100.0;
  r.bonus = static_cast<double>(f.Int(8)) / 100.0;
  r.equity = static_cast<double>(f.Int(9)) / 100.0;
  r.reported_at = f.Int(10);
  b_->AddReport(f.Int(0), r);
}

}  // namespace compdata::db
