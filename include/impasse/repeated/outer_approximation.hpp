// An outer approximation of the set of pure-action SPE payoffs (with public
// randomisation) of an infinitely repeated game with any number of players,
// by hyperplanes with fixed directions.
//
// Method: Judd, Yeltekin and Conklin, "Computing supergame equilibria",
// Econometrica 71 (2003) 1239-1254. The set is described by levels c_l in
// fixed directions h_l: W = { w : h_l . w <= c_l for every l }. One step of
// the operator of Abreu, Pearce and Stacchetti (1990) becomes, for every
// direction, a maximum over action profiles a of the linear program
//   maximise h_l . ((1 - delta) u(a) + delta w)
//   subject to w in W, and for each player i
//   (1 - delta_i) u_i(a) + delta_i w_i >= (1 - delta_i) max_b u_i(b, a_-i) + delta_i w_i_,
// w_ the lowest payoffs in W (n more linear programs). Starting from a box
// around the stage payoffs, the levels decrease to those of a set that
// contains the SPE payoffs V; with more directions the set shrinks to V's
// convex hull. It serves as a check of Abreu-Sannikov's polygon (which it
// must contain) and as the method for more than two players.
//
// Directions: for two players, `directions` points spread evenly around
// the unit circle (rounded to simple rationals, so that both scalars use
// the same ones); for n players, the 3^n - 1 non-zero vectors with entries
// in {-1, 0, 1}. Cost per iteration: L |A| + n linear programs with n
// variables and L + n constraints, by the simplex method of
// detail/simplex.hpp; about log(tolerance) / log(delta) iterations. Exact in
// rationals, where the levels converge only in the limit: the iteration
// stops when no level moves by more than `tolerance`, as in double.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/detail/simplex.hpp>
#include <impasse/repeated/abreu_sannikov.hpp>
#include <impasse/repeated/game.hpp>
#include <impasse/strategic/game.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <optional>
#include <stop_token>
#include <vector>

