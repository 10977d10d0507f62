// Seeded, reproducible game generators for tests and benchmarks. The same
// seed gives the same game on every platform: numbers come from
// `std::mt19937_64` (whose output the standard fixes) mapped to a range by
// rejection, never through the implementation-defined std distributions.
// Games with fractional payoffs are computed in exact rationals and only
// then rounded to the requested scalar.
//
// Families (two-player unless said otherwise):
// - `random_game`: independent uniform integer payoffs, any number of players;
//   `random_degenerate_game`: the same with very few distinct payoffs, so
//   ties (degeneracy) are the rule.
// - `coordination_game`: n x n identity payoffs, 2^n - 1 equilibria.
// - `random_zero_sum_game`: B = -A.
// - `sandholm_gilpin_conitzer_game` (Sandholm, Gilpin, Conitzer 2005): a
//   unique equilibrium whose supports are about half the strategies, the
//   worst case for support enumeration.
// - `unit_vector_game` (Savani and von Stengel 2016): the row player's
//   payoff columns are unit vectors.
// - `savani_von_stengel_game` (Savani and von Stengel 2006): d x d games on
//   which Lemke-Howson takes exponentially many pivots from every label.
// - `ranking_game` (Goldberg, Goldberg, Krysta, Ventre 2013): costly effort,
//   a prize for the higher score.
// - `colonel_blotto_game`: soldiers spread over battlefields, zero-sum.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/strategic/game.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <random>
#include <string>
#include <utility>
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

namespace detail {

/// The two-player game with payoff matrices `a` and `b` (exact), rounded to
/// `Scalar`, titled `title`.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> bimatrix_game(const matrix<rational>& a, const matrix<rational>& b,
                                                   std::string title) {
  auto game = convert<Scalar>(strategic_game<rational>::bimatrix(a, b));
  game.set_title(std::move(title));
  return game;
}

inline void require_strategies(const char* generator, std::size_t count, const char* what) {
  if (count == 0) throw invalid_argument(std::string(generator) + ": " + what + " must be at least 1");
}

/// Refuses, before anything is allocated, a two-player game with more
/// payoffs than a game may hold.
inline void require_storable(const char* generator, std::size_t rows, std::size_t columns) {
  if (rows > max_payoff_entries / 2 / std::max<std::size_t>(columns, 1))
    throw invalid_argument(std::string(generator) + ": a " + std::to_string(rows) + "x" + std::to_string(columns) +
                           " game has more payoffs than a game may hold");
}

}  // namespace detail

struct degenerate_game_options {
  std::uint64_t seed = 1;
  /// Payoffs are whole numbers drawn uniformly from 0..max_payoff: with
  /// two or three values, ties and so degenerate games are the rule.
  std::int64_t max_payoff = 2;
};

/// A uniform random game with very few distinct payoffs (0..max_payoff),
/// for testing solvers on degenerate games.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> random_degenerate_game(std::vector<std::size_t> strategy_counts,
                                                            const degenerate_game_options& options = {}) {
  if (options.max_payoff < 0) throw invalid_argument("random_degenerate_game: max_payoff is negative");
  auto game = random_game<Scalar>(std::move(strategy_counts),
                                  {.seed = options.seed, .low = 0, .high = options.max_payoff});
  game.set_title("random game with payoffs 0.." + std::to_string(options.max_payoff) + ", seed " +
                 std::to_string(options.seed));
  return game;
}

/// The n x n coordination game: both players get 1 when they choose the
/// same strategy and 0 otherwise. For every non-empty set S of strategies,
/// both mixing uniformly over S is an equilibrium, and these are all: 2^n - 1
/// equilibria, n of them pure.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> coordination_game(std::size_t n) {
  detail::require_strategies("coordination_game", n, "the number of strategies");
  detail::require_storable("coordination_game", n, n);
  const auto size = static_cast<Eigen::Index>(n);
  const matrix<rational> identity = matrix<rational>::Identity(size, size);
  return detail::bimatrix_game<Scalar>(identity, identity,
                                       std::to_string(n) + "x" + std::to_string(n) + " coordination game");
}

