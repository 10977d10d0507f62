// The integer ladder of the exact searches: one machine word, two words,
// GMP integers, and the exact division that fraction-free elimination
// (Bareiss 1968; Edmonds 1967) needs, for every solver that runs in
// integers (vertex enumeration's dictionaries, support enumeration's
// indifference systems).
//
// Fraction-free steps compute x' = (x p - a b) / d, a division known to be
// exact. In fixed width it costs no division instruction: with d = 2^s o
// (o odd), x p - a b shifted right by s, times o's inverse modulo 2^64 or
// 2^128 (Newton's iteration, Montgomery's trick), is the quotient modulo
// 2^64 or 2^128 (`exact_divisor`).
//
// - `int64_t`: one word, 128-bit products (`int128`).
// - `int128`: two words, 256-bit products (`int256`).
// - `big_integer`: GMP integers, unbounded.
//
// Two ways to use them:
// - a search that bounds every value it keeps in advance (support
//   enumeration: Hadamard's bound on the minors) runs in the narrowest
//   type the bound allows, with `exact_divisor::quotient`, `fitting_sum`
//   and `multiply`, and never checks;
// - a search that cannot (vertex enumeration: entries grow with the
//   basis) uses the arithmetics below (`int64_arithmetic`,
//   `int128_arithmetic`, `gmp_arithmetic`): each stores tableau entries,
//   updates a row for a pivot (`set_pivot`, then `update_row` per row: x'
//   = (x p - a b) / d for the row's entry x, its entry a in the pivot
//   column, the pivot row's entry b and pivot p), and gives the sign of a b
//   - c d for the ratio test. The first two report overflow rather than
//   wrap, so the search starts in the narrowest and moves up when entries
//   outgrow it (12 x 12 random games with payoffs 0..99 have entries of
//   about 80 bits; 14 x 14 of about 95).
#pragma once

#include <impasse/core/scalar.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace impasse::detail {

__extension__ using int128 = __int128;
__extension__ using uint128 = unsigned __int128;

/// The inverse of an odd number modulo 2^64 or 2^128: Newton's iteration
/// x <- x (2 - o x), right to 3 bits at the start, doubles the bits each
/// step.
template <class Unsigned>
[[nodiscard]] constexpr Unsigned odd_inverse(Unsigned odd) {
  Unsigned inverse = odd;
  for (int i = 0; i < (sizeof(Unsigned) > 8 ? 6 : 5); ++i) inverse *= 2 - odd * inverse;
  return inverse;
}

/// A signed 256-bit integer in two's complement (two 128-bit words), with
/// what the two-word searches need of products of two 128-bit integers:
/// sums, differences, comparisons, shifts.
class int256 {
 public:
  int256() = default;
  int256(int value)  // NOLINT: converts like a built-in integer
      : high_(value < 0 ? ~uint128{0} : 0), low_(static_cast<uint128>(static_cast<int128>(value))) {}

