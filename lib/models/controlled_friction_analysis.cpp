// The controlled-friction analysis: the model's games solved with the
// library's solvers, and the essay's claims answered from the equilibria.
#include <impasse/models/controlled_friction_analysis.hpp>

#include <impasse/extensive/subgame_perfect.hpp>
#include <impasse/repeated/abreu_sannikov.hpp>
#include <impasse/repeated/game.hpp>
#include <impasse/stochastic/logit_homotopy.hpp>
#include <impasse/stochastic/markov_perfect.hpp>
#include <impasse/stochastic/pure_markov_perfect.hpp>
#include <impasse/stochastic/stationary_chain.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace impasse::models {

namespace {

constexpr auto talks_index = static_cast<std::size_t>(friction_state::talks);
constexpr auto crisis_index = static_cast<std::size_t>(friction_state::crisis);
constexpr auto backchannel_index = static_cast<std::size_t>(friction_state::backchannel);
constexpr auto deal_index = static_cast<std::size_t>(friction_state::deal);
constexpr auto war_index = static_cast<std::size_t>(friction_state::war);

template <scalar Scalar>
std::string number(const Scalar& x) {
  return to_decimal_string(x, 4);
}

/// The chance that play under `profile` signs the deal in some round:
/// the total realisation probability of the leaves where both settle.
rational deal_probability_in_rounds(const extensive_game<rational>& game, const behaviour_profile<rational>& profile) {
  rational total = 0;
  std::vector<std::pair<std::size_t, rational>> stack = {{game.root(), rational(1)}};
  while (!stack.empty()) {
    auto [n, reach] = stack.back();
    stack.pop_back();
    const auto& node = game.node(n);
    if (node.kind == node_kind::terminal) {
      if (node.outcome != no_index && game.outcome(node.outcome).label.starts_with("settle/settle")) total += reach;
      continue;
    }
    for (std::size_t a = 0; a < node.children.size(); ++a) {
      const rational p = reach * profile(node.information_set, a);
      if (p != 0) stack.emplace_back(node.children[a], p);
    }
  }
  return total;
}

}  // namespace

template <scalar Scalar>
markov_equilibrium_summary<Scalar> summarize(const stochastic_game<Scalar>& game, const stationary_profile<Scalar>& profile,
                                             const controlled_friction_parameters& parameters) {
  markov_equilibrium_summary<Scalar> out;
  out.profile = profile;
  const auto values = evaluate_stationary_profile(game, profile);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t s = 0; s < game.num_states(); ++s)
      out.values[i].push_back(values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)));
  const auto transitions = transition_matrix(game, profile);
  out.deal_probability = hitting_probability<Scalar>(transitions, {deal_index}, {war_index})[talks_index];
  const auto years = static_cast<std::size_t>(parameters.years_of_hostility.convert_to<long>());
  const auto war_within = probability_within<Scalar>(transitions, {war_index}, years);
  out.war_within_horizon = war_within[talks_index];
  out.war_from_backchannel = war_within[backchannel_index];
  out.backchannel_to_talks = hitting_probability<Scalar>(transitions, {talks_index}, {war_index})[backchannel_index];
  out.war_eventually = hitting_probability<Scalar>(transitions, {war_index})[talks_index];
  out.escalations_in_talks = profile[talks_index](0, static_cast<std::size_t>(talks_action::escalate)) +
                             profile[talks_index](1, static_cast<std::size_t>(talks_action::escalate));
  out.max_deviation_gain = max_one_shot_deviation_gain(game, profile);
  return out;
}

template markov_equilibrium_summary<double> summarize(const stochastic_game<double>&, const stationary_profile<double>&,
                                                      const controlled_friction_parameters&);
template markov_equilibrium_summary<rational> summarize(const stochastic_game<rational>&,
                                                        const stationary_profile<rational>&,
                                                        const controlled_friction_parameters&);

deal_search search_deal_equilibria(const controlled_friction_parameters& parameters) {
  const auto game = convert<double>(stochastic_model(parameters));
  deal_search out;
  const auto result = pure_markov_perfect_equilibria(game);
  out.equilibria = result.equilibria.size();
  for (const auto& equilibrium : result.equilibria) {
    const auto& profile = equilibrium.strategies;
    const auto transitions = transition_matrix(game, profile);
    if (hitting_probability<double>(transitions, {deal_index}, {war_index})[talks_index] > 0) ++out.deal_equilibria;
    if (profile[talks_index](0, 2) > 0 || profile[talks_index](1, 2) > 0) ++out.escalating_equilibria;
    const bool calm_elsewhere = profile[crisis_index](0, 0) == 1 && profile[crisis_index](1, 0) == 1 &&
                                profile[backchannel_index](0, 0) == 1 && profile[backchannel_index](1, 0) == 1;
    const auto both_play = [&](talks_action a) {
      const auto k = static_cast<std::size_t>(a);
      return profile[talks_index](0, k) == 1 && profile[talks_index](1, k) == 1;
    };
    if (calm_elsewhere && both_play(talks_action::settle)) out.deal_profile_found = true;
    if (calm_elsewhere && both_play(talks_action::stall)) out.stalling_profile_found = true;
  }
  return out;
}

