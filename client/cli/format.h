#ifndef COMPDATA_CLIENT_CLI_FORMAT_H_
#define COMPDATA_CLIENT_CLI_FORMAT_H_

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "compdata/v1/common.pb.h"
#include "google/type/money.pb.h"

namespace compdata::cli {

// "USD 235,000" (whole units), "-" when unset.
std::string Money(const google::type::Money& m, bool set = true);
// "91%" / "7.5%" for fractions.
std::string Percent(double fraction);
std::string Count(int64_t n);                   // "23,752"
std::string Level(int level);                   // "Entry", "Mid", ...
std::string QualityNote(const v1::Quality& q);  // "n=412, HIGH" / "withheld"

// Prints `message` to stdout as proto JSON with proto field names (--json).
void PrintJson(const google::protobuf::Message& message);

// A table printed with columns padded to their widest cell.
class Table {
 public:
  void Row(std::vector<std::string> cells) {
    rows_.push_back(std::move(cells));
  }
  std::string Render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_FORMAT_H_
