// Writing strings and numbers as Gambit's files spell them.
#pragma once

#include <impasse/core/scalar.hpp>

#include <fmt/format.h>

#include <string>

namespace impasse::detail {

// Quotes become \"; a backslash is doubled only where Gambit's reader would
// otherwise take it as escaping the next quote (before a quote or a
// backslash, or at the end), so other backslashes read the same in Gambit.
inline std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      const bool ambiguous = i + 1 == s.size() || s[i + 1] == '"' || s[i + 1] == '\\';
      out += ambiguous ? "\\\\" : "\\";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

inline std::string number_text(const rational& x) { return to_fraction_string(x); }

inline std::string number_text(double x) {
  std::string text = fmt::format("{}", x);
  // Exponents are not in every Gambit reader; an exact fraction is.
  if (text.find_first_of("eE") != std::string::npos) text = to_fraction_string(rational(x));
  return text;
}

}  // namespace impasse::detail
