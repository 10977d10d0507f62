// Every isolated Nash equilibrium of a small strategic game with any number
// of players, each proved: support enumeration with certified polynomial
// root finding.
//
// Method. A profile with supports S_1, ..., S_n is an equilibrium when each
// player is indifferent over their support and no strategy outside it earns
// more. Supports are tried as Porter, Nudelman and Shoham order them
// ("Simple search methods for finding a Nash equilibrium", GEB 63, 2008):
// smallest total size first, then most balanced (smallest difference
// between the largest and smallest support); a support is skipped when one
// of its strategies is strictly dominated, given the other players'
// supports, by another strategy of its player (no mixture on those
// supports can then make it a best response). On each remaining support
// the indifference conditions are d = sum_i (|S_i| - 1) multilinear
// equations in d unknowns (each player's first support strategy takes the
// remaining probability), solved on the simplex of probabilities by
// interval branch-and-prune with Boost.Interval (detail/interval_newton.hpp):
// a box is discarded when the range of the equations over it excludes zero
// (each equation is affine in each other player's block of unknowns, so
// its exact range takes the corners of all blocks but one, and the
// gradient in that one), narrowed by each equation solved for its free
// block (interval Gauss-Seidel, one equation at a time), discarded when the
// Krawczyk operator misses it, narrowed when the operator cuts it,
// bisected otherwise, and a box is *certified* when the Krawczyk
// operator maps it into its own interior: it then holds exactly one
// solution. A certified solution is an equilibrium when its probabilities
// are positive (proved on the box) and no outside strategy earns more
// (proved on the box, or, on a tie the box cannot separate, checked at the
// Newton-refined point). Each equilibrium is returned with its box, an
// enclosure of every probability (zero off the support).
//
// What is guaranteed. Every isolated equilibrium at which the equations'
// Jacobian is non-singular (in particular every equilibrium of a generic
// game) is found and certified, unless its support ran out of its work
// budget, which is the status `limit_reached` (the support is listed).
// Boxes that shrink below `min_width` without a verdict mark the support as
// *degenerate*: a continuum of solutions or a singular one; those supports
// are listed, with a point of each unresolved cluster that passes the
// regret check (`degenerate_points`), since such equilibria cannot be
// certified isolated. The sums at the corners are computed in double and
// widened by a rigorous bound on their rounding error (Higham's gamma_K);
// everything else is in intervals with outward rounding; a rational game's
// payoffs are enclosed in intervals, so the proofs hold for the exact game.
//
// Cost: the supports are prod_i (2^{m_i} - 1); each box costs, per player,
// 2^c evaluations of that player's values and of their derivatives in the
// free block (c the unknowns of the enumerated blocks: with three players,
// those of the other player with fewer), one of the Jacobian, O(n^2 P_S)
// for the P_S profiles of the support, and an LU of size d. Meant for
// small games: the 14 n-player corpus games take 0.05 ms to 0.6 s
// (5x4x3); the budget bounds every support.
#pragma once

#include <impasse/detail/interval_newton.hpp>
#include <impasse/detail/multilinear_payoffs.hpp>
#include <impasse/detail/support_newton.hpp>
#include <impasse/core/error.hpp>
#include <impasse/strategic/mixed_equilibria.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

struct polynomial_enumeration_options {
  /// Boxes one support may process before it is given up (status
  /// `limit_reached`, the support listed in `exhausted_supports`). The
  /// full support of a random 4x4x4 game takes up to about 19,000; a box
  /// costs 10 to 40 us there, so the default bounds a support to about 2 s.
  std::size_t max_boxes_per_support = 50'000;
  /// A box narrower than this without a verdict is unresolved: its support
  /// is degenerate there.
  double min_width = 1e-8;
  /// A support with this many unresolved boxes (a continuum of solutions)
  /// is left; isolated solutions elsewhere on it may then be missed, and
  /// the support is listed in `degenerate_supports` either way.
  std::size_t max_unresolved_boxes = 8;
  /// An equilibrium's regret relative to the payoff range must be within this.
  double max_regret = 1e-9;
  /// Stop after this many equilibria (status `limit_reached`); 0 (the
  /// default) is no limit.
  std::size_t max_equilibria = no_limit;
  /// Players with more strategies are refused (invalid_argument): the
  /// supports grow as 2^m.
  std::size_t max_strategies_per_player = 20;
  std::function<void(const mixed_profile<double>&)> on_equilibrium = {};
  std::stop_token stop_token = {};
  /// Called after each support profile with the number tried so far (of
  /// all 2^m supports, m the strategies), unit "supports".
  progress_callback on_progress = {};
};

