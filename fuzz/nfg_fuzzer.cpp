// libFuzzer target: Gambit .nfg reader (see round_trip.hpp for what is
// checked; scripts/fuzz.sh runs it). The reader in double is checked too:
// it refuses exactly the texts the exact reader refuses (or one with a
// payoff beyond a double), and otherwise gives the exact game converted,
// bit for bit.
#include "round_trip.hpp"

#include <impasse/io/nfg.hpp>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto exact = impasse::fuzz::read_and_round_trip(
      text, [](std::string_view t, std::string_view source) { return impasse::parse_nfg(t, source); },
      [](const auto& game) { return impasse::to_nfg(game); });
  std::optional<impasse::strategic_game<double>> in_double;
  try {
    in_double = impasse::parse_nfg<double>(text, "<fuzz>");
  } catch (const impasse::error&) {
  }
  if (!exact) {
    if (in_double) std::abort();  // read in double what the exact reader refused
    return 0;
  }
  bool finite = true;
  for (std::size_t i = 0; i < exact->num_players(); ++i)
    for (const auto& u : exact->payoffs(i)) finite = finite && std::isfinite(u.convert_to<double>());
  if (in_double.has_value() != finite) std::abort();
  if (!in_double) return 0;
  const auto converted = impasse::convert<double>(*exact);
  for (std::size_t i = 0; i < exact->num_players(); ++i) {
    const auto a = converted.payoffs(i);
    const auto b = in_double->payoffs(i);
    for (std::size_t p = 0; p < a.size(); ++p)
      if (std::bit_cast<std::uint64_t>(a[p]) != std::bit_cast<std::uint64_t>(b[p])) std::abort();
  }
  return 0;
}
