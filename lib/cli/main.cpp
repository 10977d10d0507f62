// impasse: equilibria of games from the command line (lib/cli/app.cpp).
#include "commands.hpp"

#include <iostream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // A large game is read into many small blocks and a few large arrays that
  // grow by doubling, then converted and freed. glibc's defaults give each
  // array past 128 KB fresh pages from mmap, faulted in one by one and
  // returned at once: on the 300,000-decision chain of tests/hostile,
  // `impasse solve --method pure` took 2.25 s with 127,000 minor page faults,
  // and takes 1.78 s with these settings (quiet machine, 2026-12-06). Blocks
  // up to 32 MB now come from the heap, which keeps what is freed for reuse;
  // start-up on a small game is unchanged (2.6 ms task-clock on a 2x2 game).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
#endif
  return impasse::cli::run(argc, argv, std::cin, std::cout, std::cerr);
}
