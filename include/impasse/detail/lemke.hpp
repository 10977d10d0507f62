// Lemke's algorithm for the linear complementarity problem
//
//   w = q + M z + d z0,  w >= 0,  z >= 0,  w . z = 0,
//
// (Lemke 1965, "Bimatrix equilibrium points and mathematical programming",
// Management Science 11; e.g. Cottle, Pang and Stone, "The Linear
// Complementarity Problem", 1992, section 4.4), with lexicographic
// pivoting so that degenerate problems never cycle. The path starts on the
// primary ray (z = 0, z0 large), brings z0 into the basis where it first
// makes w non-negative, and then pivots the complement of each leaving
// variable in, until z0 leaves (a solution) or the entering column has no
// positive entry (a secondary ray).
//
// The tableau is dense over the non-basic columns (n rows, n + 2 columns:
// the n + 1 non-basic variables and the right-hand side); the columns of
// the non-basic w's hold the basis inverse that breaks ties.
// - In rationals each row is kept as GMP integers over a positive common
//   denominator (reduced by the row's gcd once it outgrows a machine
//   word), so that no entry is a fraction with a gcd to normalise at every
//   operation, and a pivot only touches the rows whose entry in the
//   entering column is non-zero. (The fraction-free dictionaries of
//   detail/lex_dictionary.hpp, whose entries are minors of the whole
//   basis, were measured 2.5x to 8x slower on sequence-form LCPs:
//   benchmarks/README.md.)
// - In double the tableau is stored by columns and pivots with the column
//   kernel of every double path (detail/floating_pivot.hpp), which skips
//   the columns where the pivot row is zero. The pivot and ratio tests
//   count entries within a tolerance (relative to their column) of zero as
//   zero, and before a pivot on an entry much smaller than its column's
//   largest (which would magnify the rounding errors so far) the tableau
//   is recomputed from the problem by a sparse LU factorisation of the
//   basis.
// Cost O(n (n + 2)) per pivot; the number of pivots is small in practice
// and exponential in the worst case (Savani and von Stengel 2006,
// "Hard-to-solve bimatrix games", Econometrica 74).
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/detail/floating_pivot.hpp>

#include <boost/multiprecision/gmp.hpp>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stop_token>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace impasse::detail {

/// A non-zero entry of M; entries with the same position add up.
template <scalar Scalar>
struct lcp_entry {
  std::size_t row = 0;
  std::size_t column = 0;
  Scalar value{0};
};

/// w = q + M z + covering z0 over n = q.size() pairs (w_i, z_i).
template <scalar Scalar>
struct linear_complementarity_problem {
  std::vector<lcp_entry<Scalar>> matrix;  ///< M, sparse
  std::vector<Scalar> q;
  /// d, all positive.
  std::vector<Scalar> covering;
};

enum class lemke_status {
  solved,         ///< z0 left the basis: z solves the problem
  secondary_ray,  ///< the path ended on a ray (the problem may have no solution)
  pivot_limit,    ///< stopped at the pivot limit
  cancelled,      ///< stopped through the stop token
};

template <scalar Scalar>
struct lemke_solution {
  lemke_status status = lemke_status::solved;
  std::vector<Scalar> z;  ///< when solved
  std::size_t pivots = 0;
};

namespace lemke_internal {


/// The dictionary x_B = rhs - T x_N, one row per basic variable. Variables:
/// w_i is i, z_i is n + i, z0 is 2n.
template <scalar Scalar>
class tableau {
  static constexpr bool exact = is_exact_v<Scalar>;
  using entry = std::conditional_t<exact, big_integer, double>;
  using storage = std::conditional_t<exact, std::vector<big_integer>, std::vector<double, cache_line_allocator<double>>>;

