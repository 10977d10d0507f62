// The Lemke-Howson algorithm for two-player games (Lemke and Howson 1964),
// as presented by von Stengel (2002, "Computing equilibria for two-person
// games", Handbook of Game Theory vol. 3, ch. 45), and the network of its
// paths (Shapley 1974, "A note on the Lemke-Howson algorithm").
//
// `lemke_howson` finds one Nash equilibrium: from the artificial
// equilibrium (0, 0) of the best-response polytopes it drops one label k
// (1..m: the row player's strategies, m+1..m+n: the column player's, as in
// von Stengel's papers and Gambit) and follows the path of k-almost
// completely labelled vertex pairs by complementary pivoting, alternately in
// the two tableaux, until label k is picked up again. Degenerate games are
// handled by the lexicographic minimum ratio test, which follows the paths
// of a perturbed, nondegenerate game: no path cycles.
//
// `lemke_howson_all` finds the equilibria accessible by such paths, as
// `gambit-lcp` does: from the artificial equilibrium it follows every
// label, and from every equilibrium found every label again. Equilibria
// joined only to each other (Shapley 1974, Wilson's example) are not found.
//
// Arithmetic: in `rational` the payoffs are scaled to positive integers and
// the tableaux pivot fraction-free on integers (exact, no gcds), in machine
// words while the entries fit and then in two-word and GMP integers, on
// vertex enumeration's dictionaries (detail/lex_dictionary.hpp). In
// `double` the pivoting uses tolerances; the equilibrium is then recomputed
// from the final basis by one linear solve on the original payoffs and its
// regret checked. If that check fails, or the path repeats a basis (which
// exact pivoting never does), the computation is redone exactly and the
// exact answer rounded. Each pivot costs O(m n); a path may need
// exponentially many pivots (Savani and von Stengel 2006), typically few.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/detail/lemke_howson_tableau.hpp>
#include <impasse/detail/linear_system.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/regret.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <optional>
#include <set>
#include <span>
#include <stop_token>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace impasse {

