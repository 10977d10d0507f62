// Dictionaries of a polytope {z >= 0 : M z <= 1} (M positive, k x d) under
// lexicographic pivoting, for vertex enumeration.
//
// Variables 0..d-1 are the coordinates z, variables d..d+k-1 the slacks
// of the k rows. A basis holds k variables; the dictionary stores, for the
// basis matrix B, the k x (d + 1) array [B^-1 1 | B^-1 N] (values of the
// basic variables, then one column per nonbasic variable) in the form
// z_B + T z_N = B^-1 1. The right-hand side is perturbed to 1 + (e, e^2,
// ..., e^k) for an infinitesimal e, so that every basis is the only basis
// of its (perturbed) vertex: the ratio test breaks ties by comparing rows
// of [B^-1 1 | B^-1] lexicographically (Dantzig, Orden and Wolfe 1955).
// The perturbed polytope is simple, its vertex graph is connected, and each
// vertex of the real polytope is the limit of at least one of its vertices.
//
// Two arithmetics:
// - `integer_dictionary<Arithmetic>`: exact and fraction-free (as in lrs,
//   Avis 2000): integer data, every entry stored times det(B), each pivot
//   divides exactly by the previous determinant. `int64_arithmetic` uses
//   machine words with 128-bit intermediates and reports overflow;
//   `gmp_arithmetic` never overflows.
// - `floating_dictionary` (detail/floating_dictionary.hpp): doubles,
//   with thresholds that say when a decision is not certain.
#pragma once

#include <impasse/strategic_game.hpp>

#include <boost/multiprecision/gmp.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace impasse::detail {

using big_integer = boost::multiprecision::number<boost::multiprecision::gmp_int, boost::multiprecision::et_off>;

/// A dense row-major matrix of integers.
struct integer_matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<big_integer> entries;
  [[nodiscard]] const big_integer& operator()(std::size_t i, std::size_t j) const { return entries[i * cols + j]; }
  [[nodiscard]] big_integer& operator()(std::size_t i, std::size_t j) { return entries[i * cols + j]; }
};

/// Which variable is where in the current basis.
class basis_positions {
 public:
  static constexpr std::size_t none = ~std::size_t{0};

  basis_positions(std::size_t structural, std::size_t rows)
      : structural_(structural), basic_(rows), nonbasic_(structural), row_of_(structural + rows, none),
        column_of_(structural + rows, none) {
    for (std::size_t q = 0; q < structural; ++q) nonbasic_[q] = q, column_of_[q] = q;
    for (std::size_t r = 0; r < rows; ++r) basic_[r] = structural + r, row_of_[structural + r] = r;
  }
  [[nodiscard]] std::size_t structural() const noexcept { return structural_; }
  [[nodiscard]] std::size_t rows() const noexcept { return basic_.size(); }
  [[nodiscard]] std::size_t basic(std::size_t r) const noexcept { return basic_[r]; }
  [[nodiscard]] std::size_t nonbasic(std::size_t q) const noexcept { return nonbasic_[q]; }
  [[nodiscard]] std::size_t row_of(std::size_t var) const noexcept { return row_of_[var]; }
  [[nodiscard]] std::size_t column_of(std::size_t var) const noexcept { return column_of_[var]; }
  /// The variable in row r leaves, the one in column q enters.
  void exchange(std::size_t r, std::size_t q) noexcept {
    std::swap(basic_[r], nonbasic_[q]);
    row_of_[basic_[r]] = r, column_of_[basic_[r]] = none;
    column_of_[nonbasic_[q]] = q, row_of_[nonbasic_[q]] = none;
  }

 private:
  std::size_t structural_;
  std::vector<std::size_t> basic_, nonbasic_, row_of_, column_of_;
};

/// Machine-word integers; 128-bit products, so only stored results can
/// overflow (reported, never wrapped).
struct int64_arithmetic {
  using value_type = std::int64_t;
  __extension__ using wide = __int128;
  static constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max();

