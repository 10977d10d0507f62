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
#include <functional>
#include <memory>
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

/// Subtrees for one rank to search: their roots, and the bases after which
/// each search hands on what it has not entered.
struct subtree_job {
  std::vector<std::vector<std::uint32_t>> roots;  ///< (row, column) pairs flattened
  std::uint64_t split_after = default_split_after;

  template <class Archive>
  void serialize(Archive& archive, unsigned) {
    archive & roots & split_after;
  }
};

/// What the search of one job's subtrees found.
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

/// Searches subtrees of one problem, keeping what can be kept between
/// them: the floating dictionary (restarted at the slack basis, then the
/// root's pivots replayed) and the partners' floating filter.
template <class Key>
class subtree_searcher {
 public:
  explicit subtree_searcher(const search_problem& problem)
      : problem_(problem), partners_(problem.data, problem.labels, problem.own, {}),
        dictionary_(problem.data[problem.own]) {}

  /// Searches the subtree of `node`, in floating point first unless exact,
  /// adding to `report`.
  void search(const detail::search_tree_node& node, std::uint64_t split_after, subtree_report& report) {
    using outcome = typename detail::complementary_partners<Key>::outcome;
    for (const bool exact : {problem_.exact, true}) {
      found_.clear();
      std::vector<std::vector<std::uint32_t>> children;
      const std::size_t face_bases_before = partners_.face_bases();
      outcome ended = outcome::done;
      const auto visit = [&](const Key& labels, const Key& basis) {
        ended = partners_.equilibria_at(labels, basis, exact, std::numeric_limits<std::size_t>::max(), found_);
        return ended != outcome::unconfirmed;
      };
      detail::polytope_reverse_search<Key> search(problem_.labels[problem_.own], {}, visit);
      search.start_at(node);
      search.split_after(split_after, [&](detail::search_tree_node child) { children.push_back(flatten(child)); });
      if (exact) {
        detail::run_exactly(problem_.data[problem_.own], search);
      } else {
        dictionary_.restart();
        search.run(dictionary_);
      }
      if (!exact && (ended == outcome::unconfirmed || search.counts().end == detail::search_end::unsure)) continue;
      if (!exact) report.exact = false;
      for (const auto& pair : found_) {
        std::string line;
        for (const auto& strategy : pair)
          for (const auto& p : strategy) line += (line.empty() ? "" : " ") + to_fraction_string(p);
        report.equilibria.push_back(std::move(line));
      }
      for (auto& child : children) report.children.push_back(std::move(child));
      report.bases += search.counts().bases;
      report.vertices += search.counts().vertices;
      report.pivots += search.counts().pivots;
      report.face_bases += partners_.face_bases() - face_bases_before;
      return;
    }
    throw internal_error("impasse-mpi: an exact search of a subtree was unsure");
  }

 private:
  const search_problem& problem_;
  detail::complementary_partners<Key> partners_;
  detail::floating_dictionary dictionary_;
  std::vector<typename detail::complementary_partners<Key>::strategy_pair> found_;
};

/// Searches a job's subtrees (see `subtree_searcher`), for any number of labels.
class job_searcher {
 public:
  explicit job_searcher(const search_problem& problem) {
    search_ = detail::with_label_set(problem.data[0].cols + problem.data[1].cols,
                                     [&]<class Key>() { return make<Key>(problem); });
  }

  subtree_report search(const subtree_job& job) {
    const auto start = std::chrono::steady_clock::now();
    subtree_report report;
    report.exact = true;  // until a subtree is searched in floating point
    for (const auto& root : job.roots) search_(unflatten(root), job.split_after, report);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
  }

 private:
  using search_function = std::function<void(const detail::search_tree_node&, std::uint64_t, subtree_report&)>;
  template <class Key>
  static search_function make(const search_problem& problem) {
    auto searcher = std::make_shared<subtree_searcher<Key>>(problem);
    return [searcher](const detail::search_tree_node& node, std::uint64_t split_after, subtree_report& report) {
      searcher->search(node, split_after, report);
    };
  }
  search_function search_;
};