/// Options of `lemke_howson`.
template <scalar Scalar>
struct lemke_howson_options {
  /// The label dropped at the artificial equilibrium: 1..m for the row
  /// player's strategies, m+1..m+n for the column player's.
  std::size_t initial_label = 1;
  /// Stop after this many pivots (status `limit_reached`, no equilibrium); 0: no limit.
  std::size_t max_pivots = no_limit;
  /// Called with the equilibrium at the end of the path.
  std::function<void(const mixed_profile<Scalar>&)> on_equilibrium = {};
  /// Checked before every pivot (status `cancelled`).
  std::stop_token stop_token = {};
  /// Pivots made, every 64 (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `lemke_howson`. Exact in rationals and when a double path was
/// redone exactly; otherwise `error_bound` is the equilibrium's relative
/// regret (at most 1e-10 times the payoffs' scale: larger ones are redone).
template <scalar Scalar>
struct lemke_howson_result : run_report {
  /// The equilibrium at the end of the path: one when `complete`, none otherwise.
  std::vector<mixed_profile<Scalar>> equilibria;
  /// Pivots made, one per step along the path in either tableau (plus
  /// those of the exact recomputation, if a double run needed one).
  std::size_t pivots = 0;
};

/// Options of `lemke_howson_all`.
template <scalar Scalar>
struct lemke_howson_all_options {
  /// Stop once this many distinct equilibria are found and another turns up; 0: no limit.
  std::size_t max_equilibria = no_limit;
  /// Stop after this many pivots in total (status `limit_reached`); 0: no limit.
  std::size_t max_pivots = no_limit;
  /// Called with each new equilibrium as it is found, before it is stored.
  std::function<void(const mixed_profile<Scalar>&)> on_equilibrium = {};
  /// Checked before every pivot (status `cancelled`).
  std::stop_token stop_token = {};
  /// Pivots made, every 64 (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `lemke_howson_all`. Exact in rationals and when a double search
/// was redone exactly; otherwise `error_bound` is the largest relative
/// regret of an equilibrium found.
template <scalar Scalar>
struct lemke_howson_all_result : run_report {
  /// The distinct equilibria found, in the order found (breadth first).
  std::vector<mixed_profile<Scalar>> equilibria;
  /// Pivots made in total, over all paths.
  std::size_t pivots = 0;
  /// Lemke-Howson paths followed.
  std::size_t paths = 0;
};

namespace detail {

/// The two tableaux: P for the row player's x (rows: the column player's
/// strategies), Q for the column player's y (rows: the row player's). `Side`
/// is `floating_lh_side` or `exact_lh_side<Arithmetic>`.
template <class Side>
struct lh_system {
  std::size_t m = 0, n = 0;
  Side x_side;
  Side y_side;
};

/// The double tableaux for positive payoff matrices given entry by entry:
/// `a(i, j)` and `b(i, j)` for i < m, j < n.
template <class A, class B>
[[nodiscard]] lh_system<floating_lh_side> make_floating_lh_system(std::size_t m, std::size_t n, A&& a, B&& b) {
  lh_system<floating_lh_side> s;
  s.m = m;
  s.n = n;
  std::vector<int> rows(m), columns(n);
  for (std::size_t i = 0; i < m; ++i) rows[i] = static_cast<int>(i);
  for (std::size_t j = 0; j < n; ++j) columns[j] = static_cast<int>(m + j);
  s.x_side = floating_lh_side(columns, rows, [&](std::size_t j, std::size_t i) { return b(i, j); });
  s.y_side = floating_lh_side(rows, columns, [&](std::size_t i, std::size_t j) { return a(i, j); });
  return s;
}

/// One player's payoffs (column-major m x n) made integers by a positive
/// factor per strategy of `scaled_player` (0: per row, 1: per column), the
/// least common multiple of that strategy's denominators (stored in
/// `scale`), then shifted so that the least is 1. Scaling the payoffs of
/// player 2 by row i (or player 1's by column j) by c > 0 keeps the best
/// responses when x_i (or y_j) is divided by c: the equilibria correspond,
/// a nondegenerate game's paths are the same (a degenerate one's may break
/// ties differently), and the integers are much smaller than with one
/// common denominator. Integer games are only shifted.
[[nodiscard]] inline std::vector<big_integer> positive_integer_payoffs(std::span<const rational> payoffs, std::size_t m,
                                                                   std::size_t n, std::size_t scaled_player,
                                                                   std::vector<big_integer>& scale) {
  scale.assign(scaled_player == 0 ? m : n, big_integer(1));
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < m; ++i) {
      big_integer& lcm = scale[scaled_player == 0 ? i : j];
      const big_integer den = boost::multiprecision::denominator(payoffs[i + j * m]);
      lcm = lcm / boost::multiprecision::gcd(lcm, den) * den;
    }
  std::vector<big_integer> out(payoffs.size());
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < m; ++i) {
      const rational& p = payoffs[i + j * m];
      const big_integer& factor = scale[scaled_player == 0 ? i : j];
      out[i + j * m] = big_integer(boost::multiprecision::numerator(p)) * (factor / big_integer(boost::multiprecision::denominator(p)));
    }
  const big_integer least = *std::min_element(out.begin(), out.end());
  for (auto& x : out) x = x - least + 1;
  return out;
}

/// The exact problem: the integer data of the two polytopes, P = {x >= 0 :
/// B^T x <= 1} (n x m) and Q = {y >= 0 : A y <= 1} (m x n), and the factors
/// by which the row player's x and the column player's y are to be
/// multiplied (see `positive_integer_payoffs`).
struct exact_lh_problem {
  std::size_t m = 0, n = 0;
  std::vector<big_integer> x_scale, y_scale;
  integer_matrix x_data, y_data;

  /// The tableaux at the artificial equilibrium in `Arithmetic`, or nothing
  /// if the data does not fit it.
  template <class Arithmetic>
  [[nodiscard]] std::optional<lh_system<exact_lh_side<Arithmetic>>> start() const {
    bool x_fits = false, y_fits = false;
    lh_system<exact_lh_side<Arithmetic>> s{m, n, exact_lh_side<Arithmetic>(x_data, 0, x_fits),
                                           exact_lh_side<Arithmetic>(y_data, m, y_fits)};
    if (!x_fits || !y_fits) return std::nullopt;
    return s;
  }

