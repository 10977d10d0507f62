#include "game_input.hpp"

#include <impasse/io/efg.hpp>
#include <impasse/io/nfg.hpp>

#include <fstream>
#include <iterator>

namespace impasse::cli {

std::string source_name(const std::string& file) { return file == "-" ? "<stdin>" : file; }

namespace {

std::string read_text(const std::string& file, std::istream& in) {
  if (file == "-") {
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw file_error("<stdin>: read error");
    return text;
  }
  std::ifstream f(file, std::ios::binary);
  if (!f) throw file_error(file + ": cannot open file");
  std::string text{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  if (f.bad()) throw file_error(file + ": read error");
  return text;
}

bool starts_with_efg(const std::string& text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  return start != std::string::npos && text.compare(start, 3, "EFG") == 0;
}

}  // namespace

any_game read_game(const std::string& file, std::istream& in) {
  const std::string text = read_text(file, in);
  if (starts_with_efg(text)) return parse_efg(text, source_name(file));
  return parse_nfg(text, source_name(file));
}

}  // namespace impasse::cli
