// Parameter sweeps of the controlled-friction model, in parallel over the
// grid's columns.
#include <impasse/models/controlled_friction_analysis.hpp>
#include <impasse/models/controlled_friction_sweep.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace impasse::models {

void scale_rents(controlled_friction_parameters& p, const controlled_friction_parameters& base, const rational& factor) {
  p.rent_washington = base.rent_washington * factor;
  p.rent_tehran = base.rent_tehran * factor;
  p.sanctions_rent_tehran = base.sanctions_rent_tehran * factor;
  p.sanctions_signal_washington = base.sanctions_signal_washington * factor;
}

std::vector<sweep_definition> standard_sweeps(const controlled_friction_parameters& base, std::size_t points) {
  std::vector<sweep_definition> sweeps;
  const rational concession = base.network_concession_tehran + base.legitimacy_cost_tehran;
  sweeps.push_back({"commitment-concession-hawks", "The commitment channel: Tehran's concession against the hawks",
                    {"Tehran's one-time concession at signing (x default)", rational(0), rational(3), points,
                     [base](auto& p, const rational& v) {
                       p.network_concession_tehran = base.network_concession_tehran * v;
                       p.legitimacy_cost_tehran = base.legitimacy_cost_tehran * v;
                     }},
                    {"chance an election brings a hawk", rational(0), rational(1), points,
                     [](auto& p, const rational& v) { p.hawk_share = v; }}});
  (void)concession;
  sweeps.push_back({"rents-sanctions", "The rent channel: hostility rents against sanctions",
                    {"hostility rents (x default)", rational(0), rational(2), points,
                     [base](auto& p, const rational& v) { scale_rents(p, base, v); }},
                    {"sanctions intensity", rational(0), rational(1), points,
                     [](auto& p, const rational& v) { p.sanctions = v; }}});
  sweeps.push_back({"friction-risk-absorption", "Controlled friction: war risk against the talks as shock absorbers",
                    {"war risk of one grey-zone escalation", rational(0), rational(1, 50), points,
                     [](auto& p, const rational& v) { p.escalation_war_risk = v; }},
                    {"share of the risk the talks absorb", rational(0), rational(1), points,
                     [](auto& p, const rational& v) { p.talks_absorption = v; }}});
  return sweeps;
}

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
          validate(parameters);
          // One thread per point: the sweep's own threads share the cores.
          const auto found = search_equilibria(parameters, false, 1);
          point.equilibria = found.equilibria;
          point.deal_equilibria = found.reaching_deal;
          point.escalating_equilibria = found.escalating;
          point.swapping_equilibria = found.swapping;
          point.largest_war_risk = found.largest_war_within_horizon;
          point.found = found.named_found;
          const auto f = flows<rational>(parameters);
          for (std::size_t k = 0; k < 3; ++k) {
            const auto m = named_profile_margins(f, static_cast<named_profile>(k), false);
            point.closed_form[k] = is_equilibrium(m);
            point.margin[k] = std::min(m[0].margin, m[1].margin).convert_to<double>();
          }
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

  std::size_t no_deal = 0, friction = 0;
  for (const auto& p : result.points) {
    no_deal += p.deal_equilibria == 0;
    friction += p.equilibria > 0 && p.deal_equilibria == 0 && p.escalating_equilibria == p.equilibria &&
                p.largest_war_risk < 0.5;
    // The closed forms are exact; the enumeration runs in double, so a point
    // on a boundary itself (margin within rounding of zero) may go either way.
    for (std::size_t k = 0; k < 3; ++k)
      if (p.closed_form[k] != p.found[k] && std::abs(p.margin[k]) > 1e-9) ++result.disagreements;
  }
  const auto total = static_cast<double>(result.points.size());
  result.no_deal_share = static_cast<double>(no_deal) / total;
  result.friction_share = static_cast<double>(friction) / total;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace impasse::models
