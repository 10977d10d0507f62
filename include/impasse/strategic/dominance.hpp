// Iterated elimination of strictly dominated strategies, by pure strategies
// and, on request, by mixed strategies.
//
// A pure strategy s of player i is strictly dominated by a mixed strategy
// sigma of the same player when sum_t sigma_t u_i(t, o) > u_i(s, o) for
// every profile o of the others' (remaining) strategies; by a pure strategy
// when sigma puts all its weight on one t. Removing strictly dominated
// strategies never removes a Nash equilibrium, and the order of removal
// does not change the end result (Gilboa, Kalai and Zemel 1990 for pure
// domination; for mixed domination, a strategy is dominated exactly when it
// is never a best response to a belief, correlated for three players or
// more, over the others' profiles, Pearce 1984), so each round removes every
// dominated strategy of every player at once, until a round removes
// nothing.
//
// Pure domination costs O(n * m * P) comparisons per round for P remaining
// profiles and at most m strategies per player. Mixed domination adds, for
// each strategy that no pure strategy dominates, one linear program with
// P / m_i variables and m_i - 1 constraints (dual form: maximise
// sum_o q_o u'(s, o) subject to sum_o q_o u'(t, o) <= 1 for t != s, with u'
// the payoffs shifted to be >= 1; s is dominated exactly when the optimum is
// below 1, and the constraints' shadow prices, normalised, are a dominating
// mixture). Each mixture found is then checked directly against every
// profile of the others before s is removed: exactly in rationals, with a
// margin above the payoff tolerance in double. In rationals the program is
// first solved in double and its answer kept when its certificate (the
// mixture, or a belief to which s is a best response) checks out exactly.
#pragma once

#include <impasse/core/result.hpp>
#include <impasse/detail/simplex.hpp>
#include <impasse/strategic/game.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stop_token>
#include <vector>

