// The `impasse` command's argument handling (CLI11), as a function of its
// arguments and streams, so that tests and the fuzzer (fuzz/command_fuzzer.cpp)
// run it in-process; main.cpp only forwards to it.
#include "commands.hpp"

#include <impasse/version.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <optional>
#include <string>

namespace impasse::cli {
namespace {

/// The pair every subcommand that prints numbers takes: --exact (fractions,
/// computed in rationals) or --decimals N, not both.
void add_number_options(CLI::App& command, bool& exact, std::optional<int>& decimals,
                        const std::string& exact_help = "print exact fractions (computes in rationals)") {
  auto* exact_flag = command.add_flag("--exact", exact, exact_help);
  command.add_option("--decimals", decimals, "print decimals with N digits after the point (default 6)")
      ->excludes(exact_flag);
}

/// A count of at least 1: an unsigned option otherwise takes "-5" as a huge
/// number (or "0" as none), and the run would silently differ from the one
/// asked for.
const CLI::Validator at_least_one(
    [](std::string& value) -> std::string {
      std::size_t used = 0;
      unsigned long long count = 0;
      try {
        if (!value.empty() && value.front() != '-' && value.front() != '+') count = std::stoull(value, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      return used == value.size() && count >= 1 ? std::string() : "takes a whole number of at least 1, not " + value;
    },
    "INT>=1");

}  // namespace

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
  CLI::App app{"impasse " IMPASSE_VERSION_STRING
               ": equilibria of games.\nReads Gambit .nfg and .efg files and prints their equilibria in Gambit's format."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(IMPASSE_VERSION_STRING));

  solve_request solve_request;
  auto* solve = app.add_subcommand(
      "solve",
      "Compute equilibria of a game file (.nfg or .efg) and print one per line: NE, then every player's "
      "probabilities, player 1's first (strategies for .nfg; information sets, then actions, for .efg).");
  solve->add_option("--method,-m", solve_request.method,
                    "pure: every pure-strategy Nash equilibrium (of the reduced strategic form for .efg);\n"
                    "vertex: every extreme equilibrium of a two-player game (exact unless --decimals);\n"
                    "support: every extreme equilibrium of a two-player game by support enumeration;\n"
                    "lh: one equilibrium of a two-player game by Lemke-Howson from --label;\n"
                    "lcp: every equilibrium Lemke-Howson paths reach from the artificial one (as gambit-lcp); "
                    "for a two-player .efg, one equilibrium by Lemke's algorithm on the sequence form;\n"
                    "lp: optimal strategies of a two-player zero-sum (constant-sum) game, .nfg or .efg (sequence form);\n"
                    "spe: subgame-perfect equilibria of an .efg, with an action at every information set;\n"
                    "Any number of players (an .efg through its reduced strategic form):\n"
                    "simpdiv: one approximate equilibrium per start by simplicial subdivision with grid refinement "
                    "(van der Laan-Talman-van der Heyden, as gambit-simpdiv); exact grid points with --exact;\n"
                    "gnm: equilibria on Govindan-Wilson global Newton paths (--starts seeded perturbations);\n"
                    "ipa: one equilibrium per start by iterated polymatrix approximation (Govindan-Wilson);\n"
                    "enumpoly: every isolated equilibrium, each certified by an interval box (Krawczyk); degenerate "
                    "supports reported;\n"
                    "logit: the end point of the principal branch of the logit QRE correspondence, checked as a Nash "
                    "equilibrium (as gambit-logit; --lambda, --estimate, --branch)")
      ->check(CLI::IsMember({"pure", "vertex", "support", "lh", "lcp", "lp", "spe", "simpdiv", "gnm", "ipa", "enumpoly", "logit"}))
      ->capture_default_str();
  solve->add_option("--label", solve_request.label,
                    "for lh: the label dropped first, 1..m for the row player's strategies, m+1..m+n for the "
                    "column player's")
      ->capture_default_str();
  solve->add_flag("--components,-c", solve_request.components,
                  "for vertex: also print the maximal Nash subsets, each extreme point as convex-S (as gambit-enummixed -c)");
  add_number_options(*solve, solve_request.exact, solve_request.decimals);
  solve->add_option("--format", solve_request.format, "gambit: NE lines; json: one JSON document")
      ->check(CLI::IsMember({"gambit", "json"}))
      ->capture_default_str();
  solve->add_option("file", solve_request.file, "the game file, or - for standard input")->capture_default_str();
  solve->add_option("--seed", solve_request.seed,
                    "gnm, ipa, simpdiv: seed of the random perturbations and starts (default 1)");
  solve->add_option("--starts,-n", solve_request.starts,
                    "gnm, ipa, simpdiv: number of starts (simpdiv: every player's first strategy, then random pure "
                    "profiles)")
      ->check(at_least_one)
      ->capture_default_str();
  solve->add_option("--grid-refinement,-g", solve_request.grid_refinement,
                    "simpdiv: factor by which the grid is refined at each restart (gambit-simpdiv -g)")
      ->capture_default_str();
  solve->add_option("--max-regret", solve_request.max_regret,
                    "largest regret accepted, relative to the payoff range (logit: 1e-8, as gambit-logit -m; simpdiv: 1e-7, as "
                    "gambit-simpdiv -m)");
  solve->add_option("--end-lambda", solve_request.end_lambda,
                    "gnm: follow each branch until lambda (payoffs scaled to range 1) falls below this negative number "
                    "(gambit-gnm -m; default -10)");
  solve->add_option("--max-steps", solve_request.max_steps,
                    "gnm: steps, and support changes, each branch may take before it is cut short (status 'limit "
                    "reached'; default 20000)")
      ->check(at_least_one);
  solve->add_option("--lambda,-l", solve_request.lambdas,
                    "logit: print the QRE at this lambda (repeat for several) as lambda,p... lines")
      ->allow_extra_args(false);
  solve->add_option("--estimate,-L", solve_request.estimate,
                    "logit: maximum-likelihood estimate of lambda from the strategy frequencies in FILE (numbers "
                    "separated by commas, one per strategy), printed as lambda,p...,log-likelihood (gambit-logit -L)");
  solve->add_flag("--branch", solve_request.branch,
                  "logit: print every point of the branch as lambda,p... before the result (gambit-logit without -e)");
  solve->add_flag("--check", solve_request.check,
                  "check every equilibrium printed by its regret (Nash; subgame perfect for spe), exactly with --exact; "
                  "print the largest regret on standard error; exit 3 if one fails");

  convert_request convert_request;
  auto* convert = app.add_subcommand(
      "convert",
      "Write a game file in another format: .nfg, or lrsnash's input format for comparisons; an .efg becomes its "
      "reduced strategic form.");
  convert->add_option("--to", convert_request.to, "nfg (Gambit) or lrsnash (two-player games)")
      ->check(CLI::IsMember({"nfg", "lrsnash"}))
      ->capture_default_str();
  convert->add_option("file", convert_request.file, "the game file, or - for standard input")->capture_default_str();

  stochastic_request stochastic_request;
  auto* stochastic = app.add_subcommand(
      "stochastic",
      "Markov perfect equilibria of a stochastic game (JSON file). One per line: MPE, then for each state in file "
      "order, each player, the probability of each of that player's actions there (with --horizon T: period 1's "
      "states first, then period 2's, ...).");
  stochastic
      ->add_option("--method,-m", stochastic_request.method,
                   "pure: every pure stationary MPE (with --horizon: every pure MPE, by backward induction);\n"
                   "homotopy: one stationary MPE, mixed if need be, by the logit homotopy (with --horizon: every "
                   "combination of extreme stage equilibria, two players);\n"
                   "shapley: values and optimal stationary strategies of a two-player zero-sum game")
      ->check(CLI::IsMember({"pure", "homotopy", "shapley"}))
      ->capture_default_str();
  stochastic->add_option("--horizon", stochastic_request.horizon, "play T periods instead of forever");
  add_number_options(*stochastic, stochastic_request.exact, stochastic_request.decimals);
  stochastic->add_flag("--values", stochastic_request.values,
                       "after each equilibrium, a V, line: each state's value for each player (with --horizon: "
                       "from the first period)");
  stochastic->add_option("--threads", stochastic_request.threads, "worker threads for pure (0: all cores)")
      ->capture_default_str();
  stochastic->add_flag("--check", stochastic_request.check,
                       "check every profile printed by its one-shot deviation gain (exactly with --exact); print the "
                       "largest on standard error; exit 3 if one fails");
  stochastic->add_option("file", stochastic_request.file, "the game file (JSON), or - for standard input")
      ->capture_default_str();

  generate_request generate_request;
  auto* generate = app.add_subcommand(
      "generate", "Write a generated game as an .nfg file; the same seed gives the same game on every machine.");
  generate
      ->add_option("family", generate_request.family,
                   "random: uniform integers in [low, high]; degenerate: integers in [0, high]; coordination: "
                   "identity payoffs, n x n with --size n; zero-sum; sgc: Sandholm-Gilpin-Conitzer with --size k; "
                   "unit-vector; hard: Savani-von Stengel with --size d (even); ranking: --size n; blotto: --size "
                   "battlefields and --soldiers")
      ->check(CLI::IsMember(
          {"random", "degenerate", "coordination", "zero-sum", "sgc", "unit-vector", "hard", "ranking", "blotto"}))
      ->capture_default_str();
  generate->add_option("--size", generate_request.size, "the family's size parameter")->capture_default_str();
  generate->add_option("--soldiers", generate_request.soldiers, "soldiers per side (blotto)")->capture_default_str();
  generate->add_option("--strategies", generate_request.strategies, "strategy counts, one per player: 12,12")
      ->delimiter(',')
      ->capture_default_str();
  generate->add_option("--seed", generate_request.seed, "random seed")->capture_default_str();
  generate->add_option("--low", generate_request.low, "smallest payoff")->capture_default_str();
  generate->add_option("--high", generate_request.high, "largest payoff")->capture_default_str();

  repeated_request repeated_request;
  auto* repeated = app.add_subcommand(
      "repeated",
      "The subgame-perfect equilibrium payoffs of the game repeated with discount factor --delta: for the infinitely "
      "repeated two-player game, the vertices of the set of pure-action SPE payoffs with public randomisation "
      "(Abreu-Sannikov), one per line V,u1,u2, counter-clockwise; with --horizon T, the pure SPE payoffs of the "
      "T-times repeated game (V lines of their convex hull for two players, P,u1,...,un otherwise). With --check "
      "AUTOMATA.json, the critical discount factor of a profile of automata (critical,D), and at --delta its payoffs "
      "and whether it is subgame perfect.");
  repeated->add_option("--delta,-d", repeated_request.delta,
                       "discount factor in (0, 1): a decimal or a fraction, or one per player separated by commas");
  repeated->add_option("--horizon", repeated_request.horizon, "number of rounds (default: infinitely repeated)");
  repeated->add_option("--check", repeated_request.check, "a JSON file with one automaton per player to check");
  add_number_options(
      *repeated, repeated_request.exact, repeated_request.decimals,
      "compute in rationals, print fractions (exact vertices when the set is checked to be a fixed point, as for "
      "the prisoner's dilemma; otherwise, e.g. when vertices are irrational, fractions within about 1e-12)");
  repeated->add_option("file", repeated_request.file, "the stage game (.nfg), or - for standard input")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    err << "impasse: " << e.what() << "\nRun 'impasse --help' for usage.\n";
    return 2;
  }

  try {
    if (stochastic->parsed()) return cli::stochastic(stochastic_request, in, out, err);
    if (solve->parsed()) return cli::solve(solve_request, in, out, err);
    if (convert->parsed()) return cli::convert(convert_request, in, out, err);
    if (generate->parsed()) return cli::generate(generate_request, out, err);
    if (repeated->parsed()) return cli::repeated(repeated_request, in, out, err);
  } catch (const std::exception& e) {
    err << "impasse: internal error: " << e.what() << "\n";
    return 3;
  }
  return 2;
}

}  // namespace impasse::cli
