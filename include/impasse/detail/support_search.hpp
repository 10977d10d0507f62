// The search behind support enumeration (strategic/support_enumeration.hpp,
// whose file comment describes the method): one player's side at a time,
// the supports of one size in order, each with its candidate best
// responses pruned by conditional dominance (pure, and by mixtures found
// with the simplex method of detail/simplex.hpp and checked rigorously),
// the indifference systems solved along a depth-first walk over the
// responses by fraction-free elimination (Bareiss 1968) in the integer
// ladder of detail/fraction_free_integers.hpp (64-bit, 128-bit or GMP
// integers) or in double; and the exact checks of what the double search
// finds. Knows nothing of the options and the result: the solver matches
// the two sides' vertices. The sides' payoffs and the strategy sets are in
// detail/support_sides.hpp.
#pragma once

#include <impasse/core/scalar.hpp>
#include <impasse/detail/fraction_free_integers.hpp>
#include <impasse/detail/linear_system.hpp>
#include <impasse/detail/simplex.hpp>
#include <impasse/detail/support_sides.hpp>
#include <impasse/strategic/game.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <stop_token>
#include <unordered_map>
#include <utility>
#include <vector>

namespace impasse {

// Internals, in their own namespace: their short names (single, line...)
// would be too easy to take for something else. The integers, their
// products and exact division are the ladder of
// detail/fraction_free_integers.hpp.
namespace detail::support_search {

/// What the searches of one side share across support sizes: for each
/// support of the previous size and of the current one, the responses that
/// may be best responses to some strategy on it (see
/// `vertex_search::potential_best_responses`).
struct best_response_memory {
  static constexpr std::size_t max_remembered = std::size_t{1} << 20;
  std::unordered_map<strategy_set, strategy_set> previous, current;
  bool remember = false;

  /// Called before the supports of size k of a player with s strategies.
  void start(std::size_t s, std::size_t k) {
    previous.swap(current);
    current.clear();
    std::size_t count = 1;  // C(s, k), unless above the limit
    remember = true;
    for (std::size_t i = 1; i <= k && remember; ++i) {
      count = count * (s - k + i) / i;  // exact: C(s - k + i, i)
      remember = count <= max_remembered;
    }
  }
};

/// Finds one side's vertices, support size by support size.
///
/// For a support S of size k, a depth-first walk chooses the opponent's
/// responses J one at a time (the first, j0, is the reference). The
/// solutions of "probabilities sum to one, and every chosen response pays
/// as much as j0" are kept in parametric form x = origin / scale + basis *
/// t, so adding a response costs O(k * dim) and one that adds nothing (a
/// singular system) is seen at once. In double the scale is 1 and each step
/// divides; in integers each step is a fraction-free (Bareiss 1968) column
/// elimination, whose entries are minors of the system and whose divisions
/// are exact. With k - 1 responses chosen the solutions form a line; the
/// part where x > 0 is an interval, and each last response costs a pair of
/// dot products and a comparison.
template <search_number Number>
class alignas(64) vertex_search {  // on cache lines of its own: threads search copies side by side
 public:
  vertex_search(const side_payoffs<Number>& payoffs, best_response_memory& memory)
      : p_(payoffs), memory_(memory) {
    if constexpr (is_floating_search<Number>) {
      for (double v : p_.opponent) payoff_scale_ = std::max(payoff_scale_, std::abs(v));
      payoff_tolerance_ = tolerance_ * payoff_scale_;
    }
  }

  /// Equal-size pairs (support, responses) whose equations were solved.
  std::size_t supports_tried = 0;
  /// A vertex had more best responses than strategies in its support.
  bool degenerate = false;

  /// Every support of size k, in increasing order of its bits. `found` gets
  /// each vertex and returns false to stop; returns false if stopped.
  template <class Found>
  bool search(std::size_t k, const std::stop_token& stop, Found&& found) {
    return search_supports(k, 0, subsets_of_size(p_.s, k), stop, found);
  }

