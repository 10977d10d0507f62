// impasse-mpi: the `impasse` command with `solve --method vertex` spread
// over the ranks of an MPI job. `mpirun -n K impasse-mpi ARGS` takes the
// arguments of `impasse ARGS` and prints the same lines (equilibria in
// another order); every other command runs on rank 0 alone.
//
// The vertex search is a reverse search (detail/reverse_search.hpp), whose
// tree splits into subtrees that need no communication, as mplrs splits
// lrs's (Avis and Jordan 2018, "mplrs: A scalable parallel vertex/facet
// enumeration code", Mathematical Programming Computation 10). Rank 0
// keeps a queue of subtree roots (pivot paths from the root), starting
// with the root. Each search of a subtree visits at most `split_after`
// bases, then hands the children it has not entered back as new roots,
// which is what balances the load dynamically: a large subtree is cut into
// pieces as it is searched. Rank 0 gives roots to idle ranks, searches
// roots itself between messages, and gathers the equilibria (exact
// strategy pairs, each confirmed exactly where it was found); the command
// then prints them as `impasse solve` does. Each subtree is searched in
// floating point and, if that search is unsure or a vertex does not
// confirm, again exactly; with --exact the same, as in one process.
#include "commands.hpp"
#include "vertex_backend.hpp"

#include <impasse/detail/complementary_partners.hpp>
#include <impasse/detail/floating_dictionary.hpp>
#include <impasse/detail/reverse_search.hpp>

#include <boost/mpi.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace impasse::cli {
namespace {

namespace mpi = boost::mpi;

enum tag : int { tag_setup = 1, tag_job = 2, tag_result = 3, tag_finish = 4 };

/// Bases a subtree search visits before handing on the rest: about 5 ms of
/// work at 16 x 16, against some 20 us of messages and a replay of the
/// path from the root.
constexpr std::uint64_t default_split_after = 4000;

/// The polytopes of one game, as rank 0 sends them.
struct search_setup {
  std::vector<std::uint64_t> rows, cols;  ///< of P and Q
  std::vector<std::string> entries[2];
  std::uint64_t own = 0;  ///< the polytope searched
  bool exact = false;
  std::uint64_t split_after = default_split_after;

  template <class Archive>
  void serialize(Archive& archive, unsigned) {
    archive & rows & cols & entries[0] & entries[1] & own & exact & split_after;
  }
};

/// What the search of one subtree found.
struct subtree_report {
  std::vector<std::string> equilibria;  ///< each the two strategies' probabilities, space-separated
  std::vector<std::vector<std::uint32_t>> children;  ///< subtree roots left, (row, column) pairs flattened
  std::uint64_t bases = 0, vertices = 0, face_bases = 0, pivots = 0;
  bool exact = false;  ///< searched exactly (asked for, or redone after an unsure floating search)
  double seconds = 0;  ///< the search's wall time

  template <class Archive>
  void serialize(Archive& archive, unsigned) {
    archive & equilibria & children & bases & vertices & face_bases & pivots & exact & seconds;
  }
};

std::vector<std::uint32_t> flatten(const detail::search_tree_node& node) {
  std::vector<std::uint32_t> out;
  for (const auto& [row, column] : node) out.insert(out.end(), {row, column});
  return out;
}

detail::search_tree_node unflatten(const std::vector<std::uint32_t>& flat) {
  detail::search_tree_node out;
  for (std::size_t i = 0; i + 1 < flat.size(); i += 2) out.push_back({flat[i], flat[i + 1]});
  return out;
}

/// The polytopes and labels of a setup, ready to search.
struct search_problem {
  std::array<detail::integer_matrix, 2> data;
  std::array<std::vector<std::size_t>, 2> labels;
  std::size_t own = 0;
  bool exact = false;
  std::uint64_t split_after = default_split_after;

