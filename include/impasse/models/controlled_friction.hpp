// The "controlled friction" model of U.S.-Iran diplomacy, after the essay
// "The Illusion of U.S. Iran Diplomacy and Why Both Sides Need It to Fail"
// (Stella Coleman): two regimes, Washington and Tehran, that negotiate,
// stall, escalate or settle, and for whom, the essay claims, perpetual
// friction beats a final deal ("The deadlock is the destination").
//
// The model does not assume the claim. A deal is efficient: it raises both
// nations' material welfare every year (trade, sanctions lifted, military
// spending saved), and a deal both sides could make binding would be signed
// (`model_variant::commitment`). It fails, when it fails, for two reasons the
// essay gives and the equilibria weigh: the regimes' rents from hostility
// (raised by sanctions), and a commitment problem: Tehran pays once, for
// good, when it signs (its regional network, its legitimacy), while any
// later U.S. administration that gains from revoking the deal does so.
//
// States of the stochastic game (names other tools and scripts rely on:
// only the states of a deal in force contain "deal", only the war state
// contains "war", every state entered after an escalation contains "crisis",
// every escalating action contains "escalate"):
//   talks               formal talks: negotiate, stall, escalate-grey,
//                       escalate-overt, settle (5 x 5 action profiles);
//   crisis              the talks shaken by one escalation, still formally on:
//                       return, escalate-grey, escalate-overt (3 x 3);
//   backchannel-crisis  the formal talks collapsed after escalations on both
//                       sides; contact through the backchannel: swap (a spot
//                       exchange, executed only when both offer it: prisoners,
//                       frozen funds), escalate-grey (2 x 2);
//   deal-dove           a deal in force under a dovish U.S. administration:
//                       Washington honour/revoke, Tehran honour/break (2 x 2);
//   deal-hawk           a deal in force under a hawkish administration, which
//                       gains `revocation_gain_hawk` from revoking (2 x 2);
//   war                 absorbing.
// Pure stationary profiles: 25 * 9 * 4 * 4 * 4 = 14,400 (commitment
// benchmark, where a deal is enforced and honour is the only action in the
// deal states: 900), so every pure stationary MPE is enumerated completely.
//
// ONE TIMING, for all three forms of the model:
//   - A period is a year. In each state both regimes choose at once; the
//     year's payoff is the state's flow for the chosen actions; then next
//     year's state is drawn.
//   - Without a deal (talks, crisis, backchannel-crisis) each regime gets
//     its hostility value H per year. Negotiating or settling costs
//     `negotiation_cost` that year; an escalation earns its signal that
//     year and brings war next year with its risk (each act adds its risk:
//     grey w, overt w * overt_war_risk_multiple; the talks absorb the share
//     `talks_absorption` in talks and in a crisis, nothing in the
//     backchannel). One escalation leads to a crisis, one on each side to
//     the backchannel-crisis; both returning from a crisis resumes the
//     talks; a swap in the backchannel pays both on the spot and resumes the
//     talks.
//   - A deal is signed in year t when both settle (or, with chance
//     `negotiation_progress`, when both negotiate or one negotiates and the
//     other settles). The signatories pay their one-time concessions in year
//     t (in expectation, `negotiation_progress` times, when negotiation may
//     produce it); the deal is in force from year t + 1 under a dovish
//     administration, paying D per year.
//   - In a deal each side honours or breaks it every year. A break in year t
//     is paid in year t (the breaker's blame; a hawk's revocation gain),
//     the deal's flows are still paid in year t, and play is in crisis from
//     year t + 1. While the deal holds, elections switch the administration:
//     dove to hawk with chance election_rate * hawk_share a year, hawk to
//     dove with election_rate * (1 - hawk_share).
//   - The stage game is one year of talks: its payoffs are the talks
//     state's flows. The T-round game is the first T years of the stochastic
//     game from talks, as an extensive form with chance moves, payoffs
//     discounted to year 0 and nothing after year T - 1; its SPE values are
//     the finite-horizon MPE values of the stochastic game.
#pragma once

#include <impasse/extensive/behaviour_profile.hpp>
#include <impasse/core/error.hpp>
#include <impasse/extensive/game.hpp>
#include <impasse/models/controlled_friction_parameters.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/strategic/game.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace impasse::models {

/// The states of the stochastic model, in file order.
enum class friction_state : std::size_t { talks = 0, crisis = 1, backchannel = 2, deal_dove = 3, deal_hawk = 4, war = 5 };
inline constexpr std::size_t friction_state_count = 6;
inline constexpr std::array<std::string_view, friction_state_count> friction_state_names = {
    "talks", "crisis", "backchannel-crisis", "deal-dove", "deal-hawk", "war"};
