#include "commands.hpp"

#include <impasse/generators.hpp>
#include <impasse/io/nfg.hpp>

namespace impasse::cli {

int generate(const generate_request& request, std::ostream& out, std::ostream& err) {
  return run_reporting_errors(out, err, [&](std::string& output) {
    if (request.family == "random") {
      output = to_nfg(random_game<rational>(request.strategies,
                                            {.seed = request.seed, .low = request.low, .high = request.high}));
    } else {
      throw invalid_argument("unknown game family '" + request.family + "'");
    }
  });
}

}  // namespace impasse::cli
