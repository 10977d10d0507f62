// impasse: equilibria of strategic games from the command line.
#include "commands.hpp"

#include <impasse/version.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"impasse " IMPASSE_VERSION_STRING
               ": equilibria of games.\nReads Gambit .nfg files and prints their equilibria in Gambit's format."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(IMPASSE_VERSION_STRING));

  impasse::cli::solve_request request;
  auto* solve = app.add_subcommand(
      "solve",
      "Compute Nash equilibria of a game file (.nfg) and print one per line: NE, then every player's "
      "probabilities, player 1's strategies first.");
  solve->add_option("--method,-m", request.method, "pure: every pure-strategy Nash equilibrium")
      ->check(CLI::IsMember({"pure"}))
      ->capture_default_str();
  auto* exact = solve->add_flag("--exact", request.exact, "print exact fractions (computes in rationals)");
  solve->add_option("--decimals", request.decimals, "print decimals with N digits after the point (default 6)")
      ->excludes(exact);
  solve->add_option("--format", request.format, "gambit: NE lines; json: one JSON document")
      ->check(CLI::IsMember({"gambit", "json"}))
      ->capture_default_str();
  solve->add_option("file", request.file, "the game file, or - for standard input")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "impasse: " << e.what() << "\nRun 'impasse --help' for usage.\n";
    return 2;
  }

  try {
    if (solve->parsed()) return impasse::cli::solve(request, std::cin, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "impasse: internal error: " << e.what() << "\n";
    return 3;
  }
  return 2;
}
