// The methods for strategic games of any number of players. They compute
// in double whatever the game's scalar (docs/design.md): their equilibria
// are float arrays, `exact` is false and `error_bound` is the largest
// regret of one returned, relative to the payoff range.
#include "bindings.hpp"

#include <impasse/strategic/global_newton.hpp>
#include <impasse/strategic/logit_qre.hpp>
#include <impasse/strategic/polymatrix_approximation.hpp>
#include <impasse/strategic/polynomial_enumeration.hpp>

namespace impasse::python {

namespace {

py::tuple supports_to_python(const std::vector<support_profile>& supports) {
  py::tuple out(supports.size());
  for (std::size_t k = 0; k < supports.size(); ++k) {
    py::tuple players(supports[k].size());
    for (std::size_t i = 0; i < supports[k].size(); ++i) players[i] = py::tuple(py::cast(supports[k][i]));
    out[k] = players;
  }
  return out;
}

/// The fields every n-player result shares.
py::dict checked_fields(const mixed_equilibria_result<double>& result) {
  py::dict fields;
  fields["relative_regrets"] = py::tuple(py::cast(result.relative_regrets));
  return fields;
}

py::object solve_polynomial(const strategic_game_handle& handle, std::size_t max_boxes_per_support,
                            double min_width, std::size_t max_unresolved_boxes, double max_regret,
                            std::size_t max_equilibria, std::size_t max_strategies_per_player,
                            py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  const polynomial_enumeration_options options{.max_boxes_per_support = max_boxes_per_support,
                                               .min_width = min_width,
                                               .max_unresolved_boxes = max_unresolved_boxes,
                                               .max_regret = max_regret,
                                               .max_equilibria = max_equilibria,
                                               .max_strategies_per_player = max_strategies_per_player,
                                               .on_equilibrium = session.on_mixed_equilibrium<double>(),
                                               .stop_token = session.stop_token(),
                                               .on_progress = session.on_progress()};
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return polynomial_enumeration(game, options); }); },
      handle.game);
  auto fields = checked_fields(result);
  py::tuple boxes(result.boxes.size());
  for (std::size_t e = 0; e < result.boxes.size(); ++e) boxes[e] = py::tuple(py::cast(result.boxes[e]));
  fields["boxes"] = boxes;
  fields["supports"] = supports_to_python(result.supports);
  fields["degenerate_supports"] = supports_to_python(result.degenerate_supports);
  fields["degenerate_points"] = profiles_to_python(result.degenerate_points);
  fields["exhausted_supports"] = supports_to_python(result.exhausted_supports);
  fields["supports_tried"] = result.supports_tried;
  fields["supports_pruned"] = result.supports_pruned;
  fields["boxes_processed"] = result.boxes_processed;
  return make_result(result, profiles_to_python(result.equilibria), fields);
}

py::object solve_global_newton(const strategic_game_handle& handle, std::size_t starts, std::uint64_t seed,
                               double end_lambda, double max_regret, std::size_t max_steps_per_start,
                               py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  const global_newton_options options{.starts = starts,
                                      .seed = seed,
                                      .end_lambda = end_lambda,
                                      .max_regret = max_regret,
                                      .max_steps_per_start = max_steps_per_start,
                                      .on_equilibrium = session.on_mixed_equilibrium<double>(),
                                      .stop_token = session.stop_token(),
                                      .on_progress = session.on_progress()};
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return global_newton(game, options); }); }, handle.game);
  auto fields = checked_fields(result);
  fields["steps"] = result.steps;
  fields["support_changes"] = result.support_changes;
  fields["rejected"] = result.rejected;
  fields["branches_stopped_early"] = result.branches_stopped_early;
  fields["branch_failure"] = result.branch_failure;
  return make_result(result, profiles_to_python(result.equilibria), fields);
}

