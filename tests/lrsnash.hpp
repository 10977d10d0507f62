// Running lrslib's lrsnash (Avis) on a game and reading its equilibria, as
// an independent oracle for the two-player solvers' tests.
//
// lrsnash's input is written by impasse/io/lrsnash.hpp, and its output read
// by parse_lrsnash_output there.
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
  for (const auto& profile : parse_lrsnash_output(text, game.num_strategies(0), game.num_strategies(1), "lrsnash"))
    lines.insert(gambit_line("NE", profile, {.exact = true}));
  return lines;
}

}  // namespace impasse::test
