// The tokenizer shared by Gambit's .nfg and .efg readers: braces, commas,
// quoted strings with backslash escapes, and words (numbers and keywords),
// each with the line and column where it starts.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/limits.hpp>
#include <impasse/core/scalar.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace impasse::detail {

enum class token_kind { left_brace, right_brace, comma, string, word, end };

struct token {
  token_kind kind = token_kind::end;
  std::string text;  // the string's contents (unescaped) or the word
  std::size_t line = 1;
  std::size_t column = 1;
};

/// At most 40 bytes of `text`, with bytes that are not printable ASCII
/// written as \xNN (NUL included), so that an error message stays one clean
/// line and what() shows all of it.
std::string printable(std::string_view text);

/// Describes a token for an error message: `'{'`, `string "abc"`, `'12x'`,
/// `the end of the file`.
std::string describe(const token& t);

class tokenizer;

/// The whole of a stream; `file_error` naming `source` if reading fails.
std::string read_stream_text(std::istream& in, std::string_view source);
/// The whole of a file; `file_error` if it cannot be opened or read.
std::string read_file_text(const std::string& path);

/// The start every Gambit game file shares: `KIND VERSION R|D "title"
/// { "player" ... }`.
struct gambit_file_header {
  std::string title;
  std::vector<std::string> players;
};

/// Reads that start; `kind` is "NFG" or "EFG", `version` "1" or "2", and
/// `what` names the kind of game for messages ("strategic game").
gambit_file_header read_gambit_file_header(tokenizer& in, std::string_view kind, std::string_view version,
                                           std::string_view what);

class tokenizer {
 public:
  /// Reads `text` under the input limits in force (core/limits.hpp).
  tokenizer(std::string_view text, std::string_view source);

  /// The next token without consuming it.
  const token& peek();
  /// The next token, consumed.
  token next();

  /// Throws a `parse_error` at `t`.
  [[noreturn]] void fail(const token& t, const std::string& message) const;
  /// Throws `limit_exceeded` at `t` when `value > limit`: "SOURCE:LINE:COLUMN:
  /// WHAT exceeds the limit of LIMIT (input_limits::FIELD)".
  void enforce_limit(const token& t, std::size_t value, std::size_t limit, std::string_view field,
                     const std::string& what) const;
  /// The limits this tokenizer reads under.
  [[nodiscard]] const input_limits& limits() const noexcept { return limits_; }

  /// Consumes a token of `kind` or fails saying `expected`.
  token expect(token_kind kind, std::string_view expected);
  /// Consumes a word equal to `keyword` or fails.
  void expect_keyword(std::string_view keyword, std::string_view expected);
  /// Consumes a number; fails with what was expected and why the token is not one.
  rational expect_number(std::string_view expected);
  /// Consumes a number as the double nearest it (`parse_double`); fails as
  /// `expect_number` does, and also for a magnitude beyond a double.
  double expect_double(std::string_view expected);
  /// Consumes a non-negative whole number that fits `std::size_t`.
  std::size_t expect_count(std::string_view expected);
  /// Consumes the next token if it is of `kind`.
  bool accept(token_kind kind);

  [[nodiscard]] const std::string& source() const noexcept { return source_; }

 private:
  token scan();
  void skip_space();

  void append(token& t, char c) const;

  std::string_view text_;
  std::string source_;
  input_limits limits_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
  token lookahead_;
  bool has_lookahead_ = false;
};

}  // namespace impasse::detail