/// A two-player zero-sum game: the row player's payoffs uniform integers in
/// [low, high], the column player's their negatives.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> random_zero_sum_game(std::size_t rows, std::size_t columns,
                                                          const random_game_options& options = {}) {
  detail::require_strategies("random_zero_sum_game", rows, "rows");
  detail::require_strategies("random_zero_sum_game", columns, "columns");
  detail::require_storable("random_zero_sum_game", rows, columns);
  if (options.low > options.high) throw invalid_argument("random_zero_sum_game: low exceeds high");
  std::mt19937_64 rng(options.seed);
  matrix<rational> a(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(columns));
  for (Eigen::Index j = 0; j < a.cols(); ++j)
    for (Eigen::Index i = 0; i < a.rows(); ++i)
      a(i, j) = rational(static_cast<long long>(detail::uniform_integer(rng, options.low, options.high)));
  return detail::bimatrix_game<Scalar>(a, matrix<rational>(-a),
                                       "random zero-sum game, seed " + std::to_string(options.seed));
}

/// The game of Sandholm, Gilpin and Conitzer (2005, "Mixed-integer
/// programming methods for finding Nash equilibria", AAAI), with 4k - 1
/// strategies per player (k >= 2). The first 2k - 1 strategies form a cycle:
/// both get 3, except that strategy i against i - 1 (cyclically) pays 4 to
/// the one playing i and 2 to the other. Against the cycle, the other 2k
/// strategies get 0 and give the cycle player 2; among themselves they are
/// k matching-pennies pairs paying 3 or 0. The unique equilibrium is both
/// players uniform on the cycle (payoff 3 each): supports of half the
/// strategies, the worst case for support enumeration.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> sandholm_gilpin_conitzer_game(std::size_t k) {
  if (k < 2) throw invalid_argument("sandholm_gilpin_conitzer_game: k must be at least 2 (got " + std::to_string(k) + ")");
  if (k > max_payoff_entries) throw invalid_argument("sandholm_gilpin_conitzer_game: k is too large");
  detail::require_storable("sandholm_gilpin_conitzer_game", 4 * k - 1, 4 * k - 1);
  const auto n = static_cast<Eigen::Index>(4 * k - 1);
  const auto cycle = static_cast<Eigen::Index>(2 * k - 1);
  matrix<rational> a = matrix<rational>::Zero(n, n), b = matrix<rational>::Zero(n, n);
  for (Eigen::Index i = 0; i < cycle; ++i) {
    for (Eigen::Index j = 0; j < cycle; ++j) a(i, j) = b(i, j) = 3;
    for (Eigen::Index j = cycle; j < n; ++j) a(i, j) = 2;  // the column player gets 0
    for (Eigen::Index j = cycle; j < n; ++j) b(j, i) = 2;  // the row player gets 0
  }
  for (Eigen::Index i = 0; i < cycle; ++i) {
    const Eigen::Index previous = (i + cycle - 1) % cycle;
    a(i, previous) = 4;  // row i beats column i - 1
    b(i, previous) = 2;
    b(previous, i) = 4;  // column i beats row i - 1
    a(previous, i) = 2;
  }
  for (Eigen::Index h = cycle; h < n; h += 2) {
    a(h, h) = a(h + 1, h + 1) = 3;  // the row player wants to match
    b(h, h + 1) = b(h + 1, h) = 3;  // the column player does not
  }
  return detail::bimatrix_game<Scalar>(a, b, "Sandholm-Gilpin-Conitzer game, k = " + std::to_string(k));
}

