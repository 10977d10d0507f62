// Games with three or more players whose equilibria are known in closed
// form, and the hostile cases every n-player solver is tested on.
#pragma once

#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/game.hpp>

#include <cstddef>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace impasse::test {

/// A game of the given shape whose payoff to player i at pure profile s is
/// `payoff(i, s)`.
template <scalar Scalar>
strategic_game<Scalar> game_from(std::vector<std::size_t> counts,
                                 const std::function<long(std::size_t, const pure_profile&)>& payoff) {
  strategic_game<Scalar> game(std::move(counts));
  for (std::size_t p = 0; p < game.num_profiles(); ++p) {
    const auto s = game.profile_at(p);
    for (std::size_t i = 0; i < game.num_players(); ++i) game.set_payoff(i, p, Scalar(payoff(i, s)));
  }
  return game;
}

/// Jordan's three-player matching pennies with weights: player 1 wants to
/// match player 2 (payoff a1 when both play 1, a2 when both play 2), player 2
/// to match player 3 (b1, b2), player 3 to mismatch player 1 (c1 when 3 plays
/// 1 and 1 plays 2, c2 when 3 plays 2 and 1 plays 1). Its unique equilibrium
/// is completely mixed: each player's mixture makes the one who watches it
/// indifferent, p1 = (c1, c2)/(c1 + c2), p2 = (a2, a1)/(a1 + a2),
/// p3 = (b2, b1)/(b1 + b2). With all weights 1 every player mixes 1/2.
template <scalar Scalar>
strategic_game<Scalar> weighted_jordan(long a1 = 1, long a2 = 2, long b1 = 3, long b2 = 1, long c1 = 1, long c2 = 4) {
  return game_from<Scalar>({2, 2, 2}, [=](std::size_t i, const pure_profile& s) -> long {
    switch (i) {
      case 0: return s[0] == s[1] ? (s[0] == 0 ? a1 : a2) : 0;
      case 1: return s[1] == s[2] ? (s[1] == 0 ? b1 : b2) : 0;
      default: return s[2] != s[0] ? (s[2] == 0 ? c1 : c2) : 0;
    }
  });
}

/// The unique equilibrium of `weighted_jordan` with the same weights.
template <scalar Scalar>
mixed_profile<Scalar> weighted_jordan_equilibrium(long a1 = 1, long a2 = 2, long b1 = 3, long b2 = 1, long c1 = 1,
                                                  long c2 = 4) {
  mixed_profile<Scalar> p({2, 2, 2});
  p(0, 0) = Scalar(c1) / Scalar(c1 + c2);
  p(0, 1) = Scalar(c2) / Scalar(c1 + c2);
  p(1, 0) = Scalar(a2) / Scalar(a1 + a2);
  p(1, 1) = Scalar(a1) / Scalar(a1 + a2);
  p(2, 0) = Scalar(b2) / Scalar(b1 + b2);
  p(2, 1) = Scalar(b1) / Scalar(b1 + b2);
  return p;
}

/// Jordan's game for n players: player i (from 0) wants to match player
/// i + 1, earning i + 1 when both play their first strategy and 1 when both
/// play their second; the last player wants to mismatch player 0, earning n
/// when it plays its first strategy against player 0's second and 1 the
/// other way round. Each player's indifference fixes the next one's mixture,
/// so the unique equilibrium is completely mixed: p_0(first) = n / (n + 1),
/// p_j(first) = 1 / (j + 1) for j >= 1.
template <scalar Scalar>
strategic_game<Scalar> cyclic_pennies(std::size_t players) {
  std::vector<std::size_t> counts(players, 2);
  return game_from<Scalar>(counts, [players](std::size_t i, const pure_profile& s) -> long {
    const std::size_t next = (i + 1) % players;
    if (i + 1 < players) return s[i] == s[next] ? (s[i] == 0 ? static_cast<long>(i) + 1 : 1) : 0;
    return s[i] != s[next] ? (s[i] == 0 ? static_cast<long>(players) : 1) : 0;
  });
}

template <scalar Scalar>
mixed_profile<Scalar> cyclic_pennies_equilibrium(std::size_t players) {
  mixed_profile<Scalar> p(std::vector<std::size_t>(players, 2));
  const auto n = static_cast<long>(players);
  p(0, 0) = Scalar(n) / Scalar(n + 1);
  p(0, 1) = Scalar(1) / Scalar(n + 1);
  for (std::size_t j = 1; j < players; ++j) {
    p(j, 0) = Scalar(1) / Scalar(static_cast<long>(j) + 1);
    p(j, 1) = Scalar(static_cast<long>(j)) / Scalar(static_cast<long>(j) + 1);
  }
  return p;
}

/// The numbers of a Gambit output line (`NE,0.5,...`), the tag left out.
inline std::vector<double> numbers_of(const std::string& line) {
  std::vector<double> out;
  std::istringstream in(line.substr(line.find(',') + 1));
  std::string field;
  while (std::getline(in, field, ',')) out.push_back(std::stod(field));
  return out;
}

/// The mixed profile with the given probabilities, flat in Gambit's order.
template <scalar Scalar>
mixed_profile<Scalar> from_flat(const std::vector<std::size_t>& counts, const std::vector<Scalar>& flat) {
  mixed_profile<Scalar> p(counts);
  std::size_t k = 0;
  for (std::size_t i = 0; i < counts.size(); ++i)
    for (std::size_t s = 0; s < counts[i]; ++s) p(i, s) = k < flat.size() ? flat[k++] : Scalar(0);
  return p;
}

/// The game with every payoff multiplied by `factor` (payoffs of 1e12).
template <scalar Scalar>
strategic_game<Scalar> scaled(const strategic_game<Scalar>& game, const Scalar& factor) {
  strategic_game<Scalar> out = game;
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (std::size_t p = 0; p < game.num_profiles(); ++p) out.set_payoff(i, p, game.payoff(i, p) * factor);
  return out;
}

/// The game with `player`'s strategy `strategy` duplicated (the copy last).
template <scalar Scalar>
strategic_game<Scalar> with_duplicate(const strategic_game<Scalar>& game, std::size_t player, std::size_t strategy) {
  auto counts = game.strategy_counts();
  ++counts[player];
  strategic_game<Scalar> out(counts);
  for (std::size_t p = 0; p < out.num_profiles(); ++p) {
    auto s = out.profile_at(p);
    if (s[player] == counts[player] - 1) s[player] = strategy;
    for (std::size_t i = 0; i < game.num_players(); ++i) out.set_payoff(i, p, game.payoff(i, s));
  }
  return out;
}

/// Jordan's game with a fourth, dummy player who has one strategy and a
/// constant payoff: the equilibrium is Jordan's, the dummy plays its strategy.
template <scalar Scalar>
strategic_game<Scalar> jordan_with_dummy() {
  const auto base = weighted_jordan<Scalar>();
  strategic_game<Scalar> out({2, 2, 2, 1});
  for (std::size_t p = 0; p < out.num_profiles(); ++p) {
    auto s = out.profile_at(p);
    const pure_profile t{s[0], s[1], s[2]};
    for (std::size_t i = 0; i < 3; ++i) out.set_payoff(i, p, base.payoff(i, t));
    out.set_payoff(3, p, Scalar(7));
  }
  return out;
}

}  // namespace impasse::test
