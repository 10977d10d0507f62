// The interval search on one support of a strategic game, for certified
// enumeration (strategic/polynomial_enumeration.hpp, where the method and
// its guarantees are described): the indifference equations of the
// support in the unknowns of each player's support probabilities, their
// ranges over a box (corners of all blocks but one, the gradient in that
// one), Gauss-Seidel narrowing, the Krawczyk test, bisection by smear, and
// the proofs that a certified solution's probabilities are positive and
// that no outside strategy earns more.
//
// Corner sums are computed in double and widened by a rigorous bound on
// their rounding error (Higham, "Accuracy and Stability of Numerical
// Algorithms", 2002, sections 3.1 and 4.2); everything else is in
// Boost.Interval with outward rounding.
#pragma once

#include <impasse/detail/interval_newton.hpp>
#include <impasse/detail/multilinear_payoffs.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_equilibria.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace impasse::detail {
/// The search on one support.
class support_system {
 public:
  /// Two strategies (a, b) of one player.
  using strategy_pair = std::pair<std::size_t, std::size_t>;

  /// The whole game's payoffs in double for `corner_values`: the payoffs
  /// (rounded, for a rational game), their magnitudes, and, for a rational
  /// game, bounds on their distances from the exact payoffs.
  struct corner_payoffs {
    multilinear_payoffs<double> payoffs, magnitudes;
    std::optional<multilinear_payoffs<double>> distances;
  };

