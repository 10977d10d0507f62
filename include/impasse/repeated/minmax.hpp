// Minmax values: the lowest payoff the other players can hold a player to,
// when he best-responds. They bound every equilibrium payoff of a repeated
// game from below (Fudenberg and Maskin 1986; Mailath and Samuelson,
// "Repeated Games and Reputations", 2006, ch. 2.1), and the feasible,
// individually rational payoffs are those of the convex hull of the stage
// payoffs that give every player at least his minmax value.
//
// - Pure minmax, min over the others' pure profiles of the player's best
//   pure payoff: O(|A|) for |A| pure profiles, any number of players.
// - Mixed minmax of a two-player game: the value of the zero-sum game
//   with the player's own payoffs (von Neumann 1928), by the simplex method
//   of strategic/zero_sum.hpp, exact in rationals.
// - The feasible individually rational set of a two-player game: the
//   convex hull of the stage payoffs clipped by u_i >= minmax_i, O(|A| log |A|).
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/repeated/abreu_sannikov.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/zero_sum.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace impasse {

/// Options of `pure_minmax`: a plain aggregate.
struct pure_minmax_options {
  /// Checked every 65,536 profiles (status `cancelled`).
  std::stop_token stop_token = {};
};

/// Result of `pure_minmax`: exact in both arithmetics (it only compares payoffs).
template <scalar Scalar>
struct pure_minmax_result : run_report {
  /// The player's pure minmax value.
  Scalar value{0};
  /// A pure profile that holds the player to it: the others' punishment
  /// and the player's best response to it.
  pure_profile punishment;
};

/// `player`'s pure minmax value, min over the others' pure profiles of
/// max over his own strategies. Throws `invalid_argument` for a player the
/// game does not have.
template <scalar Scalar>
[[nodiscard]] pure_minmax_result<Scalar> pure_minmax(const strategic_game<Scalar>& game, std::size_t player,
                                                     const pure_minmax_options& options = {}) {
  if (player >= game.num_players())
    throw invalid_argument("pure_minmax: player " + std::to_string(player + 1) + " does not exist in a game of " +
                           std::to_string(game.num_players()) + " players");
  const auto payoffs = game.payoffs(player);
  const std::size_t stride = game.stride(player), count = game.num_strategies(player);
  pure_minmax_result<Scalar> result;
  result.exact = true;
  bool first = true;
  for (std::size_t p = 0; p < game.num_profiles(); ++p) {
    if ((p & 0xffff) == 0 && options.stop_token.stop_requested()) {
      result.status = run_status::cancelled;
      return result;
    }
    if ((p / stride) % count != 0) continue;  // one profile per choice of the others
    std::size_t best = p;
    for (std::size_t s = 1; s < count; ++s)
      if (payoffs[p + s * stride] > payoffs[best]) best = p + s * stride;
    if (first || payoffs[best] < result.value) {
      result.value = payoffs[best];
      result.punishment = game.profile_at(best);
      first = false;
    }
  }
  return result;
}

/// Every player's pure minmax value.
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> pure_minmax_values(const strategic_game<Scalar>& game) {
  std::vector<Scalar> out;
  for (std::size_t i = 0; i < game.num_players(); ++i) out.push_back(pure_minmax(game, i).value);
  return out;
}

/// Options of `mixed_minmax`: a plain aggregate.
struct mixed_minmax_options {
  /// Checked every 64 simplex pivots (status `cancelled`).
  std::stop_token stop_token = {};
  /// Simplex pivots made (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `mixed_minmax`: that of the zero-sum game (`zero_sum_lp`), so
/// exact in rationals.
template <scalar Scalar>
struct mixed_minmax_result : run_report {
  /// The player's mixed minmax value.
  Scalar value{0};
  /// The opponent's mixed strategy that holds the player to it (empty
  /// unless `complete`).
  std::vector<Scalar> punishment;
};

/// `player`'s mixed minmax value in a two-player game: the value of the
/// zero-sum game in which the opponent minimises the player's payoff.
/// Throws `invalid_argument` unless the game has two players.
template <scalar Scalar>
[[nodiscard]] mixed_minmax_result<Scalar> mixed_minmax(const strategic_game<Scalar>& game, std::size_t player,
                                                       const mixed_minmax_options& options = {}) {
  if (game.num_players() != 2)
    throw invalid_argument("mixed_minmax needs a two-player game, this one has " +
                           std::to_string(game.num_players()) +
                           " players (the others would have to mix independently; see pure_minmax)");
  if (player >= 2) throw invalid_argument("mixed_minmax: player " + std::to_string(player + 1) + " does not exist");
  matrix<Scalar> own = game.payoff_matrix(player);
  if (player == 1) own.transposeInPlace();  // rows: the player's own strategies
  const matrix<Scalar> opposed = -own;
  const auto zero_sum = zero_sum_lp(strategic_game<Scalar>::bimatrix(own, opposed),
                                    {.stop_token = options.stop_token, .on_progress = options.on_progress});
  mixed_minmax_result<Scalar> result;
  static_cast<run_report&>(result) = zero_sum;
  result.value = zero_sum.value;
  for (const auto& e : zero_sum.equilibria)
    for (std::size_t j = 0; j < static_cast<std::size_t>(own.cols()); ++j) result.punishment.push_back(e(1, j));
  return result;
}

/// Both players' mixed minmax values in a two-player game.
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> mixed_minmax_values(const strategic_game<Scalar>& game) {
  return {mixed_minmax(game, 0).value, mixed_minmax(game, 1).value};
}

enum class minmax_kind { pure, mixed };

/// The feasible, individually rational payoffs of a two-player game: the
/// convex hull of the stage payoffs where each player gets at least his
/// (pure or mixed) minmax value. Vertices counter-clockwise, as in
/// `abreu_sannikov`; empty when no feasible payoff is individually rational.
template <scalar Scalar>
[[nodiscard]] std::vector<payoff_pair<Scalar>> feasible_individually_rational_set(const strategic_game<Scalar>& game,
                                                                                  minmax_kind kind = minmax_kind::pure) {
  if (game.num_players() != 2)
    throw invalid_argument("feasible_individually_rational_set needs a two-player game, this one has " +
                           std::to_string(game.num_players()) + " players");
  const auto minmax = kind == minmax_kind::pure ? pure_minmax_values(game) : mixed_minmax_values(game);
  const auto data = detail::make_abreu_sannikov_data(game, payoff_pair<Scalar>{Scalar(1) / 2, Scalar(1) / 2});
  auto polygon = detail::feasible_polygon(data);
  polygon = detail::clip_below(detail::clip_below(polygon, 0, minmax[0], data.tol), 1, minmax[1], data.tol);
  polygon = detail::convex_hull(std::move(polygon), data.tol);
  Scalar tolerance(0);
  if constexpr (!is_exact_v<Scalar>) tolerance = data.tol.point;
  detail::start_at_bottom(polygon, tolerance);
  return polygon;
}

}  // namespace impasse
