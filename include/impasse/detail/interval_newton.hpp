// Interval arithmetic for certified root finding: Boost.Interval with
// outward rounding, the Krawczyk operator (Krawczyk 1969; Moore, "A test for
// existence of solutions to nonlinear systems", SIAM J. Numer. Anal. 14,
// 1977), and a branch-and-prune search over a box.
//
// For F: R^d -> R^d with interval extensions of F and of its Jacobian F',
// a box X, its midpoint y and Y an approximate inverse of F'(y),
//   K(X) = y - Y F(y) + (I - Y F'(X)) (X - y)
// contains every root of F in X. Hence K(X) and X disjoint proves X holds
// no root, and K(X) inside the interior of X proves X holds exactly one
// (Moore 1977, Theorem 1 with Krawczyk's operator; Neumaier, Interval
// Methods for Systems of Equations, 1990, Theorem 5.1.8). Outward rounding
// makes both tests proofs in floating point (`outward_rounding` below).
#pragma once

#include <boost/numeric/interval.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

namespace impasse::detail {

/// Outward rounding without touching the floating-point environment, as a
/// Boost.Interval rounding policy: each bound is computed in the current
/// rounding mode and then moved one unit in the last place outward (to the
/// adjacent double). One IEEE operation errs by less than one ulp in every
/// rounding mode, so the moved bound encloses the exact result, whatever
/// mode the caller runs in and whatever the compiler assumes about it. The
/// bounds are at most one ulp wider per operation than with directed
/// rounding. Boost's default policy (`save_state<rounded_arith_std>`)
/// instead saves, switches and restores the rounding mode at every
/// operation; in certified enumeration those `fesetround` calls took 88% of
/// the time (contrib-3x3x3: 3.8 s for 2,870 boxes).
struct outward_rounding {
  /// The adjacent double above x (x itself for +inf and NaN).
  static double up(double x) noexcept {
    if (!(x < std::numeric_limits<double>::infinity())) return x;
    if (x == 0) return std::numeric_limits<double>::denorm_min();
    auto bits = std::bit_cast<std::uint64_t>(x);
    bits = x > 0 ? bits + 1 : bits - 1;
    return std::bit_cast<double>(bits);
  }
  static double down(double x) noexcept { return -up(-x); }

