#include "tokenizer.hpp"

#include <impasse/core/limits.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <vector>

namespace impasse::detail {

std::string read_stream_text(std::istream& in, std::string_view source) {
  // Read in blocks up to the limit, so that a 200 MB file (or /dev/zero) is
  // refused after 64 MiB instead of being held whole. The text is kept in
  // pieces of at most 1 MiB and joined once its length is known: a string
  // grown by doubling would hold its old and new buffers at once (up to twice
  // the limit) where the allocator copies rather than remaps them.
  const std::size_t limit = input_limits_in_force().max_input_bytes;
  constexpr std::size_t piece_size = std::size_t{1} << 20;
  std::vector<std::string> pieces(1);
  std::size_t total = 0;
  char block[1 << 16];
  while (in) {
    in.read(block, sizeof block);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (total + got > limit)
      detail::enforce_limit(total + got, limit, "max_input_bytes", std::string(source),
                            "the input (more than " + std::to_string(total + got) + " bytes)");
    if (pieces.back().size() + got > piece_size) pieces.emplace_back();
    pieces.back().append(block, got);
    total += got;
  }
  if (in.bad()) throw file_error(std::string(source) + ": read error");
  if (pieces.size() == 1) return std::move(pieces.front());
  std::string text;
  text.reserve(total);
  for (auto& piece : pieces) {
    text += piece;
    std::string().swap(piece);
  }
  return text;
}

std::string read_file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw file_error(path + ": cannot open file");
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);  // none for pipes and devices
  if (!ec) detail::enforce_limit(size, input_limits_in_force().max_input_bytes, "max_input_bytes", path,
                                 "the file (" + std::to_string(size) + " bytes)");
  return read_stream_text(in, path);
}

// At most 40 characters of a token, with bytes that are not printable
// ASCII written as \xNN so that an error message stays one clean line.
std::string printable(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < 40; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4U];
      out += hex[c & 0xfU];
    }
  }
  return text.size() > 40 ? out + "..." : out;
}


std::string describe(const token& t) {
  switch (t.kind) {
    case token_kind::left_brace: return "'{'";
    case token_kind::right_brace: return "'}'";
    case token_kind::comma: return "','";
    case token_kind::string: return std::string("string \"").append(printable(t.text)).append("\"");
    case token_kind::word: return std::string("'").append(printable(t.text)).append("'");
    case token_kind::end: return "the end of the file";
  }
  return "?";
}

tokenizer::tokenizer(std::string_view text, std::string_view source)
    : text_(text), source_(source), limits_(input_limits_in_force()) {
  detail::enforce_limit(text.size(), limits_.max_input_bytes, "max_input_bytes", source_,
                        "the input (" + std::to_string(text.size()) + " bytes)");
}

void tokenizer::enforce_limit(const token& t, std::size_t value, std::size_t limit, std::string_view field,
                              const std::string& what) const {
  detail::enforce_limit(value, limit, field, fmt::format("{}:{}:{}", source_, t.line, t.column), what);
}

// One more byte of a string or word; a title or token of 200 MB is refused
// at its first byte over the limit.
void tokenizer::append(token& t, char c) const {
  if (t.text.size() == limits_.max_token_bytes)
    enforce_limit(t, t.text.size() + 1, limits_.max_token_bytes, "max_token_bytes",
                  t.kind == token_kind::string ? "a quoted string" : "a word");
  t.text += c;
}

void tokenizer::skip_space() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++column_;
    } else {
      return;
    }
    ++pos_;
  }
}

token tokenizer::scan() {
  skip_space();
  token t;
  t.line = line_;
  t.column = column_;
  if (pos_ >= text_.size()) return t;
  const char c = text_[pos_];
  const auto single = [&](token_kind kind) {
    t.kind = kind;
    ++pos_;
    ++column_;
    return t;
  };
  if (c == '{') return single(token_kind::left_brace);
  if (c == '}') return single(token_kind::right_brace);
  if (c == ',') return single(token_kind::comma);
  if (c == '"') {
    t.kind = token_kind::string;
    ++pos_;
    ++column_;
    for (;;) {
      if (pos_ >= text_.size()) fail(t, "unterminated string (no closing '\"')");
      char d = text_[pos_++];
      ++column_;
      if (d == '"') return t;
      if (d == '\\' && pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\\')) {
        // As in Gambit, \" is a quote; \\ is one backslash; any other
        // backslash is itself.
        d = text_[pos_++];
        ++column_;
      }
      if (d == '\n') {
        ++line_;
        column_ = 1;
      }
      append(t, d);
    }
  }
  t.kind = token_kind::word;
  while (pos_ < text_.size()) {
    const char d = text_[pos_];
    if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == '\v' || d == '{' ||
        d == '}' || d == ',' || d == '"')
      break;
    append(t, d);
    ++pos_;
    ++column_;
  }
  return t;
}