 public:
  explicit tableau(const linear_complementarity_problem<Scalar>& lcp)
      : n_(lcp.q.size()), cols_(n_ + 2), stride_(exact ? n_ : (n_ + 3) / 4 * 4) {
    if (lcp.covering.size() != n_)
      throw invalid_argument("LCP: " + std::to_string(n_) + " rows but " + std::to_string(lcp.covering.size()) +
                             " covering entries");
    for (const auto& d : lcp.covering)
      if (!(d > Scalar(0))) throw invalid_argument("LCP: the covering vector must be positive");
    // The rows of [T(z) | T(z0) | rhs] = [-M | -d | q], sparse, before the
    // dense tableau is filled.
    std::vector<std::vector<std::pair<std::size_t, Scalar>>> rows(n_);
    for (const auto& e : lcp.matrix) {
      if (e.row >= n_ || e.column >= n_) throw invalid_argument("LCP: a matrix entry lies outside the problem");
      rows[e.row].emplace_back(e.column, -e.value);
    }
    for (std::size_t i = 0; i < n_; ++i) {
      auto& row = rows[i];
      // Entries at the same place add up.
      std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      std::size_t kept = 0;
      for (std::size_t k = 0; k < row.size(); ++k) {
        if (kept > 0 && row[kept - 1].first == row[k].first) {
          row[kept - 1].second += row[k].second;
        } else {
          row[kept++] = row[k];
        }
      }
      row.resize(kept);
      row.emplace_back(n_, -lcp.covering[i]);
      row.emplace_back(n_ + 1, lcp.q[i]);
    }
    t_.resize(exact ? n_ * cols_ : stride_ * cols_);
    if constexpr (exact) {
      den_.resize(n_);
      for (std::size_t i = 0; i < n_; ++i) {
        big_integer lcm(1);
        for (const auto& [j, x] : rows[i])
          if (!x.is_zero()) mpz_lcm(lcm.backend().data(), lcm.backend().data(), mpq_denref(x.backend().data()));
        for (const auto& [j, x] : rows[i]) {
          if (x.is_zero()) continue;
          auto& out = t_[i * cols_ + j];
          mpz_divexact(out.backend().data(), lcm.backend().data(), mpq_denref(x.backend().data()));
          mpz_mul(out.backend().data(), out.backend().data(), mpq_numref(x.backend().data()));
        }
        den_[i] = std::move(lcm);
      }
    } else {
      double scale = 0;
      // The original columns, for refactoring: w_i is e_i, z_j is -M e_j, z0 is -d.
      original_.resize(2 * n_ + 1);
      q_.assign(n_, 0.0);
      for (std::size_t i = 0; i < n_; ++i) {
        original_[i].emplace_back(i, 1.0);
        for (const auto& [j, x] : rows[i]) {
          if (x == 0.0) continue;
          at(i, j) = x;
          scale = std::max(scale, std::abs(x));
          if (j <= n_) original_[n_ + j].emplace_back(i, x);
          else q_[i] = x;
        }
      }
      tolerance_ = 1e-9 * std::max(1.0, scale);
    }
    basis_.resize(n_);
    nonbasic_.resize(n_ + 1);
    where_.assign(2 * n_ + 1, 0);
    basic_.assign(2 * n_ + 1, 0);
    for (std::size_t i = 0; i < n_; ++i) {
      basis_[i] = i;
      where_[i] = i;
      basic_[i] = 1;
      nonbasic_[i] = n_ + i;
      where_[n_ + i] = i;
    }
    nonbasic_[n_] = 2 * n_;
    where_[2 * n_] = n_;
  }

  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  [[nodiscard]] std::size_t z0() const noexcept { return 2 * n_; }
  /// The column of non-basic variable `var`.
  [[nodiscard]] std::size_t column_of(std::size_t var) const { return where_[var]; }
  [[nodiscard]] std::size_t basic_at(std::size_t row) const { return basis_[row]; }

  /// True when every right-hand side is non-negative (z = 0 solves).
  [[nodiscard]] bool feasible_at_start() const {
    for (std::size_t i = 0; i < n_; ++i)
      if (negative(at(i, n_ + 1))) return false;
    return true;
  }

