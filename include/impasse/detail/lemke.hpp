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
// In rationals the path runs on the exact pivoting engine of
// detail/lex_dictionary.hpp: each row of the problem is scaled to integers
// (by the least common multiple of its denominators, which rescales its w
// and leaves the lexicographic order as it was), and the dictionary pivots
// in place with each row over a denominator of its own, reduced by the
// row's gcd, touching only the rows whose entry in the entering column is
// non-zero. (The same dictionary over the common determinant, whose
// entries are minors of the whole basis, was measured 2.5x to 8x slower on
// sequence-form LCPs: benchmarks/README.md.)
//
// In double the tableau is dense over the non-basic columns (n rows,
// n + 2 columns: the n + 1 non-basic variables and the right-hand side;
// the columns of the non-basic w's hold the basis inverse that breaks
// ties), stored by columns, and pivots with the column kernel of every
// double path (detail/floating_pivot.hpp), which skips the columns where
// the pivot row is zero. The pivot and ratio tests count entries within a
// tolerance (relative to their column) of zero as zero, and before a pivot
// on an entry much smaller than its column's largest (which would magnify
// the rounding errors so far) the tableau is recomputed from the problem
// by a sparse LU factorisation of the basis.
//
// Cost O(n (n + 2)) per pivot; the number of pivots is small in practice
// and exponential in the worst case (Savani and von Stengel 2006,
// "Hard-to-solve bimatrix games", Econometrica 74).
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/detail/floating_pivot.hpp>
#include <impasse/detail/lex_dictionary.hpp>

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

struct lemke_options {
  /// Stop after this many pivots; 0 means 100 n + 10 000 for n pairs.
  std::size_t max_pivots = 0;
  std::stop_token stop_token = {};
  /// Pivots made, every 64 pivots (the total is not known).
  progress_callback on_progress = {};
};