/// A random unit vector game (Savani and von Stengel 2016, "Unit vector
/// games", IJET): every column of the row player's payoff matrix is a unit
/// vector e_l(j), with l(j) uniform; the column player's payoffs are uniform
/// integers in [low, high].
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> unit_vector_game(std::size_t rows, std::size_t columns,
                                                      const random_game_options& options = {}) {
  detail::require_strategies("unit_vector_game", rows, "rows");
  detail::require_strategies("unit_vector_game", columns, "columns");
  detail::require_storable("unit_vector_game", rows, columns);
  if (options.low > options.high) throw invalid_argument("unit_vector_game: low exceeds high");
  std::mt19937_64 rng(options.seed);
  matrix<rational> a = matrix<rational>::Zero(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(columns));
  matrix<rational> b(a.rows(), a.cols());
  for (Eigen::Index j = 0; j < a.cols(); ++j) {
    a(static_cast<Eigen::Index>(detail::uniform_integer(rng, 0, static_cast<std::int64_t>(rows) - 1)), j) = 1;
    for (Eigen::Index i = 0; i < a.rows(); ++i)
      b(i, j) = rational(static_cast<long long>(detail::uniform_integer(rng, options.low, options.high)));
  }
  return detail::bimatrix_game<Scalar>(a, b, "unit vector game, seed " + std::to_string(options.seed));
}

namespace detail {

/// The labels (from 0) of the facets of the second polytope in the
/// Savani-von Stengel construction, by position of the facet in the cyclic
/// order: for d = 6, positions 0..11 carry labels 0 2 1 4 3 5 | 7 6 9 8 11 10.
/// The first polytope's facet at position k has label k.
inline std::vector<std::size_t> savani_von_stengel_labels(std::size_t d) {
  std::vector<std::size_t> label(2 * d);
  label[0] = 0;
  label[d - 1] = d - 1;
  for (std::size_t i = 1; i + 1 < d; i += 2) {
    label[i] = i + 1;
    label[i + 1] = i;
  }
  for (std::size_t i = d; i < 2 * d; i += 2) {
    label[i] = i + 1;
    label[i + 1] = i;
  }
  return label;
}

}  // namespace detail

/// The square game of Savani and von Stengel (2006, "Hard-to-solve bimatrix
/// games", Econometrica 74) in even dimension d: d strategies per player,
/// and Lemke-Howson paths whose length grows exponentially in d from every
/// dropped label, the shortest like phi^(3d/4) (phi the golden ratio).
///
/// Both best-response polytopes are the dual cyclic polytope with 2d facets
/// in d-space; its facets have a cyclic order, and its vertices are the
/// sets of d facets obeying Gale's evenness condition. In the row player's
/// polytope (x) the facet at position k has label k: positions 0..d-1 are
/// x >= 0, positions d..2d-1 the column player's strategies. In the column
/// player's polytope (y) the facet at position k has label
/// `detail::savani_von_stengel_labels(d)[k]`, which swaps neighbours;
/// positions d..2d-1 are y >= 0.
///
/// Realisation: the dual cyclic polytope with facets at nodes t_0 < ... <
/// t_2d-1 is {polynomials p of degree d : p(t_k) >= 0}, a vertex being
/// +-prod (t - t_k) over its facets. Taking the values at the d nodes of the
/// artificial vertex as coordinates, Lagrange interpolation turns facet k
/// into sum_i x_i / ((t_k - t_i) w_i) <= const with w_i = prod_(l != i)
/// (t_i - t_l). Up to the transformations that keep every best response (a
/// positive factor per own strategy, a constant added per opponent
/// strategy), the payoffs are the Cauchy matrices
///   B(i, j) = (-1)^i / (t_(d+j) - t_i),
///   A(i, j) = -(-1)^k / (t_(d+k) - t_p)   (label i at position p, label
///                                            d + j at position d + k).
/// The nodes are integers near 8d tan(-pi/2 + (k + 1/2) pi / 2d), nearly
/// equally spaced in angle, which keeps the game far better conditioned in
/// double than evenly spaced nodes would. Payoffs are exact rationals
/// (+-1/integer). Throws `invalid_argument` unless d is even and at least 2.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> savani_von_stengel_game(std::size_t d) {
  if (d < 2 || d % 2 != 0 || d > 1000)
    throw invalid_argument("savani_von_stengel_game: the dimension must be even, at least 2 and at most 1000 (got " +
                           std::to_string(d) + ")");
  const double scale = 8.0 * static_cast<double>(d);
  std::vector<long long> node(2 * d);
  for (std::size_t k = 0; k < 2 * d; ++k) {
    const double angle = (static_cast<double>(k) + 0.5) * std::numbers::pi / (2.0 * static_cast<double>(d));
    node[k] = std::llround(std::tan(angle - std::numbers::pi / 2) * scale);
  }
  const auto label = detail::savani_von_stengel_labels(d);
  std::vector<std::size_t> position(2 * d);
  for (std::size_t k = 0; k < 2 * d; ++k) position[label[k]] = k;
  const auto size = static_cast<Eigen::Index>(d);
  matrix<rational> a(size, size), b(size, size);
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j < d; ++j) {
      const auto r = static_cast<Eigen::Index>(i), c = static_cast<Eigen::Index>(j);
      b(r, c) = rational(i % 2 ? -1 : 1, node[d + j] - node[i]);
      const std::size_t y_facet = position[d + j], row_facet = position[i];
      a(r, c) = rational((y_facet - d) % 2 ? 1 : -1, node[y_facet] - node[row_facet]);
    }
  return detail::bimatrix_game<Scalar>(a, b, "Savani-von Stengel hard-to-solve game, d = " + std::to_string(d));
}

