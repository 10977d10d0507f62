// libFuzzer target: the reader of lrsnash's output (the oracle tests read
// lrsnash's equilibria with it). The first byte picks the game's size.
#include <impasse/io/lrsnash.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t m = 1 + data[0] % 4, n = 1 + (data[0] / 4) % 4;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    (void)impasse::parse_lrsnash_output(text, m, n, "<fuzz>");
  } catch (const impasse::error&) {
  }
  return 0;
}
