// The analysis of the controlled-friction model, computed with the
// library's solvers: every Nash equilibrium of the stage game (vertex
// enumeration, exact), every subgame-perfect equilibrium of the T-round
// game (subgame decomposition), every pure stationary Markov perfect
// equilibrium of the stochastic model (enumeration, exact) and one mixed
// one by the logit homotopy, the pure-action SPE payoff set of the
// repeated stage game (Abreu-Sannikov), and the closed forms beside them.
// From these it answers the essay's four claims; every answer is computed
// from the equilibria, never from constants.
#pragma once

#include <impasse/core/result.hpp>
#include <impasse/extensive/behaviour_profile.hpp>
#include <impasse/models/controlled_friction_closed_form.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace impasse::models {

/// What one stationary equilibrium of the stochastic model implies, from
/// formal talks.
template <scalar Scalar>
struct markov_equilibrium_summary {
  stationary_profile<Scalar> profile;
  /// values[i][s]: player i's expected discounted payoff from state s.
  std::array<std::vector<Scalar>, 2> values;
  /// The chance that play starting in talks ever reaches the deal.
  Scalar deal_probability{0};
  /// The chance that play starting in talks is at war within
  /// `years_of_hostility` periods, and ever (war is absorbing).
  Scalar war_within_horizon{0};
  Scalar war_eventually{0};
  /// The chance that play starting in the backchannel (after talks
  /// collapse) is at war within `years_of_hostility` periods.
  Scalar war_from_backchannel{0};
  /// The chance that play starting in the backchannel returns to formal
  /// talks before any war.
  Scalar backchannel_to_talks{0};
  /// Expected escalations per period in talks (each player's escalation probability summed).
  Scalar escalations_in_talks{0};
  /// The largest gain from a one-shot deviation (0 exactly for pure MPE in rationals).
  Scalar max_deviation_gain{0};
};

/// One of the essay's claims, answered.
struct claim_verdict {
  std::string question;
  /// Whether the essay's claim holds in every equilibrium computed.
  bool holds = false;
  /// False when a solver stopped at a limit before the answer was settled
  /// (the equilibria found agree with the claim, but not all were found).
  bool settled = true;
  /// The numbers behind the answer, one sentence.
  std::string evidence;
};

struct controlled_friction_options {
  /// Rounds of the finite game (1 to 4; round 1 has 21 nodes, round t > 1 adds 20 * 15^(t-1)).
  std::size_t rounds = 3;
  /// Run the logit homotopy for a mixed MPE.
  bool homotopy = true;
  /// Compute the repeated game's SPE payoff set (exact Abreu-Sannikov).
  bool repeated = true;
};

struct controlled_friction_analysis {
  /// The model's games for `parameters`, not yet solved (`analyze` solves them).
  explicit controlled_friction_analysis(const controlled_friction_parameters& p)
      : parameters(p), flows(models::flows(p)), stage(stage_game(p)), stochastic(stochastic_model(p)) {}

  controlled_friction_parameters parameters;
  friction_flows flows;

  // The stage game and its Nash equilibria (every extreme equilibrium, exact).
  strategic_game<rational> stage;
  std::vector<mixed_profile<rational>> stage_equilibria;
  std::array<rational, 2> stage_deal_margin;

  // The T-round game and its subgame-perfect equilibria.
  std::size_t rounds = 0;
  std::size_t rounds_nodes = 0;
  std::vector<behaviour_profile<rational>> rounds_equilibria;
  std::vector<std::vector<rational>> rounds_payoffs;
  /// For each SPE: the probability that its path signs the deal in some round.
  std::vector<rational> rounds_deal_probability;
  run_status rounds_status = run_status::complete;

  // The stochastic model.
  stochastic_game<rational> stochastic;
  std::vector<markov_equilibrium_summary<rational>> pure_equilibria;
  run_status pure_status = run_status::complete;
  /// The logit homotopy's end point, polished to rationals; `homotopy_exact`
  /// when its exact one-shot deviation gain is zero. It enters the verdicts
  /// only when confirmed (exactly, or with a gain below 1e-9).
  std::optional<markov_equilibrium_summary<rational>> homotopy_equilibrium;
  bool homotopy_exact = false;
  std::array<rational, 2> stalling_margin;
  std::array<rational, 2> deal_profile_margin;

  // The repeated stage game: the vertices of the pure-action SPE payoff set
  // (with public randomisation) at the common discount factor, and whether
  // the deal's payoff (both settling every period) lies in it.
  std::vector<std::array<rational, 2>> repeated_spe_vertices;
  bool repeated_computed = false;
  bool deal_in_repeated_set = false;
  run_status repeated_status = run_status::complete;

  rubinstein_result rubinstein;

  /// The four claims: no equilibrium reaches the deal; stalling is worth
  /// more to each regime than the deal; escalation stays below the point
  /// where war is the likely end; collapsed talks lead to the backchannel
  /// rather than war.
  std::array<claim_verdict, 4> verdicts;
};

/// Computes everything above. Throws `invalid_argument` for parameters
/// outside their ranges.
[[nodiscard]] controlled_friction_analysis analyze(const controlled_friction_parameters& parameters,
                                                   const controlled_friction_options& options = {});

/// What a stationary profile implies (values, chances of deal and war).
template <scalar Scalar>
[[nodiscard]] markov_equilibrium_summary<Scalar> summarize(const stochastic_game<Scalar>& game,
                                                           const stationary_profile<Scalar>& profile,
                                                           const controlled_friction_parameters& parameters);

/// Whether some pure stationary MPE reaches the deal, computed in double;
/// used by the sweeps. `deal_profile_found` and `stalling_profile_found`
/// say whether the profiles of the closed forms (settle or stall in talks,
/// return in a crisis, talk in the backchannel) are among them.
struct deal_search {
  std::size_t equilibria = 0;
  std::size_t deal_equilibria = 0;
  std::size_t escalating_equilibria = 0;
  bool deal_profile_found = false;
  bool stalling_profile_found = false;
};
[[nodiscard]] deal_search search_deal_equilibria(const controlled_friction_parameters& parameters);

}  // namespace impasse::models
