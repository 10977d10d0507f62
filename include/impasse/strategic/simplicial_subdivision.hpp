// An approximate Nash equilibrium of a strategic game with any number of
// players by simplicial subdivision with restart: the variable-dimension
// algorithm of van der Laan, Talman and van der Heyden ("Simplicial variable
// dimension algorithms for solving the nonlinear complementarity problem on
// a product of unit simplices using a general labelling", Math. Oper. Res.
// 12, 1987), as Gambit's gambit-simpdiv runs it.
//
// The product of the players' simplices is cut into simplices whose
// vertices are grid points, every probability a multiple of 1/m. Each grid
// point gets a label: the best response of the player whose regret is
// largest there. From a starting grid point v the algorithm follows a path
// of adjacent simplices whose labels are "complete" for the directions they
// span, raising and lowering the dimension as labels come in and leave,
// until one player's labels (with the strategies the path has pushed to
// zero) are all his strategies. Among the vertices the path visits, the one
// of least regret is the path's answer; it is an approximate equilibrium
// whose regret shrinks with 1/m. Restart: the grid is refined by
// `grid_refinement` (m times 2 by default) and a new path starts from that
// answer, until the regret is at most `max_regret` of the payoff range.
//
// Every grid point is an integer vector over m, so the pivoting is exact in
// any scalar and, in `rational`, so are the labels: the answer is a profile
// with exact rational probabilities (exact on the grid) whose exact regret
// is checked and reported; when that regret is exactly zero the result is
// `exact`. In `double` the labels are compared in double. The answer is
// returned only after `max_regret` (regret.hpp, the independent check)
// accepts it. The labels' ties are broken as Gambit breaks them (first
// player, first strategy), so the path is gambit-simpdiv's: in rationals
// the answer on every n-player corpus game, and on seeded random 6x6x6 and
// 8x8x8 games, is the one gambit-simpdiv prints, fraction for fraction.
//
// Cost: each vertex of a path costs one label, the strategy payoffs of
// every player, O(P n) products for P pure profiles and n players; each
// pivot one vertex and O(K) for K strategies in all. The number of pivots
// depends on the game and the grid (a restart from a good point is short).
// Budgets: `max_pivots` (a safeguard, default ten million) and
// `max_grid_denominator`; the grid is never refined past 2^53, where a
// double no longer holds a grid coordinate exactly (status `failed`).
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/strategic/mixed_equilibria.hpp>
#include <impasse/strategic/regret.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <stop_token>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace impasse {

template <scalar Scalar>
struct simplicial_subdivision_options {
  /// The first starting profile; when not given, every player's first
  /// strategy (gambit-simpdiv's default start). The first grid is the
  /// start's least common denominator times `grid_refinement`; a path's
  /// length grows with the grid's denominator, so a start whose
  /// denominator exceeds 1024 is rounded to the grid of 1/1024.
  std::optional<mixed_profile<Scalar>> start = std::nullopt;
  /// Starting points in all: the first as above, the others random grid
  /// points of denominator `random_start_denominator` (1: random pure
  /// profiles, as gambit-simpdiv -r 1), drawn from `seed`. Each start gives
  /// at most one equilibrium; equilibria found twice are returned once.
  std::size_t starts = 1;
  std::uint64_t seed = 1;
  std::size_t random_start_denominator = 1;
  /// Largest regret accepted, relative to the payoff range
  /// (gambit-simpdiv's -m default, 1e-7).
  double max_regret = 1e-7;
  /// The grid's denominator is multiplied by this at each restart
  /// (gambit-simpdiv -g, default 2).
  std::size_t grid_refinement = 2;
  /// Largest grid denominator tried (0: no limit but the 2^53 cap).
  std::uint64_t max_grid_denominator = 0;
  /// Pivots in all, over every start and restart (0: no limit). A
  /// safeguard so that a run always ends. Measured with the defaults: the
  /// n-player corpus games need at most 411 (contrib-5x4x3), uniform random
  /// 3-player games (seed 1) 3,801 at 6x6x6 and 556,556 at 8x8x8, the same
  /// path as gambit-simpdiv's; paths grow fast with the game.
  std::size_t max_pivots = 10'000'000;
  std::function<void(const mixed_profile<Scalar>&)> on_equilibrium = {};
  std::stop_token stop_token = {};
  /// Called after each path (one per grid), unit "pivots" (of `max_pivots`).
  progress_callback on_progress = {};
};

