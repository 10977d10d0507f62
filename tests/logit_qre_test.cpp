// The logit QRE correspondence: the principal branch's end point, the QRE
// at given lambdas, the maximum-likelihood estimate of lambda, and the
// events on the way (turning points, bifurcations), against closed forms,
// the definition of a QRE, and Gambit's answers on the corpus.
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/logit_qre.hpp>

#include "corpus.hpp"
#include "nplayer_games.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>

namespace impasse {
namespace {

using test::weighted_jordan;
using test::weighted_jordan_equilibrium;

void expect_profile_near(const mixed_profile<double>& actual, const mixed_profile<double>& expected, double tolerance) {
  ASSERT_EQ(actual.strategy_counts(), expected.strategy_counts());
  for (std::size_t k = 0; k < actual.flat().size(); ++k)
    EXPECT_NEAR(actual.flat()[k], expected.flat()[k], tolerance) << "probability " << k + 1;
}

/// The definition: sigma_i(s) proportional to exp(lambda u_i(s, sigma_-i)).
double qre_residual(const strategic_game<double>& game, const logit_point& point) {
  double worst = 0;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto values = strategy_payoffs(game, point.profile, i);
    double total = 0;
    const double top = *std::max_element(values.begin(), values.end());
    for (const double v : values) total += std::exp(point.lambda * (v - top));
    for (std::size_t s = 0; s < values.size(); ++s)
      worst = std::max(worst, std::abs(point.profile(i, s) - std::exp(point.lambda * (values[s] - top)) / total));
  }
  return worst;
}

TEST(logit_qre, unique_completely_mixed_equilibrium_in_closed_form) {
  const auto game = weighted_jordan<double>();
  const auto result = logit_principal_branch(game);
  ASSERT_EQ(result.status, run_status::complete) << result.reason;
  ASSERT_EQ(result.equilibria.size(), 1u);
  expect_profile_near(result.equilibria[0], weighted_jordan_equilibrium<double>(), 1e-9);
  EXPECT_LE(relative_regret(game, result.equilibria[0]), 1e-8);
  EXPECT_FALSE(result.exact);
}

TEST(logit_qre, cyclic_pennies_with_four_and_five_players) {
  for (const std::size_t n : {4u, 5u}) {
    const auto game = test::cyclic_pennies<double>(n);
    const auto result = logit_principal_branch(game);
    ASSERT_EQ(result.equilibria.size(), 1u) << n << " players: " << result.reason;
    expect_profile_near(result.equilibria[0], test::cyclic_pennies_equilibrium<double>(n), 1e-9);
  }
}

TEST(logit_qre, a_rational_game_is_traced_in_double) {
  const auto result = logit_principal_branch(weighted_jordan<rational>());
  ASSERT_EQ(result.equilibria.size(), 1u);
  expect_profile_near(result.equilibria[0], weighted_jordan_equilibrium<double>(), 1e-9);
}

TEST(logit_qre, points_on_the_branch_are_quantal_response_equilibria) {
  const auto game = weighted_jordan<double>();
  std::size_t points = 0;
  double previous_lambda = -1;
  const auto result = logit_principal_branch(game, {.on_point = [&](const logit_point& p) {
                                                      ++points;
                                                      EXPECT_LT(qre_residual(game, p), 1e-7) << "at lambda " << p.lambda;
                                                      EXPECT_GT(p.lambda, previous_lambda);  // no turning point here
                                                      previous_lambda = p.lambda;
                                                    }});
  EXPECT_EQ(points, result.steps + 1);
  EXPECT_TRUE(result.events.empty());
}

TEST(logit_qre, qre_at_given_lambdas) {
  const auto game = weighted_jordan<double>();
  const std::vector<double> lambdas{0.5, 0, 3, 1.25};
  const auto result = logit_qre_at_lambdas(game, lambdas);
  ASSERT_EQ(result.status, run_status::complete) << result.reason;
  ASSERT_EQ(result.points.size(), lambdas.size());
  for (std::size_t q = 0; q < lambdas.size(); ++q) {
    EXPECT_EQ(result.points[q].lambda, lambdas[q]);
    EXPECT_LT(qre_residual(game, result.points[q]), 1e-9) << "lambda " << lambdas[q];
  }
  expect_profile_near(result.points[1].profile, mixed_profile<double>::uniform(game.strategy_counts()), 0);
  EXPECT_THROW((void)logit_qre_at_lambdas(game, {-1.0}), invalid_argument);
}

TEST(logit_qre, estimate_recovers_the_lambda_that_generated_the_frequencies) {
  const auto game = weighted_jordan<double>();
  for (const double truth : {0.7, 2.0, 5.0}) {
    const auto at = logit_qre_at_lambdas(game, {truth});
    ASSERT_EQ(at.points.size(), 1u);
    std::vector<double> frequencies;
    for (const double p : at.points[0].profile.flat()) frequencies.push_back(1000 * p);
    const auto estimate = logit_estimate(game, frequencies);
    ASSERT_EQ(estimate.status, run_status::complete) << estimate.reason;
    EXPECT_NEAR(estimate.estimate.lambda, truth, 1e-6 * truth);
    double expected = 0;
    for (std::size_t k = 0; k < frequencies.size(); ++k) expected += frequencies[k] * std::log(estimate.estimate.profile.flat()[k]);
    EXPECT_NEAR(estimate.estimate.log_likelihood, expected, 1e-9 * std::abs(expected));
  }
  EXPECT_THROW((void)logit_estimate(game, {1.0, 2.0}), invalid_argument);
  EXPECT_THROW((void)logit_estimate(game, {1, 1, 1, 1, 1, -1}), invalid_argument);
}

TEST(logit_qre, all_zero_payoffs_end_at_the_centroid) {
  const strategic_game<double> game({3, 2, 2});
  const auto result = logit_principal_branch(game);
  ASSERT_EQ(result.equilibria.size(), 1u);
  expect_profile_near(result.equilibria[0], mixed_profile<double>::uniform(game.strategy_counts()), 0);
  EXPECT_EQ(result.steps, 0u);
}

TEST(logit_qre, a_player_with_one_strategy) {
  const auto game = test::jordan_with_dummy<double>();
  const auto result = logit_principal_branch(game);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  const auto base = weighted_jordan_equilibrium<double>();
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t s = 0; s < 2; ++s) EXPECT_NEAR(result.equilibria[0](i, s), base(i, s), 1e-9);
  EXPECT_EQ(result.equilibria[0](3, 0), 1.0);
}

