#include "commands.hpp"
#include "game_input.hpp"

#include <impasse/extensive/reduced_strategic_form.hpp>
#include <impasse/io/lrsnash.hpp>
#include <impasse/io/nfg.hpp>

namespace impasse::cli {

int convert(const convert_request& request, std::istream& in, std::ostream& out, std::ostream& err) {
  return run_reporting_errors(out, err, [&](std::string& output) {
    const auto game = read_game(request.file, in);
    // An extensive game is converted through its reduced strategic form.
    const strategic_game<rational> strategic = std::holds_alternative<strategic_game<rational>>(game)
                                                   ? std::get<strategic_game<rational>>(game)
                                                   : to_reduced_strategic_form(std::get<extensive_game<rational>>(game)).game;
    if (request.to == "nfg")
      output = to_nfg(strategic);
    else if (request.to == "lrsnash")
      output = to_lrsnash(strategic);
    else
      throw invalid_argument("unknown format '" + request.to + "' (nfg or lrsnash)");
  });
}

}  // namespace impasse::cli
