// Scalars: the two arithmetics every impasse solver runs in.
//
// `double` is fast and inexact; `impasse::rational` (GMP rationals through
// Boost.Multiprecision, expression templates off so that Eigen can hold them)
// is exact. `scalar_traits<T>` says which is which and what tolerance a
// floating scalar uses when it compares payoffs or probabilities.
#pragma once

#include <impasse/core/error.hpp>

#include <boost/multiprecision/gmp.hpp>
#include <Eigen/Core>
#include <boost/multiprecision/eigen.hpp>  // Eigen::NumTraits for rational

#include <cmath>
#include <concepts>
#include <sstream>
#include <string>
#include <string_view>

namespace impasse {

/// An exact rational number (arbitrary precision, GMP backend).
using rational = boost::multiprecision::number<boost::multiprecision::gmp_rational,
                                               boost::multiprecision::et_off>;

namespace detail {
/// An exact integer (arbitrary precision, GMP backend): the one name of the
/// unbounded rung of the integer ladder (detail/fraction_free_integers.hpp)
/// and of every exact integer computation.
using big_integer = boost::multiprecision::number<boost::multiprecision::gmp_int, boost::multiprecision::et_off>;
}  // namespace detail

/// What impasse needs to know of a scalar type.
template <class T>
struct scalar_traits;

template <>
struct scalar_traits<double> {
  static constexpr bool is_exact = false;
  static constexpr std::string_view name = "double";
  /// Default absolute tolerance for payoff and probability comparisons.
  static double tolerance() { return 1e-9; }
};

template <>
struct scalar_traits<rational> {
  static constexpr bool is_exact = true;
  static constexpr std::string_view name = "rational";
  static rational tolerance() { return rational(0); }
};

/// A scalar impasse solvers are instantiated for.
template <class T>
concept scalar = requires {
  { scalar_traits<T>::is_exact } -> std::convertible_to<bool>;
  { scalar_traits<T>::tolerance() } -> std::convertible_to<T>;
};

template <scalar T>
inline constexpr bool is_exact_v = scalar_traits<T>::is_exact;

/// Dense matrices and column vectors of a scalar, as every solver and the
/// shared machinery in `detail/` hold them.
template <scalar Scalar>
using matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template <scalar Scalar>
using vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

/// Converts between scalars: rational to double rounds to nearest; double to
/// rational is exact (every finite double is a dyadic rational).
template <scalar To, scalar From>
[[nodiscard]] To scalar_cast(const From& x) {
  if constexpr (std::same_as<To, From>) {
    return x;
  } else if constexpr (std::same_as<To, double>) {
    return x.template convert_to<double>();
  } else {
    return To(x);
  }
}

/// True when `x` is finite (always so for rationals).
template <scalar T>
[[nodiscard]] bool is_finite(const T& x) {
  if constexpr (is_exact_v<T>) {
    return true;
  } else {
    return std::isfinite(x);
  }
}

/// Parses a number as Gambit writes them, exactly: an optional `-`, digits,
/// an optional fraction `.digits`, an optional exponent `e[+-]digits`, or a
/// ratio `p/q` with q > 0. A leading `+`, `nan`, `inf`, an empty string or
/// trailing characters are rejected with `impasse::invalid_argument` (see
/// core/error.hpp), whose message says what was wrong.
[[nodiscard]] rational parse_rational(std::string_view text);

/// The double nearest the number `text` (as `parse_rational` reads it, with
/// the same syntax, limits and errors), ties to even: the same double as
/// `scalar_cast<double>(parse_rational(text))`. Payoffs with at most 15
/// significant digits and at most 22 decimals, as nearly all are, take one
/// correctly rounded division of two exact doubles and no GMP arithmetic;
/// anything else goes through the exact value. Magnitudes beyond a double
/// throw `impasse::invalid_argument`, as `convert<double>` would overflow.
[[nodiscard]] double parse_double(std::string_view text);

/// A simple rational that rounds to `x`: the first convergent of the
/// continued fraction of x's exact value that converts back to x exactly
/// (so 0.1 gives 1/10 and 1.0/3 gives 1/3). Throws `impasse::invalid_argument`
/// for NaN or infinity.
[[nodiscard]] rational simplest_rational(double x);

/// The simplest rational within `tolerance` of x: the first convergent of
/// the continued fraction of x's exact value that close (to guess an exact
/// value from a floating-point run, which an exact check then confirms or
/// refutes). Throws `impasse::invalid_argument` for NaN or infinity.
[[nodiscard]] rational nearby_rational(double x, double tolerance);

/// `p/q` in lowest terms, or `p` when q = 1.
[[nodiscard]] std::string to_fraction_string(const rational& x);

/// A number for an error message: the exact fraction of a rational, a
/// double with 17 significant digits (enough to tell any two apart).
template <scalar T>
[[nodiscard]] std::string to_message_string(const T& x) {
  if constexpr (is_exact_v<T>) {
    return to_fraction_string(x);
  } else {
    std::ostringstream out;
    out.precision(17);
    out << x;
    return out.str();
  }
}

/// Fixed-point with `decimals` digits after the point, rounded half away
/// from zero; "-0.000" never appears. Throws `impasse::invalid_argument` for
/// negative `decimals` or a non-finite double.
[[nodiscard]] std::string to_decimal_string(const rational& x, int decimals);
[[nodiscard]] std::string to_decimal_string(double x, int decimals);

}  // namespace impasse