struct ranking_game_options {
  std::uint64_t seed = 1;
  /// Score and cost increments between effort levels are drawn from 1..steps.
  std::int64_t steps = 10;
};

/// A ranking game (Goldberg, Goldberg, Krysta and Ventre 2013, "Ranking games
/// that have competitiveness-based strategies", TCS; generator of Fearnley,
/// Igwe and Savani 2015): each player chooses one of n effort levels. Scores
/// and costs grow with effort, by random integer steps in 1..steps (costs
/// divided by n * steps, and effort 0 is free); the higher score wins a prize
/// of 1, a tie splits it. Payoff: prize won minus cost of effort.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> ranking_game(std::size_t n, const ranking_game_options& options = {}) {
  detail::require_strategies("ranking_game", n, "the number of effort levels");
  if (options.steps < 1 || options.steps > 1'000'000'000)
    throw invalid_argument("ranking_game: steps must be in 1..10^9 (got " + std::to_string(options.steps) + ")");
  detail::require_storable("ranking_game", n, n);
  std::mt19937_64 rng(options.seed);
  std::vector<std::int64_t> score[2];
  std::vector<rational> cost[2];
  const rational unit(1, static_cast<long long>(n) * options.steps);
  for (int p = 0; p < 2; ++p) {
    std::int64_t total = 0;
    for (std::size_t e = 0; e < n; ++e) score[p].push_back(total += detail::uniform_integer(rng, 1, options.steps));
  }
  for (int p = 0; p < 2; ++p) {
    rational total = 0;
    cost[p].push_back(total);
    for (std::size_t e = 1; e < n; ++e) cost[p].push_back(total += unit * rational(static_cast<long long>(detail::uniform_integer(rng, 1, options.steps))));
  }
  const auto size = static_cast<Eigen::Index>(n);
  matrix<rational> a(size, size), b(size, size);
  for (Eigen::Index i = 0; i < size; ++i)
    for (Eigen::Index j = 0; j < size; ++j) {
      const auto si = score[0][static_cast<std::size_t>(i)], sj = score[1][static_cast<std::size_t>(j)];
      const rational prize_row = si > sj ? rational(1) : si < sj ? rational(0) : rational(1, 2);
      a(i, j) = prize_row - cost[0][static_cast<std::size_t>(i)];
      b(i, j) = (1 - prize_row) - cost[1][static_cast<std::size_t>(j)];
    }
  return detail::bimatrix_game<Scalar>(a, b, "ranking game, " + std::to_string(n) + " effort levels, seed " +
                                                 std::to_string(options.seed));
}