  /// The `count` supports of size k from the one of rank `first` in the
  /// order of `search`, so that consecutive ranges searched apart (each by
  /// its own copy of this search) find what `search` finds, in its order.
  /// What the supports teach the next size goes to `remembered` when given
  /// (the memory's `current` otherwise), so that copies need not share it.
  template <class Found>
  bool search_supports(std::size_t k, std::uint64_t first, std::uint64_t count, const std::stop_token& stop,
                       Found&& found, std::unordered_map<strategy_set, strategy_set>* remembered = nullptr) {
    if (k > p_.s || k > p_.t || count == 0) return true;
    stop_ = &stop;
    remembered_ = remembered != nullptr ? remembered : &memory_.current;
    strategy_set support = subset_of_rank(first, k);
    k_ = k;
    gathered_.assign(k * p_.t, Number(0));
    difference_.assign(k, Number(0));
    origin_.assign(k * k, Number(0));
    basis_.assign(k * k * (k - 1), Number(0));
    scales_.assign(k, Number(1));
    direction_.assign(k, Number(0));
    slopes_.assign(std::max(k, p_.t), Number(0));
    ratios_.assign(k, Number(0));
    sizes_.assign(k, 0.0);
    x_.assign(k, Number(0));
    values_.assign(p_.t, Number(0));
    rises_.assign(p_.t, Number(0));
    if constexpr (!is_floating_search<Number>) {
      sums_.assign(k, typename fitting_sum<Number>::type(0));
      sum_values_.assign(p_.t, typename fitting_sum<Number>::type(0));
      sum_rises_.assign(p_.t, typename fitting_sum<Number>::type(0));
    }
    estimate_.assign(k * p_.t, 0.0);
    for (std::uint64_t done = 0;;) {
      if (stop.stop_requested()) return false;
      if (!search_support(support, found)) return false;
      if (++done == count) return true;
      // The next set of k bits (Gosper's hack).
      const strategy_set low = support & (~support + 1);
      const strategy_set ripple = support + low;
      support = (((ripple ^ support) >> 2) / low) | ripple;
    }
  }

 private:
  template <class Found>
  bool search_support(strategy_set support, Found& found) {
    rows_.clear();
    for (std::size_t i = 0; i < p_.s; ++i)
      if (support & single(i)) rows_.push_back(i);
    for (std::size_t j = 0; j < p_.t; ++j)
      for (std::size_t r = 0; r < k_; ++r) gathered_[j * k_ + r] = p_.opponent[j * p_.s + rows_[r]];

    // The responses not strictly dominated on this support: no other can
    // be a best response to a strategy with this support.
    candidates_.clear();
    strategy_set candidate_set = 0;
    for (std::size_t j = 0; j < p_.t; ++j) {
      bool dominated = false;
      for (std::size_t d = 0; d < p_.t && !dominated; ++d)
        dominated = d != j && strictly_greater(&gathered_[d * k_], &gathered_[j * k_]);
      if (!dominated) {
        candidates_.push_back(j);
        candidate_set |= single(j);
      }
    }
    if (candidates_.size() < k_ || own_dominated(candidate_set)) return true;
    if (k_ > 1) {
      candidate_set = potential_best_responses(support, candidate_set);
      if (static_cast<std::size_t>(std::popcount(candidate_set)) < k_ || own_dominated(candidate_set) ||
          own_dominated_by_mixture(candidate_set))
        return true;
      candidates_.clear();
      for (std::size_t j = 0; j < p_.t; ++j)
        if (candidate_set & single(j)) candidates_.push_back(j);
    }
    if (memory_.remember) remembered_->emplace(support, candidate_set);

    support_ = support;
    if (k_ == 1) {  // a pure strategy: its best responses are the candidates
      ++supports_tried;
      if (candidates_.size() > 1) degenerate = true;
      return found(support_vertex{support_, candidate_set, single(candidates_[0])});
    }
    // The candidates' payoffs strategy by strategy, for the last step.
    const std::size_t count = candidates_.size();
    by_strategy_.resize(k_ * count);
    for (std::size_t r = 0; r < k_; ++r)
      for (std::size_t b = 0; b < count; ++b) by_strategy_[r * count + b] = gathered_[candidates_[b] * k_ + r];
    for (std::size_t a = 0; a + k_ <= count; ++a) {
      first_ = candidates_[a];
      // Depth 0: x sums to one; x = e_0 + sum_c t_c (e_{c+1} - e_0).
      std::fill(origin_.begin(), origin_.begin() + static_cast<std::ptrdiff_t>(k_), Number(0));
      origin_[0] = Number(1);
      scales_[0] = Number(1);
      std::fill(basis_.begin(), basis_.begin() + static_cast<std::ptrdiff_t>(k_ * (k_ - 1)), Number(0));
      for (std::size_t c = 0; c + 1 < k_; ++c) {
        basis_[c] = Number(-1);                      // row 0
        basis_[(c + 1) * (k_ - 1) + c] = Number(1);  // row c + 1
      }
      if (!extend(0, a + 1, single(first_), found)) return false;
    }
    return true;
  }

  /// At `depth` (responses chosen besides j0), chooses the next from
  /// candidate index `from` on.
  template <class Found>
  bool extend(std::size_t depth, std::size_t from, strategy_set chosen, Found& found) {
    if (depth + 2 == k_) return line(depth, from, chosen, found);
    const std::size_t need = k_ - 1 - depth;
    for (std::size_t b = from; b + need <= candidates_.size(); ++b) {
      const std::size_t j = candidates_[b];
      const Number* g = &gathered_[j * k_];
      const Number* g0 = &gathered_[first_ * k_];
      for (std::size_t r = 0; r < k_; ++r) difference_[r] = g[r] - g0[r];
      if (!push(depth)) continue;  // singular: no vertex below
      if (!extend(depth + 1, b + 1, chosen | single(j), found)) return false;
    }
    return true;
  }

