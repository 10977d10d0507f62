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

#include <impasse/detail/certified_support_system.hpp>
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
  const auto corners = detail::corner_payoffs_of(game, checked_game);
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
