// Running lrslib's lrsnash (Avis) on a game and reading its equilibria, as
// an independent oracle for the two-player solvers' tests.
//
// lrsnash reads "m n", a blank line, the m rows of player 1's payoffs, a
// blank line, the m rows of player 2's. It prints each equilibrium block as
// one or more lines "2 y_1 .. y_n v" (player 2's strategy and player 1's
// payoff) followed by lines "1 x_1 .. x_m u" (player 1's strategy and
// player 2's payoff); every x of a block pairs with every y. Blocks are
// separated by blank lines; lines starting with '*' are comments.
#pragma once

#include <impasse/core/scalar.hpp>
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/lrsnash.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace impasse::test {

inline std::filesystem::path lrsnash_program() { return "/usr/bin/lrsnash"; }

inline bool lrsnash_present() { return std::filesystem::exists(lrsnash_program()); }

/// The equilibria in lrsnash's output, as profiles of a game with m and n
/// strategies.
inline std::vector<mixed_profile<rational>> parse_lrsnash_output(const std::string& text, std::size_t m, std::size_t n) {
  std::vector<mixed_profile<rational>> out;
  std::vector<std::vector<rational>> xs, ys;
  const auto flush = [&] {
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
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string player;
    if (!(words >> player) || player[0] == '*') {
      if (!xs.empty()) flush();
      continue;
    }
    std::vector<rational> numbers;
    for (std::string word; words >> word;) numbers.push_back(parse_rational(word));
    if (player == "1" && numbers.size() == m + 1) {
      numbers.pop_back();
      xs.push_back(std::move(numbers));
    } else if (player == "2" && numbers.size() == n + 1) {
      if (!xs.empty()) flush();
      numbers.pop_back();
      ys.push_back(std::move(numbers));
    } else {
      throw std::runtime_error("unexpected lrsnash output line: " + line);
    }
  }
  flush();
  return out;
}

/// lrsnash's extreme equilibria of a game as Gambit's exact `NE,` lines, or
/// nothing if lrsnash is not installed.
inline std::optional<std::set<std::string>> lrsnash_equilibria(const strategic_game<rational>& game) {
  if (!lrsnash_present()) return std::nullopt;
  static int counter = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    ("impasse_lrsnash_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".txt");
  {
    std::ofstream file(path);
    file << to_lrsnash(game);
  }
  const std::string command = lrsnash_program().string() + " " + path.string() + " 2>&1";
  std::string text;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, got);
    ::pclose(pipe);
  }
  std::filesystem::remove(path);
  std::set<std::string> lines;
  for (const auto& profile : parse_lrsnash_output(text, game.num_strategies(0), game.num_strategies(1)))
    lines.insert(gambit_line("NE", profile, {.exact = true}));
  return lines;
}

}  // namespace impasse::test
