// Global Newton (Govindan-Wilson 2003) and iterated polymatrix
// approximation (Govindan-Wilson 2004): closed forms, hostile games, and
// the corpus, where every profile either returns must be an equilibrium
// (Gambit's gnm fails on all-zero payoffs, its #405; its ipa returns a
// non-equilibrium, #406).
#include <impasse/detail/multilinear_payoffs.hpp>
#include <impasse/detail/polymatrix_pivoting.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/global_newton.hpp>
#include <impasse/strategic/polymatrix_approximation.hpp>

#include "corpus.hpp"
#include "nplayer_games.hpp"

#include <gtest/gtest.h>

#include <tuple>

namespace impasse {
namespace {

void expect_profile_near(const mixed_profile<double>& actual, const mixed_profile<rational>& expected, double tolerance) {
  ASSERT_EQ(actual.strategy_counts(), expected.strategy_counts());
  for (std::size_t k = 0; k < actual.flat().size(); ++k)
    EXPECT_NEAR(actual.flat()[k], expected.flat()[k].convert_to<double>(), tolerance) << "probability " << k + 1;
}

template <class Result>
void expect_all_checked(const Result& result, const strategic_game<double>& game, double bound) {
  ASSERT_EQ(result.relative_regrets.size(), result.equilibria.size());
  for (const auto& e : result.equilibria) EXPECT_LE(relative_regret(game, e), bound);
  // A run that stopped short says why; global Newton may still return the
  // checked equilibria its branches crossed before they stopped.
  if (result.status != run_status::complete) {
    EXPECT_FALSE(result.reason.empty());
  }
}

// The payoff sums every n-player solver runs on, against their definition:
// for each pure profile, the product of the other players' probabilities
// times the payoff, summed; and each derivative as the same sum with one
// more probability left out. Exact in rationals, on games of one to four
// players with counts that make player 1's blocks of every length.
// The definition: every strategy's value at `sigma` and every derivative,
// summed over all pure profiles.
struct payoff_sums {
  std::vector<rational> values;
  std::vector<std::vector<rational>> jacobian;
};
payoff_sums sums_by_definition(const strategic_game<rational>& game, const detail::multilinear_payoffs<rational>& payoffs,
                               const std::vector<rational>& sigma) {
  const std::size_t total = payoffs.total_strategies(), n = game.num_players();
  payoff_sums out{std::vector<rational>(total, rational(0)),
                  std::vector<std::vector<rational>>(total, std::vector<rational>(total, rational(0)))};
  std::vector<std::size_t> s(n, 0);
  for (std::size_t p = 0; p < game.num_profiles(); ++p) {
    for (std::size_t i = 0; i < n; ++i) {
      rational others = 1;
      for (std::size_t k = 0; k < n; ++k)
        if (k != i) others *= sigma[payoffs.offset(k) + s[k]];
      out.values[payoffs.offset(i) + s[i]] += others * game.payoff(i, p);
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        rational without_j = 1;
        for (std::size_t k = 0; k < n; ++k)
          if (k != i && k != j) without_j *= sigma[payoffs.offset(k) + s[k]];
        out.jacobian[payoffs.offset(i) + s[i]][payoffs.offset(j) + s[j]] += without_j * game.payoff(i, p);
      }
    }
    for (std::size_t i = 0; i < n && ++s[i] == game.num_strategies(i); ++i) s[i] = 0;
  }
  return out;
}

TEST(multilinear_payoffs, strategy_values_and_jacobian_are_the_sums_over_profiles) {
  for (const auto& counts : std::vector<std::vector<std::size_t>>{
           {4}, {3, 2}, {1, 5}, {2, 3, 4}, {3, 1, 2}, {2, 2, 2, 3}, {4, 3, 1, 2}}) {
    SCOPED_TRACE(::testing::PrintToString(counts));
    const auto game = random_game<rational>(counts, {.seed = counts.size() * 7 + counts[0], .low = -20, .high = 20});
    const detail::multilinear_payoffs<rational> payoffs(game);
    const std::size_t total = payoffs.total_strategies(), n = counts.size();
    // A fully mixed profile with unequal probabilities, summing to one per player.
    std::vector<rational> sigma(total);
    for (std::size_t i = 0; i < n; ++i) {
      rational sum = 0;
      for (std::size_t s = 0; s < counts[i]; ++s) sum += rational(s + i + 1);
      for (std::size_t s = 0; s < counts[i]; ++s) sigma[payoffs.offset(i) + s] = rational(s + i + 1) / sum;
    }
    std::vector<rational> values(total);
    matrix<rational> jacobian(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(total));
    const auto [expected, expected_jacobian] = sums_by_definition(game, payoffs, sigma);
    payoffs.strategy_values(sigma.data(), values.data());
    EXPECT_EQ(values, expected);
    std::vector<rational> with_jacobian(total);
    payoffs.strategy_values_and_jacobian(sigma.data(), with_jacobian.data(), jacobian);
    EXPECT_EQ(with_jacobian, expected);
    for (std::size_t r = 0; r < total; ++r)
      for (std::size_t c = 0; c < total; ++c)
        EXPECT_EQ(jacobian(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)), expected_jacobian[r][c])
            << "row " << r << ", column " << c;
  }
}

