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
#include <bit>
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

/// The two largest scores t_q * w of each column q over the rows of a
/// table, and the row of the largest, in one branch-free (vectorisable)
/// sweep. At a nondegenerate basis the minimum ratio v_r / t_rq of column
/// q is the largest score with w = 1 / v_r.
class column_scores {
 public:
  void reset(std::size_t columns) {
    first_.assign(columns, -std::numeric_limits<double>::infinity());
    second_.assign(columns, -std::numeric_limits<double>::infinity());
    first_row_.assign(columns, 0.0);
  }
  /// Adds row r of the table.
  void add_row(const double* __restrict t, double w, std::size_t r) {
    double* __restrict first = first_.data();
    double* __restrict second = second_.data();
    double* __restrict first_row = first_row_.data();
    const double index = static_cast<double>(r);
    const std::size_t columns = first_.size();
    // Unconditional stores of selected values, so that this vectorises.
    for (std::size_t q = 0; q < columns; ++q) {
      const double score = t[q] * w, top = first[q];
      first_row[q] = score > top ? index : first_row[q];
      second[q] = std::max(second[q], std::min(top, score));
      first[q] = std::max(top, score);
    }
  }
  [[nodiscard]] double first(std::size_t q) const { return first_[q]; }
  [[nodiscard]] double second(std::size_t q) const { return second_[q]; }
  [[nodiscard]] std::size_t first_row(std::size_t q) const { return static_cast<std::size_t>(first_row_[q]); }

 private:
  std::vector<double> first_, second_, first_row_;
};

/// Machine-word integers; 128-bit products, so only stored results can
/// overflow (reported, never wrapped).
struct int64_arithmetic {
  using value_type = std::int64_t;
  __extension__ using wide = __int128;
  __extension__ using unsigned_wide = unsigned __int128;
  static constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max();

  [[nodiscard]] static bool assign(std::int64_t& out, const big_integer& x) {
    if (x > limit || x < -limit) return false;
    out = x.convert_to<std::int64_t>();
    return true;
  }
  [[nodiscard]] static int sign(std::int64_t x) { return (x > 0) - (x < 0); }
  /// The sign of a * b - c * d.
  [[nodiscard]] int compare_products(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) const {
    const wide l = wide{a} * b, r = wide{c} * d;
    return (l > r) - (l < r);
  }
  /// Prepares exact division by `divisor` (nonzero) without dividing:
  /// by its odd part's inverse modulo 2^64, after shifting out its
  /// factors of two.
  void set_divisor(std::int64_t divisor) {
    divisor_ = divisor;
    const auto magnitude = static_cast<std::uint64_t>(divisor < 0 ? -divisor : divisor);
    shift_ = static_cast<unsigned>(std::countr_zero(magnitude));
    const auto odd = static_cast<std::uint64_t>(divisor >> shift_);  // the odd part, modulo 2^64
    std::uint64_t inverse = odd;                                       // right modulo 2^3
    for (int i = 0; i < 5; ++i) inverse *= 2 - odd * inverse;          // 6, 12, 24, 48, 96 bits
    inverse_ = inverse;
  }
  void set_pivot(std::int64_t, std::int64_t divisor) { set_divisor(divisor); }
  /// out = (x * p - a * b) / divisor (set before), which divides exactly;
  /// false on overflow. The quotient modulo 2^64 is exact when it fits,
  /// which multiplying back tells.
  [[nodiscard]] bool fraction_free(std::int64_t& out, std::int64_t x, std::int64_t p, std::int64_t a, std::int64_t b,
                                   std::int64_t) const {
    const wide v = wide{x} * p - wide{a} * b;
    const auto low = static_cast<std::uint64_t>(static_cast<unsigned_wide>(v) >> shift_);
    const auto q = static_cast<std::int64_t>(low * inverse_);
    if (wide{q} * divisor_ != v || q < -limit) return false;
    out = q;
    return true;
  }
  [[nodiscard]] static double to_double(std::int64_t x) { return static_cast<double>(x); }
  [[nodiscard]] static bool fits_double(const std::vector<std::int64_t>&) { return true; }
  static void copy(std::int64_t& out, std::int64_t x) { out = x; }
  static void negate(std::int64_t& out, std::int64_t x) { out = -x; }
  [[nodiscard]] static big_integer to_big(std::int64_t x) { return big_integer(x); }

