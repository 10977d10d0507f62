// The Markov chain over states that a stationary profile induces in a
// stochastic game, and what it says about where play goes: the transition
// matrix, the chance of being in some states within n periods, and the
// chance of reaching one set of states before another. Exact in rationals.
// Costs: O(S^2 * profiles) for the matrix, O(n S^3) for `probability_within`
// (n squarings would do, but n is small), O(S^3) for the hitting probabilities.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/detail/linear_system.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/stochastic/markov_perfect.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace impasse {

/// P(s, s'): the chance that play in state s moves to s' next period when
/// every player follows `profile` (checked against the game).
template <scalar Scalar>
[[nodiscard]] matrix<Scalar> transition_matrix(const stochastic_game<Scalar>& game,
                                               const stationary_profile<Scalar>& profile) {
  validate_stationary_profile(game, profile);
  const auto n = static_cast<Eigen::Index>(game.num_states());
  matrix<Scalar> p = matrix<Scalar>::Zero(n, n);
  for (std::size_t s = 0; s < game.num_states(); ++s) {
    const auto& state = game.state(s);
    detail::for_each_played_profile(state, profile[s], [&](std::size_t index, const auto&, const Scalar& weight) {
      for (const auto& [next, probability] : state.outcomes[index].next)
        p(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(next)) += weight * probability;
    });
  }
  return p;
}

/// For each state s: the chance that play starting in s is in one of
/// `targets` after exactly `periods` periods. With absorbing targets this
/// is the chance of having reached them within `periods`.
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> probability_within(const matrix<Scalar>& transitions,
                                                     const std::vector<std::size_t>& targets, std::size_t periods) {
  const auto n = transitions.rows();
  vector<Scalar> in_target = vector<Scalar>::Zero(n);
  for (const auto t : targets) {
    if (static_cast<Eigen::Index>(t) >= n) throw invalid_argument("probability_within: no state " + std::to_string(t));
    in_target(static_cast<Eigen::Index>(t)) = 1;
  }
  for (std::size_t k = 0; k < periods; ++k) in_target = (transitions * in_target).eval();
  return {in_target.begin(), in_target.end()};
}

/// For each state s: the chance that play starting in s reaches a state of
/// `targets` before any state of `avoid` (1 on targets, 0 on `avoid`). A
/// state from which no target can be reached without passing `avoid` gets 0
/// exactly; on the others the system h = P h is non-singular.
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> hitting_probability(const matrix<Scalar>& transitions,
                                                      const std::vector<std::size_t>& targets,
                                                      const std::vector<std::size_t>& avoid = {}) {
  const auto n = static_cast<std::size_t>(transitions.rows());
  enum class role { free, target, avoided };
  std::vector<role> roles(n, role::free);
  for (const auto a : avoid) roles.at(a) = role::avoided;
  for (const auto t : targets) {
    if (roles.at(t) == role::avoided)
      throw invalid_argument("hitting_probability: state " + std::to_string(t) + " is both a target and avoided");
    roles[t] = role::target;
  }
  // The free states that can reach a target through free states.
  std::vector<bool> reaches(n, false);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t s = 0; s < n; ++s) {
      if (roles[s] != role::free || reaches[s]) continue;
      for (std::size_t t = 0; t < n; ++t) {
        if (transitions(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(t)) == 0) continue;
        if (roles[t] == role::target || (roles[t] == role::free && reaches[t])) {
          reaches[s] = changed = true;
          break;
        }
      }
    }
  }
  std::vector<std::size_t> unknown;
  std::vector<Eigen::Index> position(n, -1);
  for (std::size_t s = 0; s < n; ++s)
    if (roles[s] == role::free && reaches[s]) {
      position[s] = static_cast<Eigen::Index>(unknown.size());
      unknown.push_back(s);
    }
  std::vector<Scalar> h(n, Scalar(0));
  for (std::size_t s = 0; s < n; ++s)
    if (roles[s] == role::target) h[s] = 1;
  if (unknown.empty()) return h;
  // (I - P_UU) h_U = P_UT 1.
  const auto m = static_cast<Eigen::Index>(unknown.size());
  matrix<Scalar> a = matrix<Scalar>::Identity(m, m);
  vector<Scalar> b = vector<Scalar>::Zero(m);
  for (Eigen::Index r = 0; r < m; ++r) {
    const auto s = static_cast<Eigen::Index>(unknown[static_cast<std::size_t>(r)]);
    for (std::size_t t = 0; t < n; ++t) {
      const Scalar& p = transitions(s, static_cast<Eigen::Index>(t));
      if (p == 0) continue;
      if (roles[t] == role::target) b(r) += p;
      else if (position[t] >= 0) a(r, position[t]) -= p;
    }
  }
  const auto solution = detail::solve_square(std::move(a), std::move(b));
  if (!solution) throw invalid_argument("hitting_probability: the chain's system is singular (not a stochastic matrix?)");
  for (Eigen::Index r = 0; r < m; ++r) h[unknown[static_cast<std::size_t>(r)]] = (*solution)(r);
  return h;
}

}  // namespace impasse