  /// A bound on the bits of every entry either dictionary can hold: the
  /// entries are minors of [M I 1] (k x d data M, entries in 1..R) of order
  /// at most min(k, d + 1), each column of norm at most R sqrt(k), so by
  /// Hadamard's inequality at most (R sqrt(k))^min(k, d + 1).
  [[nodiscard]] double minor_bits() const {
    const auto side = [](const integer_matrix& data) {
      big_integer largest = 1;
      for (const auto& x : data.entries) largest = std::max(largest, x);
      const double column = 0.5 * std::log2(static_cast<double>(data.rows)) + static_cast<double>(boost::multiprecision::msb(largest) + 1);
      return static_cast<double>(std::min(data.rows, data.cols + 1)) * column;
    };
    return std::max(side(x_data), side(y_data));
  }
};

[[nodiscard]] inline exact_lh_problem make_exact_lh_problem(const strategic_game<rational>& game) {
  exact_lh_problem p;
  p.m = game.num_strategies(0);
  p.n = game.num_strategies(1);
  const std::size_t m = p.m, n = p.n;
  const auto a = positive_integer_payoffs(game.payoffs(0), m, n, 1, p.y_scale);
  const auto b = positive_integer_payoffs(game.payoffs(1), m, n, 0, p.x_scale);
  p.x_data = {n, m, std::vector<big_integer>(m * n)};
  p.y_data = {m, n, std::vector<big_integer>(m * n)};
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < m; ++i) {
      p.x_data(j, i) = b[i + j * m];
      p.y_data(i, j) = a[i + j * m];
    }
  return p;
}

/// `run(start)` on the exact tableaux at the artificial equilibrium in the
/// narrowest arithmetic that holds the problem's data and, when `bits` is
/// given, every entry of that many bits (`exact_lh_problem::minor_bits`).
template <class Run>
decltype(auto) with_exact_start(const exact_lh_problem& problem, Run&& run, double bits = 0) {
  if (bits <= 62)
    if (auto s = problem.start<int64_arithmetic>()) return run(*s);
  if (bits <= 126)
    if (auto s = problem.start<int128_arithmetic>()) return run(*s);
  auto s = problem.start<gmp_arithmetic>();
  return run(*s);
}

/// The same tableaux in the next wider arithmetic.
template <class Arithmetic>
[[nodiscard]] auto widened(const lh_system<exact_lh_side<Arithmetic>>& s) {
  using wider = exact_lh_side<typename wider_arithmetic<Arithmetic>::type>;
  return lh_system<wider>{s.m, s.n, wider(s.x_side), wider(s.y_side)};
}

/// How a path ended; `overflow`: an exact side's entries outgrew its
/// arithmetic (the path can go on from its state in a wider one).
enum class lh_path_end { equilibrium, pivot_limit, cancelled, numerical_failure, overflow };

/// Where a path is: the label dropped, the label to enter next, and in
/// which tableau.
struct lh_path_state {
  int label = 0;
  int entering = 0;
  bool x_side = true;
};

/// The state at the start of the path that drops `label` at the
/// completely labelled basis `s`.
template <class Side>
[[nodiscard]] lh_path_state lh_path_start(const lh_system<Side>& s, int label) {
  return {label, label, !s.x_side.is_basic(label)};
}

