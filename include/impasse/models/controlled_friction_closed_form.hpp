// Closed-form results for the controlled-friction model, exact in
// rationals. The solvers compute the same things numerically; the tests
// and the parameter sweeps check one against the other.
//
// - `stage_deal_margins`: when (settle, settle) is a Nash equilibrium of
//   the stage game: D_i >= H_i + max(0, e_i - w X_i) for each player, with
//   D the deal flow, H the hostility rent, e the escalation signal, w the
//   war risk of an escalation while talks run (after `talks_absorption`)
//   and X the present loss of war.
// - `stalling_margins`: when "stall in talks, return in a crisis, talk in
//   the backchannel" is a Markov perfect equilibrium of the stochastic
//   model: the signal of one escalation is at most its discounted expected
//   war loss, e_i <= delta_i w X_i.
// - `deal_profile_margins`: when "settle in talks, return in a crisis, talk
//   in the backchannel" is a Markov perfect equilibrium: the values of the
//   profile solve a three-state recursion in closed form, and every one-shot
//   deviation is checked against them.
// - `rubinstein_benchmark`: alternating offers over the surplus a deal
//   creates over perpetual stalling, with a chance of breakdown after each
//   rejection (Rubinstein 1982; Binmore, Rubinstein and Wolinsky 1986): if
//   the surplus is positive, agreement is immediate and the first proposer's
//   share is (1 - (1-p) d2) / (1 - (1-p)^2 d1 d2).
#pragma once

#include <impasse/models/controlled_friction.hpp>

#include <algorithm>
#include <array>

