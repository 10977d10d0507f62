// Stochastic games from their JSON files and their solvers: every pure
// stationary Markov perfect equilibrium, one by the logit homotopy, the
// Shapley values of a zero-sum game, and backward induction over a finite horizon.
#include "bindings.hpp"
#include "stochastic_handle.hpp"

#include <impasse/io/stochastic_json.hpp>
#include <impasse/stochastic/logit_homotopy.hpp>
#include <impasse/stochastic/finite_horizon_markov_perfect.hpp>
#include <impasse/stochastic/pure_markov_perfect.hpp>
#include <impasse/stochastic/shapley.hpp>

#include <pybind11/stl/filesystem.h>

#include <fstream>

namespace impasse::python {

namespace {

/// A stationary profile as a tuple with, for each state in file order, a
/// tuple with each player's strategy there (the order of an `MPE,` line).
template <scalar Scalar>
py::tuple stationary_to_python(const markov_perfect_equilibrium<Scalar>& equilibrium) {
  py::tuple states(equilibrium.strategies.size());
  for (std::size_t s = 0; s < equilibrium.strategies.size(); ++s) states[s] = profile_to_python(equilibrium.strategies[s]);
  return states;
}

/// Each state's values, one per player.
template <scalar Scalar>
py::tuple values_to_python(const markov_perfect_equilibrium<Scalar>& equilibrium) {
  const auto& v = equilibrium.values;
  py::tuple states(static_cast<std::size_t>(v.rows()));
  for (Eigen::Index s = 0; s < v.rows(); ++s) {
    std::vector<Scalar> row(static_cast<std::size_t>(v.cols()));
    for (Eigen::Index i = 0; i < v.cols(); ++i) row[static_cast<std::size_t>(i)] = v(s, i);
    states[static_cast<std::size_t>(s)] = strategy_to_python<Scalar>(std::span<const Scalar>(row));
  }
  return states;
}

template <scalar Scalar>
py::object stochastic_result(const run_report& report, const std::vector<markov_perfect_equilibrium<Scalar>>& found,
                             py::dict fields) {
  py::tuple equilibria(found.size()), values(found.size());
  for (std::size_t e = 0; e < found.size(); ++e) {
    equilibria[e] = stationary_to_python(found[e]);
    values[e] = values_to_python(found[e]);
  }
  fields["values"] = values;
  return make_result(report, equilibria, fields);
}

template <scalar Scalar>
std::function<void(const markov_perfect_equilibrium<Scalar>&)> on_stationary(solve_session& session) {
  return session.on_equilibrium<markov_perfect_equilibrium<Scalar>>(
      [](const markov_perfect_equilibrium<Scalar>& e) { return stationary_to_python(e); });
}

py::object solve_pure_stationary(const stochastic_game_handle& handle, std::size_t max_equilibria,
                                 std::size_t threads, bool prune, py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const pure_stationary_enumeration_options<Scalar> options{.max_equilibria = max_equilibria,
                                                                  .on_equilibrium = on_stationary<Scalar>(session),
                                                                  .threads = threads,
                                                                  .prune = prune,
                                                                  .stop_token = session.stop_token(),
                                                                  .on_progress = session.on_progress()};
        const auto result = session.run([&] { return pure_stationary_enumeration(game, options); });
        py::dict fields;
        fields["profiles_total"] = result.profiles_total;
        fields["profiles_after_pruning"] = result.profiles_after_pruning;
        fields["profiles_checked"] = result.profiles_checked;
        fields["actions_pruned"] = result.actions_pruned;
        return stochastic_result(result, result.equilibria, fields);
      },
      handle.game);
}

py::object solve_logit_homotopy(const stochastic_game_handle& handle, double tolerance, double max_lambda,
                                std::size_t max_steps, double initial_step, bool polish, py::object on_equilibrium,
                                py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const logit_homotopy_options<Scalar> options{.tolerance = tolerance,
                                                     .max_lambda = max_lambda,
                                                     .max_steps = max_steps,
                                                     .initial_step = initial_step,
                                                     .polish = polish,
                                                     .on_equilibrium = on_stationary<Scalar>(session),
                                                     .stop_token = session.stop_token(),
                                                     .on_progress = session.on_progress()};
        const auto result = session.run([&] { return logit_homotopy(game, options); });
        py::dict fields;
        fields["max_gain"] = result.max_gain;
        fields["steps"] = result.steps;
        fields["end_lambda"] = result.lambda;
        return stochastic_result(result, result.equilibria, fields);
      },
      handle.game);
}

