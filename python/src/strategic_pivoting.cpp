// The pivoting methods of a two-player strategic game: Lemke-Howson from
// one label or from all of them, and the zero-sum (constant-sum) LP.
#include "bindings.hpp"

#include <impasse/strategic/lemke_howson.hpp>
#include <impasse/strategic/zero_sum.hpp>

namespace impasse::python {

namespace {

py::object solve_lemke_howson(const strategic_game_handle& handle, std::size_t initial_label, std::size_t max_pivots,
                              py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const lemke_howson_options<Scalar> options{.initial_label = initial_label,
                                                   .max_pivots = max_pivots,
                                                   .on_equilibrium = session.on_mixed_equilibrium<Scalar>(),
                                                   .stop_token = session.stop_token(),
                                                   .on_progress = session.on_progress()};
        const auto result = session.run([&] { return lemke_howson(game, options); });
        py::dict fields;
        fields["pivots"] = result.pivots;
        return make_result(result, profiles_to_python(result.equilibria), fields);
      },
      handle.game);
}

py::object solve_lemke_howson_all(const strategic_game_handle& handle, std::size_t max_equilibria,
                                  std::size_t max_pivots, py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const lemke_howson_all_options<Scalar> options{.max_equilibria = max_equilibria,
                                                       .max_pivots = max_pivots,
                                                       .on_equilibrium = session.on_mixed_equilibrium<Scalar>(),
                                                       .stop_token = session.stop_token(),
                                                       .on_progress = session.on_progress()};
        const auto result = session.run([&] { return lemke_howson_all(game, options); });
        py::dict fields;
        fields["pivots"] = result.pivots;
        fields["paths"] = result.paths;
        return make_result(result, profiles_to_python(result.equilibria), fields);
      },
      handle.game);
}

py::object solve_zero_sum(const strategic_game_handle& handle, std::size_t max_pivots, py::object on_equilibrium,
                          py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const zero_sum_lp_options<Scalar> options{.max_pivots = max_pivots,
                                                  .on_equilibrium = session.on_mixed_equilibrium<Scalar>(),
                                                  .stop_token = session.stop_token(),
                                                  .on_progress = session.on_progress()};
        const auto result = session.run([&] { return zero_sum_lp(game, options); });
        py::dict fields;
        fields["value"] = to_python(result.value);
        fields["constant"] = to_python(result.constant);
        fields["pivots"] = result.pivots;
        return make_result(result, profiles_to_python(result.equilibria), fields);
      },
      handle.game);
}

}  // namespace

void register_strategic_pivoting(py::module_& m) {
  const lemke_howson_options<double> lh{};
  m.def("lemke_howson", &solve_lemke_howson, py::arg("game"), py::kw_only(),
        py::arg("initial_label") = lh.initial_label, py::arg("max_pivots") = lh.max_pivots,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "One equilibrium of a two-player game by the Lemke-Howson path that drops `initial_label` (1..m: the "
        "row player's strategies, m+1..m+n: the column player's).");

  const lemke_howson_all_options<double> all{};
  m.def("lemke_howson_all", &solve_lemke_howson_all, py::arg("game"), py::kw_only(),
        py::arg("max_equilibria") = all.max_equilibria, py::arg("max_pivots") = all.max_pivots,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "The equilibria of a two-player game that Lemke-Howson paths reach from the artificial equilibrium and "
        "from each other (as gambit-lcp).");

  const zero_sum_lp_options<double> lp{};
  m.def("zero_sum_lp", &solve_zero_sum, py::arg("game"), py::kw_only(), py::arg("max_pivots") = lp.max_pivots,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "The value (`value`, to player 1) and a pair of optimal strategies of a two-player constant-sum game "
        "(`constant` is the payoffs' sum), by linear programming.");
}

}  // namespace impasse::python