  /// a * b, exactly: the product of the two's complement words, less 2^128
  /// b if a < 0 and 2^128 a if b < 0 (modulo 2^256), without branches.
  [[nodiscard]] static int256 product(int128 a, int128 b) {
    const auto ua = static_cast<uint128>(a), ub = static_cast<uint128>(b);
    const auto a0 = static_cast<std::uint64_t>(ua), a1 = static_cast<std::uint64_t>(ua >> 64);
    const auto b0 = static_cast<std::uint64_t>(ub), b1 = static_cast<std::uint64_t>(ub >> 64);
    const uint128 p00 = uint128{a0} * b0, p01 = uint128{a0} * b1;
    const uint128 p10 = uint128{a1} * b0, p11 = uint128{a1} * b1;
    const uint128 middle = (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
    int256 out;
    out.low_ = (middle << 64) | static_cast<std::uint64_t>(p00);
    out.high_ = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    out.high_ -= (ub & -static_cast<uint128>(a < 0)) + (ua & -static_cast<uint128>(b < 0));
    return out;
  }

  int256& operator+=(const int256& other) {
    const uint128 low = low_ + other.low_;
    high_ += other.high_ + (low < low_ ? 1 : 0);
    low_ = low;
    return *this;
  }
  int256& operator-=(const int256& other) {
    high_ -= other.high_ + (low_ < other.low_ ? 1 : 0);
    low_ -= other.low_;
    return *this;
  }
  /// high 2^128 + low, modulo 2^256.
  [[nodiscard]] static int256 from_words(uint128 high, uint128 low) {
    int256 out;
    out.high_ = high;
    out.low_ = low;
    return out;
  }

  [[nodiscard]] int256 operator-() const {
    int256 out;
    out.low_ = ~low_ + 1;
    out.high_ = ~high_ + (out.low_ == 0 ? 1 : 0);
    return out;
  }
  [[nodiscard]] friend int256 operator+(int256 a, const int256& b) { return a += b; }
  [[nodiscard]] friend int256 operator-(int256 a, const int256& b) { return a -= b; }

  [[nodiscard]] friend bool operator==(const int256& a, const int256& b) = default;
  [[nodiscard]] friend bool operator<(const int256& a, const int256& b) {
    if (a.high_ != b.high_) return static_cast<int128>(a.high_) < static_cast<int128>(b.high_);
    return a.low_ < b.low_;
  }
  [[nodiscard]] friend bool operator>(const int256& a, const int256& b) { return b < a; }
  [[nodiscard]] bool negative() const { return static_cast<int128>(high_) < 0; }

  /// The low 128 bits of the value shifted right by `bits` < 128 (the
  /// quotient by 2^bits for multiples of 2^bits, when it fits).
  [[nodiscard]] uint128 low_shifted_right(unsigned bits) const {
    return bits == 0 ? low_ : (low_ >> bits) | (high_ << (128 - bits));
  }
  /// The low 128 bits: the value itself when it fits.
  [[nodiscard]] uint128 low() const { return low_; }
  /// The high 128 bits (two's complement).
  [[nodiscard]] uint128 high() const { return high_; }
  [[nodiscard]] explicit operator double() const {
    const int256 magnitude = negative() ? -*this : *this;
    const double out = (static_cast<double>(static_cast<std::uint64_t>(magnitude.high_ >> 64)) * 0x1p64 +
                        static_cast<double>(static_cast<std::uint64_t>(magnitude.high_))) *
                           0x1p128 +
                       static_cast<double>(magnitude.low_);
    return negative() ? -out : out;
  }

 private:
  uint128 high_ = 0, low_ = 0;
};

/// The type that holds a product of two `Number`s exactly
/// (`wide_product_type`), and the product (`wide_product`).
template <class Number>
struct wide_product_of {
  using type = Number;
};
template <>
struct wide_product_of<std::int64_t> {
  using type = int128;
};
template <>
struct wide_product_of<int128> {
  using type = int256;
};
template <class Number>
using wide_product_type = typename wide_product_of<Number>::type;

inline big_integer wide_product(const big_integer& a, const big_integer& b) { return a * b; }
inline int128 wide_product(std::int64_t a, std::int64_t b) { return int128{a} * b; }
inline int256 wide_product(int128 a, int128 b) { return int256::product(a, b); }

/// Sums of products whose result is known to fit in `Number`: for
/// fixed-width integers, sums modulo 2^64 or 2^128 (exact, since the result
/// fits, whatever the partial sums do); plain sums for GMP integers.
template <class Number>
struct fitting_sum {
  using type = Number;
  static Number product(const Number& a, const Number& b) { return a * b; }
  static const Number& result(const Number& sum) { return sum; }
};
template <>
struct fitting_sum<std::int64_t> {
  using type = std::uint64_t;
  static std::uint64_t product(std::int64_t a, std::int64_t b) {
    return static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b);
  }
  static std::int64_t result(std::uint64_t sum) { return static_cast<std::int64_t>(sum); }
};
template <>
struct fitting_sum<int128> {
  using type = uint128;
  static uint128 product(int128 a, int128 b) { return static_cast<uint128>(a) * static_cast<uint128>(b); }
  static int128 result(uint128 sum) { return static_cast<int128>(sum); }
};

/// Exact division by a fixed non-zero integer d = 2^s o (o odd, with d's
/// sign): `quotient(a, b, c, e)` is (a b - c e) / d for quotients known to
/// be integers that fit; in fixed width a shift and a multiplication by
/// o's inverse (no division instruction).
template <class Number>
class exact_divisor;

template <>
class exact_divisor<big_integer> {
 public:
  explicit exact_divisor(const big_integer& divisor) : divisor_(divisor) {}
  [[nodiscard]] big_integer quotient(const big_integer& a, const big_integer& b, const big_integer& c,
                                     const big_integer& e) const {
    return (a * b - c * e) / divisor_;
  }

 private:
  big_integer divisor_;
};