  /// The row where z0 enters first: the lexicographically largest
  /// q_i / d_i ratio, read as the most negative right side over the (negative)
  /// z0 column, ties to the largest index.
  [[nodiscard]] std::size_t first_row() const {
    const std::size_t s = n_;  // z0's column, all negative
    std::size_t best = 0;
    const noise_column rhs{n_ + 1, 0.0};
    for (std::size_t i = 1; i < n_; ++i)
      if (compare_ratio(i, best, rhs, s, false) >= 0) best = i;
    return best;
  }

  /// The leaving row for the entering column `s` by the lexicographic
  /// minimum ratio test (z0 leaves whenever it ties for the minimum), or
  /// n when no entry of the column is positive.
  [[nodiscard]] std::size_t leaving_row(std::size_t s) const {
    // In double, entries below a small multiple of their column's largest
    // are rounding noise: they neither qualify as pivots nor, as numerators,
    // decide ties (dividing noise by a small pivot would magnify it).
    const double pivot_floor = exact ? 0.0 : 1e-9 * std::max(1.0, column_magnitude(s));
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < n_; ++i)
      if (positive(at(i, s), pivot_floor)) candidates.push_back(i);
    if (candidates.empty()) return n_;
    // Minimum ratio of the right side.
    noise_column rhs{n_ + 1};
    std::vector<std::size_t> ties{candidates[0]};
    for (std::size_t k = 1; k < candidates.size(); ++k) {
      const int c = compare_ratio(candidates[k], ties[0], rhs, s, /*clamp=*/true);
      if (c < 0) {
        ties.assign(1, candidates[k]);
      } else if (c == 0) {
        ties.push_back(candidates[k]);
      }
    }
    for (const auto i : ties)
      if (basis_[i] == z0()) return i;
    // Then the columns of the basis inverse, w_0, w_1, ... in turn.
    std::vector<std::size_t> next;
    for (std::size_t k = 0; k < n_ && ties.size() > 1; ++k) {
      if (basic_[k]) {
        // The inverse's column k is the unit vector of w_k's row r: over a
        // positive pivot entry, row r's value is positive, the others' zero,
        // so r loses the tie if it is among the rows tied.
        const std::size_t r = where_[k];
        const auto it = std::find(ties.begin(), ties.end(), r);
        if (it != ties.end()) ties.erase(it);
        continue;
      }
      noise_column column{where_[k]};
      next.assign(1, ties[0]);
      for (std::size_t m = 1; m < ties.size(); ++m) {
        const int c = compare_ratio(ties[m], next[0], column, s, false);
        if (c < 0) {
          next.assign(1, ties[m]);
        } else if (c == 0) {
          next.push_back(ties[m]);
        }
      }
      ties.swap(next);
    }
    return ties[0];
  }

  /// Exchanges the basic variable of `row` with the non-basic one of `column`.
  void pivot(std::size_t row, std::size_t column) {
    if constexpr (exact) {
      pivot_exact(row, column);
    } else {
      pivot_floating(row, column);
    }
    const std::size_t entering = nonbasic_[column], leaving = basis_[row];
    basis_[row] = entering;
    nonbasic_[column] = leaving;
    where_[entering] = row;
    where_[leaving] = column;
    basic_[entering] = 1;
    basic_[leaving] = 0;
  }

  /// In double: the pivot `row` of column `s` is small next to the column's
  /// largest entry, a sign that rounding may have led astray.
  [[nodiscard]] bool suspicious(std::size_t row, std::size_t s) const {
    if constexpr (exact) {
      (void)row;
      (void)s;
      return false;
    } else {
      return std::abs(at(row, s)) < 1e-6 * column_magnitude(s);
    }
  }

