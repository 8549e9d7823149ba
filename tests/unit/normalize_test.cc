#include "common/normalize.h"

#include <gtest/gtest.h>

namespace compdata {
namespace {

TEST(NormalizeKeyTest, FoldsCaseSpacesAndPunctuation) {
  EXPECT_EQ(NormalizeKey("Retrieval-Augmented  Generation"),
            "retrieval augmented generation");
  EXPECT_EQ(NormalizeKey("  AI/ML Engineer "), "ai ml engineer");
  EXPECT_EQ(NormalizeKey("RAG"), "rag");
  EXPECT_EQ(NormalizeKey("C++"), "c++");
  EXPECT_EQ(NormalizeKey("c#"), "c#");
  EXPECT_NE(NormalizeKey("C"), NormalizeKey("C++"));
  EXPECT_EQ(NormalizeKey("--"), "");
}

TEST(NormalizeKeyTest, KeepsNonAsciiBytes) {
  EXPECT_EQ(NormalizeKey("Zürich"), "zürich");
  EXPECT_NE(NormalizeKey("München"), NormalizeKey("Mnchen"));
}

}  // namespace
}  // namespace compdata
