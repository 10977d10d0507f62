// libFuzzer target: the whole `impasse` command, in-process (lib/cli). The
// input is the arguments, each ended by a NUL byte, then after an empty
// argument (two NULs) the text on standard input. Only the statuses the
// command documents may come back (0 to 3); std::terminate, a crash or a
// sanitizer report is a finding. Files named on the command line are read
// from the empty directory the fuzzer runs in, so inputs stay the fuzzer's.
#include "commands.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const auto dir = std::filesystem::temp_directory_path() / ("impasse-command-fuzzer-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::current_path(dir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args{"impasse"};
  std::size_t pos = 0;
  while (pos < input.size()) {
    const auto end = input.find('\0', pos);
    if (end == std::string_view::npos || end == pos) {
      pos = end == std::string_view::npos ? input.size() : end + 1;
      break;
    }
    args.emplace_back(input.substr(pos, end - pos));
    pos = end + 1;
    if (args.size() > 16) break;
  }
  // Keep the fuzzer on the command's handling, not on a solver's running time
  // or on files outside its directory: no absolute paths, no large counts.
  const auto out_of_scope = [](const std::string& a) {
    if (a.starts_with("/") || a.find("..") != std::string::npos) return true;
    // A count of four digits or more (--strategies 9999,9999, --threads 5000)
    // asks for work the limits allow but a fuzzer cannot wait for.
    std::size_t run = 0;
    for (char c : a) {
      run = c >= '0' && c <= '9' ? run + 1 : 0;
      if (run >= 4) return true;
    }
    return false;
  };
  for (const auto& a : args)
    if (out_of_scope(a)) return 0;
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::istringstream in(std::string(input.substr(pos)));
  std::ostringstream out, err;
  const int status = impasse::cli::run(static_cast<int>(argv.size()), argv.data(), in, out, err);
  if (status < 0 || status > 3) std::abort();
  return 0;
}