  static bool assign(std::int64_t& out, const big_integer& x) {
    if (x > limit || x < -limit) return false;
    out = x.convert_to<std::int64_t>();
    return true;
  }
  static void assign(std::int64_t& out, std::int64_t x) { out = x; }
  [[nodiscard]] static int sign(std::int64_t x) { return (x > 0) - (x < 0); }
  /// The sign of a * b - c * d.
  [[nodiscard]] int compare_products(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) const {
    const wide l = wide{a} * b, r = wide{c} * d;
    return (l > r) - (l < r);
  }
  /// x = (x * p - a * b) / divisor, which divides exactly; false on overflow.
  bool fraction_free(std::int64_t& x, std::int64_t p, std::int64_t a, std::int64_t b, std::int64_t divisor) const {
    const wide v = (wide{x} * p - wide{a} * b) / divisor;
    if (v > limit || v < -limit) return false;
    x = static_cast<std::int64_t>(v);
    return true;
  }
  static void negate(std::int64_t& x) { x = -x; }
  [[nodiscard]] static big_integer to_big(std::int64_t x) { return big_integer(x); }
};

/// GMP integers through their C interface, with scratch space kept.
struct gmp_arithmetic {
  using value_type = big_integer;
  big_integer t1, t2;

  static bool assign(big_integer& out, const big_integer& x) {
    out = x;
    return true;
  }
  [[nodiscard]] static int sign(const big_integer& x) { return mpz_sgn(x.backend().data()); }
  [[nodiscard]] int compare_products(const big_integer& a, const big_integer& b, const big_integer& c,
                                     const big_integer& d) {
    mpz_mul(t1.backend().data(), a.backend().data(), b.backend().data());
    mpz_mul(t2.backend().data(), c.backend().data(), d.backend().data());
    const int cmp = mpz_cmp(t1.backend().data(), t2.backend().data());
    return (cmp > 0) - (cmp < 0);
  }
  bool fraction_free(big_integer& x, const big_integer& p, const big_integer& a, const big_integer& b,
                     const big_integer& divisor) {
    mpz_mul(t1.backend().data(), x.backend().data(), p.backend().data());
    mpz_submul(t1.backend().data(), a.backend().data(), b.backend().data());
    mpz_divexact(x.backend().data(), t1.backend().data(), divisor.backend().data());
    return true;
  }
  static void negate(big_integer& x) { mpz_neg(x.backend().data(), x.backend().data()); }
  [[nodiscard]] static const big_integer& to_big(const big_integer& x) { return x; }
};

/// Exact fraction-free dictionary; see the file comment.
template <class Arithmetic>
class integer_dictionary {
 public:
  using value_type = typename Arithmetic::value_type;
  static constexpr bool exact = true;

  /// The dictionary of the slack basis (z = 0) of {z >= 0 : m z <= 1}. Sets
  /// `ok` to false when the data does not fit the arithmetic.
  integer_dictionary(const integer_matrix& m, bool& ok)
      : basis_(m.cols, m.rows), width_(m.cols + 1), table_(m.rows * (m.cols + 1)) {
    ok = true;
    Arithmetic::assign(det_, value_type(1));
    for (std::size_t r = 0; r < m.rows; ++r) {
      Arithmetic::assign(at(r, 0), value_type(1));
      for (std::size_t q = 0; q < m.cols; ++q) ok = Arithmetic::assign(at(r, q + 1), m(r, q)) && ok;
    }
  }

  /// The dictionary of the basis whose basic variables are `basic` (which
  /// must be nonsingular), reached from the slack basis by pivoting each
  /// coordinate in. Only for arithmetics that cannot overflow.
  integer_dictionary(const integer_matrix& m, const std::vector<std::size_t>& basic) : integer_dictionary(m, ok_) {
    std::vector<bool> wanted(m.cols + m.rows, false);
    for (auto v : basic) wanted[v] = true;
    for (auto v : basic) {
      if (v >= m.cols) continue;
      const std::size_t q = basis_.column_of(v);
      std::size_t r = 0;
      while (r < m.rows && (wanted[basis_.basic(r)] || Arithmetic::sign(at(r, q + 1)) == 0)) ++r;
      if (r == m.rows) throw std::logic_error("integer_dictionary: singular basis");
      pivot(r, q);
    }
    if (Arithmetic::sign(det_) < 0) {
      for (auto& x : table_) Arithmetic::negate(x);
      Arithmetic::negate(det_);
    }
  }

