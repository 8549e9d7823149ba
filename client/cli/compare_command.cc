#include "client/cli/compare_command.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/cli/format.h"
#include "client/cli/import_official_command.h"

namespace compdata::cli {
namespace {

template <typename List, typename Name>
std::string Join(const List& list, Name name, size_t max = 8) {
  std::vector<std::string> parts;
  for (const auto& item : list) {
    if (parts.size() == max) break;
    parts.push_back(name(item));
  }
  return parts.empty() ? "-" : absl::StrJoin(parts, ", ");
}

}  // namespace

std::string RenderSkillOverlap(const v1::SkillOverlap& o) {
  std::string out = absl::StrCat(
      "Skills: ", o.overlap_count(), " of the top ", o.top_n(), " shared (",
      Percent(o.overlap_share()), ", Jaccard ",
      absl::StrFormat("%.2f", o.jaccard_index()), "): ",
      Join(
          o.shared_skills(),
          [](const v1::SkillRef& s) { return s.display_name(); }, 50),
      "\n  switching: ",
      v1::SwitchingFeasibility_Name(o.feasibility()).substr(22), "\n");
  for (const auto& rs : o.role_skills()) {
    absl::StrAppend(
        &out, "  only ", rs.role().title(), ": ",
        Join(
            rs.unique_skills(),
            [](const v1::SkillRef& s) { return s.display_name(); }, 50),
        "\n");
  }
  return out;
}

std::string RenderSkillOverlapAnswer(const v1::GetSkillOverlapResponse& r) {
  std::string out;
  for (const auto& rs : r.overlap().role_skills()) {
    absl::StrAppend(&out, rs.role().title(),
                    " top skills (n=", Count(rs.quality().sample_size()),
                    " open postings)\n");
    for (const auto& s : rs.top_skills()) {
      absl::StrAppend(&out,
                      absl::StrFormat("  %-32s %s\n", s.skill().display_name(),
                                      Percent(s.posting_share())));
    }
  }
  absl::StrAppend(&out, "\n", RenderSkillOverlap(r.overlap()), "(data version ",
                  r.metadata().data_version(), ")\n");
  return out;
}

namespace {

// One table row: `label`, then `cell` of each compared role.
template <typename Cell>
void AddRow(const v1::CompareRolesResponse& r, const std::string& label,
            Cell cell, Table* t) {
  std::vector<std::string> cells = {label};
  for (const auto& role : r.roles()) cells.push_back(cell(role));
  t->Row(cells);
}

void AddDemandAndPayRows(const v1::CompareRolesResponse& r, Table* t) {
  AddRow(
      r, "Open positions",
      [](const v1::RoleComparison& c) { return Count(c.open_positions()); }, t);
  AddRow(
      r, "Share of tracked",
      [&](const v1::RoleComparison& c) {
        return absl::StrCat(Percent(c.open_positions_share()), " of ",
                            Count(r.total_tracked_postings()));
      },
      t);
  AddRow(
      r, "Median pay",
      [](const v1::RoleComparison& c) {
        return Money(c.pay().median(), c.pay().has_median());
      },
      t);
  AddRow(
      r, "Average range (p25-p75)",
      [](const v1::RoleComparison& c) {
        if (!c.pay().has_average_range()) return std::string("-");
        return absl::StrCat(Money(c.pay().average_range().low()), " - ",
                            Money(c.pay().average_range().high()));
      },
      t);
  AddRow(
      r, "75th percentile",
      [](const v1::RoleComparison& c) {
        return Money(c.pay().p75(), c.pay().has_p75());
      },
      t);
  AddRow(
      r, "Mean pay",
      [](const v1::RoleComparison& c) {
        return Money(c.pay().mean(), c.pay().has_mean());
      },
      t);
  AddRow(
      r, "Pay sample",
      [](const v1::RoleComparison& c) {
        return QualityNote(c.pay().quality());
      },
      t);
}

// A row per level that has a median for at least one role.
void AddLevelRows(const v1::CompareRolesResponse& r, Table* t) {
  for (int level = 1; level <= 5; ++level) {
    bool any = false;
    for (const auto& c : r.roles()) {
      for (const auto& lp : c.pay_by_level()) {
        any |= lp.seniority_level() == level && lp.has_median();
      }
    }
    if (!any) continue;
    AddRow(
        r, absl::StrCat("  ", Level(level), " median"),
        [&](const v1::RoleComparison& c) {
          for (const auto& lp : c.pay_by_level()) {
            if (lp.seniority_level() == level) {
              return absl::StrCat(Money(lp.median(), lp.has_median()), " (",
                                  QualityNote(lp.quality()), ")");
            }
          }
          return std::string("-");
        },
        t);
  }
}

// Most senior level first, as the pages list it.
std::string ExperienceMix(const v1::RoleComparison& c) {
  std::vector<std::string> parts;
  for (auto it = c.experience_mix().rbegin(); it != c.experience_mix().rend();
       ++it) {
    if (it->posting_count() > 0) {
      parts.push_back(absl::StrCat(Level(it->seniority_level()), " ",
                                   Percent(it->posting_share())));
    }
  }
  return parts.empty() ? std::string("-") : absl::StrJoin(parts, ", ");
}

void AddMixRows(const v1::CompareRolesResponse& r, Table* t) {
  AddRow(
      r, "Remote",
      [](const v1::RoleComparison& c) { return Percent(c.remote_share()); }, t);
  AddRow(r, "Experience mix", ExperienceMix, t);
  AddRow(
      r, "Top skill",
      [](const v1::RoleComparison& c) {
        return c.top_skills().empty() ? std::string("-")
                                      : c.top_skills(0).skill().display_name();
      },
      t);
}

std::string RenderTopLists(const v1::RoleComparison& c) {
  return absl::StrCat(
      c.role().title(), "\n  top skills: ",
      Join(c.top_skills(),
           [](const v1::SkillShare& s) {
             return absl::StrCat(s.skill().display_name(), " ",
                                 Percent(s.posting_share()));
           }),
      "\n  top companies: ",
      Join(
          c.top_companies(),
          [](const v1::CompanyShare& s) {
            return absl::StrCat(s.company(), " (", Count(s.posting_count()),
                                ")");
          },
          5),
      "\n  top metros: ",
      Join(
          c.top_metros(), [](const v1::MetroShare& s) { return s.metro(); }, 5),
      "\n");
}

std::string RenderVerdicts(const v1::CompareRolesResponse& r) {
  std::string out = "\nVerdicts\n";
  for (const auto& v : r.verdicts()) {
    absl::StrAppend(&out, "  - ", v.sentence());
    if (v.leading_sample_size() > 0 || v.other_sample_size() > 0) {
      absl::StrAppend(&out, " [n=", Count(v.leading_sample_size()), " vs ",
                      Count(v.other_sample_size()), "]");
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

}  // namespace

std::string RenderComparison(const v1::CompareRolesResponse& r) {
  std::vector<std::string> titles;
  for (const auto& role : r.roles()) titles.push_back(role.role().title());
  std::string out = absl::StrCat(absl::StrJoin(titles, " vs "), "\n");
  absl::StrAppend(&out, "data version ", r.metadata().data_version(),
                  ", privacy floor ", r.metadata().privacy_floor(), "\n\n");
  Table t;
  std::vector<std::string> header = {""};
  for (const auto& title : titles) header.push_back(title);
  t.Row(header);
  AddDemandAndPayRows(r, &t);
  AddLevelRows(r, &t);
  AddMixRows(r, &t);
  absl::StrAppend(&out, t.Render(), "\n");
  for (const auto& c : r.roles()) absl::StrAppend(&out, RenderTopLists(c));
  bool official = false;
  for (const auto& c : r.roles()) official |= !c.official_statistics().empty();
  if (official) {
    absl::StrAppend(&out,
                    "\nOfficial statistics (as published; not blended into "
                    "the figures above)\n");
    for (const auto& c : r.roles()) {
      if (c.official_statistics().empty()) continue;
      absl::StrAppend(
          &out, "  ", c.role().title(), "\n",
          RenderOfficialStatistics(c.official_statistics(), "    "));
    }
  }
  for (const auto& o : r.skill_overlaps()) {
    absl::StrAppend(&out, "\n", RenderSkillOverlap(o));
  }
  absl::StrAppend(&out, RenderVerdicts(r));
  return out;
}

}  // namespace compdata::cli