  explicit search_problem(const search_setup& setup) : own(setup.own), exact(setup.exact), split_after(setup.split_after) {
    for (std::size_t p = 0; p < 2; ++p) {
      data[p] = {setup.rows[p], setup.cols[p], {}};
      for (const auto& e : setup.entries[p]) data[p].entries.emplace_back(e);
    }
    labels = detail::polytope_labels(data[0].cols, data[1].cols);  // P has m coordinates, Q n
  }
};

/// Searches the subtree of `node`, in floating point first unless exact.
template <class Key>
subtree_report search_subtree(const search_problem& problem, const detail::search_tree_node& node) {
  using partners_type = detail::complementary_partners<Key>;
  using outcome = typename partners_type::outcome;
  const auto start = std::chrono::steady_clock::now();
  for (const bool exact : {problem.exact, true}) {
    subtree_report report;
    report.exact = exact;
    partners_type partners(problem.data, problem.labels, problem.own, {});
    std::vector<typename partners_type::strategy_pair> found;
    outcome ended = outcome::done;
    const auto visit = [&](const Key& labels, const Key& basis) {
      ended = partners.equilibria_at(labels, basis, exact, std::numeric_limits<std::size_t>::max(), found);
      return ended != outcome::unconfirmed;
    };
    detail::polytope_reverse_search<Key> search(problem.labels[problem.own], {}, visit);
    search.start_at(node);
    search.split_after(problem.split_after,
                       [&](detail::search_tree_node child) { report.children.push_back(flatten(child)); });
    if (exact) {
      detail::run_exactly(problem.data[problem.own], search);
    } else {
      detail::floating_dictionary dictionary(problem.data[problem.own]);
      search.run(dictionary);
    }
    if (!exact && (ended == outcome::unconfirmed || search.counts().end == detail::search_end::unsure)) continue;
    for (const auto& pair : found) {
      std::string line;
      for (const auto& strategy : pair)
        for (const auto& p : strategy) line += (line.empty() ? "" : " ") + to_fraction_string(p);
      report.equilibria.push_back(std::move(line));
    }
    report.bases = search.counts().bases;
    report.vertices = search.counts().vertices;
    report.pivots = search.counts().pivots;
    report.face_bases = partners.face_bases();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
  }
  throw internal_error("impasse-mpi: an exact search of a subtree was unsure");
}

subtree_report search_subtree(const search_problem& problem, const detail::search_tree_node& node) {
  const std::size_t labels = problem.data[0].cols + problem.data[1].cols;
  if (labels <= 64) return search_subtree<detail::label_set<1>>(problem, node);
  if (labels <= 128) return search_subtree<detail::label_set<2>>(problem, node);
  if (labels <= 256) return search_subtree<detail::label_set<4>>(problem, node);
  return search_subtree<detail::label_set<16>>(problem, node);
}

/// Ranks other than 0: search the subtrees rank 0 sends until it says finish.
void serve(const mpi::communicator& world) {
  std::optional<search_problem> problem;
  for (;;) {
    const auto status = world.probe(0, mpi::any_tag);
    if (status.tag() == tag_finish) {
      world.recv(0, tag_finish);
      return;
    }
    if (status.tag() == tag_setup) {
      search_setup setup;
      world.recv(0, tag_setup, setup);
      problem.emplace(setup);
      continue;
    }
    std::vector<std::uint32_t> node;
    world.recv(0, tag_job, node);
    world.send(0, tag_result, search_subtree(*problem, unflatten(node)));
  }
}

/// Rank 0: `vertex_enumeration` with the reverse-search tree spread over
/// the ranks. Options it cannot honour across ranks (limits, cancellation,
/// depth-first search) run in this process alone.
template <scalar Scalar>
vertex_enumeration_result<Scalar> distributed_vertex_enumeration(const mpi::communicator& world,
                                                                 const strategic_game<Scalar>& game,
                                                                 const vertex_enumeration_options<Scalar>& options) {
  if (world.size() == 1 || game.num_players() != 2 || options.search != vertex_search::reverse ||
      options.max_equilibria != no_limit || options.max_bases != no_limit || options.exact_search ||
      game.num_strategies(0) + game.num_strategies(1) > 1024)
    return vertex_enumeration(game, options);
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  search_setup setup;
  const std::array<detail::integer_matrix, 2> data{detail::positive_integer_payoffs(game, 1, true),
                                                   detail::positive_integer_payoffs(game, 0, false)};
  for (std::size_t p = 0; p < 2; ++p) {
    setup.rows.push_back(data[p].rows);
    setup.cols.push_back(data[p].cols);
    for (const auto& e : data[p].entries) setup.entries[p].push_back(e.str());
  }
  setup.own = m <= n ? 0 : 1;
  setup.exact = is_exact_v<Scalar> && !options.floating_search;
  if (const char* split = std::getenv("IMPASSE_MPI_SPLIT_AFTER"))  // for tests: many small subtrees
    setup.split_after = std::max<std::uint64_t>(1, std::strtoull(split, nullptr, 10));
  for (int rank = 1; rank < world.size(); ++rank) world.send(rank, tag_setup, setup);
  const search_problem problem(setup);

  vertex_enumeration_result<Scalar> result;
  result.exact = true;
  detail::equilibrium_collector<Scalar> collector(game, options, result);
  // Subtree roots waiting, each with its job number and the number of the
  // job that handed it on (for IMPASSE_MPI_TRACE).
  struct waiting_root {
    std::vector<std::uint32_t> node;
    std::size_t job = 0, parent = 0;
  };
  std::deque<waiting_root> roots;
  roots.push_back({{}, 0, 0});  // the root of the tree
  std::size_t jobs = 1;
  std::vector<waiting_root> dealt_roots(static_cast<std::size_t>(world.size()));  // what each busy rank searches
  std::ofstream trace;
  if (const char* path = std::getenv("IMPASSE_MPI_TRACE")) {
    trace.open(path);
    trace << "job,parent,rank,bases,seconds\n";
  }
  std::vector<int> idle;
  for (int rank = world.size() - 1; rank >= 1; --rank) idle.push_back(rank);
  int busy = 0;
  std::vector<std::size_t> searched(static_cast<std::size_t>(world.size()), 0);  // subtrees per rank
  const auto take = [&](subtree_report&& report, int rank, const waiting_root& searched_root) {
    ++searched[static_cast<std::size_t>(rank)];
    if (trace.is_open())
      trace << searched_root.job << ',' << searched_root.parent << ',' << rank << ',' << report.bases << ','
            << report.seconds << '\n';
    for (auto& child : report.children) roots.push_back({std::move(child), jobs++, searched_root.job});
    for (const auto& line : report.equilibria) {
      std::istringstream in(line);
      typename detail::equilibrium_collector<Scalar>::strategy_pair pair;
      std::string token;
      for (std::size_t player = 0; player < 2; ++player)
        for (std::size_t i = 0; i < game.num_strategies(player) && in >> token; ++i)
          pair[player].push_back(parse_rational(token));
      (void)collector.add(std::move(pair));
    }
    result.bases[setup.own] += report.bases;
    result.vertices[setup.own] += report.vertices;
    result.bases[1 - setup.own] += report.face_bases;
    result.pivots += report.pivots;
    result.exact = result.exact && report.exact;
  };
  while (!roots.empty() || busy > 0) {
    while (!roots.empty() && !idle.empty()) {
      world.send(idle.back(), tag_job, roots.front().node);
      dealt_roots[static_cast<std::size_t>(idle.back())] = std::move(roots.front());
      roots.pop_front();
      idle.pop_back();
      ++busy;
    }
    // Gather what has arrived; wait only when there is nothing to search here.
    while (busy > 0) {
      auto status = roots.empty() ? boost::optional<mpi::status>(world.probe(mpi::any_source, tag_result))
                                  : world.iprobe(mpi::any_source, tag_result);
      if (!status) break;
      subtree_report report;
      world.recv(status->source(), tag_result, report);
      idle.push_back(status->source());
      --busy;
      take(std::move(report), status->source(), dealt_roots[static_cast<std::size_t>(status->source())]);
      if (!roots.empty()) break;
    }
    if (!roots.empty() && idle.empty()) {  // every other rank is busy: search one root here
      const waiting_root root = std::move(roots.front());
      roots.pop_front();
      take(search_subtree(problem, unflatten(root.node)), 0, root);
    }
  }
  result.vertices[1 - setup.own] = result.extreme_strategies[1 - setup.own].size();
  collector.finish();
  if (std::getenv("IMPASSE_MPI_STATS")) {
    std::cerr << "impasse-mpi: " << result.bases[setup.own] << " bases;";
    for (std::size_t rank = 0; rank < searched.size(); ++rank)
      std::cerr << " rank " << rank << " searched " << searched[rank] << " subtrees" << (rank + 1 < searched.size() ? "," : "\n");
  }
  return result;
}

}  // namespace
}  // namespace impasse::cli

int main(int argc, char** argv) {
  boost::mpi::environment environment(argc, argv);
  boost::mpi::communicator world;
  if (world.rank() != 0) {
    impasse::cli::serve(world);
    return 0;
  }
  impasse::cli::use_vertex_backend(
      {.exact = [&](const auto& game, const auto& options) {
         return impasse::cli::distributed_vertex_enumeration(world, game, options);
       },
       .in_double = [&](const auto& game, const auto& options) {
         return impasse::cli::distributed_vertex_enumeration(world, game, options);
       }});
  int status = 0;
  try {
    status = impasse::cli::run(argc, argv, std::cin, std::cout, std::cerr);
  } catch (...) {
    for (int rank = 1; rank < world.size(); ++rank) world.send(rank, impasse::cli::tag_finish);
    throw;
  }
  for (int rank = 1; rank < world.size(); ++rank) world.send(rank, impasse::cli::tag_finish);
  return status;
}
