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
  // returned at once: on the 300,000-decision chain of tests/hostile that was
  // a third of the time (`impasse solve --method pure`: 2.25 s, 127,000 minor
  // page faults; 1.64 s with these settings). Blocks up to 32 MB now come
  // from the heap, which keeps what is freed for reuse. A small game is not
  // affected: nothing is allocated until it is needed.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
#endif
  return impasse::cli::run(argc, argv, std::cin, std::cout, std::cerr);
}
