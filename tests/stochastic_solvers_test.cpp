// Policy evaluation, the one-shot deviation check, all pure stationary
// Markov perfect equilibria, and Shapley's value iteration.
#include "stochastic_test_support.hpp"

#include <impasse/io/stochastic_json.hpp>
#include <impasse/stochastic/markov_perfect.hpp>
#include <impasse/stochastic/pure_markov_perfect.hpp>
#include <impasse/stochastic/shapley.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/pure_equilibria.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace impasse {
namespace {

using testing_support::expect_markov_perfect;
using testing_support::random_stochastic_game;
using testing_support::repeated;


template <class T>
class stochastic_solvers : public ::testing::Test {};
using scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(stochastic_solvers, scalars);

template <scalar Scalar>
stochastic_game<Scalar> big_match(const rational& discount) {
  const auto exact = read_stochastic_json_file(testing_support::stochastic_data_dir + "big_match.json");
  const stochastic_game<rational> game(exact.players(), exact.states(), {discount});
  return convert<Scalar>(game);
}

// The Big Match with discount d: the value of "play" is 1 / (2 (1 - d)),
// Column mixes evenly, Row quits with probability 1 - v / (1 + d v).
TYPED_TEST(stochastic_solvers, policy_evaluation_of_the_big_match) {
  using S = TypeParam;
  const auto game = big_match<S>(rational(1, 2));
  stationary_profile<S> profile = uniform_stationary_profile(game);
  profile[0](0, 0) = S(1) / S(3);
  profile[0](0, 1) = S(2) / S(3);
  const auto values = evaluate_stationary_profile(game, profile);
  EXPECT_NEAR(scalar_cast<double>(values(0, 0)), 1.0, 1e-12);
  EXPECT_NEAR(scalar_cast<double>(values(1, 0)), 2.0, 1e-12);
  EXPECT_NEAR(scalar_cast<double>(values(2, 0)), 0.0, 1e-12);
  if constexpr (is_exact_v<S>) {
    EXPECT_EQ(values(0, 0), S(1));
    EXPECT_EQ(values(0, 1), S(-1));
    EXPECT_EQ(max_one_shot_deviation_gain(game, profile), S(0));
  }
  EXPECT_TRUE(is_markov_perfect(game, profile));
  expect_markov_perfect(game, profile, values);
  // Row quitting for sure lets Column play right and gain 1/2 in "play"
  // (Column's value rises from -1/2... to 0): a profitable one-shot deviation.
  auto quit = profile;
  quit[0](0, 0) = S(1);
  quit[0](0, 1) = S(0);
  const auto gains = one_shot_deviation_gains(game, quit);
  EXPECT_GT(gains(0, 1), S(0));
  EXPECT_EQ(gains(1, 0), S(0));
  EXPECT_FALSE(is_markov_perfect(game, quit));
}

TYPED_TEST(stochastic_solvers, shapley_on_the_big_match_matches_the_closed_form) {
  using S = TypeParam;
  for (const rational& d : {rational(1, 2), rational(9, 10), rational(0)}) {
    const auto game = big_match<S>(d);
    const auto result = shapley_value_iteration(game);
    ASSERT_EQ(result.status, run_status::complete);
    ASSERT_EQ(result.equilibria.size(), 1u);
    const rational v = 1 / (2 * (1 - d));
    EXPECT_NEAR(scalar_cast<double>(result.equilibria[0].values(0, 0)), v.convert_to<double>(), 1e-10);
    EXPECT_NEAR(scalar_cast<double>(result.equilibria[0].values(1, 0)), (1 / (1 - d)).convert_to<double>(), 1e-10);
    EXPECT_LE(result.value_bound, 1e-10);
    if constexpr (is_exact_v<S>) {
      ASSERT_TRUE(result.exact);
      EXPECT_EQ(result.equilibria[0].values(0, 0), v);
      EXPECT_EQ(result.equilibria[0].values(1, 0), 1 / (1 - d));
      EXPECT_EQ(result.equilibria[0].values(2, 0), 0);
      EXPECT_EQ(result.equilibria[0].strategies[0](1, 0), rational(1, 2));
      EXPECT_EQ(result.equilibria[0].strategies[0](0, 0), 1 - v / (1 + d * v));
      EXPECT_EQ(max_one_shot_deviation_gain(game, result.equilibria[0].strategies), 0);
      expect_markov_perfect(game, result.equilibria[0].strategies, evaluate_stationary_profile(game, result.equilibria[0].strategies));
    } else {
      EXPECT_NEAR(result.equilibria[0].strategies[0](1, 0), 0.5, 1e-8);
      expect_markov_perfect(game, result.equilibria[0].strategies, evaluate_stationary_profile(game, result.equilibria[0].strategies), 1e-8);
    }
  }
}

TYPED_TEST(stochastic_solvers, shapley_on_random_zero_sum_games) {
  using S = TypeParam;
  std::size_t exact = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    auto base = random_stochastic_game<S>(seed, 2, 1 + seed % 3, 3, S(4) / S(5));
    auto states = base.states();
    for (auto& st : states)
      for (auto& o : st.outcomes) o.payoffs[1] = -o.payoffs[0];
    const stochastic_game<S> game(base.players(), states, base.discounts());
    const auto result = shapley_value_iteration(game);
    ASSERT_EQ(result.status, run_status::complete);
    ASSERT_EQ(result.equilibria.size(), 1u);
    // The strategies are optimal: evaluated, they give the values, and no
    // one-shot deviation gains.
    const auto values = evaluate_stationary_profile(game, result.equilibria[0].strategies);
    for (Eigen::Index s = 0; s < values.rows(); ++s)
      EXPECT_NEAR(scalar_cast<double>(values(s, 0)), scalar_cast<double>(result.equilibria[0].values(s, 0)), 1e-8);
    if constexpr (is_exact_v<S>) {
      if (result.exact) {
        ++exact;
        expect_markov_perfect(game, result.equilibria[0].strategies, values);
      }
    } else {
      expect_markov_perfect(game, result.equilibria[0].strategies, values, 1e-8);
    }
  }
  if constexpr (is_exact_v<S>) {
    EXPECT_GT(exact, 2u);  // integer payoffs, quarter probabilities: simple exact values, mostly
  }
  // Not zero-sum, or three players: refused.
  EXPECT_THROW((void)shapley_value_iteration(random_stochastic_game<S>(1, 2, 2, 2)), invalid_argument);
  EXPECT_THROW((void)shapley_value_iteration(random_stochastic_game<S>(1, 3, 2, 2)), invalid_argument);
}

