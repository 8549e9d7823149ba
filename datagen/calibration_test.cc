// A 60k-postings / 30k-reports run reproduces every page figure within its
// tolerance (the same table `compdata-gen --check` prints).

#include <string>

#include "datagen/check.h"
#include "datagen/generate.h"
#include "datagen/test_util.h"
#include "gtest/gtest.h"

namespace compdata::datagen {
namespace {

TEST(DatagenCalibration, EveryCheckFigurePassesAt60kPostings30kReports) {
  GenerateOptions o;
  o.out_dir = testing_util::MakeDir("calibration");
  o.postings = 60000;
  o.reports = 30000;
  CheckAccumulator check(o.as_of);
  ASSERT_TRUE(GenerateFiles(o, &check).ok());
  const std::vector<Figure> figures = check.Figures();
  EXPECT_GT(figures.size(), 70u);
  for (const Figure& f : figures) {
    EXPECT_NE(f.verdict, Verdict::kFail)
        << f.name << ": target " << f.target << ", generated " << f.generated
        << ", tolerance " << f.tolerance;
  }
  EXPECT_TRUE(AllPass(figures)) << FormatTable(figures);
}

TEST(DatagenCalibration, DefaultScaleHasTheExactOpenCounts) {
  GenerateOptions o;
  o.out_dir = testing_util::MakeDir("calibration_default");
  CheckAccumulator check(o.as_of);
  ASSERT_TRUE(GenerateFiles(o, &check).ok());
  const std::vector<Figure> figures = check.Figures();
  int seen = 0;
  for (const Figure& f : figures) {
    if (f.name == "P2 open postings, all roles") {
      EXPECT_EQ(f.generated, "26159");
      ++seen;
    } else if (f.name == "P2 open postings ai-ml-engineer") {
      EXPECT_EQ(f.generated, "23752");
      ++seen;
    } else if (f.name == "P2 open postings ai-software-engineer") {
      EXPECT_EQ(f.generated, "598");
      ++seen;
    }
  }
  EXPECT_EQ(seen, 3);
  EXPECT_TRUE(AllPass(figures)) << FormatTable(figures);
}

}  // namespace
}  // namespace compdata::datagen
