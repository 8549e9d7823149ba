// GetCareerPath against GetSalaryDistribution on the same data version:
// each rung's median is the role's median at the rung's seniority under the
// filter, pay changes are differences of those medians, and transitions
// carry both roles' medians.

#include <gtest/gtest.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "tests/query/consistency_fixture.h"

namespace compdata::testing::query {
namespace {

TEST_F(ConsistencyTest, CareerPathEqualsDistributionByLevel) {
  SqlOracle sql(db_.url());
  for (const Filter& filter : Filters(202, 3, /*no_levels=*/true)) {
    const v1::SalaryFilter proto = filter.ToProto();
    SCOPED_TRACE(filter.DebugString());
    for (const std::string& role : OracleRoles()) {
      SCOPED_TRACE(role);
      v1::GetCareerPathRequest request;
      request.set_role(role);
      *request.mutable_filter() = proto;
      auto career = reader_->Career(request);
      ASSERT_TRUE(IsOk(career));
      EXPECT_EQ(career->metadata().data_version(), version_);
      EXPECT_EQ(career->role().slug(), role);
      // The ladder is the seed's, ascending.
      pqxx::result rungs = sql.Query(
          "SELECT l.level, l.title, coalesce(s.ordinal, 0) FROM role_levels l "
          "JOIN roles r ON r.id = l.role_id LEFT JOIN seniority_levels s ON "
          "s.code = l.seniority WHERE r.slug = '" +
          role + "' ORDER BY l.level");
      ASSERT_EQ(career->levels_size(), static_cast<int>(rungs.size()));
      for (int i = 0; i < career->levels_size(); ++i) {
        const v1::CareerLevel& cl = career->levels(i);
        SCOPED_TRACE(cl.level().title());
        EXPECT_EQ(cl.level().level(), rungs[i][0].as<int>());
        EXPECT_EQ(cl.level().title(), rungs[i][1].as<std::string>());
        EXPECT_EQ(cl.level().role(), role);
        EXPECT_EQ(cl.level().seniority(), rungs[i][2].as<int>());
        const v1::SeniorityLevel level = cl.level().seniority();
        if (level == v1::SENIORITY_LEVEL_UNSPECIFIED) {
          EXPECT_FALSE(cl.has_median());
        } else {
          auto at = AtLevel(role, proto, level);
          ASSERT_TRUE(at.has_value());
          EXPECT_TRUE(SameQuality(cl.quality(), at->quality()));
          EXPECT_TRUE(SamePercentile(cl.has_median(), cl.median(),
                                     at->distribution(), 0));
        }
        const bool change =
            i > 0 && cl.has_median() && career->levels(i - 1).has_median();
        EXPECT_EQ(cl.has_pay_change(), change);
        if (change && cl.has_pay_change()) {
          const auto& previous = career->levels(i - 1).median();
          EXPECT_TRUE(
              MoneyDifferenceIs(cl.pay_change(), cl.median(), previous));
          ExpectChangeFraction(cl.has_pay_change_fraction(),
                               cl.pay_change_fraction(), true, cl.pay_change(),
                               previous);
        } else {
          EXPECT_FALSE(cl.has_pay_change_fraction());
        }
      }
      // Transitions: the seed's, by descending weight, each with the two
      // roles' medians under the filter.
      for (bool outgoing : {true, false}) {
        const auto& moves = outgoing ? career->outgoing_transitions()
                                     : career->incoming_transitions();
        std::set<std::string> expected;
        for (const pqxx::row& row : sql.Query(absl::StrCat(
                 "SELECT f.slug || '->' || t.slug || ' ' || x.kind || ' ' || "
                 "x.weight FROM role_transitions x JOIN roles f ON f.id = "
                 "x.from_role_id JOIN roles t ON t.id = x.to_role_id WHERE ",
                 outgoing ? "f" : "t", ".slug = '", role, "'"))) {
          expected.insert(row[0].as<std::string>());
        }
        ASSERT_LE(expected.size(), 10u);  // max_transitions defaults to 10
        std::set<std::string> got;
        for (const auto& t : moves) {
          const char* kinds[] = {"", "advancement", "lateral", "switch"};
          got.insert(absl::StrCat(t.from_role().slug(), "->",
                                  t.to_role().slug(), " ", kinds[t.kind()], " ",
                                  t.weight()));
        }
        EXPECT_EQ(got, expected);
        for (int i = 0; i < moves.size(); ++i) {
          const v1::CareerTransition& t = moves[i];
          SCOPED_TRACE(t.from_role().slug() + " -> " + t.to_role().slug());
          EXPECT_EQ(outgoing ? t.from_role().slug() : t.to_role().slug(), role);
          if (i > 0) {
            EXPECT_LE(t.weight(), moves[i - 1].weight());
          }
          auto from = Distribution(t.from_role().slug(), proto, {50});
          auto to = Distribution(t.to_role().slug(), proto, {50});
          ASSERT_TRUE(from.has_value() && to.has_value());
          EXPECT_TRUE(SameQuality(t.from_quality(), from->quality()));
          EXPECT_TRUE(SameQuality(t.to_quality(), to->quality()));
          EXPECT_TRUE(SamePercentile(t.has_from_median(), t.from_median(),
                                     from->distribution(), 0));
          EXPECT_TRUE(SamePercentile(t.has_to_median(), t.to_median(),
                                     to->distribution(), 0));
          const bool change = t.has_from_median() && t.has_to_median();
          EXPECT_EQ(t.has_pay_change(), change);
          if (change && t.has_pay_change()) {
            EXPECT_TRUE(MoneyDifferenceIs(t.pay_change(), t.to_median(),
                                          t.from_median()));
            ExpectChangeFraction(t.has_pay_change_fraction(),
                                 t.pay_change_fraction(), true, t.pay_change(),
                                 t.from_median());
          } else {
            EXPECT_FALSE(t.has_pay_change_fraction());
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace compdata::testing::query