// A one-state game: the pure stationary MPE are the stage game's pure
// equilibria played every period.
TYPED_TEST(stochastic_solvers, one_state_pure_equilibria_are_the_stage_equilibria) {
  using S = TypeParam;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const std::vector<std::size_t> counts = seed % 3 == 0 ? std::vector<std::size_t>{2, 3, 2}
                                                          : std::vector<std::size_t>{1 + seed % 4, 1 + seed % 5};
    const auto stage = random_game<S>(counts, {.seed = seed, .low = 0, .high = 4});
    const auto game = repeated(stage, S(9) / S(10));
    const auto expected = pure_strategy_enumeration(stage);
    const auto result = pure_stationary_enumeration(game, {.threads = 2});
    ASSERT_EQ(result.status, run_status::complete);
    ASSERT_EQ(result.equilibria.size(), expected.equilibria.size()) << "seed " << seed;
    for (std::size_t k = 0; k < expected.equilibria.size(); ++k) {
      EXPECT_EQ(result.equilibria[k].strategies[0],
                mixed_profile<S>::pure(stage.strategy_counts(), expected.equilibria[k]));
      expect_markov_perfect(game, result.equilibria[k].strategies, result.equilibria[k].values);
    }
  }
}

// Random games: every reported pure MPE passes the check, and a brute force
// over every pure stationary profile (no pruning, the general mixed-profile
// one-shot check) finds exactly the same set.
TYPED_TEST(stochastic_solvers, pure_enumeration_is_complete_on_random_games) {
  using S = TypeParam;
  std::size_t games = 0, with_equilibria = 0, pruned = 0;
  // Fewer and smaller games in rationals, whose brute force is slow under the sanitizers.
  const std::size_t wanted = is_exact_v<S> ? 45 : 60;
  const double largest = is_exact_v<S> ? 800 : 3000;
  for (std::uint64_t seed = 1; games < wanted; ++seed) {
    const std::size_t players = 2 + seed % 2, states = 1 + seed % 4;
    const auto game = random_stochastic_game<S>(seed, players, states, 3);
    double total = 1;
    for (const auto& st : game.states()) total *= static_cast<double>(st.num_profiles());
    if (total > largest) continue;
    ++games;
    const auto result = pure_stationary_enumeration(game, {.threads = 1 + seed % 3});
    ASSERT_EQ(result.status, run_status::complete);
    pruned += result.actions_pruned;
    std::set<std::vector<std::size_t>> reported;
    for (const auto& eq : result.equilibria) {
      expect_markov_perfect(game, eq.strategies, eq.values);
      std::vector<std::size_t> key;
      for (std::size_t s = 0; s < game.num_states(); ++s)
        for (std::size_t i = 0; i < players; ++i) key.push_back(eq.strategies[s].support(i).at(0));
      reported.insert(key);
    }
    std::set<std::vector<std::size_t>> brute;
    std::vector<std::size_t> choice(game.num_states(), 0);
    while (true) {
      std::vector<std::vector<std::size_t>> actions;
      for (std::size_t s = 0; s < game.num_states(); ++s) actions.push_back(game.state(s).profile_at(choice[s]));
      const auto profile = pure_stationary_profile<S>(game, actions);
      const S gain = max_one_shot_deviation_gain(game, profile);
      if (gain <= scalar_traits<S>::tolerance() * 100) {
        std::vector<std::size_t> key;
        for (const auto& a : actions) key.insert(key.end(), a.begin(), a.end());
        brute.insert(key);
      }
      std::size_t s = 0;
      for (; s < choice.size() && ++choice[s] == game.state(s).num_profiles(); ++s) choice[s] = 0;
      if (s == choice.size()) break;
    }
    EXPECT_EQ(reported, brute) << "seed " << seed;
    if (!brute.empty()) ++with_equilibria;
  }
  EXPECT_GT(with_equilibria, 20u);
  EXPECT_LT(with_equilibria, games);  // some random games have no pure MPE
  EXPECT_GT(pruned, 0u);               // and the pruning does prune
}

TEST(pure_markov_perfect, limits_and_cancellation) {
  const auto game = random_stochastic_game<rational>(5, 2, 3, 3);
  const auto all = pure_stationary_enumeration(game, {.threads = 1});
  ASSERT_GE(all.equilibria.size(), 1u);
  const auto one = pure_stationary_enumeration(game, {.max_equilibria = 1, .threads = 1});
  EXPECT_EQ(one.equilibria.size(), 1u);
  std::stop_source stop;
  stop.request_stop();
  const auto none = pure_stationary_enumeration(game, {.stop_token = stop.get_token()});
  EXPECT_EQ(none.status, run_status::cancelled);
  EXPECT_TRUE(none.equilibria.empty());
  const auto unpruned = pure_stationary_enumeration(game, {.threads = 2, .prune = false});
  EXPECT_EQ(unpruned.equilibria.size(), all.equilibria.size());
  EXPECT_EQ(unpruned.actions_pruned, 0u);
  EXPECT_EQ(unpruned.profiles_checked, unpruned.profiles_after_pruning);
}

}  // namespace
}  // namespace impasse