/// The equilibria (exact grid points in `rational`), each with its regret
/// relative to the payoff range; `exact` when each has zero regret exactly.
template <scalar Scalar>
struct simplicial_subdivision_result : mixed_equilibria_result<Scalar> {
  /// Pivots (labelled vertices) over every path.
  std::size_t pivots = 0;
  /// Paths followed: one per grid, over every start.
  std::size_t paths = 0;
  /// For each equilibrium, the denominator of the grid it lies on.
  std::vector<std::uint64_t> grid_denominators;
};

namespace detail {

/// The largest grid denominator: coordinates stay exact integers in double.
inline constexpr std::int64_t simplicial_grid_cap = std::int64_t{1} << 53;

/// One path of the variable-dimension restart algorithm on the grid of
/// denominator `grid` (van der Laan, Talman and van der Heyden 1987, with
/// the labelling of the largest regret). Points are integer vectors whose
/// entries for each player sum to `grid`. The state is the paper's: the set
/// T of labels in the cone (`in_cone_`), the set U of strategies the path
/// holds at zero (`on_boundary_`), the order pi of T's directions, the
/// integer coordinates a of the simplex's first vertex relative to the
/// start (`shift_`), and the labels of the t + 1 vertices. Positions in pi
/// and in the vertex list count from 1, as in the paper.
template <scalar Scalar>
class simplicial_path {
 public:
  explicit simplicial_path(const strategic_game<Scalar>& game) : game_(game) {
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) owner_.push_back(i);
    offsets_.resize(game.num_players());
    for (std::size_t i = 1; i < game.num_players(); ++i)
      offsets_[i] = offsets_[i - 1] + game.num_strategies(i - 1);
    // The payoffs as label numbers, profile by profile: in rationals, times
    // the least common multiple of their denominators.
    const auto& table = game.payoff_table();
    const std::size_t n = game.num_players();
    table_.reserve(game.num_profiles() * n);
    if constexpr (exact_labels) {
      big_integer common(1);
      for (Eigen::Index p = 0; p < table.rows(); ++p)
        for (Eigen::Index i = 0; i < table.cols(); ++i)
          common = boost::multiprecision::lcm(common, big_integer(boost::multiprecision::denominator(table(p, i))));
      for (Eigen::Index p = 0; p < table.rows(); ++p)
        for (Eigen::Index i = 0; i < table.cols(); ++i)
          table_.push_back(big_integer(boost::multiprecision::numerator(table(p, i))) *
                           (common / big_integer(boost::multiprecision::denominator(table(p, i)))));
    } else {
      for (Eigen::Index p = 0; p < table.rows(); ++p)
        for (Eigen::Index i = 0; i < table.cols(); ++i) table_.push_back(table(p, i));
    }
  }

  enum class ending { complete, cancelled, pivot_limit, broken };

  struct outcome {
    ending how = ending::complete;
    /// The visited vertex of least regret (ties: the first).
    std::vector<std::int64_t> best;
  };