// The sums restricted to a support (what the global Newton path evaluates
// on each chart): for a profile that is zero outside the support, every
// strategy's value (inside the support or not) and the derivatives between
// strategies of the support are the full sums exactly, and the Jacobian's
// other entries are left as they were. Supports of one strategy, of all,
// and a support strategy of probability zero (one that has just entered).
TEST(multilinear_payoffs, sums_on_a_support_are_the_full_sums_of_a_profile_zero_outside_it) {
  for (const auto& counts : std::vector<std::vector<std::size_t>>{
           {4}, {3, 2}, {1, 5}, {2, 3, 4}, {5, 1, 3}, {2, 2, 2, 3}, {4, 3, 1, 2}, {3, 3, 3, 2, 2}}) {
    SCOPED_TRACE(::testing::PrintToString(counts));
    const auto game = random_game<rational>(counts, {.seed = counts.size() * 11 + counts[0], .low = -20, .high = 20});
    const detail::multilinear_payoffs<rational> payoffs(game);
    const std::size_t total = payoffs.total_strategies(), n = counts.size();
    for (std::size_t pattern = 0; pattern < 5; ++pattern) {
      SCOPED_TRACE(pattern);
      // Pattern 0: every strategy; 1: the first only; 2: every other one
      // (from each player's last); 3: as 2, the first of it at probability 0;
      // 4: as 0, but player 1's support empty (a profile that is not one:
      // every sum over it is zero).
      detail::multilinear_payoffs<rational>::profile_support support(n);
      std::vector<rational> sigma(total, rational(0));
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t s = counts[i]; s-- > 0;)
          if ((pattern == 0 || (pattern == 4 && i > 0)) || (pattern == 1 && s == 0) ||
              ((pattern == 2 || pattern == 3) && (counts[i] - 1 - s) % 2 == 0))
            support[i].push_back(s);
        rational sum = 0;
        for (std::size_t r = 0; r < support[i].size(); ++r)
          if (!(pattern == 3 && r == 0 && support[i].size() > 1)) sum += rational(r + i + 2);
        for (std::size_t r = 0; r < support[i].size(); ++r)
          if (!(pattern == 3 && r == 0 && support[i].size() > 1))
            sigma[payoffs.offset(i) + support[i][r]] = rational(r + i + 2) / sum;
      }
      const auto [expected, expected_jacobian] = sums_by_definition(game, payoffs, sigma);
      std::vector<rational> values(total);
      payoffs.strategy_values_on(support, sigma.data(), values.data());
      EXPECT_EQ(values, expected);
      const rational untouched(12345);
      matrix<rational> jacobian(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(total));
      std::vector<bool> in_support(total, false);
      std::vector<std::size_t> owner(total);
      for (std::size_t i = 0; i < n; ++i) {
        for (const auto s : support[i]) in_support[payoffs.offset(i) + s] = true;
        for (std::size_t s = 0; s < counts[i]; ++s) owner[payoffs.offset(i) + s] = i;
      }
      // The parts: the support's values (with or without the Jacobian),
      // the outside strategies' values, one strategy's value; each leaves
      // the other entries as they were.
      std::vector<rational> inside(total, untouched), outside(total, untouched), with_block(total, untouched);
      payoffs.support_values_on(support, sigma.data(), inside.data());
      payoffs.outside_values_on(support, sigma.data(), outside.data());
      jacobian.setConstant(untouched);
      payoffs.support_values_and_jacobian_on(support, sigma.data(), with_block.data(), jacobian);
      for (std::size_t k = 0; k < total; ++k) {
        EXPECT_EQ(inside[k], in_support[k] ? expected[k] : untouched) << "strategy " << k;
        EXPECT_EQ(with_block[k], in_support[k] ? expected[k] : untouched) << "strategy " << k;
        EXPECT_EQ(outside[k], in_support[k] ? untouched : expected[k]) << "strategy " << k;
        EXPECT_EQ(payoffs.strategy_value_on(support, sigma.data(), owner[k], k - payoffs.offset(owner[k])), expected[k])
            << "strategy " << k;
      }
      // The Jacobian's entries between support strategies of different
      // players are the derivatives; every other entry is left as it was.
      for (std::size_t r = 0; r < total; ++r)
        for (std::size_t c = 0; c < total; ++c) {
          const bool computed = in_support[r] && in_support[c] && owner[r] != owner[c];
          EXPECT_EQ(jacobian(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)),
                    computed ? expected_jacobian[r][c] : untouched)
              << "row " << r << ", column " << c;
        }
    }
  }
}

