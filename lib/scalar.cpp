// Exact parsing and printing of numbers as Gambit files and output lines
// write them.
#include <impasse/core/error.hpp>
#include <impasse/core/limits.hpp>
#include <impasse/core/scalar.hpp>

#include "io/tokenizer.hpp"

#include <boost/multiprecision/gmp.hpp>
#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <optional>

namespace impasse {
namespace {

using detail::big_integer;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// GMP reads a string with a leading 0 as octal: parse decimal digits only
// after stripping leading zeros.
big_integer decimal_integer(const std::string& digits) {
  const auto first = digits.find_first_not_of('0');
  return first == std::string::npos ? big_integer(0) : big_integer(digits.substr(first));
}

// The longest exponent accepted: larger ones would make numbers with more
// digits than any game needs and could exhaust memory.
constexpr long max_exponent = 4000;

big_integer power_of_ten(unsigned long exponent) {
  big_integer result = 1;
  big_integer base = 10;
  while (exponent != 0) {
    if (exponent & 1U) result *= base;
    base *= base;
    exponent >>= 1U;
  }
  return result;
}

// The value of `text` when it is digits with at most one point and at most
// 18 significant digits, as nearly every payoff in a game file is: built
// from machine integers, without the digit strings and GMP string
// conversions of the general path. Anything else, nullopt.
std::optional<rational> small_decimal(std::string_view text) {
  std::int64_t value = 0;
  int significant = 0, scale = 0;
  bool point = false, any = false;
  for (char c : text) {
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (!is_digit(c)) return std::nullopt;
    any = true;
    if (value == 0 && c == '0') {
      scale += point ? 1 : 0;
      continue;
    }
    if (++significant > 18) return std::nullopt;
    value = value * 10 + (c - '0');
    scale += point ? 1 : 0;
  }
  if (!any) return std::nullopt;
  if (scale == 0) return rational(value);
  if (scale > 18) return std::nullopt;
  std::int64_t ten_to_scale = 1;
  for (int k = 0; k < scale; ++k) ten_to_scale *= 10;
  return rational(value, ten_to_scale);  // canonicalised (common factors removed)
}

}  // namespace

rational parse_rational(std::string_view text) {
  // Before anything is copied or quoted: a number of a hundred thousand
  // digits is refused by its length, not converted.
  const std::size_t max_digits = input_limits_in_force().max_number_digits;
  if (text.size() > max_digits + 2) {  // a sign and a point or slash
    std::size_t digits = 0;
    for (char c : text) digits += is_digit(c) ? 1 : 0;
    detail::enforce_limit(digits, max_digits, "max_number_digits", "",
                          "a number of " + std::to_string(digits) + " digits");
    if (text.size() > max_digits + 32)
      throw invalid_argument("'" + detail::printable(text) + "' is not a number: too long");
  }
  std::size_t pos = 0;
  const auto fail = [&](const std::string& what) -> rational {
    // Printably: a NUL in the text would otherwise end what() early.
    throw invalid_argument("'" + detail::printable(text) + "' is not a number: " + what);
  };
  if (text.empty()) return fail("empty");
  bool negative = false;
  if (text[pos] == '+') return fail("a leading '+' is not allowed");
  if (text[pos] == '-') {
    negative = true;
    ++pos;
  }
  if (const auto small = small_decimal(text.substr(pos))) return negative ? rational(-*small) : *small;
  {
    std::string word;
    for (char c : text.substr(pos, 3)) word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word == "nan" || word == "inf") return fail("NaN and infinity are not allowed");
  }
  std::string digits;
  while (pos < text.size() && is_digit(text[pos])) digits += text[pos++];
  long scale = 0;  // value = digits * 10^-scale
  bool had_point = false;
  if (pos < text.size() && text[pos] == '.') {
    had_point = true;
    ++pos;
    while (pos < text.size() && is_digit(text[pos])) {
      digits += text[pos++];
      ++scale;
    }
  }
  if (digits.empty()) return fail("no digits");
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool negative_exponent = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative_exponent = text[pos++] == '-';
    long exponent = 0;
    bool any = false;
    while (pos < text.size() && is_digit(text[pos])) {
      any = true;
      exponent = exponent * 10 + (text[pos++] - '0');
      if (exponent > max_exponent) return fail("exponent too large");
    }
    if (!any) return fail("exponent without digits");
    scale += negative_exponent ? exponent : -exponent;
  }
  big_integer numerator = decimal_integer(digits);
  big_integer denominator = 1;
  if (pos < text.size() && text[pos] == '/') {
    if (had_point || scale != 0) return fail("a ratio takes whole numbers");
    ++pos;
    std::string denominator_digits;
    while (pos < text.size() && is_digit(text[pos])) denominator_digits += text[pos++];
    if (denominator_digits.empty()) return fail("no denominator");
    denominator = decimal_integer(denominator_digits);
    if (denominator == 0) return fail("zero denominator");
  }
  if (pos != text.size()) return fail("unexpected '" + std::string(1, text[pos]) + "'");
  if (scale > 0)
    denominator *= power_of_ten(static_cast<unsigned long>(scale));
  else if (scale < 0)
    numerator *= power_of_ten(static_cast<unsigned long>(-scale));
  rational value(numerator, denominator);
  return negative ? rational(-value) : value;
}

