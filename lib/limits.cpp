#include <impasse/core/limits.hpp>

#include <mutex>

namespace impasse {
namespace {

std::mutex limits_mutex;
input_limits limits_in_force;

}  // namespace

input_limits input_limits_in_force() noexcept {
  const std::lock_guard lock(limits_mutex);
  return limits_in_force;
}

void set_input_limits(const input_limits& limits) noexcept {
  const std::lock_guard lock(limits_mutex);
  limits_in_force = limits;
}

}  // namespace impasse
