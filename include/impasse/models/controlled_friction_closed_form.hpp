// Closed forms for the controlled-friction model, in any scalar (exact in
// rationals for the report and the tests, double for the sensitivity
// analysis). The solvers compute the same things by search; the tests, the
// sweeps and the sensitivity analysis check one against the other.
//
// Three stationary profiles carry the essay's argument. In all three both
// return to the table in a crisis and both offer the swap in the backchannel.
//   - friction:        both escalate in the grey zone in talks; a deal, were
//                      one signed, would be honoured by a dove and revoked by
//                      the first hawk. Its path: talks, the talks collapse,
//                      a swap in the backchannel, talks again.
//   - revocable deal:  both settle in talks; the dove honours, the first
//                      hawk revokes (back to crisis, then talks, then a new
//                      deal, paying the concessions again).
//   - durable deal:    both settle in talks and every administration honours.
//                      In the commitment benchmark this is the only way a
//                      deal can go (`binding deal`).
// Each profile's values solve a small linear system whose solution is
// written out below (player i, discount d, hostility H, deal D, signal e,
// swap v, concession K, negotiation cost c, grey war risk r while the talks
// run, hawk arrival q, war value Wv = -war_cost / (1 - d), and the revocation
// payoff rho: the hawk's gain less the blame for Washington, 0 for Tehran):
//   friction:  V_talks = (H + e + d (1 - 2r)(H + v) + 2 d r Wv) / (1 - d^2 (1 - 2r)),
//              V_crisis = H + d V_talks, V_backchannel = H + v + d V_talks;
//   revocable deal (A = 1 - d (1 - q)):
//              V_talks = (A (H - c - K) + d D (1 + d q) + d^2 q rho + d^3 q H) / (A - d^4 q);
//   in both, the deal states: V_hawk = D + rho + d V_crisis,
//              V_dove = (D + d q V_hawk) / A;
//   durable deal: V_dove = V_hawk = D / (1 - d), V_talks = H - c - K + d V_dove.
// A profile is a Markov perfect equilibrium exactly when no one-shot
// deviation gains (`profile_margins`, every state and action).
//
// The commitment condition (`commitment_recoup`). For Tehran, settling
// rather than stalling in the revocable-deal profile gains exactly
// (1 - d) [d (V_dove - H / (1 - d)) - (K + c)], and
// V_dove - H / (1 - d) = L (D - H) + (d^2 q / A) (V_crisis - H / (1 - d)),
// where L = (1 + d q) / A is the deal's expected discounted life (in years,
// the hawk's year of revocation included) under the hawk's hazard q. So a
// deal fails exactly when d L (D - H), plus the value of signing again after a
// revocation, falls short of the concession K + c, while a binding deal
// (L = 1 / (1 - d)) recoups it when d (D - H) / (1 - d) >= K + c.
#pragma once

#include <impasse/models/controlled_friction.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

namespace impasse::models {

/// A stationary profile of the model in the form the closed forms take:
/// the actions in talks, the escalation levels in a crisis and in the
/// backchannel (0: return / swap), and who breaks a deal in force under each
/// administration. Index 0 is Washington.
struct friction_profile {
  std::array<talks_action, 2> talks;
  std::array<int, 2> crisis;
  std::array<int, 2> backchannel;
  std::array<bool, 2> dove_breaks;
  std::array<bool, 2> hawk_breaks;