template <>
class exact_divisor<std::int64_t> {
 public:
  exact_divisor() = default;
  explicit exact_divisor(std::int64_t divisor)
      : divisor_(divisor),
        shift_(static_cast<unsigned>(std::countr_zero(static_cast<std::uint64_t>(divisor)))),
        inverse_(odd_inverse(static_cast<std::uint64_t>(divisor >> shift_))) {}
  /// (a b - c e) / d, known to fit: for an odd divisor the low 64 bits of
  /// the numerator suffice.
  [[nodiscard]] std::int64_t quotient(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t e) const {
    if (shift_ == 0)
      return static_cast<std::int64_t>((static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b) -
                                        static_cast<std::uint64_t>(c) * static_cast<std::uint64_t>(e)) *
                                       inverse_);
    return static_cast<std::int64_t>(static_cast<std::uint64_t>((int128{a} * b - int128{c} * e) >> shift_) *
                                     inverse_);
  }
  /// out = (a b - c e) / d when the quotient fits (|q| < 2^63); false, and
  /// out unchanged, otherwise: the quotient modulo 2^64 is the quotient when
  /// it fits, which multiplying back tells.
  [[nodiscard]] bool checked_quotient(std::int64_t& out, std::int64_t a, std::int64_t b, std::int64_t c,
                                      std::int64_t e) const {
    const int128 v = int128{a} * b - int128{c} * e;
    const auto q = static_cast<std::int64_t>(static_cast<std::uint64_t>(static_cast<uint128>(v) >> shift_) * inverse_);
    if (int128{q} * divisor_ != v || q < -std::numeric_limits<std::int64_t>::max()) return false;
    out = q;
    return true;
  }

 private:
  std::int64_t divisor_ = 1;
  unsigned shift_ = 0;
  std::uint64_t inverse_ = 1;
};

template <>
class exact_divisor<int128> {
 public:
  exact_divisor() = default;
  explicit exact_divisor(int128 divisor) {
    const auto magnitude = static_cast<uint128>(divisor < 0 ? -divisor : divisor);
    const auto low = static_cast<std::uint64_t>(magnitude);
    shift_ = low != 0 ? static_cast<unsigned>(std::countr_zero(low))
                      : 64 + static_cast<unsigned>(std::countr_zero(static_cast<std::uint64_t>(magnitude >> 64)));
    inverse_ = odd_inverse(static_cast<uint128>(divisor >> shift_));
    bound_ = int256::from_words(magnitude >> 1, magnitude << 127);
  }
  /// (a b - c e) / d, known to fit: for an odd divisor the low 128 bits of
  /// the numerator suffice, and they are native wrapping products.
  [[nodiscard]] int128 quotient(int128 a, int128 b, int128 c, int128 e) const {
    if (shift_ == 0)
      return static_cast<int128>(
          (static_cast<uint128>(a) * static_cast<uint128>(b) - static_cast<uint128>(c) * static_cast<uint128>(e)) *
          inverse_);
    return static_cast<int128>((int256::product(a, b) - int256::product(c, e)).low_shifted_right(shift_) * inverse_);
  }
  /// out = (a b - c e) / d when the quotient fits (|q| < 2^127); false, and
  /// out unchanged, otherwise. With 256-bit products the quotient is
  /// exact precisely when |a b - c e| < 2^127 |d|.
  [[nodiscard]] bool checked_quotient(int128& out, int128 a, int128 b, int128 c, int128 e) const {
    const int256 v = int256::product(a, b) - int256::product(c, e);
    if (!((v.negative() ? -v : v) < bound_)) return false;
    out = static_cast<int128>(v.low_shifted_right(shift_) * inverse_);
    return true;
  }
  [[nodiscard]] unsigned shift() const { return shift_; }
  /// The inverse of the odd part (with the divisor's sign) modulo 2^128.
  [[nodiscard]] uint128 odd_part_inverse() const { return inverse_; }

 private:
  unsigned shift_ = 0;
  uint128 inverse_ = 1;
  int256 bound_ = 0;  // |d| 2^127
};

/// Machine-word integers; 128-bit products, so only stored results can
/// overflow (reported, never wrapped).
struct int64_arithmetic {
  using value_type = std::int64_t;
  /// The cost of one entry update, relative to this arithmetic's (what a
  /// work budget counts).
  static constexpr std::size_t entry_cost = 1;
  static constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max();