py::object solve_polymatrix(const strategic_game_handle& handle, std::size_t starts, std::uint64_t seed,
                            std::size_t max_iterations, double max_regret, py::object on_equilibrium,
                            py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  const polymatrix_approximation_options options{.starts = starts,
                                                 .seed = seed,
                                                 .max_iterations = max_iterations,
                                                 .max_regret = max_regret,
                                                 .on_equilibrium = session.on_mixed_equilibrium<double>(),
                                                 .stop_token = session.stop_token(),
                                                 .on_progress = session.on_progress()};
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return polymatrix_approximation(game, options); }); },
      handle.game);
  auto fields = checked_fields(result);
  fields["iterations"] = result.iterations;
  return make_result(result, profiles_to_python(result.equilibria), fields);
}

py::object solve_logit(const strategic_game_handle& handle, double max_regret, double first_step,
                       double max_acceleration, std::size_t max_steps, double max_scaled_lambda,
                       py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  const logit_options options{.max_regret = max_regret,
                              .first_step = first_step,
                              .max_acceleration = max_acceleration,
                              .max_steps = max_steps,
                              .max_scaled_lambda = max_scaled_lambda,
                              .on_equilibrium = session.on_mixed_equilibrium<double>(),
                              .stop_token = session.stop_token(),
                              .on_progress = session.on_progress()};
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return logit_principal_branch(game, options); }); },
      handle.game);
  auto fields = checked_fields(result);
  fields["steps"] = result.steps;
  fields["end_lambda"] = result.end.lambda;
  fields["end_profile"] =
      result.end.profile.num_players() == 0 ? py::object(py::none()) : py::object(profile_to_python(result.end.profile));
  return make_result(result, profiles_to_python(result.equilibria), fields);
}

}  // namespace

void register_strategic_nplayer(py::module_& m) {
  const polynomial_enumeration_options poly{};
  m.def("polynomial_enumeration", &solve_polynomial, py::arg("game"), py::kw_only(),
        py::arg("max_boxes_per_support") = poly.max_boxes_per_support, py::arg("min_width") = poly.min_width,
        py::arg("max_unresolved_boxes") = poly.max_unresolved_boxes, py::arg("max_regret") = poly.max_regret,
        py::arg("max_equilibria") = poly.max_equilibria,
        py::arg("max_strategies_per_player") = poly.max_strategies_per_player, IMPASSE_PYTHON_CALLBACK_ARGS,
        "Every isolated equilibrium, any number of players, each in an interval box (`boxes`) proved to hold "
        "exactly it.");

  const global_newton_options newton{};
  m.def("global_newton", &solve_global_newton, py::arg("game"), py::kw_only(), py::arg("starts") = newton.starts,
        py::arg("seed") = newton.seed, py::arg("end_lambda") = newton.end_lambda,
        py::arg("max_regret") = newton.max_regret, py::arg("max_steps_per_start") = newton.max_steps_per_start,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "The equilibria on `starts` seeded global Newton branches (Govindan-Wilson 2003), any number of players.");

  const polymatrix_approximation_options polymatrix{};
  m.def("polymatrix_approximation", &solve_polymatrix, py::arg("game"), py::kw_only(),
        py::arg("starts") = polymatrix.starts, py::arg("seed") = polymatrix.seed,
        py::arg("max_iterations") = polymatrix.max_iterations, py::arg("max_regret") = polymatrix.max_regret,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "One equilibrium per start by iterated polymatrix approximation (Govindan-Wilson 2004), any number of "
        "players.");

  const logit_options logit{};
  m.def("logit_principal_branch", &solve_logit, py::arg("game"), py::kw_only(),
        py::arg("max_regret") = logit.max_regret, py::arg("first_step") = logit.first_step,
        py::arg("max_acceleration") = logit.max_acceleration, py::arg("max_steps") = logit.max_steps,
        py::arg("max_scaled_lambda") = logit.max_scaled_lambda, IMPASSE_PYTHON_CALLBACK_ARGS,
        "The end point of the principal branch of the logit QRE correspondence, once it passes the regret check "
        "(`end_lambda`, `end_profile`: the last point traced).");
}

}  // namespace impasse::python