namespace impasse::models {

/// For each player, D_i - H_i - max(0, e_i - w X_i): (settle, settle) is a
/// Nash equilibrium of the stage game exactly when both are >= 0.
[[nodiscard]] inline std::array<rational, 2> stage_deal_margins(const controlled_friction_parameters& p) {
  const auto f = flows(p);
  std::array<rational, 2> margin;
  for (std::size_t i = 0; i < 2; ++i) {
    const rational escalation_gain = f.escalation_signal[i] - f.talks_war_risk * f.war_loss[i];
    margin[i] = f.deal[i] - f.hostility[i] - std::max(rational(0), escalation_gain);
  }
  return margin;
}

/// For each player, delta_i w X_i - e_i: perpetual stalling (with returns to
/// the table) is a Markov perfect equilibrium exactly when both are >= 0.
[[nodiscard]] inline std::array<rational, 2> stalling_margins(const controlled_friction_parameters& p) {
  const auto f = flows(p);
  std::array<rational, 2> margin;
  for (std::size_t i = 0; i < 2; ++i)
    margin[i] = f.discount[i] * f.talks_war_risk * f.war_loss[i] - f.escalation_signal[i];
  return margin;
}

/// A player's values, state by state, under the deal profile (settle in
/// talks, return in a crisis, talk in the backchannel).
struct deal_profile_values {
  rational talks, crisis, backchannel, deal, war;
};

/// With a = 1 - d + d q: V_talks = (a (H - c) + d D + d^2 q H) / (a - d^3 q),
/// V_deal = (D + d q H + d^2 q V_talks) / a, V_crisis = V_backchannel =
/// H + d V_talks, V_war = -war_cost / (1 - d).
[[nodiscard]] inline deal_profile_values deal_profile_value(const controlled_friction_parameters& p,
                                                            std::size_t player) {
  const auto f = flows(p);
  const rational& d = f.discount[player];
  const rational& q = p.cancellation_probability;
  const rational& h = f.hostility[player];
  const rational& deal = f.deal[player];
  const rational a = 1 - d + d * q;
  deal_profile_values v;
  v.talks = (a * (h - p.negotiation_cost) + d * deal + d * d * q * h) / (a - d * d * d * q);
  v.deal = (deal + d * q * h + d * d * q * v.talks) / a;
  v.crisis = v.backchannel = h + d * v.talks;
  v.war = -p.war_cost / (1 - d);
  return v;
}

/// For each player, the smallest gain from following the deal profile
/// rather than a one-shot deviation (stall, negotiate or escalate in talks;
/// retaliate in a crisis; skirmish in the backchannel): the profile is a
/// Markov perfect equilibrium exactly when both are >= 0.
[[nodiscard]] inline std::array<rational, 2> deal_profile_margins(const controlled_friction_parameters& p) {
  const auto f = flows(p);
  std::array<rational, 2> margin;
  for (std::size_t i = 0; i < 2; ++i) {
    const auto v = deal_profile_value(p, i);
    const rational& d = f.discount[i];
    const rational& w = f.talks_war_risk;         // escalating in talks, retaliating in a crisis
    const rational& wb = f.backchannel_war_risk;  // skirmishing in the backchannel
    const rational& h = f.hostility[i];
    const rational& e = f.escalation_signal[i];
    const rational settle = h - p.negotiation_cost + d * v.deal;
    const rational stall = h + d * v.talks;
    const rational negotiate =
        h - p.negotiation_cost + d * (p.negotiation_progress * v.deal + (1 - p.negotiation_progress) * v.talks);
    const rational escalate = h + e + d * (w * v.war + (1 - w) * v.crisis);
    const rational stay_calm = h + d * v.talks;  // in a crisis or the backchannel
    const rational retaliate = h + e + d * (w * v.war + (1 - w) * v.crisis);
    const rational skirmish = h + e + d * (wb * v.war + (1 - wb) * v.backchannel);
    margin[i] = std::min({settle - stall, settle - negotiate, settle - escalate, stay_calm - retaliate,
                          stay_calm - skirmish});
  }
  return margin;
}

/// The bargaining benchmark: what a deal is worth against perpetual
/// stalling, and how alternating offers would split it.
struct rubinstein_result {
  /// Each player's value of stalling forever, H / (1 - d).
  std::array<rational, 2> status_quo;
  /// Each player's value of a deal signed now that is cancelled with
  /// probability q per period, after which the status quo returns:
  /// (D + d q H / (1 - d)) / (1 - d (1 - q)).
  std::array<rational, 2> deal;
  /// deal - status quo, summed over the players.
  rational surplus;
  /// The chance that talks break down after a rejected offer, back to
  /// perpetual stalling (the disagreement point); set to one escalation's war
  /// risk while talks run.
  rational breakdown;
  /// The first proposer's (Washington's) share of a positive surplus, and
  /// each player's resulting value; agreement is immediate exactly when
  /// the surplus is positive.
  rational proposer_share;
  std::array<rational, 2> agreement_value;
  bool agreement = false;
};

[[nodiscard]] inline rubinstein_result rubinstein_benchmark(const controlled_friction_parameters& p) {
  const auto f = flows(p);
  rubinstein_result r;
  for (std::size_t i = 0; i < 2; ++i) {
    const rational& d = f.discount[i];
    r.status_quo[i] = f.hostility[i] / (1 - d);
    r.deal[i] = (f.deal[i] + d * p.cancellation_probability * r.status_quo[i]) / (1 - d * (1 - p.cancellation_probability));
  }
  r.surplus = r.deal[0] + r.deal[1] - r.status_quo[0] - r.status_quo[1];
  r.breakdown = f.talks_war_risk;
  const rational survive = 1 - r.breakdown;
  r.proposer_share = (1 - survive * f.discount[1]) / (1 - survive * survive * f.discount[0] * f.discount[1]);
  r.agreement = r.surplus > 0;
  if (r.agreement) {
    r.agreement_value = {r.status_quo[0] + r.proposer_share * r.surplus,
                         r.status_quo[1] + (1 - r.proposer_share) * r.surplus};
  } else {
    r.agreement_value = r.status_quo;
  }
  return r;
}

}  // namespace impasse::models