/// A support profile: the strategies each player uses.
using support_profile = std::vector<std::vector<std::size_t>>;

struct polynomial_enumeration_result : mixed_equilibria_result<double> {
  /// For each equilibrium, the enclosure of each probability (flat, in
  /// Gambit's order) proved to hold that equilibrium and no other solution
  /// of its support's equations.
  std::vector<std::vector<std::pair<double, double>>> boxes;
  /// The support each equilibrium was found on.
  std::vector<support_profile> supports;
  /// Supports where boxes shrank to `min_width` undecided: non-isolated or
  /// singular solutions.
  std::vector<support_profile> degenerate_supports;
  /// On the degenerate supports: points of the unresolved boxes, Newton
  /// refined, that pass the regret check, or whose nearby simple fractions
  /// are exactly an equilibrium (a singular solution, which Newton's method
  /// reaches only to about half the digits). Not certified isolated.
  std::vector<mixed_profile<double>> degenerate_points;
  /// Supports that ran out of `max_boxes_per_support`.
  std::vector<support_profile> exhausted_supports;
  std::size_t supports_tried = 0;
  std::size_t supports_pruned = 0;
  std::size_t boxes_processed = 0;
};

namespace detail {

/// Every support profile, in Porter-Nudelman-Shoham order.
inline std::vector<support_profile> supports_in_pns_order(const std::vector<std::size_t>& counts) {
  const std::size_t n = counts.size();
  // Size profiles (k_1..k_n), ordered by total then by imbalance.
  std::vector<std::vector<std::size_t>> sizes{{}};
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::vector<std::size_t>> next;
    for (const auto& prefix : sizes)
      for (std::size_t k = 1; k <= counts[i]; ++k) {
        auto s = prefix;
        s.push_back(k);
        next.push_back(std::move(s));
      }
    sizes = std::move(next);
  }
  std::stable_sort(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) {
    const auto total_a = std::accumulate(a.begin(), a.end(), std::size_t{0});
    const auto total_b = std::accumulate(b.begin(), b.end(), std::size_t{0});
    if (total_a != total_b) return total_a < total_b;
    const auto spread = [](const auto& v) { return *std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end()); };
    return spread(a) < spread(b);
  });
  std::vector<support_profile> out;
  for (const auto& size : sizes) {
    // Every choice of size[i] strategies for each player, lexicographically.
    std::vector<std::vector<std::vector<std::size_t>>> choices(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::size_t> pick(size[i]);
      std::iota(pick.begin(), pick.end(), std::size_t{0});
      while (true) {
        choices[i].push_back(pick);
        std::size_t k = size[i];
        while (k > 0 && pick[k - 1] == counts[i] - size[i] + k - 1) --k;
        if (k == 0) break;
        ++pick[k - 1];
        for (std::size_t j = k; j < size[i]; ++j) pick[j] = pick[j - 1] + 1;
      }
    }
    std::vector<std::size_t> at(n, 0);
    while (true) {
      support_profile support(n);
      for (std::size_t i = 0; i < n; ++i) support[i] = choices[i][at[i]];
      out.push_back(std::move(support));
      std::size_t i = 0;
      for (; i < n && ++at[i] == choices[i].size(); ++i) at[i] = 0;
      if (i == n) break;
    }
  }
  return out;
}

/// The search on one support.
class support_system {
 public:
  /// Two strategies (a, b) of one player.
  using strategy_pair = std::pair<std::size_t, std::size_t>;