[[nodiscard]] constexpr std::size_t index(friction_state s) noexcept { return static_cast<std::size_t>(s); }

/// The actions of the talks.
enum class talks_action : std::size_t { negotiate = 0, stall = 1, escalate_grey = 2, escalate_overt = 3, settle = 4 };
inline constexpr std::array<std::string_view, 5> talks_action_names = {"negotiate", "stall", "escalate-grey",
                                                                       "escalate-overt", "settle"};
/// The actions of a crisis and of the backchannel (action 0 is the calm one).
inline constexpr std::array<std::string_view, 3> crisis_action_names = {"return", "escalate-grey", "escalate-overt"};
inline constexpr std::array<std::string_view, 2> backchannel_action_names = {"swap", "escalate-grey"};
/// The actions of a deal in force, Washington's and Tehran's.
inline constexpr std::array<std::string_view, 2> washington_deal_action_names = {"honour", "revoke"};
inline constexpr std::array<std::string_view, 2> tehran_deal_action_names = {"honour", "break"};

/// The model itself, or its commitment benchmark: the same game with a
/// signed deal enforced forever on both sides (honour is the only action in
/// the deal states).
enum class model_variant { model, commitment };

/// Pure stationary profiles of each variant (the enumeration's size).
inline constexpr std::size_t model_pure_profiles = 25 * 9 * 4 * 4 * 4;
inline constexpr std::size_t commitment_pure_profiles = 25 * 9 * 4;

/// The escalation an action is: 0 none, 1 grey-zone, 2 overt. Actions are
/// recognised by name, so this serves every state.
[[nodiscard]] constexpr int escalation_level(std::string_view action) noexcept {
  if (action == "escalate-grey") return 1;
  if (action == "escalate-overt") return 2;
  return 0;
}

/// The index of a talks action (its place in `talks_action_names`), and the
/// escalation it is (0 none, 1 grey-zone, 2 overt).
[[nodiscard]] constexpr std::size_t index_of(talks_action a) noexcept { return static_cast<std::size_t>(a); }
[[nodiscard]] constexpr int escalation_level(talks_action a) noexcept {
  return a == talks_action::escalate_grey ? 1 : a == talks_action::escalate_overt ? 2 : 0;
}

/// What the flows of one year are measured in: the regimes' values (the
/// game the regimes play) or the nations' material welfare (the same
/// transitions; trade, sanctions, military spending and war only).
enum class payoff_kind { regime, welfare };

namespace detail {

template <scalar Scalar>
using next_states = std::vector<std::pair<std::size_t, Scalar>>;

/// The next-state distribution after a year with escalations of levels `a`
/// and `b` (0 none) under war risk `risk` per grey act: war with the summed
/// risk; otherwise `calm` (no escalation), `one` (one side) or `two` (both).
template <scalar Scalar>
next_states<Scalar> after_escalations(const friction_flows<Scalar>& f, const Scalar& risk, int a, int b,
                                      friction_state calm, friction_state one, friction_state two) {
  const auto act_risk = [&](int level) { return level == 0 ? Scalar(0) : level == 1 ? risk : risk * f.overt_risk_multiple; };
  Scalar war = act_risk(a) + act_risk(b);
  if (war > Scalar(1)) war = Scalar(1);
  const int acts = (a > 0) + (b > 0);
  const friction_state peace = acts == 0 ? calm : acts == 1 ? one : two;
  next_states<Scalar> next;
  if (war < Scalar(1)) next.emplace_back(index(peace), Scalar(1) - war);
  if (war > Scalar(0)) next.emplace_back(index(friction_state::war), war);
  return next;
}

}  // namespace detail

/// Each regime's flow (or nation's welfare) in the talks state for one
/// action profile, Washington's action first: the stage game's payoffs.
template <scalar Scalar>
[[nodiscard]] std::array<Scalar, 2> talks_flows(const friction_flows<Scalar>& f, talks_action washington,
                                                talks_action tehran, payoff_kind kind = payoff_kind::regime) {
  if (kind == payoff_kind::welfare) return f.hostility_welfare;
  const std::array<talks_action, 2> a = {washington, tehran};
  const auto agrees = [](talks_action x) { return x == talks_action::negotiate || x == talks_action::settle; };
  const bool escalation = escalation_level(a[0]) > 0 || escalation_level(a[1]) > 0;
  Scalar signed_now(0);  // the chance the deal is signed this year
  if (!escalation && agrees(a[0]) && agrees(a[1]))
    signed_now = a[0] == talks_action::settle && a[1] == talks_action::settle ? Scalar(1) : f.negotiation_progress;
  std::array<Scalar, 2> u = f.hostility;
  for (std::size_t i = 0; i < 2; ++i) {
    if (agrees(a[i])) u[i] -= f.negotiation_cost;
    if (a[i] == talks_action::escalate_grey) u[i] += f.signal[i];
    if (a[i] == talks_action::escalate_overt) u[i] += f.signal[i] * f.overt_signal_multiple;
    u[i] -= signed_now * f.concession[i];
  }
  return u;
}

