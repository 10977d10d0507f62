// The "controlled friction" model of U.S.-Iran diplomacy, after the essay
// "The Illusion of U.S. Iran Diplomacy and Why Both Sides Need It to Fail"
// (Stella Coleman): two governments, Washington and Tehran, that each period
// negotiate, stall, escalate or settle, and for whom, the essay claims,
// perpetual stalling beats a final deal ("The deadlock is the destination").
//
// One set of parameters builds the model three ways:
//   1. `stage_game`: one period of formal talks, a 4x4 strategic game;
//   2. `rounds_game`: T periods of talks as an extensive game, simultaneous
//      moves as information sets, for subgame-perfect equilibria;
//   3. `stochastic_model`: the infinite-horizon stochastic game over the
//      situations the essay describes: formal talks, a crisis after an
//      escalation, the backchannel after talks collapse, a deal in force
//      (cancelled with some probability each period) and war (absorbing).
// Each parameter carries the essay's sentence it comes from
// (`parameter_table`); where the essay gives no number, the table says so
// and the default is a value a reader can change.
//
// A period is a year. Payoffs are per-period flows in a common unit; the
// games are built in exact rationals and convert to `double`.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/extensive/game.hpp>
#include <impasse/models/controlled_friction_parameters.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/strategic/game.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace impasse::models {

/// Player i's payoff in one period of talks seen on its own, the stage
/// game: both settling signs the deal, which pays the deal flow this period;
/// otherwise each keeps its hostility rent, pays the negotiation cost for
/// negotiating or for settling alone, gains its signal for escalating, and
/// bears the expected war loss of every escalation in the period
/// (escalations x the war risk while talks run x war_loss).
[[nodiscard]] inline rational stage_payoff(const controlled_friction_parameters& p, std::size_t player,
                                           talks_action own, talks_action other) {
  const auto f = flows(p);
  if (own == talks_action::settle && other == talks_action::settle) return f.deal[player];
  rational u = f.hostility[player];
  if (own == talks_action::negotiate || own == talks_action::settle) u -= p.negotiation_cost;
  if (own == talks_action::escalate) u += f.escalation_signal[player];
  const int escalations = (own == talks_action::escalate) + (other == talks_action::escalate);
  u -= escalations * f.talks_war_risk * f.war_loss[player];
  return u;
}

/// The stage game: one period of formal talks, Washington the row player.
[[nodiscard]] inline strategic_game<rational> stage_game(const controlled_friction_parameters& p) {
  validate(p);
  strategic_game<rational> game({4, 4});
  game.set_title("Controlled friction: one period of formal talks");
  for (std::size_t i = 0; i < 2; ++i) {
    game.set_player_label(i, std::string(player_names[i]));
    for (std::size_t a = 0; a < 4; ++a) game.set_strategy_label(i, a, std::string(talks_action_names[a]));
  }
  for (std::size_t w = 0; w < 4; ++w)
    for (std::size_t t = 0; t < 4; ++t) {
      const std::array<std::size_t, 2> profile = {w, t};
      const auto aw = static_cast<talks_action>(w);
      const auto at = static_cast<talks_action>(t);
      game.set_payoff(0, profile, stage_payoff(p, 0, aw, at));
      game.set_payoff(1, profile, stage_payoff(p, 1, at, aw));
    }
  return game;
}

/// Player i's payoff from a deal signed in round `round` (0-based) of a
/// `rounds`-round game, discounted to round 0: the deal flow in the round
/// of signing; in each later round the deal survives with probability
/// (1 - q) per round, and once cancelled the hostility rents return.
[[nodiscard]] inline rational deal_payoff_in_rounds(const controlled_friction_parameters& p, std::size_t player,
                                                    std::size_t round, std::size_t rounds) {
  const auto f = flows(p);
  const rational& delta = f.discount[player];
  rational discount = 1;
  for (std::size_t t = 0; t < round; ++t) discount *= delta;
  rational total = discount * f.deal[player];
  rational survive = 1;
  for (std::size_t t = round + 1; t < rounds; ++t) {
    discount *= delta;
    survive *= 1 - p.cancellation_probability;
    total += discount * (survive * f.deal[player] + (1 - survive) * f.hostility[player]);
  }
  return total;
}

