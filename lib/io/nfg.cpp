// Reader and writer for Gambit's .nfg format (see <impasse/io/nfg.hpp>).
#include <impasse/io/nfg.hpp>

#include "gambit_text.hpp"
#include "tokenizer.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

namespace impasse {
namespace {

using detail::token;
using detail::token_kind;
using detail::tokenizer;

struct nfg_header {
  std::string title;
  std::vector<std::string> players;
  std::vector<std::size_t> counts;
  std::vector<std::vector<std::string>> strategy_labels;  // empty when counts were given
  std::string comment;
};

nfg_header read_header(tokenizer& in) {
  nfg_header h;
  auto start = detail::read_gambit_file_header(in, "NFG", "1", "a strategic game");
  h.title = std::move(start.title);
  h.players = std::move(start.players);

  const token open = in.expect(token_kind::left_brace, "'{' opening the strategy counts or labels");
  if (in.peek().kind == token_kind::left_brace) {
    while (in.accept(token_kind::left_brace)) {
      std::vector<std::string> labels;
      while (in.peek().kind == token_kind::string) labels.push_back(in.next().text);
      const token close = in.expect(token_kind::right_brace, "a quoted strategy label or '}'");
      if (labels.empty())
        in.fail(close, "player " + std::to_string(h.strategy_labels.size() + 1) + " has no strategies");
      h.strategy_labels.push_back(std::move(labels));
      if (h.strategy_labels.size() > h.players.size())
        in.fail(close, "more strategy lists than the " + std::to_string(h.players.size()) + " players");
    }
    for (const auto& labels : h.strategy_labels) h.counts.push_back(labels.size());
  } else {
    while (in.peek().kind == token_kind::word) {
      const token at = in.peek();
      const std::size_t count = in.expect_count("a strategy count");
      if (count == 0) in.fail(at, "player " + std::to_string(h.counts.size() + 1) + " has no strategies");
      h.counts.push_back(count);
    }
  }
  const token close = in.expect(token_kind::right_brace,
                                h.strategy_labels.empty() ? "a strategy count or '}'" : "'{' or '}'");
  if (h.counts.size() != h.players.size())
    in.fail(close, "strategies are given for " + std::to_string(h.counts.size()) + " players, but the game has " +
                       std::to_string(h.players.size()));
  // Before any table is allocated: 70 players with two strategies each, or
  // one player with a billion, stop here.
  const std::size_t cap = in.limits().max_pure_profiles;
  double profiles = 1;
  for (auto m : h.counts) profiles *= static_cast<double>(m);
  if (profiles > static_cast<double>(cap))
    in.enforce_limit(open, cap + 1, cap, "max_pure_profiles",
                     fmt::format("the game's {:.4g} pure strategy profiles", profiles));
  std::size_t entries = h.players.size();
  for (auto m : h.counts) {
    if (entries > max_payoff_entries / m)
      in.fail(open, "the game is too large: the strategy counts make more than " +
                        std::to_string(max_payoff_entries) + " payoffs");
    entries *= m;
  }
  if (in.peek().kind == token_kind::string) h.comment = in.next().text;
  return h;
}

std::size_t count_profiles(const std::vector<std::size_t>& counts) {
  std::size_t profiles = 1;
  for (auto m : counts) profiles *= m;
  return profiles;
}

void expect_end(tokenizer& in, const std::string& after) {
  const token t = in.next();
  if (t.kind != token_kind::end) in.fail(t, "unexpected " + detail::describe(t) + " after " + after);
}

}  // namespace

template <scalar Scalar>
strategic_game<Scalar> parse_nfg(std::string_view text, std::string_view source) {
  // In double each payoff is rounded once, from its text: no rational is
  // made for the numbers nearly every file holds (see parse_double).
  const auto read_payoff = [](tokenizer& in) {
    if constexpr (is_exact_v<Scalar>)
      return in.expect_number("a payoff");
    else
      return in.expect_double("a payoff");
  };
  tokenizer in(text, source);
  nfg_header h = read_header(in);
  const std::size_t n = h.players.size();
  const std::size_t profiles = count_profiles(h.counts);

  // Payoffs are collected before the game is built, so a truncated file
  // that claims a huge game fails without allocating for it.
  std::vector<Scalar> payoffs;  // profile-major: all players at profile 0, then profile 1, ...
  if (in.accept(token_kind::left_brace)) {
    std::vector<std::vector<Scalar>> outcomes;
    // In double an outcome's payoffs are read exactly and then rounded, and
    // one beyond a double's range is an error only where a profile uses
    // the outcome (as converting the exact game would find): its token.
    std::vector<std::optional<token>> beyond_double;
    while (in.peek().kind == token_kind::left_brace) {
      in.next();
      in.expect(token_kind::string, "the outcome's name as a quoted string");
      std::vector<Scalar> values;
      std::optional<token> beyond;
      while (in.peek().kind != token_kind::right_brace) {
        if (!values.empty()) in.accept(token_kind::comma);
        const token at = in.peek();
        if (values.size() == n)
          in.fail(at, "outcome " + std::to_string(outcomes.size() + 1) + " has more than " + std::to_string(n) +
                          " payoffs (one per player)");
        if constexpr (is_exact_v<Scalar>) {
          values.push_back(in.expect_number("a payoff"));
        } else {
          values.push_back(scalar_cast<double>(in.expect_number("a payoff")));
          if (!std::isfinite(values.back()) && !beyond) beyond = at;
        }
      }
      const token close = in.next();
      if (values.size() != n)
        in.fail(close, "outcome " + std::to_string(outcomes.size() + 1) + " has " + std::to_string(values.size()) +
                           " payoff(s), expected " + std::to_string(n) + " (one per player)");
      outcomes.push_back(std::move(values));
      beyond_double.push_back(std::move(beyond));
    }
    in.expect(token_kind::right_brace, "'{' opening an outcome or '}' closing the outcome list");
    payoffs.reserve(std::min<std::size_t>(profiles * n, 1 << 20));
    for (std::size_t p = 0; p < profiles; ++p) {
      const token at = in.peek();
      if (at.kind == token_kind::end)
        in.fail(at, "the file ends after " + std::to_string(p) + " of the " + std::to_string(profiles) +
                        " outcome numbers (one per strategy profile)");
      const std::size_t outcome = in.expect_count("an outcome number");
      if (outcome > outcomes.size())
        in.fail(at, "outcome " + std::to_string(outcome) + " does not exist (there are " +
                        std::to_string(outcomes.size()) + ")");
      if (outcome != 0 && beyond_double[outcome - 1])
        in.fail(*beyond_double[outcome - 1], "expected a payoff, found " + detail::describe(*beyond_double[outcome - 1]) +
                                                 ": beyond the range of a double (outcome " + std::to_string(outcome) +
                                                 " is used at profile " + std::to_string(p + 1) + ")");
      for (std::size_t i = 0; i < n; ++i)
        payoffs.push_back(outcome == 0 ? Scalar(0) : outcomes[outcome - 1][i]);
    }
    expect_end(in, "the " + std::to_string(profiles) + " outcome numbers");
  } else {
    payoffs.reserve(std::min<std::size_t>(profiles * n, 1 << 20));
    for (std::size_t k = 0; k < profiles * n; ++k) {
      const token at = in.peek();
      if (at.kind == token_kind::end)
        in.fail(at, "the file ends after " + std::to_string(k) + " of the " + std::to_string(profiles * n) +
                        " payoffs");
      payoffs.push_back(read_payoff(in));
    }
    expect_end(in, "the " + std::to_string(profiles * n) + " payoffs");
  }

  strategic_game<Scalar> game(h.counts);
  game.set_title(std::move(h.title));
  game.set_comment(std::move(h.comment));
  for (std::size_t i = 0; i < n; ++i) {
    game.set_player_label(i, std::move(h.players[i]));
    if (!h.strategy_labels.empty())
      for (std::size_t s = 0; s < h.counts[i]; ++s) game.set_strategy_label(i, s, std::move(h.strategy_labels[i][s]));
  }
  for (std::size_t p = 0; p < profiles; ++p)
    for (std::size_t i = 0; i < n; ++i) game.set_payoff(i, p, std::move(payoffs[p * n + i]));
  return game;
}

template <scalar Scalar>
strategic_game<Scalar> read_nfg(std::istream& in, std::string_view source) {
  return parse_nfg<Scalar>(detail::read_stream_text(in, source), source);
}

template <scalar Scalar>
strategic_game<Scalar> read_nfg_file(const std::filesystem::path& path) {
  return parse_nfg<Scalar>(detail::read_file_text(path.string()), path.string());
}

template strategic_game<rational> parse_nfg<rational>(std::string_view, std::string_view);
template strategic_game<double> parse_nfg<double>(std::string_view, std::string_view);
template strategic_game<rational> read_nfg<rational>(std::istream&, std::string_view);
template strategic_game<double> read_nfg<double>(std::istream&, std::string_view);
template strategic_game<rational> read_nfg_file<rational>(const std::filesystem::path&);
template strategic_game<double> read_nfg_file<double>(const std::filesystem::path&);

namespace {

template <scalar Scalar>
void write(std::ostream& out, const strategic_game<Scalar>& game) {
  using detail::number_text;
  using detail::quoted;
  out << "NFG 1 " << (is_exact_v<Scalar> ? "R" : "D") << " " << quoted(game.title()) << " {";
  for (std::size_t i = 0; i < game.num_players(); ++i) out << " " << quoted(game.player_label(i));
  out << " }\n\n";
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    out << (i == 0 ? "{ {" : "{");
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) out << " " << quoted(game.strategy_label(i, s));
    out << " }\n";
  }
  out << "}\n" << quoted(game.comment()) << "\n\n";
  for (std::size_t p = 0; p < game.num_profiles(); ++p) {
    for (std::size_t i = 0; i < game.num_players(); ++i)
      out << (i == 0 ? "" : " ") << number_text(game.payoff(i, p));
    out << "\n";
  }
}

template <scalar Scalar>
std::string to_text(const strategic_game<Scalar>& game) {
  std::ostringstream out;
  write(out, game);
  return out.str();
}

}  // namespace

void write_nfg(std::ostream& out, const strategic_game<rational>& game) { write(out, game); }
void write_nfg(std::ostream& out, const strategic_game<double>& game) { write(out, game); }
std::string to_nfg(const strategic_game<rational>& game) { return to_text(game); }
std::string to_nfg(const strategic_game<double>& game) { return to_text(game); }

}  // namespace impasse
