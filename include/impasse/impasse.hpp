// The umbrella header: every game kind and what impasse computes for it,
// from the shared basics (core/) up through strategic, extensive, repeated
// and stochastic games, and the file formats (io/). The essay's model is not
// here: it is a target of its own (impasse::models, <impasse/models/...>).
// Include the individual headers instead to compile less.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/core/scalar.hpp>

#include <impasse/strategic/dominance.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/global_newton.hpp>
#include <impasse/strategic/lemke_howson.hpp>
#include <impasse/strategic/logit_qre.hpp>
#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/nash_components.hpp>
#include <impasse/strategic/polymatrix_approximation.hpp>
#include <impasse/strategic/polynomial_enumeration.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/simplicial_subdivision.hpp>
#include <impasse/strategic/support_enumeration.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>
#include <impasse/strategic/zero_sum.hpp>

#include <impasse/extensive/backward_induction.hpp>
#include <impasse/extensive/behaviour_profile.hpp>
#include <impasse/extensive/game.hpp>
#include <impasse/extensive/generators.hpp>
#include <impasse/extensive/pure_equilibria.hpp>
#include <impasse/extensive/reduced_strategic_form.hpp>
#include <impasse/extensive/regret.hpp>
#include <impasse/extensive/sequence_form.hpp>
#include <impasse/extensive/sequence_form_lcp.hpp>
#include <impasse/extensive/sequence_form_lp.hpp>
#include <impasse/extensive/structure.hpp>
#include <impasse/extensive/subgame_perfect.hpp>

#include <impasse/repeated/abreu_sannikov.hpp>
#include <impasse/repeated/automata.hpp>
#include <impasse/repeated/finite_horizon.hpp>
#include <impasse/repeated/game.hpp>
#include <impasse/repeated/minmax.hpp>
#include <impasse/repeated/outer_approximation.hpp>

#include <impasse/stochastic/finite_horizon_markov_perfect.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/stochastic/logit_homotopy.hpp>
#include <impasse/stochastic/markov_perfect.hpp>
#include <impasse/stochastic/pure_markov_perfect.hpp>
#include <impasse/stochastic/shapley.hpp>
#include <impasse/stochastic/stationary_chain.hpp>

#include <impasse/io/efg.hpp>
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/lrsnash.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/io/progress_line.hpp>
#include <impasse/io/stochastic_json.hpp>

#include <impasse/version.hpp>