TEST(global_newton, unique_completely_mixed_equilibria_in_closed_form) {
  const auto jordan = global_newton(test::weighted_jordan<rational>());
  ASSERT_EQ(jordan.status, run_status::complete) << jordan.reason;
  ASSERT_EQ(jordan.equilibria.size(), 1u);
  expect_profile_near(jordan.equilibria[0], test::weighted_jordan_equilibrium<rational>(), 1e-9);
  for (const std::size_t n : {4u, 5u}) {
    const auto result = global_newton(test::cyclic_pennies<double>(n), {.starts = 3});
    ASSERT_EQ(result.equilibria.size(), 1u) << n << " players: " << result.reason;
    expect_profile_near(result.equilibria[0], test::cyclic_pennies_equilibrium<rational>(n), 1e-9);
  }
}

TEST(global_newton, gambit_405_all_zero_payoffs) {
  const strategic_game<double> game({3, 2, 2});
  const auto result = global_newton(game);
  ASSERT_FALSE(result.equilibria.empty()) << result.reason;
  expect_all_checked(result, game, 0);
}

TEST(global_newton, a_player_with_one_strategy_duplicates_and_payoffs_of_1e12) {
  const auto dummy = global_newton(test::jordan_with_dummy<double>());
  ASSERT_EQ(dummy.equilibria.size(), 1u) << dummy.reason;
  EXPECT_EQ(dummy.equilibria[0](3, 0), 1.0);
  const auto duplicated = test::with_duplicate(test::weighted_jordan<double>(), 1, 0);
  const auto twice = global_newton(duplicated, {.starts = 3});
  ASSERT_FALSE(twice.equilibria.empty()) << twice.reason;
  expect_all_checked(twice, duplicated, 1e-9);
  for (const auto& e : twice.equilibria) EXPECT_NEAR(e(1, 0) + e(1, 2), 2.0 / 3.0, 1e-9);
  const auto big = global_newton(test::scaled(test::weighted_jordan<double>(), 1e12));
  ASSERT_EQ(big.equilibria.size(), 1u) << big.reason;
  expect_profile_near(big.equilibria[0], test::weighted_jordan_equilibrium<rational>(), 1e-9);
}

TEST(global_newton, several_starts_find_all_nine_equilibria_of_the_2x2x2_game) {
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  const auto exact = read_nfg_file(test::corpus_dir() / "gambit" / "contrib-2x2x2.nfg");
  const auto result = global_newton(exact, {.starts = 8});
  expect_all_checked(result, convert<double>(exact), 1e-9);
  EXPECT_EQ(result.equilibria.size(), 9u);
}

