// Printing equilibria as Gambit's command-line tools print them: one line
// per profile, a tag (`NE`), then every probability in Gambit's order
// (player 1's strategies first), as exact fractions or fixed decimals.
#pragma once

#include <impasse/core/scalar.hpp>

#include <string>
#include <string_view>

namespace impasse {

struct number_style {
  /// Fractions `p/q` (exact); otherwise fixed decimals.
  bool exact = false;
  /// Digits after the point when not exact.
  int decimals = 6;
};

/// One number as `style` says. A `double` printed exactly is written as the
/// fraction of its exact binary value.
[[nodiscard]] inline std::string format_number(const rational& x, const number_style& style) {
  return style.exact ? to_fraction_string(x) : to_decimal_string(x, style.decimals);
}
[[nodiscard]] inline std::string format_number(double x, const number_style& style) {
  return style.exact ? to_fraction_string(rational(x)) : to_decimal_string(x, style.decimals);
}

/// `TAG,p1,p2,...`: the line Gambit prints for a profile, mixed or
/// behaviour (anything whose `flat()` lists its probabilities in Gambit's order).
template <class Profile>
  requires requires(const Profile& p) { p.flat(); }
[[nodiscard]] std::string gambit_line(std::string_view tag, const Profile& profile, const number_style& style) {
  std::string line(tag);
  for (const auto& p : profile.flat()) {
    line += ',';
    line += format_number(p, style);
  }
  return line;
}

}  // namespace impasse
