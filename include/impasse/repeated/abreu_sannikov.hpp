// The set of pure-action subgame-perfect equilibrium payoffs, with public
// randomisation, of an infinitely repeated two-player game with perfect
// monitoring: a convex polygon, returned as its vertices counter-clockwise.
//
// Method: Abreu and Sannikov, "An algorithm for two-player repeated games
// with perfect monitoring", Theoretical Economics 9 (2014) 313-338. The set
// V of SPE payoffs is the largest fixed point of the operator of Abreu,
// Pearce and Stacchetti (1990); Abreu and Sannikov show that, for two
// players, each action profile a contributes at most four extreme points to
// the operator's image of a polygon W with worst payoffs w_ (the threat
// point): the payoff u(a) of playing a forever, when u(a) is in W and
// satisfies the incentive constraints
//   w_i >= IC_i(a) = w_i_ + (1 - delta_i) / delta_i (max_{b_i} u_i(b_i, a_-i) - u_i(a)),
// and otherwise (1 - delta) u(a) + delta w for the points w of W where an
// incentive constraint binds (the extreme points of W intersected with
// {w >= IC(a)} that lie on a line w_i = IC_i(a)). The image is the convex
// hull of those points. Starting from the convex hull of the stage payoffs
// (which contains V), the iteration decreases monotonically to V; the
// distance to V shrinks roughly like delta^k.
//
// Cost: O(|A| K + |A| log |A|) per iteration for |A| action profiles and a
// polygon of K vertices (K <= 4 |A|), and about log(tolerance) / log(delta)
// iterations.
//
// Exactness. In double the iteration stops when no vertex moves by more
// than `tolerance`. In rationals the limit is in general reached only
// asymptotically, and the numbers grow with every exact iteration, so the
// solver iterates in double to convergence, rounds each vertex to the
// simplest rational within a small interval around it, and then checks in
// exact arithmetic that this polygon is a fixed point of the operator
// (applying it once returns exactly the same polygon). When the check passes
// the answer is exact (`exact` in the result). When it fails (the vertices
// of V need not be rational: they solve equations that are quadratic in
// general), the iteration runs in rationals from the start, with exact
// intersections, containment tests and convex hulls, but with the vertices
// rounded to the simplest rationals within 2^-64 after every iteration (and
// vertices collinear within `tolerance` dropped), since exact
// intersections double the size of the numbers at every iteration; it stops
// when two iterates are identical or closer than `tolerance`, and the
// answer is then an approximation of V to about that tolerance.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/repeated/game.hpp>
#include <impasse/strategic/game.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

/// A payoff pair (player 1's, player 2's).
template <scalar Scalar>
using payoff_pair = std::array<Scalar, 2>;

