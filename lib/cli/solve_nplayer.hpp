// `impasse solve` for the methods that take games with any number of
// players: simplicial subdivision, global Newton, iterated polymatrix
// approximation, certified polynomial enumeration and the logit QRE
// correspondence. Extensive games go through their reduced strategic form
// and come back as behaviour profiles (Kuhn).
#pragma once

#include "commands.hpp"
#include "solution.hpp"

#include <impasse/extensive/game.hpp>
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/strategic/game.hpp>

#include <string>

namespace impasse::cli {

/// True for simpdiv, gnm, ipa, enumpoly and logit.
[[nodiscard]] bool is_nplayer_method(const std::string& method);

/// Throws invalid_argument naming the first option given (--seed,
/// --starts, --max-regret, --lambda, ...) that the request's method does
/// not take, and the methods that take it: given to another method it
/// would be ignored, and the run would differ silently from the one asked
/// for.
void refuse_options_of_other_methods(const solve_request& request);

/// True when the method computes in double whatever the game's numbers
/// (gnm, ipa, logit, and simpdiv without --exact), so that a strategic
/// game can be read straight into doubles for it.
[[nodiscard]] bool nplayer_method_computes_in_double(const solve_request& request);

[[nodiscard]] solution solve_nplayer(const strategic_game<rational>& game, const solve_request& request,
                                     const number_style& style);
/// For a method for which `nplayer_method_computes_in_double`.
[[nodiscard]] solution solve_nplayer(const strategic_game<double>& game, const solve_request& request,
                                     const number_style& style);
[[nodiscard]] solution solve_nplayer(const extensive_game<rational>& game, const solve_request& request,
                                     const number_style& style);

}  // namespace impasse::cli
