#include "game_input.hpp"

#include <impasse/io/efg.hpp>
#include <impasse/io/nfg.hpp>

#include "../io/tokenizer.hpp"


namespace impasse::cli {

std::string source_name(const std::string& file) { return file == "-" ? "<stdin>" : file; }

namespace {

std::string read_text(const std::string& file, std::istream& in) {
  return file == "-" ? detail::read_stream_text(in, source_name(file)) : detail::read_file_text(file);
}

bool starts_with_efg(const std::string& text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  return start != std::string::npos && text.compare(start, 3, "EFG") == 0;
}

}  // namespace

any_game read_game(const std::string& file, std::istream& in, strategic_numbers numbers) {
  const std::string text = read_text(file, in);
  if (starts_with_efg(text)) return parse_efg(text, source_name(file));
  if (numbers == strategic_numbers::double_) return parse_nfg<double>(text, source_name(file));
  return parse_nfg(text, source_name(file));
}

}  // namespace impasse::cli
