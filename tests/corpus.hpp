// The Gambit corpus in ../shared/corpus: game files and Gambit's answers.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace impasse::test {

inline std::filesystem::path corpus_dir() { return IMPASSE_CORPUS_DIR; }

inline bool corpus_present() { return std::filesystem::is_directory(corpus_dir() / "gambit"); }

/// The corpus's game files with the given extension (".nfg", ".efg"), sorted.
inline std::vector<std::filesystem::path> corpus_games(const std::string& extension) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(corpus_dir() / "gambit"))
    if (e.path().extension() == extension) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// The lines of Gambit's answer NAME.SOLVER for a game, as a set; `found`
/// says whether the file exists.
inline std::set<std::string> expected_lines(const std::filesystem::path& game, const std::string& solver,
                                            bool& found) {
  std::set<std::string> lines;
  std::ifstream in(corpus_dir() / "gambit-expected" / (game.filename().string() + "." + solver));
  found = static_cast<bool>(in);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) lines.insert(line);
  return lines;
}

/// The corpus's strategic games that Gambit's enumpoly answered (a
/// NAME.nfg.enumpoly file exists): the games with three or more players that
/// the n-player solvers' tests run on, sorted.
inline std::vector<std::filesystem::path> corpus_games_with_enumpoly_answers() {
  std::vector<std::filesystem::path> out;
  for (const auto& path : corpus_games(".nfg"))
    if (std::filesystem::exists(corpus_dir() / "gambit-expected" / (path.filename().string() + ".enumpoly")))
      out.push_back(path);
  return out;
}

}  // namespace impasse::test