 private:
  std::int64_t divisor_ = 1;
  std::uint64_t inverse_ = 1;
  unsigned shift_ = 0;
};

/// Two-word integers (|x| < 2^127) on top of the compiler's 128-bit type.
/// Exact division by the determinant d = 2^s o (o odd) goes through o's
/// inverse modulo 2^128: ((x p - a b) mod 2^128) / 2^s times that inverse
/// is the quotient modulo 2^(128 - s). That is the quotient itself when it
/// lies in [-2^(127 - s), 2^(127 - s)), which an estimate in doubles with
/// a generous error bound usually settles (a few ulps of error against a
/// margin of 2^-46); otherwise the products are formed in 256 bits, where
/// the quotient is exact precisely when |x p - a b| < 2^127 |d|, which is
/// also the test for overflow.
struct int128_arithmetic {
  __extension__ using value_type = __int128;
  __extension__ using unsigned_wide = unsigned __int128;
  static constexpr value_type limit = static_cast<value_type>(~unsigned_wide{0} >> 1);

  /// A 256-bit integer in two's complement.
  struct quad {
    unsigned_wide high, low;
  };

  [[nodiscard]] static bool assign(value_type& out, const big_integer& x) {
    const big_integer magnitude = x < 0 ? big_integer(-x) : x;
    if (msb_of(magnitude) >= 127) return false;
    const auto low = static_cast<std::uint64_t>(big_integer(magnitude & big_integer(~std::uint64_t{0})));
    const auto high = static_cast<std::uint64_t>(big_integer(magnitude >> 64));
    const auto value = static_cast<value_type>((unsigned_wide{high} << 64) | low);
    out = x < 0 ? -value : value;
    return true;
  }
  [[nodiscard]] static big_integer to_big(value_type x) {
    const unsigned_wide magnitude = x < 0 ? -static_cast<unsigned_wide>(x) : static_cast<unsigned_wide>(x);
    big_integer out(static_cast<std::uint64_t>(magnitude >> 64));
    out <<= 64;
    out += static_cast<std::uint64_t>(magnitude);
    return x < 0 ? big_integer(-out) : out;
  }
  [[nodiscard]] static int sign(value_type x) { return (x > 0) - (x < 0); }
  [[nodiscard]] int compare_products(value_type a, value_type b, value_type c, value_type d) const {
    const quad l = product(a, b), r = product(c, d);
    if (l.high != r.high) return static_cast<value_type>(l.high) < static_cast<value_type>(r.high) ? -1 : 1;
    return (l.low > r.low) - (l.low < r.low);
  }
  void set_divisor(value_type divisor) {
    const unsigned_wide magnitude = divisor < 0 ? -static_cast<unsigned_wide>(divisor) : static_cast<unsigned_wide>(divisor);
    shift_ = static_cast<unsigned>(trailing_zeros(magnitude));
    const auto odd = static_cast<unsigned_wide>(divisor >> shift_);  // the odd part, modulo 2^128
    unsigned_wide inverse = odd;                                              // right modulo 2^3
    for (int i = 0; i < 6; ++i) inverse *= 2 - odd * inverse;                  // ... 192 bits
    inverse_ = inverse;
    bound_ = {magnitude >> 1, magnitude << 127};  // |divisor| 2^127
  }
  void set_pivot(value_type p, value_type divisor) {
    set_divisor(divisor);
    pivot_ = rounded(p);
    inverse_divisor_ = 1.0 / rounded(divisor);
    estimate_bound_ = std::ldexp(1.0, 127 - static_cast<int>(shift_));
  }
  [[nodiscard]] bool fraction_free(value_type& out, value_type x, value_type p, value_type a, value_type b,
                                   value_type) const {
    const double left = rounded(x) * pivot_, right = rounded(a) * rounded(b);
    const double estimate = (left - right) * inverse_divisor_;
    const double error = (std::abs(left) + std::abs(right)) * std::abs(inverse_divisor_) * 0x1p-46 + 4;
    if (std::abs(estimate) + error < estimate_bound_) {
      const unsigned_wide low = static_cast<unsigned_wide>(x) * static_cast<unsigned_wide>(p) -
                                static_cast<unsigned_wide>(a) * static_cast<unsigned_wide>(b);
      const unsigned_wide quotient = (low >> shift_) * inverse_;  // modulo 2^(128 - s)
      out = static_cast<value_type>(quotient << shift_) >> shift_;  // sign-extended
      return true;
    }
    return wide_fraction_free(out, x, p, a, b);
  }
  [[nodiscard]] static double to_double(value_type x) { return static_cast<double>(x); }
  [[nodiscard]] static bool fits_double(const std::vector<value_type>&) { return true; }
  static void copy(value_type& out, value_type x) { out = x; }
  static void negate(value_type& out, value_type x) { out = -x; }

