// Integer arithmetics for fraction-free pivoting: each stores tableau
// entries (which are minors of the data, so they grow with the basis),
// updates a row for a pivot (`set_pivot`, then `update_row` per row:
// x' = (x p - a b) / d for the row's entry x, its entry a in the pivot
// column, the pivot row's entry b and pivot p, a division known to be
// exact), and gives the sign of a b - c d for the ratio test.
//
// - `int64_arithmetic`: one machine word, 128-bit products.
// - `int128_arithmetic`: two words, with the compiler's 128-bit type.
// - `gmp_arithmetic`: GMP integers, unbounded.
// The first two report overflow rather than wrap, so a search can start in
// the narrowest and move up when entries outgrow it (12 x 12 random games
// with payoffs 0..99 have entries of about 80 bits; 14 x 14 of about 95).
#pragma once

#include <boost/multiprecision/gmp.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace impasse::detail {

using big_integer = boost::multiprecision::number<boost::multiprecision::gmp_int, boost::multiprecision::et_off>;

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
  /// Prepares the updates of a pivot on `pivot_row[column]` with the
  /// determinant `divisor` (nonzero) of the basis before it.
  void set_pivot(const std::int64_t* pivot_row, std::size_t, std::size_t column, std::int64_t divisor) {
    pivot_row_ = pivot_row;
    column_ = column;
    set_divisor(divisor);
  }
  /// out[j] = (row[j] p - row[c] pivot_row[j]) / d for j != c, out[c] =
  /// -row[c]; false on overflow (out then partly written).
  [[nodiscard]] bool update_row(std::int64_t* out, const std::int64_t* row, std::size_t width) const {
    const std::int64_t p = pivot_row_[column_], a = row[column_];
    for (std::size_t j = 0; j < width; ++j)
      if (j != column_ && !fraction_free(out[j], row[j], p, a, pivot_row_[j])) return false;
    out[column_] = -a;
    return true;
  }
  /// out = (x * p - a * b) / divisor, which divides exactly; false on
  /// overflow. The quotient modulo 2^64 is exact when it fits, which
  /// multiplying back tells.
  [[nodiscard]] bool fraction_free(std::int64_t& out, std::int64_t x, std::int64_t p, std::int64_t a,
                                   std::int64_t b) const {
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
  const std::int64_t* pivot_row_ = nullptr;
  std::size_t column_ = 0;
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
    const auto magnitude = static_cast<unsigned_wide>(divisor < 0 ? -divisor : divisor);
    shift_ = static_cast<unsigned>(trailing_zeros(magnitude));
    const auto odd = static_cast<unsigned_wide>(divisor >> shift_);  // the odd part, modulo 2^128
    unsigned_wide inverse = odd;                                      // right modulo 2^3
    for (int i = 0; i < 6; ++i) inverse *= 2 - odd * inverse;          // 6, 12, ..., 192 bits
    inverse_ = inverse;
    bound_ = {magnitude >> 1, magnitude << 127};  // |divisor| 2^127
  }
  /// Prepares the updates of a pivot on `pivot_row[column]` with the
  /// determinant `divisor` (nonzero) of the basis before it: the pivot
  /// row's entries and the pivot times the divisor's odd-part inverse, and
  /// their magnitudes in doubles.
  void set_pivot(const value_type* pivot_row, std::size_t width, std::size_t column, value_type divisor) {
    set_divisor(divisor);
    pivot_row_ = pivot_row;
    column_ = column;
    scaled_row_.resize(width);
    magnitudes_.resize(width);
    for (std::size_t j = 0; j < width; ++j) {
      scaled_row_[j] = static_cast<unsigned_wide>(pivot_row[j]) * inverse_;
      magnitudes_[j] = std::abs(rounded(pivot_row[j]));
    }
    inverse_divisor_ = std::abs(1.0 / rounded(divisor));
    estimate_bound_ = std::ldexp(1.0, 127 - static_cast<int>(shift_)) - 8;
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
    const unsigned_wide scaled_pivot = scaled_row_[column_];
    for (std::size_t j = 0; j < width; ++j) {
      if (j == column_) continue;
      const value_type x = row[j];
      const double bound = (std::abs(rounded(x)) * p_magnitude + a_magnitude * magnitudes_[j]) * inverse_divisor_;
      if (bound * (1 + 0x1p-45) < estimate_bound_) {
        const unsigned_wide quotient = static_cast<unsigned_wide>(x) * scaled_pivot -
                                       static_cast<unsigned_wide>(a) * scaled_row_[j];
        out[j] = static_cast<value_type>((quotient >> shift_) << shift_) >> shift_;  // sign-extended
      } else if (!wide_fraction_free(out[j], x, pivot_row_[column_], a, pivot_row_[j])) {
        return false;
      }
    }
    out[column_] = -a;
    return true;
  }
  /// out = (x p - a b) / divisor (set by `set_pivot`), with 256-bit
  /// products; false on overflow.
  [[nodiscard]] bool fraction_free(value_type& out, value_type x, value_type p, value_type a, value_type b) const {
    return wide_fraction_free(out, x, p, a, b);
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
  const value_type* pivot_row_ = nullptr;
  std::size_t column_ = 0;
  std::vector<unsigned_wide> scaled_row_;  ///< pivot row times the odd-part inverse, modulo 2^128
  std::vector<double> magnitudes_;         ///< |pivot row|, rounded
  double inverse_divisor_ = 1, estimate_bound_ = 0;
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
  void set_pivot(const big_integer* pivot_row, std::size_t, std::size_t column, const big_integer& divisor) {
    pivot_row_ = pivot_row;
    column_ = column;
    divisor_ = &divisor;
  }
  /// As for the other arithmetics; never fails.
  bool update_row(big_integer* out, const big_integer* row, std::size_t width) const {
    const auto p = pivot_row_[column_].backend().data();
    const auto a = row[column_].backend().data();
    for (std::size_t j = 0; j < width; ++j) {
      if (j == column_) continue;
      const auto x = out[j].backend().data();
      mpz_mul(x, row[j].backend().data(), p);
      mpz_submul(x, a, pivot_row_[j].backend().data());
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

}  // namespace impasse::detail
