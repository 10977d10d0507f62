// The check behind every zero-sum solver: the two players' payoffs add up
// to one number at every place (a profile of a strategic game, a terminal
// node of an extensive one). The places are given by callbacks, so the
// check knows nothing of either kind of game.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/core/tolerance.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

namespace impasse::detail {

/// The one number that the two payoffs `pair(k)` (a pair of Scalars) add
/// up to at every place k < count (within the scalar's tolerance, scaled to
/// the payoffs, in double). Throws `invalid_argument` unless there are two
/// players and such a number, naming the places `place(k)` that disagree.
/// Shared by the strategic (places: profiles, strategic/zero_sum.hpp) and
/// the extensive (places: terminal nodes, extensive/sequence_form_lp.hpp)
/// zero-sum solvers.
template <scalar Scalar, class Pair, class Place>
Scalar common_payoff_sum(std::size_t players, std::size_t count, Pair&& pair, Place&& place, const char* who) {
  if (players != 2)
    throw invalid_argument(std::string(who) + " needs a two-player game, this one has " + std::to_string(players) +
                           " players");
  // The payoff tolerance of core/tolerance.hpp (relative to the payoffs'
  // spread and magnitude, zero when exact): a game whose payoffs are all
  // multiplied by 1e-12 is constant-sum exactly when the original is.
  payoff_span span;
  if constexpr (!is_exact_v<Scalar>) {
    for (std::size_t k = 0; k < count; ++k) {
      const auto [x, y] = pair(k);
      span.add(x);
      span.add(y);
    }
  }
  const Scalar tolerance = payoff_tolerance<Scalar>(span);
  const auto [x0, y0] = pair(0);
  const Scalar constant = x0 + y0;
  for (std::size_t k = 1; k < count; ++k) {
    const auto [x, y] = pair(k);
    const Scalar sum = x + y;
    if (sum - constant > tolerance || constant - sum > tolerance)
      throw invalid_argument(std::string(who) + " needs a zero-sum or constant-sum game: the payoffs add up to " +
                             to_message_string(constant) + " at " + place(0) + " but to " + to_message_string(sum) +
                             " at " + place(k));
  }
  return constant;
}

}  // namespace impasse::detail
