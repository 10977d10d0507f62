// Markov perfect equilibria of finitely repeated stochastic games, by
// backward induction.
#include "stochastic_test_support.hpp"

#include <impasse/io/stochastic_json.hpp>
#include <impasse/stochastic/finite_horizon_markov_perfect.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/pure_equilibria.hpp>

#include <gtest/gtest.h>

#include <string>

namespace impasse {
namespace {

using testing_support::random_stochastic_game;
using testing_support::repeated;


template <class T>
class finite_horizon : public ::testing::Test {};
using scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(finite_horizon, scalars);

// Checks without the solver: walking back from the last period, each
// period's profile is a Nash equilibrium (impasse::max_regret) of every
// state's stage game with the later periods' values, and the reported values
// are the expected payoffs.
template <scalar Scalar>
void expect_subgame_perfect(const stochastic_game<Scalar>& game, const finite_horizon_markov_equilibrium<Scalar>& eq,
                            std::size_t horizon) {
  ASSERT_EQ(eq.strategies.size(), horizon);
  ASSERT_EQ(eq.values.size(), horizon);
  const auto S = static_cast<Eigen::Index>(game.num_states());
  const auto n = static_cast<Eigen::Index>(game.num_players());
  matrix<Scalar> later = matrix<Scalar>::Zero(S, n);
  const Scalar tolerance = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-9);
  for (std::size_t t = horizon; t-- > 0;) {
    matrix<Scalar> now(S, n);
    for (std::size_t s = 0; s < game.num_states(); ++s) {
      const auto& st = game.state(s);
      strategic_game<Scalar> stage(st.action_counts());
      for (std::size_t p = 0; p < st.num_profiles(); ++p)
        for (std::size_t i = 0; i < game.num_players(); ++i) {
          Scalar u = st.outcomes[p].payoffs[i];
          for (const auto& [to, q] : st.outcomes[p].next)
            u += game.discount(i) * q * later(static_cast<Eigen::Index>(to), static_cast<Eigen::Index>(i));
          stage.set_payoff(i, p, u);
        }
      EXPECT_LE(max_regret(stage, eq.strategies[t][s]), tolerance) << "period " << t << " state " << s;
      for (std::size_t i = 0; i < game.num_players(); ++i) {
        now(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)) = expected_payoff(stage, eq.strategies[t][s], i);
        const Scalar gap = now(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)) -
                           eq.values[t](static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i));
        EXPECT_TRUE(gap <= tolerance && -gap <= tolerance);
      }
    }
    later = now;
  }
}

// One state, a stage game with k equilibria: k^T equilibria over T periods
// (the continuation is the same whatever is played, so each period's stage
// game has the same equilibria).
TYPED_TEST(finite_horizon, one_state_counts) {
  using S = TypeParam;
  matrix<rational> a(2, 2), b(2, 2);
  a << 2, 0, 0, 1;
  b << 1, 0, 0, 2;  // battle of the sexes: 2 pure equilibria, 3 extreme ones
  const auto stage = convert<S>(strategic_game<rational>::bimatrix(a, b));
  const auto game = repeated(stage, S(1) / S(2));
  for (std::size_t horizon = 1; horizon <= 3; ++horizon) {
    const auto pure = stochastic_backward_induction(game, {.horizon = horizon});
    ASSERT_EQ(pure.status, run_status::complete);
    EXPECT_EQ(pure.equilibria.size(), std::size_t{1} << horizon);
    for (const auto& eq : pure.equilibria) expect_subgame_perfect(game, eq, horizon);
    const auto mixed = stochastic_backward_induction(game, {.horizon = horizon, .stage = stage_solution::mixed});
    std::size_t expected = 1;
    for (std::size_t t = 0; t < horizon; ++t) expected *= 3;
    EXPECT_EQ(mixed.equilibria.size(), expected);
    for (const auto& eq : mixed.equilibria) expect_subgame_perfect(game, eq, horizon);
  }
  // Battle of the sexes twice, (bottom, right) = value 1 + 1/2 * 1 for player 1 when played both times.
  const auto twice = stochastic_backward_induction(game, {.horizon = 2});
  EXPECT_EQ(twice.equilibria.back().values[0](0, 0), S(3) / S(2));
  const auto limited = stochastic_backward_induction(game, {.horizon = 3, .max_equilibria = 5});
  EXPECT_EQ(limited.status, run_status::limit_reached);
  EXPECT_EQ(limited.equilibria.size(), 5u);
}

TYPED_TEST(finite_horizon, random_games) {
  using S = TypeParam;
  std::size_t found = 0;
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    const auto game = random_stochastic_game<S>(seed, 2 + seed % 2, 1 + seed % 3, 3);
    const std::size_t horizon = 1 + seed % 3;
    const auto pure = stochastic_backward_induction(game, {.horizon = horizon, .max_equilibria = 50});
    for (const auto& eq : pure.equilibria) expect_subgame_perfect(game, eq, horizon);
    found += pure.equilibria.size();
    if (game.num_players() == 2) {
      const auto mixed = stochastic_backward_induction(
          game, {.horizon = horizon, .stage = stage_solution::mixed, .max_equilibria = 50});
      EXPECT_FALSE(mixed.equilibria.empty());  // every bimatrix game has an equilibrium
      for (const auto& eq : mixed.equilibria) expect_subgame_perfect(game, eq, horizon);
    }
  }
  EXPECT_GT(found, 0u);
  EXPECT_THROW((void)stochastic_backward_induction(random_stochastic_game<S>(1, 3, 1, 2),
                                                              {.horizon = 1, .stage = stage_solution::mixed}),
               invalid_argument);
  EXPECT_THROW((void)stochastic_backward_induction(random_stochastic_game<S>(1, 2, 1, 2), {.horizon = 0}),
               invalid_argument);
}

// The pure MPE of one period are the stage games' pure equilibria.
TEST(finite_horizon_exact, one_period_is_the_stage_game) {
  const auto game = read_stochastic_json_file(testing_support::stochastic_data_dir + "talks.json");
  const auto result = stochastic_backward_induction(game, {.horizon = 1});
  std::size_t expected = 1;
  for (std::size_t s = 0; s < game.num_states(); ++s) {
    strategic_game<rational> stage(game.state(s).action_counts());
    for (std::size_t p = 0; p < stage.num_profiles(); ++p)
      for (std::size_t i = 0; i < 2; ++i) stage.set_payoff(i, p, game.outcome(s, p).payoffs[i]);
    expected *= pure_strategy_enumeration(stage).equilibria.size();
  }
  EXPECT_EQ(result.equilibria.size(), expected);
}

}  // namespace
}  // namespace impasse