/// The T-round game of talks as an extensive game: in each round
/// Washington moves, then Tehran moves without seeing Washington's action
/// (one information set), so each round is a simultaneous-move subgame.
/// Stage payoffs are discounted to round 0; both settling ends the game
/// with the deal in force for the remaining rounds
/// (`deal_payoff_in_rounds`). Size: 21 nodes in round 1, and 20 * 15^(t-1)
/// more in round t > 1 (4,821 for three rounds, 72,321 for four).
[[nodiscard]] inline extensive_game<rational> rounds_game(const controlled_friction_parameters& p, std::size_t rounds) {
  validate(p);
  if (rounds == 0 || rounds > 4)
    throw invalid_argument("rounds_game: rounds must be 1 to 4 (five rounds have over a million nodes); got " +
                           std::to_string(rounds));
  const auto f = flows(p);
  extensive_game<rational> game({std::string(player_names[0]), std::string(player_names[1])});
  game.set_title("Controlled friction: " + std::to_string(rounds) + " rounds of talks");
  const std::vector<std::string> actions(talks_action_names.begin(), talks_action_names.end());
  std::vector<std::size_t> frontier = {game.root()};
  std::array<rational, 2> discount = {1, 1};
  for (std::size_t round = 0; round < rounds; ++round) {
    std::vector<std::size_t> next;
    const std::string r = std::to_string(round + 1);
    for (const std::size_t node : frontier) {
      game.add_decision(node, 0, actions, "Washington, round " + r);
      std::size_t tehran_set = no_index;
      for (std::size_t w = 0; w < 4; ++w) {
        const std::size_t child = game.node(node).children[w];
        if (tehran_set == no_index)
          tehran_set = game.add_decision(child, 1, actions, "Tehran, round " + r);
        else
          game.add_to_information_set(child, tehran_set);
        for (std::size_t t = 0; t < 4; ++t) {
          const std::size_t leaf = game.node(child).children[t];
          const auto aw = static_cast<talks_action>(w);
          const auto at = static_cast<talks_action>(t);
          std::vector<rational> payoffs(2);
          const bool deal = aw == talks_action::settle && at == talks_action::settle;
          for (std::size_t i = 0; i < 2; ++i)
            payoffs[i] = deal ? deal_payoff_in_rounds(p, i, round, rounds)
                              : discount[i] * stage_payoff(p, i, i == 0 ? aw : at, i == 0 ? at : aw);
          game.set_outcome(leaf, game.add_outcome(std::move(payoffs),
                                                  std::string(talks_action_names[w]) + "/" +
                                                      std::string(talks_action_names[t]) + ", round " + r));
          if (!deal) next.push_back(leaf);
        }
      }
    }
    for (std::size_t i = 0; i < 2; ++i) discount[i] *= f.discount[i];
    frontier = std::move(next);
  }
  return game;
}


/// The states of the stochastic model, in file order.
enum class friction_state : std::size_t { talks = 0, crisis = 1, backchannel = 2, deal = 3, war = 4 };
inline constexpr std::array<std::string_view, 5> friction_state_names = {"talks", "crisis", "backchannel", "deal",
                                                                         "war"};

namespace detail {

/// The next-state distribution when `escalations` acts of escalation (0, 1
/// or 2), each with war risk `risk`, happen in a period: war with
/// probability escalations * risk; otherwise `calm` with no escalation,
/// `one` after one and `two` after two.
inline std::vector<std::pair<std::size_t, rational>> after_escalations(const rational& risk, int escalations,
                                                                        friction_state calm, friction_state one,
                                                                        friction_state two) {
  const rational war = escalations * risk;
  const friction_state peace = escalations == 0 ? calm : escalations == 1 ? one : two;
  std::vector<std::pair<std::size_t, rational>> next;
  if (war < 1) next.emplace_back(static_cast<std::size_t>(peace), 1 - war);
  if (war > 0) next.emplace_back(static_cast<std::size_t>(friction_state::war), war);
  return next;
}

}  // namespace detail

