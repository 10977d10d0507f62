#include <impasse/io/lrsnash.hpp>

#include <impasse/core/limits.hpp>

#include <ostream>
#include <sstream>

namespace impasse {

void write_lrsnash(std::ostream& out, const strategic_game<rational>& game) {
  if (game.num_players() != 2)
    throw invalid_argument("lrsnash reads two-player games; this game has " + std::to_string(game.num_players()) +
                           " players");
  out << game.num_strategies(0) << " " << game.num_strategies(1) << "\n";
  for (std::size_t player = 0; player < 2; ++player) {
    out << "\n";
    const auto payoffs = game.payoff_matrix(player);
    for (Eigen::Index r = 0; r < payoffs.rows(); ++r) {
      for (Eigen::Index c = 0; c < payoffs.cols(); ++c) out << (c ? " " : "") << to_fraction_string(payoffs(r, c));
      out << "\n";
    }
  }
}

std::string to_lrsnash(const strategic_game<rational>& game) {
  std::ostringstream out;
  write_lrsnash(out, game);
  return out.str();
}

std::vector<mixed_profile<rational>> parse_lrsnash_output(std::string_view text, std::size_t m, std::size_t n,
                                                         std::string_view source_view) {
  const std::string source(source_view);
  const input_limits limits = input_limits_in_force();
  detail::enforce_limit(text.size(), limits.max_input_bytes, "max_input_bytes", source,
                        "the input (" + std::to_string(text.size()) + " bytes)");
  std::vector<mixed_profile<rational>> out;
  std::vector<std::vector<rational>> xs, ys;
  std::size_t numbers_out = 0;  // bounds the pairs of a block: every x with every y
  std::size_t line_number = 0;
  const auto flush = [&] {
    numbers_out += xs.size() * ys.size() * (m + n);
    detail::enforce_limit(numbers_out, limits.max_input_bytes, "max_input_bytes",
                          source + ":" + std::to_string(line_number), "the equilibria's numbers");
    for (const auto& x : xs)
      for (const auto& y : ys) {
        mixed_profile<rational> profile({m, n});
        for (std::size_t i = 0; i < m; ++i) profile(0, i) = x[i];
        for (std::size_t j = 0; j < n; ++j) profile(1, j) = y[j];
        out.push_back(std::move(profile));
      }
    xs.clear();
    ys.clear();
  };
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    // The words of the line, with the column where each starts.
    std::vector<std::pair<std::string_view, std::size_t>> words;
    for (std::size_t k = 0; k < line.size();) {
      if (line[k] == ' ' || line[k] == '\t' || line[k] == '\r') {
        ++k;
        continue;
      }
      const std::size_t w = k;
      while (k < line.size() && line[k] != ' ' && line[k] != '\t' && line[k] != '\r') ++k;
      words.emplace_back(line.substr(w, k - w), w + 1);
    }
    if (words.empty() || words.front().first.front() == '*') {
      if (!xs.empty()) flush();
      continue;
    }
    const auto fail = [&](std::size_t column, const std::string& message) {
      throw parse_error(source, line_number, column, message);
    };
    const std::string_view player = words.front().first;
    const std::size_t length = player == "1" ? m : player == "2" ? n : 0;
    if (length == 0) fail(words.front().second, "expected a line of player 1 or 2's strategy, or a comment");
    if (words.size() != length + 2)
      fail(words.front().second, "player " + std::string(player) + "'s line has " + std::to_string(words.size() - 1) +
                                     " numbers, expected " + std::to_string(length + 1) + " (strategy and payoff)");
    std::vector<rational> numbers;
    for (std::size_t k = 1; k < words.size(); ++k) {
      try {
        numbers.push_back(parse_rational(words[k].first));
      } catch (const limit_exceeded& e) {
        throw limit_exceeded(source + ":" + std::to_string(line_number) + ":" + std::to_string(words[k].second) +
                                 ": " + e.what(),
                             e.limit());
      } catch (const invalid_argument&) {
        fail(words[k].second, "expected a number");
      }
    }
    numbers.pop_back();  // the other player's payoff
    if (player == "1") {
      xs.push_back(std::move(numbers));
    } else {
      if (!xs.empty()) flush();
      ys.push_back(std::move(numbers));
    }
  }
  flush();
  return out;
}

}  // namespace impasse