  /// The double case of `push`, for supports of K strategies (0: any).
  /// The loops run over every column of the stored basis, in use or not:
  /// with a fixed length the compiler unrolls and vectorises them, and the
  /// columns out of use are computed but never read.
  template <std::size_t K>
  bool push_floating(std::size_t depth) {
    const std::size_t k = K != 0 ? K : k_, stride = k - 1, dim = k - 1 - depth, last = dim - 1;
    const double* origin = &origin_[depth * k];
    const double* basis = &basis_[depth * k * stride];
    double* next_origin = &origin_[(depth + 1) * k];
    double* next_basis = &basis_[(depth + 1) * k * stride];
    std::array<double, K != 0 ? K : 1> local_slopes{}, local_sizes{}, local_ratios{};
    double* slopes = K != 0 ? local_slopes.data() : slopes_.data();
    double* size = K != 0 ? local_sizes.data() : sizes_.data();
    double* ratio = K != 0 ? local_ratios.data() : ratios_.data();
    for (std::size_t c = 0; c < stride; ++c) slopes[c] = size[c] = 0;
    double offset = 0;
    for (std::size_t r = 0; r < k; ++r) {
      const double a = difference_[r];
      offset += a * origin[r];
      for (std::size_t c = 0; c < stride; ++c) {
        slopes[c] += a * basis[r * stride + c];
        size[c] += std::abs(a * basis[r * stride + c]);
      }
    }
    std::size_t pivot = dim;
    double best = 0;
    for (std::size_t c = 0; c < dim; ++c)
      if (std::abs(slopes[c]) > tolerance_ * size[c] && std::abs(slopes[c]) > best) {
        best = std::abs(slopes[c]);
        pivot = c;
      }
    if (pivot == dim) return false;
    // Solve the new equation for t_pivot and substitute.
    const double inverse = 1 / slopes[pivot];
    const double step = offset * inverse;
    for (std::size_t c = 0; c < stride; ++c) ratio[c] = slopes[c] * inverse;
    ratio[pivot] = 0;
    for (std::size_t r = 0; r < k; ++r) {
      const double* row = basis + r * stride;
      double* next = next_basis + r * stride;
      const double p = row[pivot];
      next_origin[r] = origin[r] - step * p;
      for (std::size_t c = 0; c < stride; ++c) next[c] = row[c] - ratio[c] * p;
      if (pivot != last) next[pivot] = next[last];  // the pivot column goes
    }
    return true;
  }

  /// Restricts the solutions at `depth` by "difference_ . x = 0" into
  /// depth + 1; false when that restricts nothing. The basis is stored
  /// strategy by strategy (k - 1 numbers each, `dim` of them in use), so
  /// that the loops over its columns are contiguous.
  bool push(std::size_t depth) {
    if (depth + 2 > k_) return false;  // never: the last step is `line`
    if constexpr (is_floating_search<Number>) {
      switch (k_) {
        case 3: return push_floating<3>(depth);
        case 4: return push_floating<4>(depth);
        case 5: return push_floating<5>(depth);
        case 6: return push_floating<6>(depth);
        case 7: return push_floating<7>(depth);
        case 8: return push_floating<8>(depth);
        case 9: return push_floating<9>(depth);
        case 10: return push_floating<10>(depth);
        case 11: return push_floating<11>(depth);
        case 12: return push_floating<12>(depth);
        default: return push_floating<0>(depth);
      }
    } else {
      const std::size_t dim = k_ - 1 - depth, stride = k_ - 1, last = dim - 1;
      const Number* origin = &origin_[depth * k_];
      const Number* basis = &basis_[depth * k_ * stride];
      Number* next_origin = &origin_[(depth + 1) * k_];
      Number* next_basis = &basis_[(depth + 1) * k_ * stride];
      using sum = fitting_sum<Number>;
      typename sum::type offset(0);
      auto* slopes = sums_.data();
      for (std::size_t c = 0; c < dim; ++c) slopes[c] = 0;
      for (std::size_t r = 0; r < k_; ++r) {
        const Number& a = difference_[r];
        if (a == 0) continue;
        offset += sum::product(a, origin[r]);
        for (std::size_t c = 0; c < dim; ++c) slopes[c] += sum::product(a, basis[r * stride + c]);
      }
      // Every slope is a minor, so fits. The pivot is odd when it can be:
      // the next step divides by it, fastest by an odd number.
      Number* slope = slopes_.data();
      std::size_t pivot = dim;
      for (std::size_t c = 0; c < dim; ++c) {
        slope[c] = sum::result(slopes[c]);
        if (slope[c] != 0 && (pivot == dim || (is_even(slope[pivot]) && !is_even(slope[c])))) pivot = c;
      }
      if (pivot == dim) return false;
      // Fraction-free elimination of t_pivot: every entry stays a minor.
      const Number alpha = sum::result(offset);
      const Number pivot_value = slope[pivot];
      const exact_divisor<Number> divide(scales_[depth]);
      for (std::size_t r = 0; r < k_; ++r) {
        const Number* row = basis + r * stride;
        Number* next = next_basis + r * stride;
        const Number p = row[pivot];
        next_origin[r] = divide.quotient(pivot_value, origin[r], alpha, p);
        for (std::size_t c = 0; c < dim; ++c)
          if (c != pivot) next[c] = divide.quotient(pivot_value, row[c], slope[c], p);
        if (pivot != last) next[pivot] = next[last];  // the pivot column goes
      }
      scales_[depth + 1] = pivot_value;
    }
    return true;
  }

