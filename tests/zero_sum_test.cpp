#include <impasse/io/nfg.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/support_enumeration.hpp>
#include <impasse/strategic/zero_sum.hpp>

#include "corpus.hpp"
#include "expect_near.hpp"
#include "test_games.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>

namespace impasse {
namespace {

template <class Scalar>
class ZeroSumTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(ZeroSumTest, Scalars);

using test::expect_near;

/// The result is an equilibrium (independent regret check), and both
/// strategies guarantee the value: player 1's gets at least v against
/// every column, player 2's concedes at most v against every row.
template <class Scalar>
void expect_optimal(const strategic_game<Scalar>& game, const zero_sum_lp_result<Scalar>& r) {
  ASSERT_EQ(r.status, run_status::complete);
  validate_profile(game, r.equilibria[0]);
  const Scalar tolerance = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-9);
  EXPECT_LE(max_regret(game, r.equilibria[0]), tolerance);
  const auto a = game.payoff_matrix(0);
  for (Eigen::Index j = 0; j < a.cols(); ++j) {
    Scalar guaranteed(0);
    for (Eigen::Index i = 0; i < a.rows(); ++i) guaranteed += r.equilibria[0](0, static_cast<std::size_t>(i)) * a(i, j);
    EXPECT_GE(guaranteed, r.value - tolerance);
  }
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    Scalar conceded(0);
    for (Eigen::Index j = 0; j < a.cols(); ++j) conceded += r.equilibria[0](1, static_cast<std::size_t>(j)) * a(i, j);
    EXPECT_LE(conceded, r.value + tolerance);
  }
  expect_near<Scalar>(expected_payoff(game, r.equilibria[0], 0), r.value);
  expect_near<Scalar>(expected_payoff(game, r.equilibria[0], 1), r.constant - r.value);
}

TYPED_TEST(ZeroSumTest, MatchingPenniesIsWorthNothing) {
  using S = TypeParam;
  const auto game = test::matching_pennies<S>();
  const auto r = zero_sum_lp(game);
  expect_optimal(game, r);
  expect_near<S>(r.value, S(0));
  EXPECT_EQ(r.constant, S(0));
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t s = 0; s < 2; ++s) expect_near<S>(r.equilibria[0](i, s), S(1) / S(2));
}

TYPED_TEST(ZeroSumTest, RockPaperScissorsMixesUniformly) {
  using S = TypeParam;
  const auto game = test::bimatrix<S>({{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}, {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}});
  const auto r = zero_sum_lp(game);
  expect_optimal(game, r);
  expect_near<S>(r.value, S(0));
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t s = 0; s < 3; ++s) expect_near<S>(r.equilibria[0](i, s), S(1) / S(3));
}

TYPED_TEST(ZeroSumTest, TwoByTwoWithoutSaddlePointHasTheClosedFormValue) {
  using S = TypeParam;
  // A = [[a, b], [c, d]] = [[3, -1], [-2, 2]] has no saddle point, so
  // v = (ad - bc) / (a + d - b - c) = (6 - 2) / 8 = 1/2, player 1 plays
  // row 1 with (d - c) / 8 = 1/2, player 2 column 1 with (d - b) / 8 = 3/8.
  const auto game = test::bimatrix<S>({{3, -1}, {-2, 2}}, {{-3, 1}, {2, -2}});
  const auto r = zero_sum_lp(game);
  expect_optimal(game, r);
  expect_near<S>(r.value, S(1) / S(2));
  expect_near<S>(r.equilibria[0](0, 0), S(1) / S(2));
  expect_near<S>(r.equilibria[0](1, 0), S(3) / S(8));
  expect_near<S>(r.equilibria[0](1, 1), S(5) / S(8));
}

TYPED_TEST(ZeroSumTest, SaddlePointGivesPureStrategies) {
  using S = TypeParam;
  // Row 2 / column 1 is a saddle point: 4 is the smallest in its row and
  // the largest in its column.
  const auto game = test::bimatrix<S>({{1, 7, 2}, {4, 5, 6}, {3, 8, 0}}, {{-1, -7, -2}, {-4, -5, -6}, {-3, -8, 0}});
  const auto r = zero_sum_lp(game);
  expect_optimal(game, r);
  expect_near<S>(r.value, S(4));
  expect_near<S>(r.equilibria[0](0, 1), S(1));
  expect_near<S>(r.equilibria[0](1, 0), S(1));
}

TYPED_TEST(ZeroSumTest, ConstantSumGamesGiveTheRestToPlayerTwo) {
  using S = TypeParam;
  // Matching pennies played for a prize of 10 split 7:3 or 3:7.
  const auto game = test::bimatrix<S>({{7, 3}, {3, 7}}, {{3, 7}, {7, 3}});
  const auto r = zero_sum_lp(game);
  expect_optimal(game, r);
  EXPECT_EQ(r.constant, S(10));
  expect_near<S>(r.value, S(5));
}

// Two-finger Morra: each shows one or two fingers and guesses the other's
// count; a right guess alone wins the total shown. Strategies (show, guess):
// (1,1), (1,2), (2,1), (2,2). The game is symmetric, so its value is 0
// (optimal strategies are not unique).
TYPED_TEST(ZeroSumTest, MorraIsFairAndEverySolutionIsOptimal) {
  using S = TypeParam;
  const auto game = test::bimatrix<S>({{0, 2, -3, 0}, {-2, 0, 0, 3}, {3, 0, 0, -4}, {0, -3, 4, 0}},
                                      {{0, -2, 3, 0}, {2, 0, 0, -3}, {-3, 0, 0, 4}, {0, 3, -4, 0}});
  const auto r = zero_sum_lp(game);
  expect_optimal(game, r);
  expect_near<S>(r.value, S(0));
}

