// Every public solver through one generic code path, in double and in
// rationals (docs/design.md): the result derives from run_report (status,
// reason, exact, error_bound), the options are `<solver>_options` with a
// stop token and, for solvers of equilibria, a per-equilibrium callback
// and `max_equilibria`/limits meaning "0 is no limit". A solver that drifts
// from the shape fails to compile here; one that lies about its status or
// exactness fails at run time.
#include <impasse/impasse.hpp>

#include "test_games.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <stop_token>
#include <type_traits>
#include <vector>

namespace impasse {
namespace {

/// What every result has.
template <class Result>
concept solver_result = std::derived_from<Result, run_report> && requires(const Result& r) {
  { r.status } -> std::convertible_to<run_status>;
  { r.reason } -> std::convertible_to<std::string>;
  { r.exact } -> std::convertible_to<bool>;
  { r.error_bound } -> std::convertible_to<double>;
};

/// What every result of a solver of equilibria has besides: the equilibria,
/// in one vector (even when the method finds one).
template <class Result>
concept equilibrium_result = solver_result<Result> && requires(const Result& r) {
  r.equilibria.size();
  r.equilibria.empty();
};

/// What every options struct has.
template <class Options>
concept solver_options = std::is_aggregate_v<Options> && std::default_initializable<Options> &&
                         requires(Options o) { o.stop_token = std::stop_token{}; };

/// Options of a solver of equilibria: a callback per equilibrium too.
template <class Options, class Equilibrium>
concept equilibrium_options =
    solver_options<Options> && requires(Options o) { o.on_equilibrium = [](const Equilibrium&) {}; };

template <class Options>
concept with_progress = requires(Options o) { o.on_progress = [](const progress&) {}; };

/// The one generic path: solve with a callback, then with a stop requested
/// before the call. `is_equilibrium(game, e)` is the independent check (a
/// regret function that shares no code with the solver).
template <class Scalar, class Options, class Game, class Solve, class Check>
void expect_equilibrium_solver(const Game& game, Solve&& solve, Check&& is_equilibrium, bool exact_in_rationals = true) {
  using result_type = std::remove_cvref_t<std::invoke_result_t<Solve, const Game&, const Options&>>;
  static_assert(equilibrium_result<result_type>, "a solver's result derives from run_report and has `equilibria`");
  using equilibrium_type = std::remove_cvref_t<decltype(std::declval<result_type>().equilibria.front())>;
  static_assert(equilibrium_options<Options, equilibrium_type>,
                "a solver's options are an aggregate with a stop token and a callback per equilibrium");

  Options options{};
  std::vector<equilibrium_type> seen;
  options.on_equilibrium = [&](const equilibrium_type& e) { seen.push_back(e); };
  const result_type result = solve(game, options);
  EXPECT_EQ(result.status, run_status::complete) << result.reason;
  EXPECT_TRUE(result.reason.empty());
  ASSERT_FALSE(result.equilibria.empty());
  EXPECT_EQ(seen.size(), result.equilibria.size());
  for (const auto& e : result.equilibria) EXPECT_TRUE(is_equilibrium(game, e));
  if constexpr (is_exact_v<Scalar>) {
    if (exact_in_rationals) {
      EXPECT_TRUE(result.exact);
      EXPECT_EQ(result.error_bound, 0.0);
    }
  }
  if (!result.exact) {
    EXPECT_GE(result.error_bound, 0.0);
    EXPECT_LE(result.error_bound, 1e-6);
  }

  std::stop_source stop;
  stop.request_stop();
  Options cancelled{};
  cancelled.stop_token = stop.get_token();
  EXPECT_EQ(solve(game, cancelled).status, run_status::cancelled);
}

template <class Scalar>
class SolverShapeTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(SolverShapeTest, Scalars);

template <class Scalar>
strategic_game<Scalar> battle_of_the_sexes() {
  return strategic_game<Scalar>::bimatrix({{3, 0}, {0, 2}}, {{2, 0}, {0, 3}});
}

template <class Scalar>
strategic_game<Scalar> matching_pennies() {
  return strategic_game<Scalar>::bimatrix({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
}

using test::entry_deterrence;

/// Matching pennies with a stochastic twist: two states, play moves on.
template <class Scalar>
stochastic_game<Scalar> pennies_chain() {
  std::vector<stochastic_state<Scalar>> states;
  for (std::size_t s = 0; s < 2; ++s) {
    stochastic_state<Scalar> state;
    state.name = s == 0 ? "here" : "there";
    state.actions = {{"H", "T"}, {"H", "T"}};
    for (std::size_t p = 0; p < 4; ++p) {
      const Scalar u = (p == 0 || p == 3) ? Scalar(1) : Scalar(-1);
      state.outcomes.push_back({{u, -u}, {{1 - s, Scalar(1)}}});
    }
    states.push_back(state);
  }
  return stochastic_game<Scalar>({"Row", "Column"}, states, {Scalar(1) / 2});
}

template <class Scalar>
bool nash(const strategic_game<Scalar>& game, const mixed_profile<Scalar>& e) {
  return is_nash_equilibrium(game, e, Scalar(is_exact_v<Scalar> ? 0 : 1e-9));
}

TYPED_TEST(SolverShapeTest, StrategicSolvers) {
  using S = TypeParam;
  const auto game = battle_of_the_sexes<S>();
  const auto check = [](const strategic_game<S>& g, const mixed_profile<S>& e) { return nash(g, e); };
  expect_equilibrium_solver<S, vertex_enumeration_options<S>>(
      game, [](const auto& g, const auto& o) { return vertex_enumeration(g, o); }, check);
  expect_equilibrium_solver<S, support_enumeration_options<S>>(
      game, [](const auto& g, const auto& o) { return support_enumeration(g, o); }, check);
  expect_equilibrium_solver<S, lemke_howson_options<S>>(
      game, [](const auto& g, const auto& o) { return lemke_howson(g, o); }, check);
  expect_equilibrium_solver<S, lemke_howson_all_options<S>>(
      game, [](const auto& g, const auto& o) { return lemke_howson_all(g, o); }, check);
  expect_equilibrium_solver<S, reduced_vertex_enumeration_options<S>>(
      game, [](const auto& g, const auto& o) { return reduced_vertex_enumeration(g, o); }, check);
  expect_equilibrium_solver<S, zero_sum_lp_options<S>>(
      matching_pennies<S>(), [](const auto& g, const auto& o) { return zero_sum_lp(g, o); }, check);
  expect_equilibrium_solver<S, pure_strategy_enumeration_options>(
      game, [](const auto& g, const auto& o) { return pure_strategy_enumeration(g, o); },
      [](const strategic_game<S>& g, const pure_profile& e) {
        return nash(g, mixed_profile<S>::pure(g.strategy_counts(), e));
      });
  static_assert(with_progress<vertex_enumeration_options<S>> && with_progress<support_enumeration_options<S>> &&
                with_progress<lemke_howson_options<S>> && with_progress<lemke_howson_all_options<S>> &&
                with_progress<zero_sum_lp_options<S>> && with_progress<pure_strategy_enumeration_options> &&
                with_progress<iterated_strict_dominance_options>);
}

/// Jordan's three-player pennies: 1 wants to match 2, 2 to match 3, 3 to
/// mismatch 1. The only equilibrium has everyone mixing half and half.
template <class Scalar>
strategic_game<Scalar> jordan_pennies() {
  strategic_game<Scalar> game({2, 2, 2});
  for (std::size_t a = 0; a < 2; ++a)
    for (std::size_t b = 0; b < 2; ++b)
      for (std::size_t c = 0; c < 2; ++c) {
        const std::array<std::size_t, 3> profile{a, b, c};
        game.set_payoff(0, profile, Scalar(a == b ? 1 : -1));
        game.set_payoff(1, profile, Scalar(b == c ? 1 : -1));
        game.set_payoff(2, profile, Scalar(c != a ? 1 : -1));
      }
  return game;
}

TYPED_TEST(SolverShapeTest, NPlayerSolvers) {
  // The n-player methods return double profiles for a game in either
  // scalar, never exact, each checked against the game's own payoffs;
  // simplicial subdivision profiles in the game's scalar.
  using S = TypeParam;
  const auto game = jordan_pennies<S>();
  const auto check = [](const strategic_game<S>& g, const mixed_profile<double>& e) {
    const auto doubles = convert<double>(g);
    if (!is_nash_equilibrium(doubles, e, 1e-6)) return false;
    for (std::size_t i = 0; i < 3; ++i)
      if (std::abs(e(i, 0) - 0.5) > 1e-6) return false;
    return true;
  };
  expect_equilibrium_solver<S, polynomial_enumeration_options>(
      game, [](const auto& g, const auto& o) { return polynomial_enumeration(g, o); }, check, false);
  expect_equilibrium_solver<S, global_newton_options>(
      game, [](const auto& g, const auto& o) { return global_newton(g, o); }, check, false);
  expect_equilibrium_solver<S, polymatrix_approximation_options>(
      game, [](const auto& g, const auto& o) { return polymatrix_approximation(g, o); }, check, false);
  expect_equilibrium_solver<S, logit_options>(
      game, [](const auto& g, const auto& o) { return logit_principal_branch(g, o); }, check, false);
  // Simplicial subdivision computes in the game's scalar: from the first
  // strategies, 1/2 is on the first grid, found exactly (zero regret) in
  // rationals.
  const auto check_in_scalar = [](const strategic_game<S>& g, const mixed_profile<S>& e) {
    if (!(relative_regret(g, e) <= 1e-7)) return false;
    for (std::size_t i = 0; i < 3; ++i)
      if (e(i, 0) != S(1) / S(2)) return false;
    return true;
  };
  expect_equilibrium_solver<S, simplicial_subdivision_options<S>>(
      game, [](const auto& g, const auto& o) { return simplicial_subdivision(g, o); }, check_in_scalar, true);
  static_assert(with_progress<simplicial_subdivision_options<S>>);
  static_assert(with_progress<polynomial_enumeration_options> && with_progress<global_newton_options> &&
                with_progress<polymatrix_approximation_options> && with_progress<logit_options>);
  static_assert(solver_result<logit_qre_at_lambdas_result> && solver_result<logit_estimate_result>);
  EXPECT_FALSE(polynomial_enumeration(game).exact);
}

TYPED_TEST(SolverShapeTest, ExtensiveSolvers) {
  using S = TypeParam;
  const auto game = entry_deterrence<S>();
  const auto subgame_perfect = [](const extensive_game<S>& g, const behaviour_profile<S>& e) {
    return max_subgame_regret(g, e) <= S(is_exact_v<S> ? 0 : 1e-9);
  };
  // Nash in the tree: no regret at the root. Reduced profiles leave the sets
  // a player's own strategy makes unreachable at zero: any action there will
  // do, so the first is played before checking.
  const auto nash_in_tree = [](const extensive_game<S>& g, const behaviour_profile<S>& e) {
    auto completed = e;
    for (std::size_t h = 0; h < g.num_information_sets(); ++h) {
      if (g.infoset(h).player == chance_player) continue;
      S sum(0);
      for (const auto& p : e.at(h)) sum += p;
      if (sum == S(0)) completed(h, 0) = S(1);
    }
    for (const auto& r : behaviour_regrets(g, completed))
      if (r > S(is_exact_v<S> ? 0 : 1e-9)) return false;
    return true;
  };
  expect_equilibrium_solver<S, backward_induction_options<S>>(
      game, [](const auto& g, const auto& o) { return backward_induction(g, o); }, subgame_perfect);
  expect_equilibrium_solver<S, subgame_decomposition_options<S>>(
      game, [](const auto& g, const auto& o) { return subgame_decomposition(g, o); }, subgame_perfect);
  expect_equilibrium_solver<S, reduced_pure_strategy_enumeration_options<S>>(
      game, [](const auto& g, const auto& o) { return reduced_pure_strategy_enumeration(g, o); },
      nash_in_tree);
  expect_equilibrium_solver<S, sequence_form_lcp_options<S>>(
      game, [](const auto& g, const auto& o) { return sequence_form_lcp(g, o); }, nash_in_tree);
  expect_equilibrium_solver<S, sequence_form_lp_options<S>>(
      kuhn_poker<S>(), [](const auto& g, const auto& o) { return sequence_form_lp(g, o); }, nash_in_tree);
}

TYPED_TEST(SolverShapeTest, StochasticSolvers) {
  using S = TypeParam;
  const auto game = pennies_chain<S>();
  const auto markov_perfect = [](const stochastic_game<S>& g, const markov_perfect_equilibrium<S>& e) {
    return max_one_shot_deviation_gain(g, e.strategies) <= S(is_exact_v<S> ? 0 : 1e-8);
  };
  expect_equilibrium_solver<S, logit_homotopy_options<S>>(
      game, [](const auto& g, const auto& o) { return logit_homotopy(g, o); }, markov_perfect);
  expect_equilibrium_solver<S, shapley_value_iteration_options<S>>(
      game, [](const auto& g, const auto& o) { return shapley_value_iteration(g, o); }, markov_perfect);
  // Pure stationary MPE: the pennies have none, a coordination chain has some.
  auto coordination = game.states();
  for (auto& state : coordination)
    for (auto& outcome : state.outcomes) outcome.payoffs[1] = outcome.payoffs[0];
  const stochastic_game<S> partners(game.players(), coordination, game.discounts());
  expect_equilibrium_solver<S, pure_stationary_enumeration_options<S>>(
      partners, [](const auto& g, const auto& o) { return pure_stationary_enumeration(g, o); }, markov_perfect);
  expect_equilibrium_solver<S, stochastic_backward_induction_options<S>>(
      partners,
      [](const auto& g, auto o) {
        o.horizon = 2;
        return stochastic_backward_induction(g, o);
      },
      [](const stochastic_game<S>&, const finite_horizon_markov_equilibrium<S>& e) { return e.strategies.size() == 2; });
}

TYPED_TEST(SolverShapeTest, RepeatedSolvers) {
  using S = TypeParam;
  const auto stage = strategic_game<S>::bimatrix({{9, 1}, {10, 3}}, {{9, 10}, {1, 3}});
  const repeated_game<S> finite(stage, S(9) / S(10), 3);
  expect_equilibrium_solver<S, repeated_backward_induction_options<S>>(
      finite, [](const auto& g, const auto& o) { return repeated_backward_induction(g, o); },
      [](const repeated_game<S>&, const finite_horizon_equilibrium<S>& e) { return e.path.size() == 3; });

  // The payoff sets: the same report, vertices instead of equilibria.
  const repeated_game<S> infinite(stage, S(9) / S(10));
  const auto expect_payoff_set = [&](auto&& solve, auto options, bool exact_in_rationals) {
    static_assert(solver_options<decltype(options)> && with_progress<decltype(options)>);
    const auto result = solve(infinite, options);
    static_assert(solver_result<std::remove_cvref_t<decltype(result)>>);
    EXPECT_EQ(result.status, run_status::complete);
    EXPECT_FALSE(result.vertices.empty());
    if (is_exact_v<S> && exact_in_rationals) {
      EXPECT_TRUE(result.exact);
    }
    if (!result.exact) {
      EXPECT_LE(result.error_bound, 1e-6);
    }
    std::stop_source stop;
    stop.request_stop();
    options.stop_token = stop.get_token();
    EXPECT_EQ(solve(infinite, options).status, run_status::cancelled);
  };
  expect_payoff_set([](const auto& g, const auto& o) { return abreu_sannikov(g, o); }, abreu_sannikov_options{}, true);
  expect_payoff_set([](const auto& g, const auto& o) { return outer_approximation(g, o); },
                    outer_approximation_options{.directions = 8}, false);

  // The quantities: a status, exactness and a stop token too.
  std::stop_source stop;
  stop.request_stop();
  static_assert(solver_result<mixed_minmax_result<S>> && solver_result<pure_minmax_result<S>> &&
                solver_result<critical_discount_factor_result<S>> && solver_result<check_subgame_perfection_result<S>> &&
                solver_result<iterated_strict_dominance_result<S>>);
  EXPECT_EQ(mixed_minmax(stage, 0, {.stop_token = stop.get_token()}).status, run_status::cancelled);
  EXPECT_EQ(pure_minmax(stage, 0, {.stop_token = stop.get_token()}).status, run_status::cancelled);
  EXPECT_EQ(iterated_strict_dominance(stage, {.stop_token = stop.get_token()}).status, run_status::cancelled);
  const auto grim = grim_trigger(stage, {0, 0}, {1, 1});
  EXPECT_EQ(critical_discount_factor(stage, grim, {.stop_token = stop.get_token()}).status, run_status::cancelled);
  EXPECT_EQ(check_subgame_perfection(infinite, grim, {.stop_token = stop.get_token()}).status, run_status::cancelled);
  const auto critical = critical_discount_factor(stage, grim);
  EXPECT_EQ(critical.status, run_status::complete);
  if constexpr (is_exact_v<S>) {
    EXPECT_TRUE(critical.exact);
    EXPECT_EQ(*critical.value, S(1) / S(7));
  }
}

TEST(SolverShape, NoLimitIsZeroEverywhere) {
  static_assert(no_limit == 0);
  // Battle of the sexes has three equilibria: 0 keeps them all, 1 keeps one.
  const auto game = battle_of_the_sexes<rational>();
  EXPECT_EQ(vertex_enumeration(game, {.max_equilibria = 0}).equilibria.size(), 3u);
  EXPECT_EQ(support_enumeration(game, {.max_equilibria = 0}).equilibria.size(), 3u);
  EXPECT_EQ(lemke_howson_all(game, {.max_equilibria = 0}).equilibria.size(), 3u);
  EXPECT_EQ(pure_strategy_enumeration(game, {.max_equilibria = 0}).equilibria.size(), 2u);
  EXPECT_EQ(polynomial_enumeration(game, {.max_equilibria = 0}).equilibria.size(), 3u);
  EXPECT_EQ(polynomial_enumeration(game, {.max_equilibria = 1}).equilibria.size(), 1u);
  for (const auto& one : {vertex_enumeration(game, {.max_equilibria = 1}).equilibria.size(),
                          support_enumeration(game, {.max_equilibria = 1}).equilibria.size(),
                          pure_strategy_enumeration(game, {.max_equilibria = 1}).equilibria.size()})
    EXPECT_EQ(one, 1u);
  const auto tree = entry_deterrence<rational>();
  EXPECT_EQ(backward_induction(tree, {.max_equilibria = 0}).equilibria.size(), 1u);
  EXPECT_EQ(subgame_decomposition(tree, {.max_equilibria = 0}).equilibria.size(), 1u);
  EXPECT_EQ(lemke_howson(game, {.max_pivots = 0}).status, run_status::complete);
}

TEST(SolverShape, RationalHomotopyThatCannotBePolishedSaysSo) {
  // Without polishing, a rational homotopy's end point is the double path's,
  // converted: not exact, and the result says so with its bound.
  const auto game = pennies_chain<rational>();
  const auto result = logit_homotopy(game, {.polish = false});
  ASSERT_EQ(result.status, run_status::complete);
  EXPECT_FALSE(result.exact);
  EXPECT_GE(result.error_bound, 0.0);
  EXPECT_LE(result.error_bound, 1e-8);
}

TEST(SolverShape, ProgressIsReported) {
  std::size_t calls = 0;
  const auto game = random_game<double>({14, 14}, {.seed = 7});
  const auto result = vertex_enumeration(game, {.on_progress = [&](const progress& p) {
    ++calls;
    EXPECT_EQ(p.unit, "bases");
  }});
  EXPECT_EQ(result.status, run_status::complete);
  EXPECT_GT(calls, 0u);
}

}  // namespace
}  // namespace impasse