  /// With k - 1 responses chosen, the solutions are origin / scale +
  /// t * direction: tries each last response.
  template <class Found>
  bool line(std::size_t depth, std::size_t from, strategy_set chosen, Found& found) {
    if ((++lines_ & 0xfff) == 0 && stop_->stop_requested()) return false;  // a support can take long
    const std::size_t stride = k_ - 1, count = candidates_.size();
    const Number* origin = &origin_[depth * k_];
    Number* direction = direction_.data();
    for (std::size_t r = 0; r < k_; ++r) direction[r] = basis_[depth * k_ * stride + r * stride];
    const Number* g0 = &gathered_[first_ * k_];
    if constexpr (is_floating_search<Number>) {
      // The interval (low, high) of t where every probability is positive.
      bool has_low = false, has_high = false;
      double low = 0, high = 0;
      for (std::size_t r = 0; r < k_; ++r) {
        if (direction[r] == 0) {
          if (!(origin[r] > tolerance_)) return true;
          continue;
        }
        const double bound = -origin[r] / direction[r];
        if (direction[r] > 0) {
          if (!has_low || bound > low) low = bound;
          has_low = true;
        } else {
          if (!has_high || bound < high) high = bound;
          has_high = true;
        }
      }
      if (has_low && has_high && !(low < high + slack(high))) return true;
      // Each remaining response's payoff along the line: value + t * slope.
      double* value = values_.data();
      double* slope = rises_.data();
      for (std::size_t b = from; b < count; ++b) value[b] = slope[b] = 0;
      double base_value = 0, base_slope = 0, size = 0;
      for (std::size_t r = 0; r < k_; ++r) {
        const double o = origin[r], d = direction[r];
        base_value += g0[r] * o;
        base_slope += g0[r] * d;
        const double* row = &by_strategy_[r * count];
        for (std::size_t b = from; b < count; ++b) {
          value[b] += row[b] * o;
          slope[b] += row[b] * d;
        }
        size += std::abs(d);
      }
      size *= tolerance_ * 2 * payoff_scale_;
      for (std::size_t b = from; b < count; ++b) {
        ++supports_tried;
        const double rise = slope[b] - base_slope;
        if (std::abs(rise) <= size) continue;  // singular
        const double t = (base_value - value[b]) / rise;
        if ((has_low && !(t > low - slack(t))) || (has_high && !(t < high + slack(t)))) continue;
        bool positive = true;
        for (std::size_t r = 0; r < k_ && positive; ++r) {
          x_[r] = origin[r] + t * direction[r];
          positive = x_[r] > tolerance_;
        }
        if (!positive) continue;
        if (!floating_vertex(chosen | single(candidates_[b]), found)) return false;
      }
    } else {
      // With u = t * scale, x_r = (origin_r + u direction_r) / scale: the
      // interval (low, high) of u where every probability is positive, as
      // fractions with positive denominators.
      const Number& scale = scales_[depth];
      const bool flip = scale < 0;
      bool has_low = false, has_high = false;
      for (std::size_t r = 0; r < k_; ++r) {
        const Number o = flip ? Number(-origin[r]) : origin[r];
        const Number d = flip ? Number(-direction[r]) : direction[r];
        if (d == 0) {
          if (!(o > 0)) return true;
          continue;
        }
        if (d > 0) {  // u > -o / d
          if (!has_low || less(low_numerator_, low_denominator_, Number(-o), d)) {
            low_numerator_ = -o;
            low_denominator_ = d;
          }
          has_low = true;
        } else {  // u < o / -d
          if (!has_high || less(o, Number(-d), high_numerator_, high_denominator_)) {
            high_numerator_ = o;
            high_denominator_ = -d;
          }
          has_high = true;
        }
      }
      if (has_low && has_high && !less(low_numerator_, low_denominator_, high_numerator_, high_denominator_))
        return true;
      using sum = fitting_sum<Number>;
      auto* value = sum_values_.data();
      auto* rise = sum_rises_.data();
      for (std::size_t b = from; b < count; ++b) value[b] = rise[b] = 0;
      typename sum::type base_value(0), base_rise(0);
      for (std::size_t r = 0; r < k_; ++r) {
        const Number& o = origin[r];
        const Number& d = direction[r];
        base_value += sum::product(g0[r], o);
        base_rise += sum::product(g0[r], d);
        const Number* row = &by_strategy_[r * count];
        for (std::size_t b = from; b < count; ++b) {
          value[b] += sum::product(row[b], o);
          rise[b] += sum::product(row[b], d);
        }
      }
      for (std::size_t b = from; b < count; ++b) {
        ++supports_tried;
        // Differences of payoffs along the line: minors, so they fit.
        const Number slope = sum::result(rise[b] - base_rise);
        if (slope == 0) continue;  // singular
        const Number offset = sum::result(value[b] - base_value);
        // The last response ties at u = -offset / slope.
        const Number numerator = slope > 0 ? Number(-offset) : offset;
        const Number denominator = slope > 0 ? slope : Number(-slope);
        if (has_low && !less(low_numerator_, low_denominator_, numerator, denominator)) continue;
        if (has_high && !less(numerator, denominator, high_numerator_, high_denominator_)) continue;
        // Cramer's numerators: x = x_ / slope, exactly.
        const exact_divisor<Number> divide(scale);
        for (std::size_t r = 0; r < k_; ++r)
          x_[r] = divide.quotient(slope, origin[r], offset, direction[r]);
        if (!exact_vertex(chosen | single(candidates_[b]), slope, found)) return false;
      }
    }
    return true;
  }