  /// Follows the path from grid point `start` on the grid of denominator
  /// `grid`, counting each labelled vertex in `pivots` (up to `max_pivots`,
  /// 0: no limit), and calling `tick(pivots)` every 4,096 of them (a path on
  /// a fine grid can take millions, and a caller's progress line, or a
  /// Python caller's Ctrl-C, should not wait for its end).
  template <class Tick>
  outcome follow(const std::vector<std::int64_t>& start, std::int64_t grid, std::size_t& pivots,
                 std::size_t max_pivots, const std::stop_token& stop, Tick&& tick) {
    const std::size_t total = owner_.size();
    grid_ = grid;
    start_ = start;
    in_cone_.assign(total, false);
    on_boundary_.assign(total, false);
    shift_.assign(total, 0);
    order_.assign(total + 2, 0);
    labels_.assign(total + 3, 0);
    for (std::size_t k = 0; k < total; ++k) on_boundary_[k] = start[k] == 0;
    t_ = 0;
    fresh_ = 1;
    has_best_ = false;
    std::vector<std::int64_t> y = start;
    enum class step { label, replace } next = step::label;
    std::size_t position = 0;  // the vertex to replace
    const auto stop_with = [&](ending how) { return outcome{how, has_best_ ? best_ : std::vector<std::int64_t>{}}; };
    for (;;) {
      if (next == step::label) {
        if (stop.stop_requested()) return stop_with(ending::cancelled);
        if (limit_hit(pivots, max_pivots)) return stop_with(ending::pivot_limit);
        if ((++pivots & 4095) == 0) {
          tick(pivots);
          if (stop.stop_requested()) return stop_with(ending::cancelled);
        }
        const std::size_t l = label(y);
        labels_[fresh_] = l;
        if (!in_cone_[l] && !on_boundary_[l]) {
          // A new label: done when it completes its player's strategies,
          // otherwise the simplex grows by its direction.
          if (closed_count(owner_[l]) + 1 == game_.num_strategies(owner_[l])) return stop_with(ending::complete);
          grow(y, t_ + 1, l);
        } else if (in_cone_[l]) {
          // The label is already carried: the other vertex with it leaves.
          position = 0;
          for (std::size_t i = 1; i <= t_ + 1 && position == 0; ++i)
            if (i != fresh_ && labels_[i] == l) position = i;
          if (position == 0) return stop_with(ending::broken);
          next = step::replace;
          continue;
        } else {
          // A strategy held at zero is labelled: release it into the cone,
          // next to the direction of the first free strategy after it.
          std::size_t k = l;
          for (std::size_t n = 0; n < game_.num_strategies(owner_[l]) && on_boundary_[k]; ++n) k = next_strategy(k);
          std::size_t i = t_ + 1;
          if (in_cone_[k])
            for (std::size_t p = 1; p <= t_; ++p)
              if (order_[p] == k) i = p;
          grow(y, i, l);
        }
        continue;
      }
      // Replace vertex `position` of the simplex (a pivot), or shrink the
      // simplex when the replacement would leave the region or the grid.
      if (t_ == 0) return stop_with(ending::broken);
      const std::size_t i = position;
      const std::size_t h = order_[i == t_ + 1 ? t_ : i];
      const std::size_t k = i < t_ + 1 ? previous_free(h) : h;
      const std::size_t after = next_strategy(previous_free(h));
      y = vertex(i == 1 ? t_ + 1 : (i == t_ + 1 ? 1 : i - 1));
      if (i == 1 && y[k] <= 0) {
        // The path reaches the face where strategy k is played with zero.
        if (closed_count(owner_[h]) + 1 == game_.num_strategies(owner_[h])) {
          on_boundary_[k] = true;
          return stop_with(ending::complete);
        }
        pivot_first_to_last();
        on_boundary_[k] = true;
        move(y, order_[t_], 1);
        next = step::label;
      } else if (i >= 2 && i <= t_ && y[k] <= 0) {
        if (!shrink(y, i, position)) return stop_with(ending::broken);
      } else if (i == t_ + 1 && shift_[after] == 0) {
        if (y[h] <= 0) {
          if (!shrink(y, i, position)) return stop_with(ending::broken);
        } else {
          // The first vertex would leave the cone: find the strategy held
          // at zero whose release lets it move, if any.
          std::size_t x = after;
          bool passed = false;
          for (std::size_t n = 0; shift_[x] == 0 && !passed && n <= total; ++n) {
            if (x == h) passed = true;
            x = next_strategy(x);
          }
          x = previous_strategy(x);
          if (x == h) {
            if (!shrink(y, i, position)) return stop_with(ending::broken);
          } else {
            release(y, h, x);
            next = step::label;
          }
        }
      } else {
        if (i <= t_) {
          move(y, order_[i], 1);
        } else {
          y[h] -= 1;
          y[previous_free(h)] += 1;
        }
        if (i >= 2 && i <= t_) {
          std::swap(order_[i], order_[i - 1]);
          fresh_ = i;
        } else if (i == 1) {
          pivot_first_to_last();
        } else {
          pivot_last_to_first();
        }
        next = step::label;
      }
    }
  }

