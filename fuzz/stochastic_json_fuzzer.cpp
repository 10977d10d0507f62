// libFuzzer target: the stochastic-game JSON reader (see round_trip.hpp).
#include "round_trip.hpp"

#include <impasse/io/stochastic_json.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)impasse::fuzz::read_and_round_trip(
      std::string_view(reinterpret_cast<const char*>(data), size),
      [](std::string_view text, std::string_view source) { return impasse::parse_stochastic_json(text, source); },
      [](const auto& game) { return impasse::to_stochastic_json(game); });
  return 0;
}
