// What the reader fuzzers check on every input: a game that reads must
// write back and read again to the same text; otherwise only one of
// impasse's errors may escape (anything else reaches libFuzzer as a crash).
#pragma once

#include <impasse/core/error.hpp>

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace impasse::fuzz {

/// The game `parse(text, source)` reads, checked to round-trip through
/// `write`, or nothing when the text is refused.
template <class Parse, class Write>
auto read_and_round_trip(std::string_view text, Parse&& parse, Write&& write)
    -> std::optional<std::decay_t<decltype(parse(text, std::string_view()))>> {
  try {
    auto game = parse(text, "<fuzz>");
    const std::string written = write(game);
    if (write(parse(written, "<written>")) != written) std::abort();
    return game;
  } catch (const error&) {
    return std::nullopt;
  }
}

}  // namespace impasse::fuzz