 private:
  [[nodiscard]] std::size_t first_of(std::size_t k) const { return offsets_[owner_[k]]; }
  [[nodiscard]] std::size_t count_of(std::size_t k) const { return game_.num_strategies(owner_[k]); }
  /// The player's next and previous strategies, cyclically.
  [[nodiscard]] std::size_t next_strategy(std::size_t k) const {
    return k + 1 == first_of(k) + count_of(k) ? first_of(k) : k + 1;
  }
  [[nodiscard]] std::size_t previous_strategy(std::size_t k) const {
    return k == first_of(k) ? first_of(k) + count_of(k) - 1 : k - 1;
  }
  /// The previous strategy not held at zero: direction q(k) moves one grid
  /// step of probability from it to k.
  [[nodiscard]] std::size_t previous_free(std::size_t k) const {
    std::size_t x = previous_strategy(k);
    for (std::size_t n = 0; n < count_of(k) && on_boundary_[x]; ++n) x = previous_strategy(x);
    return x;
  }
  /// Strategies of `player` in T or U.
  [[nodiscard]] std::size_t closed_count(std::size_t player) const {
    std::size_t count = 0;
    for (std::size_t s = 0; s < game_.num_strategies(player); ++s)
      count += in_cone_[offsets_[player] + s] || on_boundary_[offsets_[player] + s];
    return count;
  }
  void move(std::vector<std::int64_t>& y, std::size_t k, std::int64_t steps) const {
    y[k] += steps;
    y[previous_free(k)] -= steps;
  }
  /// Vertex `position` (from 1) of the current simplex: the first vertex,
  /// the start plus the shifts, then one step along each of the first
  /// position - 1 directions of pi.
  [[nodiscard]] std::vector<std::int64_t> vertex(std::size_t position) const {
    std::vector<std::int64_t> y = start_;
    for (std::size_t k = 0; k < y.size(); ++k)
      if ((in_cone_[k] || on_boundary_[k]) && shift_[k] != 0) {
        y[k] += shift_[k];
        y[previous_strategy(k)] -= shift_[k];
      }
    for (std::size_t p = 1; p < position; ++p) move(y, order_[p], 1);
    return y;
  }
  /// Adds `delta` to the shifts from the strategy after previous_free(k) to
  /// k, cyclically: the first vertex moves by -delta q(k).
  void shift_range(std::size_t k, std::int64_t delta) {
    std::size_t x = next_strategy(previous_free(k));
    for (std::size_t n = 0; n < count_of(k); ++n) {
      shift_[x] += delta;
      if (x == k) break;
      x = next_strategy(x);
    }
  }
  static void rotate_down(std::vector<std::size_t>& v, std::size_t low, std::size_t high) {
    if (low < high) std::rotate(v.begin() + low, v.begin() + high, v.begin() + high + 1);
  }
  static void rotate_up(std::vector<std::size_t>& v, std::size_t low, std::size_t high) {
    if (low < high) std::rotate(v.begin() + low, v.begin() + low + 1, v.begin() + high + 1);
  }
  /// The first vertex is dropped: the first direction becomes the last.
  void pivot_first_to_last() {
    rotate_up(labels_, 1, t_ + 1);
    fresh_ = t_ + 1;
    shift_range(order_[1], 1);
    rotate_up(order_, 1, t_);
  }
  /// The last vertex is dropped: the last direction becomes the first.
  void pivot_last_to_first() {
    rotate_down(labels_, 1, t_ + 1);
    fresh_ = 1;
    shift_range(order_[t_], -1);
    rotate_down(order_, 1, t_);
  }
  /// Label `l` enters T as direction `i` of pi: the simplex gains a vertex.
  void grow(std::vector<std::int64_t>& y, std::size_t i, std::size_t l) {
    y = vertex(i);
    rotate_down(order_, i, t_ + 1);
    order_[i] = l;
    rotate_down(labels_, i + 1, t_ + 2);
    fresh_ = i + 1;
    ++t_;
    move(y, order_[i], 1);
    in_cone_[l] = true;
    on_boundary_[l] = false;
  }
  /// Direction i - 1 leaves T (held at zero if its strategy is there): the
  /// simplex loses vertex i, and the vertex carrying the dropped label is
  /// the next to replace. False when no vertex carries it (never, on a
  /// correct path).
  bool shrink(std::vector<std::int64_t>& y, std::size_t i, std::size_t& position) {
    y = vertex(1);
    const std::size_t h = order_[i - 1];
    in_cone_[h] = false;
    if (y[h] <= 0) on_boundary_[h] = true;
    rotate_up(labels_, i, t_ + 1);
    rotate_up(order_, i - 1, t_);
    --t_;
    position = 0;
    for (std::size_t p = 1; p <= t_ + 1 && position == 0; ++p)
      if (labels_[p] == h) position = p;
    return position != 0;
  }
  /// Strategy `k` leaves U; the last direction h becomes the first and the
  /// first vertex moves back along it.
  void release(std::vector<std::int64_t>& y, std::size_t h, std::size_t k) {
    rotate_down(labels_, 1, t_ + 1);
    fresh_ = 1;
    rotate_down(order_, 1, t_);
    on_boundary_[k] = false;
    const std::size_t first = order_[1];
    y[first] -= 1;
    y[previous_free(first)] += 1;
    shift_range(h, -1);
  }

