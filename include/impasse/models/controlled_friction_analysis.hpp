// The analysis of the controlled-friction model, computed with the
// library's solvers: every pure stationary Markov perfect equilibrium of the
// model and of its commitment benchmark (enumeration, exact), one mixed MPE
// by the logit homotopy, every Nash equilibrium of the stage game and of the
// talks game at an equilibrium's continuation values (vertex enumeration),
// the subgame-perfect equilibria of the T-round game against the
// finite-horizon MPE, the two channels switched off one at a time, and the
// comparative statics of sanctions. From these it answers the essay's claims;
// every answer is computed from the equilibria, never from constants.
#pragma once

#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/models/controlled_friction_closed_form.hpp>
#include <impasse/core/result.hpp>
#include <impasse/stochastic/game.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace impasse::models {

/// What one stationary equilibrium implies, from formal talks.
template <scalar Scalar>
struct equilibrium_summary {
  stationary_profile<Scalar> profile;
  /// values[i][s]: regime i's expected discounted value from state s.
  std::array<std::vector<Scalar>, 2> values;
  /// welfare[i][s]: nation i's expected discounted material welfare from s.
  std::array<std::vector<Scalar>, 2> welfare;
  /// The chance that play from talks ever reaches a deal in force.
  Scalar deal_probability{0};
  /// The chance that a deal signed now (the deal-dove state) is still in
  /// force ten years on: an equilibrium outcome (who revokes, who breaks).
  Scalar deal_survival_ten_years{0};
  /// The chance of war within `years_of_hostility` years from talks, and ever.
  Scalar war_within_horizon{0};
  Scalar war_eventually{0};
  /// From the backchannel (after the talks collapse): war within the horizon,
  /// and the chance of returning to formal talks before any war.
  Scalar war_from_backchannel{0};
  Scalar backchannel_to_talks{0};
  /// Over the horizon from talks, per year: escalating acts, how many of them
  /// overt, swaps made.
  Scalar escalations_per_year{0};
  Scalar overt_escalations_per_year{0};
  Scalar swaps_per_year{0};
  /// The largest gain from a one-shot deviation (0 exactly for pure MPE in rationals).
  Scalar max_deviation_gain{0};
  /// The named profile (closed_form.hpp) this equilibrium is, if any.
  std::optional<named_profile> named;
};

/// What a stationary profile of `game` (the model or its benchmark) implies.
/// `welfare_game` is the same game with the nations' welfare as payoffs.
template <scalar Scalar>
[[nodiscard]] equilibrium_summary<Scalar> summarize(const stochastic_game<Scalar>& game,
                                                    const stochastic_game<Scalar>& welfare_game,
                                                    const stationary_profile<Scalar>& profile, long years);

/// The named profile a pure stationary profile of the model is, if any.
template <scalar Scalar>
[[nodiscard]] std::optional<named_profile> recognise(const stationary_profile<Scalar>& profile);

/// The family (closed_form.hpp) a pure stationary profile belongs to, if any.
template <scalar Scalar>
[[nodiscard]] std::optional<profile_family> recognise_family(const stationary_profile<Scalar>& profile);

/// Every pure stationary MPE of a game and what each implies.
template <scalar Scalar>
struct equilibrium_set {
  std::vector<equilibrium_summary<Scalar>> equilibria;
  run_status status = run_status::complete;
  std::size_t profiles = 0;
  double seconds = 0;
  /// How many reach a deal from talks; the best values at talks over those
  /// that do and over all (for each regime).
  std::size_t reaching_deal = 0;
};

/// Solves `variant` of the model at `parameters` by complete enumeration of
/// the pure stationary profiles (exact in rationals, or in double).
template <scalar Scalar>
[[nodiscard]] equilibrium_set<Scalar> solve_pure(const controlled_friction_parameters& parameters,
                                                 model_variant variant, unsigned threads = 0);

/// One of the essay's claims, answered.
struct claim_verdict {
  std::string question;
  /// The essay's answer ("Yes" or "No") and whether the computed answer agrees.
  bool essay_says_yes = false;
  bool holds = false;
  /// False when a solver stopped at a limit before the answer was settled.
  bool settled = true;
  /// The numbers behind the answer.
  std::string evidence;
  /// A `--param` override that flips it, and what the claim becomes under it.
  std::string flip_override;
};

/// One channel switched off: its overrides and the model's equilibria then.
struct channel_result {
  std::string name;
  std::vector<std::string> overrides;  ///< name=0 assignments
  std::size_t equilibria = 0;
  std::size_t reaching_deal = 0;
  double best_deal_survival = 0;  ///< over the deal-reaching MPE, ten years on
};

