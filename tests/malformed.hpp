// Malformed game files in tests/data/DIR, each with the parse error it must
// give listed in DIR/EXPECTED: `FILE LINE COLUMN words the message contains`.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/limits.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace impasse::test {

struct malformed_case {
  std::string file;
  std::size_t line = 0, column = 0;
  std::string message;
};

inline std::filesystem::path malformed_dir(const std::string& dir) {
  return std::filesystem::path(IMPASSE_TEST_DATA_DIR) / dir;
}

inline std::vector<malformed_case> malformed_cases(const std::string& dir) {
  std::vector<malformed_case> cases;
  std::ifstream in(malformed_dir(dir) / "EXPECTED");
  std::string text;
  while (std::getline(in, text)) {
    if (text.empty() || text[0] == '#') continue;
    std::istringstream row(text);
    malformed_case c;
    row >> c.file >> c.line >> c.column;
    std::getline(row >> std::ws, c.message);
    cases.push_back(c);
  }
  return cases;
}

/// Every file with `extension` in tests/data/DIR has a line in EXPECTED, and
/// `read(path)` throws the parse_error that line describes.
template <class Read>
void check_malformed_files(const std::string& dir, const std::string& extension, Read read) {
  const auto cases = malformed_cases(dir);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(malformed_dir(dir)))
    files += entry.path().extension() == extension;
  ASSERT_GT(files, 0u);
  EXPECT_EQ(files, cases.size()) << "every malformed file has a line in EXPECTED";
  for (const auto& c : cases) {
    const std::string path = (malformed_dir(dir) / c.file).string();
    try {
      (void)read(path);
      ADD_FAILURE() << c.file << " was accepted";
    } catch (const parse_error& e) {
      EXPECT_EQ(e.source(), path);
      EXPECT_EQ(e.line(), c.line) << c.file << ": " << e.what();
      EXPECT_EQ(e.column(), c.column) << c.file << ": " << e.what();
      EXPECT_NE(e.message().find(c.message), std::string::npos) << c.file << ": " << e.what();
    } catch (const limit_exceeded& e) {
      // An input limit met while reading (core/limits.hpp), placed as a
      // parse error is: "PATH:LINE:COLUMN: WHAT exceeds the limit of ...".
      const std::string what = e.what();
      const std::string where = path + ":" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": ";
      EXPECT_EQ(what.rfind(where, 0), 0u) << c.file << ": " << what;
      EXPECT_NE(what.find(c.message), std::string::npos) << c.file << ": " << what;
    }
  }
}

}  // namespace impasse::test