  /// The label of grid point y: the best response (first of ties) of the
  /// player of largest regret (first of ties), among players with two
  /// strategies or more. Every player's strategy payoffs are summed over
  /// the pure profiles with the others' integer weights, m^(n-1) times the
  /// true ones, so that regrets compare exactly without dividing. Keeps the
  /// vertex of least regret. O(P n).
  std::size_t label(const std::vector<std::int64_t>& y) {
    const std::size_t n = game_.num_players();
    weights_.resize(y.size());
    for (std::size_t k = 0; k < y.size(); ++k) weights_[k] = number(y[k]);
    values_.assign(y.size(), number(0));
    prefix_.assign(n + 1, number(1));
    suffix_.assign(n + 1, number(1));
    pure_profile s(n, 0);
    number w;
    const number* payoff = table_.data();
    for (std::size_t p = 0; p < game_.num_profiles(); ++p, payoff += n) {
      for (std::size_t j = 0; j < n; ++j) multiply_into(prefix_[j + 1], prefix_[j], weights_[offsets_[j] + s[j]]);
      for (std::size_t j = n; j-- > 0;) multiply_into(suffix_[j], suffix_[j + 1], weights_[offsets_[j] + s[j]]);
      for (std::size_t i = 0; i < n; ++i) {
        if (game_.num_strategies(i) < 2) continue;
        multiply_into(w, prefix_[i], suffix_[i + 1]);
        if (w != 0) add_product(values_[offsets_[i] + s[i]], payoff[i], w);
      }
      for (std::size_t j = 0; j < n && ++s[j] == game_.num_strategies(j); ++j) s[j] = 0;
    }
    std::size_t chosen = y.size();
    number largest(0);
    const number m(grid_);
    for (std::size_t i = 0; i < n; ++i) {
      if (game_.num_strategies(i) < 2) continue;
      std::size_t best = offsets_[i];
      number expected(0);
      for (std::size_t k = offsets_[i]; k < offsets_[i] + game_.num_strategies(i); ++k) {
        if (values_[k] > values_[best]) best = k;
        expected += weights_[k] * values_[k];
      }
      const number regret = m * values_[best] - expected;
      if (chosen == y.size() || regret > largest) {
        chosen = best;
        largest = regret;
      }
    }
    if (!has_best_ || largest < best_regret_) {
      has_best_ = true;
      best_regret_ = largest;
      best_ = y;
    }
    return chosen;
  }

  const strategic_game<Scalar>& game_;
  std::vector<std::size_t> owner_, offsets_;
  std::int64_t grid_ = 1;
  std::vector<std::int64_t> start_, shift_, best_;
  std::vector<bool> in_cone_, on_boundary_;
  std::vector<std::size_t> order_, labels_;
  std::size_t t_ = 0, fresh_ = 1;
  /// Labels are computed in `number`: in rationals, GMP integers (the
  /// payoffs times their common denominator, a positive factor that
  /// changes no comparison, so that no operation reduces a fraction); in
  /// double, double.
  static constexpr bool exact_labels = std::is_same_v<Scalar, rational>;
  using number = std::conditional_t<exact_labels, big_integer, Scalar>;
  static void multiply_into(number& out, const number& a, const number& b) {
    if constexpr (exact_labels) {
      mpz_mul(out.backend().data(), a.backend().data(), b.backend().data());
    } else {
      out = a * b;
    }
  }
  /// sum += a * b, without a temporary.
  static void add_product(number& sum, const number& a, const number& b) {
    if constexpr (exact_labels) {
      mpz_addmul(sum.backend().data(), a.backend().data(), b.backend().data());
    } else {
      sum += a * b;
    }
  }

