// Mixed strategy profiles: one probability distribution over each player's
// pure strategies, stored flat in Gambit's order (player 1's strategies
// first, each player's in file order), which is also the order of an `NE,`
// line.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/strategic/game.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace impasse {

template <scalar Scalar>
class mixed_profile {
 public:
  using scalar_type = Scalar;

  /// The all-zero assignment for the given strategy counts (not yet a
  /// profile: fill it in, then `validate_profile`).
  explicit mixed_profile(std::vector<std::size_t> strategy_counts)
      : counts_(std::move(strategy_counts)) {
    std::size_t offset = 0;
    for (auto m : counts_) {
      offsets_.push_back(offset);
      offset += m;
    }
    probabilities_.assign(offset, Scalar(0));
  }

  /// Every player mixing uniformly.
  [[nodiscard]] static mixed_profile uniform(const std::vector<std::size_t>& strategy_counts) {
    mixed_profile p(strategy_counts);
    for (std::size_t i = 0; i < strategy_counts.size(); ++i)
      for (std::size_t s = 0; s < strategy_counts[i]; ++s)
        p(i, s) = Scalar(1) / Scalar(static_cast<long>(strategy_counts[i]));
    return p;
  }

  /// The profile that plays the pure profile `strategies` with certainty.
  [[nodiscard]] static mixed_profile pure(const std::vector<std::size_t>& strategy_counts,
                                          std::span<const std::size_t> strategies) {
    if (strategies.size() != strategy_counts.size())
      throw invalid_profile("pure profile has " + std::to_string(strategies.size()) +
                            " strategies for " + std::to_string(strategy_counts.size()) +
                            " players");
    mixed_profile p(strategy_counts);
    for (std::size_t i = 0; i < strategies.size(); ++i) {
      if (strategies[i] >= strategy_counts[i])
        throw invalid_profile("player " + std::to_string(i + 1) + " has no strategy " +
                              std::to_string(strategies[i] + 1));
      p(i, strategies[i]) = Scalar(1);
    }
    return p;
  }

  [[nodiscard]] std::size_t num_players() const noexcept { return counts_.size(); }
  [[nodiscard]] std::size_t num_strategies(std::size_t player) const { return counts_.at(player); }
  [[nodiscard]] const std::vector<std::size_t>& strategy_counts() const noexcept { return counts_; }

  [[nodiscard]] Scalar& operator()(std::size_t player, std::size_t strategy) {
    return probabilities_[index(player, strategy)];
  }
  [[nodiscard]] const Scalar& operator()(std::size_t player, std::size_t strategy) const {
    return probabilities_[index(player, strategy)];
  }

  /// One player's mixed strategy.
  [[nodiscard]] std::span<const Scalar> strategy(std::size_t player) const {
    return {probabilities_.data() + offsets_.at(player), counts_[player]};
  }
  [[nodiscard]] std::span<Scalar> strategy(std::size_t player) {
    return {probabilities_.data() + offsets_.at(player), counts_[player]};
  }

  /// Every probability, player 1's strategies first.
  [[nodiscard]] const std::vector<Scalar>& flat() const noexcept { return probabilities_; }

  /// The strategies `player` plays with positive probability.
  [[nodiscard]] std::vector<std::size_t> support(std::size_t player) const {
    std::vector<std::size_t> out;
    for (std::size_t s = 0; s < counts_.at(player); ++s)
      if ((*this)(player, s) > Scalar(0)) out.push_back(s);
    return out;
  }

  [[nodiscard]] friend bool operator==(const mixed_profile&, const mixed_profile&) = default;

 private:
  [[nodiscard]] std::size_t index(std::size_t player, std::size_t strategy) const {
    if (player >= counts_.size() || strategy >= counts_[player])
      throw invalid_profile("no strategy " + std::to_string(strategy + 1) + " for player " +
                            std::to_string(player + 1));
    return offsets_[player] + strategy;
  }

  std::vector<std::size_t> counts_;
  std::vector<std::size_t> offsets_;
  std::vector<Scalar> probabilities_;
};

/// The same profile in another scalar.
template <scalar To, scalar From>
[[nodiscard]] mixed_profile<To> convert(const mixed_profile<From>& profile) {
  mixed_profile<To> out(profile.strategy_counts());
  for (std::size_t i = 0; i < profile.num_players(); ++i)
    for (std::size_t s = 0; s < profile.num_strategies(i); ++s)
      out(i, s) = scalar_cast<To>(profile(i, s));
  return out;
}

/// Throws `invalid_profile`, naming the player and strategy, unless
/// `profile` fits `game` and each player's probabilities are non-negative,
/// finite and sum to one (exactly for rationals; within `tolerance` for
/// doubles).
template <scalar Scalar>
void validate_profile(const strategic_game<Scalar>& game, const mixed_profile<Scalar>& profile,
                      const Scalar& tolerance = scalar_traits<Scalar>::tolerance()) {
  if (profile.strategy_counts() != game.strategy_counts())
    throw invalid_profile("profile shape does not match the game (" +
                          std::to_string(profile.num_players()) + " players in the profile, " +
                          std::to_string(game.num_players()) + " in the game)");
  for (std::size_t i = 0; i < profile.num_players(); ++i) {
    Scalar sum(0);
    for (std::size_t s = 0; s < profile.num_strategies(i); ++s) {
      const Scalar& p = profile(i, s);
      if (!is_finite(p))
        throw invalid_profile("player " + std::to_string(i + 1) + ", strategy " +
                              std::to_string(s + 1) + ": probability is not a finite number");
      if (p < -tolerance)
        throw invalid_profile("player " + std::to_string(i + 1) + ", strategy " +
                              std::to_string(s + 1) + ": negative probability");
      sum += p;
    }
    const Scalar gap = sum - Scalar(1);
    if (gap > tolerance || gap < -tolerance)
      throw invalid_profile("player " + std::to_string(i + 1) +
                            ": probabilities do not sum to one");
  }
}

}  // namespace impasse