  /// `restricted`: the payoffs of the game restricted to `support` (the
  /// equations need only those profiles); `full`: the whole game's, for the
  /// strategies outside the support; `corners`: the whole game's payoffs in
  /// double, their magnitudes, and how far each lies from the exact payoff,
  /// for evaluating at corners (`corner_values`).
  support_system(const multilinear_payoffs<interval>& full, const corner_payoffs& corners,
                 multilinear_payoffs<interval> restricted, const support_profile& support)
      : full_(full),
        corners_(corners),
        restricted_(std::move(restricted)),
        support_(support),
        n_(support.size()) {
    equations_.resize(n_);
    gains_of_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      first_unknown_.push_back(unknowns_.size());
      for (std::size_t k = 1; k < support[i].size(); ++k) {
        unknowns_.push_back({i, k});
        equations_[i].emplace_back(support[i][k], support[i][0]);
      }
      std::vector<bool> in(full.num_strategies(i), false);
      for (const auto s : support[i]) in[s] = true;
      for (std::size_t t = 0; t < full.num_strategies(i); ++t)
        if (!in[t]) gains_of_[i].emplace_back(t, support[i][0]);
    }
    const std::size_t local = restricted_.total_strategies();
    sigma_.assign(full.total_strategies(), interval(0));
    values_.assign(full.total_strategies(), interval(0));
    local_sigma_.assign(local, interval(0));
    local_values_.assign(local, interval(0));
    jacobian_.assign(local * local, interval(0));
    // Per strategy of each player, the sums over the others' support
    // profiles of the payoffs' magnitudes and of their distances from the
    // exact payoffs: what `corner_values`' error bound weighs.
    const std::size_t total = full.total_strategies();
    std::vector<double> ones(total, 1.0);
    magnitude_sums_.assign(total, 0.0);
    distance_sums_.assign(total, 0.0);
    for (std::size_t i = 0; i < n_; ++i) {
      corners.magnitudes.player_values_on(support_, ones.data(), i, magnitude_sums_.data());
      if (corners.distances) corners.distances->player_values_on(support_, ones.data(), i, distance_sums_.data());
    }
    std::size_t profiles = 1;
    for (const auto& s : support_) profiles *= s.size();
    // Each term of a sum is a product of at most n factors, and a sum has
    // at most `profiles` terms: Higham's gamma_K bounds the rounding error
    // relative to the sum of the terms' magnitudes (Higham, "Accuracy and
    // Stability of Numerical Algorithms", 2002, sections 3.1 and 4.2).
    const double k = static_cast<double>(n_ + 2 + profiles), unit = std::numeric_limits<double>::epsilon() / 2;
    gamma_ = k * unit / (1 - k * unit);
    // Gradual underflow adds at most half the smallest subnormal per
    // operation, magnified by the factors that follow.
    underflow_ = k * std::numeric_limits<double>::denorm_min();
    point_sigma_.assign(total, 0.0);
    point_values_.assign(total, 0.0);
  }

  [[nodiscard]] std::size_t dimension() const { return unknowns_.size(); }

  /// The flat profile (intervals) for unknowns x.
  void profile(const interval_vector& x, interval_vector& sigma) const {
    sigma.assign(full_.total_strategies(), interval(0));
    std::size_t u = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      interval rest(1);
      for (std::size_t k = 1; k < support_[i].size(); ++k, ++u) {
        sigma[full_.offset(i) + support_[i][k]] = x[u];
        rest -= x[u];
      }
      sigma[full_.offset(i) + support_[i][0]] = rest;
    }
  }

  /// Every function here is a difference of two of player i's strategy
  /// values, so it depends on the other players' unknowns only and is
  /// affine in each other player's block of unknowns (a payoff is linear in
  /// each player's mixture, which is affine in that player's unknowns). Its
  /// exact range over a box is therefore the hull, over the corners of all
  /// but one of those blocks, of the range of an affine function of the
  /// remaining block (the *free* block, the largest): the value at the free
  /// block's midpoint plus the gradient times the block's radii. Only the
  /// other blocks' corners are enumerated, up to `max_corner_dimension`
  /// unknowns; past that they enter as intervals (the natural extension,
  /// still an enclosure). Every point is evaluated in thin intervals, so
  /// rounding stays enclosed.
  static constexpr std::size_t max_corner_dimension = 10;

  /// F(x): u_i(S_i[k]) - u_i(S_i[0]) for each unknown (i, k), exact range
  /// over the box. Keeps, for `contract`, each equation's affine form in
  /// its free block.
  void value(const interval_vector& x, interval_vector& f) {
    f.clear();
    scratch_.clear();
    form_count_ = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      const std::size_t free = largest_other(i);
      append_ranges(x, i, free, equations_[i], f, true);
      // Forms in every other block too, so that `contract` narrows every
      // block by every other player's equations.
      for (std::size_t j = 0; j < n_; ++j)
        if (j != i && j != free && support_[j].size() > 1) append_ranges(x, i, j, equations_[i], scratch_, true);
    }
    forms_box_ = x;
  }

  /// Narrows the box x, on which `value` was just called, by each equation
  /// in turn (interval Gauss-Seidel on one equation at a time): equation r
  /// is c + sum_u g_u (x_u - m_u) = 0 over its free block, with c and g
  /// enclosed over the other blocks, so each x_u with 0 not in g_u lies in
  /// m_u - (c + sum_{v != u} g_v (X_v - m_v)) / g_u. Returns false when a
  /// coordinate's range becomes empty: the box holds no solution. O(d^2).
  [[nodiscard]] bool contract(interval_vector& x) const {
    // (Boost's interval == is a certain comparison, not identity.)
    if (x.size() != forms_box_.size()) return true;
    for (std::size_t u = 0; u < x.size(); ++u)
      if (x[u].lower() != forms_box_[u].lower() || x[u].upper() != forms_box_[u].upper()) return true;
    for (std::size_t r = 0; r < form_count_; ++r) {
      const affine_form& form = forms_[r];
      if (form.free == n_) {
        if (!boost::numeric::zero_in(form.constant)) return false;
        continue;
      }
      const std::size_t first = first_unknown_[form.free], width = form.slopes.size();
      for (std::size_t k = 0; k < width; ++k) {
        const interval& slope = form.slopes[k];
        if (boost::numeric::zero_in(slope)) continue;
        interval rest = form.constant;
        for (std::size_t l = 0; l < width; ++l)
          if (l != k) rest += form.slopes[l] * (x[first + l] - interval(form.middle[l]));
        const interval candidate = interval(form.middle[k]) - rest / slope;
        if (!boost::numeric::overlap(candidate, x[first + k])) return false;
        x[first + k] = boost::numeric::intersect(candidate, x[first + k]);
      }
    }
    return true;
  }

  /// F'(x), row-major d x d: the natural interval extension (the corners
  /// would cost 2^d Jacobians; the exact ranges of F already prune).
  void jacobian(const interval_vector& x, std::vector<interval>& out) { natural_jacobian(x, out); }

  /// The coordinate to bisect the box x at: the one of largest *smear*
  /// (Kearfott, "Rigorous Global Search: Continuous Problems", 1996,
  /// section 5.1), here the sum over the equations of |dF_r/dx_u| times the
  /// width of x_u, each equation's terms divided by its largest (the
  /// players' payoffs may differ in scale), with the Jacobian enclosed over
  /// the box. Splitting where the equations vary most rather than where the
  /// box is widest takes 1.7x to 2.8x fewer boxes on random 5x4x3 and
  /// 4x4x4 games. Coordinates narrower than a tenth of the widest are not
  /// chosen: along a continuum of solutions, splitting only across it
  /// would leave slivers that never shrink (7x more boxes on
  /// contrib-coord333 with 1e-3). O(d^2) plus a Jacobian.
  [[nodiscard]] std::size_t split_coordinate(const interval_vector& x) {
    std::size_t widest_at = 0;
    const double widest_width = widest(x, &widest_at);
    natural_jacobian(x, split_jacobian_);
    const std::size_t d = x.size();
    split_smear_.assign(d, 0.0);
    for (std::size_t r = 0; r < d; ++r) {
      double largest = 0;
      for (std::size_t c = 0; c < d; ++c)
        largest = std::max(largest, boost::numeric::norm(split_jacobian_[r * d + c]) * boost::numeric::width(x[c]));
      if (!(largest > 0)) continue;
      for (std::size_t c = 0; c < d; ++c)
        split_smear_[c] += boost::numeric::norm(split_jacobian_[r * d + c]) * boost::numeric::width(x[c]) / largest;
    }
    std::size_t best = widest_at;
    for (std::size_t c = 0; c < d; ++c)
      if (split_smear_[c] > split_smear_[best] && boost::numeric::width(x[c]) > 0.1 * widest_width) best = c;
    return best;
  }

  /// Outside strategies on the box: -1 if one is proved better (no
  /// equilibrium), 1 if all are proved no better, 0 if undecided.
  int outside(const interval_vector& x) {
    gains_.clear();
    for (std::size_t i = 0; i < n_; ++i) append_ranges(x, i, largest_other(i), gains_of_[i], gains_);
    int verdict = 1;
    for (const auto& gain : gains_) {
      if (gain.lower() > 0) return -1;
      if (!(gain.upper() < 0)) verdict = 0;
    }
    return verdict;
  }

 private:
  /// The other player with the most unknowns (n_ if none has any): the
  /// cheapest free block for player i's functions.
  [[nodiscard]] std::size_t largest_other(std::size_t i) const {
    std::size_t free = n_;
    for (std::size_t j = 0; j < n_; ++j)
      if (j != i && support_[j].size() > 1 && (free == n_ || support_[j].size() > support_[free].size())) free = j;
    return free;
  }

  /// Appends to `out` the range over the box x of u_i(a) - u_i(b) for each
  /// pair (a, b) in `pairs` (strategies of player i), with `free` (another
  /// player with unknowns, or n_) as the free block, as the class comment
  /// describes; with `keep_forms`, also each one's affine form in `free`.
  /// Cost: 2^c evaluations of player i's values and of their derivatives
  /// in the free block, c the unknowns of the enumerated blocks.
  void append_ranges(const interval_vector& x, std::size_t i, std::size_t free, const std::vector<strategy_pair>& pairs,
                     std::vector<interval>& out, bool keep_forms = false) {
    if (pairs.empty()) return;
    // The enumerated unknowns: the other blocks' non-thin coordinates.
    auto& corners = corner_indices_;
    corners.clear();
    for (std::size_t j = 0; j < n_; ++j) {
      if (j == i || j == free) continue;
      for (std::size_t u = first_unknown_[j]; u < first_unknown_[j] + support_[j].size() - 1; ++u)
        if (x[u].lower() != x[u].upper()) corners.push_back(u);
    }
    const bool enumerate = corners.size() <= max_corner_dimension;
    // The point: player i's block and the free block at their midpoints
    // (player i's own unknowns do not enter its values).
    point_ = x;
    auto& middle = middles_;
    middle.resize(x.size());
    for (std::size_t u = 0; u < x.size(); ++u) middle[u] = boost::numeric::median(x[u]);
    const auto thin = [&](std::size_t j) {
      for (std::size_t u = first_unknown_[j]; u < first_unknown_[j] + support_[j].size() - 1; ++u)
        point_[u] = interval(middle[u]);
    };
    thin(i);
    if (free != n_) thin(free);
    const std::size_t first = out.size();
    const std::size_t offset = full_.offset(i), width = free != n_ ? support_[free].size() : 0;
    const std::size_t count = enumerate ? std::size_t{1} << corners.size() : 1;
    // The forms are reused from call to call, keeping their vectors' storage.
    const std::size_t first_form = form_count_;
    if (keep_forms) {
      form_count_ += pairs.size();
      if (forms_.size() < form_count_) forms_.resize(form_count_);
      for (std::size_t r = first_form; r < form_count_; ++r) {
        affine_form& form = forms_[r];
        form.free = free;
        form.slopes.clear();
        form.middle.clear();
        if (free != n_)
          for (std::size_t k = 1; k < width; ++k) form.middle.push_back(middle[first_unknown_[free] + k - 1]);
      }
    }
    for (std::size_t mask = 0; mask < count; ++mask) {
      if (enumerate) {
        for (std::size_t c = 0; c < corners.size(); ++c)
          point_[corners[c]] = interval((mask >> c) & 1 ? x[corners[c]].upper() : x[corners[c]].lower());
        corner_values(point_, i, free);
      } else {
        profile(point_, sigma_);
        full_.player_values_on(support_, sigma_.data(), i, values_.data());
        if (free != n_) full_.player_derivatives_on(support_, sigma_.data(), i, free, derivatives_);
      }
      for (std::size_t r = 0; r < pairs.size(); ++r) {
        const auto [a, b] = pairs[r];
        const interval constant = values_[offset + a] - values_[offset + b];
        interval range = constant;
        affine_form* form = keep_forms ? &forms_[first_form + r] : nullptr;
        if (form) form->constant = mask == 0 ? constant : boost::numeric::hull(form->constant, constant);
        // + sum over the free block's unknowns of d/dx_u times (X_u - m_u),
        // through sigma_free(S[0]) = 1 - sum of the unknowns.
        for (std::size_t k = 1; k < width; ++k) {
          const std::size_t u = first_unknown_[free] + k - 1;
          const interval slope = (derivatives_[a * width + k] - derivatives_[a * width]) -
                                 (derivatives_[b * width + k] - derivatives_[b * width]);
          if (form) {
            if (mask == 0) {
              form->slopes.push_back(slope);
            } else {
              form->slopes[k - 1] = boost::numeric::hull(form->slopes[k - 1], slope);
            }
          }
          if (x[u].lower() == x[u].upper()) continue;
          range += slope * (x[u] - interval(middle[u]));
        }
        if (mask == 0) {
          out.push_back(range);
        } else {
          out[first + r] = boost::numeric::hull(out[first + r], range);
        }
      }
    }
  }

  /// Player i's strategy values, and their derivatives in `free`'s block
  /// (if free < n_), at a point whose unknowns are all thin, into `values_`
  /// and `derivatives_` as enclosures: computed in double, each widened by
  /// a bound on its error. The bound: a value is a sum over the others'
  /// support profiles of a payoff times probabilities. With probabilities
  /// a_j(s), each player's first one off by at most e_j from 1 - sum (the
  /// others are the point's coordinates, exact), and B = prod_{j != i}
  /// max(1, max_s |a_j(s)| + e_j), the computed sum differs from the exact
  /// sum (exact payoffs, exact probabilities) by at most
  ///   B ((gamma_K + sum_{j != i} e_j) M + D)
  /// with M the sum of the payoffs' magnitudes and D of their distances
  /// from the exact ones; doubled here, which also covers the rounding of
  /// the bound itself, plus a term for underflow. The same bound holds for
  /// a derivative, a sum over fewer profiles with fewer factors. Costs
  /// what the sums cost in double, several times less than in intervals.
  void corner_values(const interval_vector& point, std::size_t i, std::size_t free) {
    double errors = 0, scale = 1;
    std::size_t u = 0;
    for (std::size_t j = 0; j < n_; ++j) {
      const std::size_t offset = full_.offset(j);
      interval rest(1);
      double largest = 0;
      for (std::size_t k = 1; k < support_[j].size(); ++k, ++u) {
        const double p = point[u].lower();
        point_sigma_[offset + support_[j][k]] = p;
        rest -= point[u];
        largest = std::max(largest, std::abs(p));
      }
      const double first = boost::numeric::median(rest), error = 2 * (rest.upper() - rest.lower());
      point_sigma_[offset + support_[j][0]] = first;
      if (j == i) continue;
      largest = std::max(largest, std::abs(first)) + error;
      errors += error;
      scale *= std::max(1.0, largest);
    }
    const std::size_t offset = full_.offset(i), m = full_.num_strategies(i);
    const std::size_t width = free == n_ ? 0 : support_[free].size();
    if (free == n_) {
      corners_.payoffs.player_values_on(support_, point_sigma_.data(), i, point_values_.data());
    } else {
      // A value is linear in the free block's probabilities, so it is the
      // derivatives' dot product with them: one pass over the profiles
      // instead of two. Each term still takes at most K roundings.
      corners_.payoffs.player_derivatives_on(support_, point_sigma_.data(), i, free, point_derivatives_);
      const std::size_t free_offset = full_.offset(free);
      for (std::size_t s = 0; s < m; ++s) {
        double value = 0;
        for (std::size_t c = 0; c < width; ++c)
          value += point_derivatives_[s * width + c] * point_sigma_[free_offset + support_[free][c]];
        point_values_[offset + s] = value;
      }
    }
    bounds_.resize(m);
    for (std::size_t s = 0; s < m; ++s) {
      bounds_[s] = 2 * scale * ((gamma_ + errors) * magnitude_sums_[offset + s] + distance_sums_[offset + s]) +
                   underflow_ * (1 + scale * magnitude_sums_[offset + s]);
      values_[offset + s] = interval(point_values_[offset + s]) + interval(-bounds_[s], bounds_[s]);
    }
    derivatives_.resize(m * width);
    for (std::size_t s = 0; s < m; ++s)
      for (std::size_t c = 0; c < width; ++c)
        derivatives_[s * width + c] = interval(point_derivatives_[s * width + c]) + interval(-bounds_[s], bounds_[s]);
  }

  /// The restricted game's flat profile for unknowns x.
  void local_profile(const interval_vector& x) {
    std::size_t u = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      interval rest(1);
      const std::size_t first = restricted_.offset(i);
      for (std::size_t k = 1; k < support_[i].size(); ++k, ++u) {
        local_sigma_[first + k] = x[u];
        rest -= x[u];
      }
      local_sigma_[first] = rest;
    }
  }

  /// F'(x), row-major d x d, by the chain rule through sigma_j(S_j[0]) = 1 - sum.
  void natural_jacobian(const interval_vector& x, std::vector<interval>& out) {
    local_profile(x);
    const std::size_t total = restricted_.total_strategies();
    struct view {
      std::vector<interval>& data;
      std::size_t total;
      interval& operator()(std::size_t r, std::size_t c) { return data[r * total + c]; }
    } jac{jacobian_, total};
    restricted_.strategy_values_and_jacobian(local_sigma_.data(), local_values_.data(), jac);
    const std::size_t d = unknowns_.size();
    out.assign(d * d, interval(0));
    for (std::size_t r = 0; r < d; ++r) {
      const auto [i, k] = unknowns_[r];
      const std::size_t row = restricted_.offset(i) + k, base = restricted_.offset(i);
      for (std::size_t c = 0; c < d; ++c) {
        const auto [j, l] = unknowns_[c];
        if (j == i) continue;
        const std::size_t col = restricted_.offset(j) + l, ref = restricted_.offset(j);
        out[r * d + c] = (jac(row, col) - jac(base, col)) - (jac(row, ref) - jac(base, ref));
      }
    }
  }

 public:
  /// Whether the box can hold a point within `margin` of the probability
  /// simplices.
  [[nodiscard]] bool feasible(const interval_vector& x, double margin) const {
    std::size_t u = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      double low = 0;
      for (std::size_t k = 1; k < support_[i].size(); ++k, ++u) low += x[u].lower();
      if (low > 1 + margin) return false;
    }
    return true;
  }

  /// Whether every probability of the support is proved positive on the box.
  [[nodiscard]] bool positive(const interval_vector& x) const {
    interval_vector sigma;
    profile(x, sigma);
    for (std::size_t i = 0; i < n_; ++i)
      for (const auto s : support_[i])
        if (!(sigma[full_.offset(i) + s].lower() > 0)) return false;
    return true;
  }

 private:
  const multilinear_payoffs<interval>& full_;
  const corner_payoffs& corners_;
  multilinear_payoffs<interval> restricted_;
  const support_profile& support_;
  std::size_t n_;
  std::vector<std::pair<std::size_t, std::size_t>> unknowns_;
  std::vector<std::size_t> first_unknown_;  ///< where each player's unknowns start in x
  interval_vector sigma_, values_, local_sigma_, local_values_, point_, gains_, derivatives_, scratch_;
  /// Per player i, the pairs (a, b) of its strategies whose value
  /// difference u_i(a) - u_i(b) is wanted: its equations (each support
  /// strategy after the first, against the first) and its outside
  /// strategies' gains (each against the first support strategy).
  std::vector<std::vector<strategy_pair>> equations_, gains_of_;
  /// An equation as an affine function of its free block's unknowns:
  /// constant + sum_k slopes[k] (x_k - middle[k]), constant and slopes
  /// enclosed over the box's other blocks.
  struct affine_form {
    std::size_t free = 0;  ///< the free block's player (n_: none)
    interval constant;
    std::vector<interval> slopes;
    std::vector<double> middle;
  };
  std::vector<affine_form> forms_;  ///< the first `form_count_`: of the last `value` call's equations
  std::size_t form_count_ = 0;
  interval_vector forms_box_;       ///< its box
  std::vector<interval> jacobian_;
  std::vector<interval> split_jacobian_;     ///< `split_coordinate`'s Jacobian
  std::vector<double> split_smear_;          ///< and smears
  std::vector<std::size_t> corner_indices_;  ///< `append_ranges`' enumerated unknowns
  std::vector<double> middles_;              ///< and the box's midpoint
  /// For `corner_values`: per strategy, the sums its error bound weighs;
  /// gamma_K and the underflow term; the point's profile, values and
  /// derivatives in double.
  std::vector<double> magnitude_sums_, distance_sums_;
  double gamma_ = 0, underflow_ = 0;
  std::vector<double> point_sigma_, point_values_, point_derivatives_, bounds_;
};