[[nodiscard]] inline std::uint64_t basis_hash_key(std::uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// Follows the path from `state` to its other end, updating `state` as it
/// goes. In double, a repeated basis (found by Brent's cycle detection on a
/// hash of the basis) means rounding has led the path astray:
/// `numerical_failure`. An exact side that overflows returns `overflow`
/// with `state` where the path stands.
template <class Side>
[[nodiscard]] lh_path_end follow_lh_path(lh_system<Side>& s, lh_path_state& state, std::size_t& pivots,
                                         std::size_t max_pivots, const std::stop_token& stop,
                                         const progress_callback& on_progress = {}) {
  constexpr bool exact = Side::exact;
  const auto key = [](bool x_side, int v) { return basis_hash_key(static_cast<std::uint64_t>(v) * 2 + x_side); };
  std::uint64_t hash = 0, saved = 0, power = 1, steps = 0;
  if constexpr (!exact) {
    s.x_side.for_each_basic([&](int v) { hash ^= key(true, v); });
    s.y_side.for_each_basic([&](int v) { hash ^= key(false, v); });
    saved = hash;
  }
  for (;;) {
    if (limit_hit(pivots, max_pivots)) return lh_path_end::pivot_limit;
    if (stop.stop_requested()) return lh_path_end::cancelled;
    if (pivots % 64 == 0 && pivots > 0) report_progress(on_progress, pivots, 0, "pivots");
    const int leaving = (state.x_side ? s.x_side : s.y_side).pivot_in(state.entering);
    if constexpr (exact)
      if (leaving == Side::overflowed) return lh_path_end::overflow;
    ++pivots;
    if (leaving == Side::no_leaving_row) return lh_path_end::numerical_failure;
    if (leaving == state.label) return lh_path_end::equilibrium;
    if constexpr (!exact) {
      hash ^= key(state.x_side, state.entering) ^ key(state.x_side, leaving);
      if (hash == saved) return lh_path_end::numerical_failure;
      if (++steps == power) {
        saved = hash;
        power *= 2;
        steps = 0;
      }
    }
    state.entering = leaving;
    state.x_side = !state.x_side;
  }
}

/// Follows the path that drops `label` at `s` in exact arithmetic, moving
/// to a wider arithmetic where entries outgrow the current one, and returns
/// `at_end(system, end)` with the tableaux at its end (or where it stopped).
template <class Arithmetic, class AtEnd>
decltype(auto) follow_exact_lh_path(lh_system<exact_lh_side<Arithmetic>>& s, lh_path_state& state,
                                    std::size_t& pivots, std::size_t max_pivots, const std::stop_token& stop,
                                    const progress_callback& on_progress, AtEnd&& at_end) {
  const auto end = follow_lh_path(s, state, pivots, max_pivots, stop, on_progress);
  if constexpr (!std::is_same_v<Arithmetic, gmp_arithmetic>) {
    if (end == lh_path_end::overflow) {
      auto wider = widened(s);
      return follow_exact_lh_path(wider, state, pivots, max_pivots, stop, on_progress, at_end);
    }
  }
  return at_end(s, end);
}

/// True at the artificial equilibrium: no strategy is basic.
template <class Side>
[[nodiscard]] bool is_artificial(const lh_system<Side>& s) {
  for (std::size_t i = 0; i < s.m; ++i)
    if (s.x_side.is_basic(static_cast<int>(i))) return false;
  for (std::size_t j = 0; j < s.n; ++j)
    if (s.y_side.is_basic(static_cast<int>(s.m + j))) return false;
  return true;
}

/// Which variables are basic in which tableau: identifies the vertex pair.
template <class Side>
[[nodiscard]] std::string basis_key(const lh_system<Side>& s) {
  std::string out(s.m + s.n, '\0');
  s.x_side.for_each_basic([&](int v) { out[static_cast<std::size_t>(v)] |= 1; });
  s.y_side.for_each_basic([&](int v) { out[static_cast<std::size_t>(v)] |= 2; });
  return out;
}

/// The equilibrium at an exact completely labelled basis.
template <class Arithmetic>
[[nodiscard]] mixed_profile<rational> exact_lh_profile(const exact_lh_problem& problem,
                                                       const lh_system<exact_lh_side<Arithmetic>>& s) {
  mixed_profile<rational> profile({s.m, s.n});
  const auto fill = [&](const exact_lh_side<Arithmetic>& t, std::size_t player, std::size_t first,
                        const std::vector<big_integer>& scale) {
    std::vector<big_integer> value(scale.size());
    big_integer total = 0;
    for (std::size_t k = 0; k < scale.size(); ++k) total += value[k] = t.scaled_value(static_cast<int>(first + k)) * scale[k];
    for (std::size_t k = 0; k < scale.size(); ++k) profile(player, k) = rational(value[k]) / rational(total);
  };
  fill(s.x_side, 0, 0, problem.x_scale);
  fill(s.y_side, 1, s.m, problem.y_scale);
  return profile;
}

/// The double tableaux, and the positive payoffs they were built from: each
/// player's payoffs mapped affinely onto [1, 2] (all 1 if constant),
/// computed from the game's when needed rather than stored, so that a run
/// allocates and writes only the two tableaux.
struct floating_lh_problem {
  std::array<const double*, 2> payoffs{};        // the game's, column-major m x n
  std::size_t m = 0;                             // the row player's strategies
  std::array<double, 2> low{}, inverse_range{};  // inverse_range 0: constant payoffs
  payoff_span span;                              // of the game's payoffs
  lh_system<floating_lh_side> start;

  /// Player `player`'s positive payoff at (i, j).
  [[nodiscard]] double scaled(std::size_t player, std::size_t i, std::size_t j) const {
    const double u = payoffs[player][i + j * m];
    return inverse_range[player] > 0 ? 1 + (u - low[player]) * inverse_range[player] : 1.0;
  }
};

[[nodiscard]] inline floating_lh_problem make_floating_lh_problem(const strategic_game<double>& game) {
  floating_lh_problem p;
  p.m = game.num_strategies(0);
  for (std::size_t player = 0; player < 2; ++player) {
    const auto table = game.payoffs(player);
    p.payoffs[player] = table.data();
    const Eigen::Map<const Eigen::ArrayXd> in(table.data(), static_cast<Eigen::Index>(table.size()));
    const double low = in.minCoeff(), high = in.maxCoeff();
    p.span.add(low);
    p.span.add(high);
    p.low[player] = low;
    // Times the reciprocal: a division per payoff cost a quarter of a short
    // path's time at 100 x 100.
    p.inverse_range[player] = high > low ? 1 / (high - low) : 0.0;
  }
  p.start = make_floating_lh_system(
      p.m, game.num_strategies(1), [&](std::size_t i, std::size_t j) { return p.scaled(0, i, j); },
      [&](std::size_t i, std::size_t j) { return p.scaled(1, i, j); });
  return p;
}

/// The equilibrium at a double completely labelled basis, recomputed from
/// the basis by a linear solve on the payoffs (not the pivoted tableau) and
/// checked: nothing if a probability is clearly negative or the regret
/// exceeds a tolerance relative to the payoffs.
[[nodiscard]] inline std::optional<mixed_profile<double>> floating_lh_profile(const floating_lh_problem& problem,
                                                                             const lh_system<floating_lh_side>& s,
                                                                             const strategic_game<double>& game) {
  const std::size_t m = s.m, n = s.n;
  mixed_profile<double> profile({m, n});
  // One player's strategy: unknowns are its basic strategies, equations
  // the other player's strategies whose slack is nonbasic (best responses).
  const auto solve = [&](const floating_lh_side& t, std::size_t player, std::size_t first, std::size_t count,
                         std::size_t other_first, std::size_t other_count, auto&& coefficient) {
    std::vector<std::size_t> unknowns, equations;
    for (std::size_t k = 0; k < count; ++k)
      if (t.is_basic(static_cast<int>(first + k))) unknowns.push_back(k);
    for (std::size_t k = 0; k < other_count; ++k)
      if (!t.is_basic(static_cast<int>(other_first + k))) equations.push_back(k);
    std::vector<double> value(count, 0.0);
    for (auto k : unknowns) value[k] = t.scaled_value(static_cast<int>(first + k));
    if (unknowns.size() == equations.size() && !unknowns.empty()) {
      const auto size = static_cast<Eigen::Index>(unknowns.size());
      matrix<double> system(size, size);
      for (Eigen::Index e = 0; e < size; ++e)
        for (Eigen::Index u = 0; u < size; ++u)
          system(e, u) = coefficient(unknowns[static_cast<std::size_t>(u)], equations[static_cast<std::size_t>(e)]);
      if (const auto x = solve_square<double>(system, vector<double>::Ones(size), 1e-13))
        for (Eigen::Index u = 0; u < size; ++u) value[unknowns[static_cast<std::size_t>(u)]] = (*x)(u);
    }
    double total = 0;
    for (double& v : value) {
      if (v < -1e-9) return false;
      v = std::max(v, 0.0);
      total += v;
    }
    if (!(total > 0)) return false;
    for (std::size_t k = 0; k < count; ++k) profile(player, k) = value[k] / total;
    return true;
  };
  const bool ok =
      solve(s.x_side, 0, 0, m, m, n, [&](std::size_t i, std::size_t j) { return problem.scaled(1, i, j); }) &&
      solve(s.y_side, 1, m, n, 0, m, [&](std::size_t j, std::size_t i) { return problem.scaled(0, i, j); });
  if (!ok) return std::nullopt;
  // Regret on the original payoffs.
  const auto a = game.payoff_matrix(0), b = game.payoff_matrix(1);
  Eigen::Map<const vector<double>> x(profile.strategy(0).data(), static_cast<Eigen::Index>(m));
  Eigen::Map<const vector<double>> y(profile.strategy(1).data(), static_cast<Eigen::Index>(n));
  const vector<double> row_values = a * y;
  const vector<double> column_values = b.transpose() * x;
  const double row_regret = row_values.maxCoeff() - x.dot(row_values);
  const double column_regret = column_values.maxCoeff() - y.dot(column_values);
  // Relative to the payoffs' own unit (core/tolerance.hpp), so that payoffs
  // near 1e-12 are not all within an absolute tolerance of each other.
  const double scale = problem.span.range() + 64 * std::numeric_limits<double>::epsilon() * problem.span.largest();
  if (!(row_regret <= 1e-10 * scale && column_regret <= 1e-10 * scale)) return std::nullopt;
  return profile;
}

inline void check_lh_game(std::size_t players, const char* solver) {
  if (players != 2)
    throw invalid_argument(std::string(solver) + " needs a two-player game, this one has " + std::to_string(players) +
                           " players");
}

/// Lemke-Howson from the artificial equilibrium, exactly.
[[nodiscard]] inline lemke_howson_result<rational> exact_lemke_howson(const strategic_game<rational>& game,
                                                                      const lemke_howson_options<rational>& options) {
  lemke_howson_result<rational> result;
  result.exact = true;
  const auto problem = make_exact_lh_problem(game);
  with_exact_start(problem, [&](auto& start) {
    auto state = lh_path_start(start, static_cast<int>(options.initial_label - 1));
    follow_exact_lh_path(start, state, result.pivots, options.max_pivots, options.stop_token, options.on_progress,
                         [&](const auto& s, lh_path_end end) {
                           switch (end) {
                             case lh_path_end::equilibrium:
                               result.equilibria.push_back(exact_lh_profile(problem, s));
                               break;
                             case lh_path_end::pivot_limit: result.status = run_status::limit_reached; break;
                             case lh_path_end::cancelled: result.status = run_status::cancelled; break;
                             case lh_path_end::numerical_failure:  // exact pivoting on a polytope always finds a row
                               throw internal_error("lemke_howson: exact pivoting found no leaving variable");
                             case lh_path_end::overflow:  // GMP integers do not overflow
                               throw internal_error("lemke_howson: GMP integers overflowed");
                           }
                         });
  });
  return result;
}

/// How `lemke_howson_network` ended: searched (to its end or to a limit),
/// or a double computation to be redone exactly.
enum class lh_network_end { searched, redo_exactly };

/// The breadth-first search over equilibria joined by Lemke-Howson paths,
/// into `result`. `profile_of` returns the equilibrium at a basis, or
/// nothing when a double computation must be redone exactly (`result.pivots`
/// still counts what was spent); `same` compares equilibria.
template <scalar Scalar, class Side, class ProfileOf, class Same>
[[nodiscard]] lh_network_end lemke_howson_network(const lh_system<Side>& start,
                                                  const lemke_howson_all_options<Scalar>& options,
                                                  ProfileOf&& profile_of, Same&& same,
                                                  lemke_howson_all_result<Scalar>& result) {
  const int labels = static_cast<int>(start.m + start.n);
  std::set<std::string> visited{basis_key(start)};
  std::deque<std::pair<lh_system<Side>, int>> pending;  // an equilibrium's basis, and the label that led there
  pending.emplace_back(start, -1);
  while (!pending.empty()) {
    auto [from, arrived_by] = std::move(pending.front());
    pending.pop_front();
    for (int label = 0; label < labels; ++label) {
      if (label == arrived_by) continue;  // that path leads back
      lh_system<Side> s = from;
      ++result.paths;
      auto state = lh_path_start(s, label);
      switch (follow_lh_path(s, state, result.pivots, options.max_pivots, options.stop_token, options.on_progress)) {
        case lh_path_end::equilibrium: break;
        case lh_path_end::pivot_limit: result.status = run_status::limit_reached; return lh_network_end::searched;
        case lh_path_end::cancelled: result.status = run_status::cancelled; return lh_network_end::searched;
        case lh_path_end::overflow:  // the arithmetic was chosen by a bound on every entry
          throw internal_error("lemke_howson_all: a tableau entry exceeded Hadamard's bound");
        case lh_path_end::numerical_failure:
          if constexpr (Side::exact)
            throw internal_error("lemke_howson_all: exact pivoting found no leaving variable");
          else
            return lh_network_end::redo_exactly;
      }
      if (!visited.insert(basis_key(s)).second) continue;
      auto profile = profile_of(s);
      if (!profile) return lh_network_end::redo_exactly;
      const bool known = std::any_of(result.equilibria.begin(), result.equilibria.end(),
                                     [&](const auto& e) { return same(e, *profile); });
      if (!known) {
        if (limit_hit(result.equilibria.size(), options.max_equilibria)) {
          result.status = run_status::limit_reached;
          return lh_network_end::searched;
        }
        if (options.on_equilibrium) options.on_equilibrium(*profile);
        result.equilibria.push_back(std::move(*profile));
      }
      pending.emplace_back(std::move(s), label);
    }
  }
  return lh_network_end::searched;
}

}  // namespace detail

