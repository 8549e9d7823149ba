#include "core/ingest/reference_index.h"

#include <gtest/gtest.h>

namespace compdata::ingest {
namespace {

TEST(NameIndexTest, ResolvesSlugsTitlesAndAliasesLoosely) {
  NameIndex index;
  index.Add(1, "ai-ml-engineer");
  index.Add(1, "AI/ML Engineer");
  index.Add(2, "rag");
  index.Add(2, "Retrieval-Augmented Generation");
  EXPECT_EQ(index.Find("ai ml engineer"), 1);
  EXPECT_EQ(index.Find("  AI-ML  ENGINEER"), 1);
  EXPECT_EQ(index.Find("retrieval augmented generation"), 2);
  EXPECT_EQ(index.Find("RAG"), 2);
  EXPECT_FALSE(index.Find("astronaut").has_value());
}

TEST(NameIndexTest, TheFirstOwnerOfAKeyKeepsIt) {
  NameIndex index;
  index.Add(1, "ml");
  index.Add(2, "ML");
  EXPECT_EQ(index.Find("ml"), 1);
  EXPECT_EQ(index.OwnerOtherThan("ML", 2), 1);
  EXPECT_FALSE(index.OwnerOtherThan("ML", 1).has_value());
}

}  // namespace
}  // namespace compdata::ingest