  bool has_best_ = false;
  number best_regret_{0};
  std::vector<number> table_;  ///< payoffs, profile-major, as label numbers
  std::vector<number> weights_, values_, prefix_, suffix_;
};

/// `profile` as a grid point: integer coordinates over the least common
/// denominator of its probabilities (each double read as the simplest
/// rational that rounds to it), or, when that exceeds 1024, rounded to the
/// grid of 1/1024 (largest remainders, so each player's entries still sum
/// to it). Returns the coordinates and the denominator.
template <scalar Scalar>
std::pair<std::vector<std::int64_t>, std::int64_t> grid_point(const strategic_game<Scalar>& game,
                                                             const mixed_profile<Scalar>& profile) {
  constexpr std::int64_t finest = 1024;
  using integer = decltype(boost::multiprecision::denominator(std::declval<rational>()));
  std::vector<rational> exact;
  integer common(1);
  for (const auto& x : profile.flat()) {
    rational r;
    if constexpr (is_exact_v<Scalar>)
      r = x;
    else
      r = simplest_rational(x);
    exact.push_back(r);
    common = boost::multiprecision::lcm(common, boost::multiprecision::denominator(r));
  }
  std::vector<std::int64_t> out(exact.size());
  if (common <= finest) {
    const auto d = common.convert_to<std::int64_t>();
    for (std::size_t k = 0; k < exact.size(); ++k)
      out[k] = integer(boost::multiprecision::numerator(exact[k] * rational(common))).convert_to<std::int64_t>();
    return {out, d};
  }
  std::size_t offset = 0;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const std::size_t m = game.num_strategies(i);
    std::int64_t used = 0;
    std::vector<std::pair<double, std::size_t>> remainders;
    for (std::size_t s = 0; s < m; ++s) {
      const double scaled = scalar_cast<double>(exact[offset + s]) * static_cast<double>(finest);
      out[offset + s] = static_cast<std::int64_t>(scaled);
      used += out[offset + s];
      remainders.emplace_back(-(scaled - static_cast<double>(out[offset + s])), offset + s);
    }
    std::sort(remainders.begin(), remainders.end());
    for (std::size_t r = 0; used < finest; ++r, ++used) ++out[remainders[r % m].second];
    offset += m;
  }
  return {out, finest};
}

}  // namespace detail