/// Options of `abreu_sannikov`: a plain aggregate.
struct abreu_sannikov_options {
  /// Stop when no vertex moves by more than this between two iterations
  /// (absolute, in payoff units).
  double tolerance = 1e-12;
  /// Stop after this many iterations (status `limit_reached`); 0: no limit.
  /// 100,000 is a safeguard: the iteration converges in about
  /// log(tolerance) / log(delta) iterations (a few thousand at delta = 0.99).
  std::size_t max_iterations = 100000;
  /// In rationals: try to recognise the exact fixed point from the
  /// converged double iteration (see the file comment) before iterating
  /// in exact arithmetic.
  bool recognise_exact = true;
  /// Checked before every iteration (status `cancelled`).
  std::stop_token stop_token = {};
  /// Iterations made, every 16 (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `abreu_sannikov`. `exact` (rationals only) when the polygon was
/// checked exactly to be a fixed point of the operator: then `vertices` are
/// the exact answer. Otherwise `error_bound` is `last_change` relative to
/// the range of the stage payoffs: how far the last iteration moved a vertex
/// (a measure of convergence; the iteration approaches the set from outside).
template <scalar Scalar>
struct abreu_sannikov_result : run_report {
  /// The vertices of the polygon of SPE payoffs, counter-clockwise,
  /// starting from the one with the lowest payoff for player 2 (then for
  /// player 1). Empty when the game has no pure-action SPE; one vertex for
  /// a single point, two for a segment.
  std::vector<payoff_pair<Scalar>> vertices;
  /// Each player's worst SPE payoff (the threat point used to punish).
  payoff_pair<Scalar> threat_point{Scalar(0), Scalar(0)};
  /// Largest vertex movement in the last iteration (infinity when the
  /// number of vertices changed).
  double last_change = std::numeric_limits<double>::infinity();
  std::size_t iterations = 0;
};

namespace detail {

template <scalar Scalar>
struct plane_tolerance {
  Scalar point{0};  ///< coordinates closer than this are equal
  Scalar area{0};   ///< cross products smaller than this are zero
};

template <scalar Scalar>
Scalar cross(const payoff_pair<Scalar>& o, const payoff_pair<Scalar>& a, const payoff_pair<Scalar>& b) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

template <scalar Scalar>
bool same_point(const payoff_pair<Scalar>& a, const payoff_pair<Scalar>& b, const plane_tolerance<Scalar>& tol) {
  if constexpr (is_exact_v<Scalar>) {
    return a == b;
  } else {
    return std::abs(a[0] - b[0]) <= tol.point && std::abs(a[1] - b[1]) <= tol.point;
  }
}

/// The vertices of the convex hull of `points`, counter-clockwise from the
/// lexicographically smallest, without collinear points (Andrew's monotone
/// chain, O(n log n)). One or two points for degenerate hulls.
template <scalar Scalar>
std::vector<payoff_pair<Scalar>> convex_hull(std::vector<payoff_pair<Scalar>> points,
                                             const plane_tolerance<Scalar>& tol) {
  std::sort(points.begin(), points.end());
  std::vector<payoff_pair<Scalar>> unique;
  unique.reserve(points.size());
  for (auto& p : points)
    if (unique.empty() || !same_point(unique.back(), p, tol)) unique.push_back(std::move(p));
  if (unique.size() <= 2) return unique;
  std::vector<payoff_pair<Scalar>> hull(2 * unique.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < unique.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], unique[i]) <= tol.area) --k;
    hull[k++] = unique[i];
  }
  for (std::size_t i = unique.size() - 1, lower = k + 1; i-- > 0;) {
    while (k >= lower && cross(hull[k - 2], hull[k - 1], unique[i]) <= tol.area) --k;
    hull[k++] = unique[i];
  }
  hull.resize(k - 1);
  if constexpr (!is_exact_v<Scalar>) {
    // Within the tolerance, the first point (lexicographically smallest)
    // may itself be almost collinear with its neighbours: drop such points
    // all around until none is left.
    for (bool dropped = true; dropped && hull.size() > 2;) {
      dropped = false;
      for (std::size_t i = 0; i < hull.size() && hull.size() > 2; ++i) {
        const std::size_t before = (i + hull.size() - 1) % hull.size(), after = (i + 1) % hull.size();
        if (cross(hull[before], hull[i], hull[after]) <= tol.area) {
          hull.erase(hull.begin() + static_cast<std::ptrdiff_t>(i));
          dropped = true;
          break;
        }
      }
    }
    if (!hull.empty()) std::rotate(hull.begin(), std::min_element(hull.begin(), hull.end()), hull.end());
  }
  if (hull.size() == 2 && same_point(hull[0], hull[1], tol)) hull.resize(1);
  return hull;
}