py::object solve_shapley(const stochastic_game_handle& handle, double tolerance, std::size_t max_iterations,
                         py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const shapley_value_iteration_options<Scalar> options{.tolerance = tolerance,
                                                              .max_iterations = max_iterations,
                                                              .on_equilibrium = on_stationary<Scalar>(session),
                                                              .stop_token = session.stop_token(),
                                                              .on_progress = session.on_progress()};
        const auto result = session.run([&] { return shapley_value_iteration(game, options); });
        py::dict fields;
        fields["iterations"] = result.iterations;
        fields["value_bound"] = result.value_bound;
        return stochastic_result(result, result.equilibria, fields);
      },
      handle.game);
}

/// A finite-horizon equilibrium: for each period, what `stationary_to_python` gives.
template <scalar Scalar>
py::tuple periods_to_python(const finite_horizon_markov_equilibrium<Scalar>& e) {
  py::tuple periods(e.strategies.size());
  for (std::size_t t = 0; t < e.strategies.size(); ++t) {
    py::tuple states(e.strategies[t].size());
    for (std::size_t s = 0; s < e.strategies[t].size(); ++s) states[s] = profile_to_python(e.strategies[t][s]);
    periods[t] = states;
  }
  return periods;
}

py::object solve_stochastic_backward_induction(const stochastic_game_handle& handle, std::size_t horizon,
                                               const std::string& stage, std::size_t max_equilibria,
                                               py::object on_equilibrium, py::object on_progress) {
  if (stage != "pure" && stage != "mixed")
    throw invalid_argument("stochastic_backward_induction: stage must be \"pure\" or \"mixed\", not \"" + stage + "\"");
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        using equilibrium = finite_horizon_markov_equilibrium<Scalar>;
        const stochastic_backward_induction_options<Scalar> options{
            .horizon = horizon,
            .stage = stage == "pure" ? stage_solution::pure : stage_solution::mixed,
            .max_equilibria = max_equilibria,
            .on_equilibrium = session.on_equilibrium<equilibrium>([](const equilibrium& e) { return periods_to_python(e); }),
            .stop_token = session.stop_token(),
            .on_progress = session.on_progress()};
        const auto result = session.run([&] { return stochastic_backward_induction(game, options); });
        py::tuple equilibria(result.equilibria.size()), values(result.equilibria.size());
        for (std::size_t k = 0; k < result.equilibria.size(); ++k) {
          const auto& e = result.equilibria[k];
          equilibria[k] = periods_to_python(e);
          // Each state's values from the first period, one per player.
          const auto& v = e.values.front();
          py::tuple states(static_cast<std::size_t>(v.rows()));
          for (Eigen::Index s = 0; s < v.rows(); ++s) {
            std::vector<Scalar> row(static_cast<std::size_t>(v.cols()));
            for (Eigen::Index i = 0; i < v.cols(); ++i) row[static_cast<std::size_t>(i)] = v(s, i);
            states[static_cast<std::size_t>(s)] = strategy_to_python<Scalar>(std::span<const Scalar>(row));
          }
          values[k] = states;
        }
        py::dict fields;
        fields["values"] = values;
        fields["stage_games_solved"] = result.stage_games_solved;
        return make_result(result, equilibria, fields);
      },
      handle.game);
}

template <class Function>
decltype(auto) visit_game(const stochastic_game_handle& handle, Function&& f) {
  return std::visit(std::forward<Function>(f), handle.game);
}

std::string to_json_text(const stochastic_game_handle& handle) {
  return visit_game(handle, [](const auto& game) { return to_stochastic_json(game); });
}

}  // namespace

