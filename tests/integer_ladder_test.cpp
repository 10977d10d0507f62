// The integer ladder (detail/fraction_free_integers.hpp) against GMP: the
// 256-bit products and sums, and exact division (a b - c e) / d in one and
// two words, unchecked (support enumeration) and checked (vertex
// enumeration), on random operands of every size, with divisors odd and
// even, positive and negative.
#include <impasse/detail/fraction_free_integers.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>

namespace impasse {
namespace {

using detail::big_integer;
using detail::exact_divisor;
using detail::int128;
using detail::int256;

/// A random integer with |x| < 2^bits and a random sign.
big_integer random_big(std::mt19937_64& rng, unsigned bits) {
  big_integer x = 0;
  for (unsigned b = 0; b < bits; b += 32) x = (x << 32) + big_integer(rng() & 0xffffffffU);
  x %= big_integer(1) << bits;
  return (rng() & 1) ? big_integer(-x) : x;
}

int128 to_int128(const big_integer& x) {
  const big_integer magnitude = abs(x);
  const auto low = static_cast<std::uint64_t>(big_integer(magnitude & big_integer(~std::uint64_t{0})));
  const auto high = static_cast<std::uint64_t>(big_integer(magnitude >> 64));
  const auto value = static_cast<int128>((detail::uint128{high} << 64) | low);
  return x < 0 ? -value : value;
}

big_integer to_big(int128 x) { return detail::int128_arithmetic::to_big(x); }

big_integer unsigned_big(detail::uint128 w) {
  return (big_integer(static_cast<std::uint64_t>(w >> 64)) << 64) + big_integer(static_cast<std::uint64_t>(w));
}

/// The exact value of a 256-bit integer, through its words.
big_integer to_big(const int256& x) {
  big_integer high = unsigned_big(x.high());
  if (x.negative()) high -= big_integer(1) << 128;
  return (high << 128) + unsigned_big(x.low());
}

TEST(IntegerLadder, ProductsAndSumsOf256BitsAgreeWithGmp) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 20000; ++trial) {
    const big_integer a = random_big(rng, 1 + rng() % 127), b = random_big(rng, 1 + rng() % 127);
    const big_integer c = random_big(rng, 1 + rng() % 127), d = random_big(rng, 1 + rng() % 127);
    const int256 ab = int256::product(to_int128(a), to_int128(b));
    const int256 cd = int256::product(to_int128(c), to_int128(d));
    ASSERT_EQ(to_big(ab), a * b);
    ASSERT_EQ(to_big(ab - cd), a * b - c * d);
    ASSERT_EQ(to_big(ab + cd), a * b + c * d);
    ASSERT_EQ(ab < cd, a * b < c * d);
    ASSERT_EQ(ab == cd, a * b == c * d);
    ASSERT_EQ((ab - cd).negative(), a * b < c * d);
  }
}

TEST(IntegerLadder, OneWordExactDivisionAgreesWithGmp) {
  std::mt19937_64 rng(5);
  std::size_t checked = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    // q d = a b - c e, with every operand a word.
    const unsigned d_bits = 1 + static_cast<unsigned>(rng() % 30), d_shift = static_cast<unsigned>(rng() % 6);
    big_integer d = random_big(rng, d_bits) << d_shift;
    if (d == 0) d = 1;
    const big_integer q = random_big(rng, 1 + static_cast<unsigned>(rng() % (61 - d_bits - d_shift)));
    const big_integer c = random_big(rng, 1 + rng() % 30), e = random_big(rng, 1 + rng() % 30);
    const big_integer b = (rng() & 1) ? big_integer(1) : big_integer(-1);
    const big_integer a = (q * d + c * e) * b;  // b = +-1
    if (abs(a) >= big_integer(1) << 62) continue;
    const exact_divisor<std::int64_t> divide(d.convert_to<std::int64_t>());
    const auto w = [](const big_integer& x) { return x.convert_to<std::int64_t>(); };
    ASSERT_EQ(big_integer(divide.quotient(w(a), w(b), w(c), w(e))), q);
    std::int64_t out = 0;
    ASSERT_TRUE(divide.checked_quotient(out, w(a), w(b), w(c), w(e)));
    ASSERT_EQ(big_integer(out), q);
    ++checked;
  }
  EXPECT_GT(checked, 10000u);
  // Quotients of magnitude 2^63 and more are refused, not wrapped.
  const exact_divisor<std::int64_t> one(1), minus_two(-2);
  std::int64_t out = 7;
  const std::int64_t top = std::numeric_limits<std::int64_t>::max();
  EXPECT_TRUE(one.checked_quotient(out, top, 1, 0, 0));
  EXPECT_EQ(out, top);
  EXPECT_FALSE(one.checked_quotient(out, top, 2, 0, 0));
  EXPECT_FALSE(minus_two.checked_quotient(out, top, 4, 0, 0));
  EXPECT_TRUE(minus_two.checked_quotient(out, top, 2, 0, 0));
  EXPECT_EQ(out, -top);
}

TEST(IntegerLadder, TwoWordExactDivisionAgreesWithGmp) {
  std::mt19937_64 rng(9);
  std::size_t checked = 0, even = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    const unsigned d_bits = 1 + static_cast<unsigned>(rng() % 100), d_shift = static_cast<unsigned>(rng() % 5);
    big_integer d = random_big(rng, d_bits) << d_shift;
    if (d == 0) d = 1;
    const big_integer q = random_big(rng, 1 + static_cast<unsigned>(rng() % (124 - d_bits - d_shift)));
    const big_integer c = random_big(rng, 1 + rng() % 62), e = random_big(rng, 1 + rng() % 62);
    // a b = q d + c e, with b a small factor of it.
    const big_integer numerator = q * d + c * e;
    const big_integer b = big_integer(1 + static_cast<long>(rng() % 3)) * ((rng() & 1) ? 1 : -1);
    if (numerator % b != 0) continue;
    const big_integer a = numerator / b;
    if (boost::multiprecision::msb(abs(a) + 1) >= 126 || boost::multiprecision::msb(abs(d)) >= 126) continue;
    const exact_divisor<int128> divide(to_int128(d));
    ASSERT_EQ(to_big(divide.quotient(to_int128(a), to_int128(b), to_int128(c), to_int128(e))), q);
    int128 out = 0;
    ASSERT_TRUE(divide.checked_quotient(out, to_int128(a), to_int128(b), to_int128(c), to_int128(e)));
    ASSERT_EQ(to_big(out), q);
    ++checked;
    even += d % 2 == 0;  // through 256-bit products in `quotient` too
  }
  EXPECT_GT(checked, 5000u);
  EXPECT_GT(even, 1000u);
  // Quotients of 2^127 - 1 fit; 2^127 does not.
  const int128 top = to_int128((big_integer(1) << 127) - 1);
  const exact_divisor<int128> one(1), three(3);
  int128 out = 0;
  EXPECT_TRUE(one.checked_quotient(out, top, 1, 0, 0));
  EXPECT_EQ(out, top);
  EXPECT_FALSE(one.checked_quotient(out, top, 2, 0, 0));
  EXPECT_FALSE(three.checked_quotient(out, top, 3, -1, 3));
  EXPECT_TRUE(three.checked_quotient(out, top, 3, 0, 0));
  EXPECT_EQ(out, top);
}

}  // namespace
}  // namespace impasse
