// An exception thrown inside one of pure_markov_perfect_equilibria's pool
// threads reaches the caller instead of calling std::terminate. The
// allocation that a worker makes when it records an equilibrium is made to
// fail in pool threads only (operator new is replaced in this program).
#include <impasse/stochastic/pure_markov_perfect.hpp>

#include "../stochastic_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <thread>

namespace {

std::atomic<bool> armed{false};
std::thread::id main_thread;

}  // namespace

void* operator new(std::size_t size) {
  if (armed && std::this_thread::get_id() != main_thread) throw std::bad_alloc();
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace impasse {
namespace {

TEST(pure_markov_perfect, exception_in_a_worker_thread_reaches_the_caller) {
  main_thread = std::this_thread::get_id();
  // Many states, so that the work is shared among threads; the workers fail
  // as soon as they allocate.
  const auto game = testing_support::random_stochastic_game<double>(11, 2, 6, 2, 0.75, true);
  armed = true;
  EXPECT_THROW((void)pure_stationary_enumeration(game, {.threads = 2, .prune = false}), std::bad_alloc);
  armed = false;
  const auto again = pure_stationary_enumeration(game, {.threads = 2, .prune = false});
  EXPECT_EQ(again.status, run_status::complete);
}

}  // namespace
}  // namespace impasse
