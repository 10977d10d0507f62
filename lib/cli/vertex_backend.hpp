// The search behind `impasse solve --method vertex`: the library's
// `vertex_enumeration` unless a program installs another. impasse-mpi
// (lib/cli/mpi_main.cpp) installs one that spreads the reverse-search tree
// over MPI ranks and returns the same result.
#pragma once

#include <impasse/strategic/vertex_enumeration.hpp>

#include <functional>

namespace impasse::cli {

struct vertex_backend {
  std::function<vertex_enumeration_result<rational>(const strategic_game<rational>&,
                                                    const vertex_enumeration_options<rational>&)>
      exact;
  std::function<vertex_enumeration_result<double>(const strategic_game<double>&,
                                                  const vertex_enumeration_options<double>&)>
      in_double;
};

/// Replaces the search for every later `solve --method vertex` (an empty
/// member: the library's).
void use_vertex_backend(vertex_backend backend);

/// `vertex_enumeration`, or the installed backend's search.
template <scalar Scalar>
[[nodiscard]] vertex_enumeration_result<Scalar> search_vertices(const strategic_game<Scalar>& game,
                                                                const vertex_enumeration_options<Scalar>& options);

}  // namespace impasse::cli
