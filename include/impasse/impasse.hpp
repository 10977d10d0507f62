// The umbrella header: everything impasse offers. Include the individual
// headers instead to compile less.
#pragma once

#include <impasse/behaviour_profile.hpp>
#include <impasse/error.hpp>
#include <impasse/extensive_game.hpp>
#include <impasse/extensive_regret.hpp>
#include <impasse/extensive_structure.hpp>
#include <impasse/generators.hpp>
#include <impasse/io/efg.hpp>
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/lrsnash.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/mixed_profile.hpp>
#include <impasse/reduced_strategic_form.hpp>
#include <impasse/regret.hpp>
#include <impasse/scalar.hpp>
#include <impasse/sequence_form.hpp>
#include <impasse/solver_result.hpp>
#include <impasse/solvers/backward_induction.hpp>
#include <impasse/solvers/dominance.hpp>
#include <impasse/solvers/extensive_pure_equilibria.hpp>
#include <impasse/solvers/lemke_howson.hpp>
#include <impasse/solvers/pure_equilibria.hpp>
#include <impasse/solvers/sequence_form_lcp.hpp>
#include <impasse/solvers/sequence_form_lp.hpp>
#include <impasse/solvers/subgame_perfect.hpp>
#include <impasse/solvers/support_enumeration.hpp>
#include <impasse/solvers/zero_sum.hpp>
#include <impasse/solvers/nash_components.hpp>
#include <impasse/solvers/vertex_enumeration.hpp>
#include <impasse/stochastic_game.hpp>
#include <impasse/io/stochastic_json.hpp>
#include <impasse/strategic_game.hpp>
#include <impasse/version.hpp>