/// Next year's state after a year of talks with actions `washington`, `tehran`.
template <scalar Scalar>
[[nodiscard]] detail::next_states<Scalar> talks_transition(const friction_flows<Scalar>& f, talks_action washington,
                                                           talks_action tehran) {
  using enum friction_state;
  const int lw = escalation_level(washington), lt = escalation_level(tehran);
  const auto agrees = [](talks_action x) { return x == talks_action::negotiate || x == talks_action::settle; };
  if (lw > 0 || lt > 0) return detail::after_escalations(f, f.talks_war_risk, lw, lt, talks, crisis, backchannel);
  if (washington == talks_action::settle && tehran == talks_action::settle) return {{index(deal_dove), Scalar(1)}};
  if (agrees(washington) && agrees(tehran) && f.negotiation_progress > Scalar(0)) {
    detail::next_states<Scalar> next = {{index(deal_dove), f.negotiation_progress}};
    if (f.negotiation_progress < Scalar(1)) next.emplace_back(index(talks), Scalar(1) - f.negotiation_progress);
    return next;
  }
  return {{index(talks), Scalar(1)}};
}

/// Next year's state after a year of crisis with escalations of levels
/// `washington` and `tehran` (0: return to the table).
template <scalar Scalar>
[[nodiscard]] detail::next_states<Scalar> crisis_transition(const friction_flows<Scalar>& f, int washington, int tehran) {
  using enum friction_state;
  return detail::after_escalations(f, f.talks_war_risk, washington, tehran, talks, crisis, backchannel);
}

/// Next year's state after a year in the backchannel (0: offer the swap,
/// executed when both offer; 1: a grey-zone escalation).
template <scalar Scalar>
[[nodiscard]] detail::next_states<Scalar> backchannel_transition(const friction_flows<Scalar>& f, int washington,
                                                                 int tehran) {
  using enum friction_state;
  return detail::after_escalations(f, f.backchannel_war_risk, washington, tehran, talks, backchannel, backchannel);
}

/// Next year's state after a year of a deal in force under a hawkish or
/// dovish administration: crisis when someone broke it, else the elections.
template <scalar Scalar>
[[nodiscard]] detail::next_states<Scalar> deal_transition(const friction_flows<Scalar>& f, bool hawk, bool broken) {
  using enum friction_state;
  if (broken) return {{index(crisis), Scalar(1)}};
  const Scalar switch_chance = hawk ? f.dove_arrival : f.hawk_arrival;
  const friction_state here = hawk ? deal_hawk : deal_dove, other = hawk ? deal_dove : deal_hawk;
  detail::next_states<Scalar> next;
  if (switch_chance < Scalar(1)) next.emplace_back(index(here), Scalar(1) - switch_chance);
  if (switch_chance > Scalar(0)) next.emplace_back(index(other), switch_chance);
  return next;
}