namespace lemke_internal {

/// The rows of [T(z) | T(z0) | rhs] = [-M | -d | q] of the dictionary
/// w + T (z, z0) = rhs, sparse, with entries at the same place added up;
/// throws on a problem that is not one.
template <scalar Scalar>
std::vector<std::vector<std::pair<std::size_t, Scalar>>> problem_rows(const linear_complementarity_problem<Scalar>& lcp) {
  const std::size_t n = lcp.q.size();
  if (lcp.covering.size() != n)
    throw invalid_argument("LCP: " + std::to_string(n) + " rows but " + std::to_string(lcp.covering.size()) +
                           " covering entries");
  for (const auto& d : lcp.covering)
    if (!(d > Scalar(0))) throw invalid_argument("LCP: the covering vector must be positive");
  std::vector<std::vector<std::pair<std::size_t, Scalar>>> rows(n);
  for (const auto& e : lcp.matrix) {
    if (e.row >= n || e.column >= n) throw invalid_argument("LCP: a matrix entry lies outside the problem");
    rows[e.row].emplace_back(e.column, -e.value);
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto& row = rows[i];
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
    row.emplace_back(n, -lcp.covering[i]);
    row.emplace_back(n + 1, lcp.q[i]);
  }
  return rows;
}

/// The problem as an integer dictionary s + T (z, z0) = rhs for the exact
/// engine (detail/lex_dictionary.hpp): structural variables z_0..z_{n-1}
/// (0..n-1) and z0 (n), slacks s_i = c_i w_i (n + 1 + i), where c_i > 0 is
/// the least common multiple of row i's denominators. Scaling w_i by c_i
/// scales a column of the basis inverse by c_i, which changes no
/// lexicographic comparison, and leaves z as it is.
struct integer_problem {
  std::vector<sparse_integer_row> rows;  ///< T, by rows
  std::vector<big_integer> rhs;
};

inline integer_problem integer_form(const std::vector<std::vector<std::pair<std::size_t, rational>>>& rows) {
  const std::size_t n = rows.size();
  integer_problem out;
  out.rows.resize(n);
  out.rhs.assign(n, big_integer(0));
  big_integer lcm, entry;
  for (std::size_t i = 0; i < n; ++i) {
    lcm = 1;
    for (const auto& [j, x] : rows[i])
      if (!x.is_zero()) mpz_lcm(lcm.backend().data(), lcm.backend().data(), mpq_denref(x.backend().data()));
    for (const auto& [j, x] : rows[i]) {
      if (x.is_zero()) continue;
      mpz_divexact(entry.backend().data(), lcm.backend().data(), mpq_denref(x.backend().data()));
      mpz_mul(entry.backend().data(), entry.backend().data(), mpq_numref(x.backend().data()));
      if (j <= n) out.rows[i].emplace_back(j, entry);
      else out.rhs[i] = entry;
    }
  }
  return out;
}

/// Before each pivot: whether the stop token or the pivot limit ends the
/// path (`out.status` then says which); reports progress every 64 pivots.
template <scalar Scalar>
bool ends_before_pivot(const lemke_options& options, std::size_t limit, lemke_solution<Scalar>& out) {
  if (options.stop_token.stop_requested()) {
    out.status = lemke_status::cancelled;
    return true;
  }
  if (out.pivots >= limit) {
    out.status = lemke_status::pivot_limit;
    return true;
  }
  if (out.pivots % 64 == 0 && out.pivots > 0) report_progress(options.on_progress, out.pivots, 0, "pivots");
  return false;
}

/// Lemke's path in rationals on the exact engine, in GMP integers pivoting
/// in place, each row over its own denominator (see `integer_dictionary`).
inline lemke_solution<rational> lemke_exact(const linear_complementarity_problem<rational>& lcp, std::size_t limit,
                                            const lemke_options& options) {
  const auto problem = integer_form(problem_rows(lcp));
  const std::size_t n = problem.rhs.size(), z0 = n;
  lemke_solution<rational> out;
  out.z.assign(n, rational(0));
  bool feasible = true;
  for (const auto& q : problem.rhs) feasible = feasible && q >= 0;
  if (feasible) return out;
  integer_dictionary<gmp_arithmetic> dictionary(n + 1, problem.rows, problem.rhs);
  // z0 enters where it first makes every w non-negative; then the
  // complement of each variable that leaves enters, until z0 leaves.
  std::size_t row = dictionary.most_infeasible_row(z0), column = z0;
  for (;;) {
    if (ends_before_pivot(options, limit, out)) return out;
    const std::size_t leaving = dictionary.basis().basic(row);
    (void)dictionary.pivot(row, column);
    ++out.pivots;
    if (leaving == z0) break;
    // z_i (variable i) and w_i (variable n + 1 + i) are complements.
    const std::size_t entering = leaving < n ? leaving + n + 1 : leaving - n - 1;
    column = dictionary.basis().column_of(entering);
    (void)dictionary.leaving_row(column, row, z0);
    if (row == basis_positions::none) {
      out.status = lemke_status::secondary_ray;
      return out;
    }
  }
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t variable = dictionary.basis().basic(r);
    if (variable < n) out.z[variable] = rational(dictionary.entry(r, 0)) / rational(dictionary.row_denominator(r));
  }
  return out;
}