  static bool is_even(const Number& x) {
    if constexpr (std::same_as<Number, big_integer>) {
      return true;  // no preference
    } else {
      return (x & 1) == 0;
    }
  }

  /// a / b < c / d for positive b and d.
  static bool less(const Number& a, const Number& b, const Number& c, const Number& d) {
    return wide_product(a, d) < wide_product(c, b);
  }

  /// x_ is positive and makes the responses in `chosen` tie: a vertex if no
  /// response does better.
  template <class Found>
  bool floating_vertex(strategy_set chosen, Found& found) {
    const double u = dot(&gathered_[first_ * k_], x_.data());
    strategy_set best = chosen;
    for (auto j : candidates_) {
      if (chosen & single(j)) continue;
      const double gap = dot(&gathered_[j * k_], x_.data()) - u;
      if (gap > payoff_tolerance_) return true;
      if (!(gap < -payoff_tolerance_)) best |= single(j);
    }
    if (static_cast<std::size_t>(std::popcount(best)) > k_) degenerate = true;
    return found(support_vertex{support_, best, chosen});
  }

  /// x_ / denominator is positive and makes the responses in `chosen` tie.
  template <class Found>
  bool exact_vertex(strategy_set chosen, const Number& denominator, Found& found) {
    const Number* g0 = &gathered_[first_ * k_];
    const int sign = sign_of(denominator);
    strategy_set best = chosen;
    for (auto j : candidates_) {
      if (chosen & single(j)) continue;
      const Number* g = &gathered_[j * k_];
      wide_product_type<Number> gap(0);
      for (std::size_t r = 0; r < k_; ++r) gap += wide_product(Number(g[r] - g0[r]), x_[r]);
      const int s = sign_of(gap) * sign;
      if (s > 0) return true;
      if (s == 0) best |= single(j);
    }
    if (static_cast<std::size_t>(std::popcount(best)) > k_) degenerate = true;
    return found(support_vertex{support_, best, chosen});
  }

  /// Room for rounding in double.
  static double slack(double near) { return 1e-9 * (1 + std::abs(near)); }

  double dot(const double* a, const double* b) const {
    double total = 0;
    for (std::size_t r = 0; r < k_; ++r) total += a[r] * b[r];
    return total;
  }

  bool strictly_greater(const Number* a, const Number* b) const {
    for (std::size_t r = 0; r < k_; ++r)
      if (!(a[r] > b[r])) return false;
    return true;
  }

  /// True when a strategy of the support is strictly dominated, for its
  /// own player, given every response still possible: it is then never a
  /// best response to the opponent.
  bool own_dominated(strategy_set responses) const {
    for (auto i : rows_)
      for (std::size_t d = 0; d < p_.s; ++d)
        if (d != i && own_dominates(d, i, responses)) return true;
    return false;
  }

  bool own_dominates(std::size_t d, std::size_t i, strategy_set responses) const {
    const Number* a = &p_.own[d * p_.t];
    const Number* b = &p_.own[i * p_.t];
    for (std::size_t j = 0; j < p_.t; ++j)
      if ((responses & single(j)) && !(a[j] > b[j])) return false;
    return true;
  }

  /// Removes from `candidates` the responses strictly dominated on the
  /// support by a mixture of others (never a best response there; for
  /// supports of one strategy pure dominance says all). A response is kept
  /// without a test when it is a best response somewhere on a face of the
  /// support (known from the supports one smaller) or at its centre. The
  /// mixture comes from a small floating-point linear program and is then
  /// checked with a rigorous bound on rounding errors: a response is
  /// removed only on a certificate, so the pruning never loses a vertex.
  strategy_set potential_best_responses(strategy_set support, strategy_set candidates) {
    for (std::size_t j = 0; j < p_.t; ++j)
      for (std::size_t r = 0; r < k_; ++r) estimate_[j * k_ + r] = p_.opponent_estimate[j * p_.s + rows_[r]];
    strategy_set known = 0;
    if (!memory_.previous.empty())
      for (auto i : rows_) {
        const auto face = memory_.previous.find(support & ~single(i));
        if (face != memory_.previous.end()) known |= face->second;
      }
    double best = -std::numeric_limits<double>::infinity();
    for (auto j : candidates_) best = std::max(best, centre_value(j));
    for (auto j : candidates_)
      if (centre_value(j) >= best - 1e-9 * (1 + std::abs(best))) known |= single(j);
    for (auto j : candidates_)
      if (!(known & single(j)) && dominated_by_mixture(j, candidates)) candidates &= ~single(j);
    return candidates;
  }