  [[nodiscard]] static bool assign(std::int64_t& out, const big_integer& x) {
    if (x > limit || x < -limit) return false;
    out = x.convert_to<std::int64_t>();
    return true;
  }
  [[nodiscard]] static int sign(std::int64_t x) { return (x > 0) - (x < 0); }
  /// The sign of a * b - c * d.
  [[nodiscard]] int compare_products(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) const {
    const int128 l = int128{a} * b, r = int128{c} * d;
    return (l > r) - (l < r);
  }
  /// Prepares the updates of a pivot on `pivot_row[column]` with the
  /// determinant `divisor` (nonzero) of the basis before it.
  void set_pivot(const std::int64_t* pivot_row, std::size_t, std::size_t column, std::int64_t divisor) {
    pivot_row_ = pivot_row;
    column_ = column;
    divisor_ = exact_divisor<std::int64_t>(divisor);
  }
  /// out[j] = (row[j] p - row[c] pivot_row[j]) / d for j != c, out[c] =
  /// -row[c]; false on overflow (out then partly written).
  [[nodiscard]] bool update_row(std::int64_t* out, const std::int64_t* row, std::size_t width) const {
    const std::int64_t p = pivot_row_[column_], a = row[column_];
    for (std::size_t j = 0; j < width; ++j)
      if (j != column_ && !divisor_.checked_quotient(out[j], row[j], p, a, pivot_row_[j])) return false;
    out[column_] = -a;
    return true;
  }
  [[nodiscard]] static double to_double(std::int64_t x) { return static_cast<double>(x); }
  [[nodiscard]] static bool fits_double(const std::vector<std::int64_t>&) { return true; }
  static void copy(std::int64_t& out, std::int64_t x) { out = x; }
  static void negate(std::int64_t& out, std::int64_t x) { out = -x; }
  [[nodiscard]] static big_integer to_big(std::int64_t x) { return big_integer(x); }

 private:
  const std::int64_t* pivot_row_ = nullptr;
  std::size_t column_ = 0;
  exact_divisor<std::int64_t> divisor_;
};

/// Two-word integers (|x| < 2^127). Exact division by the determinant d =
/// 2^s o (o odd) goes through o's inverse modulo 2^128 (`exact_divisor`):
/// ((x p - a b) mod 2^128) / 2^s times that inverse is the quotient modulo
/// 2^(128 - s). That is the quotient itself when it lies in [-2^(127 - s),
/// 2^(127 - s)), which an estimate in doubles with a generous error bound
/// usually settles (a few ulps of error against a margin of 2^-46);
/// otherwise the products are formed in 256 bits, where the quotient is
/// exact precisely when |x p - a b| < 2^127 |d|, which is also the test for
/// overflow.
struct int128_arithmetic {
  using value_type = int128;
  static constexpr std::size_t entry_cost = 3;
  static constexpr value_type limit = static_cast<value_type>(~uint128{0} >> 1);

  [[nodiscard]] static bool assign(value_type& out, const big_integer& x) {
    const big_integer magnitude = x < 0 ? big_integer(-x) : x;
    if (msb_of(magnitude) >= 127) return false;
    const auto low = static_cast<std::uint64_t>(big_integer(magnitude & big_integer(~std::uint64_t{0})));
    const auto high = static_cast<std::uint64_t>(big_integer(magnitude >> 64));
    const auto value = static_cast<value_type>((uint128{high} << 64) | low);
    out = x < 0 ? -value : value;
    return true;
  }
  [[nodiscard]] static big_integer to_big(value_type x) {
    const uint128 magnitude = x < 0 ? -static_cast<uint128>(x) : static_cast<uint128>(x);
    big_integer out(static_cast<std::uint64_t>(magnitude >> 64));
    out <<= 64;
    out += static_cast<std::uint64_t>(magnitude);
    return x < 0 ? big_integer(-out) : out;
  }
  [[nodiscard]] static int sign(value_type x) { return (x > 0) - (x < 0); }
  [[nodiscard]] int compare_products(value_type a, value_type b, value_type c, value_type d) const {
    const int256 l = int256::product(a, b), r = int256::product(c, d);
    return (l > r) - (l < r);
  }
  /// Prepares the updates of a pivot on `pivot_row[column]` with the
  /// determinant `divisor` (nonzero) of the basis before it: the pivot
  /// row's entries and the pivot times the divisor's odd-part inverse, and
  /// their magnitudes in doubles.
  void set_pivot(const value_type* pivot_row, std::size_t width, std::size_t column, value_type divisor) {
    divisor_ = exact_divisor<int128>(divisor);
    pivot_row_ = pivot_row;
    column_ = column;
    scaled_row_.resize(width);
    magnitudes_.resize(width);
    const uint128 inverse = divisor_.odd_part_inverse();
    for (std::size_t j = 0; j < width; ++j) {
      scaled_row_[j] = static_cast<uint128>(pivot_row[j]) * inverse;
      magnitudes_[j] = std::abs(rounded(pivot_row[j]));
    }
    inverse_divisor_ = std::abs(1.0 / rounded(divisor));
    estimate_bound_ = std::ldexp(1.0, 127 - static_cast<int>(divisor_.shift())) - 8;
  }
  /// out[j] = (row[j] p - row[c] pivot_row[j]) / d for j != c, out[c] =
  /// -row[c]; false on overflow (out then partly written).
  ///
  /// With o the odd part of d = 2^s o, (x p - a b) / o = q 2^s modulo
  /// 2^128, so (x (p / o) - a (b / o)) mod 2^128, shifted right by s, is q
  /// modulo 2^(128 - s): the quotient itself if |q| < 2^(127 - s). That
  /// holds when (|x| |p| + |a| |b|) / |d| is below it, which doubles decide
  /// (each magnitude within 2^-49, against a margin of 2^-45); the rest go
  /// through 256-bit products.
  [[nodiscard]] bool update_row(value_type* out, const value_type* row, std::size_t width) const {
    const value_type a = row[column_];
    const double p_magnitude = magnitudes_[column_], a_magnitude = std::abs(rounded(a));
    const uint128 scaled_pivot = scaled_row_[column_];
    const unsigned shift = divisor_.shift();
    for (std::size_t j = 0; j < width; ++j) {
      if (j == column_) continue;
      const value_type x = row[j];
      const double bound = (std::abs(rounded(x)) * p_magnitude + a_magnitude * magnitudes_[j]) * inverse_divisor_;
      if (bound * (1 + 0x1p-45) < estimate_bound_) {
        const uint128 quotient = static_cast<uint128>(x) * scaled_pivot - static_cast<uint128>(a) * scaled_row_[j];
        out[j] = static_cast<value_type>((quotient >> shift) << shift) >> shift;  // sign-extended
      } else if (!divisor_.checked_quotient(out[j], x, pivot_row_[column_], a, pivot_row_[j])) {
        return false;
      }
    }
    out[column_] = -a;
    return true;
  }
  /// Within a few units in the last place (see `rounded`).
  [[nodiscard]] static double to_double(value_type x) { return rounded(x); }
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
  [[nodiscard]] static std::size_t msb_of(const big_integer& x) { return x == 0 ? 0 : boost::multiprecision::msb(x); }