TYPED_TEST(ZeroSumTest, RandomGamesAgreeWithSupportEnumeration) {
  using S = TypeParam;
  // Every equilibrium of a zero-sum game pays player 1 the value.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto game = random_game<S>({static_cast<std::size_t>(2 + seed % 5), static_cast<std::size_t>(2 + seed % 4)},
                               {.seed = seed, .low = -20, .high = 20});
    for (std::size_t p = 0; p < game.num_profiles(); ++p) game.set_payoff(1, p, -game.payoff(0, p));
    const auto r = zero_sum_lp(game);
    expect_optimal(game, r);
    if constexpr (is_exact_v<S>) {
      // The exact simplex method alone (the fallback) agrees with the
      // double-then-exact path.
      zero_sum_lp_result<S> by_simplex;
      by_simplex.equilibria.emplace_back(game.strategy_counts());
      ASSERT_EQ(detail::zero_sum_by_simplex(game, zero_sum_lp_options<S>{}, by_simplex), detail::lp_status::optimal);
      EXPECT_EQ(by_simplex.value, r.value);
      EXPECT_EQ(max_regret(game, by_simplex.equilibria[0]), S(0));
    }
    const auto all = support_enumeration(convert<rational>(game));
    ASSERT_FALSE(all.equilibria.empty());
    for (const auto& e : all.equilibria)
      expect_near<S>(scalar_cast<S>(expected_payoff(convert<rational>(game), e, 0)), r.value);
  }
}

TYPED_TEST(ZeroSumTest, OtherGamesAreRefusedWithTheProfileThatBreaksTheSum) {
  using S = TypeParam;
  try {
    (void)zero_sum_lp(test::prisoners_dilemma<S>());
    FAIL() << "the prisoner's dilemma is not constant-sum";
  } catch (const invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("constant-sum"), std::string::npos) << what;
    EXPECT_NE(what.find("add up to 6 at profile (1, 1)"), std::string::npos) << what;
    EXPECT_NE(what.find("but to 5 at profile (2, 1)"), std::string::npos) << what;
  }
  EXPECT_THROW((void)zero_sum_lp(strategic_game<S>({2, 2, 2})), invalid_argument);
}

// The constant-sum games of the Gambit corpus: the value is what player 1
// gets at every equilibrium Gambit's enummixed lists; the games that are
// not constant-sum are refused.
TEST(ZeroSum, CorpusConstantSumGamesHaveTheValueOfEveryEquilibrium) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  std::size_t solved = 0, refused = 0;
  for (const auto& path : test::corpus_games(".nfg")) {
    const auto game = read_nfg_file(path);
    if (game.num_players() != 2) continue;
    SCOPED_TRACE(path.filename().string());
    bool constant = true;
    for (std::size_t p = 0; p < game.num_profiles(); ++p)
      constant = constant && game.payoff(0, p) + game.payoff(1, p) == game.payoff(0, 0) + game.payoff(1, 0);
    if (!constant) {
      EXPECT_THROW((void)zero_sum_lp(game), invalid_argument);
      ++refused;
      continue;
    }
    const auto r = zero_sum_lp(game);
    expect_optimal(game, r);
    const auto as_double = zero_sum_lp(convert<double>(game));
    expect_optimal(convert<double>(game), as_double);
    EXPECT_NEAR(as_double.value, r.value.convert_to<double>(), 1e-9);
    bool found = false;
    const auto expected = test::expected_lines(path, "enummixed", found);
    ASSERT_TRUE(found);
    for (const auto& line : expected) {
      mixed_profile<rational> e(game.strategy_counts());
      std::istringstream in(line.substr(3));
      std::string value;
      for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
          std::getline(in, value, ',');
          e(i, s) = parse_rational(value);
        }
      EXPECT_EQ(expected_payoff(game, e, 0), r.value) << line;
    }
    ++solved;
  }
  EXPECT_GE(solved, 5u);
  EXPECT_GT(refused, 20u);
}

TEST(ZeroSumDegenerate, TiedGamesInDoubleHaveTheExactValue) {
  // Payoffs 0..2 with every row and column repeated `copies` times: ties
  // everywhere, so a highly degenerate program; the double simplex must
  // still find optimal strategies worth the exact value.
  struct shape {
    Eigen::Index rows, columns, copies;
  };
  std::mt19937_64 rng(3);
  for (const auto [rows, columns, copies] : {shape{30, 30, 1}, shape{40, 33, 1}, shape{10, 10, 3}, shape{16, 12, 4}})
    for (int round = 0; round < 3; ++round) {
      SCOPED_TRACE(std::to_string(rows) + "x" + std::to_string(columns) + " x" + std::to_string(copies) + " round " +
                   std::to_string(round));
      matrix<rational> base(rows, columns);
      for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < columns; ++j)
          base(i, j) = rational(static_cast<long>(detail::uniform_integer(rng, 0, 2)));
      matrix<rational> a(rows * copies, columns * copies);
      for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j) a(i, j) = base(i % rows, j % columns);
      const auto game = detail::bimatrix_game<double>(a, matrix<rational>(-a), "tied");
      const auto exact_game = detail::bimatrix_game<rational>(a, matrix<rational>(-a), "tied");
      const auto r = zero_sum_lp(game);
      const auto exact = zero_sum_lp(exact_game);
      expect_optimal(game, r);
      expect_optimal(exact_game, exact);
      EXPECT_NEAR(r.value, scalar_cast<double>(exact.value), 1e-9);
    }
}

}  // namespace
}  // namespace impasse
