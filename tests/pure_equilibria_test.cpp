#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/regret.hpp>

#include "test_games.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace impasse {
namespace {

template <class Scalar>
class PureEquilibriaTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(PureEquilibriaTest, Scalars);

/// Every pure profile with zero regret, by the independent regret function.
template <class Scalar>
std::vector<pure_profile> zero_regret_profiles(const strategic_game<Scalar>& game) {
  std::vector<pure_profile> out;
  for (std::size_t p = 0; p < game.num_profiles(); ++p) {
    const auto profile = game.profile_at(p);
    if (max_regret(game, mixed_profile<Scalar>::pure(game.strategy_counts(), profile)) == Scalar(0))
      out.push_back(profile);
  }
  return out;
}

TYPED_TEST(PureEquilibriaTest, TextbookGames) {
  using S = TypeParam;
  EXPECT_EQ(pure_strategy_enumeration(test::prisoners_dilemma<S>()).equilibria, (std::vector<pure_profile>{{1, 1}}));
  EXPECT_TRUE(pure_strategy_enumeration(test::matching_pennies<S>()).equilibria.empty());
  EXPECT_EQ(pure_strategy_enumeration(test::battle_of_the_sexes<S>()).equilibria,
            (std::vector<pure_profile>{{0, 0}, {1, 1}}));
}

TYPED_TEST(PureEquilibriaTest, AllZeroGameHasEveryProfile) {
  using S = TypeParam;
  const strategic_game<S> game({2, 3, 2});
  const auto result = pure_strategy_enumeration(game);
  EXPECT_EQ(result.equilibria.size(), 12u);
  EXPECT_EQ(result.status, run_status::complete);
  EXPECT_EQ(result.comparisons, 3u * 12u);
}

TYPED_TEST(PureEquilibriaTest, OnePlayerGameIsMaximisation) {
  using S = TypeParam;
  strategic_game<S> game({4});
  game.set_payoff(0, 1, S(5));
  game.set_payoff(0, 3, S(5));
  game.set_payoff(0, 2, S(-1));
  EXPECT_EQ(pure_strategy_enumeration(game).equilibria, (std::vector<pure_profile>{{1}, {3}}));
}

TYPED_TEST(PureEquilibriaTest, AgreesWithRegretOnRandomGames) {
  using S = TypeParam;
  // Narrow payoff ranges make many ties, so degenerate games are common.
  const std::vector<std::vector<std::size_t>> shapes = {{2, 2}, {3, 4}, {5, 2}, {2, 2, 2}, {3, 2, 4}, {2, 3, 2, 2}};
  std::size_t total = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed)
    for (const auto& shape : shapes) {
      const auto game = random_game<S>(shape, {.seed = seed, .low = 0, .high = seed % 2 ? 3 : 50});
      const auto found = pure_strategy_enumeration(game).equilibria;
      EXPECT_EQ(found, zero_regret_profiles(game)) << "seed " << seed;
      total += found.size();
    }
  EXPECT_GT(total, 100u);  // the comparison above is not vacuous
}

TYPED_TEST(PureEquilibriaTest, LimitAndCallback) {
  using S = TypeParam;
  const strategic_game<S> game({3, 3});
  std::size_t seen = 0;
  const auto result = pure_strategy_enumeration(
      game, {.max_equilibria = 4, .on_equilibrium = [&](const pure_profile&) { ++seen; }});
  EXPECT_EQ(result.equilibria.size(), 4u);
  EXPECT_EQ(seen, 4u);
  EXPECT_EQ(result.status, run_status::limit_reached);
}

TEST(PureEquilibria, CancelledThroughStopToken) {
  const auto game = random_game<double>({300, 300, 3});
  std::stop_source stop;
  stop.request_stop();
  const auto result = pure_strategy_enumeration(game, {.stop_token = stop.get_token()});
  EXPECT_EQ(result.status, run_status::cancelled);
  EXPECT_TRUE(result.equilibria.empty());
}

TEST(PureEquilibria, ThreePlayerCoordinationGame) {
  // Everyone gets 1 when all three choose the same strategy. The 3 matching
  // profiles are equilibria, and so are the 6 where all three differ: no
  // single player can then create a match. Where exactly two match, the odd
  // one out gains by joining them.
  strategic_game<rational> game({3, 3, 3});
  for (std::size_t s = 0; s < 3; ++s)
    for (std::size_t i = 0; i < 3; ++i) game.set_payoff(i, pure_profile{s, s, s}, rational(1));
  const auto result = pure_strategy_enumeration(game);
  EXPECT_EQ(result.equilibria.size(), 9u);
  EXPECT_EQ(result.equilibria, zero_regret_profiles(game));
  EXPECT_EQ(std::count(result.equilibria.begin(), result.equilibria.end(), pure_profile{1, 1, 1}), 1);
  EXPECT_EQ(std::count(result.equilibria.begin(), result.equilibria.end(), pure_profile{2, 0, 1}), 1);
}

}  // namespace
}  // namespace impasse