const token& tokenizer::peek() {
  if (!has_lookahead_) {
    lookahead_ = scan();
    has_lookahead_ = true;
  }
  return lookahead_;
}

token tokenizer::next() {
  peek();
  has_lookahead_ = false;
  return std::move(lookahead_);
}

void tokenizer::fail(const token& t, const std::string& message) const {
  throw parse_error(source_, t.line, t.column, message);
}

token tokenizer::expect(token_kind kind, std::string_view expected) {
  token t = next();
  if (t.kind != kind) fail(t, "expected " + std::string(expected) + ", found " + describe(t));
  return t;
}

void tokenizer::expect_keyword(std::string_view keyword, std::string_view expected) {
  token t = next();
  if (t.kind != token_kind::word || t.text != keyword)
    fail(t, "expected " + std::string(expected) + ", found " + describe(t));
}

namespace {

// A word token read as a number by `parse` (parse_rational or
// parse_double), its errors placed at the token.
template <class Parse>
auto read_number(tokenizer& in, const std::string& source, std::string_view expected, Parse parse) {
  token t = in.next();
  if (t.kind != token_kind::word) in.fail(t, "expected " + std::string(expected) + ", found " + describe(t));
  try {
    return parse(t.text);
  } catch (const limit_exceeded& e) {
    throw limit_exceeded(fmt::format("{}:{}:{}: {}", source, t.line, t.column, e.what()), e.limit());
  } catch (const invalid_argument& e) {
    // The parser quotes the raw text; describe the token printably instead.
    const std::string why = e.what();
    const auto colon = why.find(':');
    in.fail(t, "expected " + std::string(expected) + ", found " + describe(t) +
                   (colon == std::string::npos ? std::string() : why.substr(colon)));
  }
}

}  // namespace

rational tokenizer::expect_number(std::string_view expected) {
  return read_number(*this, source_, expected, [](std::string_view text) { return parse_rational(text); });
}

double tokenizer::expect_double(std::string_view expected) {
  return read_number(*this, source_, expected, [](std::string_view text) { return parse_double(text); });
}

std::size_t tokenizer::expect_count(std::string_view expected) {
  token t = next();
  if (t.kind != token_kind::word || t.text.empty())
    fail(t, "expected " + std::string(expected) + ", found " + describe(t));
  std::size_t value = 0;
  for (char c : t.text) {
    if (c < '0' || c > '9') fail(t, "expected " + std::string(expected) + ", found " + describe(t));
    const auto digit = static_cast<std::size_t>(c - '0');
    if (value > (std::numeric_limits<std::size_t>::max() - digit) / 10)
      fail(t, "number " + describe(t) + " is too large");
    value = value * 10 + digit;
  }
  return value;
}

bool tokenizer::accept(token_kind kind) {
  if (peek().kind != kind) return false;
  next();
  return true;
}

gambit_file_header read_gambit_file_header(tokenizer& in, std::string_view kind, std::string_view version,
                                           std::string_view what) {
  gambit_file_header h;
  in.expect_keyword(kind, fmt::format("'{}' at the start of {} file", kind, what));
  const token v = in.next();
  if (v.kind != token_kind::word) in.fail(v, fmt::format("expected the file version {}, found {}", version, describe(v)));
  if (v.text != version)
    in.fail(v, fmt::format("unknown {} version {}; impasse reads version {}", kind, describe(v), version));
  const token type = in.next();
  if (type.kind != token_kind::word || (type.text != "R" && type.text != "D"))
    in.fail(type, "expected the number type 'R' or 'D', found " + describe(type));
  h.title = in.expect(token_kind::string, "the game's title as a quoted string").text;
  in.expect(token_kind::left_brace, "'{' opening the list of player names");
  while (in.peek().kind == token_kind::string) {
    in.enforce_limit(in.peek(), h.players.size() + 1, in.limits().max_players, "max_players",
                     "a game of " + std::to_string(h.players.size() + 1) + " players");
    h.players.push_back(in.next().text);
  }
  const token close = in.expect(token_kind::right_brace, "a quoted player name or '}'");
  if (h.players.empty()) in.fail(close, "a game needs at least one player");
  return h;
}

}  // namespace impasse::detail