/// The dictionary x_B = rhs - T x_N in double, one row per basic variable.
/// Variables: w_i is i, z_i is n + i, z0 is 2n.
class floating_tableau {
 public:
  explicit floating_tableau(const linear_complementarity_problem<double>& lcp)
      : n_(lcp.q.size()), cols_(n_ + 2), stride_((n_ + 3) / 4 * 4) {
    const auto rows = problem_rows(lcp);
    t_.resize(stride_ * cols_);
    source_.resize(n_);
    changing_.resize(cols_);
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
      if (at(i, n_ + 1) < -tolerance_) return false;
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
  /// n when no entry of the column is positive. Entries below a small
  /// multiple of their column's largest are rounding noise: they neither
  /// qualify as pivots nor, as numerators, decide ties (dividing noise by a
  /// small pivot would magnify it).
  [[nodiscard]] std::size_t leaving_row(std::size_t s) const {
    const double pivot_floor = 1e-9 * std::max(1.0, column_magnitude(s));
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < n_; ++i)
      if (at(i, s) > pivot_floor) candidates.push_back(i);
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

  /// Exchanges the basic variable of `row` with the non-basic one of
  /// `column`, by the shared column kernel (detail/floating_pivot.hpp).
  void pivot(std::size_t r, std::size_t s) {
    floating_pivot(t_.data(), n_, stride_, cols_, r, s, source_.data(), changing_.data());
    const std::size_t entering = nonbasic_[s], leaving = basis_[r];
    basis_[r] = entering;
    nonbasic_[s] = leaving;
    where_[entering] = r;
    where_[leaving] = s;
    basic_[entering] = 1;
    basic_[leaving] = 0;
  }

  /// The pivot `row` of column `s` is small next to the column's largest
  /// entry, a sign that rounding may have led astray.
  [[nodiscard]] bool suspicious(std::size_t row, std::size_t s) const {
    return std::abs(at(row, s)) < 1e-6 * column_magnitude(s);
  }

  /// Recomputes the tableau from the original problem for the current
  /// basis (a sparse LU factorisation of the basis matrix), which clears
  /// the rounding errors that pivots have accumulated. Returns false
  /// (leaving the tableau as it was) if the basis matrix is singular.
  bool refactor() {
    std::vector<Eigen::Triplet<double>> entries;
    for (std::size_t r = 0; r < n_; ++r)
      for (const auto& [i, x] : original_[basis_[r]]) entries.emplace_back(static_cast<int>(i), static_cast<int>(r), x);
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

  /// The value of the basic variable of `row`.
  [[nodiscard]] double value(std::size_t row) const { return at(row, n_ + 1); }

 private:
  // Stored by columns.
  [[nodiscard]] double at(std::size_t i, std::size_t j) const { return t_[j * stride_ + i]; }
  [[nodiscard]] double& at(std::size_t i, std::size_t j) { return t_[j * stride_ + i]; }

  /// The largest absolute value in column c.
  [[nodiscard]] double column_magnitude(std::size_t c) const {
    double out = 0;
    for (std::size_t i = 0; i < n_; ++i) out = std::max(out, std::abs(at(i, c)));
    return out;
  }

  /// A column of numerators for ratio comparisons, with the threshold
  /// below which its entries count as rounding noise, found on first need
  /// (a small multiple of the column's largest entry).
  struct noise_column {
    std::size_t index;
    mutable double threshold = -1;
  };

  /// Compares a_i / b_i with a_k / b_k, where a is column `num` and b
  /// column `den` of rows i and k (both b of one sign): -1, 0 or 1.
  /// Numerators within the column's noise of zero count as zero and, with
  /// `clamp`, negative ones too (a basic variable that rounding made
  /// slightly negative is zero).
  [[nodiscard]] int compare_ratio(std::size_t i, std::size_t k, const noise_column& num, std::size_t den,
                                  bool clamp) const {
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

  std::size_t n_, cols_;
  std::size_t stride_;  // from one column to the next: n rounded up to 4
  std::vector<double, cache_line_allocator<double>> t_;
  std::vector<std::size_t> basis_, nonbasic_;
  std::vector<std::size_t> where_;    // per variable: its row when basic, else its column
  std::vector<unsigned char> basic_;  // per variable
  double tolerance_ = 0;
  std::vector<std::vector<std::pair<std::size_t, double>>> original_;
  std::vector<double> q_;
  std::vector<double> source_;          // a pivot's scratch: the pivot column
  std::vector<std::size_t> changing_;  // a pivot's scratch: the columns it changes
};

}  // namespace lemke_internal

/// Runs Lemke's algorithm on `lcp` (see the file comment).
template <scalar Scalar>
[[nodiscard]] lemke_solution<Scalar> lemke(const linear_complementarity_problem<Scalar>& lcp,
                                           const lemke_options& options = {}) {
  const std::size_t n = lcp.q.size();
  const std::size_t limit = options.max_pivots != 0 ? options.max_pivots : 100 * n + 10'000;
  if constexpr (is_exact_v<Scalar>) {
    return lemke_internal::lemke_exact(lcp, limit, options);
  } else {
    lemke_internal::floating_tableau t(lcp);
    lemke_solution<Scalar> out;
    out.z.assign(n, Scalar(0));
    if (t.feasible_at_start()) return out;
    // z0 enters; then the complement of each leaving variable enters.
    std::size_t row = t.first_row();
    std::size_t since_refactor = 0;
    std::size_t column = t.column_of(t.z0());
    for (;;) {
      if (lemke_internal::ends_before_pivot(options, limit, out)) return out;
      const std::size_t leaving = t.basic_at(row);
      t.pivot(row, column);
      ++out.pivots;
      if (leaving == t.z0()) break;
      const std::size_t entering = leaving < n ? leaving + n : leaving - n;
      column = t.column_of(entering);
      row = t.leaving_row(column);
      // A small pivot magnifies the rounding errors of all the pivots
      // before it: first recompute the tableau from the problem (at most
      // every few pivots) and choose again.
      ++since_refactor;
      if (row < n && since_refactor >= 5 && t.suspicious(row, column)) {
        since_refactor = 0;
        if (t.refactor()) row = t.leaving_row(column);
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
}

}  // namespace impasse::detail