/// Ranks other than 0: search the subtrees rank 0 sends until it says finish.
void serve(const mpi::communicator& world) {
  std::optional<search_problem> problem;
  std::optional<job_searcher> searcher;
  for (;;) {
    const auto status = world.probe(0, mpi::any_tag);
    if (status.tag() == tag_finish) {
      world.recv(0, tag_finish);
      return;
    }
    if (status.tag() == tag_setup) {
      search_setup setup;
      world.recv(0, tag_setup, setup);
      searcher.reset();
      problem.emplace(setup);
      searcher.emplace(*problem);
      continue;
    }
    subtree_job job;
    world.recv(0, tag_job, job);
    world.send(0, tag_result, searcher->search(job));
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
      game.num_strategies(0) + game.num_strategies(1) > detail::max_labels)
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
  job_searcher searcher(problem);

  vertex_enumeration_result<Scalar> result;
  result.exact = true;
  detail::equilibrium_collector<Scalar> collector(game, options, result);
  // Subtree roots waiting, each with the number of the job that handed it
  // on (for IMPASSE_MPI_TRACE).
  struct waiting_root {
    std::vector<std::uint32_t> node;
    std::size_t parent = 0;
  };
  struct dealt_job {
    subtree_job job;
    std::size_t number = 0, parent = 0;
  };
  std::deque<waiting_root> roots;
  roots.push_back({{}, 0});  // the root of the tree
  std::size_t jobs = 0;
  // The next job: while few roots wait, one root whose search hands on
  // what it has not entered after `split_after` bases, so that the queue
  // fills; while many wait, up to 64 roots searched whole (cut only past
  // 64 times that), to save messages and replays. Rank 0's own jobs are
  // always of the first kind, so that it is back to dealing soon.
  // IMPASSE_MPI_FINE: always the first kind (for traces of the finest cut).
  const std::size_t ranks = static_cast<std::size_t>(world.size());
  const bool fine = std::getenv("IMPASSE_MPI_FINE") != nullptr;
  const auto next_job = [&](bool for_rank_0) {
    dealt_job out;
    const bool many = !fine && !for_rank_0 && roots.size() >= 8 * ranks;
    const std::size_t count = many ? std::min<std::size_t>(64, roots.size() / (4 * ranks)) : 1;
    out.job.split_after = many ? 64 * setup.split_after : setup.split_after;
    out.number = ++jobs;
    out.parent = roots.front().parent;
    for (std::size_t i = 0; i < count; ++i) {
      out.job.roots.push_back(std::move(roots.front().node));
      roots.pop_front();
    }
    return out;
  };
  std::vector<dealt_job> dealt(ranks);  // what each busy rank searches
  std::ofstream trace;
  if (const char* path = std::getenv("IMPASSE_MPI_TRACE")) {
    trace.open(path);
    trace << "job,parent,rank,bases,seconds\n";
  }
  std::vector<int> idle;
  for (int rank = world.size() - 1; rank >= 1; --rank) idle.push_back(rank);
  int busy = 0;
  std::vector<std::size_t> searched(static_cast<std::size_t>(world.size()), 0);  // subtrees per rank
  const auto take = [&](subtree_report&& report, int rank, const dealt_job& searched_job) {
    searched[static_cast<std::size_t>(rank)] += searched_job.job.roots.size();
    if (trace.is_open())
      trace << searched_job.number << ',' << searched_job.parent << ',' << rank << ',' << report.bases << ','
            << report.seconds << '\n';
    for (auto& child : report.children) roots.push_back({std::move(child), searched_job.number});
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
      auto& slot = dealt[static_cast<std::size_t>(idle.back())];
      slot = next_job(false);
      world.send(idle.back(), tag_job, slot.job);
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
      take(std::move(report), status->source(), dealt[static_cast<std::size_t>(status->source())]);
      if (!roots.empty()) break;
    }
    if (!roots.empty() && idle.empty()) {  // every other rank is busy: search one root here
      const dealt_job own = next_job(true);
      take(searcher.search(own.job), 0, own);
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
