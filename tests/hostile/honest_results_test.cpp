// Results that say no more than the run did, and answers that do not depend
// on the payoffs' unit (issue 15): each test here failed before its fix.
#include <impasse/extensive/backward_induction.hpp>
#include <impasse/extensive/game.hpp>
#include <impasse/stochastic/logit_homotopy.hpp>
#include <impasse/stochastic/pure_markov_perfect.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/lemke_howson.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

#include "../stochastic_test_support.hpp"

#include <gtest/gtest.h>

#include <random>

namespace impasse {
namespace {

using testing_support::random_stochastic_game;

strategic_game<double> scaled(const strategic_game<rational>& game, double factor) {
  auto out = convert<double>(game);
  for (std::size_t i = 0; i < out.num_players(); ++i)
    for (std::size_t p = 0; p < out.num_profiles(); ++p) out.set_payoff(i, p, out.payoff(i, p) * factor);
  return out;
}

stochastic_game<double> scaled(const stochastic_game<double>& game, double factor) {
  auto states = game.states();
  for (auto& st : states)
    for (auto& o : st.outcomes)
      for (double& u : o.payoffs) u *= factor;
  return stochastic_game<double>(game.players(), std::move(states), game.discounts(), game.initial_state());
}

// ---- max_equilibria and statuses ----

TEST(honest_results, pure_markov_perfect_cut_by_max_equilibria_is_not_complete) {
  // One state repeating a coordination game: two pure MPE, one block of work.
  strategic_game<double> stage({2, 2});
  stage.set_payoff(0, 0, 2), stage.set_payoff(1, 0, 1);
  stage.set_payoff(0, 3, 1), stage.set_payoff(1, 3, 2);
  const auto game = testing_support::repeated(stage, 0.9);
  ASSERT_EQ(pure_stationary_enumeration(game, {.threads = 1}).equilibria.size(), 2u);
  const auto one = pure_stationary_enumeration(game, {.max_equilibria = 1, .threads = 1});
  EXPECT_EQ(one.equilibria.size(), 1u);
  EXPECT_EQ(one.status, run_status::limit_reached);
  const auto two = pure_stationary_enumeration(game, {.max_equilibria = 2, .threads = 1});
  EXPECT_EQ(two.status, run_status::complete);  // every one was found and kept
}

TEST(honest_results, pure_nash_max_equilibria_bounds_the_work) {
  // Every profile of a constant game is an equilibrium: one is asked for.
  const strategic_game<double> game({300, 300});
  const auto all = pure_strategy_enumeration(game, {.max_equilibria = 2});
  EXPECT_EQ(all.equilibria.size(), 2u);
  EXPECT_EQ(all.status, run_status::limit_reached);
  // One sweep of player 1's payoffs, then two candidates checked: not a
  // second sweep of the 90,000 profiles.
  EXPECT_LT(all.comparisons, 90'000u + 10 * 300u);
}

TEST(honest_results, vertex_enumeration_max_equilibria_cuts_before_confirming) {
  const auto game = coordination_game<rational>(6);  // 63 extreme equilibria
  const auto all = vertex_enumeration(game);
  ASSERT_GT(all.equilibria.size(), 3u);
  const auto three = vertex_enumeration(game, {.max_equilibria = 3});
  EXPECT_EQ(three.equilibria.size(), 3u);
  EXPECT_EQ(three.status, run_status::limit_reached);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(three.equilibria[k], all.equilibria[k]);
}

// ---- tolerances relative to the payoffs' range ----

class payoff_scale : public ::testing::TestWithParam<double> {};

TEST_P(payoff_scale, pure_equilibria_do_not_depend_on_the_unit) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    // Payoffs 0..3: many ties, which the tolerance must keep and no more.
    const auto game = random_game<rational>({5, 4, 3}, {.seed = seed, .low = 0, .high = 3});
    const auto exact = pure_strategy_enumeration(game).equilibria;
    EXPECT_EQ(pure_strategy_enumeration(scaled(game, GetParam())).equilibria, exact) << "seed " << seed;
  }
}

TEST_P(payoff_scale, regret_defaults_do_not_depend_on_the_unit) {
  strategic_game<rational> game({2, 2});  // matching pennies
  for (std::size_t p = 0; p < 4; ++p) {
    const rational u = p == 0 || p == 3 ? 1 : -1;
    game.set_payoff(0, p, u);
    game.set_payoff(1, p, -u);
  }
  const auto g = scaled(game, GetParam());
  // A pure profile of matching pennies is no equilibrium at any unit.
  const std::vector<std::size_t> heads{0, 0};
  const auto pure = mixed_profile<double>::pure({2, 2}, heads);
  EXPECT_FALSE(is_nash_equilibrium(g, pure));
  EXPECT_EQ(best_responses(g, pure, 1), (std::vector<std::size_t>{1}));
  mixed_profile<double> half({2, 2});
  for (std::size_t i = 0; i < 2; ++i) half(i, 0) = half(i, 1) = 0.5;
  EXPECT_TRUE(is_nash_equilibrium(g, half));
}

TEST_P(payoff_scale, lemke_howson_does_not_depend_on_the_unit) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto game = random_game<rational>({5, 5}, {.seed = seed, .low = 0, .high = 9});
    const auto g = scaled(game, GetParam());
    for (std::size_t label = 1; label <= 10; ++label) {
      const auto exact = lemke_howson(game, {.initial_label = label});
      const auto scaled_run = lemke_howson(g, {.initial_label = label});
      ASSERT_TRUE(!exact.equilibria.empty() && !scaled_run.equilibria.empty()) << "seed " << seed << " label " << label;
      for (std::size_t k = 0; k < exact.equilibria.front().flat().size(); ++k)
        EXPECT_NEAR(scaled_run.equilibria.front().flat()[k], exact.equilibria.front().flat()[k].convert_to<double>(), 1e-9)
            << "seed " << seed << " label " << label;
      EXPECT_TRUE(is_nash_equilibrium(g, scaled_run.equilibria.front()));
    }
  }
}