  [[nodiscard]] const basis_positions& basis() const noexcept { return basis_; }
  /// Entry j (0: the value of the basic variable, q + 1: nonbasic column q)
  /// of row r, times the determinant.
  [[nodiscard]] const value_type& entry(std::size_t r, std::size_t j) const { return at(r, j); }
  [[nodiscard]] const value_type& determinant() const noexcept { return det_; }

  /// The row that leaves when nonbasic column q enters, by the
  /// lexicographic minimum ratio test. Always certain (returns true).
  bool leaving_row(std::size_t q, std::size_t& row) {
    candidates_.clear();
    for (std::size_t r = 0; r < basis_.rows(); ++r)
      if (Arithmetic::sign(at(r, q + 1)) > 0) candidates_.push_back(r);
    // Level 0 is the right-hand side, level j + 1 the perturbation of row j.
    for (std::size_t level = 0; candidates_.size() > 1 && level <= basis_.rows(); ++level) {
      std::size_t best = candidates_[0];
      std::size_t kept = 1;
      for (std::size_t i = 1; i < candidates_.size(); ++i) {
        const std::size_t r = candidates_[i];
        // ratio(r) - ratio(best) has the sign of value(r) * t(best) - value(best) * t(r).
        const int cmp = compare_ratio(level, r, best, q);
        if (cmp < 0) {
          best = r;
          candidates_[0] = r;
          kept = 1;
        } else if (cmp == 0) {
          candidates_[kept++] = r;
        }
      }
      candidates_.resize(kept);
    }
    row = candidates_.empty() ? basis_positions::none : candidates_[0];
    return true;
  }

  /// `leaving_row` for every nonbasic column (out[q] for column q).
  bool leaving_rows(std::uint32_t* out) {
    for (std::size_t q = 0; q < basis_.structural(); ++q) {
      std::size_t row = basis_positions::none;
      leaving_row(q, row);
      out[q] = static_cast<std::uint32_t>(row);
    }
    return true;
  }

  /// Exchanges the basic variable of row r with nonbasic column q; false if
  /// a result overflows the arithmetic (the dictionary is then unusable).
  bool pivot(std::size_t r, std::size_t q) {
    const std::size_t c = q + 1;
    const value_type pivot_value = at(r, c);
    for (std::size_t i = 0; i < basis_.rows(); ++i) {
      if (i == r) continue;
      const value_type& factor = at(i, c);
      for (std::size_t j = 0; j < width_; ++j)
        if (j != c && !arithmetic_.fraction_free(at(i, j), pivot_value, factor, at(r, j), det_)) return false;
      Arithmetic::negate(at(i, c));
    }
    at(r, c) = det_;
    det_ = pivot_value;
    basis_.exchange(r, q);
    return true;
  }

  /// Whether the basic variable of row r is zero.
  bool basic_value_is_zero(std::size_t r, bool& zero) const {
    zero = Arithmetic::sign(at(r, 0)) == 0;
    return true;
  }

 private:
  [[nodiscard]] value_type& at(std::size_t r, std::size_t j) { return table_[r * width_ + j]; }
  [[nodiscard]] const value_type& at(std::size_t r, std::size_t j) const { return table_[r * width_ + j]; }

  /// Entry of row r of [B^-1 1 | B^-1] at `level` (times det).
  [[nodiscard]] const value_type& perturbation(std::size_t level, std::size_t r) const {
    if (level == 0) return at(r, 0);
    const std::size_t slack = basis_.structural() + level - 1;
    const std::size_t column = basis_.column_of(slack);
    if (column != basis_positions::none) return at(r, column + 1);
    return basis_.row_of(slack) == r ? det_ : zero_;
  }

  [[nodiscard]] int compare_ratio(std::size_t level, std::size_t r, std::size_t s, std::size_t q) {
    return arithmetic_.compare_products(perturbation(level, r), at(s, q + 1), perturbation(level, s), at(r, q + 1));
  }

  basis_positions basis_;
  std::size_t width_;
  std::vector<value_type> table_;
  value_type det_{};
  value_type zero_{};
  Arithmetic arithmetic_;
  std::vector<std::size_t> candidates_;
  bool ok_ = true;
};

}  // namespace impasse::detail