  double centre_value(std::size_t j) const {
    double total = 0;
    for (std::size_t r = 0; r < k_; ++r) total += estimate_[j * k_ + r];
    return total;
  }

  /// Tries to show that response j is strictly dominated on the support by
  /// a mixture of the other responses in `candidates`.
  bool dominated_by_mixture(std::size_t j, strategy_set candidates) {
    others_.clear();
    for (auto c : candidates_)
      if (c != j && (candidates & single(c))) others_.push_back(c);
    if (others_.empty()) return false;
    vectors_.clear();
    for (auto c : others_) vectors_.push_back(&estimate_[c * k_]);
    if (!find_dominating_mixture(&estimate_[j * k_], k_)) return false;
    return mixture_is_better(k_, [&](std::size_t c, std::size_t r) {
      return gathered_[others_[c] * k_ + r] - gathered_[j * k_ + r];
    });
  }

  /// True when some strategy of the support is strictly dominated, for its
  /// own player, by a mixture of that player's other strategies given the
  /// responses in `responses`: it is then never a best response to a
  /// strategy of the opponent with support in `responses`, and no
  /// equilibrium has this support with those responses. A strategy that is
  /// a best response to one of the responses, or to their uniform mixture,
  /// needs no test.
  bool own_dominated_by_mixture(strategy_set responses) {
    columns_.clear();
    for (std::size_t j = 0; j < p_.t; ++j)
      if (responses & single(j)) columns_.push_back(j);
    const std::size_t length = columns_.size();
    own_block_.resize(p_.s * length);
    for (std::size_t d = 0; d < p_.s; ++d)
      for (std::size_t c = 0; c < length; ++c) own_block_[d * length + c] = p_.own_estimate[d * p_.t + columns_[c]];
    strategy_set known = 0;
    const auto add_best = [&](auto&& value) {
      double best = -std::numeric_limits<double>::infinity();
      for (std::size_t d = 0; d < p_.s; ++d) best = std::max(best, value(d));
      for (std::size_t d = 0; d < p_.s; ++d)
        if (value(d) >= best - 1e-9 * (1 + std::abs(best))) known |= single(d);
    };
    for (std::size_t c = 0; c < length; ++c) add_best([&](std::size_t d) { return own_block_[d * length + c]; });
    add_best([&](std::size_t d) {
      double total = 0;
      for (std::size_t c = 0; c < length; ++c) total += own_block_[d * length + c];
      return total;
    });
    for (auto i : rows_) {
      if (known & single(i)) continue;
      others_.clear();
      vectors_.clear();
      for (std::size_t d = 0; d < p_.s; ++d)
        if (d != i) {
          others_.push_back(d);
          vectors_.push_back(&own_block_[d * length]);
        }
      if (vectors_.empty() || !find_dominating_mixture(&own_block_[i * length], length)) continue;
      if (mixture_is_better(length, [&](std::size_t d, std::size_t c) {
            return p_.own[others_[d] * p_.t + columns_[c]] - p_.own[i * p_.t + columns_[c]];
          }))
        return true;
    }
    return false;
  }

  /// Looks for a mixture of the vectors `vectors_` (each of `length`
  /// numbers) that is strictly greater than `target` in every coordinate,
  /// as the optimal strategy of the minimiser in the zero-sum game D(r, c)
  /// = target(r) - vector_c(r) (there is one exactly when the value is
  /// negative), by the simplex method (detail/simplex.hpp, from the slack
  /// basis) on max sum q subject to (D + K) q <= 1, q >= 0, with K making D
  /// + K >= 1: the value is negative once sum q > 1 / K, and q / sum q is
  /// then the mixture. Stops at the first such q and leaves its weights
  /// (not normalised) in mixture_; the caller checks it.
  bool find_dominating_mixture(const double* target, std::size_t length) {
    const std::size_t n = vectors_.size();
    double lowest = std::numeric_limits<double>::infinity();
    for (const double* v : vectors_)
      for (std::size_t r = 0; r < length; ++r) lowest = std::min(lowest, target[r] - v[r]);
    if (!std::isfinite(lowest)) return false;
    const double shift = 1 - lowest;
    const double goal = 1 / shift;
    lp_.load_slack_form(length, n, 1e-11, 4 * (n + length));
    for (std::size_t r = 0; r < length; ++r) {
      for (std::size_t c = 0; c < n; ++c) lp_.constraint(r, c) = target[r] - vectors_[c][r] + shift;
      lp_.bound(r) = 1;
    }
    for (std::size_t c = 0; c < n; ++c) lp_.set_objective_coefficient(c, 1);
    if (lp_.maximise_until(goal * (1 + 1e-9)) != lp_status::goal_reached) return false;
    mixture_.assign(n, 0.0);
    lp_.basic_solution(mixture_);
    for (double& w : mixture_) w = std::max(0.0, w);
    return true;
  }

