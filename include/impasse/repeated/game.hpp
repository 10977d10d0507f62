// The repeated game: a strategic stage game played again and again, each
// player discounting the future by a factor delta_i in (0, 1), for a finite
// number of rounds T or forever.
//
// Payoffs are normalised discounted sums, as in Mailath and Samuelson,
// "Repeated Games and Reputations" (2006), ch. 2: a stream of stage payoffs
// u^0, u^1, ... is worth (1 - delta) sum_t delta^t u^t to a player, so that
// a constant stream u is worth u and the set of payoffs of the repeated game
// lives in the same units as the stage game's. A finite horizon T uses the
// same weights over t = 0..T-1, divided by their sum (1 - delta^T) so that a
// constant stream is again worth u.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/strategic/game.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

template <scalar Scalar>
class repeated_game {
 public:
  using scalar_type = Scalar;

  /// The stage game repeated forever (horizon = nullopt) or `horizon`
  /// times, every player discounting by `delta`. Throws `invalid_argument`
  /// unless 0 < delta < 1 (0 < delta <= 1 with a finite horizon) and the
  /// horizon, when given, is at least 1.
  repeated_game(strategic_game<Scalar> stage, Scalar delta, std::optional<std::size_t> horizon = std::nullopt)
      : repeated_game(std::move(stage), std::vector<Scalar>{}, horizon, std::move(delta)) {}

  /// One discount factor per player.
  repeated_game(strategic_game<Scalar> stage, std::vector<Scalar> deltas,
                std::optional<std::size_t> horizon = std::nullopt)
      : repeated_game(std::move(stage), std::move(deltas), horizon, std::nullopt) {}

  [[nodiscard]] const strategic_game<Scalar>& stage_game() const noexcept { return stage_; }
  [[nodiscard]] std::size_t num_players() const noexcept { return stage_.num_players(); }
  /// Player `player`'s discount factor.
  [[nodiscard]] const Scalar& discount_factor(std::size_t player) const { return deltas_.at(player); }
  [[nodiscard]] const std::vector<Scalar>& discount_factors() const noexcept { return deltas_; }
  /// True when every player has the same discount factor.
  [[nodiscard]] bool has_common_discount_factor() const {
    for (const auto& d : deltas_)
      if (d != deltas_.front()) return false;
    return true;
  }
  /// The number of rounds, or nullopt for the infinitely repeated game.
  [[nodiscard]] const std::optional<std::size_t>& horizon() const noexcept { return horizon_; }
  [[nodiscard]] bool is_infinite() const noexcept { return !horizon_.has_value(); }

  [[nodiscard]] friend bool operator==(const repeated_game& x, const repeated_game& y) {
    return x.stage_ == y.stage_ && x.deltas_ == y.deltas_ && x.horizon_ == y.horizon_;
  }

 private:
  repeated_game(strategic_game<Scalar> stage, std::vector<Scalar> deltas, std::optional<std::size_t> horizon,
                std::optional<Scalar> common)
      : stage_(std::move(stage)), deltas_(std::move(deltas)), horizon_(horizon) {
    if (common) deltas_.assign(stage_.num_players(), *common);
    if (deltas_.size() != stage_.num_players())
      throw invalid_argument("repeated game: " + std::to_string(deltas_.size()) + " discount factors for " +
                             std::to_string(stage_.num_players()) + " players");
    if (horizon_ && *horizon_ == 0) throw invalid_argument("repeated game: the horizon must be at least 1 round");
    for (std::size_t i = 0; i < deltas_.size(); ++i) {
      const Scalar& d = deltas_[i];
      const bool upper_ok = horizon_ ? d <= Scalar(1) : d < Scalar(1);
      if (!is_finite(d) || !(d > Scalar(0)) || !upper_ok)
        throw invalid_argument("repeated game: player " + std::to_string(i + 1) + "'s discount factor " +
                               to_message_string(d) + " is not in (0, 1" + (horizon_ ? "]" : ")"));
    }
  }

  strategic_game<Scalar> stage_;
  std::vector<Scalar> deltas_;
  std::optional<std::size_t> horizon_;
};

}  // namespace impasse
