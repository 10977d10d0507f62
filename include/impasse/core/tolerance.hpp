// How solvers in `double` compare payoffs, in one place.
//
// Two payoffs (or a payoff and a best response's) count as equal when they
// differ by at most
//
//   relative_payoff_tolerance * range + 64 * epsilon * largest
//
// where `range` is the largest minus the smallest payoff of the game (every
// player's) and `largest` the largest absolute payoff: a tolerance relative
// to the game's own unit, so that a game whose payoffs are all multiplied by
// any c > 0 (1e-12 or 1e12 as well as 1) has the same equilibria in double,
// and the rounding of sums of large payoffs is absorbed. Exact scalars
// compare exactly (tolerance zero). Pure equilibria, backward induction,
// the regret functions' defaults, Lemke-Howson's checks and the logit
// homotopy all use this rule; each game kind gives its payoff span
// (`payoff_span_of` in strategic/game.hpp, extensive/game.hpp,
// stochastic/game.hpp).
#pragma once

#include <impasse/core/scalar.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace impasse {

/// The relative part of the payoff tolerance in double.
inline constexpr double relative_payoff_tolerance = 1e-9;

/// high - low, at most the largest double: two payoffs of opposite signs
/// near it would otherwise give an infinite spread, and with it infinite
/// tolerances and relative regrets of zero for every profile. The cap
/// overstates a relative regret by at most 2x (a spread of two finite
/// doubles is below twice the largest), which errs on the safe side.
[[nodiscard]] inline double finite_spread(double low, double high) noexcept {
  return std::min(high - low, std::numeric_limits<double>::max());
}

/// The smallest and largest payoff of a game, in double.
struct payoff_span {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();

  void add(double u) noexcept {
    low = std::min(low, u);
    high = std::max(high, u);
  }
  /// Largest minus smallest payoff; 0 for a game without payoffs.
  [[nodiscard]] double range() const noexcept { return high >= low ? finite_spread(low, high) : 0.0; }
  /// The largest absolute payoff; 0 for a game without payoffs.
  [[nodiscard]] double largest() const noexcept { return high >= low ? std::max(std::abs(low), std::abs(high)) : 0.0; }
};

/// The tolerance of payoff comparisons for a game with payoffs `span` (see
/// the top of this file): zero for exact scalars.
template <scalar Scalar>
[[nodiscard]] Scalar payoff_tolerance(const payoff_span& span) {
  if constexpr (is_exact_v<Scalar>) {
    return Scalar(0);
  } else {
    return Scalar(relative_payoff_tolerance * span.range() +
                  64 * std::numeric_limits<double>::epsilon() * span.largest());
  }
}

}  // namespace impasse