double parse_double(std::string_view text) {
  // Fast path: [-]digits[.digits], at most 15 significant digits (so the
  // integer is below 2^53 and exact in a double) and at most 22 decimals
  // (10^22 is the largest power of ten exact in a double): value / 10^scale
  // is then one IEEE division of exact operands, correctly rounded.
  static constexpr double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  std::string_view body = text;
  const bool negative = !body.empty() && body.front() == '-';
  if (negative) body.remove_prefix(1);
  std::int64_t value = 0;
  int significant = 0, scale = 0;
  bool point = false, any = false, simple = !body.empty();
  for (const char c : body) {
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (!is_digit(c) || (value != 0 || c != '0' ? ++significant > 15 : false)) {
      simple = false;
      break;
    }
    any = true;
    value = value * 10 + (c - '0');
    scale += point ? 1 : 0;
  }
  if (simple && any && scale <= 22) {
    if (value == 0) return 0.0;  // "-0" is 0, as in the rationals
    const double magnitude = static_cast<double>(value) / powers_of_ten[scale];
    return negative ? -magnitude : magnitude;
  }
  const rational exact = parse_rational(text);
  const double x = exact.convert_to<double>();
  if (!std::isfinite(x))
    throw invalid_argument("'" + detail::printable(text) + "' is not a number: beyond the range of a double");
  return x;
}

rational simplest_rational(double x) {
  if (!std::isfinite(x)) throw invalid_argument("simplest_rational: not a finite number");
  const rational exact(x);
  // Convergents h/k of the continued fraction of `exact`.
  big_integer h_prev = 1, h = 0, k_prev = 0, k = 1;
  big_integer num = numerator(exact), den = denominator(exact);
  while (den != 0) {
    big_integer a = num / den;
    if (num < 0 && a * den != num) a -= 1;  // floor for negative values
    const big_integer r = num - a * den;
    big_integer h_next = a * h_prev + h, k_next = a * k_prev + k;
    h = h_prev;
    k = k_prev;
    h_prev = h_next;
    k_prev = k_next;
    const rational candidate(h_prev, k_prev);
    if (candidate.convert_to<double>() == x) return candidate;
    num = den;
    den = r;
  }
  return exact;
}

rational nearby_rational(double x, double tolerance) {
  if (!std::isfinite(x)) throw invalid_argument("nearby_rational: not a finite number");
  const rational target = simplest_rational(x);
  rational h1(1), h2(0), k1(0), k2(1);
  rational rest = target;
  for (int step = 0; step < 64; ++step) {
    const rational a = rational(boost::multiprecision::numerator(rest) / boost::multiprecision::denominator(rest) -
                                (boost::multiprecision::numerator(rest) < 0 &&
                                         boost::multiprecision::numerator(rest) % boost::multiprecision::denominator(rest) != 0
                                     ? 1
                                     : 0));
    const rational h = a * h1 + h2, k = a * k1 + k2;
    const rational guess = h / k;
    if (abs(guess - target) <= rational(tolerance)) return guess;
    const rational fraction = rest - a;
    if (fraction == 0) return guess;
    rest = 1 / fraction;
    h2 = h1;
    h1 = h;
    k2 = k1;
    k1 = k;
  }
  return target;
}

std::string to_fraction_string(const rational& x) {
  if (denominator(x) == 1) return numerator(x).str();
  return numerator(x).str() + "/" + denominator(x).str();
}

std::string to_decimal_string(const rational& x, int decimals) {
  if (decimals < 0) throw invalid_argument("negative number of decimals");
  const big_integer scale = power_of_ten(static_cast<unsigned long>(decimals));
  const rational magnitude = x < 0 ? rational(-x) : x;
  // round half away from zero: floor(|x| * 10^d + 1/2)
  const rational shifted = magnitude * rational(scale) + rational(1, 2);
  const big_integer rounded = numerator(shifted) / denominator(shifted);
  std::string digits = rounded.str();
  if (digits.size() <= static_cast<std::size_t>(decimals))
    digits.insert(0, static_cast<std::size_t>(decimals) + 1 - digits.size(), '0');
  std::string out = (x < 0 && rounded != 0) ? "-" : "";
  out += digits.substr(0, digits.size() - static_cast<std::size_t>(decimals));
  if (decimals > 0) {
    out += '.';
    out += digits.substr(digits.size() - static_cast<std::size_t>(decimals));
  }
  return out;
}

std::string to_decimal_string(double x, int decimals) {
  if (decimals < 0) throw invalid_argument("negative number of decimals");
  if (!std::isfinite(x)) throw invalid_argument("cannot print a non-finite number");
  std::string out = fmt::format("{:.{}f}", x, decimals);
  if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

}  // namespace impasse
