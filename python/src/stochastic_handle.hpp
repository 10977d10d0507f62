// A stochastic game as Python holds it (the StochasticGame class), shared by
// the stochastic-game bindings, which register the class, and the model's,
// which return its games in it.
#pragma once

#include <impasse/core/scalar.hpp>
#include <impasse/stochastic/game.hpp>

#include <variant>

namespace impasse::python {

/// A stochastic game in double, or exact in rationals, like `strategic_game_handle`.
struct stochastic_game_handle {
  std::variant<stochastic_game<double>, stochastic_game<rational>> game;

  [[nodiscard]] bool exact() const noexcept { return game.index() == 1; }
};

}  // namespace impasse::python
