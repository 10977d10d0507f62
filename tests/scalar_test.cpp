#include <impasse/core/scalar.hpp>

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>

namespace impasse {
namespace {

TEST(ParseRational, IntegersDecimalsRatiosAndExponents) {
  EXPECT_EQ(parse_rational("0"), rational(0));
  EXPECT_EQ(parse_rational("-17"), rational(-17));
  EXPECT_EQ(parse_rational("7.600000"), rational(38, 5));
  EXPECT_EQ(parse_rational("-0.25"), rational(-1, 4));
  EXPECT_EQ(parse_rational(".5"), rational(1, 2));
  EXPECT_EQ(parse_rational("3."), rational(3));
  EXPECT_EQ(parse_rational("6/4"), rational(3, 2));
  EXPECT_EQ(parse_rational("-1/3"), rational(-1, 3));
  EXPECT_EQ(parse_rational("1e3"), rational(1000));
  EXPECT_EQ(parse_rational("2.5E-2"), rational(1, 40));
  EXPECT_EQ(parse_rational("1e+2"), rational(100));
  // More digits than a double holds, kept exactly.
  EXPECT_EQ(parse_rational("123456789012345678901234567890"),
            rational(boost::multiprecision::mpz_int("123456789012345678901234567890")));
}

// Plain decimals of up to 18 significant digits take a machine-integer path;
// either side of its bounds the value is the same, and always in lowest terms.
TEST(ParseRational, SmallDecimalsAreExactAndInLowestTermsAtThePathsBoundaries) {
  const rational r = parse_rational("1.50");
  EXPECT_EQ(numerator(r), 3);
  EXPECT_EQ(denominator(r), 2);
  EXPECT_EQ(parse_rational("-0.000000000000000001"), rational(-1, boost::multiprecision::mpz_int("1000000000000000000")));
  EXPECT_EQ(parse_rational("0.0000000000000000001"), rational(1, boost::multiprecision::mpz_int("10000000000000000000")));
  EXPECT_EQ(parse_rational("999999999999999999"), rational(boost::multiprecision::mpz_int("999999999999999999")));
  EXPECT_EQ(parse_rational("9999999999999999999"), rational(boost::multiprecision::mpz_int("9999999999999999999")));
  EXPECT_EQ(parse_rational("0000000000000000000000012.5"), rational(25, 2));
  EXPECT_EQ(parse_rational("12345678.9012345678"),
            rational(boost::multiprecision::mpz_int("123456789012345678"), boost::multiprecision::mpz_int("10000000000")));
  EXPECT_EQ(parse_rational("-0"), rational(0));
  EXPECT_EQ(parse_rational("100"), rational(100));
}

TEST(ParseRational, RejectsWhatIsNotANumber) {
  for (const char* bad : {"", "+2", "nan", "NaN", "inf", "-inf", "1/0", "1.5/2", "1/", "-", ".", "1e", "1e5000",
                          "12x", "0x10", "1,5", "--1", "1/-2"}) {
    EXPECT_THROW((void)parse_rational(bad), invalid_argument) << "'" << bad << "'";
  }
}

TEST(ParseRational, MessageSaysWhy) {
  try {
    (void)parse_rational("+2");
    FAIL();
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("leading '+'"), std::string::npos) << e.what();
  }
}

// parse_double is the exact value rounded once: bit for bit the double that
// converting parse_rational's value gives, on both sides of its fast path's
// bounds (15 significant digits, 22 decimals) and through the exact path
// (exponents, ratios, long digit strings).
TEST(ParseDouble, IsTheExactValueRoundedToTheNearestDouble) {
  const auto same = [](const std::string& text) {
    const double expected = scalar_cast<double>(parse_rational(text));
    const double got = parse_double(text);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(got), std::bit_cast<std::uint64_t>(expected))
        << "'" << text << "': " << got << " against " << expected;
    // And, for a decimal, what the C library's strtod (correctly rounded in
    // glibc) reads, zero without its sign.
    if (text.find('/') == std::string::npos) {
      const double c = std::strtod(text.c_str(), nullptr);
      EXPECT_EQ(got, c) << "'" << text << "'";
    }
  };
  for (const char* text : {"0", "-0", "0.000", "-0.0", "0.1", "-0.1", "0.3", "2.675", "1.005", "7.600000",
                           "123456789012345", "1234567890123456", "12345678901234567", "9007199254740993",
                           "0.1234567890123456789", "0.0000000000000000000001", "0.00000000000000000000001",
                           "99999999999999.9", "999999999999999.9", ".5", "3.", "1e3", "2.5E-2", "1/3", "-2/7",
                           "1e308", "1.7976931348623157e308", "4.9e-324", "1e-400"})
    same(text);
  same("17976931348623157" + std::string(292, '0'));  // the largest double, written out in full
  // Random decimals: 1 to 24 digits, the point anywhere, a sign, sometimes
  // an exponent or a denominator.
  std::mt19937_64 random(7);
  for (int k = 0; k < 20000; ++k) {
    std::string text = random() % 2 ? "-" : "";
    const auto digits = 1 + random() % 24;
    const auto point = random() % (digits + 2);
    for (std::size_t d = 0; d < digits; ++d) {
      if (d == point) text += '.';
      text += static_cast<char>('0' + random() % 10);
    }
    const auto tail = random() % 8;
    if (tail == 0) text += "e" + std::to_string(static_cast<int>(random() % 60) - 30);
    if (tail == 1 && point >= digits) text += "/" + std::to_string(1 + random() % 999999);
    same(text);
  }
  EXPECT_FALSE(std::signbit(parse_double("-0")));
  EXPECT_EQ(parse_double("0.1"), 0.1);
  EXPECT_EQ(parse_double("-7.6"), -7.6);
}

