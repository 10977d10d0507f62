// The `impasse` command's subcommands, as functions of their parsed
// arguments and streams so that tests can run them in-process.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace impasse::cli {

struct solve_request {
  std::string method = "pure";
  bool exact = false;
  std::optional<int> decimals;
  std::string format = "gambit";
  std::string file = "-";  ///< "-" reads standard input
};

/// Runs `impasse solve`: reads the game, solves it, prints one line per
/// equilibrium (or one JSON document) on `out`. Bad input is reported on
/// `err` as one line `impasse: FILE:LINE:COLUMN: message`, with nothing on
/// `out`, and the return value is 1; success returns 0.
int solve(const solve_request& request, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace impasse::cli
