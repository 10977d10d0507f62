// What every solver's result says about how its run ended.
#pragma once

#include <cstddef>
#include <optional>
#include <stop_token>
#include <string_view>

namespace impasse {

/// How a solver's run ended. Only `complete` promises that every
/// equilibrium the solver is designed to find was found.
enum class run_status {
  complete,       ///< the search ran to the end
  limit_reached,  ///< stopped at a limit set in the options (count, pivots)
  cancelled,      ///< stopped through the options' `std::stop_token`
  failed,         ///< the method could not go on (the result says why); nothing unchecked is returned
};

[[nodiscard]] constexpr std::string_view to_string(run_status status) noexcept {
  switch (status) {
    case run_status::complete: return "complete";
    case run_status::limit_reached: return "limit reached";
    case run_status::cancelled: return "cancelled";
    case run_status::failed: return "failed";
  }
  return "unknown";
}

/// For iterative solvers, checked before each iteration: the status to end
/// with now, if any: `cancelled` when `stop` is requested, `limit_reached`
/// once `iterations` has reached `max_iterations`.
[[nodiscard]] inline std::optional<run_status> iteration_stop(const std::stop_token& stop, std::size_t iterations,
                                                              std::size_t max_iterations) {
  if (stop.stop_requested()) return run_status::cancelled;
  if (iterations >= max_iterations) return run_status::limit_reached;
  return std::nullopt;
}

}  // namespace impasse