/// One point of the sanctions comparative statics.
struct sanctions_point {
  rational sanctions;
  std::size_t equilibria = 0;
  std::size_t reaching_deal = 0;
  /// Over the model's pure MPE: the largest chance of a deal, and the values
  /// at talks of Tehran's regime and nation and of Washington's regime
  /// (their largest over the MPE).
  rational deal_probability{0};
  rational tehran_regime{0};
  rational tehran_nation{0};
  rational washington_regime{0};
  /// What a binding deal would add to Tehran's regime (best commitment MPE
  /// that reaches the deal, less the best model MPE); negative: none would pay.
  std::optional<rational> tehran_binding_gain;
  /// Tehran's settling margin in the revocable-deal profile (closed form).
  rational tehran_signing_margin{0};
};

struct controlled_friction_options {
  /// Years of the finite game (1 to 3; three have some 70,000 nodes).
  std::size_t rounds = 2;
  /// Run the logit homotopy for a (possibly mixed) MPE.
  bool homotopy = true;
  /// Sanctions intensities for the comparative statics.
  std::vector<rational> sanctions_grid = {rational(0), rational(1, 4), rational(1, 2), rational(3, 4), rational(1)};
};

struct controlled_friction_analysis {
  /// The model's games for `p`, not yet solved (`analyze` solves them).
  explicit controlled_friction_analysis(const controlled_friction_parameters& p);

  controlled_friction_parameters parameters;
  friction_flows<rational> flows;
  /// The deal's yearly material surplus for each nation (deal welfare less
  /// hostility welfare), and summed.
  std::array<rational, 2> deal_surplus;

  // The stage game (one year of talks) and every extreme equilibrium.
  strategic_game<rational> stage;
  std::vector<mixed_profile<rational>> stage_equilibria;
  // The talks game at the first pure MPE's continuation values, and its equilibria.
  std::optional<strategic_game<rational>> talks_continuation_game;
  std::vector<mixed_profile<rational>> talks_continuation_equilibria;

  // The T-round game: SPE root payoffs, and the finite-horizon MPE values at talks.
  std::size_t rounds = 0;
  std::size_t rounds_nodes = 0;
  std::vector<std::array<rational, 2>> rounds_spe_payoffs;
  run_status rounds_status = run_status::complete;
  std::vector<std::array<rational, 2>> finite_horizon_values;
  bool rounds_agree = false;

  // The model and its commitment benchmark.
  stochastic_game<rational> model;
  stochastic_game<rational> commitment;
  equilibrium_set<rational> model_equilibria;
  equilibrium_set<rational> commitment_equilibria;
  /// The logit homotopy's MPE, in double; `homotopy_exact` when it was
  /// polished to a rational profile with no one-shot gain (then
  /// `homotopy_exact_summary` holds it).
  std::optional<equilibrium_summary<double>> homotopy;
  std::optional<equilibrium_summary<rational>> homotopy_exact_summary;
  bool homotopy_exact = false;
  double homotopy_lambda = 0;
  std::size_t homotopy_steps = 0;

  // The closed forms.
  std::array<std::array<margin_result<rational>, 2>, 3> model_profile_margins;  ///< by named_profile
  std::array<margin_result<rational>, 2> binding_deal_margins;
  commitment_recoup<rational> tehran_recoup;
  friction_path<rational> friction_path_closed_form;

  // The two channels switched off.
  channel_result rent_channel_off;
  channel_result commitment_channel_off;

  std::vector<sanctions_point> sanctions_statics;

  /// The essay's claims, in the report's order.
  std::vector<claim_verdict> verdicts;
};

/// Computes everything above. Throws `invalid_argument` for parameters
/// outside their ranges.
[[nodiscard]] controlled_friction_analysis analyze(const controlled_friction_parameters& parameters,
                                                   const controlled_friction_options& options = {});

/// What the sweeps and the sensitivity analysis need at one point, in double:
/// every pure stationary MPE of the model (and of the benchmark) and whether
/// each named profile is among them.
struct deal_search {
  std::size_t equilibria = 0;
  std::size_t reaching_deal = 0;
  std::size_t escalating = 0;  ///< escalate on their path from talks
  std::size_t swapping = 0;    ///< swap on their path from talks
  /// Controlled friction: escalate and swap on their path, war within the horizon below 1/2.
  std::size_t controlled = 0;
  double largest_war_within_horizon = 0;
  std::array<bool, 3> named_found{};  ///< by named_profile
  std::array<bool, 2> family_found{};  ///< by profile_family
  std::size_t commitment_equilibria = 0;
  std::size_t commitment_reaching_deal = 0;
  bool binding_deal_found = false;
  bool binding_family_found = false;  ///< a deal-family member in the benchmark
};
[[nodiscard]] deal_search search_equilibria(const controlled_friction_parameters& parameters, bool commitment = true,
                                            unsigned threads = 1);

}  // namespace impasse::models
