// Seeded, reproducible game generators for tests and benchmarks. The same
// seed gives the same game on every platform: numbers come from
// `std::mt19937_64` (whose output the standard fixes) mapped to a range by
// rejection, never through the implementation-defined std distributions.
#pragma once

#include <impasse/error.hpp>
#include <impasse/strategic_game.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace impasse {

namespace detail {

/// A uniform integer in [low, high], the same on every platform.
inline std::int64_t uniform_integer(std::mt19937_64& rng, std::int64_t low, std::int64_t high) {
  const std::uint64_t range = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) + 1;
  if (range == 0) return static_cast<std::int64_t>(rng());  // the whole 64-bit range
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
  std::uint64_t x = rng();
  while (x >= limit) x = rng();
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + x % range);
}

}  // namespace detail

struct random_game_options {
  std::uint64_t seed = 1;
  /// Payoffs are whole numbers drawn uniformly from [low, high]. A narrow
  /// range makes ties, and so degenerate games, likely.
  std::int64_t low = 0;
  std::int64_t high = 99;
};

/// A game with the given strategy counts and independent uniform integer
/// payoffs for every player at every profile.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> random_game(std::vector<std::size_t> strategy_counts,
                                                 const random_game_options& options = {}) {
  if (options.low > options.high) throw invalid_argument("random_game: low exceeds high");
  strategic_game<Scalar> game(std::move(strategy_counts));
  std::mt19937_64 rng(options.seed);
  for (std::size_t p = 0; p < game.num_profiles(); ++p)
    for (std::size_t i = 0; i < game.num_players(); ++i)
      game.set_payoff(i, p, Scalar(static_cast<long long>(detail::uniform_integer(rng, options.low, options.high))));
  game.set_title("uniform random game, seed " + std::to_string(options.seed));
  return game;
}

}  // namespace impasse