/// The part of the convex polygon `polygon` (counter-clockwise, possibly a
/// segment or a point) where coordinate `i` is at least `bound`
/// (Sutherland-Hodgman with one half-plane).
template <scalar Scalar>
std::vector<payoff_pair<Scalar>> clip_below(const std::vector<payoff_pair<Scalar>>& polygon, std::size_t i,
                                            const Scalar& bound, const plane_tolerance<Scalar>& tol) {
  std::vector<payoff_pair<Scalar>> out;
  const std::size_t n = polygon.size();
  const auto inside = [&](const payoff_pair<Scalar>& p) { return p[i] >= bound - tol.point; };
  if (n == 1) {
    if (inside(polygon[0])) out.push_back(polygon[0]);
    return out;
  }
  const std::size_t j = 1 - i;
  for (std::size_t k = 0; k < n; ++k) {
    const auto& p = polygon[k];
    const auto& q = polygon[(k + 1) % n];
    const bool p_in = inside(p), q_in = inside(q);
    if (p_in) out.push_back(p);
    if (p_in != q_in) {
      payoff_pair<Scalar> r;
      r[i] = bound;
      r[j] = p[j] + (bound - p[i]) * (q[j] - p[j]) / (q[i] - p[i]);
      out.push_back(std::move(r));
    }
    if (n == 2) break;  // a segment has one edge; its way back adds nothing new
  }
  if (n == 2 && inside(polygon[1])) out.push_back(polygon[1]);
  return out;
}

/// True when `x` lies in the convex polygon (counter-clockwise, possibly
/// degenerate).
template <scalar Scalar>
bool contains(const std::vector<payoff_pair<Scalar>>& polygon, const payoff_pair<Scalar>& x,
              const plane_tolerance<Scalar>& tol) {
  const std::size_t n = polygon.size();
  if (n == 0) return false;
  if (n == 1) return same_point(polygon[0], x, tol);
  if (n == 2) {
    const auto& a = polygon[0];
    const auto& b = polygon[1];
    const Scalar c = cross(a, b, x);
    if (c > tol.area || c < -tol.area) return false;
    const Scalar along = (x[0] - a[0]) * (b[0] - a[0]) + (x[1] - a[1]) * (b[1] - a[1]);
    const Scalar length = (b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1]);
    return along >= -tol.area && along <= length + tol.area;
  }
  for (std::size_t k = 0; k < n; ++k)
    if (cross(polygon[k], polygon[(k + 1) % n], x) < -tol.area) return false;
  return true;
}

/// The stage game's data the operator needs, in one scalar.
template <scalar Scalar>
struct abreu_sannikov_data {
  std::vector<payoff_pair<Scalar>> payoffs;  ///< u(a), by profile index
  std::vector<payoff_pair<Scalar>> gains;    ///< (1 - delta_i) / delta_i times the best deviation gain
  payoff_pair<Scalar> delta;
  plane_tolerance<Scalar> tol;
};

template <scalar Scalar>
abreu_sannikov_data<Scalar> make_abreu_sannikov_data(const strategic_game<Scalar>& stage,
                                                     const payoff_pair<Scalar>& delta) {
  abreu_sannikov_data<Scalar> data;
  data.delta = delta;
  const std::size_t m = stage.num_strategies(0), n = stage.num_strategies(1);
  const auto a = stage.payoff_matrix(0);
  const auto b = stage.payoff_matrix(1);
  std::vector<Scalar> best_row(n), best_column(m);
  for (std::size_t j = 0; j < n; ++j) {
    best_row[j] = a.col(static_cast<Eigen::Index>(j)).maxCoeff();
  }
  for (std::size_t i = 0; i < m; ++i) best_column[i] = b.row(static_cast<Eigen::Index>(i)).maxCoeff();
  const Scalar factor0 = (Scalar(1) - delta[0]) / delta[0];
  const Scalar factor1 = (Scalar(1) - delta[1]) / delta[1];
  data.payoffs.resize(m * n);
  data.gains.resize(m * n);
  Scalar scale(1);
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < m; ++i) {
      const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
      const std::size_t p = i + j * m;
      data.payoffs[p] = {a(ii, jj), b(ii, jj)};
      data.gains[p] = {factor0 * (best_row[j] - a(ii, jj)), factor1 * (best_column[i] - b(ii, jj))};
      if constexpr (!is_exact_v<Scalar>) scale = std::max({scale, std::abs(a(ii, jj)), std::abs(b(ii, jj))});
    }
  if constexpr (!is_exact_v<Scalar>) {
    data.tol.point = 1e-11 * scale;
    data.tol.area = 1e-11 * scale * scale;
  }
  return data;
}