/// A perfect-information tree of `depth` levels, players alternating, with
/// integer leaf payoffs in 0..3 (many ties) times `factor`.
template <scalar Scalar>
extensive_game<Scalar> random_perfect_information_tree(std::uint64_t seed, std::size_t depth, Scalar factor) {
  extensive_game<Scalar> game({"1", "2"});
  std::mt19937 random(static_cast<std::uint32_t>(seed));
  std::vector<std::pair<std::size_t, std::size_t>> stack{{game.root(), 0}};
  while (!stack.empty()) {
    const auto [node, level] = stack.back();
    stack.pop_back();
    if (level == depth) {
      game.set_outcome(node, game.add_outcome({Scalar(static_cast<long>(random() % 4)) * factor,
                                               Scalar(static_cast<long>(random() % 4)) * factor}));
      continue;
    }
    game.add_decision(node, level % 2, {"l", "r"});
    for (auto child : game.node(node).children) stack.emplace_back(child, level + 1);
  }
  return game;
}

TEST_P(payoff_scale, backward_induction_does_not_depend_on_the_unit) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto exact = backward_induction(random_perfect_information_tree<rational>(seed, 5, rational(1)));
    const auto floating = backward_induction(random_perfect_information_tree<double>(seed, 5, GetParam()));
    ASSERT_EQ(floating.equilibria.size(), exact.equilibria.size()) << "seed " << seed;
    for (std::size_t k = 0; k < exact.equilibria.size(); ++k)
      for (std::size_t x = 0; x < exact.equilibria[k].flat().size(); ++x)
        EXPECT_EQ(floating.equilibria[k].flat()[x], exact.equilibria[k].flat()[x].convert_to<double>());
  }
}

INSTANTIATE_TEST_SUITE_P(units, payoff_scale, ::testing::Values(1.0, 1e-12, 1e12));

// ---- the logit homotopy at small units ----

TEST(honest_results, homotopy_answers_at_a_unit_of_one_millionth) {
  const auto game = random_stochastic_game<double>(7, 2, 16, 3, 0.9, true);
  const auto unscaled = logit_homotopy(game);
  ASSERT_FALSE(unscaled.equilibria.empty());
  const auto small = logit_homotopy(scaled(game, 1e-6));
  ASSERT_EQ(small.status, run_status::complete) << "lambda " << small.lambda << ", " << small.steps << " steps";
  ASSERT_FALSE(small.equilibria.empty());
  EXPECT_LE(max_one_shot_deviation_gain(game, small.equilibria.front().strategies), 1e-8 * stochastic_payoff_range(game));
}

TEST(honest_results, homotopy_gain_is_judged_against_the_payoff_range) {
  const auto game = scaled(random_stochastic_game<double>(7, 2, 16, 3, 0.9, true), 1e-9);
  const auto result = logit_homotopy(game);
  // Either an equilibrium whose gain is small against the payoffs, or no answer.
  if (!result.equilibria.empty())
    EXPECT_LE(max_one_shot_deviation_gain(game, result.equilibria.front().strategies), 1e-8 * stochastic_payoff_range(game));
  else
    EXPECT_NE(result.status, run_status::complete);
  // The uniform profile, which the old absolute threshold passed, is no MPE.
  EXPECT_GT(max_one_shot_deviation_gain(game, uniform_stationary_profile(game)), 1e-3 * stochastic_payoff_range(game));
}

}  // namespace
}  // namespace impasse