 private:
  /// x rounded to a double within 2^-49 relative: one rounding if it fits
  /// a word, else |x| >= 2^63 and the two words' roundings add at most 2^14.
  [[nodiscard]] static double rounded(value_type x) {
    const auto word = static_cast<std::int64_t>(x);
    if (word == x) return static_cast<double>(word);
    return static_cast<double>(static_cast<std::int64_t>(x >> 64)) * 0x1p64 +
           static_cast<double>(static_cast<std::uint64_t>(x));
  }
  /// fraction_free with 256-bit products.
  [[nodiscard]] bool wide_fraction_free(value_type& out, value_type x, value_type p, value_type a,
                                        value_type b) const {
    const quad v = subtract(product(x, p), product(a, b));
    const bool negative = static_cast<value_type>(v.high) < 0;
    const quad magnitude = negative ? negate(v) : v;
    if (magnitude.high > bound_.high || (magnitude.high == bound_.high && magnitude.low >= bound_.low)) return false;
    const unsigned_wide shifted = shift_ == 0 ? v.low : (v.low >> shift_) | (v.high << (128 - shift_));
    out = static_cast<value_type>(shifted * inverse_);
    return true;
  }
  [[nodiscard]] static std::size_t msb_of(const big_integer& x) { return x == 0 ? 0 : boost::multiprecision::msb(x); }
  [[nodiscard]] static int trailing_zeros(unsigned_wide x) {
    const auto low = static_cast<std::uint64_t>(x);
    return low != 0 ? std::countr_zero(low) : 64 + std::countr_zero(static_cast<std::uint64_t>(x >> 64));
  }
  [[nodiscard]] static quad unsigned_product(unsigned_wide a, unsigned_wide b) {
    const auto a0 = static_cast<std::uint64_t>(a), a1 = static_cast<std::uint64_t>(a >> 64);
    const auto b0 = static_cast<std::uint64_t>(b), b1 = static_cast<std::uint64_t>(b >> 64);
    const unsigned_wide p00 = unsigned_wide{a0} * b0, p01 = unsigned_wide{a0} * b1;
    const unsigned_wide p10 = unsigned_wide{a1} * b0, p11 = unsigned_wide{a1} * b1;
    const unsigned_wide middle = (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
    return {p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64), (middle << 64) | static_cast<std::uint64_t>(p00)};
  }
  [[nodiscard]] static quad negate(const quad& x) {
    const unsigned_wide low = ~x.low + 1;
    return {~x.high + (low == 0 ? 1 : 0), low};
  }
  /// The signed product: the product of the two's complement words, less
  /// 2^128 b if a < 0 and 2^128 a if b < 0 (modulo 2^256), without branches.
  [[nodiscard]] static quad product(value_type a, value_type b) {
    const auto ua = static_cast<unsigned_wide>(a), ub = static_cast<unsigned_wide>(b);
    quad p = unsigned_product(ua, ub);
    p.high -= (ub & -static_cast<unsigned_wide>(a < 0)) + (ua & -static_cast<unsigned_wide>(b < 0));
    return p;
  }
  [[nodiscard]] static quad subtract(const quad& x, const quad& y) {
    return {x.high - y.high - (x.low < y.low ? 1 : 0), x.low - y.low};
  }