TEST(global_newton, seeded_runs_repeat_and_cancel) {
  const auto game = test::cyclic_pennies<double>(4);
  const auto a = global_newton(game, {.starts = 2, .seed = 7});
  const auto b = global_newton(game, {.starts = 2, .seed = 7});
  EXPECT_EQ(a.equilibria, b.equilibria);
  EXPECT_EQ(a.steps, b.steps);
  std::stop_source source;
  source.request_stop();
  EXPECT_EQ(global_newton(game, {.stop_token = source.get_token()}).status, run_status::cancelled);
  EXPECT_THROW((void)global_newton(game, {.starts = 0}), invalid_argument);
  EXPECT_THROW((void)global_newton(game, {.end_lambda = 1}), invalid_argument);
}

// Howson's pivoting on a polymatrix approximation (as ipa builds it at a
// random interior profile of a random game) ends where the continuation of
// the same bonus path first crosses lambda = 0, and that point is an
// equilibrium of the polymatrix game: every strategy played earns its
// player's best value. Three and four players, unequal strategy counts.
TEST(polymatrix_approximation, pivoting_reaches_the_continuations_first_crossing) {
  const std::vector<std::vector<std::size_t>> shapes{{4, 4, 4}, {6, 5, 3}, {3, 3, 2, 2}, {8, 8, 8}};
  std::size_t compared = 0;
  for (const auto& shape : shapes)
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      const auto game = random_game<double>(shape, {.seed = seed});
      const auto payoffs = detail::scaled_payoffs(game);
      const std::size_t n = shape.size(), total = payoffs.total_strategies();
      std::mt19937_64 generator(seed);
      std::vector<double> sigma(total);
      for (std::size_t i = 0; i < n; ++i) {
        double sum = 0;
        for (std::size_t s = 0; s < shape[i]; ++s) sum += sigma[payoffs.offset(i) + s] = 0.05 + detail::unit_random(generator);
        for (std::size_t s = 0; s < shape[i]; ++s) sigma[payoffs.offset(i) + s] /= sum;
      }
      auto approximation = detail::polymatrix_payoffs::approximate(payoffs, sigma);
      approximation.linear /= static_cast<double>(n - 1);
      approximation.constant.setZero();
      const auto bonus = detail::random_bonus(shape, generator);
      const auto pivoted = detail::polymatrix_path_by_pivoting(approximation, bonus);
      ASSERT_TRUE(pivoted.equilibrium.has_value()) << "seed " << seed << ", " << pivoted.pivots << " pivots";
      const auto& s = *pivoted.equilibrium;
      std::vector<double> values(total);
      approximation.strategy_values(s.data(), values.data());
      for (std::size_t i = 0; i < n; ++i) {
        double best = -1e300, sum = 0;
        for (std::size_t k = 0; k < shape[i]; ++k) best = std::max(best, values[payoffs.offset(i) + k]);
        for (std::size_t k = 0; k < shape[i]; ++k) {
          const std::size_t flat = payoffs.offset(i) + k;
          sum += s[flat];
          EXPECT_GE(s[flat], 0.0);
          if (s[flat] > 1e-12) {
            EXPECT_NEAR(values[flat], best, 1e-9) << "player " << i + 1 << ", strategy " << k + 1;
          }
        }
        EXPECT_NEAR(sum, 1.0, 1e-12);
      }
      const auto path = detail::follow_perturbed_path(approximation, bonus, (2.0 * static_cast<double>(n) + 1.0) / 0.9,
                                                      {.end_lambda = -1, .stop_at_first_crossing = true});
      if (path.crossings.empty()) continue;
      ++compared;
      for (std::size_t k = 0; k < total; ++k) EXPECT_NEAR(s[k], path.crossings.front()[k], 1e-7) << "strategy " << k;
    }
  EXPECT_GE(compared, 14u);
}

TEST(polymatrix_approximation, unique_completely_mixed_equilibria_in_closed_form) {
  const auto jordan = polymatrix_approximation(test::weighted_jordan<rational>());
  ASSERT_EQ(jordan.equilibria.size(), 1u) << jordan.reason;
  expect_profile_near(jordan.equilibria[0], test::weighted_jordan_equilibrium<rational>(), 1e-9);
  const auto four = polymatrix_approximation(test::cyclic_pennies<double>(4));
  ASSERT_EQ(four.equilibria.size(), 1u) << four.reason;
  expect_profile_near(four.equilibria[0], test::cyclic_pennies_equilibrium<rational>(4), 1e-9);
}

