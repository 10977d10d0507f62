// Simplicial subdivision with restart: closed forms in both arithmetics,
// exact grid points in rationals, the 2x2x2 game's equilibria, every
// n-player corpus game within the bound, degenerate and hostile games,
// starts, limits and cancellation.
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/simplicial_subdivision.hpp>

#include "corpus.hpp"
#include "nplayer_games.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stop_token>
#include <string>
#include <vector>

namespace impasse {
namespace {

template <class Scalar>
class SimplicialSubdivisionTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(SimplicialSubdivisionTest, Scalars);

/// Every equilibrium returned is one within the bound, by the independent check.
template <scalar Scalar>
void expect_checked(const strategic_game<Scalar>& game, const simplicial_subdivision_result<Scalar>& result,
                    double bound = 1e-7) {
  ASSERT_EQ(result.relative_regrets.size(), result.equilibria.size());
  ASSERT_EQ(result.grid_denominators.size(), result.equilibria.size());
  for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
    EXPECT_LE(relative_regret(game, result.equilibria[e]), bound);
    EXPECT_EQ(relative_regret(game, result.equilibria[e]), result.relative_regrets[e]);
  }
  EXPECT_LE(result.error_bound, bound);
}

TYPED_TEST(SimplicialSubdivisionTest, jordan_pennies_unique_equilibrium_all_one_half) {
  using S = TypeParam;
  // Jordan's game with equal weights: every player mixes 1/2.
  const auto jordan = test::weighted_jordan<S>(1, 1, 1, 1, 1, 1);
  const auto result = simplicial_subdivision(jordan);
  ASSERT_EQ(result.status, run_status::complete) << result.reason;
  ASSERT_EQ(result.equilibria.size(), 1u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(result.equilibria[0](i, 0), S(1) / S(2));
  EXPECT_EQ(max_regret(jordan, result.equilibria[0]), S(0));
  // 1/2 is on the first grid (denominator 2): found exactly there.
  EXPECT_EQ(result.grid_denominators[0], 2u);
  EXPECT_EQ(result.exact, is_exact_v<S>);
  EXPECT_EQ(result.error_bound, 0.0);
  expect_checked(jordan, result);
  // Three players with an equilibrium off every grid of powers of 2 (1/4,
  // 1/3...): within the bound, near the closed form.
  const auto weighted = test::weighted_jordan<S>();
  const auto approximate = simplicial_subdivision(weighted);
  ASSERT_EQ(approximate.equilibria.size(), 1u) << approximate.reason;
  expect_checked(weighted, approximate);
  const auto closed = test::weighted_jordan_equilibrium<double>();
  for (std::size_t k = 0; k < closed.flat().size(); ++k)
    EXPECT_NEAR(scalar_cast<double>(approximate.equilibria[0].flat()[k]), closed.flat()[k], 1e-5);
  EXPECT_FALSE(approximate.exact);
  EXPECT_GT(approximate.error_bound, 0.0);
}

TYPED_TEST(SimplicialSubdivisionTest, cyclic_pennies_with_four_players) {
  using S = TypeParam;
  const auto game = test::cyclic_pennies<S>(4);
  const auto result = simplicial_subdivision(game);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  expect_checked(game, result);
  const auto closed = test::cyclic_pennies_equilibrium<double>(4);
  for (std::size_t k = 0; k < closed.flat().size(); ++k)
    EXPECT_NEAR(scalar_cast<double>(result.equilibria[0].flat()[k]), closed.flat()[k], 1e-5);
}

TYPED_TEST(SimplicialSubdivisionTest, bimatrix_closed_forms) {
  using S = TypeParam;
  // Matching pennies: (1/2, 1/2) for both, on the first grid, exactly.
  const auto pennies = strategic_game<S>::bimatrix({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  const auto result = simplicial_subdivision(pennies);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(result.equilibria[0](i, 0), S(1) / S(2));
  EXPECT_EQ(result.exact, is_exact_v<S>);
  // Battle of the sexes from its mixed equilibrium's neighbourhood: the
  // mixed equilibrium (3/5, 2/5), (2/5, 3/5) is a grid point of
  // denominator 5 and is found exactly.
  const auto sexes = strategic_game<S>::bimatrix({{3, 0}, {0, 2}}, {{2, 0}, {0, 3}});
  auto start = test::from_flat<S>({2, 2}, {S(3) / S(5), S(2) / S(5), S(2) / S(5), S(3) / S(5)});
  const auto mixed = simplicial_subdivision(sexes, {.start = start});
  ASSERT_EQ(mixed.equilibria.size(), 1u) << mixed.reason;
  EXPECT_EQ(mixed.equilibria[0], start);
  EXPECT_EQ(mixed.exact, is_exact_v<S>);
  // From the default start (both first strategies), the pure equilibrium there.
  const auto pure = simplicial_subdivision(sexes);
  ASSERT_EQ(pure.equilibria.size(), 1u);
  EXPECT_EQ(pure.equilibria[0](0, 0), S(1));
  EXPECT_EQ(pure.equilibria[0](1, 0), S(1));
}

TYPED_TEST(SimplicialSubdivisionTest, the_2x2x2_game_gives_one_of_its_nine_equilibria_from_every_start) {
  using S = TypeParam;
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  const auto path = test::corpus_dir() / "gambit" / "contrib-2x2x2.nfg";
  const auto game = convert<S>(read_nfg_file(path));
  bool found = false;
  const auto lines = test::expected_lines(path, "enumpoly", found);
  ASSERT_TRUE(found);
  ASSERT_EQ(lines.size(), 9u);
  const auto result = simplicial_subdivision(game, {.starts = 8, .seed = 7});
  ASSERT_EQ(result.status, run_status::complete) << result.reason;
  ASSERT_FALSE(result.equilibria.empty());
  expect_checked(game, result);
  for (const auto& e : result.equilibria) {
    bool listed = false;
    for (const auto& line : lines) {
      const auto numbers = test::numbers_of(line);
      bool near = true;
      for (std::size_t k = 0; k < numbers.size() && near; ++k)
        near = std::abs(scalar_cast<double>(e.flat()[k]) - numbers[k]) < 1e-5;
      listed = listed || near;
    }
    EXPECT_TRUE(listed) << "an equilibrium not among Gambit's nine";
  }
}

// Every corpus game with three or more players (those Gambit's enumpoly
// answered): the answer is an equilibrium within the bound. Gambit's
// expected answers hold no simpdiv file (README of the corpus), so the
// comparison is with the equilibria enumpoly listed: simpdiv's answer is
// near one of them where the list is complete.
TYPED_TEST(SimplicialSubdivisionTest, corpus_games_with_three_or_more_players) {
  using S = TypeParam;
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  std::size_t games = 0;
  for (const auto& path : test::corpus_games_with_enumpoly_answers()) {
    ++games;
    const auto game = convert<S>(read_nfg_file(path));
    const auto result = simplicial_subdivision(game);
    EXPECT_EQ(result.status, run_status::complete) << path << ": " << result.reason;
    ASSERT_EQ(result.equilibria.size(), 1u) << path << ": " << result.reason;
    expect_checked(game, result);
  }
  EXPECT_EQ(games, 14u);
}

// The pivoting is integer arithmetic in both scalars; on these games the
// double labels agree with the exact ones, so the two runs take the same
// path to the same grid point.
TEST(SimplicialSubdivision, corpus_double_and_rational_runs_take_the_same_path) {
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  for (const auto* name : {"contrib-5x4x3.nfg", "contrib-2x2x2x2x2.nfg", "contrib-g1.nfg"}) {
    const auto exact = read_nfg_file(test::corpus_dir() / "gambit" / name);
    const auto in_rationals = simplicial_subdivision(exact);
    const auto in_doubles = simplicial_subdivision(convert<double>(exact));
    ASSERT_EQ(in_rationals.equilibria.size(), 1u) << name;
    ASSERT_EQ(in_doubles.equilibria.size(), 1u) << name;
    EXPECT_EQ(in_rationals.pivots, in_doubles.pivots) << name;
    EXPECT_EQ(in_rationals.grid_denominators, in_doubles.grid_denominators) << name;
    EXPECT_EQ(convert<double>(in_rationals.equilibria[0]), in_doubles.equilibria[0]) << name;
  }
}

TYPED_TEST(SimplicialSubdivisionTest, progress_is_reported_in_pivots_after_each_path) {
  using S = TypeParam;
  std::size_t calls = 0, last = 0;
  const auto result = simplicial_subdivision(test::weighted_jordan<S>(), {.on_progress = [&](const progress& p) {
                                                                            ++calls;
                                                                            EXPECT_EQ(p.unit, "pivots");
                                                                            EXPECT_GE(p.done, last);
                                                                            last = p.done;
                                                                          }});
  EXPECT_EQ(calls, result.paths);
  EXPECT_EQ(last, result.pivots);
}

// A path on a fine grid can take millions of pivots: progress comes every
// 4,096 within it too, and a stop requested there ends the run at once.
TYPED_TEST(SimplicialSubdivisionTest, a_long_path_reports_progress_and_stops_inside) {
  using S = TypeParam;
  std::stop_source source;
  std::size_t stopped_at = 0;
  const auto result = simplicial_subdivision(random_game<S>({8, 8, 8}, {.seed = 1}),
                                             {.stop_token = source.get_token(), .on_progress = [&](const progress& p) {
                                                if (stopped_at == 0 && p.done % 4096 == 0) {
                                                  stopped_at = p.done;
                                                  source.request_stop();
                                                }
                                              }});
  EXPECT_EQ(stopped_at, 4096u);
  EXPECT_EQ(result.status, run_status::cancelled);
  EXPECT_EQ(result.pivots, 4096u);
}

TYPED_TEST(SimplicialSubdivisionTest, all_zero_payoffs_the_start_is_an_equilibrium) {
  using S = TypeParam;
  const strategic_game<S> game({3, 2, 2});
  const auto result = simplicial_subdivision(game);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  EXPECT_EQ(result.equilibria[0], mixed_profile<S>::pure(game.strategy_counts(), pure_profile{0, 0, 0}));
  EXPECT_EQ(result.exact, is_exact_v<S>);
}

TYPED_TEST(SimplicialSubdivisionTest, a_player_with_one_strategy) {
  using S = TypeParam;
  const auto game = test::jordan_with_dummy<S>();
  const auto result = simplicial_subdivision(game);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  expect_checked(game, result);
  EXPECT_EQ(result.equilibria[0](3, 0), S(1));
  // Every player with one strategy: the one profile.
  const strategic_game<S> trivial({1, 1});
  const auto one = simplicial_subdivision(trivial);
  ASSERT_EQ(one.equilibria.size(), 1u);
  EXPECT_EQ(one.exact, is_exact_v<S>);
}

TYPED_TEST(SimplicialSubdivisionTest, duplicated_strategies) {
  using S = TypeParam;
  const auto game = test::with_duplicate(test::weighted_jordan<S>(), 1, 0);
  const auto result = simplicial_subdivision(game);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  expect_checked(game, result);
  const auto closed = test::weighted_jordan_equilibrium<double>();
  EXPECT_NEAR(scalar_cast<double>(S(result.equilibria[0](1, 0) + result.equilibria[0](1, 2))), closed(1, 0), 1e-5);
}

TYPED_TEST(SimplicialSubdivisionTest, payoffs_of_1e12_give_the_same_path) {
  using S = TypeParam;
  const auto game = test::weighted_jordan<S>();
  const auto big = test::scaled(game, S(1e12));
  const auto small = simplicial_subdivision(game);
  const auto large = simplicial_subdivision(big);
  ASSERT_EQ(large.equilibria.size(), 1u) << large.reason;
  expect_checked(big, large);
  // The labels compare regrets, which scale with the payoffs: the same path.
  EXPECT_EQ(large.equilibria[0], small.equilibria[0]);
  EXPECT_EQ(large.pivots, small.pivots);
}

TYPED_TEST(SimplicialSubdivisionTest, random_starts_are_seeded) {
  using S = TypeParam;
  const auto game = test::weighted_jordan<S>();
  const auto first = simplicial_subdivision(game, {.starts = 3, .seed = 5, .random_start_denominator = 7});
  const auto again = simplicial_subdivision(game, {.starts = 3, .seed = 5, .random_start_denominator = 7});
  ASSERT_EQ(first.equilibria.size(), 1u) << first.reason;  // the unique equilibrium, once
  EXPECT_EQ(first.equilibria, again.equilibria);
  EXPECT_EQ(first.pivots, again.pivots);
  EXPECT_EQ(first.paths, again.paths);
  std::size_t calls = 0;
  (void)simplicial_subdivision(game, {.starts = 3, .on_equilibrium = [&](const mixed_profile<S>&) { ++calls; }});
  EXPECT_EQ(calls, 1u);
}

TYPED_TEST(SimplicialSubdivisionTest, a_start_off_the_grid_is_rounded_to_it) {
  using S = TypeParam;
  const auto game = test::weighted_jordan<S>();
  auto start = mixed_profile<S>::uniform(game.strategy_counts());
  start(0, 0) = S(1) / S(3) + S(1) / S(3000001);
  start(0, 1) = S(1) - start(0, 0);
  const auto result = simplicial_subdivision(game, {.start = start});
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  expect_checked(game, result);
}

TYPED_TEST(SimplicialSubdivisionTest, limits_are_statuses) {
  using S = TypeParam;
  const auto game = test::weighted_jordan<S>();
  const auto pivots = simplicial_subdivision(game, {.max_pivots = 5});
  EXPECT_EQ(pivots.status, run_status::limit_reached);
  EXPECT_TRUE(pivots.equilibria.empty());
  EXPECT_FALSE(pivots.reason.empty());
  EXPECT_LE(pivots.pivots, 5u);
  const auto grid = simplicial_subdivision(game, {.max_grid_denominator = 64});
  EXPECT_EQ(grid.status, run_status::limit_reached);
  EXPECT_TRUE(grid.equilibria.empty());
  // A bound the grid cannot reach before 2^53 in rationals: the regret of
  // a grid point is never exactly zero here, so max_regret 0 ends failed.
  if constexpr (is_exact_v<S>) {
    const auto zero = simplicial_subdivision(game, {.max_regret = 0, .max_pivots = 0});
    EXPECT_EQ(zero.status, run_status::failed);
    EXPECT_FALSE(zero.reason.empty());
  }
}

TYPED_TEST(SimplicialSubdivisionTest, cancelled_before_the_call) {
  using S = TypeParam;
  std::stop_source source;
  source.request_stop();
  const auto result = simplicial_subdivision(test::weighted_jordan<S>(), {.stop_token = source.get_token()});
  EXPECT_EQ(result.status, run_status::cancelled);
  EXPECT_TRUE(result.equilibria.empty());
  EXPECT_EQ(result.pivots, 0u);
}

TYPED_TEST(SimplicialSubdivisionTest, bad_options_throw) {
  using S = TypeParam;
  const auto game = test::weighted_jordan<S>();
  EXPECT_THROW((void)simplicial_subdivision(game, {.starts = 0}), invalid_argument);
  EXPECT_THROW((void)simplicial_subdivision(game, {.grid_refinement = 1}), invalid_argument);
  EXPECT_THROW((void)simplicial_subdivision(game, {.max_regret = -1}), invalid_argument);
  EXPECT_THROW((void)simplicial_subdivision(game, {.start = mixed_profile<S>({2, 2})}), invalid_profile);
}

}  // namespace
}  // namespace impasse
