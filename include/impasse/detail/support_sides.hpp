// What support enumeration's search (detail/support_search.hpp) works on:
// strategy sets as bits and their ranking in Gosper's order (so that
// threads can start a range of supports anywhere), and each player's side
// of a bimatrix game in the numbers of the search (double, or integers of
// the ladder of detail/fraction_free_integers.hpp, with the bound that
// says which integers suffice for a support size).
#pragma once

#include <impasse/core/scalar.hpp>
#include <impasse/detail/fraction_free_integers.hpp>
#include <impasse/strategic/game.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace impasse::detail::support_search {

/// A set of strategies of one player, as bits.
using strategy_set = std::uint64_t;

[[nodiscard]] constexpr strategy_set single(std::size_t s) { return strategy_set{1} << s; }

/// C(s, k) for s <= 64 (every one fits in 64 bits; C(64, 32) < 2^61), from
/// Pascal's triangle, built once.
[[nodiscard]] inline std::uint64_t subsets_of_size(std::size_t s, std::size_t k) {
  static const auto table = [] {
    std::array<std::array<std::uint64_t, 65>, 65> c{};
    for (std::size_t a = 0; a <= 64; ++a) {
      c[a][0] = 1;
      for (std::size_t b = 1; b <= a; ++b) c[a][b] = c[a - 1][b - 1] + (b < a ? c[a - 1][b] : 0);
    }
    return c;
  }();
  return k > s || s > 64 ? 0 : table[s][k];
}

/// The k-subset of rank `rank` in increasing order of bit patterns (colex
/// order, the order of Gosper's hack): the subset {c_1 < ... < c_k} has rank
/// sum_i C(c_i, i). O(k s).
[[nodiscard]] inline strategy_set subset_of_rank(std::uint64_t rank, std::size_t k) {
  strategy_set subset = 0;
  for (std::size_t i = k; i >= 1; --i) {
    std::size_t c = i - 1;  // the largest c with C(c, i) <= rank
    while (c + 1 <= 64 && subsets_of_size(c + 1, i) <= rank) ++c;
    rank -= subsets_of_size(c, i);
    subset |= single(c);
  }
  return subset;
}

/// The numbers a search runs in: double (with tolerances), or integers
/// (exact, fraction-free): 64- or 128-bit when every value is known to
/// fit, GMP integers otherwise.
template <class Number>
concept search_number = std::same_as<Number, double> || std::same_as<Number, big_integer> ||
                        std::same_as<Number, std::int64_t> || std::same_as<Number, int128>;

template <class Number>
inline constexpr bool is_floating_search = std::same_as<Number, double>;

template <class Number>
[[nodiscard]] int sign_of(const Number& x) {
  return x > 0 ? 1 : (x < 0 ? -1 : 0);
}

/// A mixed strategy of one player fixed by its support and its opponent's
/// best responses: found from the equal-size system (support, defining).
struct support_vertex {
  strategy_set support = 0;
  strategy_set best_responses = 0;
  strategy_set defining = 0;
};

/// One player's side of the search: that player mixes over `s` strategies
/// (rows) and the opponent answers with one of `t` (columns).
/// `opponent[j * s + i]` is the opponent's payoff, `own[i * t + j]` the
/// mixing player's own. Integer sides hold each player's payoffs scaled to
/// integers and shifted to start at 0 (which changes no best response).
template <class Number>
struct side_payoffs {
  std::size_t s = 0;
  std::size_t t = 0;
  std::vector<Number> opponent;
  std::vector<Number> own;
  std::vector<double> opponent_estimate;  // `opponent` rounded to double
  std::vector<double> own_estimate;       // `own` rounded to double
  /// log2 of the largest opponent's payoff (at least 0).
  double log2_range = 0;
};

/// The two sides of a bimatrix game in double: player 1 mixing against
/// player 2's payoffs B, and player 2 mixing against player 1's payoffs A.
inline std::pair<side_payoffs<double>, side_payoffs<double>> floating_sides(const strategic_game<double>& game) {
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  const auto a = game.payoff_matrix(0);
  const auto b = game.payoff_matrix(1);
  side_payoffs<double> rows{m, n, std::vector<double>(m * n), std::vector<double>(m * n), {}, {}, 0};
  side_payoffs<double> cols{n, m, std::vector<double>(m * n), std::vector<double>(m * n), {}, {}, 0};
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
      rows.opponent[j * m + i] = b(ii, jj);
      rows.own[i * n + j] = a(ii, jj);
      cols.opponent[i * n + j] = a(ii, jj);
      cols.own[j * m + i] = b(ii, jj);
    }
  rows.opponent_estimate = rows.opponent;
  cols.opponent_estimate = cols.opponent;
  rows.own_estimate = rows.own;
  cols.own_estimate = cols.own;
  return {std::move(rows), std::move(cols)};
}