  friend bool operator==(const friction_profile&, const friction_profile&) = default;
};

/// The three profiles of the argument (module comment).
enum class named_profile { friction, revocable_deal, durable_deal };
inline constexpr std::array<std::string_view, 3> named_profile_names = {"friction", "revocable deal", "durable deal"};

[[nodiscard]] constexpr friction_profile profile_of(named_profile which) noexcept {
  using enum talks_action;
  switch (which) {
    case named_profile::friction: return {{escalate_grey, escalate_grey}, {0, 0}, {0, 0}, {false, false}, {true, false}};
    case named_profile::revocable_deal: return {{settle, settle}, {0, 0}, {0, 0}, {false, false}, {true, false}};
    case named_profile::durable_deal: return {{settle, settle}, {0, 0}, {0, 0}, {false, false}, {false, false}};
  }
  return {};
}

/// One player's value in each state (indexed by `friction_state`).
template <class Scalar>
using state_values = std::array<Scalar, friction_state_count>;

/// Player i's values under a named profile, in closed form (module comment).
/// For `durable_deal` the same formulas serve the model and the commitment
/// benchmark (there it is the binding deal).
template <scalar Scalar>
[[nodiscard]] state_values<Scalar> profile_values(const friction_flows<Scalar>& f, named_profile which,
                                                  std::size_t i) {
  using enum friction_state;
  const Scalar& d = f.discount[i];
  const Scalar& h = f.hostility[i];
  const Scalar& deal = f.deal[i];
  const Scalar& q = f.hawk_arrival;
  const Scalar rho = i == 0 ? f.revocation_gain_hawk - f.breach_blame : Scalar(0);
  const Scalar cost = f.concession[i] + f.negotiation_cost;
  state_values<Scalar> v{};
  v[index(war)] = -f.war_cost / (1 - d);
  const Scalar a = 1 - d * (1 - q);
  switch (which) {
    case named_profile::friction: {
      Scalar two_r = 2 * f.talks_war_risk;
      if (two_r > Scalar(1)) two_r = Scalar(1);
      v[index(talks)] = (h + f.signal[i] + d * (1 - two_r) * (h + f.swap_value[i]) + d * two_r * v[index(war)]) /
                        (1 - d * d * (1 - two_r));
      break;
    }
    case named_profile::revocable_deal:
      v[index(talks)] = (a * (h - cost) + d * deal * (1 + d * q) + d * d * q * rho + d * d * d * q * h) /
                        (a - d * d * d * d * q);
      break;
    case named_profile::durable_deal:
      v[index(deal_dove)] = v[index(deal_hawk)] = deal / (1 - d);
      v[index(talks)] = h - cost + d * v[index(deal_dove)];
      break;
  }
  v[index(crisis)] = h + d * v[index(talks)];
  v[index(backchannel)] = h + f.swap_value[i] + d * v[index(talks)];
  if (which != named_profile::durable_deal) {
    v[index(deal_hawk)] = deal + rho + d * v[index(crisis)];
    v[index(deal_dove)] = (deal + d * q * v[index(deal_hawk)]) / a;
  }
  return v;
}

namespace detail {

template <scalar Scalar>
Scalar continuation(const next_states<Scalar>& next, const state_values<Scalar>& v) {
  Scalar total(0);
  for (const auto& [s, p] : next) total += p * v[s];
  return total;
}

template <scalar Scalar>
Scalar signal_of(const friction_flows<Scalar>& f, std::size_t i, int level) {
  return level == 0 ? Scalar(0) : level == 1 ? f.signal[i] : f.signal[i] * f.overt_signal_multiple;
}

}  // namespace detail

/// The smallest gain, over every state and every action of player i, from
/// following `profile` rather than deviating once, given i's values `v`
/// under the profile: the profile is an MPE for i exactly when it is >= 0.
/// With `commitment`, the deal states offer no choice. Also says where the
/// smallest margin is (`state`, `action` names).
template <scalar Scalar>
struct margin_result {
  Scalar margin;
  friction_state state = friction_state::talks;
  std::string_view action;
};

template <scalar Scalar>
[[nodiscard]] margin_result<Scalar> profile_margin(const friction_flows<Scalar>& f, const friction_profile& profile,
                                                   const state_values<Scalar>& v, std::size_t i, bool commitment) {
  using enum friction_state;
  const Scalar& d = f.discount[i];
  margin_result<Scalar> worst{Scalar(0), friction_state::talks, {}};
  bool first = true;
  const auto consider = [&](friction_state s, std::string_view action, const Scalar& gain) {
    if (first || gain < worst.margin) worst = {gain, s, action};
    first = false;
  };
  // Talks.
  {
    const auto q_of = [&](talks_action own) {
      std::array<talks_action, 2> a = profile.talks;
      a[i] = own;
      return talks_flows(f, a[0], a[1])[i] + d * detail::continuation(talks_transition(f, a[0], a[1]), v);
    };
    const Scalar follow = q_of(profile.talks[i]);
    for (std::size_t k = 0; k < 5; ++k)
      if (static_cast<talks_action>(k) != profile.talks[i])
        consider(talks, talks_action_names[k], follow - q_of(static_cast<talks_action>(k)));
  }
  // Crisis (levels 0..2) and backchannel (levels 0..1).
  for (const bool back : {false, true}) {
    const auto& levels = back ? profile.backchannel : profile.crisis;
    const auto q_of = [&](int own) {
      std::array<int, 2> a = levels;
      a[i] = own;
      Scalar u = f.hostility[i] + detail::signal_of(f, i, own);
      if (back && a[0] == 0 && a[1] == 0) u += f.swap_value[i];
      const auto next = back ? backchannel_transition(f, a[0], a[1]) : crisis_transition(f, a[0], a[1]);
      return u + d * detail::continuation(next, v);
    };
    const Scalar follow = q_of(levels[i]);
    for (int level = 0; level <= (back ? 1 : 2); ++level)
      if (level != levels[i])
        consider(back ? backchannel : crisis, back ? backchannel_action_names[level] : crisis_action_names[level],
                 follow - q_of(level));
  }
  // The deal states.
  if (!commitment)
    for (const bool hawk : {false, true}) {
      const auto& breaks = hawk ? profile.hawk_breaks : profile.dove_breaks;
      const auto q_of = [&](bool own_breaks) {
        std::array<bool, 2> b = breaks;
        b[i] = own_breaks;
        Scalar u = f.deal[i];
        if (own_breaks) u += (i == 0 && hawk ? f.revocation_gain_hawk : Scalar(0)) - f.breach_blame;
        return u + d * detail::continuation(deal_transition(f, hawk, b[0] || b[1]), v);
      };
      const auto names = i == 0 ? washington_deal_action_names : tehran_deal_action_names;
      consider(hawk ? deal_hawk : deal_dove, names[breaks[i] ? 0 : 1], q_of(breaks[i]) - q_of(!breaks[i]));
    }
  return worst;
}

/// Both players' smallest margins for a named profile in the model or the
/// commitment benchmark (for the benchmark only the durable deal and
/// friction are meaningful: there a deal cannot be broken).
template <scalar Scalar>
[[nodiscard]] std::array<margin_result<Scalar>, 2> named_profile_margins(const friction_flows<Scalar>& f,
                                                                         named_profile which, bool commitment) {
  const auto profile = profile_of(which);
  std::array<margin_result<Scalar>, 2> out;
  for (std::size_t i = 0; i < 2; ++i) {
    auto v = profile_values(f, which, i);
    if (commitment && which == named_profile::friction) {  // the deal states honour for good
      v[index(friction_state::deal_dove)] = v[index(friction_state::deal_hawk)] = f.deal[i] / (1 - f.discount[i]);
    }
    out[i] = profile_margin(f, profile, v, i, commitment);
  }
  return out;
}

/// Whether both margins are >= 0.
template <scalar Scalar>
[[nodiscard]] bool is_equilibrium(const std::array<margin_result<Scalar>, 2>& m) {
  return m[0].margin >= Scalar(0) && m[1].margin >= Scalar(0);
}

/// Player i's values under any `friction_profile` (in the commitment
/// benchmark when `commitment`: no one breaks a deal), by solving the
/// six-state system (I - d P) V = r directly: Gaussian elimination with
/// partial pivoting on a 6 x 6 matrix, exact in rationals. The named
/// profiles' explicit formulas above are this solution written out.
template <scalar Scalar>
[[nodiscard]] state_values<Scalar> profile_values(const friction_flows<Scalar>& f, const friction_profile& profile,
                                                  std::size_t i, bool commitment) {
  using enum friction_state;
  constexpr std::size_t n = friction_state_count;
  const Scalar& d = f.discount[i];
  std::array<std::array<Scalar, n + 1>, n> m{};
  for (auto& row : m) row.fill(Scalar(0));
  const auto set_row = [&](friction_state s, const Scalar& reward, const detail::next_states<Scalar>& next) {
    auto& row = m[index(s)];
    row[index(s)] += Scalar(1);
    for (const auto& [t, p] : next) row[t] -= d * p;
    row[n] = reward;
  };
  set_row(talks, talks_flows(f, profile.talks[0], profile.talks[1])[i],
          talks_transition(f, profile.talks[0], profile.talks[1]));
  set_row(crisis, f.hostility[i] + detail::signal_of(f, i, profile.crisis[i]),
          crisis_transition(f, profile.crisis[0], profile.crisis[1]));
  {
    Scalar u = f.hostility[i] + detail::signal_of(f, i, profile.backchannel[i]);
    if (profile.backchannel[0] == 0 && profile.backchannel[1] == 0) u += f.swap_value[i];
    set_row(backchannel, u, backchannel_transition(f, profile.backchannel[0], profile.backchannel[1]));
  }
  for (const bool hawk : {false, true}) {
    const auto& breaks = hawk ? profile.hawk_breaks : profile.dove_breaks;
    const bool own = !commitment && breaks[i], any = !commitment && (breaks[0] || breaks[1]);
    Scalar u = f.deal[i];
    if (own) u += (i == 0 && hawk ? f.revocation_gain_hawk : Scalar(0)) - f.breach_blame;
    set_row(hawk ? deal_hawk : deal_dove, u, deal_transition(f, hawk, any));
  }
  set_row(war, -f.war_cost, {{index(war), Scalar(1)}});
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r) {
      const Scalar a = m[r][c] < Scalar(0) ? -m[r][c] : m[r][c];
      const Scalar b = m[pivot][c] < Scalar(0) ? -m[pivot][c] : m[pivot][c];
      if (a > b) pivot = r;
    }
    std::swap(m[c], m[pivot]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c || m[r][c] == Scalar(0)) continue;
      const Scalar factor = m[r][c] / m[c][c];
      for (std::size_t k = c; k <= n; ++k) m[r][k] -= factor * m[c][k];
    }
  }
  state_values<Scalar> v{};
  for (std::size_t s = 0; s < n; ++s) v[s] = m[s][n] / m[s][s];
  return v;
}

