#include <impasse/strategic/regret.hpp>

#include "test_games.hpp"

#include <gtest/gtest.h>

namespace impasse {
namespace {

template <class Scalar>
class RegretTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(RegretTest, Scalars);

template <class Scalar>
mixed_profile<Scalar> two_player(std::initializer_list<Scalar> x, std::initializer_list<Scalar> y) {
  mixed_profile<Scalar> p({x.size(), y.size()});
  std::size_t s = 0;
  for (const auto& v : x) p(0, s++) = v;
  s = 0;
  for (const auto& v : y) p(1, s++) = v;
  return p;
}

TYPED_TEST(RegretTest, MatchingPenniesMixedEquilibriumHasZeroRegret) {
  using S = TypeParam;
  const auto game = test::matching_pennies<S>();
  const S half = S(1) / S(2);
  const auto p = two_player<S>({half, half}, {half, half});
  EXPECT_EQ(max_regret(game, p), S(0));
  EXPECT_TRUE(is_nash_equilibrium(game, p));
  EXPECT_EQ(expected_payoff(game, p, 0), S(0));
  EXPECT_EQ(best_responses(game, p, 0), (std::vector<std::size_t>{0, 1}));
}

TYPED_TEST(RegretTest, PureProfileRegretIsTheBestDeviationGain) {
  using S = TypeParam;
  const auto game = test::matching_pennies<S>();
  const auto p = mixed_profile<S>::pure(game.strategy_counts(), pure_profile{0, 0});
  // The row player wins 1; the column player loses 1 and gains 2 by switching.
  const auto r = regrets(game, p);
  EXPECT_EQ(r[0], S(0));
  EXPECT_EQ(r[1], S(2));
  EXPECT_FALSE(is_nash_equilibrium(game, p));
}

TYPED_TEST(RegretTest, BattleOfTheSexesMixedEquilibrium) {
  using S = TypeParam;
  const auto game = test::battle_of_the_sexes<S>();
  const S third = S(1) / S(3);
  const auto p = two_player<S>({S(2) * third, third}, {third, S(2) * third});
  EXPECT_EQ(max_regret(game, p), S(0));
  EXPECT_EQ(expected_payoff(game, p, 0), S(2) / S(3));
  // Off by a little, it is not an equilibrium: the regret is exactly positive.
  const auto q = two_player<S>({S(1) / S(2), S(1) / S(2)}, {third, S(2) * third});
  EXPECT_GT(max_regret(game, q), S(1) / S(10));
}

TYPED_TEST(RegretTest, ThreePlayerPayoffsSumOverProfiles) {
  using S = TypeParam;
  // Player 3 gets 1 exactly when all three match.
  strategic_game<S> game({2, 2, 2});
  game.set_payoff(2, pure_profile{0, 0, 0}, S(1));
  game.set_payoff(2, pure_profile{1, 1, 1}, S(1));
  auto p = mixed_profile<S>::uniform(game.strategy_counts());
  p(0, 0) = S(3) / S(4);
  p(0, 1) = S(1) / S(4);
  p(1, 0) = S(1);
  p(1, 1) = S(0);
  // Against (3/4, 1/4) and (1, 0), strategy 0 earns 3/4, strategy 1 earns 0.
  EXPECT_EQ(strategy_payoffs(game, p, 2), (std::vector<S>{S(3) / S(4), S(0)}));
  EXPECT_EQ(regrets(game, p)[2], S(3) / S(4) - S(3) / S(8));
}

TYPED_TEST(RegretTest, RejectsProfilesThatAreNotDistributions) {
  using S = TypeParam;
  const auto game = test::matching_pennies<S>();
  EXPECT_THROW((void)max_regret(game, two_player<S>({S(1), S(0)}, {S(1) / S(2), S(1) / S(4)})), invalid_profile);
  EXPECT_THROW((void)max_regret(game, two_player<S>({S(2), S(-1)}, {S(1), S(0)})), invalid_profile);
  EXPECT_THROW((void)max_regret(game, mixed_profile<S>({2, 2, 2})), invalid_profile);
  EXPECT_THROW((void)max_regret(game, mixed_profile<S>({2, 3})), invalid_profile);
  // The all-zero assignment would have zero "regret"; it must not pass.
  EXPECT_THROW((void)is_nash_equilibrium(game, mixed_profile<S>({2, 2})), invalid_profile);
}

TEST(RegretDouble, RejectsNaNProbabilities) {
  const auto game = test::matching_pennies<double>();
  auto p = mixed_profile<double>::uniform(game.strategy_counts());
  p(1, 0) = std::nan("");
  EXPECT_THROW((void)max_regret(game, p), invalid_profile);
}

}  // namespace
}  // namespace impasse