/// Each player's payoffs in the exact game as integers: times the least
/// common multiple of their denominators, minus their minimum.
inline std::vector<std::vector<big_integer>> integer_payoffs(const strategic_game<rational>& game) {
  std::vector<std::vector<big_integer>> out(2);
  for (std::size_t p = 0; p < 2; ++p) {
    const auto u = game.payoffs(p);
    big_integer scale = 1;
    for (const auto& v : u) {
      const big_integer d = boost::multiprecision::denominator(v);
      scale = scale / boost::multiprecision::gcd(scale, d) * d;
    }
    big_integer lowest;
    for (std::size_t q = 0; q < u.size(); ++q) {
      big_integer value = boost::multiprecision::numerator(u[q]) * (scale / boost::multiprecision::denominator(u[q]));
      if (q == 0 || value < lowest) lowest = value;
      out[p].push_back(std::move(value));
    }
    for (auto& value : out[p]) value -= lowest;
  }
  return out;
}

/// The two sides (see `floating_sides`) in integers of type Number, or
/// nothing when a payoff does not fit.
template <class Number>
std::optional<std::pair<side_payoffs<Number>, side_payoffs<Number>>> integer_sides(
    const std::vector<std::vector<big_integer>>& payoffs, std::size_t m, std::size_t n) {
  // Payoffs are >= 0 here; fixed-width ones keep two bits of room.
  const auto fits = [](const big_integer& v) {
    if constexpr (std::same_as<Number, big_integer>) {
      return true;
    } else {
      return v < (big_integer(1) << (8 * sizeof(Number) - 2));
    }
  };
  const auto number = [](const big_integer& v) -> Number {
    if constexpr (std::same_as<Number, big_integer>) {
      return v;
    } else {
      Number out = 0;
      for (unsigned shift = 8 * sizeof(Number); shift > 0;) {
        shift -= 32;
        out = (out << 32) | static_cast<Number>(static_cast<std::uint32_t>((v >> shift) & 0xffffffffu));
      }
      return out;
    }
  };
  side_payoffs<Number> rows{m, n, std::vector<Number>(m * n), std::vector<Number>(m * n), std::vector<double>(m * n),
                            std::vector<double>(m * n), 0};
  side_payoffs<Number> cols{n, m, std::vector<Number>(m * n), std::vector<Number>(m * n), std::vector<double>(m * n),
                            std::vector<double>(m * n), 0};
  big_integer highest[2] = {0, 0};
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const big_integer& a = payoffs[0][i + j * m];
      const big_integer& b = payoffs[1][i + j * m];
      if (!fits(a) || !fits(b)) return std::nullopt;
      highest[0] = std::max(highest[0], a);
      highest[1] = std::max(highest[1], b);
      rows.opponent[j * m + i] = number(b);
      rows.own[i * n + j] = number(a);
      cols.opponent[i * n + j] = number(a);
      cols.own[j * m + i] = number(b);
      rows.opponent_estimate[j * m + i] = b.convert_to<double>();
      cols.opponent_estimate[i * n + j] = a.convert_to<double>();
      rows.own_estimate[i * n + j] = a.convert_to<double>();
      cols.own_estimate[j * m + i] = b.convert_to<double>();
    }
  const auto log2_of = [](const big_integer& v) {
    return v > 1 ? static_cast<double>(boost::multiprecision::msb(v)) + 1 : 0.0;
  };
  rows.log2_range = log2_of(highest[1]);
  cols.log2_range = log2_of(highest[0]);
  return std::make_pair(std::move(rows), std::move(cols));
}

/// True when the exact search over supports of size k fits in `bits`-bit
/// integers with products in twice as many bits. With W0 the initial
/// parametrisation (columns e_0 and e_c - e_0) and T the pushed rows a
/// (payoff differences, |a_r| <= R) stacked on the identity, every value
/// the search keeps is a minor of T W0 with j <= k - 1 rows of a and at
/// most one of the identity, so by Cauchy-Binet, Cauchy-Schwarz and
/// Hadamard's inequality at most (R sqrt(k))^j 2^(k/2) in magnitude; the
/// products of two of them, and the best-response sums of k of them times
/// payoff differences, must fit the wide type.
inline bool fits_in_bits(double log2_range, std::size_t k, double bits) {
  const double log2_k = std::log2(static_cast<double>(k)), log2_r = std::max(log2_range, 0.0);
  const double row = log2_r + 0.5 * log2_k;  // log2 of R sqrt(k)
  const double narrow = 0.5 * static_cast<double>(k) + static_cast<double>(k - 1) * row;
  const double wide = std::max(2 * narrow + 1, narrow + log2_k + log2_r);
  return narrow + 1 < bits - 1 && wide + 1 < 2 * bits - 1;
}

}  // namespace impasse::detail::support_search
