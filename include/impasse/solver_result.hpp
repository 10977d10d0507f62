// What every solver's result says about how its run ended.
#pragma once

#include <string_view>

namespace impasse {

/// How a solver's run ended. Only `complete` promises that every
/// equilibrium the solver is designed to find was found.
enum class run_status {
  complete,       ///< the search ran to the end
  limit_reached,  ///< stopped at a limit set in the options (count, pivots)
  cancelled,      ///< stopped through the options' `std::stop_token`
};

[[nodiscard]] constexpr std::string_view to_string(run_status status) noexcept {
  switch (status) {
    case run_status::complete: return "complete";
    case run_status::limit_reached: return "limit reached";
    case run_status::cancelled: return "cancelled";
  }
  return "unknown";
}

}  // namespace impasse