  /// In double: recomputes the tableau from the original problem for the
  /// current basis (a sparse LU factorisation of the basis matrix), which
  /// clears the rounding errors that pivots have accumulated. Returns false
  /// (leaving the tableau as it was) if the basis matrix is singular.
  bool refactor() {
    if constexpr (exact) {
      return true;
    } else {
      std::vector<Eigen::Triplet<double>> entries;
      for (std::size_t r = 0; r < n_; ++r)
        for (const auto& [i, x] : original_[basis_[r]])
          entries.emplace_back(static_cast<int>(i), static_cast<int>(r), x);
      Eigen::SparseMatrix<double> b(static_cast<Eigen::Index>(n_), static_cast<Eigen::Index>(n_));
      b.setFromTriplets(entries.begin(), entries.end());
      Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
      lu.compute(b);
      if (lu.info() != Eigen::Success) return false;
      Eigen::VectorXd rhs(static_cast<Eigen::Index>(n_)), x;
      for (std::size_t c = 0; c <= n_ + 1; ++c) {
        rhs.setZero();
        if (c <= n_) {
          for (const auto& [i, v] : original_[nonbasic_[c]]) rhs(static_cast<Eigen::Index>(i)) = v;
        } else {
          for (std::size_t i = 0; i < n_; ++i) rhs(static_cast<Eigen::Index>(i)) = q_[i];
        }
        x = lu.solve(rhs);
        // Entries that are zero in exact arithmetic come back as rounding
        // noise; zero them, or every later pivot would have to touch them.
        const double noise = 1e-14 * std::max(1.0, x.cwiseAbs().maxCoeff());
        for (std::size_t i = 0; i < n_; ++i) {
          const double v = x(static_cast<Eigen::Index>(i));
          at(i, c) = std::abs(v) <= noise ? 0.0 : v;
        }
      }
      return true;
    }
  }

  /// The value of the basic variable of `row`.
  [[nodiscard]] Scalar value(std::size_t row) const {
    if constexpr (exact) {
      Scalar out;
      mpq_set_num(out.backend().data(), at(row, n_ + 1).backend().data());
      mpq_set_den(out.backend().data(), den_[row].backend().data());
      mpq_canonicalize(out.backend().data());
      return out;
    } else {
      return at(row, n_ + 1);
    }
  }

 private:
  // Rows in rationals (a pivot works row by row), columns in double (the
  // shared column kernel).
  [[nodiscard]] const entry& at(std::size_t i, std::size_t j) const {
    return exact ? t_[i * cols_ + j] : t_[j * stride_ + i];
  }
  [[nodiscard]] entry& at(std::size_t i, std::size_t j) { return exact ? t_[i * cols_ + j] : t_[j * stride_ + i]; }

  [[nodiscard]] bool positive(const entry& x, double floor) const {
    if constexpr (exact) {
      (void)floor;
      return mpz_sgn(x.backend().data()) > 0;
    } else {
      return x > floor;
    }
  }
  [[nodiscard]] bool negative(const entry& x) const {
    if constexpr (exact) {
      return mpz_sgn(x.backend().data()) < 0;
    } else {
      return x < -tolerance_;
    }
  }

  /// The largest absolute value in column c (double only).
  [[nodiscard]] double column_magnitude(std::size_t c) const {
    if constexpr (exact) {
      (void)c;
      return 0;
    } else {
      double out = 0;
      for (std::size_t i = 0; i < n_; ++i) out = std::max(out, std::abs(at(i, c)));
      return out;
    }
  }

  /// A column of numerators for ratio comparisons; in double, with the
  /// threshold below which its entries count as rounding noise, found on
  /// first need (a small multiple of the column's largest entry).
  struct noise_column {
    std::size_t index;
    mutable double threshold = -1;
  };

