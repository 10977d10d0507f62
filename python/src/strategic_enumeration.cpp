// The enumerations of a strategic game's equilibria: every pure one (any
// number of players) and every extreme one of a two-player game, by the
// vertices of the best-response polytopes or by supports.
#include "bindings.hpp"

#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/support_enumeration.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

namespace impasse::python {

namespace {

/// A pure profile as a mixed one: one-hot strategies, in the game's scalar.
template <scalar Scalar>
py::tuple pure_to_python(const std::vector<std::size_t>& counts, const pure_profile& profile) {
  return profile_to_python(mixed_profile<Scalar>::pure(counts, profile));
}

py::object solve_pure(const strategic_game_handle& handle, std::size_t max_equilibria, py::object on_equilibrium,
                      py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const auto counts = game.strategy_counts();
        const pure_strategy_enumeration_options options{
            .max_equilibria = max_equilibria,
            .on_equilibrium = session.on_equilibrium<pure_profile>(
                [counts](const pure_profile& p) { return pure_to_python<Scalar>(counts, p); }),
            .stop_token = session.stop_token(),
            .on_progress = session.on_progress()};
        const auto result = session.run([&] { return pure_strategy_enumeration(game, options); });
        py::tuple equilibria(result.equilibria.size());
        py::tuple profiles(result.equilibria.size());
        for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
          equilibria[e] = pure_to_python<Scalar>(counts, result.equilibria[e]);
          profiles[e] = py::tuple(py::cast(result.equilibria[e]));
        }
        py::dict fields;
        fields["profiles"] = profiles;
        fields["comparisons"] = result.comparisons;
        return make_result(result, equilibria, fields);
      },
      handle.game);
}

py::object solve_vertex(const strategic_game_handle& handle, std::size_t max_equilibria, bool maximal_nash_subsets,
                        bool exact_search, bool floating_search, std::size_t max_bases, const std::string& search,
                        py::object on_equilibrium, py::object on_progress) {
  if (search != "depth_first" && search != "reverse")
    throw invalid_argument("vertex_enumeration: search must be 'depth_first' or 'reverse', not '" + search + "'");
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const vertex_enumeration_options<Scalar> options{.max_equilibria = max_equilibria,
                                                         .on_equilibrium = session.on_mixed_equilibrium<Scalar>(),
                                                         .search = search == "reverse" ? vertex_search::reverse
                                                                                       : vertex_search::depth_first,
                                                         .maximal_nash_subsets = maximal_nash_subsets,
                                                         .exact_search = exact_search,
                                                         .floating_search = floating_search,
                                                         .max_bases = max_bases,
                                                         .stop_token = session.stop_token(),
                                                         .on_progress = session.on_progress()};
        const auto result = session.run([&] { return vertex_enumeration(game, options); });
        py::dict fields;
        fields["vertices"] = py::make_tuple(result.vertices[0], result.vertices[1]);
        fields["bases"] = py::make_tuple(result.bases[0], result.bases[1]);
        fields["pivots"] = result.pivots;
        fields["exact_bases"] = result.exact_bases;
        if (maximal_nash_subsets) {
          // Each subset as the pair of its players' strategies (tuples of
          // profiles' strategies, not indices): the same sets in any order.
          py::list subsets;
          for (const auto& subset : result.maximal_nash_subsets) {
            py::tuple players(2);
            for (std::size_t i = 0; i < 2; ++i) {
              py::tuple strategies(subset.strategies[i].size());
              for (std::size_t k = 0; k < subset.strategies[i].size(); ++k) {
                const auto& s = result.extreme_strategies[i][subset.strategies[i][k]];
                strategies[k] = strategy_to_python<Scalar>(std::span<const Scalar>(s));
              }
              players[i] = strategies;
            }
            subsets.append(players);
          }
          fields["maximal_nash_subsets"] = py::tuple(subsets);
          fields["components"] = py::tuple(py::cast(result.components));
        }
        return make_result(result, profiles_to_python(result.equilibria), fields);
      },
      handle.game);
}

py::object solve_support(const strategic_game_handle& handle, std::size_t max_equilibria, std::size_t threads,
                         py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const support_enumeration_options<Scalar> options{.max_equilibria = max_equilibria,
                                                          .on_equilibrium = session.on_mixed_equilibrium<Scalar>(),
                                                          .stop_token = session.stop_token(),
                                                          .threads = threads,
                                                          .on_progress = session.on_progress()};
        const auto result = session.run([&] { return support_enumeration(game, options); });
        py::dict fields;
        fields["supports_tried"] = result.supports_tried;
        fields["vertices"] = result.vertices;
        fields["degenerate"] = result.degenerate;
        fields["rejected_candidates"] = result.rejected_candidates;
        return make_result(result, profiles_to_python(result.equilibria), fields);
      },
      handle.game);
}

}  // namespace

void register_strategic_enumeration(py::module_& m) {
  const pure_strategy_enumeration_options pure{};
  m.def("pure_strategy_enumeration", &solve_pure, py::arg("game"), py::kw_only(),
        py::arg("max_equilibria") = pure.max_equilibria, IMPASSE_PYTHON_CALLBACK_ARGS,
        "Every pure Nash equilibrium, any number of players. The result's `profiles` are the equilibria as "
        "strategy indices; `equilibria` the same as mixed profiles.");

  const vertex_enumeration_options<double> vertex{};
  m.def("vertex_enumeration", &solve_vertex, py::arg("game"), py::kw_only(),
        py::arg("max_equilibria") = vertex.max_equilibria,
        py::arg("maximal_nash_subsets") = vertex.maximal_nash_subsets, py::arg("exact_search") = vertex.exact_search,
        py::arg("floating_search") = vertex.floating_search, py::arg("max_bases") = vertex.max_bases,
        py::arg("search") = "depth_first", IMPASSE_PYTHON_CALLBACK_ARGS,
        "Every extreme equilibrium of a two-player game, by the vertices of the best-response polytopes "
        "(lexicographic pivoting). Exact in an exact game; in double with exact_search=True too. "
        "search='depth_first' searches both polytopes with a hash set of the bases visited; "
        "search='reverse' one polytope by reverse search, with memory that does not grow with the bases, "
        "each equilibrium passed to on_equilibrium as it is found.");

  const support_enumeration_options<double> support{};
  m.def("support_enumeration", &solve_support, py::arg("game"), py::kw_only(),
        py::arg("max_equilibria") = support.max_equilibria, py::arg("threads") = support.threads,
        IMPASSE_PYTHON_CALLBACK_ARGS, "Every extreme equilibrium of a two-player game, by support enumeration.");
}

}  // namespace impasse::python