  exact_divisor<int128> divisor_;
  const value_type* pivot_row_ = nullptr;
  std::size_t column_ = 0;
  std::vector<uint128> scaled_row_;  ///< pivot row times the odd-part inverse, modulo 2^128
  std::vector<double> magnitudes_;   ///< |pivot row|, rounded
  double inverse_divisor_ = 1, estimate_bound_ = 0;
};

/// GMP integers through their C interface, with scratch space kept.
struct gmp_arithmetic {
  using value_type = big_integer;
  /// About ten machine-word updates, rounded up: on the 43 x 20 reduced
  /// form of Kuhn poker a basis cost about 75 us when the double game's
  /// exact search needed GMP and about 7 us on the rational game's
  /// (`impasse solve --method spe`, whole runs divided by bases visited).
  static constexpr std::size_t entry_cost = 12;
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
  void set_pivot(const big_integer* pivot_row, std::size_t, std::size_t column, const big_integer& divisor) {
    pivot_row_ = pivot_row;
    column_ = column;
    divisor_ = &divisor;
  }
  /// As for the other arithmetics; never fails. A zero in the row's pivot
  /// column or in the pivot row saves a product: the columns of the basis
  /// inverse are mostly zero for the first pivots of a path.
  bool update_row(big_integer* out, const big_integer* row, std::size_t width) const {
    const auto p = pivot_row_[column_].backend().data();
    const auto a = row[column_].backend().data();
    const bool zero_a = mpz_sgn(a) == 0;
    for (std::size_t j = 0; j < width; ++j) {
      if (j == column_) continue;
      const auto x = out[j].backend().data();
      mpz_mul(x, row[j].backend().data(), p);
      const auto b = pivot_row_[j].backend().data();
      if (!zero_a && mpz_sgn(b) != 0) mpz_submul(x, a, b);
      mpz_divexact(x, x, divisor_->backend().data());
    }
    negate(out[column_], row[column_]);
    return true;
  }
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

 private:
  const big_integer* pivot_row_ = nullptr;
  const big_integer* divisor_ = nullptr;
  std::size_t column_ = 0;
};

/// The ladder: the next wider arithmetic, for a dictionary whose entries
/// outgrew `Arithmetic` (GMP, the last rung, never overflows).
template <class Arithmetic>
struct wider_arithmetic;
template <>
struct wider_arithmetic<int64_arithmetic> {
  using type = int128_arithmetic;
};
template <>
struct wider_arithmetic<int128_arithmetic> {
  using type = gmp_arithmetic;
};

}  // namespace impasse::detail
