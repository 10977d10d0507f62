// fmt's compiled part, built from the installed fmt headers into the
// statically linked `impasse` command (IMPASSE_STATIC_TOOL in
// CMakeLists.txt), which then needs neither libfmt.so nor, through it,
// libstdc++.so: the dynamic loader's symbol lookups and relocations for
// those two were most of the command's start-up (about 5 of 7.5 ms for a
// 4 x 4 game; benchmarks/README.md). Without FMT_HEADER_ONLY, format-inl.h
// defines fmt's non-template functions as ordinary (non-inline) ones; the
// two character-type templates below are the ones the command's objects
// also need, instantiated here as libfmt.so instantiates them.
#include <fmt/format-inl.h>

template fmt::detail::thousands_sep_result<char> fmt::detail::thousands_sep_impl<char>(fmt::detail::locale_ref);
template char fmt::detail::decimal_point_impl<char>(fmt::detail::locale_ref);
