// The `compdata load` command against a live server: seed files, a CSV with
// good, rejected and unparseable lines, and a resume with --skip.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/file_util.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata::testing {
namespace {

struct CliRun {
  int exit_code;
  std::string output;  // stdout and stderr
};

class LoadCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(db_.url());
    ASSERT_NE(server_, nullptr);
    dir_ = absl::StrCat("/tmp/compdata-load-", getpid(), "-", rand());
    std::system(("mkdir -p " + dir_).c_str());
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  CliRun Load(const std::string& args) {
    const std::string cmd =
        absl::StrCat(BuiltBinary("client/compdata"),
                     " --target=", server_->target(), " load ", args, " 2>&1");
    FILE* pipe = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    const int status = pclose(pipe);
    return CliRun{WEXITSTATUS(status), out};
  }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  TestDatabase db_;
  std::unique_ptr<ServerProcess> server_;
  std::string dir_;
};

TEST_F(LoadCliTest, LoadsSeedAndCsvReportingRejectsByLine) {
  for (const char* f : {"roles", "skills", "role_levels", "role_transitions"}) {
    CliRun run = Load(SourcePath(absl::StrCat("db/seed/", f, ".jsonl")));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("0 rejected by the server"), std::string::npos)
        << run.output;
  }
  const std::string csv = Write(
      "postings.csv",
      "source,source_id,role,title,company,metro,remote,seniority,pay_min,"
      "pay_max,currency,pay_period,posted_at,expires_at,skills\n"
      "gh,1,ai-engineer,\"Senior AI Engineer, Search\",Acme,SF,false,senior,"
      "180000,220000,USD,year,2025-11-03T14:05:00Z,,python;RAG\n"
      "gh,2,astronaut,x,Acme,,false,,1,2,USD,year,2025-11-03T14:05:00Z,,\n"
      "gh,3,ai-engineer,x,Acme,,true,mid,1,2,USD,year,last tuesday,,\n"
      "gh,4,software-engineer,x,Acme,Boise,false,mid,50,60,USD,hour,"
      "2025-11-03T14:05:00Z,,\n");
  const std::string rejects = dir_ + "/rejects.csv";
  CliRun run = Load(csv + " --rejects=" + rejects);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("4 records"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("2 accepted, 0 updated, 1 rejected by the server, "
                            "1 unparseable"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("line 3 (2): role: REJECT_REASON_UNKNOWN_ROLE"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("line 4: posted_at"), std::string::npos)
      << run.output;
  const std::string all = ReadFileToString(rejects).value_or("");
  EXPECT_NE(all.find("3,\"2\",\"role\",REJECT_REASON_UNKNOWN_ROLE"),
            std::string::npos)
      << all;
  // San Francisco by alias; Boise created; hourly pay annualised.
  EXPECT_EQ(db_.QueryValue("SELECT m.slug FROM job_postings j JOIN metros m ON "
                           "m.id = j.metro_id WHERE source_id = '1'"),
            "san-francisco");
  EXPECT_EQ(db_.QueryValue("SELECT m.slug || ' ' || j.annual_min FROM "
                           "job_postings j JOIN metros m ON m.id = j.metro_id "
                           "WHERE source_id = '4'"),
            "boise 104000.00");

  // Resuming past the first two records sends only the rest.
  run = Load(csv + " --skip=2");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("0 accepted, 1 updated, 0 rejected by the server, "
                            "1 unparseable"),
            std::string::npos)
      << run.output;
}

TEST_F(LoadCliTest, AnUnknownFileKindIsAUsageError) {
  CliRun run = Load(Write("stuff.txt", "hello\n"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("cannot tell what"), std::string::npos);
}

}  // namespace
}  // namespace compdata::testing