/// One Nash equilibrium of a two-player game, at the end of the
/// Lemke-Howson path that drops `options.initial_label`. Throws
/// `invalid_argument` unless the game has two players and the label is in
/// 1..m+n.
template <scalar Scalar>
[[nodiscard]] lemke_howson_result<Scalar> lemke_howson(
    const strategic_game<Scalar>& game, const std::type_identity_t<lemke_howson_options<Scalar>>& options = {}) {
  detail::check_lh_game(game.num_players(), "lemke_howson");
  // Payoffs near the largest double would overflow the sums, subnormal ones
  // lose their digits: solve the same game scaled by a power of two.
  if (auto rescaled = detail::rescaled_if_extreme(game)) return lemke_howson(*rescaled, options);
  const std::size_t labels = game.num_strategies(0) + game.num_strategies(1);
  if (options.initial_label < 1 || options.initial_label > labels)
    throw invalid_argument("lemke_howson: initial label " + std::to_string(options.initial_label) +
                           " is out of range 1.." + std::to_string(labels) + " (1.." +
                           std::to_string(game.num_strategies(0)) + " the row player's strategies, then the column player's)");
  const auto report = [&](lemke_howson_result<Scalar>& result) {
    if (options.on_equilibrium)
      for (const auto& e : result.equilibria) options.on_equilibrium(e);
    return result;
  };
  if constexpr (is_exact_v<Scalar>) {
    auto result = detail::exact_lemke_howson(game, options);
    return report(result);
  } else {
    lemke_howson_result<double> result;
    auto problem = detail::make_floating_lh_problem(game);
    auto& s = problem.start;  // the path pivots the start in place
    auto state = detail::lh_path_start(s, static_cast<int>(options.initial_label - 1));
    switch (detail::follow_lh_path(s, state, result.pivots, options.max_pivots, options.stop_token,
                                   options.on_progress)) {
      case detail::lh_path_end::equilibrium:
        if (auto e = detail::floating_lh_profile(problem, s, game)) {
          result.error_bound = relative_regret(game, *e);
          result.equilibria.push_back(std::move(*e));
          return report(result);
        }
        break;
      case detail::lh_path_end::pivot_limit: result.status = run_status::limit_reached; return result;
      case detail::lh_path_end::cancelled: result.status = run_status::cancelled; return result;
      case detail::lh_path_end::numerical_failure:
      case detail::lh_path_end::overflow: break;  // a double side does not overflow
    }
    // Rounding went wrong: the same path in exact arithmetic (every double
    // is a rational, so this is the same game).
    const std::size_t spent = result.pivots;
    if (detail::limit_hit(spent, options.max_pivots)) {
      result.status = run_status::limit_reached;
      return result;
    }
    const auto exact = detail::exact_lemke_howson(
        convert<rational>(game),
        {.initial_label = options.initial_label,
         .max_pivots = options.max_pivots == no_limit ? no_limit : options.max_pivots - spent,
         .stop_token = options.stop_token,
         .on_progress = options.on_progress});
    static_cast<run_report&>(result) = exact;
    result.pivots = spent + exact.pivots;
    for (const auto& e : exact.equilibria) result.equilibria.push_back(convert<double>(e));
    return report(result);
  }
}

