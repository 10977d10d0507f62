// Small games from the literature, shared by the tests.
#pragma once

#include <impasse/extensive/game.hpp>
#include <impasse/strategic/game.hpp>

#include <Eigen/Core>

namespace impasse::test {

/// A two-player game from integer payoff rows (row player's, column player's).
template <scalar Scalar>
strategic_game<Scalar> bimatrix(std::initializer_list<std::initializer_list<long>> a,
                                std::initializer_list<std::initializer_list<long>> b) {
  return strategic_game<Scalar>::bimatrix(a, b);
}

/// Prisoner's dilemma: cooperate (0) or defect (1); (defect, defect) is the
/// unique equilibrium and defection strictly dominates.
template <scalar Scalar>
strategic_game<Scalar> prisoners_dilemma() {
  return bimatrix<Scalar>({{3, 0}, {5, 1}}, {{3, 5}, {0, 1}});
}

/// Matching pennies: no pure equilibrium; the unique one is (1/2, 1/2) each.
template <scalar Scalar>
strategic_game<Scalar> matching_pennies() {
  return bimatrix<Scalar>({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
}

/// Battle of the sexes: two pure equilibria and a mixed one, (2/3, 1/3) and
/// (1/3, 2/3).
template <scalar Scalar>
strategic_game<Scalar> battle_of_the_sexes() {
  return bimatrix<Scalar>({{2, 0}, {0, 1}}, {{1, 0}, {0, 2}});
}

/// Entry deterrence (Selten 1978): the entrant stays Out (0, 2) or goes In;
/// then the incumbent Fights (-1, -1) or Accommodates (1, 1).
template <class Scalar>
extensive_game<Scalar> entry_deterrence() {
  extensive_game<Scalar> game({"Entrant", "Incumbent"});
  game.add_decision(0, 0, {"In", "Out"});
  const auto in = game.node(0).children[0], out = game.node(0).children[1];
  game.add_decision(in, 1, {"Fight", "Accommodate"});
  game.set_outcome(game.node(in).children[0], game.add_outcome({Scalar(-1), Scalar(-1)}, "fight"));
  game.set_outcome(game.node(in).children[1], game.add_outcome({Scalar(1), Scalar(1)}, "share"));
  game.set_outcome(out, game.add_outcome({Scalar(0), Scalar(2)}, "monopoly"));
  return game;
}

}  // namespace impasse::test