  /// Compares a_i / b_i with a_k / b_k, where a is column `num` and b
  /// column `den` of rows i and k (both b of one sign): -1, 0 or 1. In
  /// rationals the rows' denominators cancel. In double, numerators within
  /// the column's noise of zero count as zero and, with `clamp`, negative
  /// ones too (a basic variable that rounding made slightly negative is zero).
  [[nodiscard]] int compare_ratio(std::size_t i, std::size_t k, const noise_column& num, std::size_t den,
                                  bool clamp) const {
    if constexpr (exact) {
      (void)clamp;
      // a_i / b_i < a_k / b_k  <=>  a_i b_k < a_k b_i when b_i b_k > 0.
      mpz_mul(left_.backend().data(), at(i, num.index).backend().data(), at(k, den).backend().data());
      mpz_mul(right_.backend().data(), at(k, num.index).backend().data(), at(i, den).backend().data());
      const int c = mpz_cmp(left_.backend().data(), right_.backend().data());
      return (c > 0) - (c < 0);
    } else {
      const auto numerator = [&](std::size_t row) {
        const double x = at(row, num.index);
        if (x == 0.0 || (clamp && x < 0)) return 0.0;
        // Above any threshold of a tableau that rounding has not ruined.
        if (std::abs(x) > 1e-3) return x;
        if (num.threshold < 0) num.threshold = 1e-11 * std::max(1.0, column_magnitude(num.index));
        return std::abs(x) <= num.threshold ? 0.0 : x;
      };
      const double a = numerator(i) / at(i, den), b = numerator(k) / at(k, den);
      const double gap = a - b;
      const double slack = 1e-9 * (1 + std::abs(a) + std::abs(b));
      return gap > slack ? 1 : (gap < -slack ? -1 : 0);
    }
  }

  /// The shared double pivot (detail/floating_pivot.hpp): it changes only
  /// the columns where the pivot row is non-zero.
  void pivot_floating(std::size_t r, std::size_t s) {
    if constexpr (!exact) {
      source_.resize(n_);
      changing_.resize(cols_);
      floating_pivot(t_.data(), n_, stride_, cols_, r, s, source_.data(), changing_.data());
    }
  }

  void pivot_exact(std::size_t r, std::size_t s) {
    // With row values T / den: row r becomes (T(r, j), den_r at s) / T(r, s);
    // row i with a = T(i, s) != 0 becomes
    //   (T(i, j) T(r, s) - a T(r, j), -a den_r at s) / (den_i T(r, s)),
    // signs arranged so that denominators stay positive.
    big_integer t = at(r, s);
    const int sign = mpz_sgn(t.backend().data());
    mpz_abs(t.backend().data(), t.backend().data());
    const big_integer dr = den_[r];
    std::vector<std::size_t> nonzero;
    for (std::size_t j = 0; j < cols_; ++j)
      if (j != s && !at(r, j).is_zero()) nonzero.push_back(j);
    big_integer a, g, scale;
    for (std::size_t i = 0; i < n_; ++i) {
      if (i == r || at(i, s).is_zero()) continue;
      a = at(i, s);
      if (sign < 0) mpz_neg(a.backend().data(), a.backend().data());
      // The factor gcd(|t|, a) is common to the whole new row: take it out
      // first (scale = |t| / g, a / g), which spares most of the row's
      // gcd reduction.
      mpz_gcd(g.backend().data(), t.backend().data(), a.backend().data());
      mpz_divexact(scale.backend().data(), t.backend().data(), g.backend().data());
      mpz_divexact(a.backend().data(), a.backend().data(), g.backend().data());
      const bool unit = mpz_cmp_ui(scale.backend().data(), 1) == 0;
      auto* row = &t_[i * cols_];
      const auto* pivot_row = &t_[r * cols_];
      // Multiply the row by the scale, then subtract a * row r where it is non-zero.
      if (!unit)
        for (std::size_t j = 0; j < cols_; ++j)
          if (j != s && !row[j].is_zero())
            mpz_mul(row[j].backend().data(), row[j].backend().data(), scale.backend().data());
      for (const auto j : nonzero)
        mpz_submul(row[j].backend().data(), a.backend().data(), pivot_row[j].backend().data());
      mpz_mul(row[s].backend().data(), a.backend().data(), dr.backend().data());
      mpz_neg(row[s].backend().data(), row[s].backend().data());
      if (!unit) {
        mpz_mul(den_[i].backend().data(), den_[i].backend().data(), scale.backend().data());
        // Reducing by the row's gcd costs a pass of gcds; it pays only once
        // the numbers outgrow a machine word.
        if (mpz_size(den_[i].backend().data()) > 1) reduce(i);
      }
    }
    // Row r: over |t|, negated when t < 0; its gcd with den stays 1.
    auto* row = &t_[r * cols_];
    row[s] = dr;
    if (sign < 0)
      for (std::size_t j = 0; j < cols_; ++j) mpz_neg(row[j].backend().data(), row[j].backend().data());
    den_[r] = t;
  }