/// The game's payoffs enclosed in intervals: thin for a game in double,
/// a rational payoff between the nearest doubles around it.
template <scalar Scalar>
multilinear_payoffs<interval> enclosing_payoffs(const strategic_game<Scalar>& game) {
  return multilinear_payoffs<interval>(game, [](const Scalar& u) {
    if constexpr (is_exact_v<Scalar>) {
      return enclosing_interval(u);
    } else {
      return interval(u);
    }
  });
}

/// The game's payoffs in double for `support_system::corner_values`, with
/// their magnitudes and, for a rational game, their distances from the
/// exact payoffs; `rounded` is `game` converted to double.
template <scalar Scalar>
support_system::corner_payoffs corner_payoffs_of(const strategic_game<Scalar>& game,
                                                 const strategic_game<double>& rounded) {
  support_system::corner_payoffs out{multilinear_payoffs<double>(rounded),
                                     multilinear_payoffs<double>(rounded, [](double u) { return std::abs(u); }),
                                     std::nullopt};
  if constexpr (is_exact_v<Scalar>)
    out.distances = multilinear_payoffs<double>(game, [](const Scalar& u) {
      // The rounded payoff lies in the enclosure.
      const auto enclosure = enclosing_interval(u);
      return 2 * (enclosure.upper() - enclosure.lower());
    });
  return out;
}

}  // namespace impasse::detail