  /// Checks that the mixture (weights mixture_, not normalised) is strictly
  /// better in every coordinate: `difference(c, r)` is the exact `Number`
  /// by which the c-th mixed vector beats the target in coordinate r.
  /// Double games: by more than the payoff tolerance. Exact searches:
  /// sum_c w_c difference(c, r) is summed in double and accepted only when
  /// it exceeds a bound on its rounding error (Higham, "Accuracy and
  /// Stability of Numerical Algorithms", 2002, section 3.1: at most
  /// gamma_{n+1} sum |w_c difference(c, r)|, rounded inputs included, with
  /// gamma generously rounded up), so the verdict holds exactly.
  template <class Difference>
  bool mixture_is_better(std::size_t length, Difference&& difference) const {
    double total = 0;
    for (double w : mixture_) total += w;
    if (!(total > 0)) return false;
    const double gamma = static_cast<double>(mixture_.size() + 4) * 0x1p-52;
    for (std::size_t r = 0; r < length; ++r) {
      double sum = 0, size = 0;
      for (std::size_t c = 0; c < mixture_.size(); ++c) {
        if (mixture_[c] == 0) continue;
        const double d = static_cast<double>(difference(c, r));
        sum += mixture_[c] * d;
        size += std::abs(mixture_[c] * d);
      }
      if constexpr (is_floating_search<Number>) {
        if (!(sum > total * payoff_tolerance_)) return false;
      } else {
        if (!std::isfinite(size) || !(sum > 2 * gamma * size)) return false;
      }
    }
    return true;
  }