/// The families of profiles the closed-form verdicts look through: every
/// combination of the choices that do not change the family's path.
///   friction: both escalate in the grey zone in talks and swap in the
///     backchannel; in a crisis both return or both escalate; a dove and
///     Tehran honour a deal, a hawk revokes it or honours it (4 profiles).
///   deal: both settle, or both negotiate, in talks; in a crisis both return
///     or both escalate; both swap in the backchannel; a dove and Tehran
///     honour, a hawk revokes or honours (8 profiles; in the commitment
///     benchmark the deal states offer no choice, so 4 distinct ones).
enum class profile_family { friction, deal };

[[nodiscard]] inline std::vector<friction_profile> family_profiles(profile_family family) {
  using enum talks_action;
  std::vector<friction_profile> out;
  const std::vector<talks_action> talks =
      family == profile_family::friction ? std::vector<talks_action>{escalate_grey} : std::vector<talks_action>{settle, negotiate};
  for (const auto t : talks)
    for (const int crisis : {0, 1})
      for (const bool hawk_revokes : {true, false})
        out.push_back({{t, t}, {crisis, crisis}, {0, 0}, {false, false}, {hawk_revokes, false}});
  return out;
}

/// The member of `family` that is an MPE with the largest value at talks for
/// Tehran (ties: the first), with both players' values; none when no member is.
template <scalar Scalar>
struct family_equilibrium {
  friction_profile profile;
  std::array<state_values<Scalar>, 2> values;
};

