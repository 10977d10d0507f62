// libFuzzer target: Gambit .efg reader (see round_trip.hpp), then the
// structure checks every extensive-form solver starts with.
#include "round_trip.hpp"

#include <impasse/extensive/structure.hpp>
#include <impasse/io/efg.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto game = impasse::fuzz::read_and_round_trip(
      std::string_view(reinterpret_cast<const char*>(data), size),
      [](std::string_view text, std::string_view source) { return impasse::parse_efg(text, source); },
      [](const auto& g) { return impasse::to_efg(g); });
  if (game) {
    (void)impasse::perfect_recall_violation(*game);
    (void)impasse::has_perfect_information(*game);
  }
  return 0;
}