/// The equilibria accessible by Lemke-Howson paths: the ends of the paths
/// from the artificial equilibrium for every label, and then, from every
/// equilibrium found, for every label again, until no new basis turns up.
/// Distinct bases of a degenerate game may give the same equilibrium; it is
/// reported once. Throws `invalid_argument` unless the game has two players.
template <scalar Scalar>
[[nodiscard]] lemke_howson_all_result<Scalar> lemke_howson_all(
    const strategic_game<Scalar>& game, const std::type_identity_t<lemke_howson_all_options<Scalar>>& options = {}) {
  detail::check_lh_game(game.num_players(), "lemke_howson_all");
  // Payoffs near the largest double would overflow the sums, subnormal ones
  // lose their digits: solve the same game scaled by a power of two.
  if (auto rescaled = detail::rescaled_if_extreme(game)) return lemke_howson_all(*rescaled, options);
  const auto exact_search = [](const strategic_game<rational>& exact_game,
                               const lemke_howson_all_options<rational>& exact_options) {
    const auto problem = detail::make_exact_lh_problem(exact_game);
    lemke_howson_all_result<rational> result;
    result.exact = true;
    // In the narrowest integers Hadamard's bound on the entries allows, so
    // that no entry outgrows them: the search keeps many bases, and an
    // overflow would redo it from the start.
    detail::with_exact_start(
        problem,
        [&](const auto& start) {
          (void)detail::lemke_howson_network<rational>(
              start, exact_options, [&](const auto& s) { return std::optional(detail::exact_lh_profile(problem, s)); },
              [](const mixed_profile<rational>& x, const mixed_profile<rational>& y) { return x == y; }, result);
        },
        problem.minor_bits());
    return result;
  };
  if constexpr (is_exact_v<Scalar>) {
    return exact_search(game, options);
  } else {
    // Callbacks report each equilibrium once, even if the search is redone
    // exactly after a numerical failure.
    std::vector<mixed_profile<double>> reported;
    const auto close = [](const mixed_profile<double>& x, const mixed_profile<double>& y) {
      for (std::size_t k = 0; k < x.flat().size(); ++k)
        if (std::abs(x.flat()[k] - y.flat()[k]) > 1e-9) return false;
      return true;
    };
    const auto report = [&](const mixed_profile<double>& e) {
      if (!options.on_equilibrium) return;
      if (std::any_of(reported.begin(), reported.end(), [&](const auto& r) { return close(r, e); })) return;
      reported.push_back(e);
      options.on_equilibrium(e);
    };
    auto floating_options = options;
    floating_options.on_equilibrium = report;
    const auto problem = detail::make_floating_lh_problem(game);
    lemke_howson_all_result<double> result;
    if (detail::lemke_howson_network<double>(
            problem.start, floating_options,
            [&](const auto& s) { return detail::floating_lh_profile(problem, s, game); }, close,
            result) == detail::lh_network_end::searched) {
      result.error_bound = detail::largest_relative_regret(game, result.equilibria);
      return result;
    }
    const std::size_t spent = result.pivots;
    if (detail::limit_hit(spent, options.max_pivots)) {
      result.status = run_status::limit_reached;
      result.error_bound = detail::largest_relative_regret(game, result.equilibria);
      return result;
    }
    // Rounding went wrong somewhere: the whole search again exactly, rounded.
    lemke_howson_all_options<rational> exact_options{
        .max_equilibria = options.max_equilibria,
        .max_pivots = options.max_pivots == no_limit ? no_limit : options.max_pivots - spent,
        .on_equilibrium = [&](const mixed_profile<rational>& e) { report(convert<double>(e)); },
        .stop_token = options.stop_token,
        .on_progress = options.on_progress};
    const auto exact = exact_search(convert<rational>(game), exact_options);
    lemke_howson_all_result<double> out;
    for (const auto& e : exact.equilibria) out.equilibria.push_back(convert<double>(e));
    static_cast<run_report&>(out) = exact;
    out.pivots = spent + exact.pivots;
    out.paths = exact.paths;
    return out;
  }
}

}  // namespace impasse
