// Behaviour strategy profiles of an extensive game: a probability
// distribution over the actions at each information set of each player,
// stored flat in Gambit's order (players, then each player's information
// sets in the game's order, then actions), the order of an `NE,` line.
#pragma once

#include <impasse/extensive/game.hpp>

#include <span>
#include <string>
#include <vector>

namespace impasse {

template <scalar Scalar>
class behaviour_profile {
 public:
  using scalar_type = Scalar;

  /// The all-zero assignment for `game`'s information sets.
  template <scalar GameScalar>
  explicit behaviour_profile(const extensive_game<GameScalar>& game)
      : offsets_(game.num_information_sets(), no_index), sizes_(game.num_information_sets(), 0) {
    std::size_t offset = 0;
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (auto h : game.player_information_sets(i)) {
        offsets_[h] = offset;
        sizes_[h] = game.infoset(h).actions.size();
        offset += sizes_[h];
      }
    probabilities_.assign(offset, Scalar(0));
  }

  /// Probability of action `a` at player information set `h` (a game-wide index).
  [[nodiscard]] Scalar& operator()(std::size_t h, std::size_t a) { return probabilities_[index(h, a)]; }
  [[nodiscard]] const Scalar& operator()(std::size_t h, std::size_t a) const { return probabilities_[index(h, a)]; }

  /// The distribution at information set `h`.
  [[nodiscard]] std::span<const Scalar> at(std::size_t h) const {
    (void)index(h, 0);
    return {probabilities_.data() + offsets_[h], sizes_[h]};
  }

  /// Every probability in Gambit's order.
  [[nodiscard]] const std::vector<Scalar>& flat() const noexcept { return probabilities_; }

  [[nodiscard]] friend bool operator==(const behaviour_profile&, const behaviour_profile&) = default;

 private:
  [[nodiscard]] std::size_t index(std::size_t h, std::size_t a) const {
    if (h >= offsets_.size() || offsets_[h] == no_index)
      throw invalid_profile("information set " + std::to_string(h) + " is not a player's");
    if (a >= sizes_[h])
      throw invalid_profile("information set " + std::to_string(h) + " has no action " + std::to_string(a + 1));
    return offsets_[h] + a;
  }

  std::vector<std::size_t> offsets_;
  std::vector<std::size_t> sizes_;
  std::vector<Scalar> probabilities_;
};

/// Throws `invalid_profile` unless every distribution in `profile` is
/// non-negative and sums to one (exactly for rationals, within `tolerance`
/// for doubles).
template <scalar Scalar>
void validate_profile(const extensive_game<Scalar>& game, const behaviour_profile<Scalar>& profile,
                      const Scalar& tolerance = scalar_traits<Scalar>::tolerance()) {
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (auto h : game.player_information_sets(i)) {
      Scalar sum(0);
      for (const auto& p : profile.at(h)) {
        if (!is_finite(p) || p < -tolerance)
          throw invalid_profile("player " + std::to_string(i + 1) + ": a probability at information set " +
                                std::to_string(h) + " is negative or not finite");
        sum += p;
      }
      if (sum - Scalar(1) > tolerance || Scalar(1) - sum > tolerance)
        throw invalid_profile("player " + std::to_string(i + 1) + ": probabilities at information set " +
                              std::to_string(h) + " do not sum to one");
    }
}

}  // namespace impasse