void register_stochastic(py::module_& m) {
  py::class_<stochastic_game_handle>(m, "StochasticGame",
                                     "A stochastic game: states, each a stage game whose outcomes move play to the "
                                     "next state; read one with read_stochastic_json.")
      .def_property_readonly("exact", &stochastic_game_handle::exact)
      .def_property_readonly("num_players",
                             [](const stochastic_game_handle& h) {
                               return visit_game(h, [](const auto& g) { return g.num_players(); });
                             })
      .def_property_readonly("num_states",
                             [](const stochastic_game_handle& h) {
                               return visit_game(h, [](const auto& g) { return g.num_states(); });
                             })
      .def_property_readonly("players",
                             [](const stochastic_game_handle& h) {
                               return visit_game(h, [](const auto& g) { return g.players(); });
                             })
      .def("to_json", &to_json_text, "The game as the text of its JSON file.")
      .def("__eq__", [](const stochastic_game_handle& x, const stochastic_game_handle& y) { return x.game == y.game; })
      .def("__repr__", [](const stochastic_game_handle& h) {
        return visit_game(h, [&](const auto& g) {
          return "<impasse.StochasticGame " + std::to_string(g.num_players()) + " players, " +
                 std::to_string(g.num_states()) + " states" + (h.exact() ? " exact" : " double") + ">";
        });
      });

  m.def("parse_stochastic_json",
        [](const std::string& text, const std::string& source) {
          return stochastic_game_handle{parse_stochastic_json(text, source)};
        },
        py::arg("text"), py::arg("source") = "<string>", "The stochastic game in the text of its JSON file, exact.");
  m.def("read_stochastic_json",
        [](const std::filesystem::path& path) { return stochastic_game_handle{read_stochastic_json_file(path)}; },
        py::arg("path"), "Reads a stochastic game's JSON file, exact.");
  m.def("write_stochastic_json",
        [](const stochastic_game_handle& game, const std::filesystem::path& path) {
          std::ofstream out(path);
          if (!out) throw file_error("cannot open " + path.string() + " for writing");
          out << to_json_text(game);
          if (!out) throw file_error("cannot write " + path.string());
        },
        py::arg("game"), py::arg("path"));

  const pure_stationary_enumeration_options<double> pure{};
  m.def("pure_stationary_enumeration", &solve_pure_stationary, py::arg("game"), py::kw_only(),
        py::arg("max_equilibria") = pure.max_equilibria, py::arg("threads") = pure.threads,
        py::arg("prune") = pure.prune, IMPASSE_PYTHON_CALLBACK_ARGS,
        "Every pure stationary Markov perfect equilibrium (`values`: each state's values per player).");

  const logit_homotopy_options<double> homotopy{};
  m.def("logit_homotopy", &solve_logit_homotopy, py::arg("game"), py::kw_only(),
        py::arg("tolerance") = homotopy.tolerance, py::arg("max_lambda") = homotopy.max_lambda,
        py::arg("max_steps") = homotopy.max_steps, py::arg("initial_step") = homotopy.initial_step,
        py::arg("polish") = homotopy.polish, IMPASSE_PYTHON_CALLBACK_ARGS,
        "One stationary Markov perfect equilibrium at the end of the logit quantal-response path, confirmed by "
        "the one-shot deviation check (exact when polished in an exact game).");

  const shapley_value_iteration_options<double> shapley{};
  m.def("shapley_value_iteration", &solve_shapley, py::arg("game"), py::kw_only(),
        py::arg("tolerance") = shapley.tolerance, py::arg("max_iterations") = shapley.max_iterations,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "The values and optimal stationary strategies of a two-player zero-sum stochastic game (Shapley 1953); "
        "exact when confirmed so in an exact game.");

  const stochastic_backward_induction_options<double> backward{};
  m.def("stochastic_backward_induction", &solve_stochastic_backward_induction, py::arg("game"), py::arg("horizon"),
        py::kw_only(), py::arg("stage") = "pure", py::arg("max_equilibria") = backward.max_equilibria,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "The Markov perfect equilibria of the game played `horizon` periods, by backward induction over every "
        "pure (stage=\"pure\") or extreme (\"mixed\", two players) equilibrium of each state's stage game; "
        "each equilibrium gives, per period, each state's profile; `values` each state's values from period 1.");
}

}  // namespace impasse::python
