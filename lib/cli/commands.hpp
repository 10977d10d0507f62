// The `impasse` command's subcommands, as functions of their parsed
// arguments and streams so that tests can run them in-process. Each returns
// the exit status: 0 on success; 1 on bad input, reported on `err` as one
// line `impasse: WHERE: what` with nothing written to `out`.
#pragma once

#include <impasse/core/error.hpp>

#include <cstdint>
#include <iosfwd>
#include <new>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace impasse::cli {

/// Exit statuses beyond 0 (success), 1 (bad input: one line on standard
/// error) and 2 (bad arguments): a `--check` that an answer failed (or an
/// internal error), and a solver that ended without an answer (a limit or a
/// numerical failure), said on standard error.
inline constexpr int exit_check_failed = 3;
inline constexpr int exit_no_answer = 4;

struct solve_request {
  std::string method = "pure";
  /// For `lh`: the label dropped first (1..m row strategies, m+1..m+n column strategies).
  std::size_t label = 1;
  /// For `vertex`: also print the maximal Nash subsets (convex-S lines).
  bool components = false;
  bool exact = false;
  std::optional<int> decimals;
  std::string format = "gambit";
  std::string file = "-";  ///< "-" reads standard input
  /// Check every equilibrium with the regret functions (strategic/regret.hpp,
  /// extensive/regret.hpp; independent of the solvers): Nash, and for
  /// `spe` subgame perfect; exactly zero with --exact, within the game's
  /// payoff tolerance otherwise (core/tolerance.hpp; for the methods for any
  /// number of players, which are approximate, at most 1e-6 of the payoff
  /// range). Prints the largest regret on the error stream; exit status 3 if
  /// any fails.
  bool check = false;
  // The methods for any number of players (simpdiv, gnm, ipa, enumpoly, logit):
  /// Seed of the random starting points or perturbations (gnm, ipa, simpdiv).
  std::optional<std::uint64_t> seed;
  /// Number of starts (gnm, ipa, simpdiv): seeded perturbations (gnm, ipa);
  /// for simpdiv every player's first strategy (gambit-simpdiv's default
  /// start), then random pure profiles from the seed.
  std::size_t starts = 1;
  /// simpdiv: the grid's denominator is multiplied by this at each restart
  /// (gambit-simpdiv -g).
  std::size_t grid_refinement = 2;
  /// Largest regret accepted, relative to the payoff range.
  std::optional<double> max_regret;
  /// gnm: each branch is followed until lambda falls below this (negative;
  /// gambit-gnm -m, default -10).
  std::optional<double> end_lambda;
  /// gnm: steps, and support changes, each branch may take (default 20,000).
  std::optional<std::size_t> max_steps;
  /// logit: the QRE at each of these lambdas instead of the end point.
  std::vector<double> lambdas;
  /// logit: estimate lambda from the strategy frequencies in this file.
  std::string estimate;
  /// logit: print every point of the branch (lambda,p... lines) before the result.
  bool branch = false;
};

/// `impasse solve`: prints one line per equilibrium (or one JSON document).
/// When the run stopped at a limit, says so on `err` (in JSON: "status").
int solve(const solve_request& request, std::istream& in, std::ostream& out, std::ostream& err);

struct convert_request {
  std::string to = "nfg";  ///< nfg | lrsnash
  std::string file = "-";
};

/// `impasse convert`: writes the game in another format.
int convert(const convert_request& request, std::istream& in, std::ostream& out, std::ostream& err);

struct generate_request {
  /// random, degenerate, coordination, zero-sum, sgc, unit-vector, hard, ranking, blotto
  std::string family = "random";
  std::vector<std::size_t> strategies = {3, 3};
  std::uint64_t seed = 1;
  std::int64_t low = 0;
  std::int64_t high = 99;
  /// The family's size parameter: n for coordination and ranking games, k
  /// for Sandholm-Gilpin-Conitzer, d for the hard games, battlefields for Blotto.
  std::size_t size = 3;
  /// Soldiers per side in Blotto games.
  std::size_t soldiers = 5;
};

/// `impasse generate`: writes a generated game as an .nfg file.
int generate(const generate_request& request, std::ostream& out, std::ostream& err);

struct stochastic_request {
  std::string method = "pure";  ///< pure | homotopy | shapley
  /// Play this many periods (backward induction) instead of forever.
  std::optional<std::size_t> horizon;
  bool exact = false;
  /// Also print each equilibrium's values (a V, line).
  bool values = false;
  std::optional<int> decimals;
  std::size_t threads = 0;
  /// Check every profile printed by its one-shot deviation gain (exactly
  /// with --exact); print the largest on the error stream; exit status 3 if
  /// one fails.
  bool check = false;
  std::string file = "-";
};

/// `impasse stochastic`: Markov perfect equilibria of a stochastic game (JSON).
int stochastic(const stochastic_request& request, std::istream& in, std::ostream& out, std::ostream& err);

struct repeated_request {
  /// One discount factor, or one per player separated by commas; a decimal or a fraction.
  std::string delta;
  /// Rounds of a finitely repeated game; none for the infinitely repeated one.
  std::optional<std::size_t> horizon;
  /// A JSON file with a profile of automata to check (see repeated.cpp).
  std::string check;
  bool exact = false;
  std::optional<int> decimals;
  std::string file = "-";
};

/// `impasse repeated`: the vertices of the SPE payoff set (V lines), or the
/// check of a profile of automata (its critical discount factor).
int repeated(const repeated_request& request, std::istream& in, std::ostream& out, std::ostream& err);

/// The whole command: parses `argv` (CLI11) and runs the subcommand it names,
/// reading standard input from `in`. Returns the exit status: 0 success, 1 bad
/// input, 2 bad arguments, 3 a failed --check or an internal error.
int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

/// Runs `body`, which writes its output to the string it is given; prints
/// that string on `out` only if `body` succeeds, and turns impasse's errors
/// on bad input into the one-line report and status 1. An `internal_error`
/// (a bug, not bad input) goes on to main's "internal error" report, status 3.
template <class Body>
int run_reporting_errors(std::ostream& out, std::ostream& err, Body&& body) {
  try {
    std::string output;
    body(output);
    out << output;
    out.flush();
    return 0;
  } catch (const internal_error&) {
    throw;
  } catch (const error& e) {
    err << "impasse: " << e.what() << "\n";
    return 1;
  } catch (const std::bad_alloc&) {
    err << "impasse: out of memory\n";
    return 1;
  }
}

}  // namespace impasse::cli