TEST(logit_qre, duplicated_strategies_share_their_probability) {
  const auto game = test::with_duplicate(weighted_jordan<double>(), 1, 0);
  const auto result = logit_principal_branch(game);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  const auto& e = result.equilibria[0];
  const auto expected = weighted_jordan_equilibrium<double>();
  EXPECT_NEAR(e(1, 0) + e(1, 2), expected(1, 0), 1e-9);
  EXPECT_NEAR(e(1, 0), e(1, 2), 1e-9);  // logit treats the copies alike
  EXPECT_NEAR(e(0, 0), expected(0, 0), 1e-9);
}

TEST(logit_qre, payoffs_of_1e12_give_the_same_equilibrium_and_scaled_lambdas) {
  const auto game = weighted_jordan<double>();
  const auto big = test::scaled(game, 1e12);
  const auto small = logit_principal_branch(game);
  const auto large = logit_principal_branch(big);
  ASSERT_EQ(large.equilibria.size(), 1u) << large.reason;
  expect_profile_near(large.equilibria[0], small.equilibria[0], 1e-9);
  EXPECT_EQ(large.steps, small.steps);
  EXPECT_NEAR(large.end.lambda * 1e12, small.end.lambda, 1e-6 * small.end.lambda);
  const auto at = logit_qre_at_lambdas(big, {2e-12});
  ASSERT_EQ(at.points.size(), 1u);
  EXPECT_LT(qre_residual(big, at.points[0]), 1e-9);
}

TEST(logit_qre, cancelled_through_the_stop_token) {
  std::stop_source source;
  source.request_stop();
  const auto result = logit_principal_branch(weighted_jordan<double>(), {.stop_token = source.get_token()});
  EXPECT_EQ(result.status, run_status::cancelled);
  EXPECT_TRUE(result.equilibria.empty());
}