  unsigned_wide inverse_ = 1;
  quad bound_{0, 0};
  unsigned shift_ = 0;
  double pivot_ = 1, inverse_divisor_ = 1, estimate_bound_ = 0;
};

/// GMP integers through their C interface, with scratch space kept.
struct gmp_arithmetic {
  using value_type = big_integer;
  big_integer t1, t2;

  [[nodiscard]] static bool assign(big_integer& out, const big_integer& x) {
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
  [[nodiscard]] static bool fraction_free(big_integer& out, const big_integer& x, const big_integer& p,
                                          const big_integer& a, const big_integer& b, const big_integer& divisor) {
    mpz_mul(out.backend().data(), x.backend().data(), p.backend().data());
    mpz_submul(out.backend().data(), a.backend().data(), b.backend().data());
    mpz_divexact(out.backend().data(), out.backend().data(), divisor.backend().data());
    return true;
  }
  static void set_pivot(const big_integer&, const big_integer&) {}
  [[nodiscard]] static double to_double(const big_integer& x) { return mpz_get_d(x.backend().data()); }
  /// Whether every entry is far inside the range of doubles.
  [[nodiscard]] static bool fits_double(const std::vector<big_integer>& entries) {
    for (const auto& x : entries)
      if (mpz_sizeinbase(x.backend().data(), 2) > 900) return false;
    return true;
  }
  static void copy(big_integer& out, const big_integer& x) { mpz_set(out.backend().data(), x.backend().data()); }
  static void negate(big_integer& out, const big_integer& x) { mpz_neg(out.backend().data(), x.backend().data()); }
  [[nodiscard]] static const big_integer& to_big(const big_integer& x) { return x; }
};

/// Exact fraction-free dictionary; see the file comment. A pivot writes
/// the new table next to the old one in a ring of `saved_levels + 1`
/// tables, so that undoing one of the last `saved_levels` pivots (as a
/// depth-first search does when it backs up) costs nothing, and a pivot
/// that overflows leaves the dictionary as it was.
template <class Arithmetic>
class integer_dictionary {
 public:
  using value_type = typename Arithmetic::value_type;
  static constexpr bool exact = true;
  static constexpr std::size_t default_saved_levels = 32;

  /// The dictionary of the slack basis (z = 0) of {z >= 0 : m z <= 1}. Sets
  /// `ok` to false when the data does not fit the arithmetic.
  integer_dictionary(const integer_matrix& m, bool& ok, std::size_t saved_levels = default_saved_levels)
      : basis_(m.cols, m.rows), width_(m.cols + 1), tables_(saved_levels + 1), current_(&tables_[0]) {
    ok = true;
    for (auto& t : tables_) t.entries.resize(m.rows * width_);
    auto& t = tables_[0];
    t.depth = 0;
    ok = Arithmetic::assign(t.det, big_integer(1)) && ok;
    for (std::size_t r = 0; r < m.rows; ++r) {
      ok = Arithmetic::assign(t.entries[r * width_], big_integer(1)) && ok;
      for (std::size_t q = 0; q < m.cols; ++q) ok = Arithmetic::assign(t.entries[r * width_ + q + 1], m(r, q)) && ok;
    }
  }

