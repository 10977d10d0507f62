// The global sensitivity analysis of the controlled-friction verdicts
// (impasse/models/controlled_friction_sensitivity.hpp), on the threads of one
// machine or across the ranks of an MPI job:
//
//   controlled_friction_sensitivity [--samples N] [--seed S] [--enumerated K] [--output DIR]
//   mpirun -n 4 controlled_friction_sensitivity --output DIR      (as root: mpirun --allow-run-as-root)
//
// Each rank computes a contiguous block of the design's evaluations and of
// the enumerated subsample on its threads; rank 0 gathers the blocks in
// sample order and writes everything, so the output is byte-identical for
// any number of ranks and threads. Progress goes to standard error when it is
// a terminal; timings go to standard error, never into the output.
#include <impasse/models/controlled_friction_sensitivity.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#ifdef IMPASSE_WITH_MPI
#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#endif

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <string>
#include <vector>

namespace {

using namespace impasse;
using namespace impasse::models;

void open_and_write(const std::filesystem::path& path, const auto& write) {
  std::ofstream out(path);
  if (!out) throw file_error(path.string() + ": cannot open for writing");
  write(out);
  if (!out) throw file_error(path.string() + ": write failed");
}

/// [first, last) of `count` items for `rank` of `size`.
std::pair<std::size_t, std::size_t> block(std::size_t count, int rank, int size) {
  const auto r = static_cast<std::size_t>(rank), s = static_cast<std::size_t>(size);
  return {count * r / s, count * (r + 1) / s};
}

}  // namespace

int main(int argc, char** argv) {
#ifdef IMPASSE_WITH_MPI
  boost::mpi::environment environment(argc, argv);
  boost::mpi::communicator world;
  const int rank = world.rank(), size = world.size();
#else
  const int rank = 0, size = 1;
#endif
  CLI::App app{"Global sensitivity of the controlled-friction verdicts: a Sobol design over every parameter's "
               "plausible range, closed forms at every point, complete enumeration on a random subsample."};
  sensitivity_design design;
  std::string output = "controlled-friction-sensitivity";
  unsigned threads = 0;
  std::vector<std::string> overrides;
  app.add_option("--samples", design.base_samples, "N, points of each base matrix (N (d + 2) evaluations)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 24));
  app.add_option("--seed", design.seed, "skip offset into the Sobol sequence")->capture_default_str();
  app.add_option("--enumerated", design.enumerated, "base points also solved by complete enumeration")->capture_default_str();
  app.add_option("--subsample-seed", design.subsample_seed, "seed of the subsample's choice")->capture_default_str();
  app.add_option("--output", output, "directory for the text, CSV and SVG files")->capture_default_str();
  app.add_option("--threads", threads, "threads per process (0: the hardware's, shared among the ranks on it)");
  app.add_option("--param,-p", overrides, "override a parameter that the design does not sample: name=value");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return rank == 0 ? app.exit(e) : (e.get_exit_code() == 0 ? 0 : 2);
  }
  try {
    controlled_friction_parameters base;
    for (const auto& o : overrides) set_parameter(base, o);
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency() / static_cast<unsigned>(size));
    const bool show = rank == 0 && ::isatty(STDERR_FILENO);
    const auto start = std::chrono::steady_clock::now();
    const auto progress = [&](const char* what) {
      return sensitivity_progress([show, what, size](std::size_t done, std::size_t all) {
        if (show) std::fprintf(stderr, "\r%s: %zu of %zu on rank 0 (of %d ranks)   ", what, done, all, size);
      });
    };

    const std::size_t evaluations = evaluation_count(design);
    const auto [first, last] = block(evaluations, rank, size);
    auto verdicts = evaluate_design(design, base, first, last, threads, progress("closed forms"));
    if (show) std::fputc('\n', stderr);
    const std::size_t enumerated_count = enumerated_samples(design).size();
    const auto [e_first, e_last] = block(enumerated_count, rank, size);
    const auto enumerated = evaluate_enumerated(design, base, e_first, e_last, threads, progress("enumeration"));
    if (show) std::fputc('\n', stderr);
    std::vector<double> packed(enumerated.size() * enumerated_point::packed_size);
    for (std::size_t k = 0; k < enumerated.size(); ++k) enumerated[k].pack(packed.data() + k * enumerated_point::packed_size);

#ifdef IMPASSE_WITH_MPI
    // Rank 0 gathers the blocks in rank order, which is sample order.
    std::vector<int> sizes, packed_sizes;
    boost::mpi::gather(world, static_cast<int>(verdicts.size()), sizes, 0);
    boost::mpi::gather(world, static_cast<int>(packed.size()), packed_sizes, 0);
    std::vector<std::uint8_t> all_verdicts;
    std::vector<double> all_packed;
    if (rank == 0) {
      all_verdicts.resize(evaluations);
      std::size_t total = 0;
      for (const int s : packed_sizes) total += static_cast<std::size_t>(s);
      all_packed.resize(total);
      boost::mpi::gatherv(world, verdicts.data(), static_cast<int>(verdicts.size()), all_verdicts.data(), sizes, 0);
      boost::mpi::gatherv(world, packed.data(), static_cast<int>(packed.size()), all_packed.data(), packed_sizes, 0);
    } else {
      boost::mpi::gatherv(world, verdicts.data(), static_cast<int>(verdicts.size()), 0);
      boost::mpi::gatherv(world, packed.data(), static_cast<int>(packed.size()), 0);
    }
    verdicts = std::move(all_verdicts);
    packed = std::move(all_packed);
#endif
    if (rank != 0) return 0;
    std::vector<enumerated_point> points;
    for (std::size_t k = 0; k + enumerated_point::packed_size <= packed.size(); k += enumerated_point::packed_size)
      points.push_back(enumerated_point::unpack(packed.data() + k));
    const auto result = summarize_sensitivity(design, verdicts, std::move(points));

    std::filesystem::create_directories(output);
    const std::filesystem::path dir(output);
    std::ostringstream text;
    write_sensitivity_text(text, result);
    std::cout << text.str();
    open_and_write(dir / "sensitivity.txt", [&](std::ostream& out) { out << text.str(); });
    open_and_write(dir / "sensitivity-indices.csv", [&](std::ostream& out) { write_sensitivity_csv(out, result); });
    open_and_write(dir / "sensitivity-enumerated.csv", [&](std::ostream& out) { write_enumerated_csv(out, result); });
    open_and_write(dir / "sensitivity.svg", [&](std::ostream& out) { write_sensitivity_svg(out, result); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << fmt::format("controlled_friction_sensitivity: {} evaluations and {} enumerations on {} rank(s) x {} "
                             "thread(s) in {:.2f} s ({:.0f} evaluations per second overall); wrote {}\n",
                             evaluations, result.enumerated.size(), size, threads, seconds,
                             static_cast<double>(evaluations) / seconds, output);
  } catch (const std::exception& e) {
    std::cerr << "controlled_friction_sensitivity: " << e.what() << '\n';
#ifdef IMPASSE_WITH_MPI
    if (size > 1) environment.abort(1);
#endif
    return 1;
  }
  return 0;
}