/// The infinite-horizon stochastic game (module comment above), Washington
/// first, starting in talks. With `payoff_kind::welfare` the payoffs are the
/// nations' material welfare (for evaluating an equilibrium's welfare).
template <scalar Scalar>
[[nodiscard]] stochastic_game<Scalar> stochastic_model(const friction_flows<Scalar>& f,
                                                       model_variant variant = model_variant::model,
                                                       payoff_kind kind = payoff_kind::regime) {
  using enum friction_state;
  const bool regime = kind == payoff_kind::regime;
  std::vector<stochastic_state<Scalar>> states(friction_state_count);
  for (std::size_t s = 0; s < friction_state_count; ++s) states[s].name = std::string(friction_state_names[s]);
  const auto names = [](auto list) { return std::vector<std::string>(list.begin(), list.end()); };

  // Talks.
  {
    auto& st = states[index(talks)];
    st.actions = {names(talks_action_names), names(talks_action_names)};
    for (std::size_t t = 0; t < 5; ++t)
      for (std::size_t w = 0; w < 5; ++w) {  // Washington's action varies fastest
        const auto aw = static_cast<talks_action>(w), at = static_cast<talks_action>(t);
        const auto u = talks_flows(f, aw, at, kind);
        st.outcomes.push_back({{u[0], u[1]}, talks_transition(f, aw, at)});
      }
  }
  // Crisis and backchannel: each escalation earns its signal (regime payoffs only).
  const auto signal = [&](std::size_t i, int level) {
    return level == 0 ? Scalar(0) : level == 1 ? f.signal[i] : f.signal[i] * f.overt_signal_multiple;
  };
  const auto base = regime ? f.hostility : f.hostility_welfare;
  {
    auto& st = states[index(crisis)];
    st.actions = {names(crisis_action_names), names(crisis_action_names)};
    for (std::size_t t = 0; t < 3; ++t)
      for (std::size_t w = 0; w < 3; ++w) {
        const int lw = escalation_level(crisis_action_names[w]), lt = escalation_level(crisis_action_names[t]);
        std::vector<Scalar> u = {base[0], base[1]};
        if (regime) u[0] += signal(0, lw), u[1] += signal(1, lt);
        st.outcomes.push_back({std::move(u), crisis_transition(f, lw, lt)});
      }
  }
  {
    auto& st = states[index(backchannel)];
    st.actions = {names(backchannel_action_names), names(backchannel_action_names)};
    for (std::size_t t = 0; t < 2; ++t)
      for (std::size_t w = 0; w < 2; ++w) {
        const int lw = escalation_level(backchannel_action_names[w]), lt = escalation_level(backchannel_action_names[t]);
        std::vector<Scalar> u = {base[0], base[1]};
        if (regime) {
          u[0] += signal(0, lw), u[1] += signal(1, lt);
          if (lw == 0 && lt == 0) u[0] += f.swap_value[0], u[1] += f.swap_value[1];
        }
        st.outcomes.push_back({std::move(u), backchannel_transition(f, lw, lt)});
      }
  }
  // The deal in force, under a dovish and a hawkish administration.
  const auto deal_base = regime ? f.deal : f.deal_welfare;
  for (const bool hawk : {false, true}) {
    auto& st = states[index(hawk ? deal_hawk : deal_dove)];
    if (variant == model_variant::commitment) {
      st.actions = {{"honour"}, {"honour"}};
    } else {
      st.actions = {names(washington_deal_action_names), names(tehran_deal_action_names)};
    }
    const std::size_t choices = st.actions[0].size();
    for (std::size_t t = 0; t < choices; ++t)
      for (std::size_t w = 0; w < choices; ++w) {
        std::vector<Scalar> u = {deal_base[0], deal_base[1]};
        if (regime) {
          if (w == 1) u[0] += (hawk ? f.revocation_gain_hawk : Scalar(0)) - f.breach_blame;
          if (t == 1) u[1] -= f.breach_blame;
        }
        st.outcomes.push_back({std::move(u), deal_transition(f, hawk, w == 1 || t == 1)});
      }
  }
  {
    auto& st = states[index(war)];
    st.actions = {{"fight"}, {"fight"}};
    st.outcomes.push_back({{-f.war_cost, -f.war_cost}, {{index(war), Scalar(1)}}});
  }
  std::string title = variant == model_variant::commitment
                          ? "Controlled friction, commitment benchmark: a signed deal is enforced forever"
                          : "Controlled friction: talks, crisis, backchannel, a revocable deal, war";
  if (!regime) title += " (the nations' material welfare)";
  return stochastic_game<Scalar>({std::string(player_names[0]), std::string(player_names[1])}, std::move(states),
                                 {f.discount[0], f.discount[1]}, index(talks), std::move(title));
}

/// The stochastic game of `p`, exact.
[[nodiscard]] inline stochastic_game<rational> stochastic_model(const controlled_friction_parameters& p,
                                                                model_variant variant = model_variant::model,
                                                                payoff_kind kind = payoff_kind::regime) {
  validate(p);
  return stochastic_model(flows<rational>(p), variant, kind);
}

/// The stage game: one year of formal talks, Washington the row player; its
/// payoffs are the talks state's flows.
[[nodiscard]] strategic_game<rational> stage_game(const controlled_friction_parameters& p);

/// The first `rounds` years of the stochastic game from talks as an
/// extensive game (simultaneous moves as information sets, transitions as
/// chance moves, each year's flows discounted to year 0 as outcomes along the
/// path). Throws `invalid_argument` when it would exceed `max_nodes` nodes
/// (three rounds of the model have some 70,000).
[[nodiscard]] extensive_game<rational> rounds_game(const controlled_friction_parameters& p, std::size_t rounds,
                                                   model_variant variant = model_variant::model,
                                                   std::size_t max_nodes = 2'000'000);

/// The behaviour profile of the T-round game that plays, in each year and
/// state, what `strategies[year][state]` (a finite-horizon Markov profile of
/// the stochastic game, as finite_horizon_markov_perfect returns it) plays:
/// the same strategy in the extensive form, for checking that the two forms
/// agree.
[[nodiscard]] behaviour_profile<rational> rounds_behaviour_profile(
    const extensive_game<rational>& rounds, const stochastic_game<rational>& model,
    const std::vector<stationary_profile<rational>>& strategies);

}  // namespace impasse::models