controlled_friction_analysis analyze(const controlled_friction_parameters& parameters,
                                     const controlled_friction_options& options) {
  validate(parameters);
  controlled_friction_analysis a(parameters);
  const auto& f = a.flows;

  // 1. The stage game.
  a.stage_equilibria = vertex_enumeration(a.stage).equilibria;
  a.stage_deal_margin = stage_deal_margins(parameters);

  // 2. The T-round game.
  a.rounds = options.rounds;
  const auto rounds = rounds_game(parameters, options.rounds);
  a.rounds_nodes = rounds.num_nodes();
  auto spe = subgame_perfect_equilibria(rounds, {.max_equilibria = 100, .solver = extreme_or_pure_equilibria<rational>});
  a.rounds_equilibria = std::move(spe.equilibria);
  a.rounds_payoffs = std::move(spe.payoffs);
  a.rounds_status = spe.status;
  for (const auto& e : a.rounds_equilibria) a.rounds_deal_probability.push_back(deal_probability_in_rounds(rounds, e));

  // 3. The stochastic model.
  const auto pure = pure_markov_perfect_equilibria(a.stochastic);
  a.pure_status = pure.status;
  for (const auto& e : pure.equilibria) a.pure_equilibria.push_back(summarize(a.stochastic, e.strategies, parameters));
  a.stalling_margin = stalling_margins(parameters);
  a.deal_profile_margin = deal_profile_margins(parameters);
  if (options.homotopy) {
    const auto homotopy = logit_homotopy(a.stochastic);
    if (homotopy.equilibrium && (homotopy.exact || homotopy.max_gain < 1e-9)) {
      a.homotopy_equilibrium = summarize(a.stochastic, homotopy.equilibrium->strategies, parameters);
      a.homotopy_exact = homotopy.exact;
    }
  }

  // 4. The repeated stage game, when both discount alike.
  if (options.repeated && f.discount[0] == f.discount[1] && f.discount[0] > 0) {
    const auto set = spe_payoff_set(repeated_game<rational>(a.stage, f.discount[0]));
    a.repeated_status = set.status;
    a.repeated_computed = true;
    for (const auto& v : set.vertices) a.repeated_spe_vertices.push_back({v[0], v[1]});
    a.deal_in_repeated_set = is_spe_payoff(set, {f.deal[0], f.deal[1]});
  }

  // 5. The bargaining benchmark.
  a.rubinstein = rubinstein_benchmark(parameters);

  // The claims.
  const std::size_t n_pure = a.pure_equilibria.size();
  std::vector<const markov_equilibrium_summary<rational>*> pure_list;
  for (const auto& e : a.pure_equilibria) pure_list.push_back(&e);
  const auto homotopy_text = [&](const std::function<std::string(const markov_equilibrium_summary<rational>&)>& say) {
    return a.homotopy_equilibrium ? "; the homotopy's MPE: " + say(*a.homotopy_equilibrium) : std::string();
  };

  {  // 1. No equilibrium reaches the deal.
    auto& v = a.verdicts[0];
    v.question = "Does any equilibrium path reach the deal?";
    std::size_t reaching = 0;
    rational most = 0;
    for (const auto* e : pure_list) {
      if (e->deal_probability > 0) ++reaching;
      most = std::max(most, e->deal_probability);
    }
    std::size_t rounds_reaching = 0;
    for (const auto& p : a.rounds_deal_probability) rounds_reaching += p > 0;
    bool stage_deal = false;
    for (const auto& e : a.stage_equilibria) stage_deal = stage_deal || (e(0, 3) > 0 && e(1, 3) > 0);
    const bool homotopy_deal = a.homotopy_equilibrium && a.homotopy_equilibrium->deal_probability > 0;
    v.holds = reaching == 0 && rounds_reaching == 0 && !stage_deal && !homotopy_deal;
    // A deal path found settles the question; its absence does only when
    // every equilibrium was enumerated.
    v.settled = !v.holds || (a.pure_status == run_status::complete && a.rounds_status == run_status::complete);
    const bool rounds_cut = a.rounds_status != run_status::complete;
    v.evidence = fmt::format(
        "Markov and finite-horizon play: {} of {} pure stationary MPE reach the deal from formal talks (largest "
        "chance {}){}; {} of {} SPE of the {}-round game{} sign it; (settle, settle) is {}a Nash equilibrium of the "
        "stage game (deal margins {} for Washington, {} for Tehran).",
        reaching, n_pure, number(most),
        homotopy_text([](const auto& e) { return "chance " + number(e.deal_probability); }), rounds_reaching,
        rounds_cut ? "the first " + std::to_string(a.rounds_equilibria.size()) : std::to_string(a.rounds_equilibria.size()),
        a.rounds, rounds_cut ? " (the solver stopped at its limit)" : "", stage_deal ? "" : "not ",
        number(a.stage_deal_margin[0]), number(a.stage_deal_margin[1]));
    if (a.repeated_computed)
      v.evidence += fmt::format(
          " For contrast, in the repeated stage game, where punishments may depend on the whole history (and an "
          "escalation is priced at its expected war loss without war ever starting), the deal's payoff ({}, {}) "
          "lies {} the SPE payoff set{}.",
          number(f.deal[0]), number(f.deal[1]), a.deal_in_repeated_set ? "inside" : "outside",
          a.deal_in_repeated_set ? ": threats the Markov model rules out could sustain a deal" : "");
    else
      v.evidence += " The repeated stage game was not solved: it needs one common discount factor in (0, 1).";
  }
  {  // 2. Stalling is worth more than the deal.
    auto& v = a.verdicts[1];
    v.question = "Does each regime's equilibrium value exceed its value in the deal state?";
    std::array<rational, 2> smallest;
    bool first = true;
    for (const auto* e : pure_list)
      for (std::size_t i = 0; i < 2; ++i) {
        const rational gap = e->values[i][talks_index] - e->values[i][deal_index];
        smallest[i] = first ? gap : std::min(smallest[i], gap);
        if (i == 1) first = false;
      }
    bool holds = !pure_list.empty() && smallest[0] > 0 && smallest[1] > 0;
    if (a.homotopy_equilibrium)
      for (std::size_t i = 0; i < 2; ++i)
        holds = holds && a.homotopy_equilibrium->values[i][talks_index] > a.homotopy_equilibrium->values[i][deal_index];
    v.holds = holds;
    if (pure_list.empty()) {
      v.evidence = "No pure stationary MPE to compare.";
    } else {
      const auto& e = *pure_list.front();
      v.evidence = fmt::format(
          "In the first pure MPE Washington's value in talks is {} against {} in the deal, Tehran's {} against {}; "
          "over all {} pure MPE the smallest margins (talks minus deal) are {} and {}{}.",
          number(e.values[0][talks_index]), number(e.values[0][deal_index]), number(e.values[1][talks_index]),
          number(e.values[1][deal_index]), n_pure, number(smallest[0]), number(smallest[1]),
          homotopy_text([](const auto& h) {
            return fmt::format("margins {} and {}", number(h.values[0][talks_index] - h.values[0][deal_index]),
                               number(h.values[1][talks_index] - h.values[1][deal_index]));
          }));
    }
  }
  {  // 3. Escalation stays below the point where war is the likely end.
    auto& v = a.verdicts[2];
    v.question = "Does escalation stay below the point where war is the likely end?";
    rational worst = 0, escalations = 0, eventually = 0;
    for (const auto* e : pure_list) {
      worst = std::max(worst, e->war_within_horizon);
      escalations = std::max(escalations, e->escalations_in_talks);
      eventually = std::max(eventually, e->war_eventually);
    }
    const rational homotopy_worst = a.homotopy_equilibrium ? a.homotopy_equilibrium->war_within_horizon : rational(0);
    v.holds = worst < rational(1, 2) && homotopy_worst < rational(1, 2);
    v.evidence = fmt::format(
        "The largest chance of war within {} years from formal talks is {} over the pure MPE (at most {} "
        "escalations per period of talks){}; each escalation adds {} to the chance of war that period while the talks "
        "run, {} in the backchannel. The largest chance that war ever comes is {}{}.",
        to_fraction_string(parameters.years_of_hostility), number(worst), number(escalations),
        homotopy_text([](const auto& h) {
          return fmt::format("{} ({} escalations per period)", number(h.war_within_horizon), number(h.escalations_in_talks));
        }),
        number(f.talks_war_risk), number(f.backchannel_war_risk), number(eventually),
        eventually > 0 ? " (war is absorbing: any escalation that never stops makes it certain in the long run)" : "");
  }
  {  // 4. Collapsed talks lead to the backchannel rather than war.
    auto& v = a.verdicts[3];
    v.question = "Do collapsed talks lead to the backchannel rather than war?";
    const rational collapse_war = 2 * f.talks_war_risk;
    const rational collapse_to_backchannel = 1 - collapse_war;
    rational worst = 0, least_return = 1;
    for (const auto* e : pure_list) {
      worst = std::max(worst, e->war_from_backchannel);
      least_return = std::min(least_return, e->backchannel_to_talks);
    }
    const rational homotopy_worst = a.homotopy_equilibrium ? a.homotopy_equilibrium->war_from_backchannel : rational(0);
    v.holds = collapse_to_backchannel > rational(1, 2) && worst < rational(1, 2) && homotopy_worst < rational(1, 2);
    v.evidence = fmt::format(
        "By the model's construction a collapse (both escalate in talks) lands in the backchannel with probability {} "
        "and in war with {}. In equilibrium, from the backchannel the chance of war within {} years is at most {} over "
        "the pure MPE{}, and play returns to formal talks before any war with probability at least {}.",
        number(collapse_to_backchannel), number(collapse_war),
        to_fraction_string(parameters.years_of_hostility), number(worst),
        homotopy_text([](const auto& h) { return number(h.war_from_backchannel); }), number(least_return));
  }
  return a;
}

}  // namespace impasse::models