TEST(polymatrix_approximation, hostile_games) {
  const strategic_game<double> zero({3, 2, 2});
  const auto z = polymatrix_approximation(zero);
  ASSERT_EQ(z.equilibria.size(), 1u) << z.reason;
  const auto dummy = polymatrix_approximation(test::jordan_with_dummy<double>());
  ASSERT_EQ(dummy.equilibria.size(), 1u) << dummy.reason;
  const auto big = polymatrix_approximation(test::scaled(test::weighted_jordan<double>(), 1e12));
  ASSERT_EQ(big.equilibria.size(), 1u) << big.reason;
  expect_profile_near(big.equilibria[0], test::weighted_jordan_equilibrium<rational>(), 1e-9);
  const auto duplicated = test::with_duplicate(test::weighted_jordan<double>(), 1, 0);
  const auto d = polymatrix_approximation(duplicated);
  ASSERT_EQ(d.equilibria.size(), 1u) << d.reason;
  expect_all_checked(d, duplicated, 1e-9);
}

TEST(polymatrix_approximation, an_iteration_limit_fails_without_returning_a_non_equilibrium) {
  const auto result = polymatrix_approximation(test::cyclic_pennies<double>(5), {.max_iterations = 1});
  expect_all_checked(result, test::cyclic_pennies<double>(5), 1e-9);
  if (result.equilibria.empty()) {
    EXPECT_EQ(result.status, run_status::failed);
    EXPECT_FALSE(result.reason.empty());
  }
}

// Uniform random 3-player games (payoffs 0..99) where the tracer went round
// a loop of support changes until its step limit (a support change taken
// the wrong way after two events close together were misordered), 12 s and
// nothing returned at 8x8x8, seed 3: now an answer in a few hundred steps,
// every profile checked.
TEST(global_newton, random_three_player_game_answers_without_looping) {
  const auto game = random_game<double>({8, 8, 8}, {.seed = 3});
  const auto result = global_newton(game);
  ASSERT_FALSE(result.equilibria.empty()) << result.reason;
  expect_all_checked(result, game, 1e-9);
  EXPECT_LT(result.steps, 5000u) << result.branch_failure;
}

// The tracer left its branch after a crossing of lambda = 0 (an unchecked
// step carried a support change) and at events located where their
// function was not zero; on these 4x4x4 games the first branch then met a
// support change it had passed, after 8 and 1 equilibria. Now it reaches
// its end, crossing 5 and 7 (each among the equilibria certified
// enumeration finds, checked once by hand; too slow for the sanitized run).
TEST(global_newton, the_branch_reaches_its_end_on_games_where_it_looped) {
  for (const std::uint64_t seed : {4u, 6u}) {
    const auto game = random_game<double>({4, 4, 4}, {.seed = seed});
    const auto branch = global_newton(game, {.starts = 1, .retries = 0});
    EXPECT_EQ(branch.branches_stopped_early, 0u) << seed << ": " << branch.branch_failure;
    EXPECT_GE(branch.equilibria.size(), 5u) << seed;
    expect_all_checked(branch, game, 1e-9);
  }
}

// Larger games of the same family where the first branch left itself at
// support changes closer together than its steps and met one of them
// again, after 29, 15 and 21 equilibria: it now retraces those stretches
// with shorter steps and reaches its end, every crossing a distinct
// equilibrium (35, 15 and 33 of them).
TEST(global_newton, a_branch_that_meets_a_support_change_twice_is_retraced_to_its_end) {
  for (const auto& [size, seed, at_least] : {std::tuple{6u, 1u, 35u}, std::tuple{8u, 5u, 15u}, std::tuple{8u, 6u, 33u}}) {
    const auto game = random_game<double>({size, size, size}, {.seed = seed});
    const auto branch = global_newton(game, {.starts = 1, .retries = 0});
    EXPECT_EQ(branch.branches_stopped_early, 0u) << size << " seed " << seed << ": " << branch.branch_failure;
    EXPECT_EQ(branch.status, run_status::complete) << branch.reason;
    EXPECT_GE(branch.equilibria.size(), at_least) << size << " seed " << seed;
    EXPECT_EQ(branch.rejected, 0u) << size << " seed " << seed;
    expect_all_checked(branch, game, 1e-9);
  }
}