  /// The whole game's payoffs in double for `corner_values`: the payoffs
  /// (rounded, for a rational game), their magnitudes, and bounds on their
  /// distances from the exact payoffs (zero for a game in double).
  struct corner_payoffs {
    multilinear_payoffs<double> payoffs, magnitudes, distances;
    bool inexact = false;
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
      if (corners.inexact) corners.distances.player_values_on(support_, ones.data(), i, distance_sums_.data());
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
/// their magnitudes and their distances from the exact payoffs.
template <scalar Scalar>
support_system::corner_payoffs corner_payoffs_of(const strategic_game<Scalar>& game) {
  const auto rounded = convert<double>(game);
  return {multilinear_payoffs<double>(rounded), multilinear_payoffs<double>(rounded, [](double u) { return std::abs(u); }),
          multilinear_payoffs<double>(game,
                                      [](const Scalar& u) {
                                        if constexpr (is_exact_v<Scalar>) {
                                          // The rounded payoff lies in the enclosure.
                                          const auto enclosure = enclosing_interval(u);
                                          return 2 * (enclosure.upper() - enclosure.lower());
                                        } else {
                                          return 0.0;
                                        }
                                      }),
          is_exact_v<Scalar>};
}

/// Strict domination of a support strategy by another strategy of its
/// player, given the others' supports (exact comparisons of the game's
/// payoffs): such a support holds no equilibrium.
template <scalar Scalar>
bool conditionally_dominated(const strategic_game<Scalar>& game, const support_profile& support) {
  const std::size_t n = game.num_players();
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto s : support[i]) {
      for (std::size_t t = 0; t < game.num_strategies(i); ++t) {
        if (t == s) continue;
        // Does t beat s against every profile of the others' supports?
        bool dominated = true;
        std::vector<std::size_t> at(n, 0);
        pure_profile profile(n);
        while (dominated) {
          for (std::size_t j = 0; j < n; ++j) profile[j] = j == i ? s : support[j][at[j]];
          const Scalar from = game.payoff(i, profile);
          profile[i] = t;
          if (!(game.payoff(i, profile) > from)) dominated = false;
          std::size_t j = 0;
          for (; j < n; ++j) {
            if (j == i) continue;
            if (++at[j] < support[j].size()) break;
            at[j] = 0;
          }
          if (j == n) break;
        }
        if (dominated) return true;
      }
    }
  }
  return false;
}

/// `profile` with each probability replaced by the simplest fraction
/// within `tolerance` of it (`nearby_rational`), if every player's
/// fractions sum to one and none is negative; nothing otherwise.
inline std::optional<mixed_profile<rational>> nearby_fractions(const mixed_profile<double>& profile, double tolerance) {
  const auto& counts = profile.strategy_counts();
  mixed_profile<rational> out(counts);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    rational sum(0);
    for (std::size_t s = 0; s < counts[i]; ++s) {
      out(i, s) = nearby_rational(profile(i, s), tolerance);
      if (out(i, s) < 0) return std::nullopt;
      sum += out(i, s);
    }
    if (sum != 1) return std::nullopt;
  }
  return out;
}

/// Simple fractions near `profile` that form an equilibrium of `game`:
/// exactly (regret zero in rationals) for a rational game, within `bound`
/// of the payoff range for a double one; or nothing. The fractions are
/// `nearby_fractions` within 1e-7, then 1e-6, 1e-5, 1e-4, and the first
/// profile that passes is returned. For the singular solutions of
/// degenerate supports, to which Newton's method converges only linearly,
/// so that double precision gets about half their digits: a rational one is
/// confirmed this way.
template <scalar Scalar>
std::optional<mixed_profile<double>> equilibrium_of_fractions_near(const strategic_game<Scalar>& game,
                                                                   const mixed_profile<double>& profile, double bound) {
  for (const double tolerance : {1e-7, 1e-6, 1e-5, 1e-4}) {
    const auto fractions = nearby_fractions(profile, tolerance);
    if (!fractions) continue;
    const auto out = convert<double>(*fractions);
    if constexpr (std::is_same_v<Scalar, rational>) {
      if (max_regret(game, *fractions) == 0) return out;
    } else {
      if (relative_regret(game, out) <= bound) return out;
    }
  }
  return std::nullopt;
}

}  // namespace detail

