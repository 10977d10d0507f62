#include "game_input.hpp"

#include <impasse/io/nfg.hpp>

#include <fstream>
#include <iterator>

namespace impasse::cli {

std::string source_name(const std::string& file) { return file == "-" ? "<stdin>" : file; }

strategic_game<rational> read_strategic_game(const std::string& file, std::istream& in) {
  if (file == "-") return read_nfg(in, source_name(file));
  return read_nfg_file(file);
}

}  // namespace impasse::cli
