#include <impasse/strategic/game.hpp>

#include "test_games.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace impasse {
namespace {

TEST(StrategicGame, ProfilesAreNumberedWithPlayerOneFastest) {
  strategic_game<double> game({2, 3, 4});
  EXPECT_EQ(game.num_profiles(), 24u);
  EXPECT_EQ(game.stride(0), 1u);
  EXPECT_EQ(game.stride(1), 2u);
  EXPECT_EQ(game.stride(2), 6u);
  const pure_profile p{1, 2, 3};
  EXPECT_EQ(game.profile_index(p), 1u + 2 * 2 + 3 * 6);
  EXPECT_EQ(game.profile_at(game.profile_index(p)), p);
  EXPECT_EQ(game.total_strategies(), 9u);
  EXPECT_EQ(game.player_label(2), "3");
  EXPECT_EQ(game.strategy_label(1, 2), "3");
}

TEST(StrategicGame, BimatrixIsColumnMajorLikeGambit) {
  const auto game = test::bimatrix<rational>({{1, 2, 3}, {4, 5, 6}}, {{7, 8, 9}, {10, 11, 12}});
  ASSERT_EQ(game.strategy_counts(), (std::vector<std::size_t>{2, 3}));
  // Row 1, column 0 is profile index 1.
  EXPECT_EQ(game.payoff(0, 1), rational(4));
  EXPECT_EQ(game.payoff(1, pure_profile{0, 2}), rational(9));
  EXPECT_EQ(game.payoff_matrix(0)(1, 2), rational(6));
  EXPECT_EQ(game.payoff_matrix(1)(0, 1), rational(8));
}

TEST(StrategicGame, RejectsImpossibleGames) {
  EXPECT_THROW(strategic_game<double>(std::vector<std::size_t>{}), invalid_game);
  EXPECT_THROW(strategic_game<double>({3, 0}), invalid_game);
  const std::size_t huge = std::numeric_limits<std::size_t>::max() / 2;
  EXPECT_THROW(strategic_game<double>({huge, huge, huge}), invalid_game);
  EXPECT_THROW(strategic_game<double>({1u << 20, 1u << 20}), invalid_game);
  matrix<double> a(2, 2), b(2, 3);
  a.setZero();
  b.setZero();
  EXPECT_THROW((void)strategic_game<double>::bimatrix(a, b), invalid_game);
}

TEST(StrategicGame, RejectsNonFinitePayoffs) {
  strategic_game<double> game({2, 2});
  EXPECT_THROW(game.set_payoff(0, 0, std::nan("")), invalid_game);
  EXPECT_THROW(game.set_payoff(1, 3, std::numeric_limits<double>::infinity()), invalid_game);
  matrix<double> a = matrix<double>::Zero(2, 2);
  a(1, 1) = std::nan("");
  EXPECT_THROW((void)strategic_game<double>::bimatrix(a, matrix<double>::Zero(2, 2)), invalid_game);
}

TEST(StrategicGame, RejectsProfilesThatDoNotFit) {
  strategic_game<double> game({2, 2});
  EXPECT_THROW((void)game.profile_index(pure_profile{0}), invalid_profile);
  EXPECT_THROW((void)game.profile_index(pure_profile{0, 2}), invalid_profile);
  EXPECT_THROW((void)game.payoff(2, 0), invalid_argument);
  EXPECT_THROW((void)game.payoff(0, 4), invalid_profile);
  strategic_game<double> three({2, 2, 2});
  EXPECT_THROW((void)three.payoff_matrix(0), invalid_argument);
}

TEST(StrategicGame, ConvertsBetweenScalarsKeepingLabels) {
  auto game = test::bimatrix<rational>({{1, 0}, {0, 1}}, {{1, 0}, {0, 1}});
  game.set_payoff(0, 0, rational(1, 4));
  game.set_title("coordination");
  game.set_strategy_label(1, 1, "right");
  const auto as_double = convert<double>(game);
  EXPECT_EQ(as_double.payoff(0, 0), 0.25);
  EXPECT_EQ(as_double.title(), "coordination");
  EXPECT_EQ(as_double.strategy_label(1, 1), "right");
  EXPECT_EQ(convert<rational>(as_double), game);
}

TEST(StrategicGame, RestrictKeepsChosenStrategies) {
  const auto game = test::bimatrix<rational>({{1, 2, 3}, {4, 5, 6}}, {{7, 8, 9}, {10, 11, 12}});
  const auto sub = restrict_strategies(game, {{1}, {2, 0}});
  ASSERT_EQ(sub.strategy_counts(), (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(sub.payoff(0, pure_profile{0, 0}), rational(6));
  EXPECT_EQ(sub.payoff(1, pure_profile{0, 1}), rational(10));
  EXPECT_EQ(sub.strategy_label(1, 0), "3");
  EXPECT_THROW((void)restrict_strategies(game, {{}, {0}}), invalid_argument);
  EXPECT_THROW((void)restrict_strategies(game, {{2}, {0}}), invalid_argument);
}

}  // namespace
}  // namespace impasse