// A branch cut short by its step limit returns what it crossed, checked,
// and says so: the status is `limit_reached`, not `complete`.
TEST(global_newton, a_branch_at_its_step_limit_is_not_complete) {
  const auto game = random_game<double>({6, 6, 6}, {.seed = 1});
  const auto cut = global_newton(game, {.starts = 1, .max_steps_per_start = 300, .retries = 0});
  EXPECT_EQ(cut.status, run_status::limit_reached) << cut.reason;
  EXPECT_EQ(cut.branches_stopped_early, 1u);
  EXPECT_NE(cut.reason.find("1 of 1 branches ended before end_lambda"), std::string::npos) << cut.reason;
  EXPECT_FALSE(cut.equilibria.empty());
  EXPECT_LT(cut.equilibria.size(), 35u);
  expect_all_checked(cut, game, 1e-9);
  // Cut before its first crossing: no equilibrium, and still the limit (a
  // longer run finds some), not a failure of the method.
  const auto early = global_newton(game, {.starts = 2, .max_steps_per_start = 3, .retries = 0});
  EXPECT_TRUE(early.equilibria.empty());
  EXPECT_EQ(early.status, run_status::limit_reached) << early.reason;
  EXPECT_EQ(early.branches_stopped_early, 2u);
}

// On the same family the polymatrix iteration stalled in standard
// coordinates (regret about 5% of the payoff range from the centroid); in z
// coordinates it converges. Either way one checked equilibrium comes back,
// global Newton's said in `reason` if the iteration did not settle; with
// that off, a failure with the reason, never a non-equilibrium (Gambit's
// #406).
TEST(polymatrix_approximation, a_stalled_iteration_is_finished_by_global_newton) {
  const auto game = random_game<double>({8, 8, 8}, {.seed = 1});
  const auto result = polymatrix_approximation(game);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  expect_all_checked(result, game, 1e-9);
  EXPECT_EQ(result.status, run_status::complete);
  if (result.finished_by_global_newton) {
    EXPECT_NE(result.reason.find("global Newton"), std::string::npos) << result.reason;
  }
  const auto alone = polymatrix_approximation(game, {.finish_with_global_newton = false});
  expect_all_checked(alone, game, 1e-9);
  if (alone.equilibria.empty()) {
    EXPECT_EQ(alone.status, run_status::failed);
    EXPECT_FALSE(alone.reason.empty());
  }
}

// Issue 14's growing sizes: uniform random 3-player games from 8x8x8 to
// 12x12x12, three seeds each; both methods answer and every profile passes
// the regret check. About 20 s in Release: run under the heavy label
// (tests/CMakeLists.txt, strategic.random_nplayer_games).
TEST(path_following_solvers, DISABLED_random_three_player_games_of_growing_size) {
  for (std::size_t m = 8; m <= 12; ++m)
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      const auto game = random_game<double>({m, m, m}, {.seed = seed});
      const auto gnm = global_newton(game);
      EXPECT_FALSE(gnm.equilibria.empty()) << m << " strategies, seed " << seed << ": " << gnm.reason;
      expect_all_checked(gnm, game, 1e-9);
      const auto ipa = polymatrix_approximation(game);
      EXPECT_FALSE(ipa.equilibria.empty()) << m << " strategies, seed " << seed << ": " << ipa.reason;
      expect_all_checked(ipa, game, 1e-9);
    }
}

// Gambit's #405 and #406: on every n-player corpus game both methods
// return only profiles the regret check accepts, and find at least one.
TEST(path_following_solvers, corpus_games_give_checked_equilibria) {
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  std::size_t games = 0;
  for (const auto& path : test::corpus_games_with_enumpoly_answers()) {
    ++games;
    const auto exact = read_nfg_file(path);
    const auto game = convert<double>(exact);
    const auto gnm = global_newton(exact, {.starts = 2});
    EXPECT_FALSE(gnm.equilibria.empty()) << path << ": " << gnm.reason;
    expect_all_checked(gnm, game, 1e-9);
    const auto ipa = polymatrix_approximation(exact, {.starts = 2});
    EXPECT_FALSE(ipa.equilibria.empty()) << path << ": " << ipa.reason;
    expect_all_checked(ipa, game, 1e-9);
  }
  EXPECT_EQ(games, 14u);
}

}  // namespace
}  // namespace impasse