  /// The dictionary of the basis whose basic variables are `basic` (which
  /// must be nonsingular), reached from the slack basis by pivoting each
  /// coordinate in. Only for arithmetics that cannot overflow.
  integer_dictionary(const integer_matrix& m, const std::vector<std::size_t>& basic)
      : integer_dictionary(m, ok_, 1) {
    std::vector<bool> wanted(m.cols + m.rows, false);
    for (auto v : basic) wanted[v] = true;
    for (auto v : basic) {
      if (v >= m.cols) continue;
      const std::size_t q = basis_.column_of(v);
      std::size_t r = 0;
      while (r < m.rows && (wanted[basis_.basic(r)] || Arithmetic::sign(at(r, q + 1)) == 0)) ++r;
      if (r == m.rows) throw std::logic_error("integer_dictionary: singular basis");
      (void)pivot(r, q);
    }
    if (Arithmetic::sign(current().det) < 0) {
      for (auto& x : current().entries) Arithmetic::negate(x, x);
      Arithmetic::negate(current().det, current().det);
    }
  }

  /// The same dictionary in another arithmetic (to continue a search in
  /// GMP integers where machine words overflowed).
  template <class Other>
  explicit integer_dictionary(const integer_dictionary<Other>& other)
      : basis_(other.basis()), width_(other.basis().structural() + 1), tables_(default_saved_levels + 1) {
    set_depth(other.depth());
    for (auto& t : tables_) t.entries.resize(basis_.rows() * width_);
    auto& t = current();
    t.depth = depth_;
    (void)Arithmetic::assign(t.det, Other::to_big(other.determinant()));
    for (std::size_t r = 0; r < basis_.rows(); ++r)
      for (std::size_t j = 0; j < width_; ++j)
        (void)Arithmetic::assign(t.entries[r * width_ + j], Other::to_big(other.entry(r, j)));
  }

  integer_dictionary(const integer_dictionary&) = delete;
  integer_dictionary& operator=(const integer_dictionary&) = delete;

  [[nodiscard]] const basis_positions& basis() const noexcept { return basis_; }
  /// Entry j (0: the value of the basic variable, q + 1: nonbasic column q)
  /// of row r, times the determinant.
  [[nodiscard]] const value_type& entry(std::size_t r, std::size_t j) const { return at(r, j); }
  [[nodiscard]] const value_type& determinant() const noexcept { return current().det; }
  /// Pivots made and not undone.
  [[nodiscard]] std::size_t depth() const noexcept { return depth_; }

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

  /// `leaving_row` for every nonbasic column (out[q] for column q). At a
  /// nondegenerate basis, a floating filter first: the scores t / v (the
  /// reciprocal ratios) computed from the entries rounded to doubles are
  /// within 4 units in the last place of the true ones and have their
  /// signs, so when the largest positive score exceeds the next by a
  /// factor 1 + 10^-12 its row certainly has the smallest ratio. Only the
  /// other columns are compared exactly.
  bool leaving_rows(std::uint32_t* out) {
    const std::size_t d = basis_.structural();
    bool nondegenerate = true;
    for (std::size_t r = 0; r < basis_.rows() && nondegenerate; ++r) nondegenerate = Arithmetic::sign(at(r, 0)) > 0;
    if (nondegenerate && !Arithmetic::fits_double(table_entries())) nondegenerate = false;
    if (nondegenerate) {
      scores_.reset(d);
      rounded_.resize(width_);
      for (std::size_t r = 0; r < basis_.rows(); ++r) {
        for (std::size_t j = 0; j < width_; ++j) rounded_[j] = Arithmetic::to_double(at(r, j));
        scores_.add_row(rounded_.data() + 1, 1.0 / rounded_[0], r);
      }
    }
    for (std::size_t q = 0; q < d; ++q) {
      std::size_t row = basis_positions::none;
      if (!nondegenerate) {
        leaving_row(q, row);
      } else if (scores_.first(q) <= 0) {
        row = basis_positions::none;  // no positive entry (signs survive rounding)
      } else if (scores_.second(q) <= 0 || scores_.second(q) < scores_.first(q) * (1 - 1e-12)) {
        row = scores_.first_row(q);
      } else {
        leaving_row(q, row);
      }
      out[q] = static_cast<std::uint32_t>(row);
    }
    return true;
  }