namespace impasse {

/// Options of `iterated_strict_dominance`: a plain aggregate (nothing in it
/// depends on the scalar).
struct iterated_strict_dominance_options {
  /// Also remove strategies strictly dominated by a mixture of the same
  /// player's other strategies (one linear program per such check).
  bool by_mixed_strategies = false;
  /// In rationals, when the floating-point program's certificate does not
  /// check out exactly, solve the program again exactly. False keeps the
  /// strategy instead: every removal is still proved exactly, but a
  /// strategy whose domination the floating program misses (or that is
  /// only weakly dominated, where the program is degenerate) stays, which
  /// is much faster on large degenerate games (and the result is then not
  /// `exact`: it may keep a dominated strategy).
  bool retry_exactly = true;
  /// Checked before each strategy's test (status `cancelled`, with the game
  /// as reduced by the rounds before).
  std::stop_token stop_token = {};
  /// Strategies tested in the current round, of all the strategies left.
  progress_callback on_progress = {};
};

/// A game with some strategies removed, and the map back to the input's.
template <scalar Scalar>
struct strategy_reduction {
  /// The game that survives, with the original labels.
  strategic_game<Scalar> game;
  /// For each player, the original index of each surviving strategy:
  /// `original_strategies[i][s]` is strategy s of `game` in the input game.
  std::vector<std::vector<std::size_t>> original_strategies;
  /// Rounds that removed at least one strategy.
  std::size_t rounds = 0;
};

/// Result of `iterated_strict_dominance`. `exact` in rationals (unless
/// `retry_exactly` is off): every removal proved exactly and nothing
/// dominated left. In double, domination is decided with a margin above the
/// payoff tolerance; no number is reported, so `error_bound` stays 0.
template <scalar Scalar>
struct iterated_strict_dominance_result : run_report, strategy_reduction<Scalar> {
  /// Linear programs solved to test domination by mixed strategies.
  std::size_t linear_programs = 0;
};

namespace detail {

/// True when `t` strictly dominates `s` for `player` in `game`.
template <scalar Scalar>
bool strictly_dominates(const strategic_game<Scalar>& game, std::size_t player, std::size_t t,
                        std::size_t s) {
  const auto u = game.payoffs(player);
  const std::size_t stride = game.stride(player);
  const std::size_t block = stride * game.num_strategies(player);
  for (std::size_t base = 0; base < game.num_profiles(); base += block)
    for (std::size_t k = 0; k < stride; ++k)
      if (!(u[base + t * stride + k] > u[base + s * stride + k])) return false;
  return true;
}

/// `player`'s payoffs as a matrix: one row per own strategy, one column per
/// profile of the others' strategies.
template <scalar Scalar>
matrix<Scalar> payoffs_against_others(const strategic_game<Scalar>& game, std::size_t player) {
  const auto u = game.payoffs(player);
  const std::size_t stride = game.stride(player);
  const std::size_t count = game.num_strategies(player);
  const std::size_t block = stride * count;
  matrix<Scalar> out(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(game.num_profiles() / count));
  Eigen::Index column = 0;
  for (std::size_t base = 0; base < game.num_profiles(); base += block)
    for (std::size_t k = 0; k < stride; ++k, ++column)
      for (std::size_t t = 0; t < count; ++t) out(static_cast<Eigen::Index>(t), column) = u[base + t * stride + k];
  return out;
}

/// The dual-form program for "is row s of `payoffs` dominated by a mixture
/// of the others?" (see the file comment), in Number; `others` gets the
/// rows of its constraints.
template <scalar Number, scalar Scalar>
lp_solution<Number> domination_program(const matrix<Scalar>& payoffs, Eigen::Index s,
                                       std::vector<Eigen::Index>& others) {
  const Eigen::Index rows = payoffs.rows(), profiles = payoffs.cols();
  const matrix<Number> u = payoffs.unaryExpr([](const Scalar& x) { return scalar_cast<Number>(x); });
  const Number shift = Number(1) - u.minCoeff();
  linear_program<Number> lp;
  lp.constraints.resize(rows - 1, profiles);
  others.clear();
  for (Eigen::Index t = 0; t < rows; ++t)
    if (t != s) {
      lp.constraints.row(static_cast<Eigen::Index>(others.size())) = u.row(t).array() + shift;
      others.push_back(t);
    }
  lp.bounds = vector<Number>::Ones(rows - 1);
  lp.senses.assign(static_cast<std::size_t>(rows - 1), constraint_sense::less_equal);
  lp.objective = (u.row(s).array() + shift).matrix().transpose();
  return solve_linear_program(lp);
}

/// True when the mixture with (unnormalised, non-negative) `weights` over
/// the rows `others` pays strictly more than row s against every column:
/// exactly in rationals, by more than the payoff tolerance in double.
template <scalar Scalar>
bool mixture_dominates(const matrix<Scalar>& payoffs, Eigen::Index s, const std::vector<Eigen::Index>& others,
                       const std::vector<Scalar>& weights) {
  Scalar total(0);
  for (const auto& w : weights) total += w;
  if (!(total > 0)) return false;
  Scalar margin = scalar_traits<Scalar>::tolerance();
  if constexpr (!is_exact_v<Scalar>) margin *= std::max(1.0, payoffs.cwiseAbs().maxCoeff());
  for (Eigen::Index o = 0; o < payoffs.cols(); ++o) {
    Scalar mixed(0);
    for (std::size_t c = 0; c < others.size(); ++c)
      if (weights[c] > 0) mixed += weights[c] * payoffs(others[c], o);
    if (!(mixed > total * (payoffs(s, o) + margin))) return false;
  }
  return true;
}

/// The non-negative parts of `values`, in Scalar.
template <scalar Scalar, scalar Number>
std::vector<Scalar> weights_of(const vector<Number>& values) {
  std::vector<Scalar> out;
  for (Eigen::Index i = 0; i < values.size(); ++i)
    out.push_back(values(i) > 0 ? scalar_cast<Scalar>(values(i)) : Scalar(0));
  return out;
}

/// True when strategy `s` (a row of `payoffs`, see payoffs_against_others)
/// is strictly dominated by a mixture of the other rows. Counts the linear
/// programs it solves. In rationals the program is solved in double first,
/// and its verdict is kept when a certificate checks out exactly: a
/// dominating mixture, or a belief over the others' profiles to which s is
/// a best response (then nothing dominates it); otherwise the program is
/// solved again exactly.
template <scalar Scalar>
bool dominated_by_mixture(const matrix<Scalar>& payoffs, Eigen::Index s, std::size_t& linear_programs,
                          bool retry_exactly = true, const matrix<double>* approximate = nullptr) {
  if (payoffs.rows() < 2) return false;
  std::vector<Eigen::Index> others;
  if constexpr (is_exact_v<Scalar>) {
    ++linear_programs;
    // `approximate`: the payoffs already in double (converting is slow).
    const auto estimate = approximate != nullptr ? domination_program<double>(*approximate, s, others)
                                                 : domination_program<double>(payoffs, s, others);
    if (estimate.status == lp_status::optimal) {
      if (estimate.value < 1 - 1e-9 && mixture_dominates(payoffs, s, others, weights_of<Scalar>(estimate.dual)))
        return true;
      if (estimate.value > 1 + 1e-9) {
        // s is a best response to the belief q (the primal solution).
        const auto belief = weights_of<Scalar>(estimate.primal);
        std::vector<Scalar> expected(static_cast<std::size_t>(payoffs.rows()), Scalar(0));
        for (Eigen::Index t = 0; t < payoffs.rows(); ++t)
          for (Eigen::Index o = 0; o < payoffs.cols(); ++o)
            if (belief[static_cast<std::size_t>(o)] > 0)
              expected[static_cast<std::size_t>(t)] += belief[static_cast<std::size_t>(o)] * payoffs(t, o);
        if (std::all_of(expected.begin(), expected.end(),
                        [&](const Scalar& e) { return !(e > expected[static_cast<std::size_t>(s)]); }) &&
            std::any_of(belief.begin(), belief.end(), [](const Scalar& q) { return q > 0; }))
          return false;
      }
    }
    if (!retry_exactly) return false;
  }
  ++linear_programs;
  const auto solution = domination_program<Scalar>(payoffs, s, others);
  if (solution.status != lp_status::optimal) return false;
  if constexpr (is_exact_v<Scalar>) {
    if (!(solution.value < 1)) return false;
  } else {
    if (!(solution.value < 1 - 1e-9)) return false;
  }
  // The shadow prices, normalised, form the dominating mixture: check it.
  return mixture_dominates(payoffs, s, others, weights_of<Scalar>(solution.dual));
}

}  // namespace detail

/// Removes strictly dominated pure strategies (dominated by another pure
/// strategy, and with `by_mixed_strategies` by a mixture of others) until
/// none is left; keeps the map back to the input's strategies.
template <scalar Scalar>
[[nodiscard]] iterated_strict_dominance_result<Scalar> iterated_strict_dominance(
    const strategic_game<Scalar>& game, const iterated_strict_dominance_options& options = {}) {
  iterated_strict_dominance_result<Scalar> result{{}, {game, {}, 0}, 0};
  result.exact = is_exact_v<Scalar> && (options.retry_exactly || !options.by_mixed_strategies);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    std::vector<std::size_t> all(game.num_strategies(i));
    for (std::size_t s = 0; s < all.size(); ++s) all[s] = s;
    result.original_strategies.push_back(std::move(all));
  }
  for (;;) {
    const auto& current = result.game;
    std::vector<std::vector<std::size_t>> kept(current.num_players());
    bool removed = false;
    std::size_t tested = 0;
    for (std::size_t i = 0; i < current.num_players(); ++i) {
      matrix<Scalar> against_others;
      matrix<double> approximate;
      if (options.by_mixed_strategies && current.num_strategies(i) > 2) {
        against_others = detail::payoffs_against_others(current, i);
        if constexpr (is_exact_v<Scalar>)
          approximate = against_others.unaryExpr([](const Scalar& x) { return scalar_cast<double>(x); });
      }
      for (std::size_t s = 0; s < current.num_strategies(i); ++s) {
        if (options.stop_token.stop_requested()) {
          result.status = run_status::cancelled;
          return result;
        }
        detail::report_progress(options.on_progress, tested++, current.total_strategies(), "strategies");
        bool dominated = false;
        for (std::size_t t = 0; t < current.num_strategies(i) && !dominated; ++t)
          dominated = t != s && detail::strictly_dominates(current, i, t, s);
        // With two strategies a mixture dominates only if the other pure
        // strategy does.
        if (!dominated && against_others.size() > 0)
          dominated = detail::dominated_by_mixture(against_others, static_cast<Eigen::Index>(s),
                                                   result.linear_programs, options.retry_exactly,
                                                   approximate.size() > 0 ? &approximate : nullptr);
        if (dominated)
          removed = true;
        else
          kept[i].push_back(s);
      }
    }
    if (!removed) return result;
    ++result.rounds;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      std::vector<std::size_t> original;
      for (auto s : kept[i]) original.push_back(result.original_strategies[i][s]);
      result.original_strategies[i] = std::move(original);
    }
    result.game = restrict_strategies(current, kept);
  }
}

