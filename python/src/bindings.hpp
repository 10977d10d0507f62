// Shared by the binding files: the game as Python holds it, scalars and
// profiles to Python, and a solver run without the GIL that Ctrl-C and the
// Python callbacks can stop.
#pragma once

#include <impasse/core/result.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace impasse::python {

namespace py = pybind11;

/// A strategic game as Python holds it: payoffs in double, or exact in
/// rationals (from integers and `fractions.Fraction`, and every .nfg file).
struct strategic_game_handle {
  std::variant<strategic_game<double>, strategic_game<rational>> game;

  [[nodiscard]] bool exact() const noexcept { return game.index() == 1; }
};

/// A `fractions.Fraction` equal to `x`.
[[nodiscard]] py::object to_python(const rational& x);
[[nodiscard]] inline py::object to_python(double x) { return py::float_(x); }

/// One player's mixed strategy: a numpy float array in double, a tuple of
/// `Fraction`s in rationals.
template <scalar Scalar>
[[nodiscard]] py::object strategy_to_python(std::span<const Scalar> probabilities) {
  if constexpr (is_exact_v<Scalar>) {
    py::tuple out(probabilities.size());
    for (std::size_t s = 0; s < probabilities.size(); ++s) out[s] = to_python(probabilities[s]);
    return out;
  } else {
    return py::array_t<double>(static_cast<py::ssize_t>(probabilities.size()), probabilities.data());
  }
}

/// A profile as a tuple with one strategy per player.
template <scalar Scalar>
[[nodiscard]] py::tuple profile_to_python(const mixed_profile<Scalar>& profile) {
  py::tuple out(profile.num_players());
  for (std::size_t i = 0; i < profile.num_players(); ++i) out[i] = strategy_to_python<Scalar>(profile.strategy(i));
  return out;
}

template <scalar Scalar>
[[nodiscard]] py::tuple profiles_to_python(const std::vector<mixed_profile<Scalar>>& profiles) {
  py::tuple out(profiles.size());
  for (std::size_t e = 0; e < profiles.size(); ++e) out[e] = profile_to_python(profiles[e]);
  return out;
}

/// The Python `impasse.Result` for a run: the equilibria, the run report's
/// four fields, and the solver's own fields in `fields`.
[[nodiscard]] py::object make_result(const run_report& report, py::tuple equilibria, py::dict fields = {});

/// One call of a solver from Python. The solve runs with the GIL released;
/// the progress callback takes the GIL back to look for a pending signal
/// (Ctrl-C) and to call the user's `on_progress`, and the equilibrium
/// callback to call the user's `on_equilibrium`. A signal, or an exception
/// in either callback, requests the stop token, and the exception is raised
/// once the solver has returned (with what it found, `cancelled`).
///
/// The Python callables stay in the session: the callbacks handed to the
/// solver capture only its address, so that copying them (which solvers may
/// do without the GIL) never touches a Python reference count.
class solve_session {
 public:
  solve_session(py::object on_equilibrium, py::object on_progress)
      : on_equilibrium_(std::move(on_equilibrium)), on_progress_(std::move(on_progress)) {}

  [[nodiscard]] std::stop_token stop_token() const { return stop_.get_token(); }

  [[nodiscard]] progress_callback on_progress() {
    return [this](const progress& p) { poll(&p); };
  }

  /// The callback for each equilibrium in the solver's profile type
  /// (`mixed_profile<Scalar>`, or `pure_profile` with `convert`).
  template <class Profile, class Convert>
  [[nodiscard]] std::function<void(const Profile&)> on_equilibrium(Convert convert) {
    if (on_equilibrium_.is_none()) return {};
    return [this, convert](const Profile& profile) {
      py::gil_scoped_acquire acquire;
      if (error_) return;
      try {
        on_equilibrium_(convert(profile));
      } catch (py::error_already_set& e) {
        fail(std::move(e));
      }
    };
  }

  template <scalar Scalar>
  [[nodiscard]] std::function<void(const mixed_profile<Scalar>&)> on_mixed_equilibrium() {
    return on_equilibrium<mixed_profile<Scalar>>([](const mixed_profile<Scalar>& p) { return profile_to_python(p); });
  }

  /// Runs `solve` without the GIL and returns its result; raises the
  /// exception a callback or a signal left, if any.
  template <class Solve>
  [[nodiscard]] std::invoke_result_t<Solve> run(Solve&& solve) {
    std::optional<std::invoke_result_t<Solve>> result;
    {
      py::gil_scoped_release release;
      result.emplace(std::forward<Solve>(solve)());
    }
    if (error_) {
      py::error_already_set e = std::move(*error_);
      error_.reset();
      throw e;
    }
    return std::move(*result);
  }

 private:
  void poll(const progress* p);
  void fail(py::error_already_set e) {
    error_.emplace(std::move(e));
    stop_.request_stop();
  }

  py::object on_equilibrium_;
  py::object on_progress_;
  std::stop_source stop_;
  std::optional<py::error_already_set> error_;
};

/// The keyword arguments every solver takes after its options.
#define IMPASSE_PYTHON_CALLBACK_ARGS py::arg("on_equilibrium") = py::none(), py::arg("on_progress") = py::none()

void register_errors(py::module_& m);
void register_strategic_game(py::module_& m);
void register_strategic_enumeration(py::module_& m);
void register_strategic_pivoting(py::module_& m);
void register_strategic_nplayer(py::module_& m);

}  // namespace impasse::python
