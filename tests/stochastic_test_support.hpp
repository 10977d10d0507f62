// Helpers for the stochastic-game tests, written independently of the
// solvers: random games, a one-state game from a strategic game, and the
// Markov-perfection check through the stage games and impasse::max_regret.
#pragma once

#include <impasse/stochastic/game.hpp>
#include <impasse/stochastic/markov_perfect.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/regret.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace impasse::testing_support {

#ifdef IMPASSE_TEST_DATA_DIR
/// The folder of the stochastic games' test files (tests/data/stochastic/),
/// in the test programs that are told where the test data is.
inline const std::string stochastic_data_dir = std::string(IMPASSE_TEST_DATA_DIR) + "/stochastic/";
#endif

/// A random game: integer payoffs in [0, 9], next-state probabilities
/// multiples of 1/4 over up to two states (or a single state); each player
/// has 1 to `max_actions` actions in each state (exactly `max_actions` if
/// `all_max_actions`).
template <scalar Scalar>
stochastic_game<Scalar> random_stochastic_game(std::uint64_t seed, std::size_t players, std::size_t states,
                                               std::size_t max_actions, Scalar discount = Scalar(3) / Scalar(4),
                                               bool all_max_actions = false) {
  std::mt19937_64 rng(seed);
  const auto uniform = [&](std::size_t low, std::size_t high) {
    return low + static_cast<std::size_t>(rng() % (high - low + 1));
  };
  std::vector<stochastic_state<Scalar>> list;
  for (std::size_t s = 0; s < states; ++s) {
    stochastic_state<Scalar> st;
    st.name = std::string("s").append(std::to_string(s + 1));
    for (std::size_t i = 0; i < players; ++i) {
      const std::size_t m = all_max_actions ? max_actions : uniform(1, max_actions);
      std::vector<std::string> names;
      for (std::size_t a = 0; a < m; ++a) names.push_back(std::string("a").append(std::to_string(a + 1)));
      st.actions.push_back(names);
    }
    for (std::size_t o = 0; o < st.num_profiles(); ++o) {
      stochastic_outcome<Scalar> out;
      for (std::size_t i = 0; i < players; ++i) out.payoffs.push_back(Scalar(static_cast<long>(uniform(0, 9))));
      const std::size_t first = uniform(0, states - 1), second = uniform(0, states - 1);
      const std::size_t quarters = uniform(1, 4);
      if (first == second || quarters == 4) {
        out.next.emplace_back(first, Scalar(1));
      } else {
        out.next.emplace_back(first, Scalar(static_cast<long>(quarters)) / Scalar(4));
        out.next.emplace_back(second, Scalar(static_cast<long>(4 - quarters)) / Scalar(4));
      }
      st.outcomes.push_back(std::move(out));
    }
    list.push_back(std::move(st));
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < players; ++i) names.push_back(std::string("P").append(std::to_string(i + 1)));
  return stochastic_game<Scalar>(names, std::move(list), {discount});
}

/// The stochastic game with one state that repeats `stage` forever.
template <scalar Scalar>
stochastic_game<Scalar> repeated(const strategic_game<Scalar>& stage, Scalar discount) {
  stochastic_state<Scalar> st;
  st.name = "stage";
  std::vector<std::string> players;
  for (std::size_t i = 0; i < stage.num_players(); ++i) {
    players.push_back(std::string("P").append(std::to_string(i + 1)));
    std::vector<std::string> names;
    for (std::size_t a = 0; a < stage.num_strategies(i); ++a) names.push_back(stage.strategy_label(i, a));
    st.actions.push_back(names);
  }
  for (std::size_t p = 0; p < stage.num_profiles(); ++p) {
    stochastic_outcome<Scalar> out;
    for (std::size_t i = 0; i < stage.num_players(); ++i) out.payoffs.push_back(stage.payoff(i, p));
    out.next.emplace_back(0, Scalar(1));
    st.outcomes.push_back(std::move(out));
  }
  return stochastic_game<Scalar>(players, {st}, {discount});
}

/// Checks, without the solvers' code, that `values` are the values of
/// `profile` (the Bellman equations hold) and that in every state the
/// profile is a Nash equilibrium of the stage game with those continuation
/// values (max_regret zero; 1e-9 in double): the one-shot deviation principle.
template <scalar Scalar>
void expect_markov_perfect(const stochastic_game<Scalar>& game, const stationary_profile<Scalar>& profile,
                           const matrix<Scalar>& values, const Scalar& tolerance = scalar_traits<Scalar>::tolerance()) {
  const std::size_t n = game.num_players();
  ASSERT_EQ(profile.size(), game.num_states());
  ASSERT_EQ(values.rows(), static_cast<Eigen::Index>(game.num_states()));
  for (std::size_t s = 0; s < game.num_states(); ++s) {
    const auto& st = game.state(s);
    strategic_game<Scalar> stage(st.action_counts());
    std::vector<Scalar> expected(n, Scalar(0));
    for (std::size_t p = 0; p < st.num_profiles(); ++p) {
      const auto actions = st.profile_at(p);
      Scalar probability(1);
      for (std::size_t i = 0; i < n; ++i) probability *= profile[s](i, actions[i]);
      for (std::size_t i = 0; i < n; ++i) {
        Scalar payoff = st.outcomes[p].payoffs[i];
        for (const auto& [to, q] : st.outcomes[p].next)
          payoff += game.discount(i) * q * values(static_cast<Eigen::Index>(to), static_cast<Eigen::Index>(i));
        stage.set_payoff(i, p, payoff);
        expected[i] += probability * payoff;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Scalar gap = expected[i] - values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i));
      EXPECT_TRUE(gap <= tolerance && -gap <= tolerance)
          << "Bellman equation fails in state " << st.name << " for player " << i + 1;
    }
    EXPECT_LE(max_regret(stage, profile[s]), tolerance) << "not an equilibrium of the stage game in " << st.name;
  }
}

}  // namespace impasse::testing_support
