// Parameter sweeps of the controlled-friction model, in parallel over the
// grid's columns.
#include <impasse/models/controlled_friction_analysis.hpp>
#include <impasse/models/controlled_friction_sweep.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

namespace impasse::models {

sweep_result run_sweep(const controlled_friction_parameters& base, const sweep_definition& definition,
                       const sweep_options& options) {
  validate(base);
  if (definition.x.points == 0 || definition.y.points == 0) throw invalid_argument("run_sweep: an axis has no points");
  if (!definition.x.apply || !definition.y.apply) throw invalid_argument("run_sweep: an axis does not set a parameter");
  sweep_result result;
  result.definition = definition;
  const std::size_t nx = definition.x.points, ny = definition.y.points;
  result.points.resize(nx * ny);
  const auto start = std::chrono::steady_clock::now();

  std::atomic<std::size_t> next_column{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto work = [&] {
    try {
      for (std::size_t i; (i = next_column++) < nx;) {
        for (std::size_t j = 0; j < ny; ++j) {
          auto& point = result.points[i * ny + j];
          point.x = definition.x.value(i);
          point.y = definition.y.value(j);
          auto parameters = base;
          definition.x.apply(parameters, point.x);
          definition.y.apply(parameters, point.y);
          const auto found = search_deal_equilibria(parameters);
          point.equilibria = found.equilibria;
          point.deal_equilibria = found.deal_equilibria;
          point.deal_profile_found = found.deal_profile_found;
          point.stalling_profile_found = found.stalling_profile_found;
          point.escalating_equilibria = found.escalating_equilibria;
          const auto stalling = stalling_margins(parameters);
          point.stalling_closed_form = stalling[0] >= 0 && stalling[1] >= 0;
          point.stalling_margin = std::min(stalling[0], stalling[1]).convert_to<double>();
          const auto margins = deal_profile_margins(parameters);
          point.deal_profile_closed_form = margins[0] >= 0 && margins[1] >= 0;
          point.deal_profile_margin = std::min(margins[0], margins[1]).convert_to<double>();
        }
      }
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next_column = nx;
    }
  };
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const unsigned threads = std::clamp<unsigned>(options.threads == 0 ? hardware : options.threads, 1,
                                                static_cast<unsigned>(std::min<std::size_t>(nx, 64)));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  if (failure) std::rethrow_exception(failure);

  std::size_t essay = 0;
  for (const auto& p : result.points) {
    essay += p.deal_equilibria == 0;
    // The closed form is exact; the enumeration runs in double, so a point
    // on the boundary itself (margin within rounding of zero) may go either way.
    if (p.deal_profile_closed_form != p.deal_profile_found && std::abs(p.deal_profile_margin) > 1e-9)
      ++result.disagreements;
    if (p.stalling_closed_form != p.stalling_profile_found && std::abs(p.stalling_margin) > 1e-9) ++result.disagreements;
  }
  result.essay_share = static_cast<double>(essay) / static_cast<double>(result.points.size());
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace impasse::models