/// The threat point of a polygon: each player's lowest payoff in it.
template <scalar Scalar>
payoff_pair<Scalar> lowest_payoffs(const std::vector<payoff_pair<Scalar>>& polygon) {
  payoff_pair<Scalar> low = polygon.front();
  for (const auto& v : polygon)
    for (std::size_t i = 0; i < 2; ++i)
      if (v[i] < low[i]) low[i] = v[i];
  return low;
}

/// One application of the Abreu-Sannikov operator (see the file comment).
template <scalar Scalar>
std::vector<payoff_pair<Scalar>> abreu_sannikov_step(const abreu_sannikov_data<Scalar>& data,
                                                     const std::vector<payoff_pair<Scalar>>& polygon) {
  if (polygon.empty()) return {};
  const auto& tol = data.tol;
  const payoff_pair<Scalar> threat = lowest_payoffs(polygon);
  std::vector<payoff_pair<Scalar>> generated;
  generated.reserve(data.payoffs.size() * 4);
  const auto binding = [&](const Scalar& x, const Scalar& bound) {
    if constexpr (is_exact_v<Scalar>) {
      return x == bound;
    } else {
      return std::abs(x - bound) <= tol.point;
    }
  };
  for (std::size_t p = 0; p < data.payoffs.size(); ++p) {
    const auto& u = data.payoffs[p];
    const payoff_pair<Scalar> ic{threat[0] + data.gains[p][0], threat[1] + data.gains[p][1]};
    if (u[0] >= ic[0] - tol.point && u[1] >= ic[1] - tol.point && contains(polygon, u, tol)) {
      generated.push_back(u);
      continue;
    }
    const auto clipped = clip_below(clip_below(polygon, 0, ic[0], tol), 1, ic[1], tol);
    for (const auto& w : clipped)
      if (binding(w[0], ic[0]) || binding(w[1], ic[1]))
        generated.push_back({(Scalar(1) - data.delta[0]) * u[0] + data.delta[0] * w[0],
                             (Scalar(1) - data.delta[1]) * u[1] + data.delta[1] * w[1]});
  }
  return convex_hull(std::move(generated), tol);
}

/// The largest coordinate difference between two polygons with the same
/// number of vertices (both start at their lexicographically smallest).
template <scalar Scalar>
double polygon_change(const std::vector<payoff_pair<Scalar>>& x, const std::vector<payoff_pair<Scalar>>& y) {
  if (x.size() != y.size()) return std::numeric_limits<double>::infinity();
  double change = 0;
  for (std::size_t k = 0; k < x.size(); ++k)
    for (std::size_t i = 0; i < 2; ++i) {
      const Scalar d = x[k][i] - y[k][i];
      change = std::max(change, std::abs(scalar_cast<double>(d)));
    }
  return change;
}

/// The simplest rational (smallest denominator) in [low, high], low <= high.
inline rational simplest_rational_between(const rational& low, const rational& high) {
  if (low <= 0 && high >= 0) return rational(0);
  if (high < 0) return -simplest_rational_between(-high, -low);
  using boost::multiprecision::denominator;
  using boost::multiprecision::numerator;
  using integer = detail::big_integer;
  const auto floor_of = [](const rational& x) -> integer {
    integer q = numerator(x) / denominator(x);  // truncates; x > 0 here
    return q;
  };
  const integer n = floor_of(low);
  if (rational(n) == low) return low;
  if (rational(n + 1) <= high) return rational(n + 1);
  // low and high share the integer part n: recurse on the reciprocals of
  // their fractional parts.
  const rational inner = simplest_rational_between(1 / (high - rational(n)), 1 / (low - rational(n)));
  return rational(n) + 1 / inner;
}

