// The umbrella header: everything impasse offers. Include the individual
// headers instead to compile less.
#pragma once

#include <impasse/error.hpp>
#include <impasse/generators.hpp>
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/mixed_profile.hpp>
#include <impasse/regret.hpp>
#include <impasse/scalar.hpp>
#include <impasse/solver_result.hpp>
#include <impasse/solvers/dominance.hpp>
#include <impasse/solvers/pure_equilibria.hpp>
#include <impasse/strategic_game.hpp>
#include <impasse/version.hpp>