  /// Exchanges the basic variable of row r with nonbasic column q; false
  /// (and nothing changed) if a result overflows the arithmetic.
  bool pivot(std::size_t r, std::size_t q) {
    table& next = tables_[(depth_ + 1) % tables_.size()];
    if (!pivot_into(current(), next, r, q)) return false;
    next.depth = depth_ + 1;
    set_depth(depth_ + 1);
    basis_.exchange(r, q);
    return true;
  }

  /// Undoes the last pivot not yet undone, which was (r, q); false (and
  /// nothing changed) on overflow.
  bool unpivot(std::size_t r, std::size_t q) {
    table& previous = tables_[(depth_ - 1) % tables_.size()];
    if (previous.depth != depth_ - 1) {
      if (!pivot_into(current(), previous, r, q)) return false;
      previous.depth = depth_ - 1;
    }
    set_depth(depth_ - 1);
    basis_.exchange(r, q);
    return true;
  }

  /// Whether the basic variable of row r is zero.
  bool basic_value_is_zero(std::size_t r, bool& zero) const {
    zero = Arithmetic::sign(at(r, 0)) == 0;
    return true;
  }

 private:
  struct table {
    std::vector<value_type> entries;  ///< row-major, k x (d + 1)
    value_type det{};
    std::size_t depth = basis_positions::none;  ///< the search depth it holds, if any
  };

  [[nodiscard]] const std::vector<value_type>& table_entries() const { return current_->entries; }
  [[nodiscard]] table& current() { return *current_; }
  [[nodiscard]] const table& current() const { return *current_; }
  void set_depth(std::size_t depth) {
    depth_ = depth;
    current_ = &tables_[depth % tables_.size()];
  }
  [[nodiscard]] value_type& at(std::size_t r, std::size_t j) { return current().entries[r * width_ + j]; }
  [[nodiscard]] const value_type& at(std::size_t r, std::size_t j) const { return current().entries[r * width_ + j]; }

  /// `to` = `from` after exchanging row r with column q.
  bool pivot_into(const table& from, table& to, std::size_t r, std::size_t q) {
    const std::size_t c = q + 1;
    const auto old = [&](std::size_t i, std::size_t j) -> const value_type& { return from.entries[i * width_ + j]; };
    const value_type& p = old(r, c);
    arithmetic_.set_pivot(p, from.det);
    for (std::size_t i = 0; i < basis_.rows(); ++i) {
      value_type* row = &to.entries[i * width_];
      if (i == r) {
        for (std::size_t j = 0; j < width_; ++j) Arithmetic::copy(row[j], old(r, j));
        Arithmetic::copy(row[c], from.det);
        continue;
      }
      const value_type& factor = old(i, c);
      for (std::size_t j = 0; j < width_; ++j)
        if (j != c && !arithmetic_.fraction_free(row[j], old(i, j), p, factor, old(r, j), from.det)) return false;
      Arithmetic::negate(row[c], factor);
    }
    Arithmetic::copy(to.det, p);
    return true;
  }

  /// Entry of row r of [B^-1 1 | B^-1] at `level` (times det).
  [[nodiscard]] const value_type& perturbation(std::size_t level, std::size_t r) const {
    if (level == 0) return at(r, 0);
    const std::size_t slack = basis_.structural() + level - 1;
    const std::size_t column = basis_.column_of(slack);
    if (column != basis_positions::none) return at(r, column + 1);
    return basis_.row_of(slack) == r ? current().det : zero_;
  }

  [[nodiscard]] int compare_ratio(std::size_t level, std::size_t r, std::size_t s, std::size_t q) {
    return arithmetic_.compare_products(perturbation(level, r), at(s, q + 1), perturbation(level, s), at(r, q + 1));
  }

  basis_positions basis_;
  std::size_t width_;
  std::vector<table> tables_;
  std::size_t depth_ = 0;
  table* current_ = nullptr;  ///< tables_[depth_ % tables_.size()]
  value_type zero_{};
  Arithmetic arithmetic_;
  std::vector<std::size_t> candidates_;
  column_scores scores_;
  std::vector<double> rounded_;
  bool ok_ = true;
};

}  // namespace impasse::detail