/// An approximate equilibrium from each start by simplicial subdivision
/// with grid refinement (see the file comment), each checked by
/// `max_regret` and returned only when its regret is at most
/// `options.max_regret` of the payoff range. `status`: `complete` when every
/// start gave one; `limit_reached` at `max_pivots` or `max_grid_denominator`
/// (what was found so far kept); `cancelled`; `failed` with the reason when
/// the grid would pass 2^53 or a path broke down.
template <scalar Scalar>
[[nodiscard]] simplicial_subdivision_result<Scalar> simplicial_subdivision(
    const strategic_game<Scalar>& game, const simplicial_subdivision_options<Scalar>& options = {}) {
  if (options.starts == 0) throw invalid_argument("simplicial_subdivision: starts must be at least 1");
  if (options.grid_refinement < 2) throw invalid_argument("simplicial_subdivision: grid_refinement must be at least 2");
  if (options.random_start_denominator == 0)
    throw invalid_argument("simplicial_subdivision: random_start_denominator must be at least 1");
  if (!(options.max_regret >= 0)) throw invalid_argument("simplicial_subdivision: max_regret must be non-negative");
  if (options.start) validate_profile(game, *options.start);
  // Payoffs near the largest double would overflow the sums, subnormal ones
  // lose their digits: solve the same game scaled by a power of two.
  if (auto rescaled = detail::rescaled_if_extreme(game)) return simplicial_subdivision(*rescaled, options);
  simplicial_subdivision_result<Scalar> result;
  if (options.stop_token.stop_requested()) {
    result.status = run_status::cancelled;
    return result;
  }
  const std::size_t n = game.num_players();
  const auto counts = game.strategy_counts();
  const auto to_profile = [&](const std::vector<std::int64_t>& y, std::int64_t grid) {
    mixed_profile<Scalar> p(counts);
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t s = 0; s < counts[i]; ++s) p(i, s) = Scalar(y[k++]) / Scalar(grid);
    return p;
  };
  const auto keep = [&](const mixed_profile<Scalar>& p, std::int64_t grid) {
    if (detail::keep_checked(result, game, p, options.max_regret, 1e-6, options.on_equilibrium))
      result.grid_denominators.push_back(static_cast<std::uint64_t>(grid));
  };
  const auto finish = [&] {
    if constexpr (is_exact_v<Scalar>) {
      result.exact = !result.equilibria.empty();
      for (const auto& e : result.equilibria) result.exact = result.exact && max_regret(game, e) == Scalar(0);
      if (result.exact) result.error_bound = 0;
    }
    return result;
  };
  if (std::all_of(counts.begin(), counts.end(), [](std::size_t m) { return m == 1; })) {
    // One profile, an equilibrium.
    keep(to_profile(std::vector<std::int64_t>(n, 1), 1), 1);
    return finish();
  }
  std::mt19937_64 generator(options.seed);
  detail::simplicial_path<Scalar> path(game);
  const auto factor = static_cast<std::int64_t>(options.grid_refinement);
  for (std::size_t start = 0; start < options.starts; ++start) {
    std::vector<std::int64_t> y;
    std::int64_t grid = 1;
    if (start == 0 && options.start) {
      std::tie(y, grid) = detail::grid_point(game, *options.start);
    } else if (start == 0) {
      for (const auto m : counts)
        for (std::size_t s = 0; s < m; ++s) y.push_back(s == 0 ? 1 : 0);
    } else {
      grid = static_cast<std::int64_t>(options.random_start_denominator);
      for (const auto m : counts) {
        std::vector<std::int64_t> units(m, 0);
        for (std::int64_t u = 0; u < grid; ++u) ++units[generator() % m];
        y.insert(y.end(), units.begin(), units.end());
      }
    }
    for (;;) {
      if (grid > detail::simplicial_grid_cap / factor) {
        result.status = run_status::failed;
        result.reason = "the grid cannot be refined past 2^53 and the regret is still above " +
                        to_message_string(options.max_regret) + " of the payoff range";
        return finish();
      }
      if (options.max_grid_denominator != no_limit &&
          static_cast<std::uint64_t>(grid * factor) > options.max_grid_denominator) {
        result.status = run_status::limit_reached;
        result.reason = "max_grid_denominator: the grid of denominator " + std::to_string(grid) +
                        " did not bring the regret under the bound";
        return finish();
      }
      grid *= factor;
      for (auto& c : y) c *= factor;
      auto end = path.follow(y, grid, result.pivots, options.max_pivots, options.stop_token, [&](std::size_t pivots) {
        detail::report_progress(options.on_progress, pivots, options.max_pivots, "pivots");
      });
      ++result.paths;
      detail::report_progress(options.on_progress, result.pivots, options.max_pivots, "pivots");
      if (end.how == detail::simplicial_path<Scalar>::ending::cancelled) {
        result.status = run_status::cancelled;
        return finish();
      }
      if (end.how == detail::simplicial_path<Scalar>::ending::broken) {
        result.status = run_status::failed;
        result.reason = "a simplicial path broke down (no vertex carried the label to replace)";
        return finish();
      }
      if (!end.best.empty()) y = std::move(end.best);
      const auto profile = to_profile(y, grid);
      if (relative_regret(game, profile) <= options.max_regret) {
        keep(profile, grid);
        break;
      }
      if (end.how == detail::simplicial_path<Scalar>::ending::pivot_limit) {
        result.status = run_status::limit_reached;
        result.reason = "max_pivots: " + std::to_string(options.max_pivots) + " pivots";
        return finish();
      }
    }
  }
  return finish();
}

}  // namespace impasse