/// Every isolated Nash equilibrium of `game`, each certified by an interval
/// box (see the file comment). Approximate in the sense that the profiles
/// are doubles; each lies in its proved box.
template <scalar Scalar>
[[nodiscard]] polynomial_enumeration_result polynomial_enumeration(const strategic_game<Scalar>& game,
                                                                   const polynomial_enumeration_options& options = {}) {
  for (std::size_t i = 0; i < game.num_players(); ++i)
    if (game.num_strategies(i) > options.max_strategies_per_player)
      throw invalid_argument("polynomial_enumeration: player " + std::to_string(i + 1) + " has " +
                             std::to_string(game.num_strategies(i)) + " strategies, more than the " +
                             std::to_string(options.max_strategies_per_player) + " allowed (2^m supports each)");
  // Payoffs near the largest double would overflow the sums, subnormal ones
  // lose their digits: solve the same game scaled by a power of two.
  if (auto rescaled = detail::rescaled_if_extreme(game)) return polynomial_enumeration(*rescaled, options);
  using detail::interval;
  const auto checked_game = convert<double>(game);
  const auto exact_payoffs = detail::enclosing_payoffs(game);
  const auto corners = detail::corner_payoffs_of(game);
  const auto& payoffs = corners.payoffs;
  polynomial_enumeration_result result;
  const auto keep = [&](const mixed_profile<double>& profile, const std::vector<std::pair<double, double>>& box,
                        const support_profile& support) {
    if (!detail::keep_checked(result, checked_game, profile, options.max_regret, 0.0, options.on_equilibrium)) return;
    result.boxes.push_back(box);
    result.supports.push_back(support);
  };
  const auto supports = detail::supports_in_pns_order(game.strategy_counts());
  std::size_t supports_done = 0;
  for (const auto& support : supports) {
    detail::report_progress(options.on_progress, supports_done++, supports.size(), "supports");
    if (options.stop_token.stop_requested()) {
      result.status = run_status::cancelled;
      return result;
    }
    if (detail::limit_hit(result.equilibria.size(), options.max_equilibria)) {
      result.status = run_status::limit_reached;
      result.reason = "stopped after " + std::to_string(options.max_equilibria) + " equilibria";
      return result;
    }
    if (detail::conditionally_dominated(game, support)) {
      ++result.supports_pruned;
      continue;
    }
    ++result.supports_tried;
    detail::support_system system(exact_payoffs, corners,
                                  detail::enclosing_payoffs(restrict_strategies(game, support)), support);
    const std::size_t d = system.dimension();
    const auto to_profile = [&](const std::vector<double>& flat) {
      mixed_profile<double> p(game.strategy_counts());
      for (std::size_t i = 0; i < game.num_players(); ++i) {
        double sum = 0;
        for (std::size_t s = 0; s < game.num_strategies(i); ++s) sum += std::max(0.0, flat[payoffs.offset(i) + s]);
        for (std::size_t s = 0; s < game.num_strategies(i); ++s)
          p(i, s) = sum > 0 ? std::max(0.0, flat[payoffs.offset(i) + s]) / sum : 1.0 / static_cast<double>(game.num_strategies(i));
      }
      return p;
    };
    if (d == 0) {  // a pure profile: decided exactly
      pure_profile pure(game.num_players());
      for (std::size_t i = 0; i < pure.size(); ++i) pure[i] = support[i][0];
      const auto profile = mixed_profile<Scalar>::pure(game.strategy_counts(), pure);
      if (max_regret(game, profile) <= Scalar(0)) {
        std::vector<std::pair<double, double>> box;
        for (const auto& p : profile.flat()) box.emplace_back(scalar_cast<double>(p), scalar_cast<double>(p));
        keep(convert<double>(profile), box, support);
      }
      continue;
    }
    // The search box reaches a little past the simplex, so that a root on its
    // boundary (a solution of a smaller support) is certified and then
    // dropped rather than left undecided on the box's edge.
    const double margin = 1.0 / 1024;
    std::vector<detail::interval_vector> stack{detail::interval_vector(d, interval(-margin, 1 + margin))};
    std::size_t boxes = 0;
    bool degenerate = false;
    std::vector<detail::interval_vector> unresolved;
    detail::interval_vector f, narrowed;
    std::vector<bool> flags(payoffs.total_strategies(), false);
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (const auto s : support[i]) flags[payoffs.offset(i) + s] = true;
    const auto value = [&](const detail::interval_vector& x, detail::interval_vector& out) { system.value(x, out); };
    const auto jacobian = [&](const detail::interval_vector& x, std::vector<interval>& out) { system.jacobian(x, out); };
    const auto midpoint_profile = [&](const detail::interval_vector& x) {
      detail::interval_vector sigma;
      system.profile(x, sigma);
      std::vector<double> flat(sigma.size());
      for (std::size_t k = 0; k < sigma.size(); ++k) flat[k] = std::clamp(boost::numeric::median(sigma[k]), 0.0, 1.0);
      return flat;
    };
    bool exhausted = false;
    while (!stack.empty()) {
      if (++boxes > options.max_boxes_per_support) {
        exhausted = true;
        break;
      }
      if ((boxes & 1023) == 0 && options.stop_token.stop_requested()) {
        result.status = run_status::cancelled;
        return result;
      }
      detail::interval_vector box = std::move(stack.back());
      stack.pop_back();
      if (!system.feasible(box, margin)) continue;
      system.value(box, f);
      bool excluded = false;
      for (const auto& component : f)
        if (!boost::numeric::zero_in(component)) excluded = true;
      if (excluded) continue;
      // Narrow the box by the equations' affine forms while that pays.
      const detail::interval_vector original = box;
      bool empty = false;
      for (int round = 0; round < 4; ++round) {
        const double before = detail::widest(box);
        if (!system.contract(box) || !system.feasible(box, margin)) {
          empty = true;
          break;
        }
        if (!(detail::widest(box) < 0.8 * before)) break;
        system.value(box, f);
        for (const auto& component : f)
          if (!boost::numeric::zero_in(component)) empty = true;
        if (empty) break;
      }
      if (empty) continue;
      // The narrowed box can hug a root so closely that the Krawczyk test,
      // which needs room around it, cannot prove it: widen each narrowed
      // coordinate a little, within the box it came from (so boxes still
      // do not overlap and no root is reported twice).
      for (std::size_t u = 0; u < d; ++u) {
        const double narrowed_width = boost::numeric::width(box[u]);
        if (!(narrowed_width < boost::numeric::width(original[u]))) continue;
        const double room = std::max(0.01 * narrowed_width, 2 * options.min_width);
        box[u] = boost::numeric::intersect(interval(box[u].lower() - room, box[u].upper() + room), original[u]);
      }
      // A box where some outside strategy is proved better everywhere holds
      // no equilibrium of this support, solutions of the equations or not
      // (this is what keeps a continuum of non-equilibrium solutions cheap).
      if (system.outside(box) < 0) continue;
      const auto verdict = detail::krawczyk(box, value, jacobian, narrowed);
      if (verdict == detail::krawczyk_verdict::no_root) continue;
      if (verdict == detail::krawczyk_verdict::unique_root) {
        // Tighten the enclosure: K(X) again holds the root, and so on.
        detail::interval_vector tight = narrowed, next;
        for (int round = 0; round < 8 && detail::widest(tight) > 1e-15; ++round) {
          if (detail::krawczyk(tight, value, jacobian, next) == detail::krawczyk_verdict::no_root) break;
          for (std::size_t k = 0; k < d; ++k)
            if (boost::numeric::overlap(next[k], tight[k])) tight[k] = boost::numeric::intersect(next[k], tight[k]);
        }
        if (!system.positive(tight)) continue;  // outside the simplex, or a smaller support's root
        const int outside = system.outside(tight);
        if (outside < 0) continue;
        auto point = midpoint_profile(tight);
        if (auto refined = detail::newton_on_support(payoffs, point, flags)) point = *refined;
        // Keep the refined point only if it stays in the proved box.
        detail::interval_vector sigma;
        system.profile(tight, sigma);
        bool in_box = true;
        for (std::size_t k = 0; k < sigma.size(); ++k)
          in_box = in_box && point[k] >= sigma[k].lower() && point[k] <= sigma[k].upper();
        if (!in_box) point = midpoint_profile(tight);
        std::vector<std::pair<double, double>> enclosure;
        for (const auto& component : sigma) enclosure.emplace_back(component.lower(), component.upper());
        keep(to_profile(point), enclosure, support);
        continue;
      }
      std::size_t where = 0;
      const double width = detail::widest(narrowed, &where);
      // A small undecided box around a singular solution (a continuum, or a
      // root where the Jacobian vanishes) would be split down to min_width
      // in every direction; Newton from its middle tells: if it converges in
      // the box to a point where the Jacobian is numerically singular, the
      // box is unresolved now.
      bool singular = false;
      if (width < 1e-4) {
        const auto start = midpoint_profile(narrowed);
        if (const auto refined = detail::newton_on_support(payoffs, start, flags)) {
          detail::interval_vector sigma;
          system.profile(narrowed, sigma);
          // Within the box grown by its own width on each side: the nearest
          // point of a continuum through the box may lie just outside it.
          bool inside = true;
          for (std::size_t k = 0; k < sigma.size() && inside; ++k)
            inside = (*refined)[k] >= sigma[k].lower() - width && (*refined)[k] <= sigma[k].upper() + width;
          if (inside) {
            detail::interval_vector x(d);
            std::size_t u = 0;
            for (std::size_t i = 0; i < game.num_players(); ++i)
              for (std::size_t k = 1; k < support[i].size(); ++k, ++u)
                x[u] = interval((*refined)[payoffs.offset(i) + support[i][k]]);
            std::vector<interval> jac;
            system.jacobian(x, jac);
            Eigen::MatrixXd m(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(d));
            for (std::size_t r = 0; r < d; ++r)
              for (std::size_t c = 0; c < d; ++c)
                m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = boost::numeric::median(jac[r * d + c]);
            const Eigen::JacobiSVD<Eigen::MatrixXd> svd(m);
            const auto& sv = svd.singularValues();
            singular = sv(0) == 0 || sv(sv.size() - 1) < 1e-9 * sv(0);
          }
        }
      }
      if (width < options.min_width || singular) {
        degenerate = true;
        unresolved.push_back(narrowed);
        if (unresolved.size() >= options.max_unresolved_boxes) break;  // a continuum: enough evidence
        continue;
      }
      // Narrowing that made real progress is kept; otherwise bisect.
      if (detail::widest(box) > 0 && width < 0.5 * detail::widest(box)) {
        stack.push_back(std::move(narrowed));
        continue;
      }
      // Split where the equations vary most (a small box, near a root, at
      // its widest), a little off the middle: a root at a simple fraction
      // (1/2, 1/4...) would otherwise sit on the boundary of both halves,
      // where no box can certify it.
      if (width >= 1e-4) where = system.split_coordinate(narrowed);
      const double middle = narrowed[where].lower() + 0.4870562 * (narrowed[where].upper() - narrowed[where].lower());
      detail::interval_vector left = narrowed, right = narrowed;
      left[where] = interval(narrowed[where].lower(), middle);
      right[where] = interval(middle, narrowed[where].upper());
      stack.push_back(std::move(right));
      stack.push_back(std::move(left));
    }
    result.boxes_processed += std::min(boxes, options.max_boxes_per_support);
    if (exhausted) {
      result.exhausted_supports.push_back(support);
      result.status = run_status::limit_reached;
      result.reason = "a support ran out of its budget of " + std::to_string(options.max_boxes_per_support) + " boxes";
    }
    if (degenerate) {
      result.degenerate_supports.push_back(support);
      // One point per degenerate support (its first unresolved box that
      // refines to an equilibrium not already reported).
      for (const auto& box : unresolved) {
        auto point = midpoint_profile(box);
        if (auto refined = detail::newton_on_support(payoffs, point, flags)) point = *refined;
        auto profile = to_profile(point);
        if (relative_regret(checked_game, profile) > options.max_regret) {
          const auto fractions = detail::equilibrium_of_fractions_near(game, profile, options.max_regret);
          if (!fractions) continue;
          profile = *fractions;
        }
        bool seen = false;
        const auto near = [&](const mixed_profile<double>& q) {
          double gap = 0;
          for (std::size_t k = 0; k < q.flat().size(); ++k) gap = std::max(gap, std::abs(q.flat()[k] - profile.flat()[k]));
          return gap < 1e-6;
        };
        for (const auto& q : result.degenerate_points) seen = seen || near(q);
        for (const auto& q : result.equilibria) seen = seen || near(q);
        if (seen) continue;
        result.degenerate_points.push_back(profile);
        break;
      }
    }
  }
  return result;
}

}  // namespace impasse
