#include "commands.hpp"
#include "game_input.hpp"

#include <impasse/io/lrsnash.hpp>
#include <impasse/io/nfg.hpp>

namespace impasse::cli {

int convert(const convert_request& request, std::istream& in, std::ostream& out, std::ostream& err) {
  return run_reporting_errors(out, err, [&](std::string& output) {
    const auto game = read_strategic_game(request.file, in);
    if (request.to == "nfg")
      output = to_nfg(game);
    else if (request.to == "lrsnash")
      output = to_lrsnash(game);
    else
      throw invalid_argument("unknown format '" + request.to + "' (nfg or lrsnash)");
  });
}

}  // namespace impasse::cli