namespace impasse {

/// Options of `outer_approximation`: a plain aggregate.
struct outer_approximation_options {
  /// Directions for two players (at least 3); more players use the
  /// 3^n - 1 vectors with entries in {-1, 0, 1}.
  std::size_t directions = 32;
  /// Stop when no level moves by more than this.
  double tolerance = 1e-10;
  /// Stop after this many iterations (status `limit_reached`); 0: no limit.
  /// 100,000 is a safeguard, as in `abreu_sannikov_options`.
  std::size_t max_iterations = 100000;
  /// For two players, solve each step's linear programs by maximising over
  /// the vertices of the polygon W (cut by the incentive constraints)
  /// instead of by the simplex method: the same optimum, much faster.
  bool two_player_geometry = true;
  /// Checked before every iteration (status `cancelled`).
  std::stop_token stop_token = {};
  /// Iterations made, every 16 (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `outer_approximation`. `exact` (rationals only) when the last
/// iteration moved no level: the levels are then exactly a fixed point of
/// the outer operator for these directions. Otherwise `error_bound` is the
/// largest change of a level in the last iteration, relative to the range of
/// the stage payoffs (a measure of convergence; every SPE payoff is inside
/// the approximation whatever it is).
template <scalar Scalar>
struct outer_approximation_result : run_report {
  /// The directions h_l, one vector of n entries each.
  std::vector<std::vector<Scalar>> directions;
  /// The levels c_l: every SPE payoff w has h_l . w <= c_l. Empty when no
  /// payoff survives (no pure-action SPE).
  std::vector<Scalar> levels;
  /// For two players, the vertices of the approximating polygon,
  /// counter-clockwise as in `abreu_sannikov`.
  std::vector<payoff_pair<Scalar>> vertices;
  std::size_t iterations = 0;
  std::size_t linear_programs = 0;
};

namespace detail {

template <scalar Scalar>
std::vector<std::vector<Scalar>> approximation_directions(std::size_t players, std::size_t count) {
  std::vector<std::vector<Scalar>> out;
  if (players == 2) {
    for (std::size_t l = 0; l < count; ++l) {
      const double angle = 2 * std::numbers::pi * static_cast<double>(l) / static_cast<double>(count);
      std::vector<Scalar> h;
      for (const double x : {std::cos(angle), std::sin(angle)}) {
        const rational r = simplest_rational_between(rational(x) - rational(1e-6), rational(x) + rational(1e-6));
        h.push_back(scalar_cast<Scalar>(r));
      }
      out.push_back(std::move(h));
    }
    return out;
  }
  std::vector<int> digits(players, -1);
  while (true) {
    if (std::any_of(digits.begin(), digits.end(), [](int d) { return d != 0; })) {
      std::vector<Scalar> h;
      for (int d : digits) h.push_back(Scalar(d));
      out.push_back(std::move(h));
    }
    std::size_t i = 0;
    while (i < players && digits[i] == 1) digits[i++] = -1;
    if (i == players) break;
    ++digits[i];
  }
  return out;
}

}  // namespace detail

/// The Judd-Yeltekin-Conklin outer approximation of the pure-action SPE
/// payoffs of an infinitely repeated game (see the file comment). Throws
/// `invalid_argument` for a finite horizon or fewer than 3 directions.
template <scalar Scalar>
[[nodiscard]] outer_approximation_result<Scalar> outer_approximation(const repeated_game<Scalar>& game,
                                                                     const outer_approximation_options& options = {}) {
  if (!game.is_infinite()) throw invalid_argument("outer_approximation needs an infinitely repeated game");
  if (game.num_players() == 2 && options.directions < 3)
    throw invalid_argument("outer_approximation needs at least 3 directions, not " + std::to_string(options.directions));
  if (game.num_players() > 6)
    throw invalid_argument("outer_approximation: " + std::to_string(game.num_players()) +
                           " players would need 3^n - 1 directions; at most 6 players");
  const auto& stage = game.stage_game();
  const std::size_t n = stage.num_players(), profiles = stage.num_profiles();
  outer_approximation_result<Scalar> result;
  result.directions = detail::approximation_directions<Scalar>(n, options.directions);
  const auto& h = result.directions;
  const std::size_t count = h.size();
  // Payoffs, best deviations, and the box of stage payoffs: the variables
  // are x = w - low >= 0 (every payoff in the set is at least low).
  std::vector<Scalar> low(n), high(n);
  std::vector<std::vector<Scalar>> best(n, std::vector<Scalar>(profiles));
  for (std::size_t i = 0; i < n; ++i) {
    const auto u = stage.payoffs(i);
    low[i] = *std::min_element(u.begin(), u.end());
    high[i] = *std::max_element(u.begin(), u.end());
    const std::size_t stride = stage.stride(i), m = stage.num_strategies(i);
    for (std::size_t p = 0; p < profiles; ++p) {
      const std::size_t base = p - ((p / stride) % m) * stride;
      Scalar b = u[base];
      for (std::size_t s = 1; s < m; ++s) b = std::max(b, u[base + s * stride]);
      best[i][p] = b;
    }
  }
  std::vector<Scalar> levels(count);
  for (std::size_t l = 0; l < count; ++l) {
    levels[l] = Scalar(0);
    for (std::size_t i = 0; i < n; ++i) levels[l] += h[l][i] > Scalar(0) ? h[l][i] * high[i] : h[l][i] * low[i];
  }
  const auto hdot = [&](std::size_t l, const auto& x) {
    Scalar v(0);
    for (std::size_t i = 0; i < n; ++i) v += h[l][i] * x[i];
    return v;
  };
  // The linear program over x = w - low: H x <= c - H low, plus extra rows.
  const auto base_program = [&](const std::vector<Scalar>& c) {
    detail::linear_program<Scalar> lp;
    lp.constraints = matrix<Scalar>(static_cast<Eigen::Index>(count + n), static_cast<Eigen::Index>(n));
    lp.bounds = vector<Scalar>(static_cast<Eigen::Index>(count + n));
    lp.senses.assign(count + n, detail::constraint_sense::less_equal);
    for (std::size_t l = 0; l < count; ++l) {
      for (std::size_t i = 0; i < n; ++i)
        lp.constraints(static_cast<Eigen::Index>(l), static_cast<Eigen::Index>(i)) = h[l][i];
      lp.bounds(static_cast<Eigen::Index>(l)) = c[l] - hdot(l, low);
    }
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j)
        lp.constraints(static_cast<Eigen::Index>(count + i), static_cast<Eigen::Index>(j)) = Scalar(i == j ? 1 : 0);
      lp.senses[count + i] = detail::constraint_sense::greater_equal;
      lp.bounds(static_cast<Eigen::Index>(count + i)) = Scalar(0);
    }
    lp.objective = vector<Scalar>::Zero(static_cast<Eigen::Index>(n));
    return lp;
  };
  // For two players: the polygon { w : h_l . w <= c_l }, cut from the box of stage payoffs.
  const auto polygon_of = [&](const std::vector<Scalar>& c) {
    std::vector<payoff_pair<Scalar>> points{{low[0], low[1]}, {high[0], low[1]}, {high[0], high[1]}, {low[0], high[1]}};
    for (std::size_t l = 0; l < count && !points.empty(); ++l) {
      std::vector<payoff_pair<Scalar>> kept;
      for (std::size_t k = 0; k < points.size(); ++k) {
        const auto& a = points[k];
        const auto& b = points[(k + 1) % points.size()];
        const Scalar fa = hdot(l, a) - c[l], fb = hdot(l, b) - c[l];
        if (fa <= Scalar(0)) kept.push_back(a);
        if ((fa < Scalar(0) && fb > Scalar(0)) || (fa > Scalar(0) && fb < Scalar(0))) {
          const Scalar t = fa / (fa - fb);
          kept.push_back({a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])});
        }
      }
      points = std::move(kept);
    }
    return points;
  };
  const bool geometry = n == 2 && options.two_player_geometry;
  detail::plane_tolerance<Scalar> clip_tolerance;
  if constexpr (!is_exact_v<Scalar>) clip_tolerance = {1e-12, 1e-12};
  bool empty = false;
  double change = std::numeric_limits<double>::infinity();
  const auto finish = [&]() -> outer_approximation_result<Scalar>& {
    result.exact = is_exact_v<Scalar> && (empty || change == 0);
    if (!result.exact && !empty) {
      const auto& table = stage.payoff_table();
      const double range = scalar_cast<double>(Scalar(table.maxCoeff() - table.minCoeff()));
      result.error_bound = change / (range > 0 ? range : 1.0);
    }
    return result;
  };
  while (true) {
    if (const auto end = iteration_stop(options.stop_token, result.iterations, options.max_iterations)) {
      result.status = *end;
      break;
    }
    if (result.iterations % 16 == 0) detail::report_progress(options.on_progress, result.iterations, 0, "iterations");
    ++result.iterations;
    std::vector<std::optional<Scalar>> next(count);
    if (geometry) {
      const auto polygon = polygon_of(levels);
      if (polygon.empty()) {
        empty = true;
        break;
      }
      const auto threat = detail::lowest_payoffs(polygon);
      for (std::size_t p = 0; p < profiles; ++p) {
        payoff_pair<Scalar> ic, u;
        for (std::size_t i = 0; i < 2; ++i) {
          const Scalar& d = game.discount_factor(i);
          u[i] = stage.payoff(i, p);
          ic[i] = threat[i] + (Scalar(1) - d) / d * (best[i][p] - u[i]);
        }
        const auto feasible =
            detail::clip_below(detail::clip_below(polygon, 0, ic[0], clip_tolerance), 1, ic[1], clip_tolerance);
        result.linear_programs += count;
        for (const auto& w : feasible) {
          payoff_pair<Scalar> generated;
          for (std::size_t i = 0; i < 2; ++i) {
            const Scalar& d = game.discount_factor(i);
            generated[i] = (Scalar(1) - d) * u[i] + d * w[i];
          }
          for (std::size_t l = 0; l < count; ++l) {
            const Scalar value = hdot(l, generated);
            if (!next[l] || value > *next[l]) next[l] = value;
          }
        }
      }
    } else {
      auto lp = base_program(levels);
      // The threat point: each player's lowest payoff in W.
      std::vector<Scalar> threat(n);
      for (std::size_t i = 0; i < n && !empty; ++i) {
        lp.objective = vector<Scalar>::Zero(static_cast<Eigen::Index>(n));
        lp.objective(static_cast<Eigen::Index>(i)) = Scalar(-1);
        const auto s = detail::solve_linear_program(lp);
        ++result.linear_programs;
        if (s.status != detail::lp_status::optimal)
          empty = true;
        else
          threat[i] = low[i] - s.value;
      }
      if (empty) break;
      for (std::size_t p = 0; p < profiles; ++p) {
        // Incentive constraints: w_i >= threat_i + (1 - delta_i) / delta_i (best - u_i).
        for (std::size_t i = 0; i < n; ++i) {
          const Scalar& d = game.discount_factor(i);
          lp.bounds(static_cast<Eigen::Index>(count + i)) =
              threat[i] + (Scalar(1) - d) / d * (best[i][p] - stage.payoff(i, p)) - low[i];
        }
        for (std::size_t l = 0; l < count; ++l) {
          for (std::size_t i = 0; i < n; ++i)
            lp.objective(static_cast<Eigen::Index>(i)) = h[l][i] * game.discount_factor(i);
          const auto s = detail::solve_linear_program(lp);
          ++result.linear_programs;
          if (s.status != detail::lp_status::optimal) break;  // infeasible for every direction
          Scalar value = s.value;
          for (std::size_t i = 0; i < n; ++i) {
            const Scalar& d = game.discount_factor(i);
            value += h[l][i] * ((Scalar(1) - d) * stage.payoff(i, p) + d * low[i]);
          }
          if (!next[l] || value > *next[l]) next[l] = value;
        }
      }
    }
    if (!next[0]) {
      empty = true;
      break;
    }
    change = 0;
    for (std::size_t l = 0; l < count; ++l) {
      change = std::max(change, std::abs(scalar_cast<double>(Scalar(*next[l] - levels[l]))));
      levels[l] = std::min(levels[l], *next[l]);  // monotone: keep the set from growing by rounding
    }
    if (change <= options.tolerance) break;
  }
  if (empty) return finish();
  result.levels = levels;
  if (n == 2) {
    detail::plane_tolerance<Scalar> tol;
    if constexpr (!is_exact_v<Scalar>) tol = {1e-9, 1e-9};
    result.vertices = detail::convex_hull(polygon_of(levels), tol);
    detail::start_at_bottom(result.vertices, tol.point);
  }
  return finish();
}

}  // namespace impasse
