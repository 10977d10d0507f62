// impasse: equilibria of games from the command line (lib/cli/app.cpp).
#include "commands.hpp"

#include <iostream>

int main(int argc, char** argv) { return impasse::cli::run(argc, argv, std::cin, std::cout, std::cerr); }