TEST(logit_qre, a_step_limit_is_a_status) {
  const auto result = logit_principal_branch(weighted_jordan<double>(), {.max_steps = 3});
  EXPECT_EQ(result.status, run_status::limit_reached);
  EXPECT_TRUE(result.equilibria.empty());
  EXPECT_FALSE(result.reason.empty());
  EXPECT_GT(result.end.lambda, 0);
}

// Gambit's #492: on McKelvey and McLennan's 2x2x2 game gambit-logit stops at
// a bifurcation and prints (1/2, 1/2, 1/2, 1/2, 0.574, 0.426), which is not
// an equilibrium. The branch is followed through the bifurcation here, which
// is reported, to an equilibrium.
TEST(logit_qre, gambit_492_the_branch_goes_through_the_bifurcation_of_the_2x2x2_game) {
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  const auto game = read_nfg_file(test::corpus_dir() / "gambit" / "contrib-2x2x2.nfg");
  const auto result = logit_principal_branch(game);
  ASSERT_EQ(result.status, run_status::complete) << result.reason;
  ASSERT_EQ(result.equilibria.size(), 1u);
  EXPECT_EQ(max_regret(convert<double>(game), result.equilibria[0]), 0.0);
  ASSERT_FALSE(result.events.empty());
  EXPECT_EQ(result.events[0].kind, logit_event_kind::bifurcation);
  EXPECT_NEAR(result.events[0].lambda, 0.64, 0.01);
  const auto gambit = test::from_flat<double>({2, 2, 2}, {0.5, 0.5, 0.5, 0.5, 0.574046, 0.425954});
  EXPECT_GT(relative_regret(convert<double>(game), gambit), 0.01);  // Gambit's answer is not an equilibrium
}

TEST(logit_qre, a_branch_with_a_turning_point) {
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  const auto game = convert<double>(read_nfg_file(test::corpus_dir() / "gambit" / "contrib-8x2x2.nfg"));
  const auto result = logit_principal_branch(game);
  ASSERT_EQ(result.equilibria.size(), 1u) << result.reason;
  // The branch bends back and forward again: turning points, in pairs.
  ASSERT_GE(result.events.size(), 2u);
  std::size_t turning = 0;
  for (const auto& e : result.events) turning += e.kind == logit_event_kind::turning_point;
  EXPECT_EQ(turning % 2, 0u);
  EXPECT_GE(turning, 2u);
  // Near them lambda is met more than once; the first is reported, a QRE.
  const auto at = logit_qre_at_lambdas(game, {0.999 * result.events[0].lambda});
  ASSERT_EQ(at.points.size(), 1u);
  EXPECT_LT(qre_residual(game, at.points[0]), 1e-9);
}


// Every corpus game with three or more players: the end point is an
// equilibrium, and equals Gambit's wherever Gambit's is one.
TEST(logit_qre, corpus_games_against_gambit_logit) {
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  std::size_t games = 0, agreed = 0;
  for (const auto& path : test::corpus_games(".nfg")) {
    bool found = false;
    const auto expected = test::expected_lines(path, "logit", found);
    if (!found) continue;
    ++games;
    const auto exact = read_nfg_file(path);
    const auto game = convert<double>(exact);
    const auto result = logit_principal_branch(exact);
    ASSERT_EQ(result.equilibria.size(), 1u) << path << ": " << result.reason;
    EXPECT_LE(relative_regret(game, result.equilibria[0]), 1e-8) << path;
    ASSERT_EQ(expected.size(), 1u) << path;
    const auto gambit_numbers = test::numbers_of(*expected.begin());
    ASSERT_EQ(gambit_numbers.size(), game.total_strategies()) << path;
    auto gambit = test::from_flat<double>(game.strategy_counts(), gambit_numbers);
    for (std::size_t i = 0; i < game.num_players(); ++i) {  // six digits: renormalise
      double sum = 0;
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) sum += gambit(i, s);
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) gambit(i, s) /= sum;
    }
    if (relative_regret(game, gambit) > 1e-4) {
      EXPECT_EQ(path.filename().string(), "contrib-2x2x2.nfg") << "Gambit's point is no equilibrium";
      continue;
    }
    expect_profile_near(result.equilibria[0], gambit, 1e-4);
    ++agreed;
  }
  EXPECT_EQ(games, 14u);
  EXPECT_EQ(agreed, 13u);
}

}  // namespace
}  // namespace impasse