/// The infinite-horizon stochastic game, Washington first, states in the
/// order of `friction_state`, starting in formal talks:
///   - talks (negotiate, stall, escalate, settle): each keeps its hostility
///     rent, pays the negotiation cost for negotiating or settling (the
///     concessions signing takes) and gains its signal for escalating; the
///     war risk is in the transitions, the deal starts next period. Each
///     escalation adds `escalation_war_risk` (1 - `talks_absorption`) of
///     war, the talks absorbing part of the shock; short of war, one
///     escalation leads to a crisis and two (the talks break down) to the
///     backchannel. Without escalation, both settling signs the deal;
///     negotiation by one met by negotiation or settlement by the other
///     reaches the deal with probability `negotiation_progress`; anything
///     else leaves the talks where they are.
///   - crisis (return, retaliate): "both sides rush to the table": both
///     returning resumes the talks; one retaliation keeps the crisis, two
///     collapse the talks into the backchannel; each retaliation is an
///     escalation (signal and the war risk while talks run).
///   - backchannel (talk, skirmish): "the informal communication channels
///     remain wide open": both talking resumes formal talks; skirmishes are
///     escalations, with the full `escalation_war_risk` (no talks absorb
///     them), and keep play in the backchannel.
///   - deal: one action each, the deal flows; cancelled with probability
///     `cancellation_probability` per period, back to crisis.
///   - war: absorbing, -war_cost per period for each.
[[nodiscard]] inline stochastic_game<rational> stochastic_model(const controlled_friction_parameters& p) {
  validate(p);
  const auto f = flows(p);
  using enum friction_state;
  const auto index = [](friction_state s) { return static_cast<std::size_t>(s); };
  std::vector<stochastic_state<rational>> states(5);
  for (std::size_t s = 0; s < 5; ++s) states[s].name = std::string(friction_state_names[s]);

  auto& talks_state = states[index(talks)];
  const std::vector<std::string> talks_actions(talks_action_names.begin(), talks_action_names.end());
  talks_state.actions = {talks_actions, talks_actions};
  for (std::size_t t = 0; t < 4; ++t)
    for (std::size_t w = 0; w < 4; ++w) {  // Washington's action varies fastest
      const std::array<talks_action, 2> a = {static_cast<talks_action>(w), static_cast<talks_action>(t)};
      std::vector<rational> payoffs(2);
      for (std::size_t i = 0; i < 2; ++i) {
        payoffs[i] = f.hostility[i];
        if (a[i] == talks_action::negotiate || a[i] == talks_action::settle) payoffs[i] -= p.negotiation_cost;
        if (a[i] == talks_action::escalate) payoffs[i] += f.escalation_signal[i];
      }
      const int escalations = (a[0] == talks_action::escalate) + (a[1] == talks_action::escalate);
      std::vector<std::pair<std::size_t, rational>> next;
      const auto agrees = [](talks_action x) { return x == talks_action::negotiate || x == talks_action::settle; };
      if (escalations > 0) {
        next = detail::after_escalations(f.talks_war_risk, escalations, talks, crisis, backchannel);
      } else if (a[0] == talks_action::settle && a[1] == talks_action::settle) {
        next = {{index(deal), rational(1)}};
      } else if (agrees(a[0]) && agrees(a[1]) && p.negotiation_progress > 0) {
        next = {{index(deal), p.negotiation_progress}};
        if (p.negotiation_progress < 1) next.emplace_back(index(talks), 1 - p.negotiation_progress);
      } else {
        next = {{index(talks), rational(1)}};
      }
      talks_state.outcomes.push_back({std::move(payoffs), std::move(next)});
    }

  // Crisis and backchannel: action 0 is the peaceful one, action 1 an escalation.
  const auto two_by_two = [&](stochastic_state<rational>& state, std::vector<std::string> actions,
                              const rational& risk, friction_state one, friction_state two) {
    state.actions = {actions, actions};
    for (std::size_t t = 0; t < 2; ++t)
      for (std::size_t w = 0; w < 2; ++w) {
        const std::array<std::size_t, 2> a = {w, t};
        std::vector<rational> payoffs(2);
        for (std::size_t i = 0; i < 2; ++i) payoffs[i] = f.hostility[i] + (a[i] == 1 ? f.escalation_signal[i] : 0);
        state.outcomes.push_back(
            {std::move(payoffs), detail::after_escalations(risk, static_cast<int>(w + t), talks, one, two)});
      }
  };
  two_by_two(states[index(crisis)], {"return", "retaliate"}, f.talks_war_risk, crisis, backchannel);
  two_by_two(states[index(backchannel)], {"talk", "skirmish"}, f.backchannel_war_risk, backchannel, backchannel);

  auto& deal_state = states[index(deal)];
  deal_state.actions = {{"honour"}, {"honour"}};
  std::vector<std::pair<std::size_t, rational>> after_deal;
  if (p.cancellation_probability < 1) after_deal.emplace_back(index(deal), 1 - p.cancellation_probability);
  if (p.cancellation_probability > 0) after_deal.emplace_back(index(crisis), p.cancellation_probability);
  deal_state.outcomes.push_back({{f.deal[0], f.deal[1]}, std::move(after_deal)});

  auto& war_state = states[index(war)];
  war_state.actions = {{"fight"}, {"fight"}};
  war_state.outcomes.push_back({{-p.war_cost, -p.war_cost}, {{index(war), rational(1)}}});

  return stochastic_game<rational>({std::string(player_names[0]), std::string(player_names[1])}, std::move(states),
                                   {f.discount[0], f.discount[1]}, index(talks),
                                   "Controlled friction: talks, crisis, backchannel, deal and war");
}

}  // namespace impasse::models