  /// v as a double, moved outward by `outward` when the conversion may
  /// have rounded (integers beyond 2^53, other types).
  template <class U>
  static double converted(const U& v, double (*outward)(double)) {
    const double d = static_cast<double>(v);
    if constexpr (std::is_same_v<U, double>) {
      return d;
    } else if constexpr (std::is_integral_v<U>) {
      return std::abs(d) <= 0x1p53 ? d : outward(d);
    } else {
      return outward(d);
    }
  }
  template <class U>
  double conv_down(const U& v) {
    return converted(v, down);
  }
  template <class U>
  double conv_up(const U& v) {
    return converted(v, up);
  }
  double add_down(double x, double y) { return down(x + y); }
  double add_up(double x, double y) { return up(x + y); }
  double sub_down(double x, double y) { return down(x - y); }
  double sub_up(double x, double y) { return up(x - y); }
  double mul_down(double x, double y) { return down(x * y); }
  double mul_up(double x, double y) { return up(x * y); }
  double div_down(double x, double y) { return down(x / y); }
  double div_up(double x, double y) { return up(x / y); }
  double median(double x, double y) { return (x + y) / 2; }
  double sqrt_down(double x) { return std::max(0.0, down(std::sqrt(x))); }
  double sqrt_up(double x) { return up(std::sqrt(x)); }
  double int_down(double x) { return std::floor(x); }
  double int_up(double x) { return std::ceil(x); }
};

/// An interval of doubles with outward rounding (`outward_rounding`); empty
/// intervals are allowed (the checking policy does not throw), but the code
/// below avoids them.
using interval = boost::numeric::interval<
    double, boost::numeric::interval_lib::policies<boost::numeric::interval_lib::save_state_nothing<outward_rounding>,
                                                   boost::numeric::interval_lib::checking_base<double>>>;

using interval_vector = std::vector<interval>;

/// The smallest interval holding the exact value of a rational payoff.
template <class Rational>
interval enclosing_interval(const Rational& x) {
  const double nearest = x.template convert_to<double>();
  if (Rational(nearest) == x) return interval(nearest);
  return interval(std::nextafter(nearest, -std::numeric_limits<double>::infinity()),
                  std::nextafter(nearest, std::numeric_limits<double>::infinity()));
}

/// Whether a (a box coordinate's enclosure) lies strictly inside b.
inline bool strictly_inside(const interval& a, const interval& b) {
  return a.lower() > b.lower() && a.upper() < b.upper();
}

inline double widest(const interval_vector& box, std::size_t* where = nullptr) {
  double width = 0;
  for (std::size_t k = 0; k < box.size(); ++k)
    if (boost::numeric::width(box[k]) > width) {
      width = boost::numeric::width(box[k]);
      if (where) *where = k;
    }
  return width;
}

enum class krawczyk_verdict {
  no_root,      ///< K(X) misses X: no root in X
  unique_root,  ///< K(X) inside the interior of X: exactly one root, in K(X)
  undecided,    ///< neither; K(X) intersected with X returned in `narrowed`
};

/// One Krawczyk test of `box`. `value(point, out)` evaluates the interval
/// extension of F at a (thin) box; `jacobian(box, out)` that of F' (a d x d
/// row-major interval matrix). `narrowed` receives K(X) (for unique_root)
/// or K(X) meet X (for undecided).
template <class Value, class Jacobian>
krawczyk_verdict krawczyk(const interval_vector& box, Value&& value, Jacobian&& jacobian, interval_vector& narrowed) {
  const std::size_t d = box.size();
  interval_vector middle(d), f(d);
  Eigen::VectorXd y(static_cast<Eigen::Index>(d));
  for (std::size_t k = 0; k < d; ++k) {
    y(static_cast<Eigen::Index>(k)) = boost::numeric::median(box[k]);
    middle[k] = interval(y(static_cast<Eigen::Index>(k)));
  }
  value(middle, f);
  std::vector<interval> jac(d * d);
  jacobian(box, jac);
  Eigen::MatrixXd centre(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(d));
  for (std::size_t r = 0; r < d; ++r)
    for (std::size_t c = 0; c < d; ++c)
      centre(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = boost::numeric::median(jac[r * d + c]);
  Eigen::FullPivLU<Eigen::MatrixXd> lu(centre);
  if (!lu.isInvertible()) {
    narrowed = box;
    return krawczyk_verdict::undecided;
  }
  const Eigen::MatrixXd inverse = lu.inverse();
  if (!inverse.allFinite()) {
    narrowed = box;
    return krawczyk_verdict::undecided;
  }
  narrowed.assign(d, interval(0));
  for (std::size_t r = 0; r < d; ++r) {
    // y - Y F(y)
    interval sum(y(static_cast<Eigen::Index>(r)));
    for (std::size_t c = 0; c < d; ++c) sum -= inverse(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) * f[c];
    // + (I - Y F'(X)) (X - y)
    for (std::size_t c = 0; c < d; ++c) {
      interval entry(r == c ? 1.0 : 0.0);
      for (std::size_t m = 0; m < d; ++m)
        entry -= inverse(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(m)) * jac[m * d + c];
      sum += entry * (box[c] - middle[c]);
    }
    narrowed[r] = sum;
  }
  bool inside = true;
  for (std::size_t k = 0; k < d; ++k) {
    if (!boost::numeric::overlap(narrowed[k], box[k])) return krawczyk_verdict::no_root;
    inside = inside && strictly_inside(narrowed[k], box[k]);
  }
  if (inside) return krawczyk_verdict::unique_root;
  for (std::size_t k = 0; k < d; ++k) narrowed[k] = boost::numeric::intersect(narrowed[k], box[k]);
  return krawczyk_verdict::undecided;
}

}  // namespace impasse::detail