  /// Divides row i and its denominator by their gcd.
  void reduce(std::size_t i) {
    big_integer& g = gcd_;
    g = den_[i];
    auto* row = &t_[i * cols_];
    for (std::size_t j = 0; j < cols_ && mpz_cmp_ui(g.backend().data(), 1) != 0; ++j)
      if (!row[j].is_zero()) mpz_gcd(g.backend().data(), g.backend().data(), row[j].backend().data());
    if (mpz_cmp_ui(g.backend().data(), 1) == 0) return;
    for (std::size_t j = 0; j < cols_; ++j)
      if (!row[j].is_zero()) mpz_divexact(row[j].backend().data(), row[j].backend().data(), g.backend().data());
    mpz_divexact(den_[i].backend().data(), den_[i].backend().data(), g.backend().data());
  }

  std::size_t n_, cols_;
  std::size_t stride_;  // double: from one column to the next, n rounded up to 4
  storage t_;
  std::vector<big_integer> den_;  // rationals only
  std::vector<std::size_t> basis_, nonbasic_;
  std::vector<std::size_t> where_;         // per variable: its row when basic, else its column
  std::vector<unsigned char> basic_;       // per variable
  double tolerance_ = 0;
  std::vector<std::vector<std::pair<std::size_t, double>>> original_;  // double only
  std::vector<double> q_;                                               // double only
  std::vector<double> source_;                                          // double only: a pivot's scratch
  std::vector<std::size_t> changing_;
  mutable big_integer left_, right_;
  big_integer gcd_;
};

}  // namespace lemke_internal

struct lemke_options {
  /// Stop after this many pivots; 0 means 100 n + 10 000 for n pairs.
  std::size_t max_pivots = 0;
  std::stop_token stop_token = {};
  /// Pivots made, every 64 pivots (the total is not known).
  progress_callback on_progress = {};
};

/// Runs Lemke's algorithm on `lcp` (see the file comment).
template <scalar Scalar>
[[nodiscard]] lemke_solution<Scalar> lemke(const linear_complementarity_problem<Scalar>& lcp,
                                           const lemke_options& options = {}) {
  lemke_internal::tableau<Scalar> t(lcp);
  const std::size_t n = t.size();
  lemke_solution<Scalar> out;
  out.z.assign(n, Scalar(0));
  if (t.feasible_at_start()) return out;
  const std::size_t limit = options.max_pivots != 0 ? options.max_pivots : 100 * n + 10'000;
  // z0 enters; then the complement of each leaving variable enters.
  std::size_t row = t.first_row();
  std::size_t since_refactor = 0;
  std::size_t column = t.column_of(t.z0());
  for (;;) {
    if (options.stop_token.stop_requested()) {
      out.status = lemke_status::cancelled;
      return out;
    }
    if (out.pivots >= limit) {
      out.status = lemke_status::pivot_limit;
      return out;
    }
    if (out.pivots % 64 == 0 && out.pivots > 0) report_progress(options.on_progress, out.pivots, 0, "pivots");
    const std::size_t leaving = t.basic_at(row);
    t.pivot(row, column);
    ++out.pivots;
    if (leaving == t.z0()) break;
    const std::size_t entering = leaving < n ? leaving + n : leaving - n;
    column = t.column_of(entering);
    row = t.leaving_row(column);
    if constexpr (!is_exact_v<Scalar>) {
      // In double, a small pivot magnifies the rounding errors of all the
      // pivots before it: first recompute the tableau from the problem (at
      // most every few pivots) and choose again.
      ++since_refactor;
      if (row < n && since_refactor >= 5 && t.suspicious(row, column)) {
        since_refactor = 0;
        if (t.refactor()) row = t.leaving_row(column);
      }
    }
    if (row == n) {
      out.status = lemke_status::secondary_ray;
      return out;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t var = t.basic_at(i);
    if (var >= n && var < 2 * n) out.z[var - n] = t.value(i);
  }
  return out;
}

}  // namespace impasse::detail
