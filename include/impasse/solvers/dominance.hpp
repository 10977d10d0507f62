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
// margin above the payoff tolerance in double.
#pragma once

#include <impasse/detail/simplex.hpp>
#include <impasse/strategic_game.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace impasse {

struct dominance_options {
  /// Also remove strategies strictly dominated by a mixture of the same
  /// player's other strategies (one linear program per such check).
  bool by_mixed_strategies = false;
};

template <scalar Scalar>
struct dominance_result {
  /// The game that survives, with the original labels.
  strategic_game<Scalar> game;
  /// For each player, the original index of each surviving strategy:
  /// `original_strategies[i][s]` is strategy s of `game` in the input game.
  std::vector<std::vector<std::size_t>> original_strategies;
  /// Rounds that removed at least one strategy.
  std::size_t rounds = 0;
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

/// True when strategy `s` (a row of `payoffs`, see payoffs_against_others)
/// is strictly dominated by a mixture of the other rows. Counts the linear
/// programs it solves.
template <scalar Scalar>
bool dominated_by_mixture(const matrix<Scalar>& payoffs, Eigen::Index s, std::size_t& linear_programs) {
  const Eigen::Index rows = payoffs.rows(), profiles = payoffs.cols();
  if (rows < 2) return false;
  const Scalar shift = Scalar(1) - payoffs.minCoeff();
  linear_program<Scalar> lp;
  lp.constraints.resize(rows - 1, profiles);
  std::vector<Eigen::Index> others;
  for (Eigen::Index t = 0; t < rows; ++t)
    if (t != s) {
      lp.constraints.row(static_cast<Eigen::Index>(others.size())) = payoffs.row(t).array() + shift;
      others.push_back(t);
    }
  lp.bounds = vector<Scalar>::Ones(rows - 1);
  lp.senses.assign(static_cast<std::size_t>(rows - 1), constraint_sense::less_equal);
  lp.objective = (payoffs.row(s).array() + shift).matrix().transpose();
  ++linear_programs;
  const auto solution = solve_linear_program(lp);
  if (solution.status != lp_status::optimal) return false;
  if constexpr (is_exact_v<Scalar>) {
    if (!(solution.value < 1)) return false;
  } else {
    if (!(solution.value < 1 - 1e-9)) return false;
  }
  // The shadow prices, normalised, form the dominating mixture: check it.
  Scalar total(0);
  for (Eigen::Index c = 0; c < solution.dual.size(); ++c) total += std::max(Scalar(0), solution.dual(c));
  if (!(total > 0)) return false;
  Scalar margin = scalar_traits<Scalar>::tolerance();
  if constexpr (!is_exact_v<Scalar>) margin *= std::max(1.0, payoffs.cwiseAbs().maxCoeff());
  for (Eigen::Index o = 0; o < profiles; ++o) {
    Scalar mixed(0);
    for (std::size_t c = 0; c < others.size(); ++c) {
      const Scalar& w = solution.dual(static_cast<Eigen::Index>(c));
      if (w > 0) mixed += w * payoffs(others[c], o);
    }
    if (!(mixed > total * (payoffs(s, o) + margin))) return false;
  }
  return true;
}

}  // namespace detail

/// Removes strictly dominated pure strategies (dominated by another pure
/// strategy, and with `by_mixed_strategies` by a mixture of others) until
/// none is left; keeps the map back to the input's strategies.
template <scalar Scalar>
[[nodiscard]] dominance_result<Scalar> iterated_strict_dominance(const strategic_game<Scalar>& game,
                                                                 const dominance_options& options = {}) {
  dominance_result<Scalar> result{game, {}, 0, 0};
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    std::vector<std::size_t> all(game.num_strategies(i));
    for (std::size_t s = 0; s < all.size(); ++s) all[s] = s;
    result.original_strategies.push_back(std::move(all));
  }
  for (;;) {
    const auto& current = result.game;
    std::vector<std::vector<std::size_t>> kept(current.num_players());
    bool removed = false;
    for (std::size_t i = 0; i < current.num_players(); ++i) {
      matrix<Scalar> against_others;
      if (options.by_mixed_strategies && current.num_strategies(i) > 2)
        against_others = detail::payoffs_against_others(current, i);
      for (std::size_t s = 0; s < current.num_strategies(i); ++s) {
        bool dominated = false;
        for (std::size_t t = 0; t < current.num_strategies(i) && !dominated; ++t)
          dominated = t != s && detail::strictly_dominates(current, i, t, s);
        // With two strategies a mixture dominates only if the other pure
        // strategy does.
        if (!dominated && against_others.size() > 0)
          dominated = detail::dominated_by_mixture(against_others, static_cast<Eigen::Index>(s),
                                                   result.linear_programs);
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

}  // namespace impasse