/// `x` rounded to the simplest rational within 2^-64 of it: numbers with
/// small denominators (such as 14/5) stay as they are.
inline rational round_to_grid(const rational& x) {
  static const rational radius = rational(1) / rational(detail::big_integer(1) << 64);
  return simplest_rational_between(x - radius, x + radius);
}

/// Iterates the operator from `start` until the change is at most
/// `tolerance`, two iterates are identical, or a limit stops it.
template <scalar Scalar>
abreu_sannikov_result<Scalar> iterate_abreu_sannikov(const abreu_sannikov_data<Scalar>& data,
                                                     std::vector<payoff_pair<Scalar>> polygon,
                                                     const abreu_sannikov_options& options) {
  abreu_sannikov_result<Scalar> result;
  while (true) {
    if (const auto end = iteration_stop(options.stop_token, result.iterations, options.max_iterations)) {
      result.status = *end;
      break;
    }
    if (result.iterations % 16 == 0) report_progress(options.on_progress, result.iterations, 0, "iterations");
    auto next = abreu_sannikov_step(data, polygon);
    ++result.iterations;
    if (next.empty()) {
      polygon.clear();
      result.last_change = 0;
      break;
    }
    if constexpr (is_exact_v<Scalar>) {
      if (next == polygon) {
        result.exact = true;
        result.last_change = 0;
        break;
      }
      // Exact intersections double the size of the numbers at every
      // iteration; rounding the vertices to a fine grid keeps them small.
      for (auto& v : next)
        for (auto& x : v) x = round_to_grid(x);
      next = convex_hull(std::move(next), data.tol);
    }
    result.last_change = polygon_change(polygon, next);
    polygon = std::move(next);
    if (result.last_change <= options.tolerance) break;
  }
  result.vertices = std::move(polygon);
  return result;
}

/// The polygon to start from: the convex hull of the stage payoffs.
template <scalar Scalar>
std::vector<payoff_pair<Scalar>> feasible_polygon(const abreu_sannikov_data<Scalar>& data) {
  return convex_hull(data.payoffs, data.tol);
}

/// Puts the vertices in the documented order: counter-clockwise from the
/// lowest payoff of player 2 (then of player 1).
template <scalar Scalar>
void start_at_bottom(std::vector<payoff_pair<Scalar>>& polygon, const Scalar& tolerance) {
  if (polygon.size() < 2) return;
  std::size_t first = 0;
  for (std::size_t k = 1; k < polygon.size(); ++k)
    if (polygon[k][1] < polygon[first][1] - tolerance ||
        (polygon[k][1] <= polygon[first][1] + tolerance && polygon[k][0] < polygon[first][0]))
      first = k;
  std::rotate(polygon.begin(), polygon.begin() + static_cast<std::ptrdiff_t>(first), polygon.end());
}

template <scalar Scalar>
payoff_pair<Scalar> two_discount_factors(const repeated_game<Scalar>& game, const char* who) {
  if (game.num_players() != 2)
    throw invalid_argument(std::string(who) + " needs a two-player stage game, this one has " +
                           std::to_string(game.num_players()) + " players");
  if (!game.is_infinite())
    throw invalid_argument(std::string(who) + " needs an infinitely repeated game; this one has " +
                           std::to_string(*game.horizon()) + " rounds (see finite_horizon_repeated.hpp)");
  return {game.discount_factor(0), game.discount_factor(1)};
}

}  // namespace detail