namespace detail {

/// Player `player`'s classes of payoff-equivalent strategies (paying every
/// player the same against every profile of the others), each in
/// increasing order, ordered by their first members.
template <scalar Scalar>
std::vector<std::vector<std::size_t>> payoff_equivalence_classes(const strategic_game<Scalar>& game, std::size_t player) {
  const std::size_t stride = game.stride(player), count = game.num_strategies(player);
  const std::size_t block = stride * count;
  const auto same = [&](std::size_t s, std::size_t t) {
    for (std::size_t j = 0; j < game.num_players(); ++j) {
      const auto u = game.payoffs(j);
      for (std::size_t base = 0; base < game.num_profiles(); base += block)
        for (std::size_t k = 0; k < stride; ++k)
          if (!(u[base + s * stride + k] == u[base + t * stride + k])) return false;
    }
    return true;
  };
  std::vector<std::vector<std::size_t>> classes;
  for (std::size_t s = 0; s < count; ++s) {
    const auto known = std::find_if(classes.begin(), classes.end(), [&](const auto& c) { return same(s, c.front()); });
    if (known != classes.end())
      known->push_back(s);
    else
      classes.push_back({s});
  }
  return classes;
}

}  // namespace detail

/// Removes each strategy that pays every player exactly what an earlier
/// strategy of the same player pays, against every profile of the others'
/// strategies (payoff-equivalent, or duplicate, strategies), keeping the
/// first of each class; `original_strategies` maps back. Every equilibrium
/// of the result, with each kept strategy standing for its class, is an
/// equilibrium of the input, and extreme equilibria stay extreme; the
/// input's other equilibria differ from these only in how the weight of a
/// class is split among its members. Cost O(n * m^2 * P) comparisons at
/// worst for P profiles and at most m strategies per player (each
/// strategy against the kept ones, stopping at the first difference).
template <scalar Scalar>
[[nodiscard]] strategy_reduction<Scalar> remove_payoff_equivalent_strategies(const strategic_game<Scalar>& game) {
  strategy_reduction<Scalar> result{game, {}, 0};
  bool removed = false;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    std::vector<std::size_t> kept;
    for (const auto& c : detail::payoff_equivalence_classes(game, i)) kept.push_back(c.front());
    removed = removed || kept.size() < game.num_strategies(i);
    result.original_strategies.push_back(std::move(kept));
  }
  if (removed) {
    result.rounds = 1;
    result.game = restrict_strategies(game, result.original_strategies);
  }
  return result;
}

}  // namespace impasse