namespace detail {

/// Every way to place `soldiers` soldiers on `battlefields` battlefields
/// (weak compositions), the first battlefield's count decreasing fastest
/// from "all on battlefield 1".
inline std::vector<std::vector<std::size_t>> soldier_allocations(std::size_t battlefields, std::size_t soldiers) {
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> current(battlefields, 0);
  const auto place = [&](auto& self, std::size_t field, std::size_t left) -> void {
    if (field + 1 == battlefields) {
      current[field] = left;
      out.push_back(current);
      return;
    }
    for (std::size_t here = left + 1; here-- > 0;) {
      current[field] = here;
      self(self, field + 1, left - here);
    }
  };
  place(place, 0, soldiers);
  return out;
}

/// The number of weak compositions of s into b parts, C(s + b - 1, b - 1),
/// or `limit + 1` if it exceeds `limit` (at most 2^16).
inline std::size_t count_allocations(std::size_t battlefields, std::size_t soldiers, std::size_t limit) {
  if (battlefields == 1 || soldiers == 0) return 1;
  if (soldiers >= limit) return limit + 1;  // already C(s + 1, 1) > limit
  // C(s + k, k) for k = 1..b-1 by the product formula; every step is exact,
  // and it passes the limit after at most `limit` steps since it exceeds k.
  std::size_t count = 1;
  for (std::size_t k = 1; k < battlefields; ++k) {
    count = count * (soldiers + k) / k;
    if (count > limit) return limit + 1;
  }
  return count;
}

}  // namespace detail

/// The Colonel Blotto game: each player spreads their soldiers over the
/// battlefields (a strategy is an allocation, so a player has
/// C(soldiers + battlefields - 1, battlefields - 1) strategies, labelled like
/// "3-1-0"); whoever sends more soldiers to a battlefield wins it, a tie is
/// nobody's. The row player's payoff is battlefields won minus battlefields
/// lost, the column player's its negative (zero-sum). Throws
/// `invalid_argument` for no battlefields or a game too large to store.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> colonel_blotto_game(std::size_t battlefields, std::size_t soldiers_row,
                                                         std::size_t soldiers_column) {
  detail::require_strategies("colonel_blotto_game", battlefields, "the number of battlefields");
  constexpr std::size_t limit = std::size_t{1} << 15;  // 2^31 payoff entries at most
  const std::size_t rows = detail::count_allocations(battlefields, soldiers_row, limit);
  const std::size_t columns = detail::count_allocations(battlefields, soldiers_column, limit);
  if (rows > limit || columns > limit || rows * columns * 2 > max_payoff_entries ||
      rows * columns > (std::size_t{1} << 32) / battlefields)
    throw invalid_argument("colonel_blotto_game: too many allocations of soldiers (or battlefields) to store the game");
  const auto row_plans = detail::soldier_allocations(battlefields, soldiers_row);
  const auto column_plans = detail::soldier_allocations(battlefields, soldiers_column);
  strategic_game<Scalar> game({rows, columns});
  for (std::size_t j = 0; j < columns; ++j)
    for (std::size_t i = 0; i < rows; ++i) {
      long long balance = 0;
      for (std::size_t f = 0; f < battlefields; ++f)
        balance += (row_plans[i][f] > column_plans[j][f]) - (row_plans[i][f] < column_plans[j][f]);
      game.set_payoff(0, i + j * rows, Scalar(balance));
      game.set_payoff(1, i + j * rows, Scalar(-balance));
    }
  const auto label = [](const std::vector<std::size_t>& plan) {
    std::string text;
    for (std::size_t f = 0; f < plan.size(); ++f) {
      if (f > 0) text += '-';
      text += std::to_string(plan[f]);
    }
    return text;
  };
  for (std::size_t i = 0; i < rows; ++i) game.set_strategy_label(0, i, label(row_plans[i]));
  for (std::size_t j = 0; j < columns; ++j) game.set_strategy_label(1, j, label(column_plans[j]));
  game.set_title("Colonel Blotto game, " + std::to_string(battlefields) + " battlefields, " +
                 std::to_string(soldiers_row) + " and " + std::to_string(soldiers_column) + " soldiers");
  return game;
}

/// The symmetric Colonel Blotto game: both players have `soldiers` soldiers.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> colonel_blotto_game(std::size_t battlefields, std::size_t soldiers) {
  return colonel_blotto_game<Scalar>(battlefields, soldiers, soldiers);
}


}  // namespace impasse