template <scalar Scalar>
[[nodiscard]] std::optional<family_equilibrium<Scalar>> family_equilibrium_of(const friction_flows<Scalar>& f,
                                                                                profile_family family, bool commitment) {
  std::optional<family_equilibrium<Scalar>> best;
  for (const auto& profile : family_profiles(family)) {
    family_equilibrium<Scalar> candidate{profile, {profile_values(f, profile, 0, commitment), profile_values(f, profile, 1, commitment)}};
    bool equilibrium = true;
    for (std::size_t i = 0; i < 2 && equilibrium; ++i)
      equilibrium = profile_margin(f, profile, candidate.values[i], i, commitment).margin >= Scalar(0);
    if (equilibrium && (!best || candidate.values[1][0] > best->values[1][0])) best = std::move(candidate);
  }
  return best;
}

/// The commitment condition for Tehran (module comment): what a revocable
/// deal recoups against what a binding one would, and what signing costs.
template <scalar Scalar>
struct commitment_recoup {
  /// The hawk's hazard per year, and the deal's expected discounted life
  /// under it and when binding.
  Scalar hazard;
  Scalar life_revocable;
  Scalar life_binding;
  /// Tehran's yearly gain from the deal over stalling, D - H.
  Scalar yearly_gain;
  /// What signing costs: the concession plus the year's negotiation cost.
  Scalar cost;
  /// d L (D - H): what the deal's expected life recoups, revocable and binding.
  Scalar recouped_revocable;
  Scalar recouped_binding;
  /// The value of signing again after a revocation, d (d^2 q / A) (V_crisis - H / (1 - d)).
  Scalar resigning_value;
  /// Settling rather than stalling in the revocable-deal profile, and in the
  /// binding deal: (1 - d) (recouped + resigning - cost), (1 - d) (recouped_binding - cost).
  Scalar margin_revocable;
  Scalar margin_binding;
  /// The chance a revocable deal signed now is still in force after 10 years
  /// if the first hawk revokes it ((1 - q)^9: nine dovish years, the tenth the
  /// hawk's year).
  Scalar survival_ten_years;
};

