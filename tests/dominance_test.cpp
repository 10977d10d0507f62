#include <impasse/solvers/dominance.hpp>
#include <impasse/solvers/pure_equilibria.hpp>
#include <impasse/generators.hpp>

#include "test_games.hpp"

#include <gtest/gtest.h>

namespace impasse {
namespace {

template <class Scalar>
class DominanceTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(DominanceTest, Scalars);

TYPED_TEST(DominanceTest, PrisonersDilemmaSolvesByDominance) {
  using S = TypeParam;
  const auto result = iterated_strict_dominance(test::prisoners_dilemma<S>());
  EXPECT_EQ(result.game.strategy_counts(), (std::vector<std::size_t>{1, 1}));
  EXPECT_EQ(result.original_strategies, (std::vector<std::vector<std::size_t>>{{1}, {1}}));
  EXPECT_EQ(result.rounds, 1u);
}

TYPED_TEST(DominanceTest, IteratesUntilNothingIsDominated) {
  using S = TypeParam;
  // Textbook chain (Gibbons, Fig. 1.1.1): Right is dominated by Middle for
  // the column player; then Down is dominated by Up; then Left by Middle.
  const auto game = test::bimatrix<S>({{1, 1, 0}, {0, 0, 2}}, {{0, 2, 1}, {3, 1, 0}});
  const auto result = iterated_strict_dominance(game);
  EXPECT_EQ(result.original_strategies, (std::vector<std::vector<std::size_t>>{{0}, {1}}));
  EXPECT_EQ(result.rounds, 3u);
  EXPECT_EQ(result.game.payoff(0, 0), S(1));
  EXPECT_EQ(result.game.payoff(1, 0), S(2));
  EXPECT_EQ(result.game.strategy_label(1, 0), "2");
}

TYPED_TEST(DominanceTest, WeakDominanceIsNotStrict) {
  using S = TypeParam;
  // Down is only weakly dominated by Up: it stays.
  const auto game = test::bimatrix<S>({{1, 1}, {1, 0}}, {{0, 0}, {0, 0}});
  const auto result = iterated_strict_dominance(game);
  EXPECT_EQ(result.game.strategy_counts(), (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(result.rounds, 0u);
}

TYPED_TEST(DominanceTest, KeepsEveryPureEquilibrium) {
  using S = TypeParam;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const auto game = random_game<S>({4, 3, 3}, {.seed = seed, .low = 0, .high = 9});
    const auto reduced = iterated_strict_dominance(game);
    std::vector<pure_profile> mapped;
    for (const auto& e : pure_nash_equilibria(reduced.game).equilibria) {
      pure_profile original(e.size());
      for (std::size_t i = 0; i < e.size(); ++i) original[i] = reduced.original_strategies[i][e[i]];
      mapped.push_back(original);
    }
    std::sort(mapped.begin(), mapped.end());
    auto direct = pure_nash_equilibria(game).equilibria;
    std::sort(direct.begin(), direct.end());
    EXPECT_EQ(mapped, direct) << "seed " << seed;
  }
}

}  // namespace
}  // namespace impasse