TEST(ParseDouble, RejectsWhatParseRationalRejectsAndWhatNoDoubleHolds) {
  for (const char* bad : {"", "+2", "nan", "NaN", "inf", "-inf", "1/0", "1.5/2", "1/", "-", ".", "1e", "1e5000",
                          "12x", "0x10", "1,5", "--1", "1/-2", "-.", "1e309", "-2e400"}) {
    EXPECT_THROW((void)parse_double(bad), invalid_argument) << "'" << bad << "'";
  }
  try {
    (void)parse_double("1e400");
    FAIL();
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("range of a double"), std::string::npos) << e.what();
  }
}

TEST(FormatRational, FractionsInLowestTerms) {
  EXPECT_EQ(to_fraction_string(rational(6, 4)), "3/2");
  EXPECT_EQ(to_fraction_string(rational(-4, 2)), "-2");
  EXPECT_EQ(to_fraction_string(rational(0)), "0");
}

TEST(FormatRational, DecimalsRoundHalfAwayFromZero) {
  EXPECT_EQ(to_decimal_string(rational(1, 3), 6), "0.333333");
  EXPECT_EQ(to_decimal_string(rational(2, 3), 6), "0.666667");
  EXPECT_EQ(to_decimal_string(rational(1, 8), 2), "0.13");
  EXPECT_EQ(to_decimal_string(rational(-1, 8), 2), "-0.13");
  EXPECT_EQ(to_decimal_string(rational(-1, 1000), 2), "0.00");
  EXPECT_EQ(to_decimal_string(rational(5, 2), 0), "3");
  EXPECT_EQ(to_decimal_string(rational(12345, 100), 1), "123.5");
  EXPECT_EQ(to_decimal_string(rational(1), 3), "1.000");
}

TEST(FormatDouble, FixedDigitsAndNoNegativeZero) {
  EXPECT_EQ(to_decimal_string(0.5, 6), "0.500000");
  EXPECT_EQ(to_decimal_string(-1e-12, 6), "0.000000");
  EXPECT_EQ(to_decimal_string(-0.25, 2), "-0.25");
  EXPECT_THROW((void)to_decimal_string(std::nan(""), 6), invalid_argument);
}

TEST(ScalarCast, DoubleToRationalIsExact) {
  EXPECT_EQ(scalar_cast<rational>(0.1), rational(3602879701896397, boost::multiprecision::mpz_int(1) << 55));
  EXPECT_EQ(scalar_cast<double>(rational(1, 4)), 0.25);
  static_assert(is_exact_v<rational> && !is_exact_v<double>);
}

}  // namespace
}  // namespace impasse

namespace impasse {
namespace {

TEST(SimplestRational, RecoversSimpleFractionsFromDoubles) {
  EXPECT_EQ(simplest_rational(0.1), rational(1, 10));
  EXPECT_EQ(simplest_rational(1.0 / 3), rational(1, 3));
  EXPECT_EQ(simplest_rational(-2.0 / 7), rational(-2, 7));
  EXPECT_EQ(simplest_rational(5.0), rational(5));
  EXPECT_EQ(simplest_rational(0.0), rational(0));
  EXPECT_EQ(simplest_rational(-0.75), rational(-3, 4));
  // No simple fraction: the result still rounds back to the same double.
  const double x = 0.123456789012345;
  EXPECT_EQ(simplest_rational(x).convert_to<double>(), x);
  EXPECT_THROW((void)simplest_rational(std::nan("")), invalid_argument);
}

}  // namespace
}  // namespace impasse
