// Parsing a JSON document (nlohmann-json) under the input limits, with
// errors that give the line and column: shared by the stochastic-game
// reader and the automata files of `impasse repeated --check`.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/limits.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace impasse::detail {

/// The line and column (from 1) of byte `offset` of `text`.
[[nodiscard]] inline std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t k = 0; k < offset && k < text.size(); ++k) {
    if (text[k] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

/// One pass over `text` before it is parsed: nesting deeper than
/// `max_nesting_depth`, a string longer than `max_token_bytes` or a run of
/// digits longer than `max_number_digits` throws `limit_exceeded` at the
/// place it starts, so that no parse tree of that size is built.
inline void check_json_limits(std::string_view text, const std::string& source) {
  const input_limits limits = input_limits_in_force();
  enforce_limit(text.size(), limits.max_input_bytes, "max_input_bytes", source,
                "the input (" + std::to_string(text.size()) + " bytes)");
  const auto at = [&](std::size_t offset) {
    const auto [line, column] = line_column(text, offset);
    return source + ":" + std::to_string(line) + ":" + std::to_string(column);
  };
  std::size_t depth = 0;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (c == '"') {
      const std::size_t start = k++;
      while (k < text.size() && text[k] != '"') k += text[k] == '\\' ? 2 : 1;
      if (k - start - 1 > limits.max_token_bytes)
        enforce_limit(k - start - 1, limits.max_token_bytes, "max_token_bytes", at(start),
                      "a string of " + std::to_string(k - start - 1) + " bytes");
    } else if (c == '[' || c == '{') {
      if (++depth > limits.max_nesting_depth)
        enforce_limit(depth, limits.max_nesting_depth, "max_nesting_depth", at(k), "nesting " + std::to_string(depth) + " deep");
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    } else if (c >= '0' && c <= '9') {
      const std::size_t start = k;
      while (k + 1 < text.size() && text[k + 1] >= '0' && text[k + 1] <= '9') ++k;
      if (k + 1 - start > limits.max_number_digits)
        enforce_limit(k + 1 - start, limits.max_number_digits, "max_number_digits", at(start),
                      "a number of " + std::to_string(k + 1 - start) + " digits");
    }
  }
}

/// Parses `text` as a `Json` document (nlohmann::json or ordered_json) after
/// `check_json_limits`; a syntax error becomes a `parse_error` at its line
/// and column, "not valid JSON: WHAT".
template <class Json>
[[nodiscard]] Json parse_json(std::string_view text, const std::string& source) {
  check_json_limits(text, source);
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const typename Json::parse_error& e) {
    const auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    std::string message = e.what();
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line L, column C: WHAT".
    if (const auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    throw parse_error(source, line, column, "not valid JSON: " + message);
  } catch (const typename Json::exception& e) {
    // Not a syntax error but still the text's fault: a number too large for
    // a double ("number overflow parsing '1e999'"). The quoted text places it.
    std::string message = e.what();
    if (const auto bracket = message.find("] "); bracket != std::string::npos) message = message.substr(bracket + 2);
    std::size_t offset = 0;
    if (const auto open = message.find('\''); open != std::string::npos) {
      const auto close = message.find('\'', open + 1);
      if (close != std::string::npos) {
        const auto at = text.find(message.substr(open + 1, close - open - 1));
        if (at != std::string_view::npos) offset = at;
      }
    }
    const auto [line, column] = line_column(text, offset);
    throw parse_error(source, line, column, "not valid JSON: " + message);
  }
}

}  // namespace impasse::detail
