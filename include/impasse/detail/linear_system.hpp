// Dense linear systems A x = b in either scalar: Gaussian elimination with
// partial pivoting (largest magnitude) in double, first non-zero pivot in
// rationals, where every step is exact. O(n^3) for n unknowns. Shared by
// the solvers that need to solve small systems (support enumeration, the
// exact confirmation of floating-point candidates).
#pragma once

#include <impasse/core/scalar.hpp>

#include <cmath>
#include <optional>
#include <utility>

namespace impasse::detail {

/// True when `x` counts as zero: exactly for rationals; within `tolerance`
/// for doubles.
template <scalar Scalar>
[[nodiscard]] bool is_zero(const Scalar& x, const Scalar& tolerance = scalar_traits<Scalar>::tolerance()) {
  if constexpr (is_exact_v<Scalar>) {
    return x == 0;
  } else {
    return std::abs(x) <= tolerance;
  }
}

/// The unique solution of the square system `a x = b`, or nothing when `a`
/// is singular (in double: when a pivot falls below `tolerance` times the
/// largest entry of `a`).
template <scalar Scalar>
[[nodiscard]] std::optional<vector<Scalar>> solve_square(matrix<Scalar> a, vector<Scalar> b,
                                                         const Scalar& tolerance = scalar_traits<Scalar>::tolerance()) {
  const Eigen::Index n = a.rows();
  if (a.cols() != n || b.size() != n) throw invalid_argument("solve_square: the system is not square");
  Scalar scale(0);
  if constexpr (!is_exact_v<Scalar>) {
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) scale = std::max(scale, std::abs(a(i, j)));
    if (scale == 0) scale = 1;
  }
  for (Eigen::Index col = 0; col < n; ++col) {
    Eigen::Index pivot = -1;
    if constexpr (is_exact_v<Scalar>) {
      for (Eigen::Index r = col; r < n && pivot < 0; ++r)
        if (a(r, col) != 0) pivot = r;
    } else {
      double best = tolerance * scale;
      for (Eigen::Index r = col; r < n; ++r)
        if (std::abs(a(r, col)) > best) {
          best = std::abs(a(r, col));
          pivot = r;
        }
    }
    if (pivot < 0) return std::nullopt;
    if (pivot != col) {
      a.row(pivot).swap(a.row(col));
      std::swap(b(pivot), b(col));
    }
    for (Eigen::Index r = col + 1; r < n; ++r) {
      if (a(r, col) == 0) continue;
      const Scalar factor = a(r, col) / a(col, col);
      for (Eigen::Index c = col; c < n; ++c) a(r, c) -= factor * a(col, c);
      b(r) -= factor * b(col);
    }
  }
  vector<Scalar> x(n);
  for (Eigen::Index r = n - 1; r >= 0; --r) {
    Scalar sum = b(r);
    for (Eigen::Index c = r + 1; c < n; ++c) sum -= a(r, c) * x(c);
    x(r) = sum / a(r, r);
  }
  return x;
}

}  // namespace impasse::detail