template <scalar Scalar>
[[nodiscard]] commitment_recoup<Scalar> recoup(const friction_flows<Scalar>& f, std::size_t i = 1) {
  commitment_recoup<Scalar> r;
  const Scalar& d = f.discount[i];
  const Scalar& q = f.hawk_arrival;
  const Scalar a = 1 - d * (1 - q);
  r.hazard = q;
  r.life_revocable = (1 + d * q) / a;
  r.life_binding = 1 / (1 - d);
  r.yearly_gain = f.deal[i] - f.hostility[i];
  r.cost = f.concession[i] + f.negotiation_cost;
  r.recouped_revocable = d * r.life_revocable * r.yearly_gain;
  r.recouped_binding = d * r.life_binding * r.yearly_gain;
  const auto v = profile_values(f, named_profile::revocable_deal, i);
  r.resigning_value = d * (d * d * q / a) * (v[index(friction_state::crisis)] - f.hostility[i] / (1 - d));
  r.margin_revocable = (1 - d) * (r.recouped_revocable + r.resigning_value - r.cost);
  r.margin_binding = (1 - d) * (r.recouped_binding - r.cost);
  r.survival_ten_years = 1;
  for (int k = 0; k < 9; ++k) r.survival_ten_years *= 1 - q;
  return r;
}

/// The friction profile's path from talks, in closed form: two grey-zone
/// escalations every two years (the talks collapse), a swap in the
/// backchannel, talks again; war can start only after a year of talks, with
/// chance 2r each time.
template <scalar Scalar>
struct friction_path {
  Scalar escalations_per_year;  ///< while not at war: 1
  Scalar swaps_per_year;        ///< 1/2
  Scalar war_within_horizon;    ///< 1 - (1 - 2r)^ceil(n / 2)
  Scalar collapse_to_backchannel;  ///< 1 - 2r: a collapse lands in the backchannel, not war
};

template <scalar Scalar>
[[nodiscard]] friction_path<Scalar> friction_path_of(const friction_flows<Scalar>& f, long years) {
  friction_path<Scalar> out;
  Scalar two_r = 2 * f.talks_war_risk;
  if (two_r > Scalar(1)) two_r = Scalar(1);
  out.escalations_per_year = Scalar(1);
  out.swaps_per_year = Scalar(1) / 2;
  Scalar peace(1);
  for (long k = 0; k < (years + 1) / 2; ++k) peace *= 1 - two_r;
  out.war_within_horizon = 1 - peace;
  out.collapse_to_backchannel = 1 - two_r;
  return out;
}

/// How Tehran's regime's yearly value of hostility moves with sanctions:
/// sanctions_rent - welfare_weight * sanctions_damage per unit of intensity.
/// Positive: sanctions feed the regime while they starve the nation.
[[nodiscard]] inline rational sanctions_rent_slope(const controlled_friction_parameters& p) {
  return p.sanctions_rent_tehran - p.welfare_weight_tehran * p.sanctions_damage_tehran;
}

}  // namespace impasse::models