  const side_payoffs<Number>& p_;
  best_response_memory& memory_;
  std::unordered_map<strategy_set, strategy_set>* remembered_ = nullptr;  // where this size's supports are remembered
  const std::stop_token* stop_ = nullptr;
  std::size_t lines_ = 0;
  static constexpr double tolerance_ = 1e-9;
  double payoff_tolerance_ = 0;
  double payoff_scale_ = 1;  // the largest payoff magnitude, at least 1
  std::size_t k_ = 0;
  strategy_set support_ = 0;
  std::size_t first_ = 0;
  std::vector<std::size_t> rows_;
  std::vector<std::size_t> candidates_;
  std::vector<Number> gathered_;     // opponent's payoffs on the support, k per response
  std::vector<Number> by_strategy_;  // candidates' payoffs, k rows of `count`
  std::vector<Number> difference_;
  std::vector<Number> origin_;  // k per depth
  std::vector<Number> basis_;   // k * (k - 1) per depth, strategy by strategy
  std::vector<Number> scales_;  // one per depth (1 in double)
  std::vector<Number> direction_;
  std::vector<Number> slopes_;
  std::vector<Number> ratios_;
  std::vector<double> sizes_;
  std::vector<Number> x_;
  std::vector<Number> values_;
  std::vector<Number> rises_;
  std::vector<typename fitting_sum<Number>::type> sums_;
  std::vector<typename fitting_sum<Number>::type> sum_values_;
  std::vector<typename fitting_sum<Number>::type> sum_rises_;
  Number low_numerator_{0}, low_denominator_{1}, high_numerator_{0}, high_denominator_{1};
  // Mixed dominance.
  std::vector<double> estimate_;  // gathered_, rounded to double
  std::vector<std::size_t> others_;
  std::vector<const double*> vectors_;
  std::vector<std::size_t> columns_;
  std::vector<double> own_block_;
  simplex_tableau<double> lp_;
  std::vector<double> mixture_;
};

/// The exact mixed strategy of a vertex: the solution of its equal-size
/// indifference system, over all strategies of its player. `opponent(i, j)`
/// is the opponent's payoff when the vertex's player plays i and the
/// opponent j. Nothing if the system is singular.
template <class Opponent>
std::optional<std::vector<rational>> exact_vertex_strategy(const Opponent& opponent, std::size_t s, std::size_t t,
                                                           const support_vertex& v) {
  std::vector<std::size_t> rows, responses;
  for (std::size_t i = 0; i < s; ++i)
    if (v.support & single(i)) rows.push_back(i);
  for (std::size_t j = 0; j < t; ++j)
    if (v.defining & single(j)) responses.push_back(j);
  const auto k = static_cast<Eigen::Index>(rows.size());
  matrix<rational> a(k, k);
  vector<rational> b = vector<rational>::Zero(k);
  for (Eigen::Index c = 0; c < k; ++c) a(0, c) = 1;
  b(0) = 1;
  for (Eigen::Index r = 1; r < k; ++r)
    for (Eigen::Index c = 0; c < k; ++c) {
      const auto i = rows[static_cast<std::size_t>(c)];
      a(r, c) = opponent(i, responses[static_cast<std::size_t>(r)]) - opponent(i, responses[0]);
    }
  const auto z = solve_square<rational>(std::move(a), std::move(b));
  if (!z) return std::nullopt;
  std::vector<rational> x(s, rational(0));
  for (Eigen::Index c = 0; c < k; ++c) x[rows[static_cast<std::size_t>(c)]] = (*z)(c);
  return x;
}

/// True when (x, y) is exactly a Nash equilibrium of the exact game: both
/// are probability vectors and each plays only best responses.
inline bool is_exact_equilibrium(const strategic_game<rational>& game, const std::vector<rational>& x,
                                 const std::vector<rational>& y) {
  const std::size_t m = x.size(), n = y.size();
  const auto a = game.payoff_matrix(0);
  const auto b = game.payoff_matrix(1);
  for (const auto& v : x)
    if (v < 0) return false;
  for (const auto& v : y)
    if (v < 0) return false;
  std::vector<rational> row_payoff(m, rational(0)), column_payoff(n, rational(0));
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < m; ++i) {
      const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
      if (!y[j].is_zero()) row_payoff[i] += a(ii, jj) * y[j];
      if (!x[i].is_zero()) column_payoff[j] += b(ii, jj) * x[i];
    }
  const rational row_best = *std::max_element(row_payoff.begin(), row_payoff.end());
  const rational column_best = *std::max_element(column_payoff.begin(), column_payoff.end());
  for (std::size_t i = 0; i < m; ++i)
    if (x[i] > 0 && row_payoff[i] != row_best) return false;
  for (std::size_t j = 0; j < n; ++j)
    if (y[j] > 0 && column_payoff[j] != column_best) return false;
  return true;
}

/// Both sides' payoffs and searches in one kind of number, when the game
/// can be searched in it.
template <search_number Number>
class search_pair {
 public:
  /// Double games.
  void emplace(const strategic_game<double>& game, best_response_memory& row_memory,
               best_response_memory& column_memory) {
    payoffs_ = floating_sides(game);
    start(row_memory, column_memory);
  }
  /// Exact games, when every payoff fits in Number.
  void emplace(const std::vector<std::vector<big_integer>>& payoffs, std::size_t m, std::size_t n,
               best_response_memory& row_memory, best_response_memory& column_memory) {
    payoffs_ = integer_sides<Number>(payoffs, m, n);
    if (payoffs_) start(row_memory, column_memory);
  }
  [[nodiscard]] bool ready() const { return payoffs_.has_value(); }
  /// Whether supports of size k of `side` fit in `bits`-bit integers.
  [[nodiscard]] bool fits(std::size_t side, std::size_t k, double bits) const {
    return fits_in_bits(side == 0 ? payoffs_->first.log2_range : payoffs_->second.log2_range, k, bits);
  }

  std::optional<vertex_search<Number>> rows, columns;

  /// Makes `count` copies of each side's search for further threads (once;
  /// call before the threads start): they share the payoffs and read the
  /// memory, but keep their own scratch space and counts.
  void make_spares(std::size_t count) {
    while (spares_.size() < count) {
      auto& pair = spares_.emplace_back();
      for (std::size_t side = 0; side < 2; ++side) {
        auto& copy = side == 0 ? pair.first : pair.second;
        copy.emplace(*(side == 0 ? rows : columns));
        copy->supports_tried = 0;
        copy->degenerate = false;
      }
    }
  }
  /// Copy `index` (from 0) of one side's search.
  vertex_search<Number>& spare(std::size_t side, std::size_t index) {
    auto& pair = spares_[index];
    return *(side == 0 ? pair.first : pair.second);
  }
  /// Adds the spares' counts to the searches' own, so that `rows` and
  /// `columns` count every support tried.
  void gather_spares() {
    for (auto& pair : spares_)
      for (std::size_t side = 0; side < 2; ++side) {
        auto& copy = side == 0 ? pair.first : pair.second;
        auto& own = side == 0 ? rows : columns;
        own->supports_tried += std::exchange(copy->supports_tried, 0);
        own->degenerate = own->degenerate || copy->degenerate;
      }
  }

 private:
  void start(best_response_memory& row_memory, best_response_memory& column_memory) {
    rows.emplace(payoffs_->first, row_memory);
    columns.emplace(payoffs_->second, column_memory);
  }
  // Never moved once the searches point into it.
  std::optional<std::pair<side_payoffs<Number>, side_payoffs<Number>>> payoffs_;
  std::vector<std::pair<std::optional<vertex_search<Number>>, std::optional<vertex_search<Number>>>> spares_;
};

}  // namespace detail::support_search

}  // namespace impasse