/// The set of payoffs of pure-action subgame-perfect equilibria with public
/// randomisation of an infinitely repeated two-player game (Abreu and
/// Sannikov 2014): the vertices of a convex polygon, counter-clockwise.
/// Throws `invalid_argument` for a stage game without two players or a
/// finite horizon.
template <scalar Scalar>
[[nodiscard]] abreu_sannikov_result<Scalar> abreu_sannikov(const repeated_game<Scalar>& game,
                                                           const abreu_sannikov_options& options = {}) {
  const auto delta = detail::two_discount_factors(game, "abreu_sannikov");
  abreu_sannikov_result<Scalar> result;
  if constexpr (is_exact_v<Scalar>) {
    const auto exact = detail::make_abreu_sannikov_data(game.stage_game(), delta);
    std::size_t spent = 0;
    if (options.recognise_exact) {
      const auto estimate_data = detail::make_abreu_sannikov_data(
          convert<double>(game.stage_game()), payoff_pair<double>{scalar_cast<double>(delta[0]), scalar_cast<double>(delta[1])});
      const auto estimate = detail::iterate_abreu_sannikov(estimate_data, detail::feasible_polygon(estimate_data), options);
      spent = estimate.iterations;
      if (estimate.status == run_status::cancelled) {
        result.status = run_status::cancelled;
        result.iterations = spent;
        return result;
      }
      if (estimate.status == run_status::complete && !estimate.vertices.empty()) {
        std::vector<payoff_pair<rational>> guess;
        for (const auto& v : estimate.vertices) {
          payoff_pair<rational> g;
          for (std::size_t i = 0; i < 2; ++i) {
            const rational x(v[i]);
            const rational radius = rational(std::max(1e-9, 1e3 * options.tolerance) * (1 + std::abs(v[i])));
            g[i] = detail::simplest_rational_between(x - radius, x + radius);
          }
          guess.push_back(std::move(g));
        }
        guess = detail::convex_hull(std::move(guess), exact.tol);
        if (guess.size() == estimate.vertices.size() && detail::abreu_sannikov_step(exact, guess) == guess) {
          result.vertices = std::move(guess);
          result.exact = true;
          result.last_change = 0;
          result.iterations = spent + 1;
        }
      }
    }
    if (!result.exact) {
      auto rounded = exact;
      rational scale(1);
      for (const auto& u : exact.payoffs) scale = std::max({scale, abs(u[0]), abs(u[1])});
      rounded.tol.area = scale * scale * rational(options.tolerance);
      result = detail::iterate_abreu_sannikov(rounded, detail::feasible_polygon(exact), options);
      result.iterations += spent;
    }
  } else {
    const auto data = detail::make_abreu_sannikov_data(game.stage_game(), delta);
    result = detail::iterate_abreu_sannikov(data, detail::feasible_polygon(data), options);
  }
  if (!result.vertices.empty()) result.threat_point = detail::lowest_payoffs(result.vertices);
  Scalar bottom_tolerance(0);
  if constexpr (!is_exact_v<Scalar>) bottom_tolerance = 1e3 * options.tolerance;
  detail::start_at_bottom(result.vertices, bottom_tolerance);
  if (!result.exact) {
    const auto& table = game.stage_game().payoff_table();
    const double range = table.size() == 0 ? 0.0 : scalar_cast<double>(Scalar(table.maxCoeff() - table.minCoeff()));
    result.error_bound = result.last_change / (range > 0 ? range : 1.0);
  }
  return result;
}

/// True when `payoff` lies in the SPE payoff set `result` (vertices as
/// `abreu_sannikov` returns them): exactly in rationals, within 1e-9
/// (scaled to the payoffs) in double. For example, whether a negotiated
/// deal's payoffs can be sustained by an equilibrium of the repeated game.
template <scalar Scalar>
[[nodiscard]] bool is_spe_payoff(const abreu_sannikov_result<Scalar>& result, const payoff_pair<Scalar>& payoff) {
  detail::plane_tolerance<Scalar> tol;
  if constexpr (!is_exact_v<Scalar>) {
    double scale = 1;
    for (const auto& v : result.vertices) scale = std::max({scale, std::abs(v[0]), std::abs(v[1])});
    tol.point = 1e-9 * scale;
    tol.area = 1e-9 * scale * scale;
  }
  return detail::contains(result.vertices, payoff, tol);
}

}  // namespace impasse
